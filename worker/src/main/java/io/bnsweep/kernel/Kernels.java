package io.bnsweep.kernel;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Installs bnsweep's kernels into an initialised network, in place of the helpers DL4J chose.
 *
 * <p>DL4J M2 picks a layer's helper in the layer's constructor, from a class name it hard-codes,
 * and keeps it in a package-private field; there is no public setter. This class sets that field by
 * reflection, which the class path (DL4J is not a named module) allows. If a DL4J upgrade renames
 * the field, {@link #install} fails with an {@link IllegalStateException} saying so, and the tests
 * in {@code io.bnsweep.kernel} fail with it.
 */
public final class Kernels {
  private static final String BATCH_NORM_HELPER_FIELD = "helper";

  private Kernels() {}

  /**
   * Gives every NCHW BatchNorm layer of {@code net} its own {@link BatchNormKernel}. Returns how
   * many layers got one. Copies made later with {@code clone()} get DL4J's helpers again.
   */
  public static int install(MultiLayerNetwork net) {
    int installed = 0;
    for (Layer layer : net.getLayers()) {
      if (layer instanceof BatchNormalization bn
          && bn.layerConf().getCnn2DFormat() == CNN2DFormat.NCHW
          && !bn.layerConf().isLockGammaBeta()) {
        setHelper(bn, new BatchNormKernel());
        installed++;
      }
    }
    return installed;
  }

  private static void setHelper(BatchNormalization layer, BatchNormalizationHelper helper) {
    try {
      Field field = BatchNormalization.class.getDeclaredField(BATCH_NORM_HELPER_FIELD);
      field.setAccessible(true);
      field.set(layer, helper);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot install the BatchNorm kernel: DL4J's BatchNormalization layer has no accessible"
              + " field '"
              + BATCH_NORM_HELPER_FIELD
              + "' ("
              + e
              + ")",
          e);
    }
  }
}

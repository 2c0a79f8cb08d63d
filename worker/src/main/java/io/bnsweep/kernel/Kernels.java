package io.bnsweep.kernel;

import io.bnsweep.network.Network;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Installs bnsweep's kernels into an initialised network, in place of the helpers and activation
 * functions DL4J chose.
 *
 * <p>DL4J M2 picks a layer's helper in the layer's constructor, from a class name it hard-codes,
 * and keeps it in a non-public field named {@code helper}; there is no public setter. This class
 * sets that field by reflection, which the class path (DL4J is not a named module) allows; the
 * max-pooling kernel also replaces a stack's pooling layer in its (non-public) map of layers by
 * name. If a DL4J upgrade renames either field, {@link #install} fails with an {@link
 * IllegalStateException} saying so, and the tests in {@code io.bnsweep.kernel} fail with it.
 */
public final class Kernels {
  private static final String HELPER_FIELD = "helper";
  private static final String LAYER_MAP_FIELD = "layerMap";

  private Kernels() {}

  /**
   * Installs every kernel that fits a layer of {@code net}: {@link #installConv}, {@link
   * #installFirstConv} (whose forward pass is then the conv kernel's), {@link #installBatchNorm},
   * {@link #installMaxPool} and {@link #installActivations}. Returns how many layers got one (a
   * first convolution counts once). Copies made later with {@code clone()} get DL4J's helpers
   * again, and keep the activation kernels (they live in the configuration, which DL4J copies
   * shallowly).
   */
  public static int install(Network net) {
    installConv(net);
    installFirstConv(net);
    installBatchNorm(net);
    installMaxPool(net);
    installActivations(net);
    return (int) net.layers().stream().filter(layer -> kernel(layer) != null).count();
  }

  /**
   * Gives every plain NCHW convolution without dilation a {@link ConvKernel} (oneDNN's direct
   * convolutions), in place of DL4J's helper.
   */
  public static int installConv(Network net) {
    int installed = 0;
    for (Layer layer : net.layers()) {
      if (layer instanceof ConvolutionLayer conv
          && conv.getClass() == ConvolutionLayer.class
          && ConvKernel.supports(
              conv.layerConf().getDilation(), conv.layerConf().getCnn2dDataFormat())) {
        if (!(conv.getHelper() instanceof ConvKernel)) {
          setHelper(ConvolutionLayer.class, conv, new ConvKernel(conv.layerConf().hasBias()));
        }
        installed++;
      }
    }
    return installed;
  }

  /** {@link #install(Network)} for a stack of layers. */
  public static int install(MultiLayerNetwork net) {
    return install(new Network.Stack(net));
  }

  /**
   * Gives the network's first layer a {@link FirstConvKernel} if it is a convolution the kernel
   * supports (stride 1, no padding, NCHW, a few input channels), keeping the layer's helper for the
   * forward pass.
   */
  public static int installFirstConv(Network net) {
    List<Layer> layers = net.layers();
    if (layers.isEmpty()
        || !(layers.get(0) instanceof ConvolutionLayer first)
        || first.getClass() != ConvolutionLayer.class) {
      return 0; // not a plain convolution (subclasses are depthwise, separable, ...)
    }
    org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = first.layerConf();
    if (!FirstConvKernel.supports(
        conf.getNIn(),
        conf.getStride(),
        conf.getPadding(),
        conf.getDilation(),
        conf.getConvolutionMode(),
        conf.getCnn2dDataFormat())) {
      return 0;
    }
    if (!(first.getHelper() instanceof FirstConvKernel)) {
      setHelper(
          ConvolutionLayer.class,
          first,
          new FirstConvKernel((ConvolutionHelper) first.getHelper()));
    }
    return 1;
  }

  /** Gives every NCHW BatchNorm layer with learned scale and shift a {@link BatchNormKernel}. */
  public static int installBatchNorm(Network net) {
    int installed = 0;
    for (Layer layer : net.layers()) {
      if (layer instanceof BatchNormalization bn
          && bn.layerConf().getCnn2DFormat() == CNN2DFormat.NCHW
          && !bn.layerConf().isLockGammaBeta()) {
        setHelper(BatchNormalization.class, bn, new BatchNormKernel());
        installed++;
      }
    }
    return installed;
  }

  /**
   * Gives every max-pooling layer a {@link MaxPoolKernel}, which serves the NCHW float calls
   * without padding or dilation and hands the others back to DL4J's path. In a stack of layers the
   * pooling layer is replaced by a {@link MaxPoolLayer}, whose forward pass runs the kernel as
   * well; a graph's pooling layers get the kernel for their backward pass only.
   */
  public static int installMaxPool(Network net) {
    int installed = 0;
    List<Layer> layers = net.layers();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof SubsamplingLayer pool
          && (pool.getClass() == SubsamplingLayer.class || pool instanceof MaxPoolLayer)
          && pool.layerConf().getPoolingType() == PoolingType.MAX) {
        if (net instanceof Network.Stack stack) {
          if (!(pool instanceof MaxPoolLayer)) {
            replaceLayer(stack.net(), i, new MaxPoolLayer(pool));
          }
        } else if (!(pool.getHelper() instanceof MaxPoolKernel)) {
          setHelper(SubsamplingLayer.class, pool, new MaxPoolKernel());
        }
        installed++;
      }
    }
    return installed;
  }

  /** Puts {@code layer} in place of the stack's layer {@code index}, also under its name. */
  private static void replaceLayer(MultiLayerNetwork net, int index, Layer layer) {
    Layer[] layers = net.getLayers().clone();
    Layer replaced = layers[index];
    layers[index] = layer;
    net.setLayers(layers);
    try {
      Field field = MultiLayerNetwork.class.getDeclaredField(LAYER_MAP_FIELD);
      field.setAccessible(true);
      @SuppressWarnings("unchecked")
      Map<String, Layer> byName = (Map<String, Layer>) field.get(net);
      byName.replaceAll((name, l) -> l == replaced ? layer : l);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot install a kernel: DL4J's MultiLayerNetwork has no accessible field '"
              + LAYER_MAP_FIELD
              + "' ("
              + e
              + ")",
          e);
    }
  }

  /**
   * Gives every activation layer whose function is ND4J's tanh, sigmoid or plain ReLU the matching
   * kernel ({@link TanhKernel}, {@link SigmoidKernel}, {@link ReluKernel}: ND4J's own forward pass,
   * a faster backward pass; BENCHMARKS.md). Activations are not layer helpers in DL4J: the function
   * is replaced in the layer's configuration, which the network's configuration shares, so the
   * network's configuration names the kernel from then on.
   */
  public static int installActivations(Network net) {
    int installed = 0;
    for (Layer layer : net.layers()) {
      if (layer instanceof ActivationLayer activation) {
        IActivation kernel = kernelFor(activation.layerConf().getActivationFn());
        if (kernel != null) {
          activation.layerConf().setActivationFn(kernel);
          installed++;
        }
      }
    }
    return installed;
  }

  /**
   * The kernels in {@code net}, in layer order with a count for repeats, e.g. {@code first-conv,
   * batch-norm x2, tanh x2}; {@code none} if it has none. Read from the network itself, so it says
   * what will run, whoever installed it.
   */
  public static String describe(MultiLayerNetwork net) {
    return describe(new Network.Stack(net));
  }

  /** {@link #describe(MultiLayerNetwork)} of either kind of network, its layers in flow order. */
  public static String describe(Network net) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Layer layer : net.layers()) {
      Found kernel = kernel(layer);
      if (kernel != null) {
        counts.merge(kernel.name(), 1, Integer::sum);
      }
    }
    if (counts.isEmpty()) {
      return "none";
    }
    return counts.entrySet().stream()
        .map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " x" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /**
   * The calls each kind of kernel in {@code net} served and declined so far, summed over its
   * layers, keyed as in {@link #describe} and in layer order; empty if the network has none.
   */
  public static Map<String, KernelUse> calls(Network net) {
    Map<String, KernelUse> calls = new LinkedHashMap<>();
    for (Layer layer : net.layers()) {
      Found kernel = kernel(layer);
      if (kernel != null) {
        calls.merge(kernel.name(), kernel.use(), KernelUse::plus);
      }
    }
    return calls;
  }

  /** A kernel found in a layer: its name in {@link #describe}, and its calls so far. */
  private record Found(String name, KernelUse use) {}

  /** The kernel {@code layer} runs, or null if it runs none of bnsweep's. */
  private static Found kernel(Layer layer) {
    if (layer instanceof ConvolutionLayer conv) {
      if (conv.getHelper() instanceof FirstConvKernel k) {
        return new Found("first-conv", k.use());
      }
      if (conv.getHelper() instanceof ConvKernel k) {
        return new Found("conv", k.use());
      }
    }
    if (layer instanceof BatchNormalization bn && bn.getHelper() instanceof BatchNormKernel k) {
      return new Found("batch-norm", k.use());
    }
    if (layer instanceof SubsamplingLayer pool && pool.getHelper() instanceof MaxPoolKernel k) {
      return new Found("max-pool", k.use());
    }
    if (layer instanceof ActivationLayer activation) {
      IActivation fn = activation.layerConf().getActivationFn();
      if (fn instanceof TanhKernel k) {
        return new Found("tanh", k.use());
      }
      if (fn instanceof SigmoidKernel k) {
        return new Found("sigmoid", k.use());
      }
      if (fn instanceof ReluKernel k) {
        return new Found("relu", k.use());
      }
    }
    return null;
  }

  /** The kernel that computes {@code fn}, or null if there is none. */
  private static IActivation kernelFor(IActivation fn) {
    Class<?> kind = fn.getClass();
    if (kind == ActivationTanH.class) {
      return new TanhKernel();
    }
    if (kind == ActivationSigmoid.class) {
      return new SigmoidKernel();
    }
    if (kind == ActivationReLU.class && fn.equals(new ActivationReLU())) {
      return new ReluKernel();
    }
    return null;
  }

  private static void setHelper(Class<?> layerClass, Layer layer, LayerHelper helper) {
    try {
      Field field = layerClass.getDeclaredField(HELPER_FIELD);
      field.setAccessible(true);
      field.set(layer, helper);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot install a kernel: DL4J's "
              + layerClass.getSimpleName()
              + " has no accessible field '"
              + HELPER_FIELD
              + "' ("
              + e
              + ")",
          e);
    }
  }
}

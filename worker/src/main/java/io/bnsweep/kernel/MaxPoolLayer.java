package io.bnsweep.kernel;

import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's pooling layer with its forward pass routed through its helper, a {@link MaxPoolKernel}.
 *
 * <p>DL4J M2's {@code SubsamplingLayer} asks its helper for the backward pass only; its forward
 * pass always runs ND4J's {@code maxpool2d} op, which is the slow oneDNN path the kernel exists to
 * avoid (BENCHMARKS.md). This subclass changes nothing else: same configuration, no parameters, and
 * anything the kernel declines (see {@link MaxPoolKernel}) goes to DL4J's own forward pass, with
 * its validation and errors.
 */
final class MaxPoolLayer extends SubsamplingLayer {
  private static final long serialVersionUID = 1L;

  private final transient MaxPoolKernel kernel = new MaxPoolKernel();

  /** A layer to stand in for {@code replaced}: its configuration, index, listeners, cache mode. */
  MaxPoolLayer(SubsamplingLayer replaced) {
    super(replaced.conf(), replaced.getDataType());
    helper = kernel;
    setIndex(replaced.getIndex());
    setListeners(replaced.getListeners());
    setCacheMode(replaced.getCacheMode());
    setEpochCount(replaced.getEpochCount());
    setIterationCount(replaced.getIterationCount());
  }

  MaxPoolKernel kernel() {
    return kernel;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    if (helper == kernel) {
      INDArray out =
          kernel.activate(
              input.castTo(dataType),
              training,
              layerConf().getKernelSize(),
              layerConf().getStride(),
              layerConf().getPadding(),
              layerConf().getPoolingType(),
              convolutionMode,
              layerConf().getDilation(),
              layerConf().getCnn2dDataFormat(),
              workspaceMgr);
      if (out != null) {
        return out;
      }
    }
    return super.activate(training, workspaceMgr);
  }
}

package io.bnsweep.network.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.util.SameDiffUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Channel scaling (CS), from "Person Re-identification with Cascaded Pairwise Convolutions" (CVPR
 * 2018): each channel {@code c} of the input is multiplied by a learned scale {@code exp(theta_c)},
 *
 * <pre>
 *   y[n, c, h, w] = exp(theta_c) * x[n, c, h, w]    (convolutional activations, NCHW)
 *   y[n, c]       = exp(theta_c) * x[n, c]          (dense activations)
 * </pre>
 *
 * <p>with one parameter per channel, {@value #THETA} of shape {@code [1, c]}, initialised to 0. The
 * scale is learned through its logarithm: {@code exp} maps every real {@code theta} to a positive
 * number, so no gradient step can make a scale zero or negative (a channel cannot be switched off
 * or have its sign flipped), the initial scale is exactly 1 (the layer starts as the identity), and
 * a step in {@code theta} changes the scale by a factor, the same relative change whatever its
 * size. The gradients are {@code dL/dx = exp(theta_c) dL/dy} and {@code dL/dtheta_c = sum over n,
 * h, w of x dL/dy exp(theta_c)}.
 *
 * <p>The number of channels is {@code nIn} (= {@code nOut}); it is taken from the network's input
 * type (give the builder {@code setInputType(...)}), or set by {@link #ChannelScaling(long)}. The
 * input types accepted are {@code InputType.feedForward(c)} and {@code InputType.convolutional(h,
 * w, c)} in {@link CNN2DFormat#NCHW}; the output type is the input type.
 *
 * <p>Like BatchNorm's gamma, {@code theta} is not regularised by the network's global L1, L2 or
 * weight decay; regularisation set on this layer itself ({@link #setRegularization}) does apply.
 * The global updater applies as to any layer.
 *
 * <p>Add it as {@code listBuilder.layer(new ChannelScaling())} or {@code
 * graphBuilder.addLayer("cs", new ChannelScaling(), "conv")}.
 */
public class ChannelScaling extends SameDiffLayer {
  private static final long serialVersionUID = 1L;

  /** The key of the parameter: the log of the per-channel scale, shape {@code [1, nIn]}. */
  public static final String THETA = "theta";

  private long nIn;

  /** A layer whose number of channels comes from the network's input type. */
  public ChannelScaling() {
    this(0);
  }

  /**
   * A layer over {@code channels} channels (an input type given to the network builder still
   * overrides it, as for DL4J's own layers).
   */
  public ChannelScaling(long channels) {
    if (channels < 0) {
      throw new IllegalArgumentException(
          "channels must be >= 0 (0: from the input type), got " + channels);
    }
    this.nIn = channels;
  }

  /** The number of channels, 0 while not yet set from the input type. */
  public long getNIn() {
    return nIn;
  }

  /** Sets the number of channels (also used by JSON deserialisation). */
  public void setNIn(long nIn) {
    if (nIn < 0) {
      throw new IllegalArgumentException("nIn must be >= 0 (0: from the input type), got " + nIn);
    }
    this.nIn = nIn;
    // the parameter shape depends on nIn: drop a definition made for another nIn (JSON sets the
    // definition it stored before nIn, and that one matches)
    long[] theta = getLayerParams().getParamShapes().get(THETA);
    if (theta == null ? nIn > 0 : theta[1] != nIn) {
      setLayerParams(null);
    }
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    long channels = channelsOf(inputType);
    if (nIn <= 0 || override) {
      setNIn(channels);
    }
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    long channels = channelsOf(inputType);
    if (nIn > 0 && channels != nIn) {
      throw new IllegalStateException(
          "ChannelScaling (layer "
              + layerIndex
              + ", "
              + getLayerName()
              + ") has "
              + nIn
              + " channels but its input type "
              + inputType
              + " has "
              + channels);
    }
    return inputType;
  }

  /** The channels of an accepted input type; rejects any other type. */
  private static long channelsOf(InputType inputType) {
    if (inputType instanceof InputType.InputTypeFeedForward) {
      return ((InputType.InputTypeFeedForward) inputType).getSize();
    }
    if (inputType instanceof InputType.InputTypeConvolutional) {
      InputType.InputTypeConvolutional conv = (InputType.InputTypeConvolutional) inputType;
      if (conv.getFormat() != CNN2DFormat.NCHW) {
        throw new IllegalArgumentException(
            "ChannelScaling supports only NCHW convolutional activations, not "
                + conv.getFormat()
                + " ("
                + inputType
                + ")");
      }
      return conv.getChannels();
    }
    throw new IllegalArgumentException(
        "ChannelScaling takes InputType.feedForward(c) or InputType.convolutional(h, w, c) in"
            + " NCHW, not "
            + (inputType == null ? "no input type" : inputType.getType() + " (" + inputType + ")"));
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    if (nIn > 0) { // none until nIn is known; instantiate() refuses a layer without channels
      params.addWeightParam(THETA, 1, nIn);
    }
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    if (nIn <= 0) {
      throw new IllegalStateException(
          "ChannelScaling (layer "
              + layerIndex
              + ", "
              + getLayerName()
              + ") has no number of channels: give the network builder an input type"
              + " (setInputType) or use new ChannelScaling(channels)");
    }
    // what SameDiffLayer.instantiate does, with the runtime layer below
    Runtime layer = new Runtime(conf, networkDataType);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(layerParamsView);
    layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    params.get(THETA).assign(0);
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable layerInput, Map<String, SDVariable> paramTable, SDVariable mask) {
    SDVariable scale = sd.math().exp(paramTable.get(THETA));
    long[] shape = layerInput.getShape();
    int rank = shape == null ? -1 : shape.length;
    if (rank == 4) {
      scale = scale.reshape(1, nIn, 1, 1);
    } else if (rank != 2) {
      throw new IllegalArgumentException(
          "ChannelScaling takes [n, c] or NCHW [n, c, h, w] activations, got rank " + rank);
    }
    return layerInput.mul(scale);
  }

  @Override
  public void validateInput(INDArray input) {
    if ((input.rank() != 2 && input.rank() != 4) || input.size(1) != nIn) {
      throw new IllegalArgumentException(
          "ChannelScaling "
              + getLayerName()
              + " expects [n, "
              + nIn
              + "] or NCHW [n, "
              + nIn
              + ", h, w] activations, got shape "
              + Arrays.toString(input.shape()));
    }
  }

  /**
   * Takes the network's updater and gradient normalisation as DL4J's layers do, but not its
   * regularisation: {@code theta} keeps only the regularisation set on this layer (none unless
   * {@link #setRegularization} was called).
   */
  @Override
  public void applyGlobalConfig(NeuralNetConfiguration.Builder b) {
    List<Regularization> own = regularization;
    List<Regularization> ownBias = regularizationBias;
    super.applyGlobalConfig(b);
    regularization = own == null ? new ArrayList<>() : own;
    regularizationBias = ownBias == null ? new ArrayList<>() : ownBias;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof ChannelScaling)) {
      return false;
    }
    ChannelScaling other = (ChannelScaling) o;
    return other.canEqual(this) && super.equals(o) && nIn == other.nIn;
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof ChannelScaling;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Long.hashCode(nIn);
  }

  @Override
  public String toString() {
    return "ChannelScaling(layerName=" + getLayerName() + ", nIn=" + nIn + ")";
  }

  /**
   * DL4J's runtime SameDiff layer with two 1.0.0-M2 defects mended.
   *
   * <ul>
   *   <li>{@code setParam} checks the key and the shape and then copies nothing, so {@code
   *       net.setParam("1_theta", values)} was silently ignored; here it copies the values into the
   *       parameter view the SameDiff graph reads.
   *   <li>Backprop feeds the next layer's error into the graph through ND4J's {@code
   *       ExternalErrorsFunction}, whose gradient M2 counts twice: every gradient of a SameDiff
   *       layer comes out doubled (DL4J's own {@code LocallyConnected1D} fails {@code
   *       GradientCheckUtil} in M2 for that reason). Backprop is linear in that error, so the
   *       gradients are divided by the factor {@link ExternalErrors#FACTOR} measured once on a
   *       one-op graph: 2 on M2, 1 on an ND4J without the defect.
   * </ul>
   */
  static final class Runtime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {
    private static final long serialVersionUID = 1L;

    Runtime(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public void setParam(String key, INDArray val) {
      super.setParam(key, val); // rejects an unknown key or a wrong shape
      paramTable.get(key).assign(val);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
        INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      Pair<Gradient, INDArray> result = super.backpropGradient(epsilon, workspaceMgr);
      double factor = ExternalErrors.FACTOR;
      if (factor != 1.0) {
        // the Gradient holds the gradient views themselves; the input gradient is a fresh copy
        for (INDArray gradient : result.getFirst().gradientForVariable().values()) {
          gradient.divi(factor);
        }
        result.getSecond().divi(factor);
      }
      return result;
    }
  }

  /** How many times ND4J's external-errors backprop counts the error it is given. */
  static final class ExternalErrors {
    /** d(in * w)/d in over w on a one-op graph fed an error of 1: 1 when correct. */
    static final double FACTOR = measure();

    private ExternalErrors() {}

    @SuppressWarnings("try") // the scope is what matters, not the resource
    private static double measure() {
      try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.DOUBLE, -1, 1);
        SDVariable w = sd.var("w", Nd4j.valueArrayOf(new long[] {1, 1}, 3.0, DataType.DOUBLE));
        ExternalErrorsFunction fn = SameDiffUtils.externalErrors(sd, null, in.mul(w));
        sd.createGradFunction("in");
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("in", Nd4j.ones(DataType.DOUBLE, 1, 1));
        feed.put(fn.getGradPlaceholderName(), Nd4j.ones(DataType.DOUBLE, 1, 1));
        double factor = sd.calculateGradients(feed, "in").get("in").getDouble(0) / 3.0;
        if (!(factor == 1.0 || factor == 2.0)) {
          throw new IllegalStateException(
              "ND4J's external-errors backprop scales the error by " + factor + ", not 1 or 2");
        }
        return factor;
      }
    }
  }
}

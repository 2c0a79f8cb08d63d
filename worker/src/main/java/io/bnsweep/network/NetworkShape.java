package io.bnsweep.network;

import io.bnsweep.variant.Variant;
import java.util.List;

/**
 * The shape of a variant's network: one conv block per entry of {@code channels}, each a {@code
 * kernel x kernel} convolution without padding, then the placement's block, then 2x2 max pooling; a
 * softmax output layer over the classes closes the network.
 *
 * @param channels output channels of each conv block, in order
 * @param kernel side of the square conv kernel
 */
public record NetworkShape(List<Integer> channels, int kernel) {
  /** Two blocks of 16 and 32 channels with 3x3 kernels. */
  public static final NetworkShape DEFAULT = new NetworkShape(List.of(16, 32), 3);

  /** The shape a variant's {@code network.*} settings give. */
  public static NetworkShape of(Variant variant) {
    return new NetworkShape(variant.get(CnnFamily.CHANNELS), variant.get(CnnFamily.KERNEL));
  }

  /** {@code variant} with this shape's {@code network.*} settings. */
  public Variant applyTo(Variant variant) {
    return variant.with(CnnFamily.CHANNELS, channels).with(CnnFamily.KERNEL, kernel);
  }

  public NetworkShape {
    channels = List.copyOf(channels);
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("network needs at least one conv block");
    }
    for (int c : channels) {
      if (c <= 0) {
        throw new IllegalArgumentException("channels must be positive, got " + c);
      }
    }
    if (kernel <= 0) {
      throw new IllegalArgumentException("kernel must be positive, got " + kernel);
    }
  }

  /**
   * The side of the feature map after all blocks, for a square input of side {@code inputSide};
   * zero or less means the input is too small for this many blocks.
   */
  public int outputSide(int inputSide) {
    int side = inputSide;
    for (int i = 0; i < channels.size() && side > 0; i++) {
      side = (side - kernel + 1) / 2;
    }
    return side;
  }
}

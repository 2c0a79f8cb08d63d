package io.bnsweep.data;

/**
 * The float each pixel byte becomes, per channel: a table of 256 values per channel, so converting
 * a minibatch is one lookup per pixel. Built once per trial from its training subset, the same for
 * every variant.
 */
public final class Preprocessing {
  private final float[][] tables;

  private Preprocessing(float[][] tables) {
    this.tables = tables;
  }

  /**
   * The preprocessing {@code normalize} gives: for {@link Normalize#PER_CHANNEL}, with the mean and
   * standard deviation of each channel over the training rows {@code rows} of {@code images}.
   */
  public static Preprocessing of(Normalize normalize, LabeledImages images, int[] rows) {
    int channels = images.shape().channels();
    float[][] tables = new float[channels][256];
    for (int c = 0; c < channels; c++) {
      for (int v = 0; v < 256; v++) {
        tables[c][v] =
            switch (normalize) {
              case UNIT -> v / 255f; // the first release's conversion, to the bit
              case NONE -> v;
              case PER_CHANNEL -> 0f; // below
            };
      }
    }
    if (normalize == Normalize.PER_CHANNEL) {
      double[][] stats = channelStats(images, rows);
      for (int c = 0; c < channels; c++) {
        double mean = stats[0][c];
        double std = stats[1][c] > 0 ? stats[1][c] : 1;
        for (int v = 0; v < 256; v++) {
          tables[c][v] = (float) ((v / 255.0 - mean) / std);
        }
      }
    }
    return new Preprocessing(tables);
  }

  /** Mean and standard deviation of each channel, in [0, 1] units, over {@code rows}. */
  static double[][] channelStats(LabeledImages images, int[] rows) {
    InputShape shape = images.shape();
    int plane = shape.planeSize();
    int channels = shape.channels();
    double[] mean = new double[channels];
    double[] std = new double[channels];
    byte[] pixels = images.pixels();
    for (int c = 0; c < channels; c++) {
      long sum = 0;
      long squares = 0;
      for (int row : rows) {
        int from = row * shape.imageSize() + c * plane;
        for (int p = from; p < from + plane; p++) {
          int v = pixels[p] & 0xff;
          sum += v;
          squares += (long) v * v;
        }
      }
      double n = (double) rows.length * plane;
      double m = n > 0 ? sum / n : 0;
      mean[c] = m / 255;
      std[c] = Math.sqrt(Math.max(0, n > 0 ? squares / n - m * m : 0)) / 255;
    }
    return new double[][] {mean, std};
  }

  /** The 256 floats of channel {@code c}'s bytes. */
  public float[] table(int c) {
    return tables[c];
  }
}

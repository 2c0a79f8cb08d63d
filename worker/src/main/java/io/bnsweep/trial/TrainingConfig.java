package io.bnsweep.trial;

/**
 * How every trial of a sweep trains, resolved to concrete numbers.
 *
 * @param dataset dataset name or directory (see {@link io.bnsweep.data.DatasetLocator})
 * @param trainSize number of training examples used (the first ones of the training split)
 * @param testSize number of test examples used (the first ones of the test split)
 * @param epochs passes over the training subset
 * @param batchSize examples per minibatch
 * @param learningRate Adam's learning rate
 */
public record TrainingConfig(
    String dataset, int trainSize, int testSize, int epochs, int batchSize, double learningRate) {
  public TrainingConfig {
    requirePositive("trainSize", trainSize);
    requirePositive("testSize", testSize);
    requirePositive("epochs", epochs);
    requirePositive("batchSize", batchSize);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
    }
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}

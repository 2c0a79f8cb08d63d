package io.bnsweep.trial.dl4j;

import io.bnsweep.data.LabeledImages;
import io.bnsweep.data.Preprocessing;
import io.bnsweep.network.Network;
import io.bnsweep.trial.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Accuracy and mean negative log-likelihood of a network on a subset of a split. */
final class Evaluator {
  private static final int BATCH = 500;
  private static final double MIN_PROBABILITY = 1e-12;

  private final LabeledImages images;
  private final int[] rows;
  private final Preprocessing pre;

  Evaluator(LabeledImages images, int[] rows, Preprocessing pre) {
    this.images = images;
    this.rows = rows;
    this.pre = pre;
  }

  /** The score of {@code net} in inference mode (BatchNorm uses its running statistics). */
  Trainer.Score evaluate(Network net) {
    int size = rows.length;
    long correct = 0;
    double nll = 0;
    for (int from = 0; from < size; from += BATCH) {
      int to = Math.min(size, from + BATCH);
      DataSet batch = Batches.of(images, rows, from, to, pre);
      INDArray probabilities = net.output(batch.getFeatures());
      float[][] p = probabilities.toFloatMatrix();
      for (int i = 0; i < p.length; i++) {
        int label = images.label(rows[from + i]);
        int predicted = argmax(p[i]);
        if (predicted == label) {
          correct++;
        }
        nll -= Math.log(Math.max(p[i][label], MIN_PROBABILITY));
      }
    }
    return new Trainer.Score((double) correct / size, nll / size);
  }

  private static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}

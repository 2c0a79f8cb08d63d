package io.bnsweep.trial;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.CifarLabels;
import io.bnsweep.data.DataSource;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.variant.Variant;
import java.util.List;

/**
 * One run of a variant with one seed: everything an executor needs to train and evaluate it.
 *
 * <p>The seed drives the weight initialisation and the shuffling of every epoch, so trials of
 * different variants with the same seed see the same data order (a paired design).
 *
 * @param id stable id: a hash of every setting that changes the outcome
 * @param variant every resolved setting ({@link Axes}): data, training, network
 * @param seed the seed
 */
public record Trial(String id, Variant variant, long seed) {
  /** The dataset name, directory or URI the trial reads. */
  public String dataset() {
    return variant.get(Axes.DATASET).location();
  }

  /** The dataset the trial reads, with the options it is decoded with. */
  public DatasetKey datasetKey() {
    return datasetKey(variant);
  }

  /** The dataset {@code variant} reads, with the options it is decoded with. */
  public static DatasetKey datasetKey(Variant variant) {
    DataSource source = variant.get(Axes.DATASET);
    return new DatasetKey(
        source.location(),
        source.format(),
        variant.find(Axes.LABELS).orElse(CifarLabels.FINE),
        variant.find(Axes.RESIZE).orElse(List.of()));
  }
}

package io.bnsweep.sweep;

import io.bnsweep.trial.Fitter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fits one network across the cluster with dl4j-spark's synchronous parameter averaging: each
 * epoch's minibatches become an RDD, every executor fits its share, and parameters are averaged
 * every {@link #AVERAGING_FREQUENCY} minibatches per worker.
 */
final class SparkFitter implements Fitter {
  /** Minibatches each worker fits between two averagings (dl4j-spark's default is 5). */
  static final int AVERAGING_FREQUENCY = 5;

  private final JavaSparkContext jsc;
  private final SparkDl4jMultiLayer net;

  SparkFitter(JavaSparkContext jsc, MultiLayerConfiguration conf, int batchSize) {
    this.jsc = jsc;
    ParameterAveragingTrainingMaster master =
        new ParameterAveragingTrainingMaster.Builder(batchSize)
            .batchSizePerWorker(batchSize)
            .averagingFrequency(AVERAGING_FREQUENCY)
            .workerPrefetchNumBatches(0)
            .rddTrainingApproach(RDDTrainingApproach.Direct)
            .repartionData(Repartition.Never)
            .collectTrainingStats(false)
            .build();
    this.net = new SparkDl4jMultiLayer(jsc, conf, master);
  }

  @Override
  public MultiLayerNetwork network() {
    return net.getNetwork();
  }

  @Override
  public double fitEpoch(int epoch, Iterator<DataSet> batches) {
    List<DataSet> list = new ArrayList<>();
    batches.forEachRemaining(list::add);
    int partitions = Math.max(1, Math.min(list.size(), jsc.defaultParallelism()));
    jsc.setJobDescription("bnsweep: data-parallel epoch " + epoch);
    net.fit(jsc.parallelize(list, partitions));
    return net.getScore();
  }
}

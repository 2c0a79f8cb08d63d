package io.bnsweep.sweep;

import io.bnsweep.network.Architecture;
import io.bnsweep.network.Network;
import io.bnsweep.trial.Fitter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fits one network across the cluster with dl4j-spark's synchronous parameter averaging: each
 * epoch's minibatches become an RDD, every executor fits its share, and parameters are averaged
 * every {@link #AVERAGING_FREQUENCY} minibatches per worker; a stack of layers through {@code
 * SparkDl4jMultiLayer}, a graph through {@code SparkComputationGraph}.
 */
final class SparkFitter implements Fitter {
  /** Minibatches each worker fits between two averagings (dl4j-spark's default is 5). */
  static final int AVERAGING_FREQUENCY = 5;

  private final JavaSparkContext jsc;
  private final SparkDl4jMultiLayer stack;
  private final SparkComputationGraph graph;

  SparkFitter(JavaSparkContext jsc, Architecture architecture, int batchSize) {
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
    if (architecture instanceof Architecture.Graph g) {
      stack = null;
      graph = new SparkComputationGraph(jsc, g.conf(), master);
    } else {
      stack = new SparkDl4jMultiLayer(jsc, ((Architecture.Stack) architecture).conf(), master);
      graph = null;
    }
  }

  @Override
  public Network network() {
    return stack != null
        ? new Network.Stack(stack.getNetwork())
        : new Network.Graph(graph.getNetwork());
  }

  @Override
  public double fitEpoch(int epoch, Iterator<DataSet> batches) {
    List<DataSet> list = new ArrayList<>();
    batches.forEachRemaining(list::add);
    int partitions = Math.max(1, Math.min(list.size(), jsc.defaultParallelism()));
    jsc.setJobDescription("bnsweep: data-parallel epoch " + epoch);
    if (stack != null) {
      stack.fit(jsc.parallelize(list, partitions));
      return stack.getScore();
    }
    graph.fit(jsc.parallelize(list, partitions));
    return graph.getScore();
  }
}

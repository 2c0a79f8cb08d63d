package io.bnsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.InputShape;
import io.bnsweep.network.Architecture;
import io.bnsweep.network.CnnFamily;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.network.NetworkShape;
import io.bnsweep.network.ResNetFamily;
import io.bnsweep.testing.ProbeAxes;
import io.bnsweep.testing.Results;
import io.bnsweep.testing.Trials;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Optimizer;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.collection.mutable.WrappedArray;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

class KryoRoundTripTest {
  private static final Trial TRIAL =
      new Trial(
          "abc123def456",
          Trials.settings(
              Variant.of(Placement.EXTRA, ActivationKind.SIGMOID),
              NetworkShape.DEFAULT,
              "fashion-mnist",
              6000,
              2000,
              2,
              64,
              0.001),
          42);

  private final SerializerInstance kryo =
      new KryoSerializer(SweepContexts.conf("test", "local[1]")).newInstance();

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T value) {
    ClassTag<Object> tag = ClassTag$.MODULE$.apply(Object.class);
    ByteBuffer bytes = kryo.serialize(value, tag);
    return (T) kryo.deserialize(bytes, tag);
  }

  @Test
  void trialsAndResultsSurviveKryoWithRegistrationRequired() {
    TrialResult complete =
        Results.complete("abc123def456", Placement.AFTER, ActivationKind.RELU, 3, 0.7, 0.8);
    TrialResult failed =
        Results.failed("f", Placement.NONE, ActivationKind.TANH, 1, "loss became NaN");

    assertEquals(TRIAL, roundTrip(TRIAL));
    assertEquals(complete, roundTrip(complete));
    assertEquals(failed, roundTrip(failed));
  }

  @Test
  void aVariantOfEveryKindOfSettingSurvivesKryo() {
    Variant rich =
        TRIAL
            .variant()
            .with(Axes.OPTIMIZER, Optimizer.named("nesterov"))
            .with(Axes.WEIGHT_DECAY, 5e-4)
            .with(CnnFamily.CHANNELS, List.of(8, 16, 32))
            .with(ProbeAxes.FAMILY, "deep")
            .with(ProbeAxes.DEPTH, 3);
    Trial trial = new Trial("rich", rich, 7);

    Trial back = roundTrip(trial);

    assertEquals(trial, back);
    assertEquals(List.of(8, 16, 32), back.variant().get(CnnFamily.CHANNELS));
    assertEquals(0.9, back.variant().get(Axes.OPTIMIZER).params().get("momentum"));
    assertEquals(3, back.variant().get(ProbeAxes.DEPTH));
  }

  @Test
  void aPartitionSliceOfTrialsSurvivesKryo() {
    WrappedArray<Object> slice = WrappedArray.make(new Object[] {TRIAL, TRIAL});

    WrappedArray<Object> back = roundTrip(slice);

    assertEquals(2, back.length());
    assertEquals(TRIAL, back.apply(1));
  }

  @Test
  void dataParallelTrainingMessagesSurviveKryo() {
    INDArray features = Nd4j.rand(DataType.FLOAT, 3, 1, 4, 4);
    INDArray labels = Nd4j.eye(3).castTo(DataType.FLOAT);
    DataSet batch = roundTrip(new DataSet(features, labels));
    assertEquals(features, batch.getFeatures());
    assertEquals(labels, batch.getLabels());

    MultiLayerConfiguration conf =
        NetworkFactory.configuration(TRIAL.variant(), new InputShape(1, 28, 28, 10), 1);
    INDArray params = Nd4j.rand(DataType.FLOAT, 1, 10);
    NetBroadcastTuple tuple = roundTrip(new NetBroadcastTuple(conf, params, null));
    assertEquals(conf, tuple.getConfiguration());
    assertEquals(params, tuple.getParameters());

    ComputationGraphConfiguration graph =
        ((Architecture.Graph)
                NetworkFactory.architecture(
                    Variant.of("resnet", Placement.ORIGINAL, ActivationKind.RELU)
                        .with(ResNetFamily.DEPTH, 8),
                    new InputShape(1, 28, 28, 10),
                    1))
            .conf();
    NetBroadcastTuple graphTuple =
        roundTrip(
            new NetBroadcastTuple(
                null, graph, params, null, new java.util.concurrent.atomic.AtomicInteger(3)));
    assertEquals(graph.toJson(), graphTuple.getGraphConfiguration().toJson());
    assertEquals(null, graphTuple.getConfiguration());
    assertEquals(3, graphTuple.getCounter().get());

    ParameterAveragingAggregationTuple sum =
        roundTrip(
            new ParameterAveragingAggregationTuple(params, null, 1.5, 2, null, null, null, null));
    assertEquals(params, sum.getParametersSum());
    assertEquals(1.5, sum.getScoreSum());
    assertEquals(2, sum.getAggregationsCount());
  }

  @Test
  void unregisteredClassesAreRefused() {
    record Unregistered(int x) {}

    Exception e = assertThrows(Exception.class, () -> roundTrip(new Unregistered(1)));

    assertEquals(
        true, String.valueOf(e.getMessage()).contains("Class is not registered"), e.toString());
  }
}

package io.bnsweep.sweep;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kryo serializers for what dl4j-spark's parameter averaging sends: the network (a stack or a
 * graph) broadcast to workers, and the parameters coming back. Configurations travel as DL4J's own
 * JSON, arrays through ND4J's serializer; training statistics and listener data, which bnsweep
 * never turns on, are not carried.
 */
final class ParameterAveragingKryo {
  private ParameterAveragingKryo() {}

  /** Registers the serializers on {@code kryo}. */
  static void register(Kryo kryo) {
    kryo.register(NetBroadcastTuple.class, new Broadcast());
    kryo.register(ParameterAveragingTrainingResult.class, new WorkerResult());
    kryo.register(ParameterAveragingAggregationTuple.class, new Aggregate());
  }

  private static INDArray readArray(Kryo kryo, Input input) {
    return (INDArray) kryo.readClassAndObject(input);
  }

  /** The network configuration, parameters and updater state sent to every worker. */
  static final class Broadcast extends Serializer<NetBroadcastTuple> {
    @Override
    public void write(Kryo kryo, Output output, NetBroadcastTuple tuple) {
      boolean graph = tuple.getConfiguration() == null;
      if (graph && tuple.getGraphConfiguration() == null) {
        throw new KryoException("a network broadcast without a configuration");
      }
      output.writeBoolean(graph);
      output.writeString(
          graph ? tuple.getGraphConfiguration().toJson() : tuple.getConfiguration().toJson());
      kryo.writeClassAndObject(output, tuple.getParameters());
      kryo.writeClassAndObject(output, tuple.getUpdaterState());
      output.writeInt(tuple.getCounter() == null ? 0 : tuple.getCounter().get());
    }

    @Override
    public NetBroadcastTuple read(Kryo kryo, Input input, Class<NetBroadcastTuple> type) {
      boolean graph = input.readBoolean();
      String json = input.readString();
      INDArray parameters = readArray(kryo, input);
      INDArray updaterState = readArray(kryo, input);
      return new NetBroadcastTuple(
          graph ? null : MultiLayerConfiguration.fromJson(json),
          graph ? ComputationGraphConfiguration.fromJson(json) : null,
          parameters,
          updaterState,
          new AtomicInteger(input.readInt()));
    }
  }

  /** One worker's parameters, updater state and score after fitting its share. */
  static final class WorkerResult extends Serializer<ParameterAveragingTrainingResult> {
    @Override
    public void write(Kryo kryo, Output output, ParameterAveragingTrainingResult r) {
      kryo.writeClassAndObject(output, r.getParameters());
      kryo.writeClassAndObject(output, r.getUpdaterState());
      output.writeDouble(r.getScore());
    }

    @Override
    public ParameterAveragingTrainingResult read(
        Kryo kryo, Input input, Class<ParameterAveragingTrainingResult> type) {
      INDArray parameters = readArray(kryo, input);
      INDArray updaterState = readArray(kryo, input);
      return new ParameterAveragingTrainingResult(
          parameters, updaterState, input.readDouble(), null, null, null);
    }
  }

  /** Partial sums of parameters and scores, combined up the aggregation tree. */
  static final class Aggregate extends Serializer<ParameterAveragingAggregationTuple> {
    @Override
    public void write(Kryo kryo, Output output, ParameterAveragingAggregationTuple t) {
      kryo.writeClassAndObject(output, t.getParametersSum());
      kryo.writeClassAndObject(output, t.getUpdaterStateSum());
      output.writeDouble(t.getScoreSum());
      output.writeInt(t.getAggregationsCount());
    }

    @Override
    public ParameterAveragingAggregationTuple read(
        Kryo kryo, Input input, Class<ParameterAveragingAggregationTuple> type) {
      INDArray parameters = readArray(kryo, input);
      INDArray updaterState = readArray(kryo, input);
      double scoreSum = input.readDouble();
      int count = input.readInt();
      return new ParameterAveragingAggregationTuple(
          parameters, updaterState, scoreSum, count, null, null, null, null);
    }
  }
}

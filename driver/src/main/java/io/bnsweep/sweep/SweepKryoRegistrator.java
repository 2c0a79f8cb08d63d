package io.bnsweep.sweep;

import com.esotericsoftware.kryo.Kryo;
import io.bnsweep.trial.NativeBackend;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Registers the classes bnsweep sends through Spark: trials out to executors, results back.
 *
 * <p>Used with {@code spark.kryo.registrationRequired=true}, so nothing unregistered travels.
 */
public final class SweepKryoRegistrator implements KryoRegistrator {
  static {
    // Spark creates the registrators before ND4J's registers its classes: choose ND4J's build first
    NativeBackend.select();
  }

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(Trial.class, new JsonKryoSerializer<Trial>());
    kryo.register(TrialResult.class, new JsonKryoSerializer<TrialResult>());
    // parallelize() ships each partition's slice of trials as a Scala sequence of this type
    kryo.register(scala.collection.mutable.WrappedArray.ofRef.class);
    kryo.register(Object[].class);
    kryo.register(Trial[].class);
    kryo.register(Segment.class, new JsonKryoSerializer<Segment>());
    kryo.register(Segment[].class);
    // data-parallel training: minibatches out to executors
    kryo.register(DataSet.class, new DataSetKryoSerializer());
    kryo.register(org.nd4j.linalg.dataset.MultiDataSet.class, new MultiDataSetKryoSerializer());
    ParameterAveragingKryo.register(kryo);
  }
}

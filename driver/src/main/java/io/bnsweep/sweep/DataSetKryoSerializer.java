package io.bnsweep.sweep;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Kryo serializer for the minibatches of data-parallel training: features, labels and their masks,
 * each written by ND4J's own array serializer (registered by {@code Nd4jRegistrator}).
 */
final class DataSetKryoSerializer extends Serializer<DataSet> {
  @Override
  public void write(Kryo kryo, Output output, DataSet ds) {
    kryo.writeClassAndObject(output, ds.getFeatures());
    kryo.writeClassAndObject(output, ds.getLabels());
    kryo.writeClassAndObject(output, ds.getFeaturesMaskArray());
    kryo.writeClassAndObject(output, ds.getLabelsMaskArray());
  }

  @Override
  public DataSet read(Kryo kryo, Input input, Class<DataSet> type) {
    INDArray features = (INDArray) kryo.readClassAndObject(input);
    INDArray labels = (INDArray) kryo.readClassAndObject(input);
    INDArray featuresMask = (INDArray) kryo.readClassAndObject(input);
    INDArray labelsMask = (INDArray) kryo.readClassAndObject(input);
    return new DataSet(features, labels, featuresMask, labelsMask);
  }
}

package io.bnsweep.sweep;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Kryo serializer for the minibatches of a graph's data-parallel training ({@code
 * SparkComputationGraph} turns each {@code DataSet} into a {@code MultiDataSet}): its features,
 * labels and masks, each array written by ND4J's own serializer.
 */
final class MultiDataSetKryoSerializer extends Serializer<MultiDataSet> {
  @Override
  public void write(Kryo kryo, Output output, MultiDataSet ds) {
    writeArrays(kryo, output, ds.getFeatures());
    writeArrays(kryo, output, ds.getLabels());
    writeArrays(kryo, output, ds.getFeaturesMaskArrays());
    writeArrays(kryo, output, ds.getLabelsMaskArrays());
  }

  @Override
  public MultiDataSet read(Kryo kryo, Input input, Class<MultiDataSet> type) {
    INDArray[] features = readArrays(kryo, input);
    INDArray[] labels = readArrays(kryo, input);
    INDArray[] featuresMasks = readArrays(kryo, input);
    INDArray[] labelsMasks = readArrays(kryo, input);
    return new MultiDataSet(features, labels, featuresMasks, labelsMasks);
  }

  /** The count (-1 for none), then each array. */
  private static void writeArrays(Kryo kryo, Output output, INDArray[] arrays) {
    output.writeInt(arrays == null ? -1 : arrays.length);
    if (arrays != null) {
      for (INDArray a : arrays) {
        kryo.writeClassAndObject(output, a);
      }
    }
  }

  private static INDArray[] readArrays(Kryo kryo, Input input) {
    int n = input.readInt();
    if (n < 0) {
      return null;
    }
    INDArray[] arrays = new INDArray[n];
    for (int i = 0; i < n; i++) {
      arrays[i] = (INDArray) kryo.readClassAndObject(input);
    }
    return arrays;
  }
}

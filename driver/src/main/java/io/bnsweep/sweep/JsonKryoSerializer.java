package io.bnsweep.sweep;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.bnsweep.store.Json;
import java.io.IOException;

/**
 * Kryo serializer for the project's records, through their JSON form.
 *
 * <p>Kryo 4 cannot build Java records (their final fields cannot be set after construction), and
 * Java serialization would let the wire choose classes. JSON read into a named record type does
 * neither, reuses the results' one mapping, and costs microseconds for the few records a trial
 * sends.
 */
final class JsonKryoSerializer<T> extends Serializer<T> {
  JsonKryoSerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output output, T value) {
    try {
      byte[] json = Json.MAPPER.writeValueAsBytes(value);
      output.writeInt(json.length, true);
      output.writeBytes(json);
    } catch (IOException e) {
      throw new KryoException("cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  @Override
  public T read(Kryo kryo, Input input, Class<T> type) {
    byte[] json = input.readBytes(input.readInt(true));
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new KryoException("cannot read " + type.getName() + " from JSON", e);
    }
  }
}

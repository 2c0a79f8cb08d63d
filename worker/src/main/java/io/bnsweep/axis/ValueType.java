package io.bnsweep.axis;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The type of an axis's values: how a value is read from a spec or a results ledger, validated,
 * written back, and shown.
 *
 * <p>Values are immutable and compare by value ({@code equals}), so variants that hold them do too.
 *
 * @param <T> the Java type of a value
 */
public interface ValueType<T> {
  /**
   * The value {@code node} stands for.
   *
   * @throws IllegalArgumentException saying what is wrong, in words that follow "must be" or stand
   *     alone (for example "must be a positive integer")
   */
  T read(JsonNode node);

  /** The JSON form of {@code value}: {@link #read} of it gives {@code value} back. */
  JsonNode write(T value);

  /**
   * The canonical text of {@code value}, used in trial ids, variant labels, tables and the CSV.
   * Equal values have equal texts.
   */
  String text(T value);

  /** How the value is stored in a Parquet or CSV column. */
  default Column column() {
    return Column.STRING;
  }

  /** The storage of a value in the flat result tables. */
  enum Column {
    STRING,
    LONG,
    DOUBLE
  }
}

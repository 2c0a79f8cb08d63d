package io.bnsweep.store;

import io.bnsweep.trial.TrialResult;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Results as one Parquet file, one row per trial, in all the columns of {@link ResultColumns}:
 * strings as UTF-8, per-epoch values as lists of doubles. Columns a FAILED trial or an older result
 * does not have are null. Spark reads it as a DataFrame of the matching types ({@code string},
 * {@code bigint}, {@code int}, {@code double}, {@code boolean}, {@code array<double>}).
 *
 * <p>Written with parquet-hadoop's writer directly, in this JVM. Writing a few dozen rows through a
 * Spark SQL session, as bnsweep did before, took 6.2 s of the {@code report} command's 8.5 s, and
 * ran after the last trial of every sweep; the command now takes 3.2 s (BENCHMARKS.md). The only
 * class of the store that touches Parquet, so that {@link ParquetExport} can say clearly when it is
 * missing instead of failing to load.
 */
final class ResultParquet {
  /** The schema of {@code results.parquet}. */
  static final MessageType SCHEMA = schema();

  private static final String LIST = "list";
  private static final String ELEMENT = "element";

  private ResultParquet() {}

  /** Writes {@code results} to the new file {@code file}. */
  static void write(java.nio.file.Path file, List<TrialResult> results) throws IOException {
    SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withConf(new Configuration())
            .withType(SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.CREATE)
            .build()) {
      for (TrialResult r : results) {
        writer.write(row(rows.newGroup(), r));
      }
    }
  }

  private static Group row(Group row, TrialResult r) {
    Object[] values = ResultColumns.values(r);
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value == null) {
        continue;
      }
      String name = ResultColumns.ALL.get(i).name();
      switch (ResultColumns.ALL.get(i).kind()) {
        case STRING -> row.add(name, (String) value);
        case LONG -> row.add(name, (Long) value);
        case INT -> row.add(name, (Integer) value);
        case DOUBLE -> row.add(name, (Double) value);
        case BOOLEAN -> row.add(name, (Boolean) value);
        case DOUBLES -> {
          Group list = row.addGroup(name);
          for (double d : (double[]) value) {
            list.addGroup(LIST).add(ELEMENT, d);
          }
        }
      }
    }
    return row;
  }

  private static MessageType schema() {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (ResultColumns.Column c : ResultColumns.ALL) {
      Type.Repetition repetition =
          c.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      message.addField(
          switch (c.kind()) {
            case STRING ->
                Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(c.name());
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(c.name());
            case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(c.name());
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(c.name());
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(c.name());
            // the standard three-level list: name (LIST) { repeated list { element } }
            case DOUBLES ->
                Types.buildGroup(repetition)
                    .as(LogicalTypeAnnotation.listType())
                    .repeatedGroup()
                    .required(PrimitiveTypeName.DOUBLE)
                    .named(ELEMENT)
                    .named(LIST)
                    .named(c.name());
          });
    }
    return message.named("trial_result");
  }
}

package io.bnsweep.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bnsweep.axis.ValueType;
import java.util.Iterator;
import java.util.Set;

/**
 * The value of the {@code dataset} setting: where the data is and, optionally, its format. A spec
 * writes {@code dataset: DIR} (the format is detected from the directory) or {@code dataset:
 * {format: cifar10, path: DIR}}.
 *
 * @param location a known dataset name, a directory, or a URI
 * @param format a format name, or {@link #AUTO}
 */
public record DataSource(String location, String format) {
  /** The format of a dataset given by its location alone: detected from the directory. */
  public static final String AUTO = "auto";

  private static final Set<String> KEYS = Set.of("format", "path");

  /** The data at {@code location}, format detected. */
  public static DataSource of(String location) {
    return new DataSource(location, AUTO);
  }

  /** The value type of the {@code dataset} setting. */
  public static ValueType<DataSource> type() {
    return new Type();
  }

  private static final class Type implements ValueType<DataSource> {
    @Override
    public DataSource read(JsonNode node) {
      if (node.isTextual() && !node.asText().isBlank()) {
        return of(node.asText());
      }
      if (!node.isObject()) {
        throw new IllegalArgumentException(
            "must be a dataset name, a directory or a URI, or {format: F, path: P}");
      }
      for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException("has unknown key '" + key + "' (known: format, path)");
        }
      }
      JsonNode path = node.get("path");
      if (path == null || !path.isTextual() || path.asText().isBlank()) {
        throw new IllegalArgumentException("needs path: a directory or a URI");
      }
      JsonNode format = node.get("format");
      if (format == null) {
        return of(path.asText());
      }
      if (!format.isTextual()
          || !(format.asText().equals(AUTO) || DatasetFormats.names().contains(format.asText()))) {
        throw new IllegalArgumentException(
            "format must be one of "
                + AUTO
                + ", "
                + String.join(", ", DatasetFormats.names())
                + ", got "
                + format);
      }
      return new DataSource(path.asText(), format.asText());
    }

    @Override
    public JsonNode write(DataSource value) {
      if (value.format.equals(AUTO)) {
        return TextNode.valueOf(value.location);
      }
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("format", value.format);
      node.put("path", value.location);
      return node;
    }

    /**
     * The location alone when the format is detected (the first release's trial ids hash it so),
     * else {@code location (format)}.
     */
    @Override
    public String text(DataSource value) {
      return value.format.equals(AUTO)
          ? value.location
          : value.location + " (" + value.format + ")";
    }
  }
}

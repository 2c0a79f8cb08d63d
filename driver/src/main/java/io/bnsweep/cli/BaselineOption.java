package io.bnsweep.cli;

import io.bnsweep.variant.Placement;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --baseline PLACEMENT}, shared by {@code run} and {@code report}: the placement every other
 * one is compared with. A bad name is a command-line error (exit 2).
 */
final class BaselineOption {
  @Option(
      names = "--baseline",
      paramLabel = "PLACEMENT",
      converter = PlacementConverter.class,
      defaultValue = "before",
      description = "Placement the others are compared with in the reports. Default: before.")
  Placement placement;

  /** Reads a placement name. */
  static final class PlacementConverter implements ITypeConverter<Placement> {
    @Override
    public Placement convert(String value) {
      try {
        return Placement.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}

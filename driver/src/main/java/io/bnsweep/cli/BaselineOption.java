package io.bnsweep.cli;

import io.bnsweep.variant.Placement;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --baseline}: a placement name; a bad one is a command-line error (exit 2). */
final class BaselineOption implements ITypeConverter<Placement> {
  /** The placement every other one is compared with unless told otherwise. */
  static final String DEFAULT = "before";

  @Override
  public Placement convert(String value) {
    try {
      return Placement.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}

package io.bnsweep.cli;

import io.bnsweep.spec.SweepSpec.CompareSpec;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --compare AXIS=VALUE}, shared by {@code run} and {@code report}: the axis compared and the
 * baseline value every other one is compared with, overriding the spec's {@code compare:}. A value
 * that is not {@code axis=value} is a command-line error (exit 2); an axis or value the results do
 * not have gives no comparisons, and the report says so.
 */
final class CompareOption {
  @Option(
      names = "--compare",
      paramLabel = "AXIS=VALUE",
      converter = CompareConverter.class,
      description =
          "Axis compared, and its baseline value, in the reports, e.g. placement=before."
              + " Default: the spec's compare:, else placement=before when placement is swept.")
  CompareSpec compare;

  /** The option's value, if given. */
  Optional<CompareSpec> value() {
    return Optional.ofNullable(compare);
  }

  /** Reads {@code axis=value}. */
  static final class CompareConverter implements ITypeConverter<CompareSpec> {
    @Override
    public CompareSpec convert(String value) {
      int eq = value.indexOf('=');
      if (eq <= 0 || eq == value.length() - 1) {
        throw new TypeConversionException(
            "'" + value + "' is not AXIS=VALUE (for example placement=before)");
      }
      return new CompareSpec(value.substring(0, eq), value.substring(eq + 1));
    }
  }
}

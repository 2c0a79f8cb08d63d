package io.bnsweep.network;

import io.bnsweep.axis.Axis;
import io.bnsweep.data.InputShape;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.OptionalInt;

/**
 * A kind of network that sweeps can train, chosen by the {@code network.family} setting: bnsweep's
 * own ({@link CnnFamily}, {@link MlpFamily}, {@link ResNetFamily}) and any a jar on the class path
 * declares in {@code META-INF/services/io.bnsweep.network.NetworkFamily}.
 *
 * <p>A family is stateless and shared by every trial of a JVM. It declares its own settings, which
 * specs write under {@code network:} and validate like bnsweep's; they apply only to variants of
 * this family, so another family's variants and trial ids never carry them. Its {@link #settings()}
 * must not read {@link io.bnsweep.axis.Axes}, which is still being initialised when families load.
 */
public interface NetworkFamily {
  /** The family's name, its value of {@code network.family}: lower case, such as {@code resnet}. */
  String name();

  /**
   * The family's own settings, each named {@code network.<key>}, with its type (reading and
   * validation) and default. None by default.
   */
  default List<Axis<?>> settings() {
    return List.of();
  }

  /** The placements a sweep of this family tries when its spec names none: the block presets. */
  default List<Placement> placements() {
    return Placement.BLOCKS;
  }

  /**
   * {@code placement} as this family understands it: the same placement, or the one an alias stands
   * for.
   *
   * @throws IllegalArgumentException saying why the placement does not belong to this family; by
   *     default, a residual unit does not (blocks follow each layer)
   */
  default Placement placement(Placement placement) {
    if (placement.isUnit()) {
      throw new IllegalArgumentException(
          "'"
              + placement.id()
              + "' is a residual unit, for network.family resnet; "
              + name()
              + " blocks are made of bn, act, cs and drop");
    }
    return placement;
  }

  /**
   * Checks that {@code variant} can be built for inputs of {@code input}, before any trial runs.
   *
   * @throws IllegalArgumentException naming the setting and its value, and what is wrong
   */
  default void check(Variant variant, InputShape input) {}

  /**
   * The cores a trial of this family takes when the spec's {@code cpusPerTrial} does not say; empty
   * for {@code spark.task.cpus}, which bnsweep's families use.
   */
  default OptionalInt cpusPerTrial() {
    return OptionalInt.empty();
  }

  /**
   * The network of {@code request}'s variant: a configuration built on {@link
   * NetworkRequest#builder()}, which already holds what bnsweep controls (seed, updater, weight
   * initialisation, data type), with an output layer over the input's classes.
   */
  Architecture build(NetworkRequest request);
}

package io.bnsweep.trial;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.bnsweep.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;

/**
 * The framework-neutral side of a trial, the {@link Trainer} interface, the {@link EpochLoop} and
 * what they carry (segments, checkpoints, the deadline, the checkpoint store), uses no DL4J or ND4J
 * type: DL4J is one {@link Trainer} ({@link io.bnsweep.trial.dl4j}) among possible others.
 *
 * <p>The rules are on direct dependencies. Transitively the neutral side still reaches DL4J through
 * the variant ({@code Trial -> Variant -> Axis}, whose builder hook is a DL4J type, and {@code Axes
 * -> NetworkFamily}, the static registry): issue 25's parts 2 (DL4J mappings out of the generic
 * nouns) and 3 (one registry) remove those, after which this test can check transitively.
 */
class TrainerSeamArchitectureTest {
  private static final JavaClasses WORKER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.bnsweep");

  private static final Class<?>[] NEUTRAL = {
    Trainer.class,
    EpochLoop.class,
    TrialCheckpoint.class,
    Segment.class,
    SegmentResult.class,
    Deadline.class,
    CheckpointStore.class
  };

  private static final String[] FRAMEWORKS = {
    "org.deeplearning4j..", "org.nd4j..", "org.bytedeco.."
  };

  @Test
  void theTrainerSeamAndTheEpochLoopImportNoDl4jOrNd4jType() {
    noClasses()
        .that()
        .belongToAnyOf(NEUTRAL)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FRAMEWORKS)
        .check(WORKER);
  }

  /**
   * Nor the DL4J trainer, the networks or the DL4J fitters. (From {@code io.bnsweep.kernel} they
   * use {@code KernelUse}, a record of call counts that the provenance reports.)
   */
  @Test
  void theyDoNotUseTheDl4jTrainerOrTheNetworks() {
    noClasses()
        .that()
        .belongToAnyOf(NEUTRAL)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.bnsweep.trial.dl4j..", "io.bnsweep.network..")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(LocalFitter.class)
        .check(WORKER);
  }
}

package io.bnsweep.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.cli.ExitCodes;
import io.bnsweep.testing.IdxFiles;
import io.bnsweep.testing.SyntheticImages;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input, through the real entry point: one line on standard error naming what is
 * wrong, exit code 2, no stack trace, and no output directory.
 */
class BadInputTest {
  @TempDir static Path work;

  /** A case: what to break, the spec to run, and a fragment the one-line message must hold. */
  interface Breakage {
    void apply(Path data) throws IOException;
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    String ok = "trainSize: 40\ntestSize: 20\n";
    cases.add(
        Arguments.of(
            "misspelled key", nothing(), ok + "epoch: 2", "unknown key 'epoch' (did you mean"));
    cases.add(
        Arguments.of(
            "wrong type", nothing(), ok + "epochs: three", "epochs: must be a positive integer"));
    cases.add(
        Arguments.of(
            "unknown axis",
            nothing(),
            ok + "axes: {learningrate: [0.1]}",
            "unknown key 'axes.learningrate' (did you mean 'learningRate'?"));
    cases.add(
        Arguments.of(
            "a key both scalar and axis",
            nothing(),
            ok + "batchSize: 32\naxes: {batchSize: [16, 32]}",
            "axes.batchSize: is given both as a scalar ('batchSize') and as an axis"));
    cases.add(
        Arguments.of(
            "batch size 0 in an axis",
            nothing(),
            ok + "axes: {batchSize: [32, 0]}",
            "axes.batchSize: must be a positive integer, got 0"));
    cases.add(
        Arguments.of(
            "NaN learning rate",
            nothing(),
            ok + "learningRate: .nan",
            "learningRate: must be a finite number, got .nan"));
    cases.add(
        Arguments.of(
            "compare baseline not in the grid",
            nothing(),
            ok + "axes: {placement: [none, after]}\ncompare: {axis: placement, baseline: before}",
            "compare.baseline: is not a value of axis placement in this sweep"));
    cases.add(
        Arguments.of(
            "table axis that is not swept",
            nothing(),
            ok + "table: {columns: batchSize}",
            "table.columns: is not a swept axis"));
    cases.add(
        Arguments.of(
            "loguniform from 0",
            nothing(),
            ok + "search: {sample: 2}\naxes: {learningRate: {loguniform: [0, 0.1]}}",
            "axes.learningRate.loguniform: needs low > 0"));
    cases.add(
        Arguments.of(
            "empty axis",
            nothing(),
            ok + "axes: {activation: []}",
            "axes.activation: must be a non-empty list"));
    cases.add(
        Arguments.of(
            "duplicate axis value",
            nothing(),
            ok + "axes: {placement: [after, after]}",
            "lists \"after\" twice"));
    cases.add(
        Arguments.of(
            "unknown placement",
            nothing(),
            ok + "axes: {placement: [middle]}",
            "axes.placement: unknown step 'middle' in placement 'middle'"));
    cases.add(
        Arguments.of(
            "unknown activation",
            nothing(),
            ok + "axes: {activation: [gelu]}",
            "axes.activation: unknown activation"));
    cases.add(
        Arguments.of(
            "non-positive size", nothing(), "trainSize: 0", "trainSize: must be a positive"));
    cases.add(
        Arguments.of(
            "subset larger than the dataset",
            nothing(),
            "trainSize: 41\ntestSize: 20",
            "trainSize: 41 is larger than dataset"));
    cases.add(
        Arguments.of(
            "missing dataset directory",
            (Breakage) data -> deleteAll(data),
            ok,
            "not found; give a directory holding a dataset (IDX, CIFAR-10, CIFAR-100 or an image folder)"));
    cases.add(
        Arguments.of(
            "missing IDX file",
            delete("t10k-labels-idx1-ubyte"),
            ok,
            "missing IDX file t10k-labels-idx1-ubyte"));
    cases.add(
        Arguments.of(
            "wrong magic number",
            (Breakage) data -> putInt(data.resolve("train-images-idx3-ubyte"), 0, 0x0801),
            ok,
            "train-images-idx3-ubyte: wrong magic number 0x00000801"));
    cases.add(
        Arguments.of(
            "wrong dimensions",
            (Breakage) data -> putInt(data.resolve("train-images-idx3-ubyte"), 8, 0),
            ok,
            "train-images-idx3-ubyte: dimension 1 is 0, must be positive"));
    cases.add(
        Arguments.of(
            "truncated file",
            (Breakage) data -> truncate(data.resolve("t10k-images-idx3-ubyte"), 500),
            ok,
            "t10k-images-idx3-ubyte: truncated"));
    cases.add(
        Arguments.of(
            "test label outside the training labels' 0..9",
            // IDX files do not say how many classes there are: the training labels do
            (Breakage) data -> putByte(data.resolve("t10k-labels-idx1-ubyte"), 8 + 3, 10),
            ok,
            "label 10 at index 3 is outside 0..9"));
    cases.add(
        Arguments.of(
            "image and label counts differ",
            (Breakage)
                data ->
                    IdxFiles.write(
                        data.resolve("t10k-labels-idx1-ubyte"),
                        IdxFiles.encode(new int[] {19}, new byte[19])),
            ok,
            "holds 19 labels but t10k-images-idx3-ubyte holds 20 images"));
    cases.add(
        Arguments.of(
            "gzip bomb",
            // 3 MB that inflate to 3 GiB, under a header claiming 2^31 - 1 images: refused from
            // the header, where reading it whole would run the driver out of heap
            (Breakage)
                data -> {
                  Files.delete(data.resolve("train-images-idx3-ubyte"));
                  IdxFiles.writeGzipBomb(
                      data.resolve("train-images-idx3-ubyte.gz"),
                      IdxFiles.header(Integer.MAX_VALUE, 28, 28),
                      48);
                },
            ok,
            "train-images-idx3-ubyte.gz: dimensions 2147483647 x 28 x 28 declare 1683627179248"
                + " data bytes (1.5 TiB), more than the "));
    String tune =
        "tune:\n  axes: {learningRate: {loguniform: [0.0001, 0.3]}}\n  configurations: 2\n"
            + "  minEpochs: 1\n  maxEpochs: 3\n";
    cases.add(
        Arguments.of(
            "tune without validationSize",
            nothing(),
            ok + tune,
            "tune: chooses configurations on a validation split: set validationSize"));
    cases.add(
        Arguments.of(
            "tune with validationSize 0",
            nothing(),
            ok + tune + "validationSize: 0\n",
            "set validationSize to 1 or more (it is 0)"));
    cases.add(
        Arguments.of(
            "tuned axis also swept",
            nothing(),
            ok + tune + "validationSize: 10\naxes: {learningRate: [0.01, 0.1]}\n",
            "axes.learningRate: is tuned (tune.axes) and swept (axes) at once"));
    cases.add(
        Arguments.of(
            "tune with no configurations",
            nothing(),
            ok
                + "validationSize: 10\ntune:\n  axes: {learningRate: {loguniform: [0.0001, 0.3]}}\n"
                + "  configurations: 0\n",
            "tune.configurations: must be an integer of at least 1, got 0"));
    cases.add(
        Arguments.of(
            "tune with eta 1",
            nothing(),
            ok + tune + "  eta: 1\nvalidationSize: 10\n",
            "tune.eta: must be an integer of at least 2, got 1"));
    cases.add(
        Arguments.of(
            "tune with minEpochs above maxEpochs",
            nothing(),
            ok
                + "validationSize: 10\ntune:\n  axes: {learningRate: {loguniform: [0.0001, 0.3]}}\n"
                + "  minEpochs: 5\n  maxEpochs: 3\n",
            "tune.minEpochs: must be at most maxEpochs (3)"));
    cases.add(
        Arguments.of(
            "tune deciding on validation",
            nothing(),
            ok + tune + "validationSize: 10\ncompare: {metric: validation}\n",
            "compare.metric: validation with tune: would decide on the split used to choose"));
    cases.add(
        Arguments.of(
            "tune in data-parallel mode",
            nothing(),
            ok + tune + "validationSize: 10\nseeds: 2\nmode: data-parallel\n",
            "tune: is not supported with mode: data-parallel"));
    cases.add(
        Arguments.of(
            "negative checkpoint cadence",
            nothing(),
            ok + "checkpointEvery: -1\n",
            "checkpointEvery: must be a number of seconds, 0 or more"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badSpecOrDatasetGivesOneLineAndExitTwo(
      String name, Breakage breakage, String spec, String expected) throws IOException {
    Path caseDir = Files.createDirectories(work.resolve(name.replace(' ', '-')));
    Path data = SyntheticImages.writeDataset(caseDir.resolve("data"), 40, 20, false);
    breakage.apply(data);
    Path specFile =
        Files.writeString(caseDir.resolve("spec.yaml"), "dataset: " + data + "\n" + spec);
    Path out = caseDir.resolve("out");

    assertBadInput(expected, out, "run", specFile.toString(), "--out", out.toString());
  }

  @Test
  void outputPathThatIsAFile() throws IOException {
    Path caseDir = Files.createDirectories(work.resolve("output-file"));
    Path data = SyntheticImages.writeDataset(caseDir.resolve("data"), 40, 20, false);
    Path spec = Files.writeString(caseDir.resolve("spec.yaml"), "dataset: " + data);
    Path file = Files.writeString(caseDir.resolve("a-file"), "x");

    assertBadInput(
        "is a file, not a directory",
        file.resolve("out"),
        "run",
        spec.toString(),
        "--out",
        file.resolve("out").toString());
  }

  @Test
  void outputPathThatIsNotWritable() throws IOException {
    Path caseDir = Files.createDirectories(work.resolve("output-unwritable"));
    Path data = SyntheticImages.writeDataset(caseDir.resolve("data"), 40, 20, false);
    Path spec = Files.writeString(caseDir.resolve("spec.yaml"), "dataset: " + data);
    Path out = Path.of("/proc/bnsweep-out"); // not writable even for root

    assertBadInput("is not writable", out, "run", spec.toString(), "--out", out.toString());
  }

  /**
   * A {@code checkpoints:} location is checked from every slot once Spark is up, so after the
   * sweep's plan lines: those, then the refusal as the one error line, and nothing written.
   */
  @Test
  void checkpointLocationTheExecutorsCannotWrite() throws IOException {
    Path caseDir = Files.createDirectories(work.resolve("checkpoints"));
    Path data = SyntheticImages.writeDataset(caseDir.resolve("data"), 40, 20, false);
    Path spec =
        Files.writeString(
            caseDir.resolve("spec.yaml"),
            "dataset: " + data + "\ncheckpoints: /proc/bnsweep-checkpoints\n");
    Path out = caseDir.resolve("out");

    Cli cli = Cli.run("run", spec.toString(), "--out", out.toString());

    assertEquals(ExitCodes.BAD_INPUT, cli.exitCode(), cli.err());
    List<String> lines = cli.err().lines().toList();
    String refusal = lines.get(lines.size() - 1);
    assertTrue(
        lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.startsWith("[bnsweep] ")),
        "the plan's progress lines, then the refusal: " + cli.err());
    assertTrue(
        refusal.startsWith("bnsweep: checkpoints: /proc/bnsweep-checkpoints: executor driver on "),
        refusal);
    assertTrue(refusal.contains("cannot write there"), refusal);
    assertFalse(Files.exists(out), "no output written");
  }

  @Test
  void unreachableMasterIsBadInput() throws IOException {
    Path caseDir = Files.createDirectories(work.resolve("master"));
    Path data = SyntheticImages.writeDataset(caseDir.resolve("data"), 40, 20, false);
    Path spec = Files.writeString(caseDir.resolve("spec.yaml"), "dataset: " + data);
    Path out = caseDir.resolve("out");
    int port;
    try (ServerSocket server = new ServerSocket(0)) {
      port = server.getLocalPort();
    }
    assertBadInput(
        "cannot reach 127.0.0.1:" + port,
        out,
        "run",
        spec.toString(),
        "--master",
        "spark://127.0.0.1:" + port,
        "--out",
        out.toString());
  }

  @Test
  void missingSpecAndVerboseStackTrace() throws IOException {
    Path out = work.resolve("no-out");
    assertBadInput("no/such.yaml: no such spec file", out, "run", "no/such.yaml");

    Cli verbose = Cli.run("run", "no/such.yaml", "--verbose");
    assertEquals(ExitCodes.BAD_INPUT, verbose.exitCode());
    assertTrue(verbose.err().contains("\tat io.bnsweep."), "stack trace with --verbose");
  }

  private static void assertBadInput(String expected, Path out, String... args) {
    Cli cli = Cli.run(args);

    assertEquals(ExitCodes.BAD_INPUT, cli.exitCode(), cli.err());
    List<String> lines = cli.err().lines().toList();
    assertEquals(1, lines.size(), "exactly one line: " + cli.err());
    assertTrue(lines.get(0).startsWith("bnsweep: "), lines.get(0));
    assertTrue(lines.get(0).contains(expected), lines.get(0));
    assertFalse(Files.exists(out), "no output written");
    assertEquals("", cli.out());
  }

  private static Breakage nothing() {
    return data -> {};
  }

  private static Breakage delete(String file) {
    return data -> Files.delete(data.resolve(file));
  }

  private static void deleteAll(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  private static void putInt(Path file, int offset, int value) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).putInt(offset, value);
    Files.write(file, bytes);
  }

  private static void putByte(Path file, int offset, int value) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[offset] = (byte) value;
    Files.write(file, bytes);
  }

  private static void truncate(Path file, long size) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
  }
}

package io.bnsweep.trial.dl4j;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetCache;
import io.bnsweep.data.Normalize;
import io.bnsweep.data.Preprocessing;
import io.bnsweep.data.Subsets;
import io.bnsweep.diagnostics.DiagnosticsProbe;
import io.bnsweep.diagnostics.InferenceCost;
import io.bnsweep.diagnostics.InferenceCosts;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.trial.LocalFitter;
import io.bnsweep.trial.NativeThreads;
import io.bnsweep.trial.TrialRunner;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Benchmark, not a test: what the diagnostics and the inference-cost measurement add to a trial of
 * the default network, on the demo's settings (Fashion-MNIST, 4,000 training and 2,000 test images,
 * 2 epochs, batches of 64, one native thread).
 *
 * <p>Runs each variant's epochs as {@link TrialRunner} does, timing fitting, evaluation,
 * diagnostics and, after the last epoch, the inference cost separately; prints one row per variant
 * and the overall ratios. Run it with {@code src/bench/diagnostics-overhead.sh [activation...]}.
 */
public final class DiagnosticsOverheadBench {
  private static final int TRAIN = 4000;
  private static final int TEST = 2000;
  private static final int EPOCHS = 2;
  private static final int BATCH = 64;

  private DiagnosticsOverheadBench() {}

  public static void main(String[] args) {
    NativeThreads.limit(1);
    Dataset data = DatasetCache.get("fashion-mnist");
    String[] activations = args.length > 0 ? args : new String[] {"relu", "tanh"};
    double trainingTotal = 0;
    double diagnosticsTotal = 0;
    double inferenceTotal = 0;
    System.out.println(
        "variant        fit s  eval s  diag s  infer s  diag %  infer %  fold diff  us/img  us/img@128");
    for (String activation : activations) {
      for (Placement placement : Placement.BLOCKS) {
        Variant variant = Variant.of(placement, ActivationKind.parse(activation));
        double[] t = run(variant, data);
        trainingTotal += t[0] + t[1];
        diagnosticsTotal += t[2];
        inferenceTotal += t[3];
        System.out.printf(
            Locale.ROOT,
            "%-14s %6.2f  %6.2f  %6.3f  %7.3f  %5.2f%%  %6.2f%%  %9s  %6.0f  %10.1f%n",
            variant.label(),
            t[0],
            t[1],
            t[2],
            t[3],
            100 * t[2] / (t[0] + t[1]),
            100 * t[3] / (t[0] + t[1]),
            Double.isNaN(t[4]) ? "-" : String.format(Locale.ROOT, "%.1e", t[4]),
            t[5],
            t[6]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "overall: diagnostics %.2f%%, inference cost %.2f%% of fitting + evaluation time%n",
        100 * diagnosticsTotal / trainingTotal,
        100 * inferenceTotal / trainingTotal);
  }

  /** Seconds fitting, evaluating, diagnosing, measuring inference; fold diff; the latencies. */
  private static double[] run(Variant variant, Dataset data) {
    LocalFitter fitter = new LocalFitter(NetworkFactory.architecture(variant, data.shape(), 1));
    Preprocessing pre = Preprocessing.of(Normalize.UNIT, data.train(), Subsets.identity(TRAIN));
    Evaluator evaluator = new Evaluator(data.test(), Subsets.identity(TEST), pre);
    DiagnosticsProbe probe =
        new DiagnosticsProbe(
            Batches.of(data.train(), Subsets.identity(TRAIN), 0, DiagnosticsProbe.SIZE, pre));
    Random shuffle = new Random(1);
    int[] order = Subsets.identity(TRAIN);
    double fit = 0;
    double eval = 0;
    double diag = 0;
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      Subsets.shuffle(order, shuffle);
      long t0 = System.nanoTime();
      fitter.fitEpoch(epoch, Batches.iterate(data.train(), order, BATCH, pre, null));
      long t1 = System.nanoTime();
      evaluator.evaluate(fitter.network());
      long t2 = System.nanoTime();
      probe.measure(epoch, fitter.network());
      long t3 = System.nanoTime();
      fit += (t1 - t0) / 1e9;
      eval += (t2 - t1) / 1e9;
      diag += (t3 - t2) / 1e9;
    }
    long t4 = System.nanoTime();
    INDArray test = Batches.of(data.test(), Subsets.identity(TEST), 0, TEST, pre).getFeatures();
    InferenceCost cost = InferenceCosts.measure(fitter.network(), test);
    double infer = (System.nanoTime() - t4) / 1e9;
    return new double[] {
      fit,
      eval,
      diag,
      infer,
      cost.foldedMaxAbsDiff() == null ? Double.NaN : cost.foldedMaxAbsDiff(),
      cost.microsPerImage(),
      cost.microsPerImageBatched()
    };
  }
}

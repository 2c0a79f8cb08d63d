package io.bnsweep.trial;

import io.bnsweep.data.InputShape;
import io.bnsweep.kernel.Kernels;
import io.bnsweep.network.Architecture;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.testing.BuiltInLayers;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Benchmark, not a test: how far each float path errs from the same network in double on {@link
 * ProductionEquivalenceTest}'s data, and which kinks it crosses. Three paths per case: the
 * production network (DL4J's oneDNN helpers plus bnsweep's kernels), DL4J's built-in layers, and
 * the built-in layers with only bnsweep's {@code BatchNormKernel} swapped in. Errors are the worst
 * per kind of parameter, relative to the layer's gradient scale, as the test measures them; each
 * figure also in units of the test's rounding bound {@link ProductionEquivalenceTest#ROUNDING}.
 *
 * <p>These figures depend on the machine (which SIMD width the JIT, oneDNN and OpenBLAS use decides
 * the order of additions, so the rounding, so which kinks a float path crosses): BENCHMARKS.md
 * records them with the CPU. Run it with {@code src/bench/float-error.sh [--isa avx2] [CASE...]}, a
 * case being {@code placement/activation/batch} (default: before/relu/64 after/tanh/64) or {@code
 * all} (the test's 36 cases, the production path only).
 */
public final class FloatErrorBench {
  private static final InputShape SHAPE = new InputShape(1, 28, 28, 10);
  private static final List<String> KINDS = List.of("W", "b", "gamma", "beta");

  private FloatErrorBench() {}

  public static void main(String[] args) {
    NativeThreads.limit(1);
    List<String> cases =
        List.of(args.length > 0 ? args : new String[] {"before/relu/64", "after/tanh/64"});
    if (cases.equals(List.of("all"))) {
      for (Placement p : Placement.BLOCKS) {
        for (ActivationKind a : ActivationKind.values()) {
          for (int batch : new int[] {1, 7, 64}) {
            run(p, a, batch, false);
          }
        }
      }
      return;
    }
    for (String c : cases) {
      String[] parts = c.split("/");
      run(
          Placement.parse(parts[0]),
          ActivationKind.valueOf(parts[1].toUpperCase(Locale.ROOT)),
          Integer.parseInt(parts[2]),
          true);
    }
  }

  private static void run(Placement p, ActivationKind a, int batch, boolean allPaths) {
    MultiLayerConfiguration conf = NetworkFactory.configuration(Variant.of(p, a), SHAPE, 17);
    MultiLayerNetwork production =
        ((Network.Stack) new LocalFitter(Architecture.of(conf)).network()).net();
    Map<String, MultiLayerNetwork> paths = new LinkedHashMap<>();
    paths.put("production", production);
    if (allPaths) {
      MultiLayerNetwork builtIn = BuiltInLayers.network(conf);
      builtIn.setParams(production.params().dup());
      paths.put("built-in", builtIn);
      MultiLayerNetwork withKernel = BuiltInLayers.network(conf);
      withKernel.setParams(production.params().dup());
      Kernels.installBatchNorm(new Network.Stack(withKernel));
      paths.put("built-in + BatchNorm kernel", withKernel);
    }
    MultiLayerNetwork exact = ProductionEquivalenceTest.doubles(conf, production);
    DataSet first = ProductionEquivalenceTest.firstBatch(p, a, batch);
    ProductionEquivalenceTest.lossInDouble(exact, first);
    Map<String, INDArray> expected = exact.gradient().gradientForVariable();
    for (Map.Entry<String, MultiLayerNetwork> path : paths.entrySet()) {
      MultiLayerNetwork net = path.getValue();
      BuiltInLayers.lossAfterBackprop(net, first.getFeatures(), first.getLabels());
      Map<String, Double> worst = new LinkedHashMap<>();
      ProductionEquivalenceTest.errorsByLayer(expected, net.gradient().gradientForVariable())
          .forEach(
              (key, error) -> worst.merge(ProductionEquivalenceTest.kind(key), error, Math::max));
      List<String> figures = new ArrayList<>();
      for (String kind : KINDS) {
        if (worst.containsKey(kind)) {
          double e = worst.get(kind);
          figures.add(
              String.format(
                  Locale.ROOT, "%s %.2g (%.2f)", kind, e, e / ProductionEquivalenceTest.ROUNDING));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%s/%s/%d %-28s %s; %s%n",
          p.id(),
          a.name().toLowerCase(Locale.ROOT),
          batch,
          path.getKey(),
          String.join(", ", figures),
          Kinks.of(net, exact, first.getFeatures()));
    }
  }
}

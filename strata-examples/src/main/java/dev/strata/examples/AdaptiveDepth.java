package dev.strata.examples;

import dev.strata.Strata;
import dev.strata.data.Datasets;
import dev.strata.data.Split;
import dev.strata.data.StandardScaler;
import dev.strata.data.Table;
import dev.strata.layers.core.Dense;
import dev.strata.models.Model;
import dev.strata.models.Plot;
import dev.strata.ops.Ops;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A research-style subclassed model whose control flow depends on tensor values, written with {@link Ops#whileLoop}
 * and {@link Ops#cond} so that it still traces: adaptive computation depth on California housing. One residual
 * block is applied again and again, each time scaled by the model's own halting gate, until the gates close (their
 * mean falls below a threshold) or eight steps ran; then a branch picks a head by how deep the loop went.
 *
 * <p>The model trains eagerly as any subclassed model, and it also traces before any data: the loop and the branch
 * become one node each in the summary, the plot and the saved graph, with their shapes checked. The saved file
 * reloads with its class and, as a graph alone, without it.
 *
 * <p>Run: {@code mvn -q compile exec:java -pl strata-examples -am -Dexample.main=dev.strata.examples.AdaptiveDepth}
 */
public final class AdaptiveDepth {
    private AdaptiveDepth() {
    }

    /** The most steps the loop may run. */
    static final int MAX_STEPS = 8;

    /** Adaptive depth: a gated residual step repeated while the gates stay open, then a depth-dependent head. */
    static final class AdaptiveDepthModel extends Model {
        private final Dense embed = new Dense(32, "relu");
        private final Dense step = new Dense(32, "tanh");
        private final Dense halt = new Dense(1, "sigmoid");
        private final Dense shallowHead = new Dense(1);
        private final Dense deepHead = new Dense(1);

        @Override
        protected Tensor call(Tensor x) {
            Tensor h0 = embed.apply(x);
            // loop variables: the state, the number of steps run, the mean gate of the last step
            Tensors end = Ops.whileLoop(
                    v -> Ops.logicalAnd(Ops.less(v.get(1), (float) MAX_STEPS), Ops.greater(v.get(2), 0.3f)),
                    v -> {
                        Tensor gate = halt.apply(v.get(0)); // (batch, 1): how much this step still changes
                        Tensor h = Ops.add(v.get(0), Ops.multiply(gate, step.apply(v.get(0))));
                        return List.of(h, Ops.add(v.get(1), 1f), Ops.mean(gate));
                    },
                    List.of(h0, Tensor.scalar(0f), Tensor.scalar(1f)));
            Tensor h = end.get(0);
            Tensor steps = end.get(1);
            return Ops.cond(Ops.greater(steps, MAX_STEPS / 2f), () -> deepHead.apply(h), () -> shallowHead.apply(h));
        }
    }

    public static void main(String[] args) throws Exception {
        Strata.setRandomSeed(42);
        Table housing = Datasets.californiaHousing();
        Split split = housing.split(0.25, 42);
        StandardScaler scaler = new StandardScaler().fit(split.train().features());
        Tensor x = scaler.transform(split.train().features());
        Tensor y = split.train().targets();
        Tensor xTest = scaler.transform(split.test().features());
        Tensor yTest = split.test().targets();

        AdaptiveDepthModel model = new AdaptiveDepthModel();
        model.buildForSamples(Shape.of(8)); // traced: the loop body and both branches, shapes checked, no data
        model.summary();
        Path dir = Files.createTempDirectory("adaptive-depth");
        Plot.model(model, dir.resolve("adaptive_depth.svg"));
        System.out.println("plot: " + dir.resolve("adaptive_depth.svg"));

        model.compile("adam", "mse");
        long start = System.nanoTime();
        model.fit(x, y, new FitOptions().epochs(10).batchSize(64).verbose(0));
        double seconds = (System.nanoTime() - start) / 1e9;
        double mse = model.evaluate(List.of(xTest), List.of(yTest), new EvaluateOptions().verbose(0)).get("loss");

        Path file = dir.resolve("adaptive_depth.keras");
        model.save(file);
        Model reloaded = Saving.loadModel(file);
        Path graphFile = dir.resolve("adaptive_depth_graph.keras");
        model.toFunctional().save(graphFile);
        Model graphOnly = Saving.loadModel(graphFile); // what code without the class (or with a new one) loads
        Tensor sample = Ops.slice(xTest, new int[] {0, 0}, new int[] {256, -1});
        Tensor expected = model.predict(sample);
        double diffClass = maxAbsDiff(expected, reloaded.predict(sample));
        double diffGraph = maxAbsDiff(expected, graphOnly.predict(sample));

        System.out.printf(Locale.ROOT, "RESULT adaptive_depth_test_mse=%.4f%n", mse);
        System.out.printf(Locale.ROOT, "RESULT adaptive_depth_fit_seconds=%.1f%n", seconds);
        System.out.printf(Locale.ROOT, "RESULT reloaded_max_abs_diff=%.2g graph_only_max_abs_diff=%.2g%n",
                diffClass, diffGraph);
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        float[] p = a.toFloatArray();
        float[] q = b.toFloatArray();
        double max = 0;
        for (int i = 0; i < p.length; i++) {
            max = Math.max(max, Math.abs(p[i] - q[i]));
        }
        return max;
    }
}

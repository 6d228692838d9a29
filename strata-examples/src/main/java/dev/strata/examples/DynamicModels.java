package dev.strata.examples;

import dev.strata.Strata;
import dev.strata.ShapeException;
import dev.strata.data.Table;
import dev.strata.data.Datasets;
import dev.strata.data.Split;
import dev.strata.data.StandardScaler;
import dev.strata.layers.core.Dense;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.FitOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Subclassed models with Java control flow, traced before any data: a residual MLP whose depth is a constructor
 * argument, a model that branches on a configuration flag, and one whose branch depends on tensor values, which
 * cannot be traced and says so, yet still trains.
 *
 * <p>Run: {@code mvn -q compile exec:java -pl strata-examples -am -Dexample.main=dev.strata.examples.DynamicModels}
 */
public final class DynamicModels {
    private DynamicModels() {
    }

    /** A loop over a list of layers: the number of blocks is configuration, so it traces. */
    static final class ResidualMlp extends Model {
        private final Dense project;
        private final List<Dense> blocks = new ArrayList<>();
        private final Dense head = new Dense(1);

        ResidualMlp(int width, int depth) {
            project = new Dense(width, "relu");
            for (int i = 0; i < depth; i++) {
                blocks.add(new Dense(width, "relu"));
            }
        }

        @Override
        protected Tensor call(Tensor x) {
            Tensor h = project.apply(x);
            for (Dense block : blocks) {
                h = Ops.add(h, block.apply(h)); // a residual connection
            }
            return head.apply(h);
        }
    }

    /** An if on a configuration flag and on a shape: both are known while tracing. */
    static final class GatedModel extends Model {
        private final boolean gated;
        private final Dense features = new Dense(16, "relu");
        private final Dense gate = new Dense(16, "sigmoid");
        private final Dense wide = new Dense(16, "relu");
        private final Dense out = new Dense(1);

        GatedModel(boolean gated) {
            this.gated = gated;
        }

        @Override
        protected Tensor call(Tensor x) {
            Tensor h = features.apply(x);
            if (gated) {
                h = Ops.multiply(h, gate.apply(x));
            }
            if (x.shape().get(1) > 4) { // a shape is known while tracing
                h = Ops.add(h, wide.apply(x));
            }
            return out.apply(h);
        }
    }

    /** A branch on a tensor's value: cannot be traced (values do not exist then), but trains eagerly. */
    static final class ValueBranch extends Model {
        private final Dense small = new Dense(1);
        private final Dense large = new Dense(1);

        @Override
        protected Tensor call(Tensor x) {
            return Ops.mean(x).item() > 0 ? large.apply(x) : small.apply(x);
        }
    }

    public static void main(String[] args) {
        Strata.setRandomSeed(42);
        Table housing = Datasets.californiaHousing();
        Split split = housing.split(0.25, 42);
        StandardScaler scaler = new StandardScaler().fit(split.train().features());
        Tensor x = scaler.transform(split.train().features());
        Tensor y = split.train().targets();
        Tensor xTest = scaler.transform(split.test().features());
        Tensor yTest = split.test().targets();

        ResidualMlp residual = new ResidualMlp(32, 3);
        residual.buildForSamples(Shape.of(8)); // traced: shapes checked, graph recorded, no data needed
        residual.summary();
        dev.strata.models.Plot.model(residual, java.nio.file.Path.of("residual_mlp.svg")); // and residual_mlp.dot
        System.out.println("wrote residual_mlp.svg and residual_mlp.dot");
        train("residual MLP (depth 3)", residual, x, y, xTest, yTest);

        GatedModel gated = new GatedModel(true);
        gated.buildForSamples(Shape.of(8));
        gated.summary();
        train("gated model", gated, x, y, xTest, yTest);

        ValueBranch branchy = new ValueBranch();
        try {
            branchy.buildForSamples(Shape.of(8));
        } catch (dev.strata.TracingException e) {
            System.out.println("Tracing ValueBranch failed, as it must: " + e.getMessage());
        }
        train("value-dependent branch (eager)", branchy, x, y, xTest, yTest);
        branchy.summary();

        try {
            new ResidualMlp(32, 2).buildForSamples(Shape.of(8), Shape.of(3));
        } catch (IllegalArgumentException | ShapeException e) {
            System.out.println("A wrong build is caught before any data: " + e.getMessage());
        }
    }

    private static void train(String what, Model model, Tensor x, Tensor y, Tensor xTest, Tensor yTest) {
        model.compile("adam", "mse");
        model.fit(x, y, new FitOptions().epochs(5).verbose(0));
        double mse = model.evaluate(List.of(xTest), List.of(yTest),
                new dev.strata.training.EvaluateOptions().verbose(0)).get("loss");
        System.out.printf(Locale.ROOT, "%s: test MSE after 5 epochs = %.4f%n%n", what, mse);
    }
}

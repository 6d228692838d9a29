package dev.strata.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Losses on symbolic inputs with an unknown batch: the result is a scalar (or, unreduced, one value per sample),
 * and running the recorded graph on concrete tensors gives exactly the eager value. This covers the parts that
 * differ between the two paths: the element count of the mean reductions, the ignored-class mask, and the
 * squeezes of tensors with several unknown dimensions.
 */
class LossesSymbolicTest {
    private static final int U = Shape.UNKNOWN;

    record SymCase(String name, Supplier<Loss> loss, Tensor yTrue, int[] yTrueShape, Tensor yPred, int[] yPredShape,
                   Tensor weight, int[] weightShape) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Tensor reg = Tensor.of(new float[] {1, -2, 0, 3.5f, 2, 0.25f}, 3, 2);
        Tensor regP = Tensor.of(new float[] {1.5f, -1, 0.3f, 1, -0.5f, 4}, 3, 2);
        Tensor w = Tensor.of(new float[] {1, 0, 2.5f}, 3);
        Tensor bin = Tensor.of(new float[] {0, 1, 1, 0, 1, 1}, 3, 2);
        Tensor binP = Tensor.of(new float[] {0, 1, 0.6f, 0.4f, 1, 0.2f}, 3, 2);
        Tensor oneHot = Tensor.of(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, 3, 3);
        Tensor catP = Tensor.of(new float[] {0.2f, 0.5f, 0.3f, 0, 2, 2, 1, 1, 0}, 3, 3);
        Tensor logits = Tensor.of(new float[] {1, 2, 3, -100, 100, 0, 100, -100, 5}, 3, 3);
        Tensor labels = Tensor.of(new float[] {1, -1, 2}, 3);
        Tensor seqLabels = Tensor.of(new float[] {0, 2, 1, 1}, 2, 2, 1);
        Tensor seqLogits = Tensor.of(new float[] {1, 2, 3, 0, 0, 1, -1, 4, 2, 0.5f, 0.5f, 0}, 2, 2, 3);
        int[] n2 = {U, 2};
        int[] n3 = {U, 3};
        List<SymCase> all = new ArrayList<>();
        for (Reduction r : Reduction.values()) {
            all.add(new SymCase("mse " + r, () -> new MeanSquaredError(r), reg, n2, regP, n2, w, new int[] {U}));
            all.add(new SymCase("scce ignore_class " + r, () -> new SparseCategoricalCrossentropy(true, -1, r), labels,
                    new int[] {U}, logits, n3, w, new int[] {U}));
        }
        all.add(new SymCase("mse unweighted", MeanSquaredError::new, reg, n2, regP, n2, null, null));
        all.add(new SymCase("mae", MeanAbsoluteError::new, reg, n2, regP, n2, w, new int[] {U}));
        all.add(new SymCase("mape", MeanAbsolutePercentageError::new, reg, n2, regP, n2, null, null));
        all.add(new SymCase("msle", MeanSquaredLogarithmicError::new, reg, n2, regP, n2, null, null));
        all.add(new SymCase("huber", Huber::new, reg, n2, regP, n2, w, new int[] {U, 1}));
        all.add(new SymCase("log_cosh", LogCosh::new, reg, n2, regP, n2, null, null));
        all.add(new SymCase("mse (None,) vs (None,1)", MeanSquaredError::new, Tensor.of(new float[] {1, 2, 3}, 3),
                new int[] {U}, Tensor.of(new float[] {0, 2, 5}, 3, 1), new int[] {U, 1}, null, null));
        all.add(new SymCase("bce probs", BinaryCrossentropy::new, bin, n2, binP, n2, w, new int[] {U}));
        all.add(new SymCase("bce logits smoothing", () -> new BinaryCrossentropy(true, 0.1), bin, n2,
                Tensor.of(new float[] {-100, 100, 0.5f, -0.3f, 100, -2}, 3, 2), n2, null, null));
        all.add(new SymCase("cce probs", CategoricalCrossentropy::new, oneHot, n3, catP, n3, w, new int[] {U}));
        all.add(new SymCase("cce logits smoothing", () -> new CategoricalCrossentropy(true, 0.2), oneHot, n3, logits,
                n3, null, null));
        all.add(new SymCase("cce smoothing, classes unknown", () -> new CategoricalCrossentropy(true, 0.2), oneHot,
                new int[] {U, U}, logits, n3, null, null));
        all.add(new SymCase("scce probs", SparseCategoricalCrossentropy::new, Tensor.of(new float[] {1, 0, 2}, 3, 1),
                new int[] {U, 1}, catP, n3, null, null));
        all.add(new SymCase("scce (None,None,1) labels", () -> new SparseCategoricalCrossentropy(true, 1), seqLabels,
                new int[] {U, U, 1}, seqLogits, new int[] {U, U, 3}, null, null));
        return all.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void symbolicShapeAndReplayMatchEager(SymCase c) {
        Loss loss = c.loss().get();
        SymbolicTensor t = Graph.input(Shape.of(c.yTrueShape()), "y_true");
        SymbolicTensor p = Graph.input(Shape.of(c.yPredShape()), "y_pred");
        SymbolicTensor sw = c.weight() == null ? null : Graph.input(Shape.of(c.weightShape()), "sample_weight");
        Tensor out = loss.apply(t, p, sw);
        assertThat(out.isSymbolic()).isTrue();
        if (loss.reduction() == Reduction.NONE) {
            assertThat(out.rank()).isGreaterThanOrEqualTo(1);
            assertThat(out.shape().get(0)).isEqualTo(U);
        } else {
            assertThat(out.shape()).isEqualTo(Shape.scalar());
        }

        Tensor weight = c.weight() == null ? null
                : c.weightShape().length == 2 ? dev.strata.ops.Ops.reshape(c.weight(), -1, 1) : c.weight();
        Tensor eager = loss.apply(c.yTrue(), c.yPred(), weight);
        Map<Tensor, Tensor> feeds = new IdentityHashMap<>();
        feeds.put(t, c.yTrue());
        feeds.put(p, c.yPred());
        if (sw != null) {
            feeds.put(sw, weight);
        }
        Tensor replayed = run(out, feeds);
        assertThat(replayed.shape()).isEqualTo(eager.shape());
        assertThat(replayed.toFloatArray()).containsExactly(eager.toFloatArray());
    }

    @org.junit.jupiter.api.Test
    void badShapesFailWhileRecording() {
        SymbolicTensor t = Graph.input(Shape.of(U, 2), "t");
        SymbolicTensor p = Graph.input(Shape.of(U, 3), "p");
        assertThatThrownBy(() -> new BinaryCrossentropy().apply(t, p))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("binary_crossentropy: y_true (None, 2) and y_pred (None, 3) must have the same "
                        + "shape");
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy().apply(Graph.input(Shape.of(U, 2), "l"), p))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("labels (None, 2) must have y_pred's shape (None, 3) without its last (class) "
                        + "axis, i.e. (None,) or (None, 1)");
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy().apply(Graph.input(Shape.of(U), "l"),
                Graph.input(Shape.of(U, U), "p")))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("the number of classes (y_pred's last dimension) must be known");
    }

    /** Runs a recorded graph: each node's operation on the concrete values of its inputs. */
    static Tensor run(Tensor t, Map<Tensor, Tensor> values) {
        if (!t.isSymbolic()) {
            return t;
        }
        Tensor known = values.get(t);
        if (known != null) {
            return known;
        }
        SymbolicTensor s = (SymbolicTensor) t;
        Node node = Graph.producer(s).orElseThrow(() -> new AssertionError("no value fed for " + s));
        List<Tensor> args = new ArrayList<>();
        for (Tensor in : node.inputs()) {
            args.add(run(in, values));
        }
        List<? extends Tensor> outs = node.operation().apply(args);
        for (int i = 0; i < outs.size(); i++) {
            values.put(node.outputs().get(i), outs.get(i));
        }
        return values.get(s);
    }
}

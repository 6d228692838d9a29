package dev.strata.losses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks of every loss's gradient with respect to y_pred, over several shapes (rank
 * alignment, rank 3), with and without sample weights and under each reduction. Inputs stay away from kinks
 * (MAE at zero error, Huber at |error| = delta) and from the probability clipping, where finite differences
 * are meaningless.
 */
class LossesGradientTest {
    private static final Shape S43 = Shape.of(4, 3);

    record GradCase(String name, Supplier<Loss> loss, Tensor yTrue, Tensor yPred, Tensor weight, double eps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Tensor yT = GradientCheck.random(1, S43, -2, 2);
        Tensor err = GradientCheck.randomAwayFromZero(2, S43, 1.5, 0.1);
        Tensor yP = Ops.add(yT, err);
        Tensor w4 = Tensor.of(new float[] {1f, 0f, 2.5f, 0.5f}, 4);
        Tensor tAway = GradientCheck.randomAwayFromZero(3, S43, 3, 0.5);
        Tensor pos = GradientCheck.random(4, S43, 0.2, 3);
        Tensor pos2 = GradientCheck.random(5, S43, 0.2, 3);
        Tensor small = Ops.add(yT, GradientCheck.randomAwayFromZero(6, S43, 0.8, 0.1));
        Tensor large = Ops.add(yT, GradientCheck.randomAwayFromZero(7, S43, 2.5, 1.2));
        Tensor r3t = GradientCheck.random(8, Shape.of(2, 3, 4), -1, 1);
        Tensor r3p = Ops.add(r3t, GradientCheck.randomAwayFromZero(9, Shape.of(2, 3, 4), 1, 0.1));
        Tensor col = GradientCheck.random(10, Shape.of(5), -1, 1);
        Tensor colP = GradientCheck.random(11, Shape.of(5, 1), -1, 1);

        Tensor bin = Tensor.of(new float[] {0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0}, S43);
        Tensor soft = GradientCheck.random(12, S43, 0, 1);
        Tensor probs = GradientCheck.random(13, S43, 0.05, 0.95);
        Tensor logits = GradientCheck.random(14, S43, -4, 4);
        Tensor oneHot = Tensor.of(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0}, S43);
        Tensor unnormalised = GradientCheck.random(15, S43, 0.1, 1);
        Tensor labels = Tensor.of(new float[] {1, 0, 2, 1}, 4);
        Tensor labelsCol = Tensor.of(new float[] {1, 0, 2, 1}, 4, 1);
        Tensor ignoring = Tensor.of(new float[] {1, -1, 2, -1}, 4);
        Tensor seqLabels = Tensor.of(new float[] {0, 2, 1, 1, 2, 0}, 2, 3);
        Tensor seqLogits = GradientCheck.random(16, Shape.of(2, 3, 3), -3, 3);

        List<GradCase> all = List.of(
                new GradCase("mse", MeanSquaredError::new, yT, yP, null, 1e-2),
                new GradCase("mse weighted sum", () -> new MeanSquaredError(Reduction.SUM), yT, yP, w4, 1e-2),
                new GradCase("mse none", () -> new MeanSquaredError(Reduction.NONE), yT, yP, w4, 1e-2),
                new GradCase("mse rank 3", MeanSquaredError::new, r3t, r3p, null, 1e-2),
                new GradCase("mse (5,) vs (5,1)", MeanSquaredError::new, col, colP, null, 1e-2),
                new GradCase("mae", MeanAbsoluteError::new, yT, yP, w4, 1e-2),
                new GradCase("mae rank 3", () -> new MeanAbsoluteError(Reduction.NONE), r3t, r3p, null, 1e-2),
                new GradCase("mape", MeanAbsolutePercentageError::new, tAway, Ops.add(tAway, err), w4, 1e-2),
                new GradCase("msle", MeanSquaredLogarithmicError::new, pos, pos2, w4, 1e-2),
                new GradCase("msle mean_with_sample_weight",
                        () -> new MeanSquaredLogarithmicError(Reduction.MEAN_WITH_SAMPLE_WEIGHT), pos, pos2, w4, 1e-2),
                new GradCase("huber quadratic", Huber::new, yT, small, w4, 1e-2),
                new GradCase("huber linear", Huber::new, yT, large, w4, 1e-2),
                new GradCase("huber delta 0.5 linear", () -> new Huber(0.5), yT, large, null, 1e-2),
                new GradCase("log_cosh", LogCosh::new, yT, yP, w4, 1e-2),
                new GradCase("log_cosh large errors", LogCosh::new, yT, Ops.multiply(large, 10f), null, 1e-2),
                new GradCase("bce probs", BinaryCrossentropy::new, bin, probs, w4, 1e-3),
                new GradCase("bce probs soft labels smoothing", () -> new BinaryCrossentropy(false, 0.2), soft, probs,
                        null, 1e-3),
                new GradCase("bce logits", () -> new BinaryCrossentropy(true), bin, logits, w4, 1e-2),
                new GradCase("bce logits smoothing axis 0",
                        () -> new BinaryCrossentropy(true, 0.1, 0, Reduction.SUM), soft, logits, null, 1e-2),
                new GradCase("cce probs", CategoricalCrossentropy::new, oneHot, unnormalised, w4, 1e-3),
                new GradCase("cce probs soft smoothing", () -> new CategoricalCrossentropy(false, 0.2), soft,
                        unnormalised, null, 1e-3),
                new GradCase("cce logits", () -> new CategoricalCrossentropy(true), oneHot, logits, w4, 1e-2),
                new GradCase("cce logits axis 0", () -> new CategoricalCrossentropy(true, 0.0, 0, Reduction.NONE),
                        soft, logits, null, 1e-2),
                new GradCase("scce probs", SparseCategoricalCrossentropy::new, labels, unnormalised, w4, 1e-3),
                new GradCase("scce logits", () -> new SparseCategoricalCrossentropy(true), labels, logits, w4, 1e-2),
                new GradCase("scce logits (4,1) labels", () -> new SparseCategoricalCrossentropy(true), labelsCol,
                        logits, null, 1e-2),
                new GradCase("scce logits ignore_class",
                        () -> new SparseCategoricalCrossentropy(true, -1), ignoring, logits, w4, 1e-2),
                new GradCase("scce probs ignore_class none",
                        () -> new SparseCategoricalCrossentropy(false, -1, Reduction.NONE), ignoring, unnormalised,
                        null, 1e-3),
                new GradCase("scce logits sequence", () -> new SparseCategoricalCrossentropy(true), seqLabels,
                        seqLogits, null, 1e-2));
        return all.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientWithRespectToPredictions(GradCase c) {
        Loss loss = c.loss().get();
        GradientCheck.of().eps(c.eps())
                .verify(xs -> loss.apply(c.yTrue(), xs.getFirst(), c.weight()), c.yPred());
    }

    @Test
    void gradientsStayFiniteAtExtremes() {
        Tensor bin = Tensor.of(new float[] {0, 1, 1, 0}, 2, 2);
        assertFiniteGradient(new BinaryCrossentropy(true), bin, Tensor.of(new float[] {100, -100, 100, -100}, 2, 2));
        assertFiniteGradient(new BinaryCrossentropy(), bin, Tensor.of(new float[] {1, 0, 1, 0}, 2, 2));
        assertFiniteGradient(new BinaryCrossentropy(), bin, Tensor.of(new float[] {0, 1, 0, 1}, 2, 2));
        Tensor oneHot = Tensor.of(new float[] {0, 1, 0, 1, 0, 0}, 2, 3);
        assertFiniteGradient(new CategoricalCrossentropy(true), oneHot,
                Tensor.of(new float[] {100, -100, 0, -100, 100, 50}, 2, 3));
        assertFiniteGradient(new CategoricalCrossentropy(), oneHot, Tensor.of(new float[] {1, 0, 0, 0, 1, 0}, 2, 3));
        assertFiniteGradient(new SparseCategoricalCrossentropy(true), Tensor.of(new float[] {1, 0}, 2),
                Tensor.of(new float[] {100, -100, 0, -100, 100, 50}, 2, 3));
        assertFiniteGradient(new LogCosh(), Tensor.zeros(2, 2), Tensor.of(new float[] {100, -100, 1e4f, -1e4f}, 2, 2));
        assertFiniteGradient(new MeanAbsolutePercentageError(), Tensor.zeros(2, 2),
                Tensor.of(new float[] {1, -1, 0.5f, 0}, 2, 2));
    }

    private static void assertFiniteGradient(Loss loss, Tensor yTrue, Tensor yPred) {
        Tensor value;
        Tensor grad;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(yPred);
            value = loss.apply(yTrue, yPred);
            grad = tape.gradient(value, List.of(yPred)).getFirst();
        }
        assertThat(Float.isFinite(value.item())).as("%s value %s", loss, value.item()).isTrue();
        for (float g : grad.toFloatArray()) {
            assertThat(Float.isFinite(g)).as("%s gradient %s", loss, grad).isTrue();
        }
    }
}

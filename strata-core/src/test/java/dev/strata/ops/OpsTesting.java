package dev.strata.ops;

import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Helpers shared by the section-B op tests. */
final class OpsTesting {
    static final int U = Shape.UNKNOWN;

    private OpsTesting() {
    }

    /** Distinct values (a shuffled ramp with step 0.1, centred), so finite differences never cross a tie. */
    static Tensor distinct(long seed, Shape shape) {
        int n = shape.size();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2f) * 0.1f;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.of(v, shape);
    }

    static Tensor random(long seed, int... shape) {
        return GradientCheck.random(seed, Shape.of(shape), -1, 1);
    }

    /** A symbolic input of the given shape. */
    static Tensor input(int... dims) {
        return Graph.input(Shape.of(dims), "x");
    }

    static Tensor vector(float... values) {
        return Tensor.of(values);
    }

    /**
     * The tape's gradient of {@code Σ w·f(x)} with respect to x, for fixed weights w. Differentiating this again
     * (with GradientCheck, whose tape is outside) checks second derivatives: the backward ops recorded here
     * must themselves be differentiable.
     */
    static Tensor innerGradient(Function<Tensor, Tensor> f, Tensor x) {
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor y = f.apply(x);
            Tensor w = GradientCheck.random(99, y.shape(), 0.5, 1.5);
            return tape.gradient(Ops.sum(Ops.multiply(y, w)), x);
        }
    }

    /** The gradient of {@code sum(f(x))} with respect to x. */
    static Tensor gradientOfSum(Function<Tensor, Tensor> f, Tensor x) {
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            return tape.gradient(Ops.sum(f.apply(x)), x);
        }
    }
}

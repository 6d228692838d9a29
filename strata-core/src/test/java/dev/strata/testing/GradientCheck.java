package dev.strata.testing;

import dev.strata.autodiff.GradientTape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks the tape's gradients of a function against central finite differences.
 *
 * <p>The function's output is projected on fixed random weights {@code w} (so the check sees the whole
 * Jacobian, not only its column sums, which would hide errors: the sum of a softmax has zero gradient),
 * and {@code L(x) = Σ w·f(x)} is accumulated in float64 from the float32 outputs. The analytic side is the
 * tape's vector-Jacobian product with {@code w}. Each input element is perturbed by ±eps and the worst
 * disagreement is reported with its position.
 */
public final class GradientCheck {
    private double eps = 1e-2;
    private double rtol = 1e-2;
    private double atol = 1e-3;
    private long seed = 1234;

    private GradientCheck() {
    }

    /** A check with default tolerances (eps 1e-2, rtol 1e-2, atol 1e-3). */
    public static GradientCheck of() {
        return new GradientCheck();
    }

    public GradientCheck eps(double value) {
        eps = value;
        return this;
    }

    public GradientCheck tolerance(double relative, double absolute) {
        rtol = relative;
        atol = absolute;
        return this;
    }

    /** Shorthand: checks {@code f} at {@code inputs} with default settings. */
    public static void check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        of().verify(f, inputs);
    }

    /**
     * Verifies that the tape's gradient of {@code f} with respect to every input matches finite differences.
     *
     * @throws AssertionError naming the input, the element and both values at the worst mismatch
     */
    public void verify(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        List<Tensor> xs = Arrays.asList(inputs);
        Tensor y0 = f.apply(xs);
        Tensor w = projection(y0.shape());
        List<Tensor> analytic = analytic(f, xs, w);
        for (int i = 0; i < inputs.length; i++) {
            double[] numeric = numeric(f, xs, i, w);
            Tensor a = analytic.get(i);
            float[] av = a == null ? new float[inputs[i].size()] : a.toFloatArray();
            if (a != null && !a.shape().equals(inputs[i].shape())) {
                throw new AssertionError("gradient of input " + i + " has shape " + a.shape() + ", expected "
                        + inputs[i].shape());
            }
            compare(i, inputs[i].shape(), av, numeric);
        }
    }

    /** The tape's gradients of {@code Σ w·f(x)}. */
    public static List<Tensor> analytic(Function<List<Tensor>, Tensor> f, List<Tensor> xs, Tensor w) {
        try (GradientTape tape = GradientTape.record()) {
            for (Tensor x : xs) {
                tape.watch(x);
            }
            Tensor y = f.apply(xs);
            return tape.gradient(y, xs, w);
        }
    }

    /** Central differences of {@code Σ w·f(x)} with respect to input {@code index}, in float64. */
    public double[] numeric(Function<List<Tensor>, Tensor> f, List<Tensor> xs, int index, Tensor w) {
        float[] base = xs.get(index).toFloatArray();
        Shape shape = xs.get(index).shape();
        float[] wv = w.toFloatArray();
        double[] grad = new double[base.length];
        for (int j = 0; j < base.length; j++) {
            float[] plus = base.clone();
            float[] minus = base.clone();
            plus[j] = (float) (base[j] + eps);
            minus[j] = (float) (base[j] - eps);
            double lp = projected(f, replace(xs, index, Tensor.of(plus, shape)), wv);
            double lm = projected(f, replace(xs, index, Tensor.of(minus, shape)), wv);
            grad[j] = (lp - lm) / ((double) plus[j] - (double) minus[j]);
        }
        return grad;
    }

    private void compare(int input, Shape shape, float[] analytic, double[] numeric) {
        double worst = 0;
        int at = -1;
        for (int j = 0; j < numeric.length; j++) {
            double diff = Math.abs(analytic[j] - numeric[j]);
            double allowed = atol + rtol * Math.max(Math.abs(analytic[j]), Math.abs(numeric[j]));
            double excess = diff / allowed;
            if (!(excess <= 1.0) && (at < 0 || excess > worst || Double.isNaN(excess))) {
                worst = excess;
                at = j;
            }
        }
        if (at >= 0) {
            throw new AssertionError(String.format(
                    "gradient of input %d (shape %s) at flat index %d: tape says %.6g, finite differences say %.6g "
                            + "(rtol %.1g, atol %.1g)%n  tape:    %s%n  numeric: %s",
                    input, shape, at, analytic[at], numeric[at], rtol, atol,
                    Arrays.toString(Arrays.copyOf(analytic, Math.min(12, analytic.length))),
                    Arrays.toString(Arrays.copyOf(numeric, Math.min(12, numeric.length)))));
        }
    }

    private static double projected(Function<List<Tensor>, Tensor> f, List<Tensor> xs, float[] w) {
        float[] y = f.apply(xs).toFloatArray();
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (double) w[i] * y[i];
        }
        return s;
    }

    private static List<Tensor> replace(List<Tensor> xs, int index, Tensor t) {
        List<Tensor> out = new ArrayList<>(xs);
        out.set(index, t);
        return out;
    }

    private Tensor projection(Shape shape) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[shape.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.5 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
        }
        return Tensor.of(w, shape);
    }

    /** Random inputs for gradient checks, uniform in [lo, hi), from a fixed seed per call site. */
    public static Tensor random(long seed, Shape shape, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return Tensor.of(v, shape);
    }

    /**
     * Random inputs whose elements are all different, each at least {@code spacing} from every other (over all the
     * tensors together), for ops with kinks at ties such as maximum and minimum: finite differences with a step
     * below {@code spacing / 2} never cross one. The values are a shuffled grid centred on zero.
     */
    public static List<Tensor> distinct(long seed, double spacing, Shape... shapes) {
        int total = 0;
        for (Shape s : shapes) {
            total += s.size();
        }
        double[] grid = new double[total];
        for (int i = 0; i < total; i++) {
            grid[i] = (i - total / 2.0) * spacing;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = total - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = grid[i];
            grid[i] = grid[j];
            grid[j] = t;
        }
        List<Tensor> out = new ArrayList<>();
        int at = 0;
        for (Shape s : shapes) {
            float[] v = new float[s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) grid[at++];
            }
            out.add(Tensor.of(v, s));
        }
        return out;
    }

    /**
     * Random inputs whose magnitudes stay at least {@code margin} away from zero (for ops with a kink at 0,
     * such as relu and abs, where finite differences straddling the kink are meaningless).
     */
    public static Tensor randomAwayFromZero(long seed, Shape shape, double maxAbs, double margin) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[shape.size()];
        for (int i = 0; i < v.length; i++) {
            double mag = margin + (maxAbs - margin) * r.nextDouble();
            v[i] = (float) (r.nextBoolean() ? mag : -mag);
        }
        return Tensor.of(v, shape);
    }
}

package dev.strata.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metrics of issue 14 against Keras 3 (the confusion-matrix family, AUC, F-scores, R², top-k accuracy, IoU,
 * correlations, Sum): the result after each of several updates, with and without sample weights, and after a reset
 * must match, vector results element by element and with their shape. Expected values come from Keras 3.15.1 (JAX
 * backend) by {@code tools/golden/metrics14.py metrics} ({@link Metric14Golden}). Counts are float32 as in Keras,
 * but each batch's increment is summed in double and the results' sums run in another order than XLA's, hence the
 * small relative tolerance.
 */
class Metric14GoldenTest {
    private static final double RTOL = 2e-6;
    private static final double ATOL = 1e-6;

    static List<Metric14Golden.Case> cases() {
        return Metric14Golden.CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultsAfterEachUpdateAndAfterResetMatchKeras(Metric14Golden.Case c) {
        Metric m = c.metric().get();
        int step = 0;
        for (Metric14Golden.Update u : c.updates()) {
            update(m, u);
            check(m, u.result(), u.resultShape(), c.id() + " after update " + step++);
        }
        m.reset();
        check(m, c.afterReset(), c.afterReset().length == 1 ? new int[0] : new int[] {c.afterReset().length},
                c.id() + " after reset");
        Metric14Golden.Update first = c.updates().getFirst();
        update(m, first);
        check(m, first.result(), first.resultShape(), c.id() + " after reset and one update");
    }

    private static void update(Metric m, Metric14Golden.Update u) {
        Tensor w = u.weight() == null ? null : Tensor.of(u.weight(), Shape.of(u.weightShape()));
        Tensor p = Tensor.of(u.yPred(), Shape.of(u.yPredShape()));
        if (u.yTrue() == null) {
            ((Sum) m).updateState(p, w);
        } else {
            m.update(Tensor.of(u.yTrue(), Shape.of(u.yTrueShape())), p, w);
        }
    }

    private static void check(Metric m, float[] expected, int[] shape, String what) {
        Tensor r = m.resultTensor();
        assertThat(r.shape()).as("%s: shape", what).isEqualTo(Shape.of(shape));
        float[] got = TensorAccess.data(r);
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            sum += got[i];
            close(got[i], expected[i], what + " [" + i + "]");
        }
        close(m.result(), expected.length == 1 ? expected[0] : sum / expected.length, what + ": result()");
    }

    private static void close(double got, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(got).as(what).isNaN();
        } else {
            assertThat(Math.abs(got - expected)).as("%s: %s vs Keras %s", what, got, expected)
                    .isLessThanOrEqualTo(ATOL + RTOL * Math.abs(expected));
        }
    }
}

package dev.strata.ops;

import static dev.strata.ops.OpsTesting.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * layerNormalization outside a tape takes a fused pass per row, shared among threads; it must give the bits of
 * the ops it replaces (Mean, Variance, BatchNorm.normalize), at any thread count.
 */
class LayerNormFusedTest {
    private static final float EPS = 1e-3f;

    /** The composition the fused pass replaces, as LayerNorm computes it under a tape. */
    private static Tensor reference(Tensor x, Tensor gamma, Tensor beta, int[] axes, float eps) {
        return BatchNorm.normalize(x, Mean.apply(x, axes, true), Variance.apply(x, axes, true), eps, gamma, beta);
    }

    private static int[] bits(Tensor t) {
        float[] v = t.toFloatArray();
        int[] b = new int[v.length];
        Arrays.setAll(b, i -> Float.floatToIntBits(v[i])); // NaNs compared as NaN, whatever their payload
        return b;
    }

    /** The fused result on 1, 2 and 3 threads, each checked bit for bit against the reference. */
    private static void check(Tensor x, Tensor gamma, Tensor beta, int[] axes) {
        Tensor gb = gamma;
        Tensor bb = beta;
        int rank = x.rank();
        if (axes.length > 1) { // the reference broadcasts a parameter of the normalized axes' shape by reshaping it
            int[] b = new int[rank];
            Arrays.fill(b, 1);
            for (int a : axes) {
                b[a] = x.shape().get(a);
            }
            gb = gamma == null ? null : Ops.reshape(gamma, Shape.of(b));
            bb = beta == null ? null : Ops.reshape(beta, Shape.of(b));
        }
        int[] expected = bits(reference(x, gb, bb, axes, EPS));
        int threads = Strata.numThreads();
        try {
            for (int t : new int[] {1, 2, 3}) {
                Strata.setNumThreads(t);
                assertThat(bits(Ops.layerNormalization(x, gamma, beta, axes, EPS)))
                        .as("%d threads, shape %s, axes %s", t, x.shape(), Arrays.toString(axes))
                        .containsExactly(expected);
            }
        } finally {
            Strata.setNumThreads(threads);
        }
    }

    @Test
    void lastAxisWithGammaAndBetaOddSizes() {
        for (int n : new int[] {1, 3, 17, 37, 64, 255, 300}) {
            // enough rows that two threads share them
            check(Ops.multiply(random(n, 50_000 / n + 3, n), 4f), random(100 + n, n), random(200 + n, n),
                    new int[] {-1});
        }
    }

    @Test
    void attentionSizedRows() {
        check(Ops.add(random(1, 8, 128, 256), 0.5f), random(2, 256), random(3, 256), new int[] {2});
    }

    @Test
    void withoutGammaOrBeta() {
        Tensor x = random(4, 40, 33, 29);
        check(x, null, null, new int[] {-1});
        check(x, random(5, 29), null, new int[] {-1});
        check(x, null, random(6, 29), new int[] {-1});
    }

    @Test
    void trailingAxesAsOneGroup() {
        check(random(7, 30, 9, 11, 13), random(8, 11, 13), random(9, 11, 13), new int[] {2, 3});
    }

    @Test
    void nanAndInfinitiesStayInTheirRows() {
        float[] v = random(10, 900, 41).toFloatArray();
        v[3 * 41 + 5] = Float.NaN;
        v[7 * 41] = Float.POSITIVE_INFINITY;
        v[11 * 41 + 40] = Float.NEGATIVE_INFINITY;
        v[13 * 41 + 2] = 3e38f; // its square overflows
        Arrays.fill(v, 17 * 41, 18 * 41, 2.5f); // zero variance
        Tensor x = Tensor.of(v, 900, 41);
        check(x, random(11, 41), random(12, 41), new int[] {-1});
        float[] y = Ops.layerNormalization(x, random(11, 41), random(12, 41), new int[] {-1}, EPS).toFloatArray();
        assertThat(y[3 * 41]).isNaN();
        assertThat(y[2 * 41]).isFinite();
        assertThat(y[18 * 41]).isFinite();
    }

    @Test
    void theTapePathGivesTheSameBits() {
        Tensor x = random(13, 600, 24);
        Tensor gamma = random(14, 24);
        Tensor beta = random(15, 24);
        int[] fused = bits(Ops.layerNormalization(x, gamma, beta, new int[] {-1}, EPS));
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            assertThat(bits(Ops.layerNormalization(x, gamma, beta, new int[] {-1}, EPS))).containsExactly(fused);
        }
    }
}

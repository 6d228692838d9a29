package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.tensor.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Values of the section-B ops compared with Python Keras 3 (jax backend) and numpy. The reference text below
 * is the verbatim output of {@code tools/golden/ops_b_golden.py}; rerun it and paste to refresh.
 */
class KerasParityTest {
    private static final String GOLDEN = """
            max_axis1: (2, 4) | 1.0, 1.5, 2.0, 2.5, 7.0, 7.5, 8.0, 8.5
            min_axes02_keep: (1, 3, 1) | -3.0, -1.0, 1.0
            prod_axis2: (2, 3) | 22.5, 0.0, 7.5, 189.0, 1072.5, 3570.0
            var_axis0: (3, 4) | 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0
            std_axes12: (2,) | 1.7260262966156006, 1.7260262966156006
            logsumexp_axis_m1: (2, 3) | -0.7126613259315491, 1.2873387336730957, 3.2873387336730957, 5.287338733673096, 7.287338733673096, 9.287338256835938
            logsumexp_big: () | 1000.8619995117188
            logsumexp_small: () | -999.1380004882812
            argmax_m_axis1: (3,) | 1.0, 0.0, 1.0
            argmin_m_axis1: (3,) | 3.0, 2.0, 0.0
            argmax_m_axis0: (4,) | 1.0, 2.0, 0.0, 2.0
            argmax_m_flat: () | 9.0
            argmin_m_axis0_keep: (1, 4) | 2.0, 1.0, 1.0, 1.0
            dot_3d_3d: (2, 3, 3, 2) | -5.5, -7.75, -23.5, -25.75, -41.5, -43.75, 0.5, 0.25, -1.5, -1.75, -3.5, -3.75, 6.5, 8.25, 20.5, 22.25, 34.5, 36.25, 12.5, 16.25, 42.5, 46.25, 72.5, 76.25, 18.5, 24.25, 64.5, 70.25, 110.5, 116.25, 24.5, 32.25, 86.5, 94.25, 148.5, 156.25
            dot_1d_3d: (2, 4) | -0.5, -0.75, -1.0, -1.25, -3.5, -3.75, -4.0, -4.25
            squeeze: (2, 3) | 0.0, 1.0, 2.0, 3.0, 4.0, 5.0
            squeeze_axis2: (1, 2, 3, 1) | 0.0, 1.0, 2.0, 3.0, 4.0, 5.0
            strided_rev: (2, 2, 2) | 8.5, 7.0, 6.5, 5.0, 2.5, 1.0, 0.5, -1.0
            strided_mixed: (1, 1, 2) | 6.5, 5.5
            take_neg: (2, 2, 2, 4) | 1.0, 1.5, 2.0, 2.5, -3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, -3.0, -2.5, -2.0, -1.5, 7.0, 7.5, 8.0, 8.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 3.0, 3.5, 4.0, 4.5
            take_along: (3, 2) | -2.0, 1.0, -5.0, 2.0, 1.0, 1.0
            one_hot: (2, 2, 4) | 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
            pad: (3, 5) | -1.5, -1.5, -1.5, -1.5, -1.5, -1.5, -1.5, 1.0, 2.0, -1.5, -1.5, -1.5, 3.0, 4.0, -1.5
            tile: (2, 1, 6) | 1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0, 2.0, 3.0
            repeat_axis0: (6, 2) | 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 3.0, 4.0
            repeat_flat: (8,) | 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0
            split_0: (3,) | 0.0, 1.0, 2.0
            split_1: (2,) | 3.0, 4.0
            split_2: (5,) | 5.0, 6.0, 7.0, 8.0, 9.0
            np_split_0: (3,) | 0.0, 1.0, 2.0
            np_split_1: (5,) | 3.0, 4.0, 5.0, 6.0, 7.0
            np_split_2: (0,) |
            np_split_3: (2,) | 8.0, 9.0
            np_split_4: (0,) |
            slice: (1, 2, 3) | 5.0, 5.5, 6.0, 7.0, 7.5, 8.0
            stack_axis1: (3, 2, 4) | 1.0, 3.0, 3.0, -2.0, 2.0, 6.0, 6.0, -4.0, 2.0, 2.0, -5.0, -5.0, 4.0, 4.0, -10.0, -10.0, 0.0, 7.0, 1.0, 7.0, 0.0, 14.0, 2.0, 14.0
            """;

    /** x = arange(24).reshape(2, 3, 4) * 0.5 - 3, as in the script. */
    private static final Tensor X = x();
    private static final Tensor M = Tensor.of(new float[][] {{1, 3, 3, -2}, {2, 2, -5, -5}, {0, 7, 1, 7}});
    private static final int MAX = Integer.MAX_VALUE;

    private static Tensor x() {
        float[] v = new float[24];
        for (int i = 0; i < 24; i++) {
            v[i] = i * 0.5f - 3f;
        }
        return Tensor.of(v, 2, 3, 4);
    }

    private static Tensor arange(int n, float scale, int... shape) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * scale;
        }
        return Tensor.of(v, shape);
    }

    private static Tensor ints(int[][] rows) {
        float[][] f = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            f[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                f[i][j] = rows[i][j];
            }
        }
        return Tensor.of(f);
    }

    private static Map<String, Supplier<Tensor>> strataValues() {
        Map<String, Supplier<Tensor>> m = new LinkedHashMap<>();
        Tensor twoByTwo = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        m.put("max_axis1", () -> Ops.max(X, 1));
        m.put("min_axes02_keep", () -> Ops.min(X, new int[] {0, 2}, true));
        m.put("prod_axis2", () -> Ops.prod(X, 2));
        m.put("var_axis0", () -> Ops.variance(X, 0));
        m.put("std_axes12", () -> Ops.std(X, new int[] {1, 2}, false));
        m.put("logsumexp_axis_m1", () -> Ops.logsumexp(X, -1));
        m.put("logsumexp_big", () -> Ops.logsumexp(Tensor.of(new float[] {1000, 1000, 999})));
        m.put("logsumexp_small", () -> Ops.logsumexp(Tensor.of(new float[] {-1000, -1000, -1001})));
        m.put("argmax_m_axis1", () -> Ops.argmax(M, 1));
        m.put("argmin_m_axis1", () -> Ops.argmin(M, 1));
        m.put("argmax_m_axis0", () -> Ops.argmax(M, 0));
        m.put("argmax_m_flat", () -> Ops.argmax(M));
        m.put("argmin_m_axis0_keep", () -> Ops.argmin(M, 0, true));
        m.put("dot_3d_3d", () -> Ops.dot(X, arange(24, 0.25f, 3, 4, 2)));
        m.put("dot_1d_3d", () -> Ops.dot(Tensor.of(new float[] {1, -2, 0.5f}), X));
        m.put("squeeze", () -> Ops.squeeze(arange(6, 1, 1, 2, 1, 3, 1)));
        m.put("squeeze_axis2", () -> Ops.squeeze(arange(6, 1, 1, 2, 1, 3, 1), 2));
        m.put("strided_rev", () -> Ops.stridedSlice(X, new int[] {MAX, 2, MAX}, new int[] {-MAX - 1, 0, -MAX - 1},
                new int[] {-1, -1, -3}));
        m.put("strided_mixed", () -> Ops.stridedSlice(X, new int[] {-1, -2, 5}, new int[] {MAX, -MAX - 1, -10},
                new int[] {1, -2, -2}));
        m.put("take_neg", () -> Ops.take(X, ints(new int[][] {{-1, 0}, {1, -3}}), 1));
        m.put("take_along", () -> Ops.takeAlongAxis(M, ints(new int[][] {{3, 0}, {-1, 1}, {2, 2}}), 1));
        m.put("one_hot", () -> Ops.oneHot(ints(new int[][] {{0, 2}, {-1, 5}}), 4));
        m.put("pad", () -> Ops.pad(twoByTwo, new int[][] {{1, 0}, {2, 1}}, -1.5f));
        m.put("tile", () -> Ops.tile(Tensor.of(new float[][] {{1, 2, 3}}), 2, 1, 2));
        m.put("repeat_axis0", () -> Ops.repeat(twoByTwo, 3, 0));
        m.put("repeat_flat", () -> Ops.repeat(twoByTwo, 2));
        List<Tensor> split = Ops.split(arange(10, 1, 10), new int[] {3, 5}, 0);
        List<Tensor> npSplit = Ops.split(arange(10, 1, 10), new int[] {3, -2, 8, 20}, 0);
        for (int i = 0; i < 3; i++) {
            int k = i;
            m.put("split_" + i, () -> split.get(k));
        }
        for (int i = 0; i < 5; i++) {
            int k = i;
            m.put("np_split_" + i, () -> npSplit.get(k));
        }
        m.put("slice", () -> Ops.slice(X, new int[] {1, 1, 0}, new int[] {1, -1, 3}));
        m.put("stack_axis1", () -> Ops.stack(List.of(M, Ops.multiply(M, 2f)), 1));
        return m;
    }

    @Test
    void matchesKerasAndNumpy() {
        Map<String, Supplier<Tensor>> ours = strataValues();
        Map<String, String> golden = new HashMap<>();
        for (String line : GOLDEN.strip().split("\n")) {
            String[] nameRest = line.split(":", 2);
            golden.put(nameRest[0].strip(), nameRest[1]);
        }
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(golden.keySet());
        for (var e : ours.entrySet()) {
            String[] shapeValues = golden.get(e.getKey()).split("\\|", 2);
            Tensor t = e.getValue().get();
            // Shape prints as Python does: (2, 3), (3,), ()
            assertThat(t.shape().toString()).as(e.getKey() + " shape").isEqualTo(shapeValues[0].strip());
            String vs = shapeValues[1].strip();
            float[] actual = t.toFloatArray();
            String[] expected = vs.isEmpty() ? new String[0] : vs.split(",");
            assertThat(actual).as(e.getKey() + " size").hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                double want = Double.parseDouble(expected[i]);
                assertThat((double) actual[i]).as(e.getKey() + "[" + i + "]")
                        .isCloseTo(want, within(1e-5 * Math.max(1, Math.abs(want))));
            }
        }
    }
}

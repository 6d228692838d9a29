package dev.strata.optimizers.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every schedule's value at steps 0..59 against Keras 3 ({@link ScheduleGolden}, from
 * {@code tools/golden/schedules.py}): warm-up, restarts, staircase, cycle and boundaries included. Arithmetic is
 * float32 in Keras's order, including what XLA does to Keras's {@code ops.cond} branches (fused multiply-adds,
 * division by a reciprocal).
 */
class ScheduleGoldenTest {
    /** The schedules of the golden file, by the Java expression it names them with. */
    private static final Map<String, Supplier<LearningRateSchedule>> MADE = new LinkedHashMap<>();

    static {
        MADE.put("new ExponentialDecay(0.1f, 10, 0.96f)", () -> new ExponentialDecay(0.1f, 10, 0.96f));
        MADE.put("new ExponentialDecay(0.1f, 7, 0.5f, true)", () -> new ExponentialDecay(0.1f, 7, 0.5f, true));
        MADE.put("new PiecewiseConstantDecay(new long[] {10, 20}, new float[] {1.0f, 0.5f, 0.1f})",
                () -> new PiecewiseConstantDecay(new long[] {10, 20}, new float[] {1.0f, 0.5f, 0.1f}));
        MADE.put("new PiecewiseConstantDecay(List.of(2.7, 7, 30), List.of(0.3, 0.2, 0.1, 0.05), \"pc\")",
                () -> new PiecewiseConstantDecay(List.of(2.7, 7, 30), List.of(0.3, 0.2, 0.1, 0.05), "pc"));
        MADE.put("new PolynomialDecay(0.1f, 10)", () -> new PolynomialDecay(0.1f, 10));
        MADE.put("new PolynomialDecay(0.1f, 10, 0.01f, 0.5f, false, \"PolynomialDecay\")",
                () -> new PolynomialDecay(0.1f, 10, 0.01f, 0.5f, false, "PolynomialDecay"));
        MADE.put("new PolynomialDecay(0.1f, 12, 0.02f, 2f, true, \"PolynomialDecay\")",
                () -> new PolynomialDecay(0.1f, 12, 0.02f, 2f, true, "PolynomialDecay"));
        MADE.put("new InverseTimeDecay(0.1f, 5, 0.5f)", () -> new InverseTimeDecay(0.1f, 5, 0.5f));
        MADE.put("new InverseTimeDecay(0.1f, 5, 0.5f, true, \"InverseTimeDecay\")",
                () -> new InverseTimeDecay(0.1f, 5, 0.5f, true, "InverseTimeDecay"));
        MADE.put("new CosineDecay(0.1f, 20)", () -> new CosineDecay(0.1f, 20));
        MADE.put("new CosineDecay(0.1f, 20, 0.1f, \"CosineDecay\", null, 0)",
                () -> new CosineDecay(0.1f, 20, 0.1f, "CosineDecay", null, 0));
        MADE.put("new CosineDecay(0f, 20, 0f, \"CosineDecay\", 0.2f, 5)",
                () -> new CosineDecay(0f, 20, 0f, "CosineDecay", 0.2f, 5));
        MADE.put("new CosineDecay(0.01f, 30, 0.05f, \"warm\", 0.1f, 10)",
                () -> new CosineDecay(0.01f, 30, 0.05f, "warm", 0.1f, 10));
        MADE.put("new CosineDecayRestarts(0.1f, 10)", () -> new CosineDecayRestarts(0.1f, 10));
        MADE.put("new CosineDecayRestarts(0.1f, 10, 1f, 0.5f, 0.05f, \"SGDRDecay\")",
                () -> new CosineDecayRestarts(0.1f, 10, 1f, 0.5f, 0.05f, "SGDRDecay"));
        MADE.put("new CosineDecayRestarts(0.1f, 7, 1.5f, 0.9f, 0.1f, \"SGDRDecay\")",
                () -> new CosineDecayRestarts(0.1f, 7, 1.5f, 0.9f, 0.1f, "SGDRDecay"));
    }

    /**
     * Units in the last place allowed. Every value is bit-exact on this machine (ULPS = 0 passes); one unit leaves room
     * for a JVM whose {@code Math.pow}, {@code cos} or {@code log} intrinsic rounds its double differently.
     */
    static final int ULPS = 1;

    @Test
    void everyScheduleMatchesKerasAtEveryStep() {
        assertThat(ScheduleGolden.CASES.length).isEqualTo(MADE.size());
        for (Object[] c : ScheduleGolden.CASES) {
            String expr = (String) c[0];
            float[] keras = (float[]) c[1];
            assertThat(MADE).as("a Java schedule for %s", expr).containsKey(expr);
            LearningRateSchedule s = MADE.get(expr).get();
            for (int step = 0; step < ScheduleGolden.STEPS; step++) {
                float got = s.apply(step);
                float tol = ULPS * Math.ulp(Math.max(Math.abs(keras[step]), 1e-6f));
                assertThat(Math.abs(got - keras[step])).as("%s at step %d: %s vs Keras %s", expr, step, got,
                        keras[step]).isLessThanOrEqualTo(tol);
            }
        }
    }

    @Test
    void argumentsOutOfRangeAreClearErrors() {
        assertThatThrownBy(() -> new ExponentialDecay(0.1f, 0, 0.9f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ExponentialDecay: argument `decay_steps` must be > 0. Received: decay_steps=0");
        assertThatThrownBy(() -> new PolynomialDecay(0.1f, -3)).hasMessageContaining("PolynomialDecay")
                .hasMessageContaining("decay_steps=-3");
        assertThatThrownBy(() -> new InverseTimeDecay(Float.NaN, 3, 0.5f)).hasMessageContaining("InverseTimeDecay")
                .hasMessageContaining("initial_learning_rate").hasMessageContaining("finite");
        assertThatThrownBy(() -> new CosineDecay(0.1f, 0)).hasMessageContaining("CosineDecay")
                .hasMessageContaining("decay_steps");
        assertThatThrownBy(() -> new CosineDecay(0.1f, 10, 0f, "c", 0.2f, -1)).hasMessageContaining("warmup_steps");
        assertThatThrownBy(() -> new CosineDecayRestarts(0.1f, 0)).hasMessageContaining("CosineDecayRestarts")
                .hasMessageContaining("first_decay_steps=0");
        assertThatThrownBy(() -> new PiecewiseConstantDecay(new long[] {1, 2}, new float[] {1f, 2f}))
                .hasMessageContaining("PiecewiseConstantDecay: the length of boundaries should be 1 less than the "
                        + "length of values");
        assertThatThrownBy(() -> new PiecewiseConstantDecay(new long[0], new float[] {1f}))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new ExponentialDecay(0.1f, 10, 0.9f).apply(-1)).hasMessageContaining("step")
                .hasMessageContaining("-1");
    }
}

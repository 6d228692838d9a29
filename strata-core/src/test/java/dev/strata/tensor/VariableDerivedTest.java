package dev.strata.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.internal.TensorAccess;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A value derived from a variable ({@link TensorAccess#derived}) is made once and kept until the variable's storage
 * may change: an assignment or handing the storage out (to a writer) makes it again; reading does not.
 */
class VariableDerivedTest {
    @Test
    void aDerivedValueIsKeptUntilTheVariableMayChange() {
        Variable v = new Variable(Tensor.of(new float[] {1, 2, 3}, Shape.of(3)));
        AtomicInteger made = new AtomicInteger();
        Function<float[], float[]> doubled = w -> {
            made.incrementAndGet();
            float[] d = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                d[i] = 2 * w[i];
            }
            return d;
        };
        float[] first = TensorAccess.derived(v, doubled);
        assertThat(first).containsExactly(2, 4, 6);
        v.toFloatArray();
        v.value();
        v.get(1);
        assertThat(TensorAccess.derived(v, doubled)).isSameAs(first);
        assertThat(made.get()).isEqualTo(1);

        v.assign(Tensor.of(new float[] {5, 6, 7}, Shape.of(3)));
        assertThat(TensorAccess.derived(v, doubled)).containsExactly(10, 12, 14);
        v.assignAdd(Tensor.of(new float[] {1, 1, 1}, Shape.of(3)));
        assertThat(TensorAccess.derived(v, doubled)).containsExactly(12, 14, 16);
        v.assignSub(Tensor.of(new float[] {2, 2, 2}, Shape.of(3)));
        assertThat(TensorAccess.derived(v, doubled)).containsExactly(8, 10, 12);
        TensorAccess.data(v)[0] = 100; // an optimizer's in-place write
        assertThat(TensorAccess.derived(v, doubled)).containsExactly(200, 10, 12);
        assertThat(made.get()).isEqualTo(5);
    }

    @Test
    void aPlainTensorHasNoDerivedValue() {
        Object none = TensorAccess.derived(Tensor.of(new float[] {1}, Shape.of(1)), w -> w);
        assertThat(none).isNull();
    }
}

package dev.strata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When predict's intermediate arrays are reused, and above all when they are not. */
class InferenceArenaTest {

    private static Tensor over(float[] data) {
        return TensorAccess.wrap(data, Shape.of(data.length));
    }

    @Test
    void outsideACallEveryArrayIsNew() {
        assertThat(InferenceArena.current()).isNull();
        assertThat(InferenceArena.array(5)).isNotSameAs(InferenceArena.array(5));
    }

    @Test
    void aReleasedArrayIsTakenAgainButAResultNever() {
        InferenceArena a = InferenceArena.open();
        assertThat(InferenceArena.open()).as("nested calls share the open arena").isNull();
        assertThat(InferenceArena.current()).isSameAs(a);
        int start = a.mark();
        float[] x = InferenceArena.array(11);
        assertThat(a.madeSince(x, start)).isTrue();
        assertThat(a.madeSince(new float[11], start)).isFalse();
        a.release(x);
        assertThat(a.madeSince(x, start)).isFalse();
        float[] y = InferenceArena.array(11);
        assertThat(y).as("the released array, reused").isSameAs(x);
        float[] other = InferenceArena.array(3);
        assertThat(other).as("matched by exact length").isNotSameAs(x);
        a.close(List.of(over(y)));
        assertThat(InferenceArena.current()).isNull();

        InferenceArena b = InferenceArena.open();
        float[] next = InferenceArena.array(11);
        assertThat(next).as("the result handed out is the caller's").isNotSameAs(y);
        assertThat(InferenceArena.array(3)).as("what the last call made and did not return").isSameAs(other);
        b.close(List.of());
    }

    @Test
    void temporariesOfAStepGoBackAndAFailedCallKeepsNothing() {
        InferenceArena a = InferenceArena.open();
        float[] before = InferenceArena.array(4);
        int mark = a.mark();
        float[] temp = InferenceArena.array(4);
        float[] out = InferenceArena.array(4);
        a.releaseSince(mark, List.of(over(out)));
        assertThat(a.madeSince(temp, 0)).isFalse();
        assertThat(a.madeSince(out, mark)).isTrue();
        assertThat(a.madeSince(before, 0)).as("made before the mark: not the step's").isTrue();
        assertThat(InferenceArena.array(4)).isSameAs(temp);
        a.abandon();

        InferenceArena b = InferenceArena.open();
        float[] fresh = InferenceArena.array(4);
        assertThat(fresh).isNotSameAs(before).isNotSameAs(out).isNotSameAs(temp);
        b.close(List.of());
    }
}

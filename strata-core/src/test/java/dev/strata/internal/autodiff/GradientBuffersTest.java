package dev.strata.internal.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When gradient arrays are reused, and above all when they are not. */
class GradientBuffersTest {

    @AfterEach
    void forgetReusableArrays() {
        // the next test starts from a pass that returns nothing it made, and keeps nothing
        GradientBuffers b = GradientBuffers.beginPass();
        GradientBuffers.array(1);
        b.abandonPass();
    }

    private static Tensor over(float[] data) {
        return TensorAccess.wrap(data, Shape.of(data.length));
    }

    @Test
    void outsideAPassEveryArrayIsNew() {
        float[] a = GradientBuffers.array(5);
        float[] b = GradientBuffers.array(5);
        assertThat(a).isNotSameAs(b).hasSize(5);
    }

    @Test
    void whatAPassMadeAndDidNotReturnIsReusedByTheNextPass() {
        GradientBuffers b = GradientBuffers.beginPass();
        float[] temporary = GradientBuffers.array(7);
        float[] returned = GradientBuffers.array(7);
        b.endPass(List.of(over(returned)));

        b = GradientBuffers.beginPass();
        float[] first = GradientBuffers.array(7);
        float[] second = GradientBuffers.array(7);
        float[] other = GradientBuffers.array(3);
        b.endPass(List.of());
        assertThat(first).isSameAs(temporary);
        assertThat(second).isNotSameAs(returned).isNotSameAs(temporary);
        assertThat(other).hasSize(3);
    }

    @Test
    void aReturnedArrayComesBackOnlyWhenItsHolderRecyclesIt() {
        GradientBuffers b = GradientBuffers.beginPass();
        float[] returned = GradientBuffers.array(4);
        b.endPass(List.of(over(returned)));
        GradientBuffers.recycle(List.of(over(new float[4]))); // not one the pass gave: ignored
        GradientBuffers.recycle(java.util.Arrays.asList(null, over(returned)));

        b = GradientBuffers.beginPass();
        assertThat(GradientBuffers.array(4)).isSameAs(returned);
        b.endPass(List.of());
    }

    @Test
    void whatAnEarlierPassReturnedIsNeverTakenBackLater() {
        GradientBuffers b = GradientBuffers.beginPass();
        float[] returned = GradientBuffers.array(4);
        b.endPass(List.of(over(returned)));
        GradientBuffers.beginPass().endPass(List.of()); // another pass: the first one's results stay the caller's
        GradientBuffers.recycle(List.of(over(returned)));

        b = GradientBuffers.beginPass();
        assertThat(GradientBuffers.array(4)).isNotSameAs(returned);
        b.endPass(List.of());
    }

    @Test
    void aFailedPassKeepsNothing() {
        GradientBuffers b = GradientBuffers.beginPass();
        float[] made = GradientBuffers.array(6);
        b.abandonPass();

        b = GradientBuffers.beginPass();
        assertThat(GradientBuffers.array(6)).isNotSameAs(made);
        b.endPass(List.of());
    }

    @Test
    void noReuseWhileATapeRecordsOrInsideAnotherPass() {
        Tape outer = new Tape(false, true);
        outer.open();
        try {
            assertThat(GradientBuffers.beginPass()).as("a recording tape keeps what the pass makes").isNull();
            outer.pause();
            GradientBuffers b = GradientBuffers.beginPass();
            assertThat(b).as("a paused tape records nothing").isNotNull();
            assertThat(GradientBuffers.beginPass()).as("nested").isNull();
            b.endPass(List.of());
            outer.resume();
        } finally {
            outer.close();
        }
    }

    @Test
    void manyLengthsAreDroppedRatherThanKeptForever() {
        GradientBuffers b = GradientBuffers.beginPass();
        for (int n = 1; n <= 2000; n++) {
            GradientBuffers.array(n);
        }
        b.endPass(List.of());
        b = GradientBuffers.beginPass();
        float[] kept = GradientBuffers.array(2000);
        b.endPass(List.of());
        assertThat(kept).hasSize(2000);
    }
}

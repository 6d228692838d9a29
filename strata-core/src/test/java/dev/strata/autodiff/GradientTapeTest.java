package dev.strata.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** TensorFlow's GradientTape semantics. */
class GradientTapeTest {

    @Test
    void gradientOfANonScalarTargetIsTheGradientOfItsSum() {
        Tensor x = Tensor.of(new float[] {1, 2, 3});
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor y = Ops.multiply(x, x);
            assertThat(tape.gradient(y, x).toFloatArray()).containsExactly(2f, 4f, 6f);
        }
    }

    @Test
    void trainableVariablesAreWatchedAutomatically() {
        Variable w = new Variable(Tensor.of(new float[] {2f}), "w", true);
        Variable frozen = new Variable(Tensor.of(new float[] {5f}), "frozen", false);
        try (GradientTape tape = GradientTape.record()) {
            Tensor y = Ops.multiply(w, frozen);
            List<Tensor> g = tape.gradient(y, List.of(w, frozen));
            assertThat(g.get(0).toFloatArray()).containsExactly(5f);
            assertThat(g.get(1)).isNull();
            assertThat(tape.watchedVariables()).containsExactly(w);
        }
        try (GradientTape tape = GradientTape.record(false, false)) {
            Tensor y = Ops.multiply(w, w);
            assertThat(tape.gradient(y, w)).isNull();
        }
    }

    @Test
    void unwatchedAndUnconnectedSourcesGetNullOrZeros() {
        Tensor x = Tensor.of(new float[] {1, 2});
        Tensor z = Tensor.of(new float[] {3, 4});
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x, z);
            Tensor y = Ops.square(x);
            List<Tensor> g = tape.gradient(y, List.of(x, z), GradientTape.UnconnectedGradients.ZERO);
            assertThat(g.get(1).toFloatArray()).containsExactly(0f, 0f);
        }
        try (GradientTape tape = GradientTape.record()) {
            Tensor y = Ops.square(x); // x not watched
            assertThat(tape.gradient(y, x)).isNull();
        }
    }

    @Test
    void nothingIsRecordedOutsideATape() {
        Variable w = new Variable(Tensor.of(new float[] {3f}));
        Tensor y = Ops.square(w); // no tape open
        try (GradientTape tape = GradientTape.record()) {
            assertThat(tape.gradient(y, w)).isNull();
        }
    }

    @Test
    void aNonPersistentTapeComputesGradientsOnce() {
        Tensor x = Tensor.scalar(3f);
        GradientTape tape = GradientTape.record();
        tape.watch(x);
        Tensor y = Ops.square(x);
        tape.close();
        assertThat(tape.gradient(y, x).item()).isEqualTo(6f);
        assertThatThrownBy(() -> tape.gradient(y, x)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only once");
    }

    @Test
    void aPersistentTapeComputesGradientsManyTimes() {
        Tensor x = Tensor.scalar(3f);
        try (GradientTape tape = GradientTape.record(true)) {
            tape.watch(x);
            Tensor y = Ops.square(x);
            Tensor z = Ops.multiply(y, y); // x^4
            assertThat(tape.gradient(y, x).item()).isEqualTo(6f);
            assertThat(tape.gradient(z, x).item()).isEqualTo(108f);
        }
    }

    @Test
    void nestedTapesGiveSecondDerivatives() {
        Tensor x = Tensor.scalar(2f);
        Tensor dy;
        try (GradientTape outer = GradientTape.record()) {
            outer.watch(x);
            try (GradientTape inner = GradientTape.record()) {
                inner.watch(x);
                Tensor y = Ops.multiply(Ops.multiply(x, x), x); // x^3
                dy = inner.gradient(y, x); // 3x^2, recorded by the outer tape
            }
            assertThat(dy.item()).isEqualTo(12f);
            Tensor d2y = outer.gradient(dy, x); // 6x
            assertThat(d2y.item()).isEqualTo(12f);
        }
    }

    @Test
    void secondDerivativeThroughExpAndDivide() {
        Tensor x = Tensor.scalar(0.5f);
        try (GradientTape outer = GradientTape.record()) {
            outer.watch(x);
            Tensor dy;
            try (GradientTape inner = GradientTape.record()) {
                inner.watch(x);
                dy = inner.gradient(Ops.divide(Ops.exp(x), x), x); // d/dx e^x/x = e^x (x-1)/x^2
            }
            double e = Math.exp(0.5);
            assertThat(dy.item()).isCloseTo((float) (e * (0.5 - 1) / 0.25), within(1e-5f));
            // d2/dx2 e^x/x = e^x (x^2 - 2x + 2) / x^3
            assertThat(outer.gradient(dy, x).item()).isCloseTo((float) (e * (0.25 - 1 + 2) / 0.125), within(1e-4f));
        }
    }

    @Test
    void gradientsSumOverBroadcastDimensions() {
        Tensor x = Tensor.ones(4, 3);
        Variable b = new Variable(Tensor.of(new float[] {1, 2, 3}));
        try (GradientTape tape = GradientTape.record()) {
            Tensor y = Ops.add(x, b);
            assertThat(tape.gradient(y, b).toFloatArray()).containsExactly(4f, 4f, 4f);
        }
    }

    @Test
    void stopRecordingPauses() {
        Variable w = new Variable(Tensor.scalar(2f));
        try (GradientTape tape = GradientTape.record()) {
            Tensor a = Ops.square(w);
            Tensor b;
            try (var ignored = tape.stopRecording()) {
                b = Ops.square(w);
            }
            assertThat(tape.gradient(Ops.add(a, b), w).item()).isEqualTo(4f); // only a's path
        }
    }

    @Test
    void aVectorJacobianProductWeighsTheOutputs() {
        Tensor x = Tensor.of(new float[] {1, 2});
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor y = Ops.square(x);
            Tensor g = tape.gradient(y, List.of(x), Tensor.of(new float[] {10, 100})).getFirst();
            assertThat(g.toFloatArray()).containsExactly(20f, 400f);
        }
    }

    @Test
    void aTapeBelongsToItsThread() throws Exception {
        Variable w = new Variable(Tensor.scalar(2f));
        try (GradientTape tape = GradientTape.record()) {
            Tensor other = CompletableFuture.supplyAsync(() -> Ops.square(w)).get(); // not recorded
            assertThat(tape.gradient(other, w)).isNull();
        }
        GradientTape tape = GradientTape.record();
        try {
            var failure = CompletableFuture.runAsync(() -> tape.watch(w)).handle((v, e) -> e).get();
            assertThat(failure).hasRootCauseInstanceOf(IllegalStateException.class)
                    .hasStackTraceContaining("belongs to the thread");
        } finally {
            tape.close();
        }
    }

    @Test
    void tapesCloseInReverseOrder() {
        GradientTape outer = GradientTape.record();
        GradientTape inner = GradientTape.record();
        assertThatThrownBy(outer::close).hasMessageContaining("reverse order");
        inner.close();
        outer.close();
    }

    @Test
    void onlyInputsLeadingToTheSourcesAreDifferentiated() {
        // A first layer's dL/dx is never needed when training: the tape tells the rule so it can skip it.
        Tensor x = Tensor.ones(2);
        Variable w = new Variable(Tensor.ones(2));
        boolean[][] seen = new boolean[1][];
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor y = Ops.multiply(x, w);
            dev.strata.internal.autodiff.Tape.record(y, new Tensor[] {x, w}, (g, needed) -> {
                seen[0] = needed.clone();
                return new Tensor[] {null, g};
            });
            tape.gradient(y, w);
        }
        assertThat(seen[0]).containsExactly(false, true);
    }
}

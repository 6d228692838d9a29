package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.layers.LayerChecks;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fused LSTM and GRU recurrences at unit counts that fill whole vectors (32) and leave a tail (20), where the
 * fused gate kernel runs its vector code (RNNTest's 3 units run only its scalar tail): against the same cell run step
 * by step, with and without a mask, forwards and backwards; and the pass that keeps intermediates for a gradient
 * (under a tape) gives the same bits as the inference pass.
 */
class WideFusedRecurrenceTest {
    private static final float[] MASK = {1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0};

    @Test
    void lstmMatchesTheStepByStepCellAndTheRecordingPass() {
        for (int units : new int[] {32, 20}) {
            for (boolean backwards : new boolean[] {false, true}) {
                LSTM fused = new LSTM(units).returnSequences(true).returnState(true).goBackwards(backwards);
                RNN stepwise = new RNN(new StackedRNNCells(List.of(new LSTMCell(units)))).returnSequences(true)
                        .returnState(true).goBackwards(backwards);
                Tensor x = GradientCheck.random(units, Shape.of(3, 5, 6), -2, 2);
                fused.apply(List.of(x));
                stepwise.apply(List.of(x));
                stepwise.setWeights(fused.getWeights());
                for (Tensor in : List.of(x, x.withMask(Tensor.of(MASK, 3, 5)))) {
                    Tensors a = fused.apply(List.of(in));
                    Tensors b = stepwise.apply(List.of(in));
                    Tensors recorded;
                    try (GradientTape tape = GradientTape.record()) {
                        tape.watch(in);
                        recorded = fused.apply(List.of(in));
                        assertThat(tape.gradient(Ops.sum(recorded.get(0)), in)).isNotNull(); // it did record
                    }
                    for (int i = 0; i < 3; i++) {
                        LayerChecks.assertClose(a.get(i).toFloatArray(), b.get(i).toFloatArray(), 1e-6, 1e-6);
                        assertThat(recorded.get(i).toFloatArray()).containsExactly(a.get(i).toFloatArray());
                    }
                }
            }
        }
    }

    @Test
    void gruMatchesTheStepByStepCellAndTheRecordingPass() {
        for (int units : new int[] {32, 20}) {
            for (boolean backwards : new boolean[] {false, true}) {
                GRU fused = new GRU(units).returnSequences(true).goBackwards(backwards);
                RNN stepwise = new RNN(new StackedRNNCells(List.of(new GRUCell(units)))).returnSequences(true)
                        .goBackwards(backwards);
                Tensor x = GradientCheck.random(units + 1, Shape.of(3, 5, 6), -2, 2);
                fused.apply(x);
                stepwise.apply(x);
                stepwise.setWeights(fused.getWeights());
                for (Tensor in : List.of(x, x.withMask(Tensor.of(MASK, 3, 5)))) {
                    Tensor a = fused.apply(in);
                    Tensor recorded;
                    try (GradientTape tape = GradientTape.record()) {
                        tape.watch(in);
                        recorded = fused.apply(in);
                        assertThat(tape.gradient(Ops.sum(recorded), in)).isNotNull(); // it did record
                    }
                    LayerChecks.assertClose(a.toFloatArray(), stepwise.apply(in).toFloatArray(), 1e-6, 1e-6);
                    assertThat(recorded.toFloatArray()).containsExactly(a.toFloatArray());
                }
            }
        }
    }

    @Test
    void gradientsThroughTheVectorGatesMatchFiniteDifferences() {
        LSTM lstm = new LSTM(16).returnSequences(true);
        GRU gru = new GRU(16).returnSequences(true);
        Tensor x = GradientCheck.random(3, Shape.of(2, 3, 2), -1, 1);
        GradientCheck.check(xs -> Ops.sum(lstm.apply(xs.get(0))), x);
        GradientCheck.check(xs -> Ops.sum(gru.apply(xs.get(0))), x);
    }
}

package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.LayerChecks;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.testing.GradientCheck;
import java.util.ArrayList;
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

    @Test
    void theBatchSplitAmongThreadsGivesTheSameBits() {
        // 80 sequences of 20 steps, 64 units: enough work per share that the batch is split over two threads
        Tensor x = GradientCheck.random(5, Shape.of(80, 20, 8), -2, 2);
        float[] keep = GradientCheck.random(6, Shape.of(80, 20), 0, 1).toFloatArray();
        for (int i = 0; i < keep.length; i++) {
            keep[i] = keep[i] > 0.2f ? 1f : 0f;
        }
        Tensor mask = Tensor.of(keep, 80, 20);
        LSTM lstm = new LSTM(64).returnSequences(true).goBackwards(true);
        GRU gru = new GRU(64).returnSequences(true);
        int before = Strata.numThreads();
        try {
            List<float[]> one = new ArrayList<>();
            List<float[]> two = new ArrayList<>();
            for (List<float[]> results : List.of(one, two)) {
                Strata.setNumThreads(results == one ? 1 : 2);
                for (Tensor in : List.of(x, x.withMask(mask))) {
                    results.add(lstm.apply(in).toFloatArray());
                    results.add(gru.apply(in).toFloatArray());
                    try (GradientTape tape = GradientTape.record()) {
                        tape.watch(in);
                        results.add(lstm.apply(in).toFloatArray());
                        results.add(gru.apply(in).toFloatArray());
                    }
                }
            }
            for (int i = 0; i < one.size(); i++) {
                assertThat(two.get(i)).as("result %d", i).containsExactly(one.get(i));
            }
        } finally {
            Strata.setNumThreads(before);
        }
    }
}

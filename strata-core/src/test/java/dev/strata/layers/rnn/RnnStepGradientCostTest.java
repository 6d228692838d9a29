package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Dense;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.AllocatedBytes;
import dev.strata.testing.GradientCheck;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The step-by-step paths of the recurrent layers (SimpleRNN, a user cell through the generic RNN, recurrent dropout
 * in training, TimeDistributed) take their sequence apart with one unstack, whose gradient writes every step's
 * gradient into one buffer: the memory a gradient allocates grows linearly with the sequence length (a slice per step
 * gave back one sequence-sized gradient per step, quadratic). Measured by the bytes this thread allocates, not by time.
 */
class RnnStepGradientCostTest {
    /** Bytes of the forward and gradient (with respect to the input sequence) of a fresh layer over T steps. */
    private static long gradientBytes(Supplier<Layer> layer, int steps, int features, boolean training) {
        Tensor x = GradientCheck.random(steps, Shape.of(2, steps, features), -1, 1);
        Layer l = layer.get();
        l.apply(x, training); // build outside the measure
        return AllocatedBytes.during(() -> {
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(x);
                Tensor y = l.apply(x, training);
                tape.gradient(Ops.sum(Ops.square(y)), x);
            }
        });
    }

    private static void assertLinear(String what, Supplier<Layer> layer, int features, boolean training) {
        gradientBytes(layer, 30, features, training); // warm up
        long small = gradientBytes(layer, 100, features, training);
        long large = gradientBytes(layer, 400, features, training);
        // 4x the steps: about 4x the bytes when linear, about 16x for the sequence-sized gradient per step
        assertThat((double) large / small).as(what + ": allocation ratio for 4x the steps (" + small + " -> "
                + large + " bytes)").isLessThan(6.5);
    }

    @Test
    void simpleRnnGradientCostIsLinearInTheSequenceLength() {
        assertLinear("SimpleRNN", () -> new SimpleRNN(4).returnSequences(true), 32, false);
    }

    /** A cell that is not one of the built-ins' fast path: the generic loop slices the raw input (256 features). */
    @Test
    void genericRnnOverAUserCellIsLinear() {
        assertLinear("RNN(SimpleRNNCell) in a StackedRNNCells", () -> new RNN(new StackedRNNCells(
                java.util.List.of(new SimpleRNNCell(4)))), 256, false);
    }

    @Test
    void recurrentDropoutInTrainingIsLinear() {
        assertLinear("LSTM with recurrent dropout", () -> new LSTM(4).recurrentDropout(0.25f), 32, true);
    }

    @Test
    void timeDistributedIsLinear() {
        assertLinear("TimeDistributed(Dense)", () -> new TimeDistributed(new Dense(3)), 32, false);
    }
}

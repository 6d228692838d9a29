package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.layers.core.Dense;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
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
    private static long allocated(Runnable r) {
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = bean.getThreadAllocatedBytes(id);
        r.run();
        return bean.getThreadAllocatedBytes(id) - before;
    }

    /** Bytes of the forward and gradient (with respect to the input sequence) of a fresh layer over T steps. */
    private static long gradientBytes(Supplier<Layer> layer, int steps, boolean training) {
        Tensor x = GradientCheck.random(steps, Shape.of(2, steps, 32), -1, 1);
        Layer l = layer.get();
        l.apply(x, training); // build outside the measure
        return allocated(() -> {
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(x);
                Tensor y = l.apply(x, training);
                tape.gradient(Ops.sum(Ops.square(y)), x);
            }
        });
    }

    private static void assertLinear(String what, Supplier<Layer> layer, boolean training) {
        gradientBytes(layer, 30, training); // warm up
        long small = gradientBytes(layer, 100, training);
        long large = gradientBytes(layer, 400, training);
        // 4x the steps: about 4x the bytes when linear, about 16x for the sequence-sized gradient per step
        assertThat((double) large / small).as(what + ": allocation ratio for 4x the steps (" + small + " -> "
                + large + " bytes)").isLessThan(6.5);
    }

    @Test
    void simpleRnnGradientCostIsLinearInTheSequenceLength() {
        assertLinear("SimpleRNN", () -> new SimpleRNN(4).returnSequences(true), false);
    }

    @Test
    void genericRnnOverAUserCellIsLinear() {
        assertLinear("RNN(SimpleRNNCell) in a StackedRNNCells", () -> new RNN(new StackedRNNCells(
                java.util.List.of(new SimpleRNNCell(4)))), false);
    }

    @Test
    void recurrentDropoutInTrainingIsLinear() {
        assertLinear("LSTM with recurrent dropout", () -> new LSTM(4).recurrentDropout(0.25f), true);
    }

    @Test
    void timeDistributedIsLinear() {
        assertLinear("TimeDistributed(Dense)", () -> new TimeDistributed(new Dense(3)), false);
    }
}

package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LSTM's inference pass that projects its inputs step by step inside the recurrence
 * ({@code Ops.lstmSequence(x, kernel, bias, ...)}), at sizes where it runs (the products big enough for the packed
 * GEMM): the same bits as projecting all steps first and as the recording pass, at one and two threads, with a mask,
 * backwards, without a bias, and at widths that leave vector and panel tails.
 */
class ProjectingLstmTest {
    @Test
    void projectingInsideTheStepsGivesTheBitsOfProjectingFirst() {
        int[][] sizes = {{64, 128, 128}, {40, 100, 130}}; // batch, units, features
        int before = Strata.numThreads();
        try {
            for (int[] size : sizes) {
                int batch = size[0];
                int units = size[1];
                int features = size[2];
                int steps = 4;
                Tensor x = GradientCheck.random(batch + units, Shape.of(batch, steps, features), -1, 1);
                Tensor kernel = GradientCheck.random(1, Shape.of(features, 4 * units), -0.2, 0.2);
                Tensor bias = GradientCheck.random(2, Shape.of(4 * units), -0.5, 0.5);
                Tensor r = GradientCheck.random(3, Shape.of(units, 4 * units), -0.2, 0.2);
                Tensor h0 = GradientCheck.random(4, Shape.of(batch, units), -1, 1);
                Tensor c0 = GradientCheck.random(5, Shape.of(batch, units), -1, 1);
                float[] keep = GradientCheck.random(6, Shape.of(batch, steps), 0, 1).toFloatArray();
                for (int i = 0; i < keep.length; i++) {
                    keep[i] = keep[i] > 0.25f ? 1f : 0f;
                }
                Tensor mask = Tensor.of(keep, batch, steps);
                for (int threads : new int[] {1, 2}) {
                    Strata.setNumThreads(threads);
                    for (Tensor m : new Tensor[] {null, mask}) {
                        for (boolean backwards : new boolean[] {false, true}) {
                            for (Tensor b : new Tensor[] {bias, null}) {
                                Tensor projectedFirst = Ops.lstmSequence(Ops.dense(x, kernel, b, "linear"), r, h0, c0,
                                        m, backwards);
                                Tensor projecting = Ops.lstmSequence(x, kernel, b, r, h0, c0, m, backwards);
                                assertThat(projecting.shape()).isEqualTo(Shape.of(batch, steps, 2 * units));
                                assertThat(projecting.toFloatArray()).as("%s, %d threads, mask %s, backwards %s, "
                                        + "bias %s", List.of(size[0], size[1], size[2]), threads, m != null,
                                        backwards, b != null).containsExactly(projectedFirst.toFloatArray());
                            }
                        }
                    }
                }
            }
        } finally {
            Strata.setNumThreads(before);
        }
    }

    @Test
    void theLayersInferenceGivesTheBitsOfItsRecordingPass() {
        LSTM lstm = new LSTM(128).returnSequences(true).returnState(true);
        Tensor x = GradientCheck.random(7, Shape.of(48, 5, 96), -2, 2);
        Tensors inferred = lstm.apply(List.of(x));
        Tensors recorded;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            recorded = lstm.apply(List.of(x));
            assertThat(tape.gradient(Ops.sum(recorded.get(0)), x)).isNotNull(); // it did record
        }
        for (int i = 0; i < 3; i++) {
            assertThat(inferred.get(i).toFloatArray()).containsExactly(recorded.get(i).toFloatArray());
        }
    }
}

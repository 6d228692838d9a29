package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.function.IntFunction;

/** Shared helpers of the text and categorical preprocessing tests. */
final class TextChecks {
    private TextChecks() {
    }

    static void assertValues(Tensor t, float[] expected, int... shape) {
        assertThat(t.shape()).isEqualTo(Shape.of(shape));
        float[] v = t.toFloatArray();
        assertThat(v).hasSize(expected.length);
        for (int i = 0; i < v.length; i++) {
            assertThat(v[i]).as("index %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    /** Whole-number inputs {@code (i * 7 + 3) % limit} of the given sample shape. */
    static IntFunction<List<Tensor>> ids(int limit, int... sampleShape) {
        return batch -> {
            Shape s = Shape.of(sampleShape).prepend(batch);
            float[] v = new float[s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (i * 7 + 3) % limit;
            }
            return List.of(Tensor.of(v, s));
        };
    }

    /** A contract case of a categorical layer: ids in, no gradient (the outputs are counts and indices). */
    static LayerCase categorical(java.util.function.Supplier<? extends dev.strata.layers.Layer> f, int limit,
            int... sampleShape) {
        return LayerCase.of(f, Shape.of(sampleShape)).inputs(ids(limit, sampleShape)).nonDifferentiableInputs(0)
                .skip(Check.WRONG_RANK, "it takes values of any rank, as Keras's")
                .skip(Check.GRADIENTS, "its outputs are indices and counts: no gradient, as in Keras");
    }

    /** A layer that takes Java strings: the tensor-based checks cannot feed it. */
    static LayerCase strings(java.util.function.Supplier<? extends dev.strata.layers.Layer> f) {
        String why = "it takes Java strings at its boundary; Strata's tensors hold no strings (DESIGN.md)";
        LayerCase c = LayerCase.of(f, Shape.of(3));
        for (Check check : Check.values()) {
            c.skip(check, why + "; its config round trip is in its own test");
        }
        return c;
    }
}

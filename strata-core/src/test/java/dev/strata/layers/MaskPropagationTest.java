package dev.strata.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.core.Dense;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import org.junit.jupiter.api.Test;

/** Keras's mask mechanics: made by a layer, attached to its outputs, passed on, consumed, dropped. */
class MaskPropagationTest {

    /** Masks the time steps whose features are all zero, as Keras's Masking does (without zeroing them). */
    static final class ZeroStepMask extends Layer {
        @Override
        protected Tensor call(Tensor input) {
            return Ops.multiply(input, 1f);
        }

        @Override
        protected Tensor computeMask(Tensor input, Tensor previousMask) {
            return Ops.max(Ops.notEqual(input, 0f), -1);
        }
    }

    /** Sums the unmasked time steps: (batch, time, features) -> (batch, features). */
    static final class MaskedSum extends Layer {
        @Override
        protected Tensor call(Tensor input) {
            Tensor x = input;
            if (input.mask().isPresent()) {
                x = Ops.multiply(input, Ops.expandDims(input.mask().get(), -1));
            }
            return Ops.sum(x, new int[] {1}, false);
        }

        @Override
        protected Tensor computeMask(Tensor input, Tensor previousMask) {
            return null; // consumes the mask: the time axis is gone
        }
    }

    /** Adds one, and keeps the mask (supports masking without computing one). */
    static final class PassThrough extends Layer {
        @Override
        protected Tensor call(Tensor input) {
            return Ops.add(input, 1f);
        }

        @Override
        protected boolean supportsMasking() {
            return true;
        }
    }

    /** Returns its input itself, and makes a mask of its own: the caller's tensor must not change. */
    static final class IdentityWithMask extends Layer {
        @Override
        protected Tensor call(Tensor input) {
            return input;
        }

        @Override
        protected Tensor computeMask(Tensor input, Tensor previousMask) {
            return Tensor.ones(input.shape().get(0), input.shape().get(1));
        }
    }

    /** Adds one; knows nothing of masks. */
    static final class NoMaskSupport extends Layer {
        @Override
        protected Tensor call(Tensor input) {
            return Ops.add(input, 1f);
        }
    }

    // batch 2, time 3, features 2; sample 0 has its last step padded, sample 1 its first two
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 5, 6}, 2, 3, 2);

    @Test
    void aLayerThatComputesAMaskAttachesItToItsOutput() {
        Tensor y = new ZeroStepMask().apply(X);
        assertThat(X.mask()).isEmpty();
        assertThat(y.mask()).isPresent();
        assertThat(y.mask().get().shape()).isEqualTo(Shape.of(2, 3));
        assertThat(y.mask().get().toFloatArray()).containsExactly(1, 1, 0, 0, 0, 1);
    }

    @Test
    void masksPassThroughLayersThatSupportMaskingAndReachTheConsumer() {
        Tensor masked = new ZeroStepMask().apply(X);
        Tensor passed = new PassThrough().apply(masked);
        assertThat(passed.mask()).containsSame(masked.mask().get());
        Tensor sum = new MaskedSum().apply(passed);
        // sample 0: (1+1)+(3+1), (2+1)+(4+1); sample 1: (5+1), (6+1)
        assertThat(sum.toFloatArray()).containsExactly(6, 8, 6, 7);
        assertThat(sum.mask()).isEmpty();
    }

    @Test
    void aLayerWithoutMaskSupportDropsTheMask() {
        Tensor out = new NoMaskSupport().apply(new ZeroStepMask().apply(X));
        assertThat(out.mask()).isEmpty();
    }

    @Test
    void aPassThroughLayerReturningItsInputDoesNotChangeTheCallersTensor() {
        Tensor out = new IdentityWithMask().apply(X);
        assertThat(out.mask()).isPresent();
        assertThat(X.mask()).isEmpty();
        assertThat(out.toFloatArray()).containsExactly(X.toFloatArray());
    }

    @Test
    void masksFlowThroughFunctionalAndSequentialModels() {
        Tensor in = Input.of(3, 2);
        Tensor m = new ZeroStepMask().apply(in);
        assertThat(m.mask()).isPresent();
        assertThat(m.mask().get().shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        Tensor out = new MaskedSum().apply(new PassThrough().apply(m));
        Model functional = Model.of(in, out);
        assertThat(functional.predict(X).toFloatArray()).containsExactly(6, 8, 6, 7);

        Sequential sequential = new Sequential(new ZeroStepMask(), new PassThrough(), new MaskedSum());
        assertThat(sequential.predict(X).toFloatArray()).containsExactly(6, 8, 6, 7);
    }

    @Test
    void aModelOutputKeepsTheMaskItsLastLayerGaveIt() {
        Tensor in = Input.of(3, 2);
        Tensor out = new PassThrough().apply(new ZeroStepMask().apply(in));
        assertThat(out.mask()).isPresent();
        Model model = Model.of(in, out);
        Tensor nested = model.apply(Input.of(3, 2));
        assertThat(nested.mask()).as("the model's node in an outer graph").isPresent();
        assertThat(model.apply(X).mask().get().toFloatArray()).containsExactly(1, 1, 0, 0, 0, 1);
    }

    @Test
    void withMaskIsAnExplicitMaskThatLayersSeeAndGradientsFlowThrough() {
        Tensor mask = Tensor.of(new float[] {1, 0, 0, 0, 1, 1}, 2, 3);
        assertThat(new MaskedSum().apply(X.withMask(mask)).toFloatArray()).containsExactly(1, 2, 5, 6);
        assertThat(X.mask()).isEmpty();

        Variable w = new Variable(Tensor.full(Shape.of(2, 3, 2), 2f), "w", true);
        try (GradientTape tape = GradientTape.record()) {
            Tensor scaled = Ops.multiply(X, w);
            Tensor loss = Ops.sum(new MaskedSum().apply(scaled.withMask(mask)));
            Tensor grad = tape.gradient(loss, w);
            assertThat(grad.toFloatArray()).containsExactly(1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 5, 6);
        }
    }

    @Test
    void badMasksAreRefusedWithTheShapes() {
        assertThatThrownBy(() -> X.withMask(Tensor.ones(3, 2)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("(3, 2)").hasMessageContaining("(2, 3, 2)");
        assertThatThrownBy(() -> Input.of(3, 2).withMask(Tensor.ones(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not trace");
        assertThatThrownBy(() -> new Variable(X, "v", true).withMask(Tensor.ones(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'v'");
    }

    @Test
    void multiOutputLayersGetOneMaskPerOutput() {
        Layer split = new Layer() {
            @Override
            protected Tensors call(Tensors inputs) {
                return Tensors.of(Ops.add(inputs.get(0), 1f), Ops.sum(inputs.get(0), new int[] {1}, false));
            }

            @Override
            protected java.util.List<Tensor> computeMask(Tensors inputs, java.util.List<Tensor> previousMasks) {
                return java.util.Arrays.asList(previousMasks.get(0), null);
            }
        };
        Tensors outs = split.apply(java.util.List.of(new ZeroStepMask().apply(X)));
        assertThat(outs.get(0).mask()).isPresent();
        assertThat(outs.get(1).mask()).isEmpty();
    }
}

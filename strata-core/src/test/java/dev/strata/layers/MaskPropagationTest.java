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
        assertThatThrownBy(() -> X.withMask(Tensor.ones(4, 5)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("(4, 5)").hasMessageContaining("(2, 3, 2)");
        assertThat(X.withMask(Tensor.ones(3, 2)).mask()).as("broadcasts from the last axis").isPresent();
        assertThatThrownBy(() -> Input.of(3, 2).withMask(Input.of(4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(None, 4)");
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

    // ---- against Keras (tools/golden/masking.py) ----------------------------------------------------------------

    private static Tensor t(float[] v, int... shape) {
        return Tensor.of(v, shape);
    }

    @Test
    void softmaxWithAMaskMatchesKeras() {
        Tensor x = t(MaskingGolden.SOFTMAX_X, 2, 3, 4);
        Tensor y = new dev.strata.layers.activations.Softmax().apply(x.withMask(t(MaskingGolden.SOFTMAX_MASK, 2, 3, 4)));
        LayerChecks.assertClose(y.toFloatArray(), MaskingGolden.SOFTMAX_Y, 1e-6, 1e-7);
        Tensor row = new dev.strata.layers.activations.Softmax().apply(
                x.withMask(t(MaskingGolden.SOFTMAX_MASK_ROW, 1, 4)));
        LayerChecks.assertClose(row.toFloatArray(), MaskingGolden.SOFTMAX_Y_ROW, 1e-6, 1e-7);
        assertThat(row.mask()).as("passed on").isPresent();
    }

    @Test
    void batchNormalizationTakesMaskedMomentsInTrainingAsKeras() {
        Tensor x = t(MaskingGolden.BN_X, 2, 4, 3).withMask(t(MaskingGolden.BN_MASK, 2, 4));
        var bn = new dev.strata.layers.normalization.BatchNormalization();
        Tensor y = bn.apply(x, true);
        LayerChecks.assertClose(y.toFloatArray(), MaskingGolden.BN_Y, 1e-5, 1e-5);
        LayerChecks.assertClose(bn.movingMean().toFloatArray(), MaskingGolden.BN_MOVING_MEAN, 1e-6, 1e-7);
        LayerChecks.assertClose(bn.movingVariance().toFloatArray(), MaskingGolden.BN_MOVING_VAR, 1e-6, 1e-7);
        assertThatThrownBy(() -> bn.apply(t(MaskingGolden.BN_X, 2, 4, 3).withMask(Tensor.ones(2, 4, 3)), true))
                .isInstanceOf(ShapeException.class).hasMessageContaining("one dimension less");
    }

    @Test
    void globalAveragePooling1DAveragesTheUnmaskedStepsAsKeras() {
        Tensor x = t(MaskingGolden.BN_X, 2, 4, 3).withMask(t(MaskingGolden.BN_MASK, 2, 4));
        var gap = new dev.strata.layers.pooling.GlobalAveragePooling1D();
        Tensor y = gap.apply(x);
        LayerChecks.assertClose(y.toFloatArray(), MaskingGolden.GAP_Y, 1e-6, 1e-7);
        assertThat(y.mask()).isEmpty();
        LayerChecks.assertClose(new dev.strata.layers.pooling.GlobalAveragePooling1D().keepdims(true).apply(x)
                .toFloatArray(), MaskingGolden.GAP_KEEPDIMS_Y, 1e-6, 1e-7);
        Tensor mask = t(MaskingGolden.BN_MASK, 2, 4);
        dev.strata.testing.GradientCheck.check(xs -> gap.apply(xs.get(0).withMask(mask)),
                t(MaskingGolden.BN_X, 2, 4, 3));
    }

    @Test
    void mergingLayersMergeMasksAsKeras() {
        Tensor a = t(MaskingGolden.MERGE_A, 2, 3, 2), b = t(MaskingGolden.MERGE_B, 2, 3, 2);
        Tensor ma = t(MaskingGolden.MERGE_MA, 2, 3), mb = t(MaskingGolden.MERGE_MB, 2, 3);
        record Case(String name, java.util.function.Supplier<Layer> layer, float[] y, float[] mask, float[] yOne,
                    float[] maskOne) {
        }
        for (Case c : java.util.List.of(
                new Case("Add", dev.strata.layers.merging.Add::new, MaskingGolden.MERGE_ADD_Y,
                        MaskingGolden.MERGE_ADD_MASK, MaskingGolden.MERGE_ADD_ONE_Y, MaskingGolden.MERGE_ADD_ONE_MASK),
                new Case("Maximum", dev.strata.layers.merging.Maximum::new, MaskingGolden.MERGE_MAXIMUM_Y,
                        MaskingGolden.MERGE_MAXIMUM_MASK, MaskingGolden.MERGE_MAXIMUM_ONE_Y,
                        MaskingGolden.MERGE_MAXIMUM_ONE_MASK),
                new Case("Minimum", dev.strata.layers.merging.Minimum::new, MaskingGolden.MERGE_MINIMUM_Y,
                        MaskingGolden.MERGE_MINIMUM_MASK, MaskingGolden.MERGE_MINIMUM_ONE_Y,
                        MaskingGolden.MERGE_MINIMUM_ONE_MASK),
                new Case("Multiply", dev.strata.layers.merging.Multiply::new, MaskingGolden.MERGE_MULTIPLY_Y,
                        MaskingGolden.MERGE_MULTIPLY_MASK, MaskingGolden.MERGE_MULTIPLY_ONE_Y,
                        MaskingGolden.MERGE_MULTIPLY_ONE_MASK),
                new Case("Concatenate", dev.strata.layers.merging.Concatenate::new, MaskingGolden.MERGE_CONCAT_Y,
                        MaskingGolden.MERGE_CONCAT_MASK, MaskingGolden.MERGE_CONCAT_ONE_Y,
                        MaskingGolden.MERGE_CONCAT_ONE_MASK),
                new Case("Concatenate(axis=1)", () -> new dev.strata.layers.merging.Concatenate(1),
                        MaskingGolden.MERGE_CONCAT_1_Y, MaskingGolden.MERGE_CONCAT_1_MASK,
                        MaskingGolden.MERGE_CONCAT_1_ONE_Y, MaskingGolden.MERGE_CONCAT_1_ONE_MASK))) {
            Tensor y = c.layer().get().apply(java.util.List.of(a.withMask(ma), b.withMask(mb))).get(0);
            assertThat(y.toFloatArray()).as(c.name()).containsExactly(c.y());
            assertThat(y.mask().map(Tensor::toFloatArray).orElse(new float[0])).as(c.name() + " mask")
                    .containsExactly(c.mask());
            Tensor y1 = c.layer().get().apply(java.util.List.of(a.withMask(ma), b)).get(0);
            assertThat(y1.toFloatArray()).as(c.name() + ", one masked").containsExactly(c.yOne());
            assertThat(y1.mask().map(Tensor::toFloatArray).orElse(new float[0])).as(c.name() + ", one masked, mask")
                    .containsExactly(c.maskOne());
        }
    }

    @Test
    void lossesAndMetricsLeaveMaskedStepsOutAsKeras() {
        Tensor pred = t(MaskingGolden.LOSS_PRED, 2, 4, 1).withMask(t(MaskingGolden.LOSS_MASK, 2, 4));
        Tensor truth = t(MaskingGolden.LOSS_TRUE, 2, 4, 1);
        assertThat(new dev.strata.losses.MeanSquaredError().apply(truth, pred).item())
                .isCloseTo(MaskingGolden.LOSS_MSE[0], org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(new dev.strata.losses.MeanSquaredError(dev.strata.losses.Reduction.SUM)
                .apply(truth, pred).item()).isCloseTo(MaskingGolden.LOSS_MSE_SUM[0],
                org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(new dev.strata.losses.MeanSquaredError().apply(truth, pred, t(MaskingGolden.LOSS_SW, 2, 1)).item())
                .isCloseTo(MaskingGolden.LOSS_MSE_SW[0], org.assertj.core.data.Offset.offset(1e-6f));
        Tensor logits = t(MaskingGolden.SCCE_LOGITS, 2, 4, 3).withMask(t(MaskingGolden.LOSS_MASK, 2, 4));
        Tensor labels = t(MaskingGolden.SCCE_TRUE, 2, 4);
        assertThat(new dev.strata.losses.SparseCategoricalCrossentropy(true).apply(labels, logits).item())
                .isCloseTo(MaskingGolden.SCCE[0], org.assertj.core.data.Offset.offset(1e-6f));

        var mse = new dev.strata.metrics.MeanSquaredError();
        mse.update(truth, pred, null);
        assertThat(mse.result()).isCloseTo((double) MaskingGolden.METRIC_MSE[0],
                org.assertj.core.data.Offset.offset(1e-6));
        var acc = new dev.strata.metrics.SparseCategoricalAccuracy();
        acc.update(labels, logits, null);
        assertThat(acc.result()).isCloseTo((double) MaskingGolden.METRIC_SPARSE_ACC[0],
                org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aTrainingStepOfAMaskedPerStepModelMatchesKeras() {
        dev.strata.Strata.clearSession();
        Tensor ids = Input.integers("ids", 5);
        var embedding = new dev.strata.layers.core.Embedding(6, 2).maskZero(true);
        Dense dense = new Dense(1);
        Model model = Model.of(ids, dense.apply(embedding.apply(ids)));
        embedding.embeddings().assign(t(MaskingGolden.STEP_TABLE, 6, 2));
        dense.kernel().assign(t(MaskingGolden.STEP_KERNEL, 2, 1));
        dense.bias().assign(t(MaskingGolden.STEP_BIAS, 1));
        model.compile(new dev.strata.optimizers.SGD(0.5f), "mse");
        var history = model.fit(t(MaskingGolden.STEP_IDS, 3, 5), t(MaskingGolden.STEP_Y, 3, 5, 1),
                new dev.strata.training.FitOptions().epochs(1).batchSize(3).shuffle(false).verbose(0));
        assertThat(history.get("loss").getFirst()).isCloseTo(MaskingGolden.STEP_LOSS[0],
                org.assertj.core.data.Offset.offset(1e-6));
        LayerChecks.assertClose(embedding.embeddings().toFloatArray(), MaskingGolden.STEP_TABLE_AFTER, 1e-6, 1e-6);
        LayerChecks.assertClose(dense.kernel().toFloatArray(), MaskingGolden.STEP_KERNEL_AFTER, 1e-6, 1e-6);
        LayerChecks.assertClose(dense.bias().toFloatArray(), MaskingGolden.STEP_BIAS_AFTER, 1e-6, 1e-6);
    }

    @Test
    void anExplicitMaskOnASymbolicTensorIsRecordedWithTheLayerThatReadsIt() {
        Tensor in = Input.of(4, 3);
        Tensor m = Input.of(4);
        var gap = new dev.strata.layers.pooling.GlobalAveragePooling1D();
        Tensor out = gap.apply(new PassThrough().apply(in).withMask(m));
        Model model = Model.of(java.util.List.of(in, m), java.util.List.of(out));
        Tensor x = t(MaskingGolden.BN_X, 2, 4, 3);
        Tensor mask = t(MaskingGolden.BN_MASK, 2, 4);
        Tensor expected = new dev.strata.layers.pooling.GlobalAveragePooling1D().apply(Ops.add(x, 1f).withMask(mask));
        assertThat(model.predict(java.util.List.of(x, mask), new dev.strata.training.PredictOptions()).get(0)
                .toFloatArray()).containsExactly(expected.toFloatArray());
    }

    @Test
    void predictReusingArraysKeepsMasksIntactAcrossLayersAndCalls() {
        dev.strata.Strata.clearSession();
        Tensor ids = Input.integers("ids", 6);
        Tensor h = new dev.strata.layers.core.Embedding(9, 4).maskZero(true).apply(ids);
        h = new Dense(5, "relu").apply(h);
        Model model = Model.of(ids, new Dense(2).apply(new dev.strata.layers.pooling.GlobalAveragePooling1D().apply(h)));
        Tensor a = t(new float[] {1, 2, 3, 0, 0, 0, 4, 5, 6, 7, 8, 0}, 2, 6);
        Tensor b = t(new float[] {8, 7, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0}, 2, 6);
        for (int round = 0; round < 3; round++) { // later calls take arrays earlier ones gave back
            for (Tensor x : java.util.List.of(a, b)) {
                assertThat(model.predict(x).toFloatArray()).as("round " + round)
                        .containsExactly(model.apply(x, false).toFloatArray());
            }
        }
    }

    @Test
    void gradientsReachAWatchedTensorThroughWithMask() {
        Tensor x = t(MaskingGolden.BN_X, 2, 4, 3);
        Tensor mask = t(MaskingGolden.BN_MASK, 2, 4);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor loss = Ops.sum(new MaskedSum().apply(x.withMask(mask)));
            float[] g = tape.gradient(loss, x).toFloatArray();
            for (int i = 0; i < g.length; i++) { // 1 where the step is kept, 0 where it is masked
                assertThat(g[i]).isEqualTo(MaskingGolden.BN_MASK[i / 3]);
            }
        }
    }
}

package dev.strata.layers.normalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.initializers.Initializers;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerGolden;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.regularizers.L2;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BatchNormalization against Keras: batch statistics in training, moving ones otherwise. */
class BatchNormalizationTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(BatchNormalization::new, Shape.of(3)).wrongRank(Shape.of(4)),
                LayerCase.of(() -> new BatchNormalization().axis(1).momentum(0.9).epsilon(1e-2).center(false),
                        Shape.of(2, 3)).label("axis 1, momentum, epsilon, no center").wrongRank(Shape.of(4)));
    }

    private static final Tensor X0 = Tensor.of(LayerGolden.BN_X0, 6, 3);
    private static final Tensor X1 = Tensor.of(LayerGolden.BN_X1, 6, 3);
    private static final Tensor X2 = Tensor.of(LayerGolden.BN_X2, 6, 3);

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static BatchNormalization keras() {
        BatchNormalization bn = new BatchNormalization();
        bn.buildForSamples(Shape.of(3));
        bn.gamma().assign(Tensor.of(LayerGolden.BN_GAMMA));
        bn.beta().assign(Tensor.of(LayerGolden.BN_BETA));
        return bn;
    }

    @Test
    void aWrongRankNamesTheShapeItWasBuiltFor() {
        BatchNormalization bn = new BatchNormalization().axis(1);
        bn.apply(Tensor.ones(4, 2, 3));
        assertThatThrownBy(() -> bn.apply(Tensor.ones(4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'batch_normalization' (BatchNormalization) expected inputs of rank 3 with "
                        + "axis 1 of size 2 (built for shape (None, 2, 3)), but received shape (4,)");
    }

    @Test
    void trainingUpdatesMovingStatisticsAsKeras() {
        BatchNormalization bn = keras();
        LayerChecks.assertClose(bn.apply(X0, true).toFloatArray(), LayerGolden.BN_TRAIN_Y0, 1e-5, 1e-5);
        bn.apply(X1, true);
        bn.apply(X2, true);
        LayerChecks.assertClose(bn.movingMean().toFloatArray(), LayerGolden.BN_MOVING_MEAN, 1e-6, 1e-7);
        LayerChecks.assertClose(bn.movingVariance().toFloatArray(), LayerGolden.BN_MOVING_VARIANCE, 1e-6, 1e-7);
        LayerChecks.assertClose(bn.apply(X0).toFloatArray(), LayerGolden.BN_INFER_Y0, 1e-5, 1e-5);
        // Inference leaves the moving statistics alone.
        bn.apply(X1, false);
        LayerChecks.assertClose(bn.movingMean().toFloatArray(), LayerGolden.BN_MOVING_MEAN, 1e-6, 1e-7);
    }

    @Test
    void otherAxisMomentumAndEpsilon() {
        BatchNormalization bn = new BatchNormalization().axis(1).momentum(0.9).epsilon(0.01);
        Tensor x = Tensor.of(LayerGolden.BN_AXIS1_X, 4, 3, 2);
        LayerChecks.assertClose(bn.apply(x, true).toFloatArray(), LayerGolden.BN_AXIS1_TRAIN_Y, 1e-5, 1e-5);
        LayerChecks.assertClose(bn.movingMean().toFloatArray(), LayerGolden.BN_AXIS1_MOVING_MEAN, 1e-6, 1e-7);
        LayerChecks.assertClose(bn.movingVariance().toFloatArray(), LayerGolden.BN_AXIS1_MOVING_VARIANCE, 1e-6,
                1e-7);
        assertThat(bn.gamma().shape()).isEqualTo(Shape.of(3));
        GradientCheck.check(xs -> bn.apply(xs.get(0), true), GradientCheck.random(8, Shape.of(4, 3, 2), -1, 1));
        GradientCheck.check(xs -> bn.apply(xs.get(0), false), GradientCheck.random(9, Shape.of(4, 3, 2), -1, 1));
    }

    @Test
    void weightsInKerasOrder() {
        BatchNormalization bn = keras();
        assertThat(bn.weights()).extracting(Variable::name)
                .containsExactly("gamma", "beta", "moving_mean", "moving_variance");
        assertThat(bn.trainableWeights()).extracting(Variable::name).containsExactly("gamma", "beta");
        assertThat(bn.nonTrainableWeights()).extracting(Variable::name)
                .containsExactly("moving_mean", "moving_variance");
        assertThat(bn.countParams()).isEqualTo(12);
        BatchNormalization bare = new BatchNormalization().center(false).scale(false);
        bare.buildForSamples(Shape.of(5));
        assertThat(bare.weights()).extracting(Variable::name).containsExactly("moving_mean", "moving_variance");
        assertThat(bare.apply(Tensor.ones(2, 5)).toFloatArray()[0])
                .isEqualTo(1f / (float) Math.sqrt(1.001), org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void gradientsThroughBatchStatisticsAndWeights() {
        BatchNormalization bn = keras();
        Tensor x = GradientCheck.random(3, Shape.of(5, 3), -1, 2);
        GradientCheck.check(xs -> bn.apply(xs.get(0), true), x);
        GradientCheck.check(xs -> bn.apply(xs.get(0), false), x);
        LayerChecks.checkWeightGradients(() -> bn.apply(x, true), List.of(bn.gamma(), bn.beta()), 1e-2, 1e-2, 1e-3);
        LayerChecks.checkWeightGradients(() -> bn.apply(x, false), List.of(bn.gamma(), bn.beta()), 1e-2, 1e-2, 1e-3);
        // The moving statistics are updated outside the tape and get no gradient.
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(bn.movingMean());
            Tensor y = Ops.sum(bn.apply(x, true));
            assertThat(tape.gradient(y, List.of(bn.movingMean()), GradientTape.UnconnectedGradients.ZERO).get(0)
                    .toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void frozenLayerUsesMovingStatisticsInTraining() {
        BatchNormalization bn = keras();
        bn.setTrainable(false);
        float[] before = bn.movingMean().toFloatArray();
        assertThat(bn.apply(X0, true).toFloatArray()).containsExactly(bn.apply(X0, false).toFloatArray());
        assertThat(bn.movingMean().toFloatArray()).containsExactly(before);
    }

    @Test
    void inModels() {
        dev.strata.Strata.setRandomSeed(1);
        Sequential seq = new Sequential(new InputLayer(3), new BatchNormalization(), new Dense(1));
        assertThat(seq.countParams()).isEqualTo(12 + 4);
        BatchNormalization inSeq = (BatchNormalization) seq.layers().getFirst();
        seq.apply(List.of(X0), true);
        assertThat(inSeq.movingMean().toFloatArray()).isNotEqualTo(new float[3]);

        Tensor in = Input.of(4, 3);
        BatchNormalization bn = new BatchNormalization();
        Tensor out = bn.apply(in);
        assertThat(out.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 4, 3));
        Model m = Model.of(in, out);
        assertThat(bn.movingMean().toFloatArray()).containsOnly(0f); // tracing does not update
        m.apply(List.of(Tensor.normal(Shape.of(2, 4, 3), 5, 1)), true);
        assertThat(bn.movingMean().toFloatArray()).doesNotContain(0f);
    }

    @Test
    void badShapesNameTheLayer() {
        BatchNormalization bn = keras();
        assertThatThrownBy(() -> bn.apply(Tensor.ones(2, 4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'batch_normalization' (BatchNormalization)")
                .hasMessageContaining("received shape (2, 4)");
        assertThatThrownBy(() -> new BatchNormalization().axis(2).apply(Tensor.ones(2, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("axis 2 is out of bounds");
        assertThatThrownBy(() -> new BatchNormalization().momentum(1.5)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> keras().momentum(0.5)).hasMessageContaining("already built");
    }

    @Test
    void configMatchesKeras() {
        BatchNormalization bn = new BatchNormalization();
        LayerChecks.assertConfigMatches(bn.getConfig(), LayerGolden.batchNormalizationConfig());
        BatchNormalization custom = new BatchNormalization().gammaInitializer(Initializers.constant(2f))
                .gammaRegularizer(new L2(0.1));
        custom.buildForSamples(Shape.of(2));
        assertThat(custom.gamma().toFloatArray()).containsExactly(2f, 2f);
        assertThat(custom.getConfig().get("gamma_regularizer")).isEqualTo(dev.strata.regularizers.Regularizers.serialize(new L2(0.1)));
        assertThat(custom.losses()).hasSize(1);
        assertThat(custom.losses().getFirst().item()).isEqualTo(0.1f * 8f, org.assertj.core.data.Offset.offset(1e-6f));
    }
}

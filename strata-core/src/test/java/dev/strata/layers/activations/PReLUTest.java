package dev.strata.layers.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.config.KerasConfigException;
import dev.strata.initializers.Constant;
import dev.strata.initializers.Initializers;
import dev.strata.initializers.RandomUniform;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Sequential;
import dev.strata.regularizers.L2;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import dev.strata.training.FitOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PReLU: alpha's shape with shared axes, Keras's values, gradients of inputs and alpha, config, models, errors. */
class PReLUTest {
    private static final Tensor X = Tensor.of(ActivationLayerGolden.PRELU_X, 2, 3, 4);

    /** The layer contract cases (see {@code LayerContractTest}): inputs kept away from the kink at 0. */
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new PReLU().alphaInitializer(Initializers.constant(0.25f)), Shape.of(3)).label(
                        "one alpha per feature")
                        .inputs(batch -> List.of(GradientCheck.randomAwayFromZero(7, Shape.of(batch, 3), 1, 0.1)))
                        .wrongRank(Shape.of(4)),
                LayerCase.of(() -> new PReLU().sharedAxes(1, 2), Shape.of(2, 2, 3)).label("shared over 1 and 2")
                        .inputs(batch -> List.of(GradientCheck.randomAwayFromZero(8, Shape.of(batch, 2, 2, 3), 1, 0.1)))
                        .wrongRank(Shape.of(4, 3)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(3);
    }

    /** A PReLU built for (batch, 3, 4) with the given shared axes and alpha (checked to have Keras's shape). */
    private static PReLU built(int[] shared, int[] alphaShape, float[] alpha) {
        PReLU p = new PReLU();
        if (shared != null) {
            p.sharedAxes(shared);
        }
        p.buildForSamples(Shape.of(3, 4));
        assertThat(p.alpha().shape()).isEqualTo(Shape.of(alphaShape));
        p.alpha().assign(Tensor.of(alpha, Shape.of(alphaShape)));
        return p;
    }

    @Test
    void alphaHasKerassShapeAndOutputsMatchKeras() {
        // relu(x) - alpha·relu(-x), as Keras computes it: equal to the bit
        assertThat(built(null, ActivationLayerGolden.PRELU_FULL_ALPHA_SHAPE, ActivationLayerGolden.PRELU_FULL_ALPHA)
                .apply(X).toFloatArray()).containsExactly(ActivationLayerGolden.PRELU_FULL_Y);
        assertThat(built(new int[] {1}, ActivationLayerGolden.PRELU_SHARED_1_ALPHA_SHAPE,
                ActivationLayerGolden.PRELU_SHARED_1_ALPHA).apply(X).toFloatArray())
                .containsExactly(ActivationLayerGolden.PRELU_SHARED_1_Y);
        assertThat(built(new int[] {1, 2}, ActivationLayerGolden.PRELU_SHARED_1_2_ALPHA_SHAPE,
                ActivationLayerGolden.PRELU_SHARED_1_2_ALPHA).apply(X).toFloatArray())
                .containsExactly(ActivationLayerGolden.PRELU_SHARED_1_2_Y);
        assertThat(built(new int[] {2}, ActivationLayerGolden.PRELU_SHARED_2_ALPHA_SHAPE,
                ActivationLayerGolden.PRELU_SHARED_2_ALPHA).apply(X).toFloatArray())
                .containsExactly(ActivationLayerGolden.PRELU_SHARED_2_Y);
        PReLU zeros = new PReLU();
        assertThat(zeros.apply(X).toFloatArray()).containsExactly(ActivationLayerGolden.PRELU_DEFAULT_Y);
        assertThat(zeros.countParams()).isEqualTo(12);
        assertThat(zeros.trainableWeights()).containsExactly(zeros.alpha());
    }

    @Test
    void sharedAxesTakeAnyBatchAndSize() {
        PReLU perChannel = new PReLU().sharedAxes(1);
        Tensor in = Input.of(Shape.UNKNOWN, 4); // the shared axis may be unknown
        assertThat(perChannel.apply(in).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 4));
        assertThat(perChannel.alpha().shape()).isEqualTo(Shape.of(1, 4));
        assertThat(perChannel.apply(Tensor.ones(5, 7, 4)).shape()).isEqualTo(Shape.of(5, 7, 4));
        ActivationLayerChecks.assertSymbolicShapeIsEager(() -> new PReLU().sharedAxes(2), X);
        ActivationLayerChecks.assertSymbolicShapeIsEager(PReLU::new, X);
    }

    @Test
    void gradientsOfInputsAndAlphaMatchFiniteDifferences() {
        Tensor x = GradientCheck.randomAwayFromZero(4, Shape.of(2, 3, 4), 3, 0.05);
        for (int[] shared : new int[][] {null, {1}, {1, 2}}) {
            PReLU p = new PReLU().alphaInitializer(new RandomUniform(-1.5f, 1.5f));
            if (shared != null) {
                p.sharedAxes(shared);
            }
            p.apply(x);
            GradientCheck.check(xs -> p.apply(xs.get(0)), x);
            LayerChecks.checkWeightGradients(() -> p.apply(x), List.of(p.alpha()), 1e-2, 1e-2, 1e-3);
        }
    }

    @Test
    void configIsKerasAndRoundTripsWithWeights() {
        ActivationLayerChecks.assertConfigIsKeras(new PReLU().getConfig(), ActivationLayerGolden.PRELU_CONFIG);
        PReLU all = new PReLU().alphaInitializer(new Constant(0.25f)).alphaRegularizer(new L2(0.5)).sharedAxes(1, 2);
        ActivationLayerChecks.assertConfigIsKeras(all.getConfig(), ActivationLayerGolden.PRELU_ALL_CONFIG);
        PReLU ones = new PReLU().alphaInitializer("ones").sharedAxes(1);
        ActivationLayerChecks.assertConfigIsKeras(ones.getConfig(), ActivationLayerGolden.PRELU_INT_AXIS_CONFIG);

        PReLU built = built(new int[] {1}, ActivationLayerGolden.PRELU_SHARED_1_ALPHA_SHAPE,
                ActivationLayerGolden.PRELU_SHARED_1_ALPHA);
        assertThat(KerasConfig.toJson(built.getBuildConfig())).isEqualTo(KerasConfig.toJson(
                KerasConfig.parseJson(ActivationLayerGolden.PRELU_BUILD_CONFIG)));
        PReLU back = ActivationLayerChecks.assertConfigRoundTrip(built, X);
        assertThat(back.sharedAxes()).containsExactly(1);
        assertThat(back.alpha().toFloatArray()).containsExactly(ActivationLayerGolden.PRELU_SHARED_1_ALPHA);

        // Keras writes an int shared axis as a list; Strata reads both
        Map<String, Object> intAxis = new LinkedHashMap<>();
        intAxis.put("shared_axes", 2);
        assertThat(KerasConfig.fromConfig(PReLU.class, intAxis, new LoadOptions()).sharedAxes()).containsExactly(2);
    }

    @Test
    void alphaRegularizerAddsItsPenalty() {
        PReLU p = new PReLU().alphaInitializer(new Constant(0.5f)).alphaRegularizer(new L2(0.5));
        p.apply(Tensor.ones(2, 3));
        // 0.5 · Σ alpha² = 0.5 · 3 · 0.25
        assertThat(p.losses()).singleElement().satisfies(l -> assertThat(l.item()).isEqualTo(0.375f));
    }

    @Test
    void alphaTrains() {
        Tensor x = GradientCheck.random(2, Shape.of(32, 3), -2, 2);
        Tensor y = Tensor.of(new float[32 * 3], 32, 3);
        PReLU p = new PReLU().alphaInitializer(new Constant(0.5f));
        Sequential model = new Sequential(new InputLayer(3), new Dense(3), p);
        model.compile("sgd", "mse");
        model.fit(x, y, new FitOptions().epochs(2).verbose(0));
        assertThat(p.alpha().toFloatArray()).doesNotContain(0.5f);
    }

    @Test
    void worksInEveryKindOfModelAndSavesAndLoads(@TempDir Path dir) {
        ActivationLayerChecks.assertWorksInModels(
                () -> new PReLU().sharedAxes(1).alphaInitializer(new RandomUniform(-1f, 1f)), X, dir);
        ActivationLayerChecks.assertWorksInModels(() -> new PReLU().alphaInitializer(new RandomUniform(-1f, 1f)),
                Tensor.of(ActivationLayerGolden.PRELU_X, 6, 4), dir.resolve("2d"));
    }

    @Test
    void badArgumentsAndInputsFailNamingTheLayer() {
        assertThatThrownBy(() -> new PReLU().sharedAxes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer 'p_re_lu' (PReLU): shared_axes [0] must name axes after the batch axis, "
                        + "counted from 1");
        assertThatThrownBy(() -> new PReLU().sharedAxes(1, -1)).hasMessageContaining("shared_axes [1, -1]");
        assertThatThrownBy(() -> new PReLU().sharedAxes(new int[0])).hasMessageContaining("at least one axis");
        assertThatThrownBy(() -> new PReLU().sharedAxes(3).apply(X)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'p_re_lu_3' (PReLU): shared_axes [3] names axis 3, but the input shape "
                        + "(2, 3, 4) has axes 1 to 2");
        assertThatThrownBy(() -> new PReLU().apply(Input.of(Shape.UNKNOWN, 4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("needs the size of axis 1 to be known (or the axis to be in shared_axes)");

        PReLU p = new PReLU().sharedAxes(1);
        p.apply(X);
        assertThatThrownBy(() -> p.apply(Tensor.ones(2, 3, 5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("expected inputs of shape (None, None, 4) (None: any size; alpha has shape "
                        + "(1, 4); built for shape (None, 3, 4)), but received shape (2, 3, 5)");
        assertThatThrownBy(() -> p.apply(Tensor.ones(2, 3, 1))).as("no silent broadcast of a size 1")
                .isInstanceOf(ShapeException.class);
        assertThatThrownBy(() -> p.apply(Tensor.ones(2, 2, 3, 4))).hasMessageContaining("received shape (2, 2, 3, 4)");
        assertThatThrownBy(() -> p.sharedAxes(2)).isInstanceOf(IllegalStateException.class);

        Map<String, Object> constrained = new LinkedHashMap<>();
        constrained.put("alpha_constraint", Map.of("module", "keras.constraints", "class_name", "NonNeg",
                "config", Map.of()));
        assertThat(KerasConfig.fromConfig(PReLU.class, constrained, new LoadOptions()).alphaConstraint())
                .isInstanceOf(dev.strata.constraints.NonNeg.class);
        constrained.put("alpha_constraint", Map.of("module", "keras.constraints", "class_name", "NoSuchConstraint",
                "config", Map.of()));
        assertThatThrownBy(() -> KerasConfig.fromConfig(PReLU.class, constrained, new LoadOptions()))
                .isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("alpha_constraint").hasMessageContaining("NoSuchConstraint");
    }
}

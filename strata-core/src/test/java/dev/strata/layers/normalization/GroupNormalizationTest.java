package dev.strata.layers.normalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.constraints.MaxNorm;
import dev.strata.constraints.NonNeg;
import dev.strata.initializers.Constant;
import dev.strata.initializers.Ones;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.RegularizationGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.models.Input;
import dev.strata.ops.Ops;
import dev.strata.regularizers.L1;
import dev.strata.regularizers.L2;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GroupNormalization against Keras. */
class GroupNormalizationTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new GroupNormalization(2), Shape.of(3, 4)).wrongRank(Shape.of(2, 4)),
                LayerCase.of(() -> new GroupNormalization(3).axis(1).epsilon(1e-2), Shape.of(6, 2, 2))
                        .label("channels first").wrongRank(Shape.of(2, 6, 2)),
                LayerCase.of(() -> new GroupNormalization(-1).center(false), Shape.of(2, 2, 3))
                        .label("instance normalization").wrongRank(Shape.of(2, 2, 2, 2, 3)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    /** A layer built for {@code x} with the golden gamma and beta. */
    private static GroupNormalization withWeights(GroupNormalization gn, Shape sample, float[] gamma, float[] beta) {
        gn.buildForSamples(sample);
        List<Tensor> ws = new ArrayList<>();
        if (gamma != null) {
            ws.add(Tensor.of(gamma));
        }
        if (beta != null) {
            ws.add(Tensor.of(beta));
        }
        gn.setWeights(ws);
        return gn;
    }

    @Test
    void valuesMatchKeras() {
        GroupNormalization gn = withWeights(new GroupNormalization(3), Shape.of(4, 6), RegularizationGolden.GN_GAMMA,
                RegularizationGolden.GN_BETA);
        Tensor x = Tensor.of(RegularizationGolden.GN_X, 2, 4, 6);
        LayerChecks.assertClose(gn.apply(x).toFloatArray(), RegularizationGolden.GN_Y, 1e-5, 1e-5);
        assertThat(gn.apply(x, true).toFloatArray()).containsExactly(gn.apply(x).toFloatArray());

        GroupNormalization four = withWeights(new GroupNormalization(2).epsilon(1e-4), Shape.of(3, 3, 4),
                RegularizationGolden.GN_4D_GAMMA, RegularizationGolden.GN_4D_BETA);
        LayerChecks.assertClose(four.apply(Tensor.of(RegularizationGolden.GN_4D_X, 2, 3, 3, 4)).toFloatArray(),
                RegularizationGolden.GN_4D_Y, 1e-5, 1e-5);

        GroupNormalization first = withWeights(new GroupNormalization(2).axis(1), Shape.of(4, 3),
                RegularizationGolden.GN_AXIS_1_GAMMA, RegularizationGolden.GN_AXIS_1_BETA);
        LayerChecks.assertClose(first.apply(Tensor.of(RegularizationGolden.GN_AXIS_1_X, 2, 4, 3)).toFloatArray(),
                RegularizationGolden.GN_AXIS_1_Y, 1e-5, 1e-5);

        GroupNormalization instance = withWeights(new GroupNormalization(-1), Shape.of(5, 4),
                RegularizationGolden.GN_INSTANCE_GAMMA, RegularizationGolden.GN_INSTANCE_BETA);
        assertThat(instance.groups()).as("-1 becomes the channel count, as Keras").isEqualTo(4);
        LayerChecks.assertClose(instance.apply(Tensor.of(RegularizationGolden.GN_INSTANCE_X, 2, 5, 4))
                .toFloatArray(), RegularizationGolden.GN_INSTANCE_Y, 1e-5, 1e-5);

        GroupNormalization plain = new GroupNormalization(2).center(false).scale(false);
        LayerChecks.assertClose(plain.apply(Tensor.of(RegularizationGolden.GN_NO_AFFINE_X, 2, 3, 4)).toFloatArray(),
                RegularizationGolden.GN_NO_AFFINE_Y, 1e-5, 1e-5);
        assertThat(plain.weights()).isEmpty();
    }

    @Test
    void gradientsMatchKerasAndFiniteDifferences() {
        checkGradients(withWeights(new GroupNormalization(3), Shape.of(4, 6), RegularizationGolden.GN_GAMMA,
                        RegularizationGolden.GN_BETA), Tensor.of(RegularizationGolden.GN_X, 2, 4, 6),
                RegularizationGolden.GN_R, RegularizationGolden.GN_DX, RegularizationGolden.GN_DGAMMA,
                RegularizationGolden.GN_DBETA);
        checkGradients(withWeights(new GroupNormalization(2).axis(1), Shape.of(4, 3),
                        RegularizationGolden.GN_AXIS_1_GAMMA, RegularizationGolden.GN_AXIS_1_BETA),
                Tensor.of(RegularizationGolden.GN_AXIS_1_X, 2, 4, 3), RegularizationGolden.GN_AXIS_1_R,
                RegularizationGolden.GN_AXIS_1_DX, RegularizationGolden.GN_AXIS_1_DGAMMA,
                RegularizationGolden.GN_AXIS_1_DBETA);
    }

    private static void checkGradients(GroupNormalization gn, Tensor x, float[] r, float[] dx, float[] dgamma,
                                       float[] dbeta) {
        Tensor weights = Tensor.of(r, x.shape().toArray());
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor loss = Ops.sum(Ops.multiply(gn.apply(x), weights));
            List<Tensor> g = tape.gradient(loss, List.of(x, gn.gamma(), gn.beta()));
            LayerChecks.assertClose(g.get(0).toFloatArray(), dx, 1e-4, 1e-5);
            LayerChecks.assertClose(g.get(1).toFloatArray(), dgamma, 1e-4, 1e-5);
            LayerChecks.assertClose(g.get(2).toFloatArray(), dbeta, 1e-4, 1e-5);
        }
        Tensor small = GradientCheck.random(4, x.shape(), -2, 2);
        GradientCheck.check(xs -> gn.apply(xs.get(0)), small);
        LayerChecks.checkWeightGradients(() -> gn.apply(small), List.of(gn.gamma(), gn.beta()), 1e-2, 1e-2, 1e-3);
    }

    @Test
    void weightsAndShapes() {
        GroupNormalization gn = new GroupNormalization(2);
        assertThat(gn.apply(Input.of(Shape.UNKNOWN, 4)).shape()).as("an unknown time axis traces")
                .isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 4));
        assertThat(gn.weights()).extracting(Variable::name).containsExactly("gamma", "beta");
        assertThat(gn.gamma().shape()).isEqualTo(Shape.of(4));
        assertThat(gn.apply(Tensor.ones(2, 7, 4)).shape()).isEqualTo(Shape.of(2, 7, 4));
        assertThat(new GroupNormalization(2).center(false).apply(Tensor.ones(1, 4)).shape()).isEqualTo(Shape.of(1, 4));
    }

    @Test
    void badInputsFailNamingTheLayerAndShapes() {
        assertThatThrownBy(() -> new GroupNormalization(3).apply(Tensor.ones(2, 5, 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'group_normalization' (GroupNormalization): the 4 channels (axis -1 of "
                        + "input shape (2, 5, 4)) cannot be split into 3 groups");
        assertThatThrownBy(() -> new GroupNormalization(8).apply(Tensor.ones(2, 4)))
                .hasMessageContaining("the 4 channels").hasMessageContaining("into 8 groups");
        assertThatThrownBy(() -> new GroupNormalization(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a positive integer (or -1 for instance normalization), got 0");
        assertThatThrownBy(() -> new GroupNormalization(2).axis(3).apply(Tensor.ones(2, 4)))
                .hasMessageContaining("axis 3 is out of bounds for input shape (2, 4)");
        GroupNormalization gn = new GroupNormalization(2);
        gn.apply(Tensor.ones(2, 3, 4));
        assertThatThrownBy(() -> gn.apply(Tensor.ones(2, 3, 6))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("expected inputs of rank 3 with 4 channels on axis -1 (built for shape "
                        + "(None, 3, 4)), but received shape (2, 3, 6)");
    }

    @Test
    void configMatchesKeras() {
        ActivationLayerChecks.assertConfigIsKeras(new GroupNormalization(2).getConfig(), RegularizationGolden.GN_CONFIG);
        GroupNormalization all = new GroupNormalization(4).axis(1).epsilon(1e-5).center(false).scale(true)
                .betaInitializer(new Ones()).gammaInitializer(new Constant(0.5f)).betaRegularizer(new L2(0.01))
                .gammaRegularizer(new L1(0.5)).betaConstraint(new NonNeg()).gammaConstraint(new MaxNorm(3, 0));
        ActivationLayerChecks.assertConfigIsKeras(all.getConfig(), RegularizationGolden.GN_ALL_CONFIG);
        @SuppressWarnings("unchecked")
        GroupNormalization fromKeras = KerasConfig.fromConfig(GroupNormalization.class,
                (java.util.Map<String, Object>) KerasConfig.parseJson(RegularizationGolden.GN_ALL_CONFIG),
                new LoadOptions());
        ActivationLayerChecks.assertConfigIsKeras(fromKeras.getConfig(), RegularizationGolden.GN_ALL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(all, Tensor.normal(Shape.of(2, 4, 3), 0, 1));
    }
}

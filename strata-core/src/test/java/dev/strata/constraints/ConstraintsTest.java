package dev.strata.constraints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.RegularizationGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.normalization.GroupNormalization;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.SGD;
import dev.strata.saving.KerasConfig;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The constraints against Keras: values, saved forms, names, and their application after optimizer updates. */
class ConstraintsTest {
    private static final Tensor W = Tensor.of(RegularizationGolden.W, 4, 3);
    private static final Tensor W4 = Tensor.of(RegularizationGolden.W4, 3, 3, 2, 4);

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private record Case(Constraint constraint, Tensor on, float[] expected, String config) {
    }

    private static List<Case> cases() {
        return List.of(
                new Case(new MaxNorm(), W, RegularizationGolden.MAX_NORM, RegularizationGolden.MAX_NORM_CONFIG),
                new Case(new MaxNorm(1.5, 1), W, RegularizationGolden.MAX_NORM_1_5_AXIS_1,
                        RegularizationGolden.MAX_NORM_1_5_AXIS_1_CONFIG),
                new Case(new MaxNorm(1.0).axis(), W, RegularizationGolden.MAX_NORM_ALL,
                        RegularizationGolden.MAX_NORM_ALL_CONFIG),
                new Case(new MaxNorm(0.8).axis(0, 1, 2), W4, RegularizationGolden.MAX_NORM_CONV,
                        RegularizationGolden.MAX_NORM_CONV_CONFIG),
                new Case(new MinMaxNorm(), W, RegularizationGolden.MIN_MAX_NORM,
                        RegularizationGolden.MIN_MAX_NORM_CONFIG),
                new Case(new MinMaxNorm(0.5, 1.5, 0.7, 1), W, RegularizationGolden.MIN_MAX_NORM_RATE,
                        RegularizationGolden.MIN_MAX_NORM_RATE_CONFIG),
                new Case(new MinMaxNorm(1.0, 2.0).axis(0, 1, 2), W4, RegularizationGolden.MIN_MAX_NORM_CONV,
                        RegularizationGolden.MIN_MAX_NORM_CONV_CONFIG),
                new Case(new NonNeg(), W, RegularizationGolden.NON_NEG, RegularizationGolden.NON_NEG_CONFIG),
                new Case(new UnitNorm(), W, RegularizationGolden.UNIT_NORM, RegularizationGolden.UNIT_NORM_CONFIG),
                new Case(new UnitNorm(1), W, RegularizationGolden.UNIT_NORM_AXIS_1,
                        RegularizationGolden.UNIT_NORM_AXIS_1_CONFIG),
                new Case(new UnitNorm().axis(0, 1, 2), W4, RegularizationGolden.UNIT_NORM_CONV,
                        RegularizationGolden.UNIT_NORM_CONV_CONFIG));
    }

    @Test
    void valuesMatchKeras() {
        for (Case c : cases()) {
            float[] got = c.constraint().apply(c.on()).toFloatArray();
            LayerChecks.assertClose(got, c.expected(), 2e-6, 1e-7);
        }
        // The zero column of W stays zero (the epsilon keeps 0 / 0 away), not NaN.
        Tensor unit = new UnitNorm().apply(W);
        for (int r = 0; r < 4; r++) {
            assertThat(unit.get(r, 1)).isZero();
        }
    }

    @Test
    void savedFormIsKerassAndLoadsBack() {
        for (Case c : cases()) {
            Map<String, Object> saved = Constraints.serialize(c.constraint());
            ActivationLayerChecks.assertConfigIsKeras(saved, c.config());
            Constraint back = Constraints.deserialize(KerasConfig.parseJson(c.config()));
            assertThat(back).isExactlyInstanceOf(c.constraint().getClass());
            assertThat(KerasConfig.toJson(Constraints.serialize(back))).isEqualTo(KerasConfig.toJson(saved));
            assertThat(back.apply(c.on()).toFloatArray()).containsExactly(c.constraint().apply(c.on()).toFloatArray());
        }
        assertThat(Constraints.serialize(null)).isNull();
        assertThat(Constraints.deserialize(null)).isNull();
        // A key the class does not take, and a class Strata lacks, fail naming what.
        assertThatThrownBy(() -> Constraints.deserialize(Map.of("class_name", "MaxNorm", "config",
                Map.of("max_value", 2, "norm", 1)))).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("unknown key [norm]");
        assertThatThrownBy(() -> Constraints.deserialize(Map.of("class_name", "RadialConstraint", "config", Map.of())))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("RadialConstraint");
    }

    @Test
    void namesResolveAsKerasGetDoes() {
        assertThat(Constraints.get("max_norm")).isInstanceOf(MaxNorm.class);
        assertThat(Constraints.get("MaxNorm")).isInstanceOf(MaxNorm.class);
        assertThat(Constraints.get("min_max_norm")).isInstanceOf(MinMaxNorm.class);
        assertThat(Constraints.get("non_neg")).isInstanceOf(NonNeg.class);
        assertThat(Constraints.get("NonNeg")).isInstanceOf(NonNeg.class);
        assertThat(Constraints.get("unit_norm")).isInstanceOf(UnitNorm.class);
        assertThat(Constraints.deserialize("max_norm", ConfigContext.DEFAULT)).isInstanceOf(MaxNorm.class);
        assertThat(((MaxNorm) Constraints.get("max_norm")).maxValue()).isEqualTo(2.0);
        assertThatThrownBy(() -> Constraints.get("wiggle")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown constraint 'wiggle'").hasMessageContaining("MaxNorm");
    }

    @Test
    void badArgumentsAndAxesFailClearly() {
        assertThatThrownBy(() -> new MaxNorm(Double.NaN)).hasMessageContaining("MaxNorm: max_value must be a finite");
        assertThatThrownBy(() -> new MaxNorm(2, 2).apply(W)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("MaxNorm(max_value=2, axis=2): axis 2 is out of range for a weight of shape "
                        + "(4, 3)");
    }

    @Test
    void denseConfigWithConstraintsIsKeras() {
        Dense d = new Dense(3).kernelConstraint(new MaxNorm()).biasConstraint("non_neg");
        ActivationLayerChecks.assertConfigIsKeras(d.getConfig(), RegularizationGolden.DENSE_CONSTRAINED_CONFIG);
        Dense back = KerasConfig.fromConfig(Dense.class, d.getConfig(), new dev.strata.saving.LoadOptions());
        assertThat(back.kernelConstraint()).isInstanceOf(MaxNorm.class);
        assertThat(back.biasConstraint()).isInstanceOf(NonNeg.class);
        back.buildForSamples(dev.strata.tensor.Shape.of(4));
        assertThat(back.kernel().constraint()).isSameAs(back.kernelConstraint());
        assertThat(back.bias().constraint()).isSameAs(back.biasConstraint());
    }

    /** Keras's {@code variable.assign(variable.constraint(variable))} after the update, checked on a real step. */
    @Test
    void oneTrainingStepMatchesKeras() {
        Dense dense = new Dense(6).kernelConstraint(new MaxNorm(0.5)).biasConstraint("non_neg");
        GroupNormalization gn = new GroupNormalization(2).gammaConstraint(new MinMaxNorm(0.5, 1.5, 0.8, 0))
                .betaConstraint(new NonNeg());
        Sequential model = new Sequential(new InputLayer(4), dense, gn);
        model.setWeights(List.of(Tensor.of(RegularizationGolden.STEP_KERNEL_BEFORE, 4, 6),
                Tensor.of(RegularizationGolden.STEP_BIAS_BEFORE), Tensor.of(RegularizationGolden.STEP_GAMMA_BEFORE),
                Tensor.of(RegularizationGolden.STEP_BETA_BEFORE)));
        model.compile(new SGD(0.1f), "mse");
        model.trainOnBatch(List.of(Tensor.of(RegularizationGolden.STEP_X, 8, 4)),
                List.of(Tensor.of(RegularizationGolden.STEP_Y, 8, 6)));
        LayerChecks.assertClose(dense.kernel().toFloatArray(), RegularizationGolden.STEP_KERNEL_AFTER, 1e-5, 1e-6);
        LayerChecks.assertClose(dense.bias().toFloatArray(), RegularizationGolden.STEP_BIAS_AFTER, 1e-5, 1e-6);
        LayerChecks.assertClose(gn.gamma().toFloatArray(), RegularizationGolden.STEP_GAMMA_AFTER, 1e-5, 1e-6);
        LayerChecks.assertClose(gn.beta().toFloatArray(), RegularizationGolden.STEP_BETA_AFTER, 1e-5, 1e-6);
        // The constraint held: every kernel column's norm is at most 0.5, the bias and beta non-negative.
        Tensor norms = Ops.sqrt(Ops.sum(Ops.square(dense.kernel()), 0));
        for (float n : norms.toFloatArray()) {
            assertThat(n).isLessThanOrEqualTo(0.5f + 1e-6f);
        }
    }

    @Test
    void optimizersApplyAVariablesConstraintOnlyToUpdatedVariables() {
        AtomicInteger calls = new AtomicInteger();
        UnaryOperator<Tensor> clip = w -> {
            calls.incrementAndGet();
            return Ops.clip(w, -1f, 1f);
        };
        Variable a = new Variable(Tensor.of(new float[] {0.9f, -0.9f}), "a", true);
        Variable b = new Variable(Tensor.of(new float[] {0.5f}), "b", true);
        a.setConstraint(clip);
        b.setConstraint(clip);
        Adam adam = new Adam(1f);
        adam.apply(java.util.Arrays.asList(Tensor.of(new float[] {-1f, 1f}), null), List.of(a, b));
        assertThat(a.toFloatArray()).containsExactly(1f, -1f); // Adam's first step moves by lr = 1, then clipped
        assertThat(b.toFloatArray()).containsExactly(0.5f); // no gradient: no update, no constraint (as Keras)
        assertThat(calls.get()).isEqualTo(1);
        // A constraint that returns the wrong shape is named.
        a.setConstraint(w -> Tensor.ones(3));
        assertThatThrownBy(() -> adam.apply(List.of(Tensor.of(new float[] {1f, 1f}), Tensor.of(new float[] {1f})),
                List.of(a, b))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("of variable 'a' (2,) returned shape (3,)");
    }
}

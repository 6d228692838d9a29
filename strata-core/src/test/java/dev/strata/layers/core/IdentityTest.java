package dev.strata.layers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.KerasConfigException;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.layers.activations.ActivationLayerGolden;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identity: its input unchanged, a node of its own in a graph, Keras's config, use in models. */
class IdentityTest {
    private static final Tensor X = Tensor.of(ActivationLayerGolden.SOFTMAX_X, 2, 3, 4);

    /** The layer contract cases (see {@code LayerContractTest}). */
    static List<LayerCase> contractCases() {
        return List.of(LayerCase.of(Identity::new, Shape.of(2, 3))
                .skip(Check.WRONG_RANK, "it takes any input, as Keras's Identity"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void returnsItsInput() {
        Identity id = new Identity();
        assertThat(id.apply(X).toFloatArray()).containsExactly(ActivationLayerGolden.IDENTITY_Y);
        assertThat(id.apply(Tensor.ones(7)).shape()).as("any rank").isEqualTo(Shape.of(7));
        assertThat(id.countParams()).isZero();
        assertThat(id.getBuildConfig()).isNull();
        ActivationLayerChecks.assertSymbolicShapeIsEager(Identity::new, X);
    }

    @Test
    void gradientPassesThrough() {
        Identity id = new Identity();
        // Inside another op: tape.gradient(x, x) alone, before any op class has loaded, hits the tape's known
        // NullPointerException (issue 10, item 4, fixed in the upper lane).
        GradientCheck.check(xs -> Ops.multiply(id.apply(Ops.square(xs.get(0))), 3f),
                GradientCheck.random(1, Shape.of(2, 3), -1, 1));
    }

    @Test
    void isANodeOfItsOwnInAGraph() {
        Tensor in = Input.of(3, 4);
        Identity id = new Identity().named("skip");
        Model m = Model.of(in, new Dense(2).apply(id.apply(in)));
        assertThat(m.layers()).contains(id);
        assertThat(m.getLayer("skip")).isSameAs(id);
    }

    @Test
    void configIsKerasAndRoundTrips() {
        ActivationLayerChecks.assertConfigIsKeras(new Identity().getConfig(), ActivationLayerGolden.IDENTITY_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(new Identity().named("id"), X);
        assertThatThrownBy(() -> KerasConfig.fromConfig(Identity.class, Map.of("axis", 1), new LoadOptions()))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("unknown key [axis]");
    }

    @Test
    void worksInEveryKindOfModelAndSavesAndLoads(@TempDir Path dir) {
        ActivationLayerChecks.assertWorksInModels(Identity::new, X, dir);
    }
}

package dev.strata.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.initializers.Initializers;
import dev.strata.layers.LayerContract.Check;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in layer, found by its existing (not listed here), honours the {@linkplain LayerContract layer
 * contract} on the cases its own test class gives ({@code static List<LayerCase> contractCases()} in
 * {@code dev.strata.layers.<family>.<Name>Test}). A new layer is its main file plus its test: this test fails, naming
 * the file to add the cases to, until the test gives them.
 */
class LayerContractTest {

    @TestFactory
    Stream<DynamicNode> everyBuiltInLayerHonoursTheContract() {
        List<DynamicNode> layers = new ArrayList<>();
        for (Class<? extends Layer> type : LayerContract.builtInLayers()) {
            List<LayerCase> cases;
            try {
                cases = LayerContract.casesOf(type);
            } catch (AssertionError missing) {
                layers.add(DynamicTest.dynamicTest(type.getSimpleName(), () -> {
                    throw missing;
                }));
                continue;
            }
            List<DynamicNode> perCase = new ArrayList<>();
            for (LayerCase c : cases) {
                List<DynamicNode> checks = new ArrayList<>();
                for (Check check : Check.values()) {
                    if (c.skipReason(check) == null) {
                        checks.add(DynamicTest.dynamicTest(check.name(), () -> LayerContract.run(check, type, c)));
                    }
                }
                perCase.add(DynamicContainer.dynamicContainer(c.toString(), checks));
            }
            layers.add(DynamicContainer.dynamicContainer(type.getSimpleName(), perCase));
        }
        return layers.stream();
    }

    @Test
    void discoveryFindsTheBuiltInLayersWithoutAList() {
        List<String> names = LayerContract.builtInLayers().stream().map(Class::getSimpleName).toList();
        assertThat(names).contains("Dense", "Activation", "Lambda", "InputLayer", "Dropout", "Flatten", "Reshape",
                "Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "BatchNormalization",
                "LayerNormalization", "Normalization");
        assertThat(names).doesNotContain("Layer", "Merge"); // abstract
    }

    /** A layer with no test class, standing for a new layer whose author has not written its test yet. */
    public static final class Orphan extends Layer {
        @Override
        protected Tensor call(Tensor x) {
            return x;
        }
    }

    @Test
    void aLayerWithoutCasesFailsNamingTheFileToAddThemTo() {
        assertThatThrownBy(() -> LayerContract.casesOf(Orphan.class)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Orphan has no contract cases: add `static List<LayerCase> contractCases()` to "
                        + "dev.strata.layers.OrphanTest");
    }

    // ---- the checks catch what they are for ----------------------------------------------------------------------

    /** Claims a traced shape that its call does not give. */
    public static final class WrongTracedShape extends Layer {
        @Override
        protected Tensor call(Tensor x) {
            return x;
        }

        @Override
        protected Shape computeOutputShape(Shape inputShape) {
            return inputShape.withDim(-1, inputShape.get(-1) + 1);
        }
    }

    @Test
    void tracedShapesThatDisagreeWithEagerOnesFail() {
        assertThatThrownBy(() -> LayerContract.run(Check.SHAPES, WrongTracedShape.class,
                LayerCase.of(WrongTracedShape::new, Shape.of(3)))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("traced (None, 4), eager (4, 3)");
    }

    /** Its tape gradient is twice the true one (a stop-gradient trick), which finite differences see. */
    public static final class WrongGradient extends Layer {
        private Variable scale;

        @Override
        protected void build(Shape inputShape) {
            scale = addWeight("scale", Shape.of(inputShape.get(-1)), Initializers.ones(), true);
        }

        @Override
        protected Tensor call(Tensor x) {
            Tensor y = Ops.multiply(x, scale);
            return Ops.subtract(Ops.multiply(y, 2f), Ops.stopGradient(y)); // value y, gradient 2y'
        }
    }

    @Test
    void wrongGradientsFail() {
        assertThatThrownBy(() -> LayerContract.run(Check.GRADIENTS, WrongGradient.class,
                LayerCase.of(WrongGradient::new, Shape.of(3)))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("tape says");
    }

    /** Refuses nothing: a rank it cannot use goes through (or fails without naming the shapes). */
    public static final class Lenient extends Layer {
        @Override
        protected Tensor call(Tensor x) {
            return Ops.sum(x, -1);
        }
    }

    @Test
    void aWrongRankThatIsNotReportedFails() {
        assertThatThrownBy(() -> LayerContract.run(Check.WRONG_RANK, Lenient.class,
                LayerCase.of(Lenient::new, Shape.of(3)).wrongRank(Shape.of(4)))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> LayerContract.run(Check.WRONG_RANK, Lenient.class,
                LayerCase.of(Lenient::new, Shape.of(3)))).hasMessageContaining("declare wrongRank(...) inputs");
    }

    /** Forgets its argument in its config, so from-config gives another layer. */
    public static final class ForgetfulConfig extends Layer {
        private final transient int factor;

        public ForgetfulConfig() {
            this(1);
        }

        public ForgetfulConfig(int factor) {
            this.factor = factor;
        }

        @Override
        protected Tensor call(Tensor x) {
            return Ops.multiply(x, (float) factor);
        }

        @Override
        public java.util.Map<String, Object> getConfig() {
            java.util.Map<String, Object> config = new java.util.LinkedHashMap<>(super.getConfig());
            config.put("factor", factor);
            return config;
        }

        public static ForgetfulConfig fromConfig(java.util.Map<String, Object> config) {
            return new ForgetfulConfig();
        }
    }

    @Test
    void aConfigThatDoesNotRoundTripFails() {
        assertThatThrownBy(() -> LayerContract.run(Check.CONFIG, ForgetfulConfig.class,
                LayerCase.of(() -> new ForgetfulConfig(3), Shape.of(2)))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("factor");
    }

    @Test
    void casesMakeLayersOfTheirOwnClass() {
        assertThatThrownBy(() -> LayerContract.run(Check.SHAPES, Orphan.class,
                LayerCase.of(Lenient::new, Shape.of(3)))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the class of the layer made by a contract case of Orphan");
    }
}

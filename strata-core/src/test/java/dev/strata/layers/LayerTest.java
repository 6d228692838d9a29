package dev.strata.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.initializers.Initializers;
import dev.strata.layers.core.Dense;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LayerTest {

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(9);
    }

    /** A custom layer written with the same protected API as the library's. */
    static final class Scale extends Layer {
        private Variable factor;

        @Override
        protected void build(Shape inputShape) {
            factor = addWeight("factor", Shape.of(inputShape.get(-1)), Initializers.ones(), true);
        }

        @Override
        protected Tensor call(Tensor x) {
            return Ops.multiply(x, factor);
        }
    }

    /** Sublayers in a list, an array, a map, a lambda (tracked explicitly) and a plain variable field. */
    static final class Containers extends Layer {
        private final List<Dense> blocks = List.of(new Dense(2), new Dense(2));
        private final Dense[] heads = {new Dense(1)};
        private final Map<String, Dense> byName = new LinkedHashMap<>(Map.of("extra", new Dense(2)));
        private final transient Dense ignored = new Dense(7);
        private final Supplier<Dense> hidden;
        private final Variable temperature = new Variable(Tensor.scalar(1f), "temperature", false);

        Containers() {
            Dense inLambda = track(new Dense(2));
            hidden = () -> inLambda;
        }

        @Override
        protected Tensor call(Tensor x) {
            Tensor h = x;
            for (Dense d : blocks) {
                h = d.apply(h);
            }
            h = Ops.add(byName.get("extra").apply(h), hidden.get().apply(h));
            return Ops.multiply(heads[0].apply(h), temperature);
        }
    }

    @Test
    void namesFollowKerasCounters() {
        assertThat(new Dense(1).name()).isEqualTo("dense");
        assertThat(new Dense(1).name()).isEqualTo("dense_1");
        assertThat(new Scale().name()).isEqualTo("scale");
        Dense named = new Dense(1).named("out");
        assertThat(named.name()).isEqualTo("out");
        named.apply(Tensor.ones(1, 3));
        assertThatThrownBy(() -> named.named("other")).hasMessageContaining("already built");
        assertThatThrownBy(() -> new Dense(1).named("a/b")).hasMessageContaining("no '/'");
    }

    @Test
    void customLayersBuildOnFirstCallAndLockTheirState() {
        Scale scale = new Scale();
        assertThat(scale.isBuilt()).isFalse();
        Tensor y = scale.apply(Tensor.of(new float[] {1, 2, 3}, 1, 3));
        assertThat(y.toFloatArray()).containsExactly(1f, 2f, 3f);
        assertThat(scale.weights()).hasSize(1);
        assertThat(scale.buildInputShapes()).containsExactly(Shape.of(Shape.UNKNOWN, 3));
        assertThat(scale.countParams()).isEqualTo(3);
    }

    @Test
    void containersAreTrackedAndNamedAfterTheirFields() {
        Containers c = new Containers();
        c.apply(Tensor.ones(4, 3));
        assertThat(c.layersTracked()).extracting(Layer::name)
                .containsExactly("blocks_0", "blocks_1", "heads_0", "by_name_extra", "dense_5"); // track() keeps its auto name
        assertThat(c.layersByAttribute()).containsKeys("blocks[0]", "heads[0]", "byName[extra]", "tracked[0]");
        assertThat(c.weights()).extracting(Variable::name).contains("temperature");
        assertThat(c.nonTrainableWeights()).extracting(Variable::name).containsExactly("temperature");
        assertThat(c.trainableWeights()).hasSize(10);
        assertThat(c.layersTracked()).noneMatch(l -> l.name().startsWith("dense_1"));
    }

    @Test
    void freezingMovesWeightsToNonTrainable() {
        Containers c = new Containers();
        c.apply(Tensor.ones(2, 3));
        Layer first = c.layersTracked().getFirst();
        first.setTrainable(false);
        assertThat(c.trainableWeights()).hasSize(8);
        assertThat(c.nonTrainableWeights()).hasSize(3);
        c.setTrainable(false);
        assertThat(c.trainableWeights()).isEmpty();
        assertThat(c.nonTrainableWeights()).hasSize(11);
    }

    @Test
    void buildForSamplesAddsTheBatchAndTheHookSeesItFirst() {
        List<Shape> seen = new ArrayList<>();
        Layer probe = new Layer() {
            @Override
            protected void build(Shape inputShape) {
                seen.add(inputShape);
            }

            @Override
            protected Tensor call(Tensor x) {
                return x;
            }
        };
        probe.buildForSamples(Shape.of(8));
        assertThat(seen).containsExactly(Shape.of(Shape.UNKNOWN, 8)); // Keras's build(input_shape): batch first
        assertThat(probe.isBuilt()).isTrue();
        // In the base's own package (where the protected hook is visible) Dense builds the same way, unguarded.
        Dense d = new Dense(30);
        d.buildForSamples(Shape.of(8));
        assertThat(d.isBuilt()).isTrue();
        assertThat(d.kernel().shape()).isEqualTo(Shape.of(8, 30));
        assertThat(d.buildInputShapes()).containsExactly(Shape.of(Shape.UNKNOWN, 8));
        assertThatThrownBy(() -> new Dense(1).buildForSamples()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buildForSamples: give the shape of each input's samples");
    }

    @Test
    void getAndSetWeightsCheckCountsAndShapes() {
        Dense d = new Dense(2);
        d.buildForSamples(Shape.of(3));
        List<Tensor> w = d.getWeights();
        assertThat(w).extracting(Tensor::shape).containsExactly(Shape.of(3, 2), Shape.of(2));
        List<Tensor> zeros = new ArrayList<>(List.of(Tensor.zeros(3, 2), Tensor.ones(2)));
        d.setWeights(zeros);
        assertThat(d.bias().toFloatArray()).containsExactly(1f, 1f);
        assertThatThrownBy(() -> d.setWeights(List.of(Tensor.zeros(3, 2)))).hasMessageContaining("expected 2 values, got 1");
        assertThatThrownBy(() -> d.setWeights(List.of(Tensor.zeros(2, 3), Tensor.ones(2))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("weight 0 ('kernel') has shape (3, 2)");
        assertThat(d.bias().toFloatArray()).containsExactly(1f, 1f); // unchanged after the failed set
    }

    @Test
    void weightsCannotBeAddedAfterBuild() {
        Layer late = new Layer() {
            @Override
            protected Tensor call(Tensor x) {
                addWeight("late", Shape.of(1), Initializers.zeros(), true);
                return x;
            }
        };
        assertThatThrownBy(() -> late.apply(Tensor.ones(1, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot add weight 'late' after it is built");
    }

    @Test
    void theTrainingFlagReachesCall() {
        List<Boolean> seen = new ArrayList<>();
        Layer probe = new Layer() {
            @Override
            protected Tensor call(Tensor x) {
                seen.add(training());
                return x;
            }
        };
        probe.apply(Tensor.ones(1, 1));
        probe.apply(Tensor.ones(1, 1), true);
        probe.apply(Tensor.ones(1, 1), false);
        assertThat(seen).containsExactly(false, true, false);
    }

    @Test
    void addLossCollectsPerCall() {
        Layer penalized = new Layer() {
            @Override
            protected Tensor call(Tensor x) {
                addLoss(Ops.sum(x));
                return x;
            }
        };
        penalized.apply(Tensor.ones(2, 2));
        penalized.apply(Tensor.ones(1, 2));
        assertThat(penalized.losses()).hasSize(1);
        assertThat(penalized.losses().getFirst().item()).isEqualTo(2f);
    }

    @Test
    void aLayerWithoutCallSaysSo() {
        Layer empty = new Layer() {
        };
        assertThatThrownBy(() -> empty.apply(Tensor.ones(1, 1))).hasMessageContaining("overrides neither call(Tensor)");
    }

    // ---- computeOutputShape ----------------------------------------------------------------------------------

    /**
     * Sums over a time axis with a Java loop over the steps, as a recurrent layer does: on a symbolic input whose
     * time axis is unknown the loop cannot run, so the layer gives its shape through computeOutputShape.
     */
    static final class SumOverTime extends Layer {
        int calls;

        @Override
        protected Tensor call(Tensor x) {
            calls++;
            Tensor h = Ops.take(x, new int[] {0}, 1);
            for (int t = 1; t < x.shape().get(1); t++) {
                h = Ops.add(h, Ops.take(x, new int[] {t}, 1));
            }
            return Ops.reshape(h, x.shape().get(0), x.shape().get(2));
        }

        @Override
        protected Shape computeOutputShape(Shape inputShape) {
            if (inputShape.rank() != 3) {
                throw new ShapeException("expected (batch, time, features), got " + inputShape);
            }
            return Shape.of(inputShape.get(0), inputShape.get(2));
        }
    }

    @Test
    void computeOutputShapeStandsInForCallOnSymbolicInputs() {
        SumOverTime layer = new SumOverTime();
        Tensor x = dev.strata.graph.Graph.input(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 4), "sequence");
        Tensor y = layer.apply(x);
        assertThat(y.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 4));
        assertThat(layer.calls).as("call is not run on symbolic inputs").isZero();
        // One node, this layer's own, straight on the input: no second node recorded from inside call.
        dev.strata.graph.Node node = dev.strata.graph.Graph.producer((dev.strata.tensor.SymbolicTensor) y).orElseThrow();
        assertThat(node.operation()).isSameAs(layer);
        assertThat(node.inputs()).containsExactly(x);
        // Real data runs call, with the same shape as the hook gave (batch now known).
        Tensor out = layer.apply(Tensor.ones(2, 3, 4));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 4));
        assertThat(out.toFloatArray()).containsOnly(3f);
        assertThat(layer.calls).isEqualTo(1);
    }

    @Test
    void computeOutputShapeErrorsNameTheLayerAndSayTheyWereFoundWhileTracing() {
        Tensor x = dev.strata.graph.Graph.input(Shape.of(Shape.UNKNOWN, 4), "flat");
        assertThatThrownBy(() -> new SumOverTime().apply(x)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'sum_over_time' (SumOverTime): expected (batch, time, features), got "
                        + "(None, 4)")
                .hasMessageContaining("(found while tracing, before any data)");
    }

    /** Splits its input's features in two halves: several outputs, so the List form of the hook. */
    static final class Halves extends Layer {
        @Override
        protected dev.strata.tensor.Tensors call(dev.strata.tensor.Tensors inputs) {
            Tensor x = inputs.get(0);
            int half = x.shape().get(1) / 2;
            return dev.strata.tensor.Tensors.of(Ops.slice(x, new int[] {0, 0}, new int[] {-1, half}),
                    Ops.slice(x, new int[] {0, half}, new int[] {-1, half}));
        }

        @Override
        protected List<Shape> computeOutputShape(List<Shape> inputShapes) {
            Shape in = inputShapes.getFirst();
            Shape half = Shape.of(in.get(0), in.get(1) == Shape.UNKNOWN ? Shape.UNKNOWN : in.get(1) / 2);
            return List.of(half, half);
        }
    }

    @Test
    void theListFormGivesOneShapePerOutput() {
        Halves halves = new Halves();
        dev.strata.tensor.Tensors out = halves.apply(List.of(
                dev.strata.graph.Graph.input(Shape.of(Shape.UNKNOWN, 6), "x")));
        assertThat(out).extracting(Tensor::shape).containsExactly(Shape.of(Shape.UNKNOWN, 3),
                Shape.of(Shape.UNKNOWN, 3));
        assertThat(halves.apply(List.of(Tensor.ones(2, 6)))).extracting(Tensor::shape)
                .containsExactly(Shape.of(2, 3), Shape.of(2, 3));
    }

    @Test
    void aHookThatGivesNoShapeOrTheWrongFormSaysSo() {
        Layer nothing = new Layer() {
            @Override
            protected Tensor call(Tensor x) {
                return x;
            }

            @Override
            protected Shape computeOutputShape(Shape inputShape) {
                return null;
            }
        };
        Tensor x = dev.strata.graph.Graph.input(Shape.of(Shape.UNKNOWN, 2), "x");
        assertThatThrownBy(() -> nothing.apply(x)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".computeOutputShape returned [null] for input shapes [(None, 2)]");
        Layer single = new Layer() {
            @Override
            protected dev.strata.tensor.Tensors call(dev.strata.tensor.Tensors xs) {
                return xs;
            }

            @Override
            protected Shape computeOutputShape(Shape inputShape) {
                return inputShape;
            }
        };
        assertThatThrownBy(() -> single.apply(List.of(x, x))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("takes 2 inputs but overrides only computeOutputShape(Shape)");
    }
}

package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.TracingException;
import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerShapeException;
import dev.strata.layers.core.Dense;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subclassed models without the seed's costs: traced before data, summarized with connections, convertible. */
class TracingTest {

    /** The seed's model, transliterated. */
    static final class WideAndDeepModel extends Model {
        private final Dense hidden1 = new Dense(30, "relu");
        private final Dense hidden2 = new Dense(30, "relu");
        private final Dense mainOutput = new Dense(1);
        private final Dense auxOutput = new Dense(1);

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor inputA = inputs.get(0);
            Tensor inputB = inputs.get(1);
            Tensor h1 = hidden1.apply(inputB);
            Tensor h2 = hidden2.apply(h1);
            Tensor concat = Ops.concatenate(List.of(inputA, h2), -1);
            return Tensors.of(mainOutput.apply(concat), auxOutput.apply(h2));
        }
    }

    /** A residual MLP whose depth is a constructor argument: a loop over a list of layers. */
    static final class ResidualMlp extends Model {
        private final Dense project;
        private final List<Dense> blocks = new ArrayList<>();
        private final Dense head = new Dense(1);

        ResidualMlp(int width, int depth) {
            project = new Dense(width, "relu");
            for (int i = 0; i < depth; i++) {
                blocks.add(new Dense(width, "relu"));
            }
        }

        @Override
        protected Tensor call(Tensor x) {
            Tensor h = project.apply(x);
            for (Dense block : blocks) {
                h = Ops.add(h, block.apply(h));
            }
            return head.apply(h);
        }
    }

    /** Misuses one layer on two tensors of different widths: found while tracing. */
    static final class Miswired extends Model {
        private final Dense hidden = new Dense(30, "relu");
        private final Dense mainOutput = new Dense(1);

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor h = hidden.apply(inputs.get(1));
            Tensor main = mainOutput.apply(Ops.concatenate(List.of(inputs.get(0), h), -1));
            Tensor aux = mainOutput.apply(h); // built for 35 features, given 30
            return Tensors.of(main, aux);
        }
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(5);
    }

    @Test
    void subclassedSummaryShowsConnections() {
        WideAndDeepModel model = new WideAndDeepModel();
        model.buildForSamples(Shape.of(5), Shape.of(6));
        StringBuilder out = new StringBuilder();
        model.summary(76, out::append);
        assertThat(out.toString()).isEqualTo("""
                Model: "wide_and_deep_model"
                ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
                ┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
                ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
                │ input_layer_1       │ (None, 6)         │          0 │ -                 │
                │ (InputLayer)        │                   │            │                   │
                ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
                │ hidden1 (Dense)     │ (None, 30)        │        210 │ input_layer_1[0][ │
                │                     │                   │            │ 0]                │
                ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
                │ input_layer         │ (None, 5)         │          0 │ -                 │
                │ (InputLayer)        │                   │            │                   │
                ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
                │ hidden2 (Dense)     │ (None, 30)        │        930 │ hidden1[0][0]     │
                ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
                │ concatenate         │ (None, 35)        │          0 │ input_layer[0][0] │
                │ (Concatenate)       │                   │            │ , hidden2[0][0]   │
                ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
                │ main_output (Dense) │ (None, 1)         │         36 │ concatenate[0][0] │
                ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
                │ aux_output (Dense)  │ (None, 1)         │         31 │ hidden2[0][0]     │
                └─────────────────────┴───────────────────┴────────────┴───────────────────┘
                 Total params: 1,207 (4.71 KB)
                 Trainable params: 1,207 (4.71 KB)
                 Non-trainable params: 0 (0.00 B)
                """);
    }

    @Test
    void tracedGraphMatchesTheFunctionalTwinNodeForNode() {
        WideAndDeepModel sub = new WideAndDeepModel();
        sub.buildForSamples(Shape.of(5), Shape.of(6));
        Tensor a = Input.of("input_layer", 5);
        Tensor b = Input.of("input_layer_1", 6);
        List<Layer> ls = sub.layers();
        Tensor h2 = ls.get(1).apply(ls.get(0).apply(b));
        Model functional = Model.of(List.of(a, b),
                List.of(ls.get(2).apply(Ops.concatenate(List.of(a, h2), -1)), ls.get(3).apply(h2)));
        assertThat(describe(sub.toFunctional())).isEqualTo(describe(functional));
        assertThat(describe(functional)).containsExactly(
                "hidden1 <- input_layer_1", "hidden2 <- hidden1", "concatenate <- input_layer, hidden2",
                "main_output <- concatenate", "aux_output <- hidden2");
    }

    @Test
    void sequentialTraceMatchesItsFunctionalTwinNodeForNode() {
        Sequential seq = new Sequential(new dev.strata.layers.core.InputLayer(8), new Dense(4, "relu"), new Dense(1));
        Tensor in = Input.of("input_layer", 8);
        Model twin = Model.of(in, seq.layers().get(1).apply(seq.layers().get(0).apply(in)));
        assertThat(describe(seq)).isEqualTo(describe(twin)).containsExactly("dense <- input_layer", "dense_1 <- dense");
        assertThat(describe(seq.toFunctional())).isEqualTo(describe(twin));
    }

    @Test
    void toFunctionalSharesWeightsAndGivesIdenticalOutputs() {
        WideAndDeepModel sub = new WideAndDeepModel();
        sub.buildForSamples(Shape.of(5), Shape.of(6));
        Model functional = sub.toFunctional();
        List<Tensor> x = List.of(Tensor.normal(Shape.of(7, 5), 0, 1), Tensor.normal(Shape.of(7, 6), 0, 1));
        Tensors expected = sub.apply(x);
        Tensors actual = functional.apply(x);
        for (int i = 0; i < 2; i++) {
            assertThat(actual.get(i).toFloatArray()).containsExactly(expected.get(i).toFloatArray());
        }
        assertThat(functional.weights()).containsExactlyInAnyOrderElementsOf(sub.weights());
        assertThat(functional.outputNames()).containsExactly("main_output", "aux_output");
    }

    @Test
    void loopsOverConfigurationTraceAndOneTraceServesEveryBatchSize() {
        ResidualMlp model = new ResidualMlp(16, 3);
        model.buildForSamples(Shape.of(8));
        assertThat(model.layers()).extracting(Layer::name)
                .containsExactly("project", "blocks_0", "blocks_1", "blocks_2", "head");
        assertThat(model.trace().nodes()).hasSize(1 + 3 * 2 + 1); // project, 3 x (dense, add), head
        assertThat(model.trace().outputs().getFirst().shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 1));
        Model twin = model.toFunctional();
        for (int batch : new int[] {1, 5, 64}) {
            Tensor x = Tensor.normal(Shape.of(batch, 8), 0, 1);
            assertThat(twin.apply(x).toFloatArray()).containsExactly(model.apply(x).toFloatArray());
        }
    }

    @Test
    void shapeErrorsNameTheLayerPathBothShapesAndTheUsersLine() {
        Miswired model = new Miswired();
        assertThatThrownBy(() -> model.buildForSamples(Shape.of(5), Shape.of(6)))
                .isInstanceOf(LayerShapeException.class)
                .hasMessageStartingWith("Miswired.mainOutput (Dense 'main_output'): ")
                .hasMessageContaining("expected rank >= 2 with last axis 35")
                .hasMessageContaining("received shape (None, 30)")
                .hasMessageContaining("found while tracing, before any data")
                .hasMessageContaining("at " + Miswired.class.getName() + ".call(TracingTest.java:");
        LayerShapeException e = org.assertj.core.api.Assertions.catchThrowableOfType(LayerShapeException.class,
                () -> new Miswired().buildForSamples(Shape.of(5), Shape.of(6)));
        assertThat(e.layerPath()).isEqualTo("Miswired.mainOutput");
    }

    @Test
    void opErrorsInsideCallAreAttributedToTheModel() {
        Model bad = new Model() {
            private final Dense d = new Dense(3);

            @Override
            protected Tensors call(Tensors inputs) {
                return Tensors.of(Ops.add(inputs.get(0), d.apply(inputs.get(1)))); // (None, 5) + (None, 3)
            }
        };
        assertThatThrownBy(() -> bad.buildForSamples(Shape.of(5), Shape.of(6)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("add: shapes (None, 5) and (None, 3) cannot be broadcast together")
                .hasMessageContaining("TracingTest");
    }

    @Test
    void valueDependentControlFlowSaysWhere() {
        TrainingOptionsTest.ValueDependent model = new TrainingOptionsTest.ValueDependent();
        assertThatThrownBy(() -> model.buildForSamples(Shape.of(2)))
                .isInstanceOf(TracingException.class)
                .hasMessageContaining("cannot read item() of a symbolic tensor")
                .hasMessageContaining("ValueDependent.call(TrainingOptionsTest.java:");
        assertThatThrownBy(model::toFunctional).isInstanceOf(IllegalStateException.class);
    }

    /** "layer <- its inputs' producers" for each node, in graph order. */
    private static List<String> describe(Model model) {
        List<String> out = new ArrayList<>();
        for (Node n : model.trace().nodes()) {
            List<String> ins = new ArrayList<>();
            for (Tensor t : n.inputs()) {
                Graph.producer((SymbolicTensor) t).ifPresent(p -> ins.add(p.operation().name()));
            }
            out.add(n.operation().name() + " <- " + String.join(", ", ins));
        }
        return out;
    }
}

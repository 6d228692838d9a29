package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.losses.Losses;
import dev.strata.ops.Ops;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.ProgbarLogger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(11);
    }

    @Test
    void verboseTwoPrintsOneLinePerEpoch() {
        Model model = new Sequential(new InputLayer(2), new Dense(1));
        model.compile("sgd", "mse");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        model.fit(Tensor.ones(64, 2), Tensor.ones(64, 1), new FitOptions().epochs(2).verbose(2)
                .validationSplit(0.25).callbacks(new ProgbarLogger(out, false)));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("Epoch 1/2");
        assertThat(lines.get(1)).matches("2/2 - 0s - \\d+(us|ms)/step - loss: \\d\\.\\d{4}(e-\\d\\d)? - val_loss: \\d\\.\\d{4}(e-\\d\\d)?");
    }

    /** A custom training step with GradientTape and optimizer.apply, as Keras's custom loops. */
    @Test
    void customTrainingLoop() {
        Dense layer = new Dense(1);
        Tensor x = Tensor.normal(Shape.of(64, 3), 0, 1);
        Tensor y = Ops.matmul(x, Tensor.of(new float[] {1, 2, 3}, 3, 1));
        SGD sgd = new SGD(0.1f);
        var loss = Losses.get("mse");
        double first = 0;
        double last = 0;
        for (int step = 0; step < 100; step++) {
            Tensor value;
            List<Tensor> grads;
            try (GradientTape tape = GradientTape.record()) {
                value = loss.apply(y, layer.apply(x));
                grads = tape.gradient(value, layer.trainableWeights());
            }
            sgd.apply(grads, layer.trainableWeights());
            if (step == 0) {
                first = value.item();
            }
            last = value.item();
        }
        assertThat(last).isLessThan(first / 1000);
        assertThat(layer.kernel().toFloatArray()).containsExactly(new float[] {1, 2, 3}, within(1e-2f));
    }

    @Test
    void sampleWeightsScaleTheLossAsKerasDoes() {
        Model model = new Sequential(new InputLayer(1), new Dense(1).kernelInitializer("zeros"));
        model.compile(new SGD(0f), "mse");
        Tensor x = Tensor.zeros(3, 1);
        Tensor y = Tensor.of(new float[] {0.5f, 1f, 2f}, 3, 1); // per-sample squared errors 0.25, 1, 4
        Map<String, Double> weighted = model.evaluate(List.of(x), List.of(y),
                new EvaluateOptions().verbose(0).sampleWeight(Tensor.of(new float[] {1, 0, 2})));
        // sum_over_batch_size: (0.25 + 0 + 8) / 3, not divided by the weights' sum
        assertThat(weighted.get("loss")).isCloseTo(8.25 / 3, within(1e-6));
    }

    @Test
    void classWeightsBecomeSampleWeights() {
        Model model = new Sequential(new InputLayer(1), new Dense(1).kernelInitializer("zeros"));
        model.compile(new SGD(0f), "mse");
        Tensor x = Tensor.zeros(4, 1);
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        var h = model.fit(x, y, new FitOptions().verbose(0).shuffle(false).classWeight(Map.of(1, 3.0)));
        assertThat(h.get("loss").getFirst()).isCloseTo((0 + 3 + 3 + 0) / 4.0, within(1e-6));
    }

    @Test
    void fitByInputAndOutputName() {
        Tensor a = Input.of("a", 2);
        Tensor b = Input.of("b", 3);
        Tensor out = new Dense(1).named("out").apply(Ops.concatenate(List.of(a, b), -1));
        Model model = Model.of(List.of(a, b), List.of(out));
        model.compile("sgd", "mse");
        var h = model.fit(Map.of("b", Tensor.ones(8, 3), "a", Tensor.ones(8, 2)), Map.of("out", Tensor.ones(8, 1)),
                new FitOptions().verbose(0));
        assertThat(h.keys()).containsExactly("loss");
        assertThat(model.inputNames()).containsExactly("a", "b");
    }

    /** A call whose control flow reads tensor values cannot be traced, but still trains eagerly. */
    static final class ValueDependent extends Model {
        private final Dense small = new Dense(1);
        private final Dense large = new Dense(1);

        @Override
        protected Tensor call(Tensor x) {
            return Ops.mean(x).item() > 0 ? large.apply(x) : small.apply(x);
        }
    }

    @Test
    void untraceableModelsTrainEagerlyAndSayWhy() {
        ValueDependent model = new ValueDependent();
        model.compile("sgd", "mse");
        var h = model.fit(Tensor.ones(16, 2), Tensor.ones(16, 1), new FitOptions().verbose(0).epochs(2));
        assertThat(h.get("loss")).hasSize(2);
        assertThat(model.untraceableReason()).get().asString()
                .contains("cannot read item() of a symbolic tensor")
                .contains(ValueDependent.class.getName().replace('$', '.').substring(0, 10));
        StringBuilder summary = new StringBuilder();
        model.summary(76, summary::append);
        assertThat(summary.toString()).contains("Note: call() could not be traced");
        Tensors p = model.predictOnBatch(List.of(Tensor.ones(2, 2)));
        assertThat(p.get(0).shape()).isEqualTo(Shape.of(2, 1));
    }

    @Test
    void nestedModelsTrainTogether() {
        Sequential inner = new Sequential(new Dense(4, "relu"), new Dense(1));
        Tensor in = Input.of(3);
        Model outer = Model.of(in, inner.apply(in));
        outer.compile(new SGD(0.05f), new CompileOptions().loss("mse"));
        Variable firstKernel = inner.trainableWeights().getFirst();
        float[] before = firstKernel.toFloatArray();
        outer.fit(Tensor.normal(Shape.of(32, 3), 0, 1), Tensor.ones(32, 1), new FitOptions().verbose(0));
        assertThat(firstKernel.toFloatArray()).isNotEqualTo(before);
    }
}

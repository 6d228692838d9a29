package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.config.KerasForms;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.merging.Add;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.layers.normalization.LayerNormalization;
import dev.strata.layers.preprocessing.Normalization;
import dev.strata.layers.regularization.Dropout;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.layers.reshaping.Reshape;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes the configs Strata makes for the three Wide &amp; Deep styles (and a few graphs that exercise more of the
 * format) to {@code target/keras-interop/}, each with its weights, inputs and Strata's outputs, for
 * {@code tools/keras-interop/check_config.py} to load in Python Keras and compare. CI does not run Python; the
 * Java side still checks here that what it writes reads back in Strata.
 */
class InteropExportTest {
    static final Path DIR = Path.of("target", "keras-interop");

    @Test
    void exportConfigsForPythonKeras() throws IOException {
        Strata.setRandomSeed(7);
        Files.createDirectories(DIR);
        Model subclassed = WideAndDeepStyles.subclassed();
        export("wide_deep_functional", WideAndDeepStyles.functional(), List.of(random(4, 5), random(4, 6)));
        export("wide_deep_sequential", WideAndDeepStyles.sequential(), List.of(random(4, 8)));
        export("wide_deep_subclassed", subclassed, List.of(random(4, 5), random(4, 6)));
        export("shared_and_nested", sharedAndNested(), List.of(random(3, 4), random(3, 4)));
        export("ops_graph", opsGraph(), List.of(random(2, 3, 4), random(2, 3, 4)));
        // exp, log, tanh... run on the Vector API's intrinsics once compiled and on its Java fallback before: the two
        // may differ in the last place, and a graph's first run can come before the JIT and its reload after it.
        export("every_op", OpSpecRoundTripTest.everyOp(), List.of(random(2, 3, 4), random(2, 3, 4)), 1);
        export("layers_sequential", layersSequential(), List.of(random(3, 2, 6)));
        assertThat(Files.list(DIR).count()).isGreaterThanOrEqualTo(7);
    }

    private static Tensor random(int... shape) {
        return Tensor.uniform(Shape.of(shape), -1f, 1f);
    }

    private static void export(String name, Model model, List<Tensor> inputs) throws IOException {
        export(name, model, inputs, 0);
    }

    /** Exports the model; its reload must predict the same, to within {@code ulps} units in the last place. */
    private static void export(String name, Model model, List<Tensor> inputs, int ulps) throws IOException {
        Tensors outputs = model.predict(inputs, new PredictOptions());
        Map<String, Object> weights = new LinkedHashMap<>();
        for (Layer l : model.layers()) {
            List<Object> ws = new ArrayList<>();
            for (Tensor w : l.getWeights()) {
                ws.add(KerasForms.nested(w));
            }
            weights.put(l.name(), ws);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("config", KerasConfig.modelToConfig(model));
        doc.put("weights", weights);
        doc.put("inputs", nested(inputs));
        doc.put("outputs", nested(outputs));
        Files.writeString(DIR.resolve(name + ".json"), KerasConfig.toJson(doc), StandardCharsets.UTF_8);
        // What Python will read must read back in Strata too.
        Model back = KerasConfig.modelFromJson(KerasConfig.modelToJson(model));
        RoundTripTest.copyWeightsByName(model, back);
        Tensors again = back.predict(inputs, new PredictOptions());
        for (int i = 0; i < outputs.size(); i++) {
            float[] expected = outputs.get(i).toFloatArray();
            float[] actual = again.get(i).toFloatArray();
            assertThat(actual).as("output %d (%s) of %s", i, model.outputNames().get(i), name).hasSameSizeAs(expected);
            for (int k = 0; k < expected.length; k++) {
                float e = expected[k];
                if (Float.isNaN(e) || Float.isInfinite(e) || ulps == 0) {
                    assertThat(actual[k]).as("output %d (%s) of %s, element %d", i, model.outputNames().get(i), name,
                            k).isEqualTo(e);
                    continue;
                }
                assertThat(actual[k]).as("output %d (%s) of %s, element %d", i, model.outputNames().get(i), name, k)
                        .isCloseTo(e, org.assertj.core.data.Offset.offset(ulps * Math.ulp(e)));
            }
        }
    }

    private static List<Object> nested(List<Tensor> ts) {
        List<Object> out = new ArrayList<>();
        for (Tensor t : ts) {
            out.add(KerasForms.nested(t));
        }
        return out;
    }

    /** A layer shared by two inputs, a Functional model called twice, a Sequential model inside. */
    static Model sharedAndNested() {
        Tensor i = Input.of("i", 4);
        Model inner = Model.of(List.of(i), List.of(new Dense(4, "relu").named("inner_dense").apply(i)), "inner");
        Sequential seq = new Sequential().named("seq");
        seq.add(new InputLayer(4));
        seq.add(new Dense(4).named("seq_dense"));
        Tensor a = Input.of("a", 4);
        Tensor b = Input.of("b", 4);
        Dense shared = new Dense(4).named("shared");
        Tensor z = inner.apply(shared.apply(a));
        Tensor w = inner.apply(shared.apply(b));
        Tensor v = seq.apply(shared.apply(new Add().named("sum").apply(List.of(z, w)).getFirst()));
        return Model.of(List.of(a, b), List.of(v, w), "outer");
    }

    /** keras.ops calls recorded in a graph. */
    static Model opsGraph() {
        Tensor a = Input.of("a", 3, 4);
        Tensor b = Input.of("b", 3, 4);
        List<Tensor> outs = new ArrayList<>();
        outs.add(Ops.add(Ops.multiply(a, 2f), 1f));
        outs.add(Ops.divide(Ops.subtract(a, b), Ops.add(Ops.square(b), 1f)));
        outs.add(Ops.relu(Ops.sigmoid(Ops.tanh(a))));
        outs.add(Ops.sqrt(Ops.log(Ops.add(Ops.exp(Ops.abs(a)), 1f))));
        outs.add(Ops.softmax(a, -1));
        outs.add(Ops.concatenate(List.of(a, b), 1));
        outs.add(Ops.stack(List.of(a, b), 1));
        outs.add(Ops.reshape(a, -1, 12));
        outs.add(Ops.transpose(a, 0, 2, 1));
        outs.add(Ops.squeeze(Ops.expandDims(a, 1), 1));
        outs.add(Ops.sum(a, new int[] {1}, false));
        outs.add(Ops.mean(a, new int[] {1, 2}, true));
        outs.add(Ops.max(a, new int[] {2}, false));
        outs.add(Ops.matmul(a, Ops.transpose(b, 0, 2, 1)));
        outs.add(Ops.clip(a, -0.5f, 0.5f));
        outs.add(Ops.split(a, 2, 2).get(1));
        outs.add(Ops.where(Ops.greater(a, b), a, b));
        outs.add(Ops.leakyRelu(Ops.elu(Ops.gelu(a, false), 0.5f), 0.1f));
        outs.add(Ops.tile(a, 1, 2, 1));
        outs.add(Ops.repeat(a, 2, 1));
        outs.add(Ops.pad(a, new int[][] {{0, 0}, {1, 0}, {0, 2}}, 0.5f));
        outs.add(Ops.oneHot(Ops.argmax(a, -1), 4));
        outs.add(Ops.power(Ops.maximum(a, 0.1f), 2f));
        return Model.of(List.of(a, b), outs, "ops");
    }

    /** The built-in layers Python can load, in a Sequential model. */
    static Model layersSequential() {
        Normalization norm = new Normalization();
        norm.adapt(random(10, 2, 6));
        return new Sequential(new InputLayer(2, 6), norm, new Dense(4, "relu"), new Dropout(0.1),
                new LayerNormalization(), new Flatten(), new BatchNormalization().momentum(0.9), new Reshape(2, 4),
                new Flatten(), new Dense(2, "softmax"));
    }
}

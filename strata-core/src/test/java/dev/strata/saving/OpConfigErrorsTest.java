package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.KerasConfigException;
import dev.strata.internal.OpSpec;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the generic op writer and reader say when an op cannot be saved or a saved op cannot be read: which op, why,
 * which ops do save, what to do; for a bad config, where it is and which key.
 */
class OpConfigErrorsTest {
    @Test
    void anOpWithoutAKerasFormNamesItselfTheReasonAndTheOpsThatSave() {
        Tensor a = Input.of("a", 3, 4);
        Model m = Model.of(a, Ops.stridedSlice(a, new int[] {0, 0, 0}, new int[] {Integer.MAX_VALUE, 2, 4},
                new int[] {1, 1, 2}));
        assertThatThrownBy(() -> KerasConfig.modelToJson(m)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("layers[1] 'strided_slice'")
                .hasMessageContaining("the op 'strided_slice' has no keras.ops form Strata can write: Keras saves "
                        + "Python slicing (x[a:b:c]) as a GetItem op with slice objects, which Ops.getItem(x, "
                        + "\"a:b:c\") records")
                .hasMessageContaining("or Ops.slice, keras.ops.slice, for a contiguous box")
                // Every op with a Keras form, sorted (found by discovery, so a new op does not change this line).
                .hasMessageContaining("The ops that save are " + new java.util.TreeSet<>(
                        OpSpecRoundTripTest.opsWithAKerasForm().stream().map(OpSpec::name).toList()) + ";")
                .hasMessageContaining("[abs, ").hasMessageContaining(", add, affine_transform, all, ")
                .hasMessageContaining(", argsort, ").hasMessageContaining(", average_pool, ")
                .hasMessageContaining("for another computation use a layer");
    }

    @Test
    void aStrataOnlyArgumentSavesOnlyAtKerassValue() {
        Tensor a = Input.of("a", 3, 4);
        Model m = Model.of(a, Ops.matmul(a, a, false, true));
        assertThatThrownBy(() -> KerasConfig.modelToJson(m)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("layers[1] 'matmul': the op 'matmul' with transpose_b = true has no keras.ops "
                        + "form (keras.src.ops.numpy.Matmul has no transpose_b); transpose the operand with "
                        + "Ops.transpose before Ops.matmul to save the model");
    }

    @Test
    void readErrorsSayWhereAndWhichKey() {
        // View (keras.ops.view, a bit reinterpretation between dtypes) is one Strata leaves out: float32 only
        assertThatThrownBy(() -> read("View", "{\"name\": \"op\"}", x())).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("layers[1] 'op': the op 'View' is not one Strata can rebuild; known ops: "
                        + "[Absolute, ").hasMessageContaining(", Add, AffineTransform, ");
        assertThatThrownBy(() -> read("Sum", "{\"name\": \"op\", \"axis\": \"x\"}", x()))
                .hasMessageContaining("layers[1] 'op': 'axis' must be an integer or a list of integers, got \"x\"");
        assertThatThrownBy(() -> read("Sum", "{\"name\": \"op\", \"axes\": 1}", x()))
                .hasMessageContaining("layers[1] 'op': unknown key [axes]");
        assertThatThrownBy(() -> read("Reshape", "{\"name\": \"op\"}", x()))
                .hasMessageContaining("layers[1] 'op': missing 'newshape'");
        assertThatThrownBy(() -> read("OneHot", "{\"name\": \"op\", \"num_classes\": 3, \"sparse\": true}", x()))
                .hasMessageContaining("'sparse' = true is not supported (Strata has no sparse tensors)");
        assertThatThrownBy(() -> read("Max", "{\"name\": \"op\", \"initial\": 0.5}", x()))
                .hasMessageContaining("'initial' = 0.5 is not supported (Strata's max takes no initial value)");
        assertThatThrownBy(() -> read("Take", "{\"name\": \"op\", \"axis\": null}", x() + ", " + x()))
                .hasMessageContaining("layers[1] 'op': take without an axis (over the flattened input) is not "
                        + "supported");
        assertThatThrownBy(() -> read("Slice", "{\"name\": \"op\", \"shape\": [1, 3]}", x()))
                .hasMessageContaining("layers[1] 'op': the op takes Slice(x, start_indices), got 1 argument(s)");
        assertThatThrownBy(() -> read("Slice", "{\"name\": \"op\", \"shape\": [1, 2]}", x() + ", [1, 0]"))
                .isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("layers[1] 'op': Slice with this config does not apply to its inputs: slice: "
                        + "start [1, 0] and size [1, 2] must each have one entry per axis of shape (None, 2, 3)");
        assertThatThrownBy(() -> read("Pad", "{\"name\": \"op\", \"pad_width\": [[0, 0], [1]]}", x()))
                .hasMessageContaining("'pad_width' must be a list of [before, after] pairs, got [[0, 0], [1]]");
    }

    @Test
    void readsTheKerasFormOfEveryArgumentKind() {
        // positional (slice's start_indices), keyword (pad's constant_values), fixed and ignored keys (one_hot)
        Model slice = read("Slice", "{\"name\": \"op\", \"shape\": [1, 1, 2]}", x() + ", [0, 1, 0]");
        assertThat(slice.predict(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3)).toFloatArray())
                .containsExactly(4, 5);
        Model pad = read("Pad", "{\"name\": \"op\", \"pad_width\": [[0, 0], [1, 0], [0, 1]], \"mode\": \"constant\"}",
                x(), "{\"constant_values\": 7}");
        assertThat(pad.predict(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3)).shape().toArray())
                .containsExactly(1, 3, 4);
        Model oneHot = read("OneHot", "{\"name\": \"op\", \"num_classes\": 3, \"axis\": -1, \"dtype\": \"int32\", "
                + "\"sparse\": false}", x());
        assertThat(oneHot.predict(Tensor.of(new float[] {2, 0, 1, 5, 0, 0}, 1, 2, 3)).shape().toArray())
                .containsExactly(1, 2, 3, 3);
    }

    /** A reference to the model's input (batch, 2, 3). */
    private static String x() {
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 2, 3], \"dtype\": \"float32\", "
                + "\"keras_history\": [\"x\", 0, 0]}}";
    }

    private static Model read(String className, String config, String args) {
        return read(className, config, args, "{}");
    }

    private static Model read(String className, String config, String args, String kwargs) {
        String json = "{\"module\": \"keras.src.models.functional\", \"class_name\": \"Functional\", \"config\": {"
                + "\"name\": \"m\", \"trainable\": true, \"layers\": ["
                + "{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": "
                + "[null, 2, 3], \"dtype\": \"float32\", \"sparse\": false, \"name\": \"x\"}, \"registered_name\": null, "
                + "\"name\": \"x\", \"inbound_nodes\": []},"
                + "{\"module\": \"keras.src.ops.numpy\", \"class_name\": \"" + className + "\", \"config\": " + config
                + ", \"registered_name\": \"" + className + "\", \"name\": \"op\", \"inbound_nodes\": [{\"args\": ["
                + args + "], \"kwargs\": " + kwargs + "}]}],"
                + "\"input_layers\": [\"x\", 0, 0], \"output_layers\": [\"op\", 0, 0]}, \"registered_name\": "
                + "\"Functional\"}";
        return KerasConfig.modelFromJson(json);
    }

    @Test
    void theWriterAndReaderAgreeOnAListOfInputs() {
        Tensor a = Input.of("a", 2);
        Tensor b = Input.of("b", 3);
        Model m = Model.of(List.of(a, b), List.of(Ops.concatenate(List.of(a, b, a), -1)));
        String json = KerasConfig.modelToJson(m);
        assertThat(json).contains("\"class_name\": \"Concatenate\"").contains("\"axis\": 1");
        assertThat(KerasConfig.modelToJson(KerasConfig.modelFromJson(json))).isEqualTo(json);
    }
}

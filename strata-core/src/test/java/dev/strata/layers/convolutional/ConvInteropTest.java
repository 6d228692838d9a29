package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.internal.io.WeightsFile;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.testing.Fixtures;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Convolution layers between Strata and Python Keras: the {@code .keras} file Keras saved with Conv1D, Conv2D,
 * Conv2DTranspose, DepthwiseConv2D and SeparableConv2D ({@code keras-golden/conv_layers.keras}, made by
 * {@code tools/golden/conv.py}) loads and predicts Keras's values; Strata's save of the same model has Keras's layer
 * configs; and the shared fixtures with Conv1D and Conv2D (Keras 2.1 and 2.3 legacy HDF5 files) load and predict
 * what their authors recorded.
 */
class ConvInteropTest {

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Path resource(String name) {
        try {
            return Path.of(ConvInteropTest.class.getResource("/keras-golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void loadsKerassModelAndPredictsKerassValues() {
        Map<?, ?> g = ConvGolden.read("conv_layers_golden.json");
        Model m = Saving.loadModel(resource("conv_layers.keras"));
        List<Tensor> inputs = ((List<?>) g.get("inputs")).stream().map(ConvGolden::tensor).toList();
        List<Tensor> expected = ((List<?>) g.get("outputs")).stream().map(ConvGolden::tensor).toList();
        Tensors out = m.predict(inputs, new PredictOptions());
        assertThat(out.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(out.get(i).shape()).isEqualTo(expected.get(i).shape());
            LayerChecks.assertClose(out.get(i).toFloatArray(), expected.get(i).toFloatArray(), 1e-4, 1e-5);
        }
        assertThat(m.layers()).extracting(l -> l.getClass().getSimpleName()).contains("Conv1D", "Conv2D",
                "Conv2DTranspose", "DepthwiseConv2D", "SeparableConv2D");
        // every layer's config, as Strata writes it again, is the one Keras wrote
        Map<?, ?> configs = (Map<?, ?>) g.get("layer_configs");
        for (Layer l : m.layers()) {
            Map<?, ?> keras = (Map<?, ?>) configs.get(l.name());
            if (keras == null || !l.getClass().getPackageName().endsWith("convolutional")) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> kc = (Map<String, Object>) keras.get("config");
            LayerChecks.assertConfigMatches(KerasConfig.getConfig(l), kc);
        }
    }

    @Test
    void strataSavesTheModelKerasWouldAndLoadsItBack() throws IOException {
        Model keras = Saving.loadModel(resource("conv_layers.keras"));
        // left in target/ for a check by Python Keras (see tools/golden/conv.py's header)
        Path dir = Files.createDirectories(Path.of("target", "keras-saved-conv"));
        Path file = dir.resolve("conv_layers_strata.keras");
        keras.save(file);
        Model back = Saving.loadModel(file);
        Map<?, ?> g = ConvGolden.read("conv_layers_golden.json");
        List<Tensor> inputs = ((List<?>) g.get("inputs")).stream().map(ConvGolden::tensor).toList();
        Tensors a = keras.predict(inputs, new PredictOptions());
        Tensors b = back.predict(inputs, new PredictOptions());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).toFloatArray()).containsExactly(a.get(i).toFloatArray());
        }
        // the weights sit where Keras puts them: layers/<snake_case class>/vars/<i>
        List<String> listing = dev.strata.internal.io.KerasArchive.read(file).weights().listing();
        assertThat(String.join("\n", listing)).contains("layers/conv2d/vars/0", "layers/conv2d/vars/1",
                "layers/depthwise_conv2d/vars/0", "layers/separable_conv2d/vars/2", "layers/conv2d_transpose/vars/0",
                "layers/conv1d_1/vars/1");
    }

    @Test
    void aStrataBuiltConvModelHasKerassConfigs() {
        Tensor in = Input.of("image", 8, 8, 2);
        Tensor h = new Conv2D(4, 3).padding("same").activation("relu").apply(in);
        h = new DepthwiseConv2D(3).strides(2).padding("same").depthMultiplier(2).apply(h);
        h = new SeparableConv2D(4, 3, "relu").apply(h);
        h = new Conv2DTranspose(3, 3).strides(2).padding("same").named("up").apply(h);
        Model m = Model.of(in, new Conv2D(1, 1).named("image_out").apply(h));
        Map<?, ?> configs = (Map<?, ?>) ConvGolden.read("conv_layers_golden.json").get("layer_configs");
        for (Layer l : m.layers()) {
            Map<?, ?> keras = (Map<?, ?>) configs.get(l.name());
            if (keras != null && l.getClass().getPackageName().endsWith("convolutional")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> kc = (Map<String, Object>) keras.get("config");
                LayerChecks.assertConfigMatches(KerasConfig.getConfig(l), kc);
            }
        }
    }

    @Test
    void keras23Conv1DFixturePredictsWhatItsAuthorsRecorded() {
        Model m = Saving.loadModel(Fixtures.file("k2.3_dl4j_conv1d_same_model.h5"), new LoadOptions().compile(false));
        assertThat(m.layers()).extracting(l -> l.getClass().getSimpleName()).contains("Conv1D");
        WeightsFile io = WeightsFile.read(Fixtures.file("k2.3_dl4j_conv1d_same_inputs_and_outputs.h5"));
        var x = io.root().dataset("inputs/conv0_input");
        var y = io.root().dataset("outputs/conv0");
        Tensor out = m.predict(Tensor.of(x.toFloatArray(), x.shape()));
        assertThat(out.shape().toArray()).containsExactly(y.shape());
        LayerChecks.assertClose(out.toFloatArray(), y.toFloatArray(), 1e-5, 1e-6);
    }

    @Test
    void keras21CnnFixturePredictsWhatItsAuthorsRecorded() throws IOException {
        Model m = Saving.loadModel(Fixtures.file("k2.1_dl4j_cnn_batch_norm.h5"), new LoadOptions().compile(false));
        assertThat(m).isInstanceOf(Sequential.class);
        assertThat(m.layers()).extracting(l -> l.getClass().getSimpleName()).contains("Conv2D", "Flatten", "Dense");
        assertThat(m.layers()).anyMatch(l -> l instanceof BatchNormalization);
        Tensor x = npy(Fixtures.file("k2.1_dl4j_cnn_batch_norm.input.npy"));
        Tensor expected = npy(Fixtures.file("k2.1_dl4j_cnn_batch_norm.predictions.npy"));
        Tensor out = m.predict(x);
        assertThat(out.shape()).isEqualTo(expected.shape());
        LayerChecks.assertClose(out.toFloatArray(), expected.toFloatArray(), 1e-5, 1e-6);
    }

    @Test
    void anUnknownConstraintInAKerasConfigIsNamed() {
        Map<String, Object> c = new java.util.LinkedHashMap<>(ConvGolden.defaultConfig("Conv1D"));
        c.put("kernel_constraint", Map.of("module", "keras.constraints", "class_name", "SpectralNorm", "config",
                Map.of(), "registered_name", "SpectralNorm"));
        assertThatThrownBy(() -> KerasConfig.fromConfig(Conv1D.class, c, new LoadOptions()))
                .hasMessageContaining("kernel_constraint").hasMessageContaining("SpectralNorm");
    }

    /** A little-endian float32 or float64 C-order numpy array. */
    static Tensor npy(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = Pattern.compile("'descr': '([^']+)'").matcher(header);
        Matcher s = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
        if (!d.find() || !s.find() || header.contains("'fortran_order': True")) {
            throw new IOException("unsupported npy header " + header);
        }
        int[] shape = Pattern.compile(",").splitAsStream(s.group(1)).map(String::strip).filter(t -> !t.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int n = 1;
        for (int v : shape) {
            n *= v;
        }
        float[] data = new float[n];
        b.position(start + headerLen);
        for (int i = 0; i < n; i++) {
            data[i] = switch (d.group(1)) {
                case "<f8" -> (float) b.getDouble();
                case "<f4" -> b.getFloat();
                default -> throw new IOException("unsupported npy dtype " + d.group(1));
            };
        }
        return Tensor.of(data, shape);
    }
}

package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.constraints.MaxNorm;
import dev.strata.constraints.NonNeg;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Sequential;
import dev.strata.optimizers.SGD;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The convolution layers' weight constraints against Keras (tools/golden/conv_constraints.py): each layer made from
 * Keras's config with constraints writes that config back, and one SGD step on it leaves Keras's projected weights.
 */
class ConvConstraintsTest {

    @ParameterizedTest
    @ValueSource(strings = {"conv2d", "conv1d_transpose", "depthwise_conv2d", "separable_conv1d"})
    void oneStepProjectsTheWeightsAsKerasDoes(String name) {
        Strata.clearSession();
        Map<?, ?> golden = (Map<?, ?>) ConvGolden.read("conv_constraints.json").get(name);
        @SuppressWarnings("unchecked")
        Map<String, Object> serialized = (Map<String, Object>) golden.get("config");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) serialized.get("config");
        Class<? extends Layer> type = switch ((String) serialized.get("class_name")) {
            case "Conv2D" -> Conv2D.class;
            case "Conv1DTranspose" -> Conv1DTranspose.class;
            case "DepthwiseConv2D" -> DepthwiseConv2D.class;
            default -> SeparableConv1D.class;
        };
        Layer layer = KerasConfig.fromConfig(type, config, new LoadOptions());
        LayerChecks.assertConfigMatches(KerasConfig.getConfig(layer), config);

        int[] xShape = ((List<?>) golden.get("x_shape")).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        Tensor x = Tensor.of(floats(golden.get("x")), xShape);
        Sequential model = new Sequential(new InputLayer(java.util.Arrays.copyOfRange(xShape, 1, xShape.length)), layer);
        model.compile(new SGD(0.5f), "mse");
        List<Tensor> before = new ArrayList<>();
        for (int i = 0; i < layer.weights().size(); i++) {
            before.add(Tensor.of(floats(((List<?>) golden.get("before")).get(i)), layer.weights().get(i).shape()
                    .toArray()));
        }
        layer.setWeights(before);
        Tensor y = model.predict(x);
        model.trainOnBatch(List.of(x), List.of(Tensor.zeros(y.shape().toArray())));
        for (int i = 0; i < layer.weights().size(); i++) {
            LayerChecks.assertClose(layer.weights().get(i).toFloatArray(),
                    floats(((List<?>) golden.get("after")).get(i)), 1e-5, 1e-5);
        }
    }

    @Test
    void theJavaApiSetsAndSavesConstraints() {
        SeparableConv2D s = new SeparableConv2D(4, 3).depthwiseConstraint(new MaxNorm(2)).pointwiseConstraint("non_neg")
                .biasConstraint(new NonNeg());
        s.buildForSamples(Shape.of(8, 8, 2));
        assertThat(s.depthwiseKernel().constraint()).isInstanceOf(MaxNorm.class);
        assertThat(s.pointwiseKernel().constraint()).isInstanceOf(NonNeg.class);
        assertThat(((Map<?, ?>) s.getConfig().get("pointwise_constraint")).get("class_name")).isEqualTo("NonNeg");
        Conv2D c = new Conv2D(2, 3).kernelConstraint("unit_norm");
        Conv2D again = KerasConfig.fromConfig(Conv2D.class, KerasConfig.getConfig(c), new LoadOptions());
        assertThat(again.kernelConstraint()).isInstanceOf(dev.strata.constraints.UnitNorm.class);
        assertThat(again.kernelConstraint().getConfig()).isEqualTo(c.kernelConstraint().getConfig());
        assertThat(again.biasConstraint()).isNull();
    }

    private static float[] floats(Object list) {
        List<?> values = (List<?>) list;
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}

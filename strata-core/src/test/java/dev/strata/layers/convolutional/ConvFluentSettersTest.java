package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.initializers.Initializers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The convolution layers' fluent setters are declared once, in the family bases (the kernel's in
 * {@code FilterConvolution}, the depthwise kernel's in {@code DepthwiseConvolution}, the bias's in
 * {@link BaseConvolution}), self-typed so that each chain still has the concrete layer's type (these chains would not
 * compile otherwise), and they set what each layer writes to its config.
 */
class ConvFluentSettersTest {
    @Test
    void chainsKeepTheConcreteTypeAndSetTheConfig() {
        Conv2D conv = new Conv2D(4, 3).kernelInitializer("ones").kernelConstraint("non_neg").biasConstraint("non_neg")
                .groups(2).padding("same");
        assertThat(conv.getConfig()).containsEntry("groups", 2).containsEntry("padding", "same");
        assertThat(((Map<?, ?>) conv.getConfig().get("kernel_initializer")).get("class_name")).isEqualTo("Ones");
        assertThat(conv.kernelConstraint()).isNotNull();

        Conv1DTranspose transposed = new Conv1DTranspose(2, 3).kernelInitializer("zeros").strides(2).outputPadding(1)
                .kernelConstraint("unit_norm");
        assertThat(transposed.getConfig()).containsEntry("filters", 2);
        assertThat(((Map<?, ?>) transposed.getConfig().get("kernel_constraint")).get("class_name"))
                .isEqualTo("UnitNorm");

        DepthwiseConv2D depthwise = new DepthwiseConv2D(3).depthwiseInitializer("ones").depthMultiplier(2)
                .depthwiseConstraint("non_neg").useBias(false);
        assertThat(depthwise.getConfig()).containsEntry("depth_multiplier", 2).containsEntry("use_bias", false);
        assertThat(depthwise.depthwiseConstraint()).isNotNull();

        SeparableConv1D separable = new SeparableConv1D(4, 3).depthwiseInitializer("ones").depthMultiplier(3)
                .pointwiseInitializer(Initializers.zeros()).depthwiseConstraint("non_neg").pointwiseConstraint("non_neg");
        assertThat(separable.getConfig()).containsEntry("depth_multiplier", 3).containsEntry("filters", 4);
        assertThat(((Map<?, ?>) separable.getConfig().get("depthwise_initializer")).get("class_name"))
                .isEqualTo("Ones");
        assertThat(separable.depthwiseConstraint()).isNotNull();
    }
}

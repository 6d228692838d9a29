package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conv2D against Keras. */
class Conv2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Conv2D(3, 3).activation("tanh"), Shape.of(5, 6, 2))
                        .wrongRank(Shape.of(2, 5, 2)),
                LayerCase.of(() -> new Conv2D(4, 2).strides(2).padding("same").groups(2), Shape.of(5, 5, 4))
                        .label("groups, strided same").wrongRank(Shape.of(2, 5, 5, 4, 1)),
                LayerCase.of(() -> new Conv2D(2, 3).dataFormat("channels_first").padding("same"), Shape.of(3, 4, 5))
                        .label("channels_first").wrongRank(Shape.of(2, 3, 4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        Conv2D relu = ConvLayerChecks.matchesKeras(Conv2D.class, "conv2d_relu_same_s2");
        assertThat(relu.padding()).isEqualTo("same");
        Conv2D grouped = ConvLayerChecks.matchesKeras(Conv2D.class, "conv2d_groups_dilated");
        assertThat(grouped.groups()).isEqualTo(2);
        assertThat(grouped.kernel().shape()).isEqualTo(Shape.of(2, 3, 2, 6));
        ConvLayerChecks.finiteDifferences(grouped, ConvGolden.layer("conv2d_groups_dilated").x());
        Conv2D first = ConvLayerChecks.matchesKeras(Conv2D.class, "conv2d_channels_first_nobias");
        assertThat(first.bias()).isNull();
        ConvLayerChecks.finiteDifferences(first, ConvGolden.layer("conv2d_channels_first_nobias").x());
    }

    @Test
    void defaultsAndConfigMatchKeras() {
        Conv2D c = new Conv2D(2, 3);
        ConvLayerChecks.defaultConfigMatchesKeras(c);
        assertThat(c.kernelSize()).containsExactly(3, 3);
        assertThat(c.strides()).containsExactly(1, 1);
        assertThat(c.padding()).isEqualTo("valid");
        assertThat(c.dataFormat()).isEqualTo("channels_last");
        assertThat(new Conv2D(8, 3, "relu").activation().name()).isEqualTo("relu");
    }

    @Test
    void weightsAreKerassAndTheModelTrains() {
        Tensor in = Input.of(8, 8, 1);
        Tensor h = new Conv2D(4, 3, "relu").apply(in);
        Tensor out = new Conv2D(2, 3).strides(2).padding("same").apply(h);
        assertThat(out.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3, 3, 2));
        Model m = Model.of(in, out);
        assertThat(m.countParams()).isEqualTo(3 * 3 * 4 + 4 + 3 * 3 * 4 * 2 + 2);
        assertThat(m.getLayer("conv2d").weights()).extracting(w -> w.name()).containsExactly("kernel", "bias");
        Tensor unknown = Input.of(Shape.UNKNOWN, Shape.UNKNOWN, 3);
        assertThat(new Conv2D(5, 3).strides(2).apply(unknown).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, Shape.UNKNOWN, 5));
    }

    @Test
    void badInputsAreNamed() {
        ConvLayerChecks.wrongChannelsAreNamed(new Conv2D(2, 3), Tensor.zeros(2, 5, 5, 3), Tensor.zeros(2, 5, 5, 4),
                "channels_last");
        ConvLayerChecks.wrongChannelsAreNamed(new Conv2D(2, 3).dataFormat("channels_first"),
                Tensor.zeros(2, 3, 5, 5), Tensor.zeros(2, 4, 5, 5), "channels_first");
        assertThatThrownBy(() -> new Conv2D(2, 3).apply(Tensor.zeros(2, 5, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("conv2d").hasMessageContaining("rank 4").hasMessageContaining("(2, 5, 3)")
                .hasMessageContaining("channels_last");
        assertThatThrownBy(() -> new Conv2D(2, 5).apply(Tensor.zeros(1, 4, 6, 1))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("conv2d").hasMessageContaining("larger than the input")
                .hasMessageContaining("(1, 4, 6, 1)");
        assertThatThrownBy(() -> new Conv2D(2, 5).apply(Input.of(4, 6, 1))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("larger than the input");
        assertThatThrownBy(() -> new Conv2D(2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Conv2D: kernel_size must hold positive integers");
        assertThatThrownBy(() -> new Conv2D(2, 3, 3, 3)).hasMessageContaining("kernel_size must be one integer or 2");
        assertThatThrownBy(() -> new Conv2D(2, 3).strides(0)).hasMessageContaining("strides must hold positive");
        assertThatThrownBy(() -> new Conv2D(2, 3).strides(1, -2)).hasMessageContaining("strides must hold positive");
        assertThatThrownBy(() -> new Conv2D(0, 3)).hasMessageContaining("filters must be a positive integer");
        assertThatThrownBy(() -> new Conv2D(4, 3).groups(3)).hasMessageContaining("groups must be");
        assertThatThrownBy(() -> new Conv2D(4, 3).groups(2).apply(Tensor.zeros(1, 5, 5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("must divide by groups (2)");
        assertThatThrownBy(() -> new Conv2D(4, 3).strides(2).dilationRate(2))
                .hasMessageContaining("strides > 1 are not supported with dilation_rate > 1");
        assertThatThrownBy(() -> new Conv2D(4, 3).padding("causal")).hasMessageContaining("'valid' or 'same'");
        assertThatThrownBy(() -> new Conv2D(4, 3).dataFormat("nchw")).hasMessageContaining("data_format");
    }

    @Test
    void inputGradientsByFiniteDifferences() {
        Conv2D c = new Conv2D(3, 2).strides(2, 1).padding("same");
        Tensor x = GradientCheck.random(3, Shape.of(2, 5, 4, 2), -1, 1);
        c.apply(x);
        ConvLayerChecks.finiteDifferences(c, x);
    }
}

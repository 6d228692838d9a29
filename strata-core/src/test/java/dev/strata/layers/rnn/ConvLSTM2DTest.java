package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ConvLSTM2D's cases for the layer contract (its values against Keras: {@link ConvLstmGoldenTest}), its dropout, and
 * the errors for bad arguments and inputs.
 */
class ConvLSTM2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new ConvLSTM2D(2, 2), Shape.of(3, 4, 4, 2))
                        .tracedWith(Shape.of(Shape.UNKNOWN, 4, 4, 2)).wrongRank(Shape.of(2, 3, 4, 2)),
                LayerCase.of(() -> new ConvLSTM2D(2, 3).padding("same").returnSequences(true).returnState(true),
                        Shape.of(2, 3, 3, 1)).label("same padding, sequences and states")
                        .tracedWith(Shape.of(Shape.UNKNOWN, 3, 3, 1)).wrongRank(Shape.of(2, 2, 3, 3, 1, 1)),
                LayerCase.of(() -> new ConvLSTM2D(2, 2).dataFormat("channels_first").strides(2), Shape.of(2, 1, 5, 4))
                        .label("channels first, strides 2").wrongRank(Shape.of(2, 2, 1, 5)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void dropoutActsInTrainingOnlyAndFollowsTheSeed() {
        Tensor x = GradientCheck.random(5, Shape.of(3, 4, 5, 5, 2), -1, 1);
        ConvLSTM2D a = new ConvLSTM2D(2, 3).padding("same").dropout(0.4).recurrentDropout(0.3).seed(7);
        Tensor inference = a.apply(x);
        assertThat(a.apply(x).toFloatArray()).containsExactly(inference.toFloatArray());
        float[] trained = a.apply(x, true).toFloatArray();
        assertThat(trained).isNotEqualTo(inference.toFloatArray());
        assertThat(a.apply(x, true).toFloatArray()).isNotEqualTo(trained); // new masks for a new batch
        ConvLSTM2D b = new ConvLSTM2D(2, 3).padding("same").dropout(0.4).recurrentDropout(0.3).seed(7);
        b.apply(x);
        b.setWeights(a.getWeights());
        assertThat(b.apply(x, true).toFloatArray()).containsExactly(trained);
    }

    @Test
    void badArgumentsNameTheLayerAndTheArgument() {
        assertThatThrownBy(() -> new ConvLSTM2D(0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ConvLSTM2D: filters must be a positive integer, got 0");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2, 2, 2)).hasMessage("ConvLSTM2D: kernel_size must be one integer "
                + "or 2 integers (one per spatial axis), got [2, 2, 2]");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).padding("causal"))
                .hasMessage("ConvLSTM2D: padding must be 'valid' or 'same', got 'causal'");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).dataFormat("nhwc"))
                .hasMessage("ConvLSTM2D: data_format must be 'channels_last' or 'channels_first', got 'nhwc'");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).strides(2).dilationRate(2)).hasMessage("ConvLSTM2D: strides > 1 "
                + "are not compatible with dilation_rate > 1, got strides [2, 2] and dilation_rate [2, 2]");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).strides(0)).hasMessageContaining("strides must hold positive");
    }

    @Test
    void badInputsNameTheLayerAndTheShapes() {
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).apply(Tensor.zeros(2, 3, 4, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(ConvLSTM2D) expects a sequence of rank 5 "
                        + "(batch, time, 2 spatial axes, channels), but received shape (2, 3, 4, 4)");
        ConvLSTM2D built = new ConvLSTM2D(2, 2);
        built.apply(Tensor.zeros(2, 3, 4, 4, 2));
        assertThatThrownBy(() -> built.apply(Tensor.zeros(2, 3, 4, 4, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(ConvLSTM2D) expects steps of shape (4, 4, 2) (2 spatial axes, channels) "
                        + "(built for shape (None, 3, 4, 4, 2)), but received shape (2, 3, 4, 4, 3)");
        assertThatThrownBy(() -> built.apply(Tensor.zeros(2, 3, 5, 4, 2))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("but received shape (2, 3, 5, 4, 2)");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).dataFormat("channels_first").apply(Tensor.zeros(2, 3, 4, 4)))
                .hasMessageContaining("expects a sequence of rank 5 (batch, time, channels, 2 spatial axes)");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 5).apply(Tensor.zeros(2, 3, 4, 4, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("ConvLSTM2D cannot convolve steps of shape "
                        + "(4, 4, 2) (2 spatial axes, channels) with kernel_size [5, 5]");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).apply(Input.of(3, Shape.UNKNOWN, 4, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("ConvLSTM2D supports only static spatial and "
                        + "channel sizes");
    }

    @Test
    void initialStatesOfTheWrongShapeAreRefused() {
        Tensor x = Tensor.zeros(2, 3, 4, 4, 2);
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).apply(List.of(x, Tensor.zeros(2, 3, 3), Tensor.zeros(2, 3, 3,
                2)))).isInstanceOf(ShapeException.class).hasMessageContaining("(ConvLSTM2D) expects initial state 0 "
                        + "of shape (None, 3, 3, 2) for its input (2, 3, 4, 4, 2), but received shape (2, 3, 3)");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).apply(List.of(x, Tensor.zeros(2, 3, 3, 2))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("expects 2 initial state(s) of shapes "
                        + "[(None, 3, 3, 2), (None, 3, 3, 2)] after the sequence, but was given 1");
        ConvLSTM2D stateful = new ConvLSTM2D(2, 2).stateful(true);
        stateful.apply(x);
        assertThatThrownBy(() -> stateful.apply(Tensor.zeros(3, 3, 4, 4, 2))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("stateful with batches of 2 sequences, but received a batch of 3");
    }
}

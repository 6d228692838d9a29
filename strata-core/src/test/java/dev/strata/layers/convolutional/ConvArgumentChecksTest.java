package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.layers.rnn.ConvLSTM2D;
import org.junit.jupiter.api.Test;

/**
 * The convolution layers and ConvLSTM check their shared arguments with one helper ({@code internal.ConvArguments}):
 * the same messages, each naming its layer, and a refused value leaves the layer as it was.
 */
class ConvArgumentChecksTest {
    @Test
    void theSameChecksNameEachLayer() {
        assertThatThrownBy(() -> new Conv2D(2, 2, 3, 4)).hasMessage("Conv2D: kernel_size must be one integer or 2 "
                + "integers (one per spatial axis), got [2, 3, 4]");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2, 3, 4)).hasMessage("ConvLSTM2D: kernel_size must be one integer "
                + "or 2 integers (one per spatial axis), got [2, 3, 4]");
        assertThatThrownBy(() -> new Conv2D(2, 2).dilationRate(0)).hasMessage("Conv2D: dilation_rate must hold "
                + "positive integers, got [0]");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).dilationRate(0)).hasMessage("ConvLSTM2D: dilation_rate must "
                + "hold positive integers, got [0]");
        assertThatThrownBy(() -> new Conv2DTranspose(2, 2).outputPadding(-1)).hasMessage("Conv2DTranspose: "
                + "output_padding must hold non-negative integers, got [-1]");
        assertThatThrownBy(() -> new Conv2D(2, 2).padding("causal")).hasMessage("Conv2D: padding must be 'valid' or "
                + "'same', got 'causal'");
        assertThatThrownBy(() -> new Conv1D(2, 2).padding("full")).hasMessage("Conv1D: padding must be 'valid' or "
                + "'same' or 'causal', got 'full'");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).padding("causal")).hasMessage("ConvLSTM2D: padding must be "
                + "'valid' or 'same', got 'causal'");
        assertThatThrownBy(() -> new Conv2D(2, 2).dataFormat("nhwc")).hasMessage("Conv2D: data_format must be "
                + "'channels_last' or 'channels_first', got 'nhwc'");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 2).dataFormat("nhwc")).hasMessage("ConvLSTM2D: data_format must "
                + "be 'channels_last' or 'channels_first', got 'nhwc'");
        assertThat(new Conv2D(2, 2).padding("SAME").dataFormat(null).padding()).isEqualTo("same");
        assertThat(new ConvLSTM2D(2, 2).dataFormat("Channels_First").dataFormat()).isEqualTo("channels_first");
    }

    /** Keras refuses strides with dilation; the refused value is not kept (it used to be, for the convolutions). */
    @Test
    void aRefusedStrideOrDilationLeavesTheLayerAsItWas() {
        Conv2D conv = new Conv2D(2, 2).dilationRate(2);
        assertThatThrownBy(() -> conv.strides(2)).hasMessage("Conv2D: strides > 1 are not supported with "
                + "dilation_rate > 1, got strides [2, 2] and dilation_rate [2, 2]");
        assertThat(conv.strides()).containsExactly(1, 1);
        Conv2DTranspose transposed = new Conv2DTranspose(2, 2).strides(2);
        assertThatThrownBy(() -> transposed.dilationRate(3)).hasMessageContaining("not supported with");
        assertThat(transposed.dilationRate()).containsExactly(1, 1);
        ConvLSTM2D lstm = new ConvLSTM2D(2, 2).strides(2);
        assertThatThrownBy(() -> lstm.dilationRate(2)).hasMessageContaining("are not compatible with");
        assertThat(lstm.dilationRate()).containsExactly(1, 1);
        assertThat(new DepthwiseConv2D(2).strides(2).dilationRate(2).dilationRate()).containsExactly(2, 2);
    }
}

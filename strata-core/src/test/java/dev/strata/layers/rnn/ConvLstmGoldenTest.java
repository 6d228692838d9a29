package dev.strata.layers.rnn;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import dev.strata.layers.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ConvLSTM1D, ConvLSTM2D and ConvLSTM3D against Keras ({@code tools/golden/conv_lstm.py} into {@link ConvLstmGolden}):
 * Keras's config, outputs and final states, and the gradients of the sequence and of every weight (jax.grad), with
 * same and valid padding, strides, dilation, channels first, go_backwards, initial states, a mask, and a stateful
 * layer over two batches, and in Bidirectional; checked as {@link RnnGoldenTest} checks the other recurrent layers.
 */
class ConvLstmGoldenTest {

    /** The Strata layer of each golden case, made through the Java API. */
    static final Map<String, Supplier<Layer>> LAYERS = Map.ofEntries(
            Map.entry("conv_lstm2d_last", () -> new ConvLSTM2D(3, 2)),
            Map.entry("conv_lstm2d_same_seq_state", () -> new ConvLSTM2D(2, 3).padding("same").returnSequences(true)
                    .returnState(true)),
            Map.entry("conv_lstm2d_strides_backwards", () -> new ConvLSTM2D(2, 2).strides(2).goBackwards(true)
                    .returnSequences(true)),
            Map.entry("conv_lstm2d_channels_first", () -> new ConvLSTM2D(2, 2, 3).dataFormat("channels_first")
                    .returnState(true)),
            Map.entry("conv_lstm2d_masked", () -> new ConvLSTM2D(2, 2).returnSequences(true).unroll(true)),
            Map.entry("conv_lstm2d_masked_last", () -> new ConvLSTM2D(2, 2).returnState(true).unroll(true)),
            Map.entry("conv_lstm2d_relu_hard_sigmoid_no_bias", () -> new ConvLSTM2D(2, 2).activation("relu")
                    .recurrentActivation("hard_sigmoid").useBias(false)),
            Map.entry("conv_lstm1d_dilated_same", () -> new ConvLSTM1D(3, 2).dilationRate(2).padding("same")
                    .returnSequences(true)),
            Map.entry("conv_lstm1d_initial_state", () -> new ConvLSTM1D(2, 3).returnState(true)),
            Map.entry("conv_lstm1d_channels_first_unroll", () -> new ConvLSTM1D(2, 2).dataFormat("channels_first")
                    .unroll(true).returnSequences(true)),
            Map.entry("conv_lstm3d_last", () -> new ConvLSTM3D(2, 2)),
            Map.entry("bidirectional_conv_lstm2d", () -> new Bidirectional(new ConvLSTM2D(2, 2).returnSequences(true))),
            Map.entry("bidirectional_conv_lstm1d_sum", () -> new Bidirectional(new ConvLSTM1D(2, 3).padding("same"),
                    "sum")),
            Map.entry("conv_lstm1d_stateful", () -> new ConvLSTM1D(2, 2).stateful(true).returnSequences(true)));

    static Stream<Arguments> statelessCases() {
        return ConvLstmGolden.cases().stream().filter(c -> c.x2() == null).map(Arguments::of);
    }

    static Stream<Arguments> statefulCases() {
        return ConvLstmGolden.cases().stream().filter(c -> c.x2() != null).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statelessCases")
    void outputsAndGradientsMatchKeras(RnnGolden.Case g) {
        RnnGoldenTest.assertMatchesKeras(RnnGoldenTest.layerOf(LAYERS.get(g.name()), g), g);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statefulCases")
    void statefulLayerCarriesItsStatesAcrossBatches(RnnGolden.Case g) {
        RnnGoldenTest.assertStatefulMatchesKeras((RNN) RnnGoldenTest.layerOf(LAYERS.get(g.name()), g), g);
    }
}

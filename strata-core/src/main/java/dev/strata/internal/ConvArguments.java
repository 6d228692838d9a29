package dev.strata.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * The argument checks every convolution layer makes, as Keras's {@code standardize_tuple},
 * {@code standardize_padding} and {@code standardize_data_format} do: the convolution layers
 * ({@code layers.convolutional.BaseConvolution}) and the convolutional LSTM cell ({@code layers.rnn.ConvLSTMCell})
 * call them, so their messages stay the same. Each message starts with the layer's class name.
 */
public final class ConvArguments {
    /** Keras's {@code "channels_last"}: (batch, *spatial, channels). */
    public static final String CHANNELS_LAST = "channels_last";
    /** Keras's {@code "channels_first"}: (batch, channels, *spatial). */
    public static final String CHANNELS_FIRST = "channels_first";

    private ConvArguments() {
    }

    /**
     * One value per spatial axis from one value for all or one each (Keras's {@code standardize_tuple}).
     *
     * @throws IllegalArgumentException naming {@code layer} and {@code what}, for a wrong count or a value below 1
     *     (below 0 if {@code allowZero})
     */
    public static int[] tuple(String layer, int rank, String what, int[] values, boolean allowZero) {
        if (values == null || (values.length != 1 && values.length != rank)) {
            throw new IllegalArgumentException(layer + ": " + what + " must be one integer or " + rank
                    + " integers (one per spatial axis), got " + (values == null ? "None" : Arrays.toString(values)));
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = values[values.length == 1 ? 0 : i];
            if (out[i] < (allowZero ? 0 : 1)) {
                throw new IllegalArgumentException(layer + ": " + what + " must hold "
                        + (allowZero ? "non-negative" : "positive") + " integers, got " + Arrays.toString(values));
            }
        }
        return out;
    }

    /**
     * The padding in lower case: "valid", "same", or (where {@code allowCausal}) "causal".
     *
     * @throws IllegalArgumentException naming {@code layer}, for another value
     */
    public static String padding(String layer, String value, boolean allowCausal) {
        String p = value == null ? "" : value.toLowerCase(Locale.ROOT);
        boolean ok = p.equals("valid") || p.equals("same") || (p.equals("causal") && allowCausal);
        if (!ok) {
            throw new IllegalArgumentException(layer + ": padding must be 'valid' or 'same'"
                    + (allowCausal ? " or 'causal'" : "") + ", got '" + value + "'");
        }
        return p;
    }

    /**
     * The data format in lower case ("channels_last" for null).
     *
     * @throws IllegalArgumentException naming {@code layer}, for another value
     */
    public static String dataFormat(String layer, String value) {
        String f = value == null ? CHANNELS_LAST : value.toLowerCase(Locale.ROOT);
        if (!f.equals(CHANNELS_LAST) && !f.equals(CHANNELS_FIRST)) {
            throw new IllegalArgumentException(layer + ": data_format must be 'channels_last' or 'channels_first', "
                    + "got '" + value + "'");
        }
        return f;
    }

    /**
     * Keras's refusal of strides above 1 together with a dilation rate above 1, in the layer's own words
     * ({@code conflict}: "are not supported with" for the convolutions, "are not compatible with" for ConvLSTM,
     * as Keras words them).
     *
     * @throws IllegalArgumentException naming {@code layer} and both values, if both exceed 1 somewhere
     */
    public static void checkStridesAndDilation(String layer, int[] strides, int[] dilationRate, String conflict) {
        if (Arrays.stream(strides).anyMatch(s -> s > 1) && Arrays.stream(dilationRate).anyMatch(d -> d > 1)) {
            throw new IllegalArgumentException(layer + ": strides > 1 " + conflict + " dilation_rate > 1, got strides "
                    + Arrays.toString(strides) + " and dilation_rate " + Arrays.toString(dilationRate));
        }
    }
}

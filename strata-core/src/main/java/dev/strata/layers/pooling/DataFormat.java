package dev.strata.layers.pooling;

import java.util.Locale;

/** Keras's {@code standardize_data_format} for the pooling layers. */
final class DataFormat {
    static final String CHANNELS_LAST = "channels_last";
    static final String CHANNELS_FIRST = "channels_first";

    private DataFormat() {
    }

    /**
     * "channels_last" for null, else the format in lower case.
     *
     * @throws IllegalArgumentException naming {@code who} for any other value
     */
    static String standardize(String who, String dataFormat) {
        if (dataFormat == null) {
            return CHANNELS_LAST;
        }
        String f = dataFormat.toLowerCase(Locale.ROOT);
        if (!f.equals(CHANNELS_LAST) && !f.equals(CHANNELS_FIRST)) {
            throw new IllegalArgumentException(who + ": data_format must be \"channels_last\" or \"channels_first\", "
                    + "got \"" + dataFormat + "\"");
        }
        return f;
    }

    /** The axes of an input of {@code rank}, in words, e.g. "(batch, height, width, channels)". */
    static String axes(int spatialDims, String dataFormat) {
        String spatial = switch (spatialDims) {
            case 1 -> "steps";
            case 2 -> "height, width";
            default -> "depth, height, width";
        };
        return dataFormat.equals(CHANNELS_FIRST) ? "(batch, channels, " + spatial + ")"
                : "(batch, " + spatial + ", channels)";
    }
}

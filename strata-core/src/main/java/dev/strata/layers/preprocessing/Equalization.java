package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Equalizes the histogram of each colour channel in training, like {@code keras.layers.Equalization(value_range=(0,
 * 255), bins=256, data_format=None)}: with the values mapped to [0, 255], a {@code bins}-bin histogram of a channel
 * (over the whole batch, as Keras's JAX path counts it), its cumulative counts as a lookup table rounded to [0, 255],
 * each value replaced by its bin's entry, then mapped back to {@code value_range}; a channel whose values fall in one
 * bin is kept. Draws nothing; outside training the input is returned unchanged (as Keras's {@code
 * transform_images}). A lookup, so its gradient is zero.
 */
public class Equalization extends Layer {
    private double[] valueRange = {0, 255};
    private final int bins;
    private String dataFormat = Images.CHANNELS_LAST;

    /** Keras's default: 256 bins. */
    public Equalization() {
        this(256);
    }

    /**
     * {@code bins} bins.
     *
     * @throws IllegalArgumentException if {@code bins} is not positive
     */
    public Equalization(int bins) {
        this.bins = Images.size(describe(), "bins", bins);
    }

    @Override
    public Equalization named(String name) {
        super.named(name);
        return this;
    }

    /** The number of bins. */
    public int bins() {
        return bins;
    }

    /** The range of the values (default [0, 255]), sorted. */
    public Equalization valueRange(double a, double b) {
        requireNotBuilt("valueRange");
        this.valueRange = ColorLayers.sortedRange(describe(), a, b);
        return this;
    }

    /** "channels_last" (default, null too) or "channels_first". */
    public Equalization dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Images.dataFormat(describe(), dataFormat);
        return this;
    }

    /** Called on its own it equalizes, as Keras's {@code call(data, training=True)}; predict does not. */
    @Override
    protected boolean trainingByDefault() {
        return true;
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        if (!training() || input.isSymbolic()) {
            return input;
        }
        return transform(input, valueRange, bins, dataFormat);
    }

    /** Keras's {@code transform_images} in training, in its float32 steps. */
    static Tensor transform(Tensor images, double[] valueRange, int bins, String dataFormat) {
        Shape s = images.shape();
        boolean first = dataFormat.equals(Images.CHANNELS_FIRST);
        int channels = s.get(first ? 1 : 3);
        int plane = s.get(2) * (first ? s.get(3) : 1);
        float[] x = images.toFloatArray();
        float[] out = new float[x.length];
        // _scale_values: Python computes scale and offset in double; the arrays take them as float32
        float toScale = (float) (255.0 / (valueRange[1] - valueRange[0]));
        float toOffset = (float) (0 - valueRange[0] * (255.0 / (valueRange[1] - valueRange[0])));
        float backScale = (float) ((valueRange[1] - valueRange[0]) / 255.0);
        float backOffset = (float) valueRange[0];
        float[] v = new float[x.length / channels];
        int[] where = new int[v.length];
        for (int c = 0; c < channels; c++) {
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                if ((first ? (i / plane) % channels : i % channels) == c) {
                    where[n] = i;
                    v[n++] = x[i] * toScale + toOffset;
                }
            }
            long[] hist = new long[bins];
            int nonzero = 0;
            for (int j = 0; j < n; j++) {
                // _custom_histogram_fixed_width: (v - 0) * (bins - 1) / (255 - 0), truncated, clipped
                float scaled = ((v[j] - 0f) * (float) (bins - 1)) / 255f;
                int idx = (int) Math.min(bins - 1, Math.max(0, castInt(scaled)));
                if (hist[idx]++ == 0) {
                    nonzero++;
                }
            }
            float[] lut = nonzero <= 1 ? null : lookupTable(hist);
            for (int j = 0; j < n; j++) {
                float e = v[j];
                if (lut != null) {
                    float scaled = (v[j] / 255f) * (float) (bins - 1);
                    int idx = (int) Math.min(bins - 1f, Math.max(0f, scaled));
                    e = lut[idx];
                }
                out[where[j]] = e * backScale + backOffset;
            }
        }
        return Tensor.of(out, s);
    }

    /** JAX's float32 to int32 cast: toward zero. */
    private static long castInt(float f) {
        return (long) f;
    }

    /** Keras's {@code _apply_equalization} table: {@code round((cdf - cdf_min) · 255 / (cdf[-1] - cdf_min))}. */
    private static float[] lookupTable(long[] hist) {
        long[] cdf = new long[hist.length];
        long sum = 0;
        for (int i = 0; i < hist.length; i++) {
            sum += hist[i];
            cdf[i] = sum;
        }
        long cdfMin = 0;
        for (long v : cdf) {
            if (v > 0) {
                cdfMin = v;
                break;
            }
        }
        long denominator = cdf[cdf.length - 1] - cdfMin;
        if (denominator == 0) {
            denominator = 1;
        }
        float[] lut = new float[hist.length];
        for (int i = 0; i < lut.length; i++) {
            // int32 / int32 divides in float32 in JAX; jnp.round rounds half to even
            float q = (float) ((cdf[i] - cdfMin) * 255) / (float) denominator;
            lut[i] = (float) Math.min(255, Math.max(0, Math.rint(q)));
        }
        return lut;
    }

    /** Keras's {@code Equalization.from_config}. */
    public static Equalization fromConfig(Config c) {
        Equalization e = new Equalization(c.integer("bins", 256)).dataFormat(c.string("data_format", null));
        double[] range = ColorLayers.readRange(c);
        if (range != null) {
            e.valueRange(range[0], range[1]);
        }
        return e;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("bins", bins);
        config.put("value_range", Images.pair(valueRange));
        return config;
    }
}

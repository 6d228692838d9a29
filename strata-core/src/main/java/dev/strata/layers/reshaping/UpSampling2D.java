package dev.strata.layers.reshaping;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Enlarges 2-D data by whole factors, like
 * {@code keras.layers.UpSampling2D(size=(2, 2), data_format=None, interpolation="nearest")}: inputs
 * {@code (batch, height, width, channels)} (or channels first) become {@code (batch, height·size[0],
 * width·size[1], channels)}.
 *
 * <p>Interpolation "nearest" repeats each row and column (Keras's {@code ops.repeat}); "bilinear" is
 * {@code jax.image.resize}'s (half-pixel centres; a sample beyond the border takes the border value), computed as
 * two weighted gathers per axis, so the gradient flows through them. Keras's other interpolations ("bicubic",
 * "lanczos3", "lanczos5", ...) are refused.
 *
 * <pre>{@code
 * Tensor y = new UpSampling2D(2).interpolation("bilinear").apply(x);
 * }</pre>
 */
public class UpSampling2D extends Layer {
    private final int[] size;
    private String dataFormat = Spatial.CHANNELS_LAST;
    private String interpolation = "nearest";

    /** Keras's default: a factor of 2 on both axes, nearest. */
    public UpSampling2D() {
        this(2, 2);
    }

    /**
     * A factor of {@code size} on both axes.
     *
     * @throws IllegalArgumentException if not positive
     */
    public UpSampling2D(int size) {
        this(size, size);
    }

    /**
     * Factors for the height and the width.
     *
     * @throws IllegalArgumentException if not positive
     */
    public UpSampling2D(int height, int width) {
        this.size = Spatial.sizes(describe(), "size", 2, height, width);
    }

    @Override
    public UpSampling2D named(String name) {
        super.named(name);
        return this;
    }

    /**
     * "channels_last" (default, null too) or "channels_first".
     *
     * @throws IllegalArgumentException for another value
     */
    public UpSampling2D dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Spatial.dataFormat(describe(), dataFormat);
        return this;
    }

    /**
     * "nearest" (default) or "bilinear" (any case).
     *
     * @throws IllegalArgumentException for another interpolation
     */
    public UpSampling2D interpolation(String interpolation) {
        requireNotBuilt("interpolation");
        String i = interpolation == null ? "" : interpolation.toLowerCase(Locale.ROOT);
        if (!i.equals("nearest") && !i.equals("bilinear")) {
            throw new IllegalArgumentException(describe() + ": interpolation must be \"nearest\" or \"bilinear\", "
                    + "got \"" + interpolation + "\" (Keras's bicubic and lanczos interpolations are not supported)");
        }
        this.interpolation = i;
        return this;
    }

    /** The factors, height then width. */
    public int[] size() {
        return size.clone();
    }

    /** "channels_last" or "channels_first". */
    public String dataFormat() {
        return dataFormat;
    }

    /** "nearest" or "bilinear". */
    public String interpolation() {
        return interpolation;
    }

    /** Each spatial size multiplied by its factor (unknown sizes stay unknown). */
    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        Spatial.requireRank(this, inputShape, 2, dataFormat);
        int first = Spatial.firstSpatialAxis(dataFormat);
        int[] out = inputShape.toArray();
        for (int i = 0; i < 2; i++) {
            if (out[first + i] != Shape.UNKNOWN) {
                out[first + i] *= size[i];
            }
        }
        return Shape.of(out);
    }

    @Override
    protected Tensor call(Tensor input) {
        Spatial.requireRank(this, input.shape(), 2, dataFormat);
        int first = Spatial.firstSpatialAxis(dataFormat);
        Tensor y = input;
        for (int i = 0; i < 2; i++) {
            y = interpolation.equals("nearest") ? Ops.repeat(y, size[i], first + i) : bilinear(y, first + i, size[i]);
        }
        return y;
    }

    /**
     * Linear interpolation along one axis, enlarged {@code factor} times, as {@code jax.image.resize} computes it:
     * output {@code i} samples the input at {@code (i + 0.5) / factor - 0.5}, between its two neighbours, a
     * neighbour outside the input replaced by the border element.
     */
    static Tensor bilinear(Tensor x, int axis, int factor) {
        if (factor == 1) {
            return x;
        }
        int in = x.shape().get(axis);
        int out = in * factor;
        int[] lower = new int[out];
        int[] upper = new int[out];
        float[] upperWeight = new float[out];
        float[] lowerWeight = new float[out];
        for (int i = 0; i < out; i++) {
            double at = (i + 0.5) / factor - 0.5;
            int below = (int) Math.floor(at);
            float frac = (float) (at - below);
            lower[i] = Math.clamp(below, 0, in - 1);
            upper[i] = Math.clamp(below + 1L, 0, in - 1);
            upperWeight[i] = frac;
            lowerWeight[i] = 1f - frac;
        }
        int[] weightShape = new int[x.shape().rank()];
        Arrays.fill(weightShape, 1);
        weightShape[axis] = out;
        Tensor a = Ops.multiply(Ops.take(x, lower, axis), Tensor.of(lowerWeight, weightShape));
        Tensor b = Ops.multiply(Ops.take(x, upper, axis), Tensor.of(upperWeight, weightShape));
        return Ops.add(a, b);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("size", Arrays.stream(size).boxed().toList());
        config.put("data_format", dataFormat);
        config.put("interpolation", interpolation);
        return config;
    }

    /** Keras's {@code UpSampling2D.from_config}. */
    public static UpSampling2D fromConfig(Config c) {
        int[] s = c.ints("size");
        int[] size = s == null ? new int[] {2, 2} : Spatial.sizes("UpSampling2D", "size", 2, s);
        return new UpSampling2D(size[0], size[1]).dataFormat(c.string("data_format", null))
                .interpolation(c.string("interpolation", "nearest"));
    }
}

package dev.strata.layers.reshaping;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Enlarges 2-D data by whole factors, like
 * {@code keras.layers.UpSampling2D(size=(2, 2), data_format=None, interpolation="nearest")}: inputs
 * {@code (batch, height, width, channels)} (or channels first) become {@code (batch, height·size[0],
 * width·size[1], channels)}.
 *
 * <p>Interpolation "nearest" repeats each row and column (Keras's {@code ops.repeat}); "bilinear", "bicubic",
 * "lanczos3" and "lanczos5" resize to the enlarged size with {@link Ops#resize} ({@code jax.image.resize}'s
 * numerics, without antialiasing), as Keras does.
 *
 * <pre>{@code
 * Tensor y = new UpSampling2D(2).interpolation("bilinear").apply(x);
 * }</pre>
 */
public class UpSampling2D extends Layer {
    /** Keras's choices: nearest repeats; the others are {@code ops.image.resize}'s. */
    private static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear", "bicubic", "lanczos3",
            "lanczos5");
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
     * "nearest" (default), "bilinear", "bicubic", "lanczos3" or "lanczos5" (any case).
     *
     * @throws IllegalArgumentException for another interpolation
     */
    public UpSampling2D interpolation(String interpolation) {
        requireNotBuilt("interpolation");
        String i = interpolation == null ? "" : interpolation.toLowerCase(Locale.ROOT);
        if (!INTERPOLATIONS.contains(i)) {
            throw new IllegalArgumentException(describe() + ": interpolation must be one of " + INTERPOLATIONS
                    + ", got \"" + interpolation + "\"");
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

    /** The interpolation, lower case. */
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
        if (interpolation.equals("nearest")) {
            Tensor y = input;
            for (int i = 0; i < 2; i++) {
                y = Ops.repeat(y, size[i], first + i);
            }
            return y;
        }
        // As Keras: ops.image.resize to the enlarged size, without antialiasing.
        int[] target = {input.shape().get(first) * size[0], input.shape().get(first + 1) * size[1]};
        return Ops.resize(input, target, interpolation, false, false, false, "constant", 0f, dataFormat);
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

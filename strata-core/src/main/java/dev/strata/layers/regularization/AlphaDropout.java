package dev.strata.layers.regularization;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Dropout that keeps the mean and variance of its inputs, for self-normalizing networks (selu), like
 * {@code keras.layers.AlphaDropout}: in training each input is kept with probability {@code 1 - rate} or set to
 * selu's negative saturation {@code alpha' = -1.6732632... × 1.0507009...}, then the result is mapped by
 * {@code a·x + b} with {@code a = ((1 - rate)(1 + rate·alpha'²))^-1/2} and {@code b = -a·alpha'·rate}. Outside training
 * the input is returned unchanged. The mask comes from the generator seeded by {@code Strata.setRandomSeed}, or from
 * the layer's own with {@link #seed(long)}; {@link #noiseShape} shares it across axes as in Keras. Keras accepts
 * {@code rate = 1}, for which {@code a} is infinite; Strata refuses it.
 *
 * <pre>{@code
 * Model m = new Sequential(new InputLayer(8), new Dense(16, "selu"), new AlphaDropout(0.1), new Dense(1));
 * }</pre>
 */
public class AlphaDropout extends Layer {
    /** selu's alpha and scale, as Keras writes them. */
    private static final double ALPHA = 1.6732632423543772848170429916717;
    private static final double SCALE = 1.0507009873554804934193349852946;
    private static final double ALPHA_P = -ALPHA * SCALE;

    private final double rate;
    private int[] noiseShape;
    private Long seed;
    private RandomGenerator generator;

    /**
     * Alpha dropout of a fraction {@code rate} of the inputs in training.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [0, 1)
     */
    public AlphaDropout(double rate) {
        this.rate = Noise.rate("AlphaDropout", "rate", rate, false);
    }

    @Override
    public AlphaDropout named(String name) {
        super.named(name);
        return this;
    }

    /**
     * The shape of the mask, batch included, like Keras's {@code noise_shape}: {@link Shape#UNKNOWN} (-1, Keras's
     * {@code None}) takes the input's size, a size-1 entry shares the mask along that axis.
     *
     * @throws IllegalArgumentException if an entry is 0 or below -1
     */
    public AlphaDropout noiseShape(int... shape) {
        requireNotBuilt("noiseShape");
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0 || shape[i] < Shape.UNKNOWN) {
                throw new IllegalArgumentException(describe() + ": invalid value for argument noise_shape: expected "
                        + "positive sizes or -1 (None), got " + shape[i] + " at index " + i);
            }
        }
        this.noiseShape = shape.clone();
        return this;
    }

    /** Draws masks from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public AlphaDropout seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Noise.generator(seed);
        return this;
    }

    /** The fraction of inputs dropped in training. */
    public double rate() {
        return rate;
    }

    /** The affine factor {@code a = ((1 - rate)(1 + rate·alpha'²))^-1/2}, in double as Keras computes it in Python. */
    public double a() {
        return Math.pow((1 - rate) * (1 + rate * ALPHA_P * ALPHA_P), -0.5);
    }

    /** The affine offset {@code b = -a·alpha'·rate}. */
    public double b() {
        return -a() * ALPHA_P * rate;
    }

    @Override
    protected Tensor call(Tensor input) {
        if (!training() || rate == 0 || input.isSymbolic()) {
            return input;
        }
        // kept = uniform >= rate (Keras's comparison); x·kept + alpha'·(1 - kept) is a select.
        Tensor kept = Ops.greaterEqual(Noise.uniform(maskShape(input.shape()), generator), (float) rate);
        Tensor x = Ops.where(kept, input, Tensor.scalar((float) ALPHA_P));
        return Ops.add(Ops.multiply(x, (float) a()), (float) b());
    }

    private Shape maskShape(Shape in) {
        if (noiseShape == null) {
            return in;
        }
        if (noiseShape.length != in.rank()) {
            throw new ShapeException(describe() + ": noise_shape " + Arrays.toString(noiseShape) + " has rank "
                    + noiseShape.length + " but the input has shape " + in);
        }
        int[] dims = new int[in.rank()];
        for (int i = 0; i < dims.length; i++) {
            int d = noiseShape[i] == Shape.UNKNOWN ? in.get(i) : noiseShape[i];
            if (d != 1 && d != in.get(i)) {
                throw new ShapeException(describe() + ": noise_shape " + Arrays.toString(noiseShape)
                        + " does not broadcast to the input shape " + in + " at axis " + i
                        + " (each entry must be 1, -1 or the input's size)");
            }
            dims[i] = d;
        }
        return Shape.of(dims);
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code AlphaDropout.from_config}. */
    public static AlphaDropout fromConfig(Config c) {
        AlphaDropout d = new AlphaDropout(c.requireNumber("rate"));
        Integer seed = c.integer("seed", null);
        if (seed != null) {
            d.seed(seed);
        }
        Shape noise = c.shape("noise_shape");
        if (noise != null) {
            d.noiseShape(noise.toArray());
        }
        return d;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("rate", rate);
        config.put("seed", seed);
        config.put("noise_shape", noiseShape == null ? null
                : Arrays.stream(noiseShape).mapToObj(d -> d == Shape.UNKNOWN ? null : (Object) d).toList());
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }

    /** Keras's {@code call(..., training=False)}: its graph records {@code training: false} with every call. */
    @Override
    public java.util.Map<String, Object> kerasCallKeywords() {
        return java.util.Map.of("training", false);
    }
}

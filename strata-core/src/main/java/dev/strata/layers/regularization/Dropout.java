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
import java.util.random.RandomGeneratorFactory;

/**
 * Randomly sets a fraction {@code rate} of its inputs to 0 during training and scales the others by
 * {@code 1 / (1 - rate)}, so the expected sum is unchanged; like {@code keras.layers.Dropout}. Outside training
 * (prediction, evaluation, a plain {@code apply}) it returns its input unchanged.
 *
 * <pre>{@code
 * Model mlp = new Sequential(new InputLayer(8), new Dense(30, "relu"), new Dropout(0.2), new Dense(1));
 * Tensor y = new Dropout(0.5).apply(x, true);  // training mode
 * }</pre>
 *
 * <p>Masks come from the generator seeded by {@code Strata.setRandomSeed}, so a seeded single-threaded run
 * repeats itself; with {@link #seed(long)} the layer draws from its own generator instead, repeating the same
 * sequence of masks whatever else draws random numbers. {@link #noiseShape} shares one mask across axes (a
 * size-1 entry) as in Keras; the gradient flows through the kept inputs.
 */
public class Dropout extends Layer {
    private static final Tensor ZERO = Tensor.scalar(0f);

    private final double rate;
    private int[] noiseShape;
    private Long seed;
    private RandomGenerator generator;

    /**
     * Drops a fraction {@code rate} of the inputs in training.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [0, 1] (1 drops everything, as in Keras)
     */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Dropout: invalid value for argument rate: expected a float value "
                    + "between 0 and 1, got " + rate);
        }
        this.rate = rate;
    }

    @Override
    public Dropout named(String name) {
        super.named(name);
        return this;
    }

    /**
     * The shape of the mask, batch included, like Keras's {@code noise_shape}: a size-1 entry shares one mask
     * value along that axis and {@link Shape#UNKNOWN} (-1, Keras's {@code None}) takes the input's size. E.g.
     * {@code noiseShape(-1, 1, -1)} drops the same features at every time step of a (batch, steps, features)
     * input. Only before the layer is built.
     *
     * @throws IllegalArgumentException if an entry is 0 or below -1
     */
    public Dropout noiseShape(int... shape) {
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
    public Dropout seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        return this;
    }

    /** The fraction of inputs dropped in training. */
    public double rate() {
        return rate;
    }

    @Override
    protected Tensor call(Tensor input) {
        if (!training() || rate == 0 || input.isSymbolic()) {
            return input;
        }
        if (rate == 1) {
            // Every input dropped: zeros (even for inf/NaN inputs, as Keras), still on the tape with a zero gradient.
            return Ops.where(ZERO, input, ZERO);
        }
        Shape maskShape = maskShape(input.shape());
        float keep = (float) (1.0 - rate);
        // 1 with probability keep, else 0: a uniform draw below keep, as jax's bernoulli.
        Tensor uniform = generator == null ? Tensor.uniform(maskShape, 0f, 1f)
                : Tensor.uniform(maskShape, 0f, 1f, generator);
        Tensor mask = Ops.less(uniform, keep);
        // As Keras's jax backend: select(mask, x / keep, 0), so kept values are x / keep exactly.
        return Ops.where(mask, Ops.divide(input, keep), ZERO);
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

    /** Keras's {@code Dropout.from_config}. */
    public static Dropout fromConfig(Config c) {
        Dropout d = new Dropout(c.number("rate", Double.NaN));
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

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
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

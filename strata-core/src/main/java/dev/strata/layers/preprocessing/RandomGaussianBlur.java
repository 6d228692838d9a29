package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blurs each image of a batch with some probability in training, like {@code keras.layers.RandomGaussianBlur(
 * factor=1.0, kernel_size=3, sigma=1.0, value_range=(0, 255), data_format=None, seed=None)}: as Keras draws them,
 * per image a probability {@code p} in {@code factor} and a threshold {@code t} in [0, 1) (blurred where
 * {@code t < p}), then for the whole batch two sigmas in {@code sigma} (plus 1e-6) for {@link Ops#gaussianBlur}
 * with {@code kernel_size}; every output, blurred or not, is clipped to {@code value_range}. {@code factor} and
 * {@code sigma} are Keras's (bounds 0 and 1): a number {@code f} gives {@code (0, f)}, a pair is sorted;
 * {@code kernel_size} is an odd number or a pair of odd numbers. Outside training the input is returned unchanged.
 * Differentiable in the images.
 */
public class RandomGaussianBlur extends RandomImageLayer<RandomGaussianBlur> {
    private final Number[] factor;
    private int[] kernelSize = {3, 3};
    private Number[] sigma = {0, 1.0};
    private double[] valueRange = {0, 255};

    /** Keras's default factor 1.0: each image's probability is drawn in [0, 1], so about half are blurred. */
    public RandomGaussianBlur() {
        this(ColorLayers.floats(1.0));
    }

    /**
     * Blurs an image with a probability drawn in {@code [0, factor]}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [0, 1]
     */
    public RandomGaussianBlur(double factor) {
        this(ColorLayers.floats(factor));
    }

    /**
     * Blurs an image with a probability drawn in {@code [factor[0], factor[1]]} (sorted).
     *
     * @throws IllegalArgumentException unless a pair with its first entry at most 1 and its second at least 0
     */
    public RandomGaussianBlur(double[] factor) {
        this(factor == null ? null : ColorLayers.floats(factor));
    }

    private RandomGaussianBlur(Number[] factor) {
        this.factor = ColorLayers.baseFactor(describe(), "factor", factor, 0, 1);
    }

    /**
     * The kernel's size: one odd number for both axes, or two (Keras's order: the first along the width, as
     * {@link Ops#gaussianBlur} reads it).
     *
     * @throws IllegalArgumentException unless one or two odd positive numbers
     */
    public RandomGaussianBlur kernelSize(int... kernelSize) {
        requireNotBuilt("kernelSize");
        if (kernelSize == null || (kernelSize.length != 1 && kernelSize.length != 2)) {
            throw new IllegalArgumentException(describe() + ": the kernel_size argument should be a number (or a "
                    + "list of two numbers), got " + (kernelSize == null ? "None" : java.util.Arrays.toString(
                    kernelSize)));
        }
        int[] k = kernelSize.length == 1 ? new int[] {kernelSize[0], kernelSize[0]} : kernelSize.clone();
        if (k[0] % 2 == 0 || k[1] % 2 == 0 || k[0] < 1 || k[1] < 1) {
            throw new IllegalArgumentException(describe() + ": kernel_size must be an odd positive number, got "
                    + (kernelSize.length == 1 ? String.valueOf(kernelSize[0]) : java.util.Arrays.toString(k)));
        }
        this.kernelSize = k;
        return this;
    }

    /**
     * The range of the sigmas: a number {@code s} in [0, 1] gives {@code (0, s)}, a pair is sorted (default 1.0).
     *
     * @throws IllegalArgumentException if it is out of [0, 1]
     */
    public RandomGaussianBlur sigma(double... sigma) {
        requireNotBuilt("sigma");
        return sigma(sigma == null ? null : ColorLayers.floats(sigma));
    }

    private RandomGaussianBlur sigma(Number[] sigma) {
        this.sigma = ColorLayers.baseFactor(describe(), "sigma", sigma, 0, 1);
        return this;
    }

    /** The range outputs are clipped to (default [0, 255]), as given. */
    public RandomGaussianBlur valueRange(double low, double high) {
        requireNotBuilt("valueRange");
        this.valueRange = new double[] {low, high};
        return this;
    }

    @Override
    Tensor augment(Tensor images, int batch) {
        double[] f = ColorLayers.doubles(factor);
        double[] s = ColorLayers.doubles(sigma);
        float[] probability = Images.uniform(batch, f[0], f[1], generator);
        float[] threshold = Images.uniform(batch, 0, 1, generator);
        float[] sigmas = Images.uniform(2, s[0], s[1], generator);
        boolean[] apply = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            apply[b] = threshold[b] < probability[b];
        }
        return transform(images, apply, new float[] {sigmas[0] + 1e-6f, sigmas[1] + 1e-6f}, kernelSize, valueRange,
                dataFormat);
    }

    /** Keras's {@code transform_images}: blurred where {@code apply} holds, then all clipped to {@code valueRange}. */
    static Tensor transform(Tensor images, boolean[] apply, float[] sigmas, int[] kernelSize, double[] valueRange,
            String dataFormat) {
        Tensor blurred = Ops.gaussianBlur(images, kernelSize, sigmas, dataFormat);
        Tensor out = Ops.where(ColorLayers.perImage(apply), blurred, images);
        return Ops.clip(out, (float) valueRange[0], (float) valueRange[1]);
    }

    /** Keras's {@code RandomGaussianBlur.from_config}. */
    public static RandomGaussianBlur fromConfig(Config c) {
        Number[] f = ColorLayers.readNumbers(c, "factor");
        RandomGaussianBlur r = new RandomGaussianBlur(f == null ? ColorLayers.floats(1.0) : f)
                .dataFormat(c.string("data_format", null));
        Number[] k = ColorLayers.readNumbers(c, "kernel_size");
        if (k != null) {
            int[] ints = new int[k.length];
            for (int i = 0; i < ints.length; i++) {
                if (k[i].doubleValue() != Math.rint(k[i].doubleValue())) {
                    throw c.error("'kernel_size' must hold whole numbers, got " + ColorLayers.describe(k));
                }
                ints[i] = k[i].intValue();
            }
            r.kernelSize(ints);
        }
        Number[] s = ColorLayers.readNumbers(c, "sigma");
        if (s != null) {
            r.sigma(s);
        }
        double[] range = ColorLayers.readRange(c);
        if (range != null) {
            r.valueRange(range[0], range[1]);
        }
        return r.readSeed(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("factor", ColorLayers.write(factor));
        config.put("kernel_size", List.of(kernelSize[0], kernelSize[1]));
        config.put("sigma", ColorLayers.write(sigma));
        config.put("value_range", Images.pair(valueRange));
        config.put("seed", seed);
        return config;
    }
}

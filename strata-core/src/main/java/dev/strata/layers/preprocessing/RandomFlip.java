package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flips each image of a batch with probability 1/2 in training, like {@code keras.layers.RandomFlip(
 * mode="horizontal_and_vertical", seed=None, data_format=None)}: "horizontal" reverses the columns, "vertical" the
 * rows, "horizontal_and_vertical" both (one draw per image decides both, as in Keras). Outside training (prediction,
 * evaluation, a plain {@code apply}) the input is returned unchanged. Keras's layers run in training when called
 * directly outside a model; Strata's run in training only when asked ({@code apply(x, true)}, {@code fit}).
 *
 * <p>The draws come from the generator seeded by {@code Strata.setRandomSeed}, or from the layer's own with
 * {@link #seed(long)}; Keras's draws differ (another generator), its transform for a given draw is the same.
 */
public class RandomFlip extends RandomImageLayer<RandomFlip> {
    static final List<String> MODES = List.of("horizontal", "vertical", "horizontal_and_vertical");

    private final String mode;

    /** Keras's default: flips horizontally and vertically. */
    public RandomFlip() {
        this("horizontal_and_vertical");
    }

    /**
     * Flips in {@code mode}: "horizontal", "vertical" or "horizontal_and_vertical".
     *
     * @throws IllegalArgumentException for another mode
     */
    public RandomFlip(String mode) {
        this.mode = Images.oneOf(describe(), "mode", mode, MODES);
    }

    /** The mode. */
    public String mode() {
        return mode;
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        float[] u = Images.uniform(batch, 0, 1, generator);
        boolean[] flips = new boolean[batch];
        for (int i = 0; i < batch; i++) {
            flips[i] = u[i] <= 0.5f; // Keras: less_equal(uniform, 0.5)
        }
        return flip(input, flips, mode, dataFormat);
    }

    /** Keras's {@code _flip_inputs}: the flipped images where {@code flips} says so. */
    static Tensor flip(Tensor x, boolean[] flips, String mode, String dataFormat) {
        float[] m = new float[flips.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = flips[i] ? 1f : 0f;
        }
        Tensor mask = Tensor.of(m, m.length, 1, 1, 1);
        int h = Images.heightAxis(dataFormat);
        Tensor y = x;
        if (!mode.equals("vertical")) {
            y = Ops.where(mask, reverse(y, h + 1), y);
        }
        if (!mode.equals("horizontal")) {
            y = Ops.where(mask, reverse(y, h), y);
        }
        return y;
    }

    private static Tensor reverse(Tensor x, int axis) {
        int n = x.shape().get(axis);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = n - 1 - i;
        }
        return Ops.take(x, idx, axis);
    }

    /** Keras's {@code RandomFlip.from_config}. */
    public static RandomFlip fromConfig(Config c) {
        return new RandomFlip(c.string("mode", "horizontal_and_vertical")).dataFormat(c.string("data_format", null))
                .readSeed(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("seed", seed);
        config.put("mode", mode);
        return config;
    }
}

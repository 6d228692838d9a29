package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes integer category ids (whole numbers in float32) as one-hot, multi-hot or count vectors, like
 * {@code keras.layers.CategoryEncoding(num_tokens, output_mode="multi_hot")}: {@code one_hot} gives each id its
 * own vector (a last dimension of 1 is replaced), {@code multi_hot} and {@code count} summarise each sample's ids
 * (axis 1; a vector is one sample) in one vector of {@code num_tokens}. Dense outputs only (Keras's
 * {@code sparse=True} is not supported). No weights; works inside models.
 *
 * <pre>{@code
 * Tensor y = new CategoryEncoding(4, "count").apply(Tensor.of(new float[] {0, 1, 1, 3}, 2, 2));
 * // [[1, 2, 0, 0], [0, 0, 0, 1]]... per row: counts of each id
 * }</pre>
 *
 * <p>An id that is not a whole number in {@code [0, num_tokens)} is an error naming the layer (Keras's TensorFlow
 * path asserts the same; its JAX path would give a zero vector).
 */
public class CategoryEncoding extends Layer {
    private final int numTokens;
    private final String outputMode;

    /** {@code multi_hot} encoding of ids in {@code [0, numTokens)}. */
    public CategoryEncoding(int numTokens) {
        this(numTokens, "multi_hot");
    }

    /**
     * @param numTokens the number of categories (the output's last dimension)
     * @param outputMode {@code "one_hot"}, {@code "multi_hot"} (or Keras's old {@code "binary"}) or {@code "count"}
     * @throws IllegalArgumentException for {@code numTokens < 1} or an unknown mode
     */
    public CategoryEncoding(int numTokens, String outputMode) {
        if (numTokens < 1) {
            throw new IllegalArgumentException("CategoryEncoding: `num_tokens` must be >= 1. Received: num_tokens="
                    + numTokens + ".");
        }
        this.numTokens = numTokens;
        this.outputMode = Categorical.mode(outputMode, List.of("one_hot", "multi_hot", "count"), "CategoryEncoding");
    }

    @Override
    public CategoryEncoding named(String name) {
        super.named(name);
        return this;
    }

    /** The number of categories. */
    public int numTokens() {
        return numTokens;
    }

    /** The output mode. */
    public String outputMode() {
        return outputMode;
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return Categorical.outputShape(inputShape, outputMode, numTokens);
    }

    @Override
    protected Tensor call(Tensor input) {
        Categorical.requireNonEmpty(input.shape(), describe());
        int[] ids = Categorical.ids(input, numTokens, describe(), "input values");
        return Categorical.encode(ids, input.shape(), outputMode, numTokens, null);
    }

    /** Keras's {@code CategoryEncoding.from_config}. */
    public static CategoryEncoding fromConfig(Config c) {
        Integer n = c.integer("num_tokens", null);
        if (n == null) {
            throw c.error("num_tokens must be set to use this layer");
        }
        c.requireDefault("sparse", false, "sparse outputs are not supported");
        return new CategoryEncoding(n, c.string("output_mode", "multi_hot"));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("num_tokens", numTokens);
        config.put("output_mode", outputMode);
        return config;
    }

}

package dev.strata.layers.reshaping;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Permutes the axes of each sample, like {@code keras.layers.Permute(dims)}: {@code dims} lists the sample axes,
 * counted from 1 (the batch axis stays first), in their new order; {@code new Permute(2, 1)} swaps the two axes of a
 * sequence. The gradient is the inverse permutation.
 *
 * <pre>{@code
 * Tensor y = new Permute(2, 1).apply(x);   // (None, 10, 64) -> (None, 64, 10)
 * }</pre>
 */
public class Permute extends Layer {
    private final int[] dims;

    /**
     * A permutation of the sample axes {@code 1..n}.
     *
     * @throws IllegalArgumentException if {@code dims} is not a permutation of 1..n
     */
    public Permute(int... dims) {
        int[] sorted = dims.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException(describe() + ": dims must be a permutation of the sample axes, "
                        + "consecutive and starting from 1; got " + Arrays.toString(dims));
            }
        }
        if (dims.length == 0) {
            throw new IllegalArgumentException(describe() + ": give at least one axis in dims");
        }
        this.dims = dims.clone();
    }

    @Override
    public Permute named(String name) {
        super.named(name);
        return this;
    }

    /** The permutation of the sample axes, counted from 1. */
    public int[] dims() {
        return dims.clone();
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.shape().rank() != dims.length + 1) {
            List<dev.strata.tensor.Shape> built = buildInputShapes();
            throw new ShapeException(describe() + " permutes " + dims.length + " sample axes (dims "
                    + Arrays.toString(dims) + "), so it expects inputs of rank " + (dims.length + 1)
                    + ", but received shape " + input.shape()
                    + (built.isEmpty() ? "" : " (built for shape " + built.getFirst() + ")"));
        }
        int[] perm = new int[dims.length + 1];
        System.arraycopy(dims, 0, perm, 1, dims.length);
        return Ops.transpose(input, perm);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("dims", Arrays.stream(dims).boxed().toList());
        return config;
    }

    /** Keras's {@code Permute.from_config}. */
    public static Permute fromConfig(Config c) {
        int[] dims = c.ints("dims");
        if (dims == null) {
            throw c.error("missing 'dims'");
        }
        return new Permute(dims);
    }
}

package dev.strata.layers.reshaping;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeats each sample vector {@code n} times, like {@code keras.layers.RepeatVector(n)}: inputs
 * {@code (batch, features)} become {@code (batch, n, features)} (as an encoder's summary fed to every step of a
 * decoder). The gradient sums the copies.
 *
 * <pre>{@code
 * Tensor y = new RepeatVector(3).apply(x);   // (None, 32) -> (None, 3, 32)
 * }</pre>
 */
public class RepeatVector extends Layer {
    private final int n;

    /**
     * Repeats {@code n} times.
     *
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public RepeatVector(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException(describe() + ": n must be a positive integer, got " + n);
        }
        this.n = n;
    }

    @Override
    public RepeatVector named(String name) {
        super.named(name);
        return this;
    }

    /** The number of copies. */
    public int n() {
        return n;
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape s = input.shape();
        if (s.rank() != 2) {
            List<Shape> built = buildInputShapes();
            throw new ShapeException(describe() + " expects inputs of rank 2, (batch, features), but received shape "
                    + s + (built.isEmpty() ? "" : " (built for shape " + built.getFirst() + ")"));
        }
        return Ops.repeat(Ops.expandDims(input, 1), n, 1);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("n", n);
        return config;
    }

    /** Keras's {@code RepeatVector.from_config}. */
    public static RepeatVector fromConfig(Config c) {
        return new RepeatVector(c.requireInt("n"));
    }
}

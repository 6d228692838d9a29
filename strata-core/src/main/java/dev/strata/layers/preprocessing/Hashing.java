package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.internal.FarmHash;
import dev.strata.internal.config.KerasForms;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hashes values into {@code num_bins} bins, like {@code keras.layers.Hashing}, with Keras's exact bins: each value is
 * written as a string (a number as its whole part, Keras's cast to int64, so {@code 3.7} hashes as {@code "3"}) and
 * bucketed by FarmHash {@code Fingerprint64} modulo the bins (TensorFlow's {@code to_hash_bucket_fast}), or by
 * SipHash-2-4 keyed by {@code salt} (its {@code to_hash_bucket_strong}). With {@code mask_value}, bin 0 is kept for
 * it and the others hash into bins 1 to {@code num_bins - 1}.
 *
 * <p>Numbers come as ordinary tensors, so the layer works inside models; strings come through
 * {@link #apply(String[][])} (a batch of strings in, float32 bin ids out), since Strata has no string tensors.
 * {@code output_mode}: {@code int} (bin ids), {@code one_hot}, {@code multi_hot}, {@code count}.
 *
 * <pre>{@code
 * Hashing h = new Hashing(3);
 * Tensor bins = h.apply(new String[][] {{"A"}, {"B"}, {"C"}, {"D"}, {"E"}});   // Keras: [[1], [0], [1], [1], [2]]
 * }</pre>
 */
public class Hashing extends Layer {
    private final int numBins;
    private Object maskValue;
    private long[] salt;
    private String outputMode = "int";

    /**
     * @param numBins the number of bins, including the mask's bin when there is a mask value
     * @throws IllegalArgumentException if {@code numBins <= 0}
     */
    public Hashing(int numBins) {
        if (numBins <= 0) {
            throw new IllegalArgumentException("Hashing: the `num_bins` for `Hashing` cannot be `None` or "
                    + "non-positive values. Received: num_bins=" + numBins + ".");
        }
        this.numBins = numBins;
    }

    @Override
    public Hashing named(String name) {
        super.named(name);
        return this;
    }

    /** The value (a number or a string) that goes to bin 0, Keras's {@code mask_value}; null for none. */
    public Hashing maskValue(Object value) {
        if (value != null && !(value instanceof Number) && !(value instanceof String)) {
            throw new IllegalArgumentException(describe() + ": mask_value must be a number or a string, got "
                    + value.getClass().getSimpleName());
        }
        this.maskValue = value instanceof Number n && !(value instanceof Long) ? wholeOrDouble(n) : value;
        return this;
    }

    /** The salt of a keyed hash (SipHash): Keras's single integer {@code salt}, used for both key halves. */
    public Hashing salt(long salt) {
        return salt(salt, salt);
    }

    /** The two key halves of a keyed hash (SipHash), Keras's {@code salt=[k0, k1]}. */
    public Hashing salt(long k0, long k1) {
        this.salt = new long[] {k0, k1};
        return this;
    }

    /** {@code "int"} (default), {@code "one_hot"}, {@code "multi_hot"} or {@code "count"}. */
    public Hashing outputMode(String mode) {
        this.outputMode = Categorical.mode(mode, Categorical.MODES, describe());
        return this;
    }

    /** The number of bins. */
    public int numBins() {
        return numBins;
    }

    private static Object wholeOrDouble(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e18 ? (Object) (long) d : (Object) d;
    }

    /** The bin of one value already written as Keras writes it. */
    private int bin(String s, boolean masked) {
        if (masked) {
            return 0;
        }
        int bins = maskValue != null && numBins > 1 ? numBins - 1 : numBins;
        int b = salt != null ? FarmHash.strongBucket(s, bins, salt[0], salt[1]) : FarmHash.bucket(s, bins);
        return maskValue != null && numBins > 1 ? b + 1 : b;
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return outputShape(inputShape);
    }

    private Shape outputShape(Shape in) {
        if (outputMode.equals("int")) {
            return in;
        }
        if (in.rank() == 0) {
            return Shape.of(numBins);
        }
        // Keras's Hashing: one_hot squeezes a last dimension of 1; the others encode the last axis
        return Categorical.outputShape(in, outputMode, numBins);
    }

    @Override
    protected Tensor call(Tensor input) {
        Categorical.requireNonEmpty(input.shape(), describe());
        float[] x = input.toFloatArray();
        boolean numericMask = maskValue instanceof Number;
        double mask = numericMask ? ((Number) maskValue).doubleValue() : Double.NaN;
        int[] ids = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i]) || Float.isInfinite(x[i])) {
                throw new IllegalArgumentException(describe() + ": cannot hash " + x[i] + " at flat index " + i
                        + " (Keras casts values to int64 before hashing)");
            }
            long whole = (long) x[i]; // tf.cast(float, int64) truncates toward zero
            ids[i] = bin(Long.toString(whole), numericMask && x[i] == mask && numBins > 1);
        }
        return Categorical.encode(ids, input.shape(), outputMode, numBins, null);
    }

    /**
     * Hashes a batch of strings, shaped {@code (batch, n)}; the output is float32 bin ids of that shape (or the
     * encoded vectors of the {@code output_mode}).
     *
     * @throws IllegalArgumentException for an empty batch or ragged rows
     */
    public Tensor apply(String[][] batch) {
        int n = StringBatch.requireRectangular(batch, describe());
        int[] ids = new int[batch.length * n];
        for (int i = 0; i < batch.length; i++) {
            for (int j = 0; j < n; j++) {
                String s = batch[i][j];
                ids[i * n + j] = bin(s, maskValue != null && numBins > 1 && maskValue.toString().equals(s));
            }
        }
        Shape in = Shape.of(batch.length, n);
        return Categorical.encode(ids, in, outputMode, numBins, null);
    }

    /** Hashes a vector of strings: the output has shape {@code (batch)} ({@code int}) or the encoded vectors. */
    public Tensor apply(String... values) {
        List<String> list = java.util.Arrays.asList(values);
        if (list.isEmpty()) {
            throw new IllegalArgumentException(describe() + " received an empty batch");
        }
        int[] ids = new int[list.size()];
        for (int i = 0; i < ids.length; i++) {
            String s = list.get(i);
            ids[i] = bin(s, maskValue != null && numBins > 1 && maskValue.toString().equals(s));
        }
        return Categorical.encode(ids, Shape.of(ids.length), outputMode, numBins, null);
    }

    /** Keras's {@code Hashing.from_config}; the {@code dtype} (int64 for {@code int} output) is Keras's. */
    public static Hashing fromConfig(Config c) {
        Hashing h = new Hashing(c.requireInt("num_bins"));
        Object mv = c.raw("mask_value");
        if (mv != null) {
            h.maskValue(mv);
        }
        List<Object> salt = c.has("salt") && c.map().get("salt") instanceof List<?> ? c.list("salt") : null;
        if (salt != null) {
            if (salt.size() != 2) {
                throw c.error("salt must be two integers, got " + salt);
            }
            h.salt(((Number) salt.get(0)).longValue(), ((Number) salt.get(1)).longValue());
        } else {
            Object s = c.raw("salt");
            if (s instanceof Number n) {
                h.salt(n.longValue());
            } else if (s != null) {
                throw c.error("salt must be an integer or two integers, got " + Config.describe(s));
            }
        }
        h.outputMode(c.string("output_mode", "int"));
        c.requireDefault("sparse", false, "sparse outputs are not supported");
        return h;
    }

    @Override
    protected String declaredDtype() {
        return outputMode.equals("int") ? "int64" : "float32";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        if (outputMode.equals("int")) {
            config.put("dtype", KerasForms.envelope("keras", "DTypePolicy",
                    new LinkedHashMap<>(Map.of("name", "int64")), null));
        }
        config.put("num_bins", numBins);
        List<Long> s = null;
        if (salt != null) {
            s = new ArrayList<>(List.of(salt[0], salt[1]));
        }
        config.put("salt", s);
        config.put("mask_value", maskValue);
        config.put("output_mode", outputMode);
        config.put("sparse", false);
        return config;
    }

}

package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.internal.FarmHash;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps integer values (whole numbers in float32) to indices through a vocabulary, like
 * {@code keras.layers.IntegerLookup}: index 0 is the mask (when {@code mask_token} is set and the output is
 * {@code int}), then {@code num_oov_indices} indices for values not in the vocabulary (default one, token -1; several
 * are chosen by {@code floormod}, or FarmHash with {@code oov_method="farmhash"}), then the vocabulary, given or
 * learnt by {@link #adapt(Tensor)} (most frequent first; ties: the larger value first, as Keras). {@code output_mode}:
 * {@code int}, {@code one_hot}, {@code multi_hot}, {@code count}, {@code tf_idf}; with {@code invert}, indices back
 * to values. An ordinary layer: it works inside models on integer inputs.
 *
 * <pre>{@code
 * IntegerLookup lookup = new IntegerLookup(new IntegerLookup.Options().vocabulary(List.of(12L, 36L, 1138L, 42L)));
 * lookup.apply(Tensor.of(new float[] {12, 1138, 42, 42, 1000, 36}, 2, 3));   // [[1, 3, 4], [4, 0, 2]]
 * }</pre>
 *
 * <p>Values must be whole numbers within float32's exact range (|x| <= 2^24); a fraction is an error naming the
 * layer.
 */
public class IntegerLookup extends IndexLookup<Long> {
    /**
     * Keras's arguments, with its defaults: {@code max_tokens=None, num_oov_indices=1, mask_token=None,
     * oov_token=-1, vocabulary=None, idf_weights=None, invert=False, output_mode="int", pad_to_max_tokens=False,
     * oov_method="floormod", salt=None}.
     */
    public static final class Options extends LookupOptions<Long, Options> {
        String oovMethod = "floormod";

        /** Keras's defaults. */
        public Options() {
            super(-1L);
        }

        /**
         * {@code floormod} (default) or {@code farmhash}: how several OOV indices are chosen ({@link #salt} needs
         * {@code farmhash}).
         */
        public Options oovMethod(String method) {
            oovMethod = method;
            return this;
        }
    }

    /** A layer with Keras's defaults, to {@link #adapt(Tensor)}. */
    public IntegerLookup() {
        this(new Options());
    }

    /**
     * A layer with the given options.
     *
     * @throws IllegalArgumentException for an unknown {@code oov_method}, or a salt without {@code farmhash}
     */
    public IntegerLookup(Options o) {
        super(o);
        if (!o.oovMethod.equals("floormod") && !o.oovMethod.equals("farmhash")) {
            throw new IllegalArgumentException("IntegerLookup: `oov_method` must be one of ('floormod', 'farmhash'). "
                    + "Received: oov_method=" + o.oovMethod);
        }
        if (o.salt != null && !o.oovMethod.equals("farmhash")) {
            throw new IllegalArgumentException("IntegerLookup: `salt` can only be used when `oov_method='farmhash'`. "
                    + "Received: oov_method=" + o.oovMethod);
        }
        this.oovMethod = o.oovMethod;
        initVocabulary(o);
    }

    @Override
    public IntegerLookup named(String name) {
        super.named(name);
        return this;
    }

    @Override
    int compareTokens(Long a, Long b) {
        return Long.compare(a, b);
    }

    @Override
    int oovBucket(Long token) {
        if (oovMethod.equals("floormod")) {
            return (int) Math.floorMod(token, (long) numOovIndices);
        }
        String s = Long.toString(token);
        return salt != null ? FarmHash.strongBucket(s, numOovIndices, salt[0], salt[1])
                : FarmHash.bucket(s, numOovIndices);
    }

    @Override
    String tokenText(Long token) {
        return Long.toString(token);
    }

    @Override
    Long parseToken(String line) {
        try {
            return Long.parseLong(line.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, got '" + line + "'");
        }
    }

    private List<Long> values(Tensor t) {
        float[] v = t.toFloatArray();
        List<Long> out = new ArrayList<>(v.length);
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > (1 << 24)) {
                throw new IllegalArgumentException(describe() + ": values must be whole numbers (|x| <= 2^24), got "
                        + v[i] + " at flat index " + i + " of an input of shape " + t.shape());
            }
            out.add((long) v[i]);
        }
        return out;
    }

    /**
     * Learns the vocabulary: a vector's values are each their own document, a matrix's rows are documents (as
     * Keras's {@code adapt} of an array).
     *
     * @throws IllegalStateException if the layer was given its vocabulary
     */
    public void adapt(Tensor data) {
        List<Long> vals = values(data);
        Shape s = data.shape();
        int width = s.rank() <= 1 ? 1 : s.size() / Math.max(1, s.get(0));
        List<List<Long>> docs = new ArrayList<>();
        for (int i = 0; i < vals.size(); i += width) {
            docs.add(vals.subList(i, i + width));
        }
        adaptDocuments(docs);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return lookupOutputShape(inputShape);
    }

    @Override
    protected Tensor call(Tensor input) {
        Categorical.requireNonEmpty(input.shape(), describe());
        List<Long> vals = values(input);
        if (invert) {
            float[] out = new float[vals.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = inverse(vals.get(i));
            }
            return Tensor.of(out, input.shape());
        }
        return lookupAndEncode(vals, input.shape());
    }

    private static Long longOrNull(Config c, String key) {
        Object v = c.raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw c.error("'" + key + "' must be an integer, got " + Config.describe(v));
    }

    /** Keras's {@code IntegerLookup.from_config}. */
    public static IntegerLookup fromConfig(Config c) {
        Options o = new Options();
        o.maskToken = longOrNull(c, "mask_token");
        o.oovToken = c.has("oov_token") ? longOrNull(c, "oov_token") : Long.valueOf(-1L);
        o.readCommon(c, t -> t instanceof Number n ? n.longValue() : null, "integers");
        o.oovMethod = c.string("oov_method", "floormod");
        c.requireDefault("vocabulary_dtype", "int64", "Keras supports only int64");
        IntegerLookup layer = new IntegerLookup(o);
        layer.readVocabularySize(c);
        return layer;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = lookupConfig(oovToken, maskToken);
        config.put("vocabulary_dtype", "int64");
        return config;
    }
}

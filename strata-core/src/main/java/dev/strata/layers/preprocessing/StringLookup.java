package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.internal.FarmHash;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Maps strings to integer indices through a vocabulary, like {@code keras.layers.StringLookup}: index 0 is the
 * mask (when {@code mask_token} is set and the output is {@code int}), then {@code num_oov_indices} indices for
 * strings not in the vocabulary (default one, token {@code "[UNK]"}; several are chosen by FarmHash, as Keras), then
 * the vocabulary. The vocabulary is given or learnt by {@link #adapt(String[][])} (most frequent first; ties: the
 * larger string first, as Keras). {@code output_mode}: {@code int}, {@code one_hot}, {@code multi_hot},
 * {@code count}, {@code tf_idf}. With {@code invert}, indices back to strings ({@link #applyInverse(Tensor)}).
 *
 * <p>Strata has no string tensors (see DESIGN.md, "Masks, integer and string inputs"): this layer takes Java
 * strings at its boundary and gives float32 tensors, so it runs before a model, not inside one. A Keras file with
 * a StringLookup inside a model loads, but such a model cannot be fed a float tensor: call the layer on the
 * strings first.
 *
 * <pre>{@code
 * StringLookup lookup = new StringLookup(new StringLookup.Options().vocabulary(List.of("a", "b", "c", "d")));
 * Tensor ids = lookup.apply(new String[][] {{"a", "c", "d"}, {"d", "z", "b"}});   // [[1, 3, 4], [4, 0, 2]]
 * }</pre>
 */
public class StringLookup extends IndexLookup<String> {
    private final String encoding;

    /**
     * Keras's arguments, with its defaults: {@code max_tokens=None, num_oov_indices=1, mask_token=None,
     * oov_token="[UNK]", vocabulary=None, idf_weights=None, invert=False, output_mode="int",
     * pad_to_max_tokens=False, salt=None}.
     */
    public static final class Options extends LookupOptions<String, Options> {
        /** Keras's defaults. */
        public Options() {
            super("[UNK]");
        }
    }

    /** A layer with Keras's defaults, to {@link #adapt(String[][])}. */
    public StringLookup() {
        this(new Options());
    }

    /** A layer with the given options. */
    public StringLookup(Options o) {
        super(o);
        this.encoding = "utf-8";
        initVocabulary(o);
    }

    @Override
    public StringLookup named(String name) {
        super.named(name);
        return this;
    }

    @Override
    int compareTokens(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    int oovBucket(String token) {
        return salt != null ? FarmHash.strongBucket(token, numOovIndices, salt[0], salt[1])
                : FarmHash.bucket(token, numOovIndices);
    }

    @Override
    String tokenText(String token) {
        return token;
    }

    @Override
    String parseToken(String line) {
        return line;
    }

    /**
     * Learns the vocabulary from strings, each its own document (Keras's {@code adapt} of a vector).
     *
     * @throws IllegalStateException if the layer was given its vocabulary
     */
    public void adapt(List<String> data) {
        List<List<String>> docs = new ArrayList<>(data.size());
        for (String s : data) {
            docs.add(List.of(s));
        }
        adaptDocuments(docs);
    }

    /** Learns the vocabulary from documents of tokens (rows of {@code data}; rows may differ in length). */
    public void adapt(String[][] data) {
        List<List<String>> docs = new ArrayList<>(data.length);
        for (String[] row : data) {
            docs.add(Arrays.asList(row));
        }
        adaptDocuments(docs);
    }

    /**
     * Looks up a batch of strings of shape {@code (batch, n)}: indices (float32, same shape) for {@code int}, else
     * one vector per row (one per string for {@code one_hot}).
     *
     * @throws IllegalArgumentException for an empty or ragged batch, or an OOV string when there are no OOV indices
     */
    public Tensor apply(String[][] batch) {
        requireForward();
        int n = StringBatch.requireRectangular(batch, describe());
        List<String> flat = new ArrayList<>(batch.length * n);
        for (String[] row : batch) {
            flat.addAll(Arrays.asList(row));
        }
        return lookupAndEncode(flat, Shape.of(batch.length, n));
    }

    /** Looks up a vector of strings (shape {@code (n)}); encoded modes give one vector for all of them. */
    public Tensor apply(String... values) {
        List<String> list = java.util.Arrays.asList(values);
        requireForward();
        if (list.isEmpty()) {
            throw new IllegalArgumentException(describe() + " received an empty batch");
        }
        return lookupAndEncode(list, Shape.of(list.size()));
    }

    private void requireForward() {
        if (invert) {
            throw new IllegalStateException(describe() + " inverts (indices to strings): call applyInverse(ids)");
        }
    }

    /**
     * The strings of indices (an inverting layer): a rank-2 tensor gives one row per sample, a vector one row.
     *
     * @throws IllegalArgumentException for a fraction, an index outside the vocabulary, an empty batch or a rank
     *     above 2
     */
    public String[][] applyInverse(Tensor ids) {
        if (!invert) {
            throw new IllegalStateException(describe() + " looks strings up; applyInverse needs invert=true");
        }
        Shape s = ids.shape();
        if (s.rank() == 0 || s.rank() > 2) {
            throw new IllegalArgumentException(describe() + ": expected indices of rank 1 or 2, got shape " + s);
        }
        Categorical.requireNonEmpty(s, describe());
        float[] v = ids.toFloatArray();
        int rows = s.rank() == 2 ? s.get(0) : 1;
        int cols = s.rank() == 2 ? s.get(1) : s.get(0);
        String[][] out = new String[rows][cols];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) {
                throw new IllegalArgumentException(describe() + ": indices must be whole numbers, got " + v[i]);
            }
            out[i / cols][i % cols] = inverse((long) v[i]);
        }
        return out;
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return lookupOutputShape(inputShape);
    }

    /** A tensor cannot hold strings: the layer is called on Java strings, before the model. */
    @Override
    protected Tensor call(Tensor input) {
        throw new IllegalArgumentException(describe() + " takes strings, which Strata's tensors cannot hold, but was "
                + "fed a float tensor of shape " + input.shape() + ". Call the layer on the strings first ("
                + (invert ? "applyInverse(ids)" : "apply(String[][]) or apply(String...)")
                + ") and feed its output to the rest of the model");
    }

    /** Keras's {@code StringLookup.from_config}. */
    public static StringLookup fromConfig(Config c) {
        Options o = new Options();
        o.maskToken = c.string("mask_token", null);
        o.oovToken = c.string("oov_token", "[UNK]");
        o.readCommon(c, t -> t instanceof String str ? str : null, "strings");
        c.requireDefault("encoding", "utf-8", "Strata reads and writes UTF-8");
        c.ignore("oov_method", "vocabulary_dtype"); // strings always hash by FarmHash; Keras has one string dtype
        StringLookup layer = new StringLookup(o);
        layer.readVocabularySize(c);
        return layer;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = lookupConfig(oovToken, maskToken);
        config.remove("vocabulary_dtype");
        config.put("encoding", encoding);
        return config;
    }
}

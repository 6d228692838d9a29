package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The arguments {@link IntegerLookup} and {@link StringLookup} share (Keras's {@code IndexLookup} arguments), with
 * Keras's defaults; each layer's {@code Options} adds its token type's default OOV token and its own arguments.
 * Read once from a config here, so that both layers read the keys alike.
 *
 * @param <K> the token type
 * @param <O> the concrete options, so that the setters return it
 */
abstract class LookupOptions<K, O extends LookupOptions<K, O>> {
    Integer maxTokens;
    int numOovIndices = 1;
    K maskToken;
    K oovToken;
    List<K> vocabulary;
    Path vocabularyFile;
    float[] idfWeights;
    boolean invert;
    String outputMode = "int";
    boolean padToMaxTokens;
    long[] salt;

    LookupOptions(K defaultOovToken) {
        this.oovToken = defaultOovToken;
    }

    @SuppressWarnings("unchecked")
    private O self() {
        return (O) this;
    }

    /** The largest vocabulary, reserved indices included; null for none. */
    public O maxTokens(Integer n) {
        maxTokens = n;
        return self();
    }

    /** How many indices the tokens outside the vocabulary share (0: they are an error). */
    public O numOovIndices(int n) {
        numOovIndices = n;
        return self();
    }

    /** The token that is index 0 (and left out of encoded vectors); null for no mask. */
    public O maskToken(K token) {
        maskToken = token;
        return self();
    }

    /** The token an OOV index stands for when inverting. */
    public O oovToken(K token) {
        oovToken = token;
        return self();
    }

    /** A fixed vocabulary (with or without the reserved tokens at its start). */
    public O vocabulary(List<K> vocab) {
        vocabulary = vocab == null ? null : List.copyOf(vocab);
        vocabularyFile = null;
        return self();
    }

    /**
     * A fixed vocabulary read from a text file, one term per line (Keras's path form of {@code vocabulary}): see
     * {@link IndexLookup#setVocabulary(Path)} for the format. The file is read when the layer is made; the saved
     * config does not keep the path but the layer's assets keep the vocabulary, as Keras saves it.
     */
    public O vocabulary(Path file) {
        vocabularyFile = file;
        vocabulary = null;
        return self();
    }

    /** The IDF weights of a given vocabulary, for {@code tf_idf}. */
    public O idfWeights(float[] weights) {
        idfWeights = weights == null ? null : weights.clone();
        return self();
    }

    /** Indices back to tokens instead. */
    public O invert(boolean on) {
        invert = on;
        return self();
    }

    /** {@code int}, {@code one_hot}, {@code multi_hot}, {@code count} or {@code tf_idf}. */
    public O outputMode(String mode) {
        outputMode = mode;
        return self();
    }

    /** Encoded vectors of {@code max_tokens} entries whatever the vocabulary's size. */
    public O padToMaxTokens(boolean on) {
        padToMaxTokens = on;
        return self();
    }

    /** A SipHash key for the OOV buckets (Keras's {@code salt}). */
    public O salt(long k0, long k1) {
        salt = new long[] {k0, k1};
        return self();
    }

    /**
     * Reads the keys both layers have, other than the tokens: {@code max_tokens}, {@code num_oov_indices},
     * {@code vocabulary} (each entry through {@code entry}, null where it is not a token of this kind, named by
     * {@code entryKind} in the error), {@code idf_weights}, {@code invert}, {@code output_mode},
     * {@code pad_to_max_tokens}, {@code sparse} (only false) and {@code salt}.
     */
    final O readCommon(Config c, Function<Object, K> entry, String entryKind) {
        maxTokens = c.integer("max_tokens", null);
        numOovIndices = c.integer("num_oov_indices", 1);
        vocabularyFile = IndexLookup.vocabularyPath(c);
        List<Object> vocab = vocabularyFile == null ? c.list("vocabulary") : null;
        if (vocab != null) {
            List<K> v = new ArrayList<>(vocab.size());
            for (Object t : vocab) {
                K token = t == null ? null : entry.apply(t);
                if (token == null) {
                    throw c.error("vocabulary entries must be " + entryKind + ", got " + Config.describe(t));
                }
                v.add(token);
            }
            vocabulary = v;
        }
        idfWeights = IndexLookup.idfFromConfig(c);
        invert = c.bool("invert", false);
        outputMode = c.string("output_mode", "int");
        padToMaxTokens = c.bool("pad_to_max_tokens", false);
        c.requireDefault("sparse", false, "sparse outputs are not supported");
        Object s = c.raw("salt");
        if (s instanceof List<?> l && l.size() == 2) {
            salt = new long[] {((Number) l.get(0)).longValue(), ((Number) l.get(1)).longValue()};
        } else if (s instanceof Number n) {
            salt = new long[] {n.longValue(), n.longValue()};
        } else if (s != null) {
            throw c.error("salt must be an integer or two integers, got " + Config.describe(s));
        }
        return self();
    }
}

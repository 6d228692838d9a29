package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.internal.io.LayerAssets;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns text into token indices or token vectors, like {@code keras.layers.TextVectorization}: each document is
 * standardized ({@code lower_and_strip_punctuation} by default: ASCII lower case, as TensorFlow's
 * {@code strings.lower}, and Keras's punctuation set removed), split ({@code whitespace}: on ASCII whitespace;
 * {@code character}: into code points; or not), optionally turned into n-grams (joined by a space, widths in
 * order), then looked up in a vocabulary whose index 0 is padding ({@code ""}) and 1 is {@code "[UNK]"} in
 * {@code int} mode. {@code int} gives a matrix of indices padded with 0 to the longest document or cut/padded to
 * {@code output_sequence_length}; {@code multi_hot}, {@code count}, {@code tf_idf} (and {@code one_hot}) give one
 * vector per document.
 *
 * <p>Strata has no string tensors: the layer takes Java strings ({@link #apply(String...)}, a batch of documents)
 * and gives float32 tensors, so it runs before a model (as Keras users often keep it, in the data pipeline); a
 * model whose first layer it is cannot be fed a float tensor. Its learnt vocabulary is saved as Keras saves it, in
 * {@code assets/}.
 *
 * <pre>{@code
 * TextVectorization tv = new TextVectorization(new TextVectorization.Options().maxTokens(20000)
 *         .outputSequenceLength(100));
 * tv.adapt(trainTexts);
 * Tensor ids = tv.apply(texts.toArray(String[]::new));      // (batch, 100) indices for an Embedding model
 * }</pre>
 */
public class TextVectorization extends Layer implements LayerAssets {
    /** Keras's punctuation set ({@code [!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']}). */
    private static final String PUNCTUATION = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'";

    private final Integer maxTokens;
    private final String standardize;
    private final String split;
    private final Object ngramsArg;
    private final int[] ngrams;
    private final String outputMode;
    private final Integer outputSequenceLength;
    private final boolean padToMaxTokens;
    private final boolean hasInputVocabulary;
    /** Keras's {@code _lookup_layer}: the name keeps the object walk's path {@code .../_lookup_layer}. */
    private final StringLookup _lookupLayer;

    /**
     * Keras's arguments, with its defaults: {@code max_tokens=None, standardize="lower_and_strip_punctuation",
     * split="whitespace", ngrams=None, output_mode="int", output_sequence_length=None, pad_to_max_tokens=False,
     * vocabulary=None, idf_weights=None}.
     */
    public static final class Options {
        Integer maxTokens;
        String standardize = "lower_and_strip_punctuation";
        String split = "whitespace";
        Object ngrams;
        String outputMode = "int";
        Integer outputSequenceLength;
        boolean padToMaxTokens;
        List<String> vocabulary;
        Path vocabularyFile;
        float[] idfWeights;

        /** The largest vocabulary, padding and OOV included; null for none. */
        public Options maxTokens(Integer n) {
            maxTokens = n;
            return this;
        }

        /** {@code lower_and_strip_punctuation}, {@code lower}, {@code strip_punctuation} or null (none). */
        public Options standardize(String s) {
            standardize = s;
            return this;
        }

        /** {@code whitespace}, {@code character} or null (the input is tokens already). */
        public Options split(String s) {
            split = s;
            return this;
        }

        /** N-grams of widths 1 to {@code n}. */
        public Options ngrams(int n) {
            ngrams = n;
            return this;
        }

        /** N-grams of exactly the given widths (Keras's tuple). */
        public Options ngrams(int... widths) {
            List<Integer> w = new ArrayList<>();
            for (int x : widths) {
                w.add(x);
            }
            ngrams = w;
            return this;
        }

        /** {@code int}, {@code one_hot}, {@code multi_hot}, {@code count} or {@code tf_idf}. */
        public Options outputMode(String mode) {
            outputMode = mode;
            return this;
        }

        /** The length {@code int} outputs are cut or padded to. */
        public Options outputSequenceLength(Integer n) {
            outputSequenceLength = n;
            return this;
        }

        /** Encoded vectors of {@code max_tokens} entries whatever the vocabulary's size. */
        public Options padToMaxTokens(boolean on) {
            padToMaxTokens = on;
            return this;
        }

        /** A fixed vocabulary (without, or starting with, {@code ""} and {@code "[UNK]"}). */
        public Options vocabulary(List<String> vocab) {
            vocabulary = vocab == null ? null : List.copyOf(vocab);
            vocabularyFile = null;
            return this;
        }

        /**
         * A fixed vocabulary read from a UTF-8 text file, one term per line, without {@code ""} and {@code "[UNK]"}
         * (Keras's path form of {@code vocabulary}; see {@link StringLookup#setVocabulary(Path)}). The saved config
         * does not keep the path; the assets keep the vocabulary, as Keras saves it.
         */
        public Options vocabulary(Path file) {
            vocabularyFile = file;
            vocabulary = null;
            return this;
        }

        /** The IDF weights of a given vocabulary, for {@code tf_idf}. */
        public Options idfWeights(float[] weights) {
            idfWeights = weights == null ? null : weights.clone();
            return this;
        }
    }

    /** A layer with Keras's defaults, to {@link #adapt}. */
    public TextVectorization() {
        this(new Options());
    }

    /**
     * A layer with the given options.
     *
     * @throws IllegalArgumentException for an unknown standardize, split or output mode, bad n-grams, or an
     *     {@code output_sequence_length} outside {@code int} mode
     */
    public TextVectorization(Options o) {
        String layer = "TextVectorization";
        if (o.standardize != null && !List.of("lower_and_strip_punctuation", "lower", "strip_punctuation")
                .contains(o.standardize)) {
            throw new IllegalArgumentException(layer + ": unknown `standardize` " + o.standardize + "; expected "
                    + "'lower_and_strip_punctuation', 'lower', 'strip_punctuation' or None");
        }
        if (o.split != null && !List.of("whitespace", "character").contains(o.split)) {
            throw new IllegalArgumentException(layer + ": unknown `split` " + o.split + "; expected 'whitespace', "
                    + "'character' or None");
        }
        String mode = Categorical.mode(o.outputMode, IndexLookup.MODES, layer);
        if (!mode.equals("int") && o.outputSequenceLength != null) {
            throw new IllegalArgumentException(layer + ": `output_sequence_length` must not be set if `output_mode` "
                    + "is not 'int'. Received output_sequence_length=" + o.outputSequenceLength + ".");
        }
        if (o.outputSequenceLength != null && o.outputSequenceLength < 1) {
            throw new IllegalArgumentException(layer + ": `output_sequence_length` must be positive, got "
                    + o.outputSequenceLength);
        }
        this.maxTokens = o.maxTokens;
        this.standardize = o.standardize;
        this.split = o.split;
        this.ngramsArg = o.ngrams;
        if (o.ngrams instanceof Integer n) {
            if (n < 1) {
                throw new IllegalArgumentException(layer + ": `ngrams` must be positive, got " + n);
            }
            ngrams = new int[n];
            for (int i = 0; i < n; i++) {
                ngrams[i] = i + 1;
            }
        } else if (o.ngrams instanceof List<?> l) {
            ngrams = l.stream().mapToInt(x -> ((Number) x).intValue()).toArray();
            for (int w : ngrams) {
                if (w < 1) {
                    throw new IllegalArgumentException(layer + ": n-gram widths must be positive, got " + l);
                }
            }
        } else {
            ngrams = null;
        }
        this.outputMode = mode;
        this.outputSequenceLength = o.outputSequenceLength;
        this.padToMaxTokens = o.padToMaxTokens;
        this.hasInputVocabulary = o.vocabulary != null || o.vocabularyFile != null;
        this._lookupLayer = new StringLookup(new StringLookup.Options().maxTokens(o.maxTokens)
                .vocabulary(o.vocabulary).idfWeights(o.vocabularyFile == null ? o.idfWeights : null)
                .padToMaxTokens(o.padToMaxTokens).maskToken("").outputMode(mode));
        if (o.vocabularyFile != null) {
            _lookupLayer.initVocabularyFile(o.vocabularyFile, o.idfWeights, describe());
        }
    }

    @Override
    public TextVectorization named(String name) {
        super.named(name);
        return this;
    }

    /** The vocabulary with {@code ""} and {@code "[UNK]"} first (int mode), a token's position being its index. */
    public List<String> getVocabulary() {
        return _lookupLayer.getVocabulary(true);
    }

    /** The vocabulary, with the reserved tokens or not. */
    public List<String> getVocabulary(boolean includeSpecialTokens) {
        return _lookupLayer.getVocabulary(includeSpecialTokens);
    }

    /** The vocabulary's size, reserved tokens included. */
    public int vocabularySize() {
        return _lookupLayer.vocabularySize();
    }

    /** The IDF weights of {@code tf_idf} output, or null. */
    public float[] idfWeights() {
        return _lookupLayer.idfWeights();
    }

    /** Sets the vocabulary (and IDF weights for {@code tf_idf}); see {@link StringLookup#setVocabulary}. */
    public void setVocabulary(List<String> vocabulary, float[] idfWeights) {
        _lookupLayer.setVocabulary(vocabulary, idfWeights);
    }

    /**
     * Sets the vocabulary from a text file, one term per line; see {@link StringLookup#setVocabulary(Path)}.
     *
     * @throws IllegalArgumentException naming this layer, the file and the line, for a malformed file
     */
    public void setVocabulary(Path file) {
        _lookupLayer.setVocabularyFile(file, null, describe());
    }

    /** Learns the vocabulary (and IDF weights) from documents. */
    public void adapt(List<String> documents) {
        if (hasInputVocabulary) {
            throw new IllegalStateException(describe() + ": cannot adapt layer '" + name() + "' after setting a "
                    + "static vocabulary via `vocabulary` argument or `set_vocabulary()` method.");
        }
        List<List<String>> docs = new ArrayList<>(documents.size());
        for (String d : documents) {
            if (d == null) {
                throw new IllegalArgumentException(describe() + ".adapt: null document");
            }
            docs.add(tokens(d));
        }
        _lookupLayer.adaptDocuments(docs);
    }

    /** The tokens of one document: standardized, split, n-grams. */
    List<String> tokens(String doc) {
        String s = doc;
        if ("lower".equals(standardize) || "lower_and_strip_punctuation".equals(standardize)) {
            s = asciiLower(s);
        }
        if ("strip_punctuation".equals(standardize) || "lower_and_strip_punctuation".equals(standardize)) {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (PUNCTUATION.indexOf(c) < 0) {
                    b.append(c);
                }
            }
            s = b.toString();
        }
        List<String> toks;
        if (split == null) {
            toks = List.of(s);
        } else if (split.equals("whitespace")) {
            toks = new ArrayList<>();
            int i = 0;
            int n = s.length();
            while (i < n) {
                while (i < n && isAsciiSpace(s.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !isAsciiSpace(s.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    toks.add(s.substring(start, i));
                }
            }
        } else {
            toks = s.codePoints().mapToObj(Character::toString).toList();
        }
        if (ngrams == null) {
            return toks;
        }
        List<String> out = new ArrayList<>();
        for (int w : ngrams) {
            for (int i = 0; i + w <= toks.size(); i++) {
                out.add(String.join(" ", toks.subList(i, i + w)));
            }
        }
        return out;
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static String asciiLower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] = (char) (c[i] + 32);
            }
        }
        return new String(c);
    }

    /**
     * Vectorizes a batch of documents: {@code int} gives {@code (batch, length)} indices (0-padded), the other
     * modes {@code (batch, depth)} vectors. With {@code split=None} each document is one token, and {@code int}
     * gives {@code (batch)}.
     *
     * @throws IllegalArgumentException for an empty batch or a null document
     */
    public Tensor apply(String... documents) {
        if (documents == null || documents.length == 0) {
            throw new IllegalArgumentException(describe() + " received an empty batch of documents");
        }
        List<List<String>> rows = new ArrayList<>(documents.length);
        for (int i = 0; i < documents.length; i++) {
            if (documents[i] == null) {
                throw new IllegalArgumentException(describe() + ": null document at " + i);
            }
            rows.add(tokens(documents[i]));
        }
        if (split == null && ngrams == null) {
            List<String> flat = new ArrayList<>();
            for (List<String> r : rows) {
                flat.add(r.getFirst());
            }
            return _lookupLayer.lookupAndEncode(flat, Shape.of(flat.size()));
        }
        return vectorize(rows);
    }

    /**
     * Vectorizes documents shaped {@code (batch, 1)} (Keras's usual text input), or, with {@code split=None},
     * rows of tokens {@code (batch, n)}.
     *
     * @throws IllegalArgumentException for an empty or ragged batch, or rows of more than one document when the
     *     layer splits
     */
    public Tensor apply(String[][] batch) {
        int n = StringBatch.requireRectangular(batch, describe());
        if (split != null) {
            if (n != 1) {
                throw new IllegalArgumentException(describe() + ": when using `TextVectorization` to tokenize strings, "
                        + "the input rank must be 1 or the last shape dimension must be 1. Received: inputs.shape=("
                        + batch.length + ", " + n + ")");
            }
            String[] docs = new String[batch.length];
            for (int i = 0; i < docs.length; i++) {
                docs[i] = batch[i][0];
            }
            return apply(docs);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String[] r : batch) {
            List<String> row = new ArrayList<>();
            for (String t : r) {
                row.addAll(tokens(t));
            }
            rows.add(row);
        }
        return vectorize(rows);
    }

    private Tensor vectorize(List<List<String>> rows) {
        int batch = rows.size();
        if (!outputMode.equals("int")) {
            // ragged rows: count each row's tokens (multi_hot / count / tf_idf reduce the token axis)
            int depth = _lookupLayer.depth();
            float[] out = new float[batch * depth];
            for (int r = 0; r < batch; r++) {
                List<String> row = rows.get(r);
                Tensor v = row.isEmpty() ? null : _lookupLayer.lookupAndEncode(row, Shape.of(1, row.size()));
                if (v != null) {
                    System.arraycopy(v.toFloatArray(), 0, out, r * depth, depth);
                }
            }
            return Tensor.of(out, batch, depth);
        }
        int longest = 0;
        for (List<String> r : rows) {
            longest = Math.max(longest, r.size());
        }
        int len = outputSequenceLength != null ? outputSequenceLength : longest;
        float[] out = new float[batch * len];
        for (int r = 0; r < batch; r++) {
            List<String> row = rows.get(r);
            for (int j = 0; j < Math.min(len, row.size()); j++) {
                out[r * len + j] = _lookupLayer.lookup(row.get(j));
            }
        }
        return Tensor.of(out, batch, len);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        int batch = inputShape.rank() > 0 ? inputShape.get(0) : Shape.UNKNOWN;
        if (outputMode.equals("int")) {
            return Shape.of(batch, outputSequenceLength == null ? Shape.UNKNOWN : outputSequenceLength);
        }
        return Shape.of(batch, _lookupLayer.encodedDepth());
    }

    /** A tensor cannot hold strings: the layer is called on Java strings, before the model. */
    @Override
    protected Tensor call(Tensor input) {
        throw new IllegalArgumentException(describe() + " takes strings, which Strata's tensors cannot hold, but was "
                + "fed a float tensor of shape " + input.shape() + ". Call the layer on the texts first "
                + "(apply(String...) or apply(String[][])) and feed its output to the rest of the model, as Keras "
                + "users do when they keep TextVectorization in the data pipeline");
    }

    @Override
    public Map<String, byte[]> saveAssets() {
        return _lookupLayer.saveAssets();
    }

    @Override
    public Map<String, Tensor> saveNamedValues() {
        return _lookupLayer.saveNamedValues();
    }

    @Override
    public boolean readsNamedValue(String name) {
        return _lookupLayer.readsNamedValue(name);
    }

    @Override
    public void loadNamedValue(String name, Tensor value) {
        _lookupLayer.loadNamedValue(name, value);
    }

    @Override
    public void loadAssets(Map<String, byte[]> files, String where) {
        _lookupLayer.loadAssets(files, where);
    }

    /** Keras's {@code TextVectorization.from_config}. */
    public static TextVectorization fromConfig(Config c) {
        Options o = new Options();
        o.maxTokens = c.integer("max_tokens", null);
        Object std = c.raw("standardize");
        if (std != null && !(std instanceof String)) {
            throw c.error("a custom `standardize` callable cannot be loaded: Strata has no Python functions");
        }
        o.standardize = (String) std;
        Object sp = c.raw("split");
        if (sp != null && !(sp instanceof String)) {
            throw c.error("a custom `split` callable cannot be loaded: Strata has no Python functions");
        }
        o.split = (String) sp;
        Object ng = c.raw("ngrams");
        if (ng instanceof Number n) {
            o.ngrams = n.intValue();
        } else if (ng instanceof List<?> l) {
            o.ngrams = new ArrayList<>(l.stream().map(x -> ((Number) x).intValue()).toList());
        } else if (ng != null) {
            throw c.error("`ngrams` must be None, an integer, or a tuple of integers. Received: ngrams=" + ng);
        }
        o.outputMode = c.string("output_mode", "int");
        o.outputSequenceLength = c.integer("output_sequence_length", null);
        o.padToMaxTokens = c.bool("pad_to_max_tokens", false);
        c.requireDefault("sparse", false, "sparse outputs are not supported");
        c.requireDefault("ragged", false, "Strata has no ragged tensors");
        c.requireDefault("encoding", "utf-8", "Strata reads and writes UTF-8");
        Integer size = c.integer("vocabulary_size", null);
        o.vocabularyFile = IndexLookup.vocabularyPath(c);
        List<Object> vocab = o.vocabularyFile == null ? c.list("vocabulary") : null;
        if (vocab != null) {
            o.vocabulary = vocab.stream().map(t -> {
                if (!(t instanceof String s)) {
                    throw c.error("vocabulary entries must be strings, got " + Config.describe(t));
                }
                return s;
            }).toList();
        }
        o.idfWeights = IndexLookup.idfFromConfig(c);
        TextVectorization tv = new TextVectorization(o);
        tv._lookupLayer.frozenVocabularySize = size; // the depth until the assets are read
        return tv;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("max_tokens", maxTokens);
        config.put("standardize", standardize);
        config.put("split", split);
        config.put("ngrams", ngramsArg instanceof List<?> l ? new ArrayList<>(l) : ngramsArg);
        config.put("output_mode", outputMode);
        config.put("output_sequence_length", outputSequenceLength);
        config.put("pad_to_max_tokens", padToMaxTokens);
        config.put("sparse", false);
        config.put("ragged", false);
        Map<String, Object> inner = _lookupLayer.getConfig();
        config.put("vocabulary", inner.get("vocabulary"));
        config.put("idf_weights", inner.get("idf_weights"));
        config.put("encoding", "utf-8");
        config.put("vocabulary_size", _lookupLayer.vocabularySize());
        return config;
    }

}

package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.internal.io.LayerAssets;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keras's {@code IndexLookup}, the common part of {@link StringLookup} and {@link IntegerLookup} (and the lookup
 * inside {@link TextVectorization}): a vocabulary of tokens mapped to indices after the reserved ones (the mask at
 * 0 when there is a mask token and the output is {@code int}, then {@code num_oov_indices} out-of-vocabulary
 * indices), learnt by {@code adapt} (tokens by descending count, ties by descending token, as Keras's
 * {@code np.lexsort(...)[::-1]}) or given; outputs {@code int}, {@code one_hot}, {@code multi_hot}, {@code count} or
 * {@code tf_idf} ({@code log(1 + documents / (1 + documents with the token))}). A learnt vocabulary is saved as
 * Keras saves it, in {@code assets/<layer path>/vocabulary.txt}.
 *
 * @param <K> the token type: {@code String} or {@code Long}
 */
abstract class IndexLookup<K> extends Layer implements LayerAssets {
    static final List<String> MODES = List.of("int", "one_hot", "multi_hot", "count", "tf_idf");

    final Integer maxTokens;
    final int numOovIndices;
    final K maskToken;
    final K oovToken;
    final boolean invert;
    final String outputMode;
    final boolean padToMaxTokens;
    /** The vocabulary given to the constructor (Keras's {@code input_vocabulary}, written in the config). */
    private List<K> inputVocabulary;
    private float[] inputIdfWeights;
    private List<K> tokens = List.of();
    private Map<K, Integer> index = Map.of();
    private float[] idfWeights;
    private boolean hasVocabulary;
    /**
     * Keras's {@code _has_input_vocabulary} for a vocabulary file given at construction: not adaptable, yet (the
     * path not being kept, as Keras) saved in the assets.
     */
    private boolean vocabularyFromFile;
    /** Keras's {@code oov_method} ({@code floormod} or {@code farmhash}) and {@code salt} (SipHash key) or null. */
    String oovMethod = "floormod";
    /** Keras's {@code _frozen_vocab_size} from a config: the encoded depth before the assets bring the vocabulary. */
    Integer frozenVocabularySize;
    long[] salt;

    IndexLookup(Integer maxTokens, int numOovIndices, K maskToken, K oovToken, boolean invert, String outputMode,
            boolean padToMaxTokens) {
        String layer = getClass().getSimpleName();
        if (maxTokens != null && maxTokens <= 1) {
            throw new IllegalArgumentException(layer + ": if set, `max_tokens` must be greater than 1. Received: "
                    + "max_tokens=" + maxTokens);
        }
        if (padToMaxTokens && maxTokens == null) {
            throw new IllegalArgumentException(layer + ": if pad_to_max_tokens is True, must set `max_tokens`. "
                    + "Received: max_tokens=None");
        }
        if (numOovIndices < 0) {
            throw new IllegalArgumentException(layer + ": `num_oov_indices` must be greater than or equal to 0. "
                    + "Received: num_oov_indices=" + numOovIndices);
        }
        String mode = Categorical.mode(outputMode, MODES, layer);
        if (invert && !mode.equals("int")) {
            throw new IllegalArgumentException(layer + ": `output_mode` must be `'int'` when `invert` is true. "
                    + "Received: output_mode=" + mode);
        }
        this.maxTokens = maxTokens;
        this.numOovIndices = numOovIndices;
        this.maskToken = maskToken;
        this.oovToken = oovToken;
        this.invert = invert;
        this.outputMode = mode;
        this.padToMaxTokens = padToMaxTokens;
    }

    /** A lookup with the options both layers share (the vocabulary follows, by {@link #initVocabulary}). */
    IndexLookup(LookupOptions<K, ?> o) {
        this(o.maxTokens, o.numOovIndices, o.maskToken, o.oovToken, o.invert, o.outputMode, o.padToMaxTokens);
        this.salt = o.salt == null ? null : o.salt.clone();
    }

    /** Keras's {@code _frozen_vocab_size} from a config's {@code vocabulary_size}: the depth until the assets. */
    final void readVocabularySize(Config c) {
        frozenVocabularySize = c.integer("vocabulary_size", null);
    }

    /** Sets the vocabulary the options give, as a list or as a file. */
    final void initVocabulary(LookupOptions<K, ?> o) {
        if (o.vocabularyFile == null) {
            initVocabulary(o.vocabulary, o.idfWeights);
        } else {
            initVocabularyFile(o.vocabularyFile, o.idfWeights, describe());
        }
    }

    /**
     * Sets a vocabulary file given at construction (Keras's path form of {@code vocabulary}); {@code owner} names the
     * layer in errors (TextVectorization for its lookup).
     */
    final void initVocabularyFile(Path file, float[] idfWeights, String owner) {
        setVocabularyFile(file, idfWeights, owner);
        vocabularyFromFile = true;
    }

    /** Sets the vocabulary given at construction (kept for the config, as Keras's {@code input_vocabulary}). */
    final void initVocabulary(List<K> vocabulary, float[] idfWeights) {
        if (vocabulary == null) {
            if (idfWeights != null) {
                throw new IllegalArgumentException(describe() + ": `idf_weights` were given without a vocabulary");
            }
            return;
        }
        if (outputMode.equals("tf_idf") && idfWeights == null) {
            throw new IllegalArgumentException(describe() + ": when specifying the `vocabulary` argument, in TF-IDF "
                    + "output mode, the `idf_weights` argument must also be provided.");
        }
        setVocabulary(vocabulary, idfWeights);
        this.inputVocabulary = List.copyOf(vocabulary);
        this.inputIdfWeights = idfWeights == null ? null : idfWeights.clone();
    }

    // ---- token type ------------------------------------------------------------------------------------------------

    /** numpy's sort order of tokens (bytes for strings, numbers for integers). */
    abstract int compareTokens(K a, K b);

    /** The OOV bucket in {@code [0, num_oov_indices)} of a token, when there are several. */
    abstract int oovBucket(K token);

    /** A line of {@code vocabulary.txt} (Python's {@code str(token)}). */
    abstract String tokenText(K token);

    /** A token from a line of {@code vocabulary.txt}. */
    abstract K parseToken(String line);

    // ---- vocabulary ------------------------------------------------------------------------------------------------

    final int oovStartIndex() {
        return maskToken != null && outputMode.equals("int") ? 1 : 0;
    }

    final int tokenStartIndex() {
        return oovStartIndex() + numOovIndices;
    }

    /** The vocabulary's size, with the mask and OOV indices (Keras's {@code vocabulary_size()}). */
    public int vocabularySize() {
        return tokenStartIndex() + tokens.size();
    }

    /** The vocabulary with the mask and OOV tokens first: a token's position is its index. */
    public List<K> getVocabulary() {
        return getVocabulary(true);
    }

    /**
     * The vocabulary, with the reserved tokens when {@code includeSpecialTokens} (Keras's
     * {@code get_vocabulary(include_special_tokens)}).
     */
    public List<K> getVocabulary(boolean includeSpecialTokens) {
        List<K> out = new ArrayList<>();
        for (int i = 0; i < tokenStartIndex(); i++) {
            out.add(oovToken);
        }
        if (maskToken != null && outputMode.equals("int")) {
            out.set(0, maskToken);
        }
        out.addAll(tokens);
        return includeSpecialTokens ? out : out.subList(tokenStartIndex(), out.size());
    }

    /** The IDF weights of {@code tf_idf} output (one per output index), or null. */
    public float[] idfWeights() {
        return idfWeights == null ? null : idfWeights.clone();
    }

    /** Sets the vocabulary without TF-IDF weights; see {@link #setVocabulary(List, float[])}. */
    public void setVocabulary(List<K> vocabulary) {
        setVocabulary(vocabulary, null);
    }

    /**
     * Sets the vocabulary (and, for {@code tf_idf}, the IDF weights of its entries), as Keras's
     * {@code set_vocabulary}: it may start with the reserved tokens in their order (mask, then the OOV tokens), or
     * leave them out (their IDF weight is then the average of the given ones).
     *
     * @throws IllegalArgumentException for an empty vocabulary, a repeated token, a reserved token elsewhere than
     *     at the start, more than {@code max_tokens} entries, or IDF weights missing or of the wrong length
     */
    public void setVocabulary(List<K> vocabulary, float[] idf) {
        Objects.requireNonNull(vocabulary, "vocabulary");
        if (outputMode.equals("tf_idf") && idf == null) {
            throw new IllegalArgumentException(describe() + ": `idf_weights` must be set if output_mode is 'tf_idf'.");
        }
        if (!outputMode.equals("tf_idf") && idf != null) {
            throw new IllegalArgumentException(describe() + ": `idf_weights` should only be set if output_mode is "
                    + "`'tf_idf'`. Received: output_mode=" + outputMode);
        }
        if (vocabulary.isEmpty()) {
            throw new IllegalArgumentException(describe() + ": cannot set an empty vocabulary.");
        }
        int oovStart = oovStartIndex();
        int tokenStart = tokenStartIndex();
        List<K> special = new ArrayList<>();
        for (int i = 0; i < oovStart; i++) {
            special.add(maskToken);
        }
        for (int i = 0; i < numOovIndices; i++) {
            special.add(oovToken);
        }
        boolean found = vocabulary.size() >= tokenStart && vocabulary.subList(0, tokenStart).equals(special);
        List<K> toks = found ? vocabulary.subList(tokenStart, vocabulary.size()) : vocabulary;
        Set<K> seen = new LinkedHashSet<>();
        Set<K> repeated = new LinkedHashSet<>();
        for (K t : toks) {
            if (t == null) {
                throw new IllegalArgumentException(describe() + ": the vocabulary holds a null token");
            }
            if (!seen.add(t)) {
                repeated.add(t);
            }
        }
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException(describe() + ": the passed vocabulary has at least one repeated term. "
                    + "Please uniquify your dataset. The repeated terms are: " + repeated);
        }
        if (maskToken != null && seen.contains(maskToken)) {
            throw new IllegalArgumentException(describe() + ": found reserved mask token at unexpected location in "
                    + "`vocabulary`. Either remove all mask and OOV tokens, or include them only at the start of the "
                    + "vocabulary in precisely this order: " + special + ". Received: mask_token=" + maskToken);
        }
        if (oovToken != null && invert && seen.contains(oovToken)) {
            throw new IllegalArgumentException(describe() + ": found reserved OOV token at unexpected location in "
                    + "`vocabulary`. Either remove all mask and OOV tokens, or include them only at the start of the "
                    + "vocabulary in precisely this order: " + special + ". Received: oov_token=" + oovToken);
        }
        int newSize = tokenStart + toks.size();
        if (maxTokens != null && newSize > maxTokens) {
            throw new IllegalArgumentException(describe() + ": attempted to set a vocabulary larger than the maximum "
                    + "vocab size. Received vocabulary size is " + newSize + "; `max_tokens` is " + maxTokens + ".");
        }
        float[] weights = null;
        if (idf != null) {
            if (idf.length != vocabulary.size()) {
                throw new IllegalArgumentException(describe() + ": `idf_weights` must be the same length as "
                        + "vocabulary. len(idf_weights) is " + idf.length + "; len(vocabulary) is "
                        + vocabulary.size());
            }
            int front = found ? 0 : tokenStart;
            double avg = 0;
            for (float w : idf) {
                avg += w;
            }
            avg /= idf.length; // np.average, in float64
            int back = padToMaxTokens ? maxTokens - front - idf.length : 0;
            weights = new float[front + idf.length + Math.max(0, back)];
            Arrays.fill(weights, 0, front, (float) avg);
            System.arraycopy(idf, 0, weights, front, idf.length);
        }
        install(toks, weights);
        if (inputVocabulary != null) {
            // The config holds the given vocabulary, and a loader reads it from there (the assets only when it is
            // absent, as Keras's load_assets): a later one must replace it, or a reload would bring back the old
            // one. Keras's get_config keeps the first here, which loses the new vocabulary on save.
            inputVocabulary = List.copyOf(vocabulary);
            inputIdfWeights = idf == null ? null : idf.clone();
        }
    }

    /**
     * Sets the vocabulary from a text file, as Keras's {@code set_vocabulary(path)}: UTF-8, one term per line (a
     * {@code \r} before the {@code \n} dropped, and the last line's {@code \n} optional), line {@code n} being
     * index {@code n - 1} plus the reserved indices. The file holds only the terms: Keras reads every line as a term,
     * so a mask or OOV token in it would be a second, ordinary entry. The path is not kept: the config says
     * {@code vocabulary: null} and the vocabulary is saved in the assets, as Keras does.
     *
     * @throws IllegalArgumentException naming the layer, the file and the line, for a missing, unreadable or empty
     *     file, an empty line, text that is not UTF-8, a line that is not a token of this layer's kind, a repeated
     *     token, a mask or OOV token, more terms than {@code max_tokens} allows, or {@code tf_idf} output (Keras
     *     cannot read IDF weights from a file either)
     */
    public void setVocabulary(Path file) {
        setVocabularyFile(file, null, describe());
    }

    final void setVocabularyFile(Path file, float[] idf, String owner) {
        Objects.requireNonNull(file, "file");
        if (!outputMode.equals("tf_idf") && idf != null) {
            throw new IllegalArgumentException(owner + ": `idf_weights` should only be set if output_mode is "
                    + "`'tf_idf'`. Received: output_mode=" + outputMode);
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(owner + ": vocabulary file " + file + " does not exist.");
        }
        if (outputMode.equals("tf_idf")) {
            throw new IllegalArgumentException(owner + ": output_mode 'tf_idf' does not support loading a "
                    + "vocabulary from file (" + file + "); pass the vocabulary as a list with its idf_weights");
        }
        List<K> terms = readTermsFile(file, owner + ": vocabulary file " + file);
        setVocabulary(terms, null); // cannot fail: readTermsFile checked what it checks
    }

    /** The terms of a vocabulary file, checked as {@link #setVocabulary(Path)} says; {@code what} begins errors. */
    private List<K> readTermsFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + " is a directory; expected a text file with one token per line");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot be read: " + e, e);
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException(what + " is empty; expected one token per line");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<K> terms = new ArrayList<>();
        Map<K, Integer> lineOf = new HashMap<>();
        int start = 0;
        for (int line = 1; start < bytes.length; line++) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            String where = what + ", line " + line;
            if (stop == start) {
                // TensorFlow's TextFileInitializer, which Keras reads the file with, refuses empty lines too
                throw new IllegalArgumentException(where + " is empty; expected one token per line");
            }
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(bytes, start, stop - start)).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(where + " is not UTF-8 text", e);
            }
            K token;
            try {
                token = parseToken(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            String reserved = maskToken != null && maskToken.equals(token) ? "mask"
                    : oovToken != null && oovToken.equals(token) ? "OOV" : null;
            if (reserved != null) {
                throw new IllegalArgumentException(where + " is the " + reserved + " token '" + text + "'. A "
                        + "vocabulary file lists only the terms (line n is index n - 1 + " + tokenStartIndex()
                        + ", after the reserved indices), so a reserved token in it would be a second, ordinary "
                        + "entry; remove it, or pass the vocabulary as a list, which may start with the reserved "
                        + "tokens " + getVocabulary(true).subList(0, tokenStartIndex()));
            }
            Integer first = lineOf.putIfAbsent(token, line);
            if (first != null) {
                throw new IllegalArgumentException(where + " repeats '" + text + "' of line " + first
                        + "; expected each token once");
            }
            terms.add(token);
            start = end + 1;
        }
        int size = tokenStartIndex() + terms.size();
        if (maxTokens != null && size > maxTokens) {
            throw new IllegalArgumentException(what + " has " + terms.size() + " terms, " + size + " indices with the "
                    + "reserved ones, more than max_tokens=" + maxTokens);
        }
        return terms;
    }

    private void install(List<K> toks, float[] weights) {
        Map<K, Integer> idx = new HashMap<>();
        int start = tokenStartIndex();
        for (int i = 0; i < toks.size(); i++) {
            idx.put(toks.get(i), start + i);
        }
        this.tokens = List.copyOf(toks);
        this.index = idx;
        this.idfWeights = weights;
        this.hasVocabulary = true;
    }

    /**
     * Keras's {@code adapt}: counts the tokens of the documents (one list of tokens each), drops the reserved
     * tokens, keeps the {@code max_tokens - reserved} most frequent (ties: the larger token first) and, for
     * {@code tf_idf}, computes the IDF weights (the reserved indices get their average; padding gets 0).
     *
     * @throws IllegalStateException if the layer was given its vocabulary
     */
    final void adaptDocuments(Iterable<? extends List<K>> documents) {
        if (inputVocabulary != null || vocabularyFromFile) {
            throw new IllegalStateException(describe() + ": cannot adapt layer '" + name() + "' after setting a "
                    + "static vocabulary via `vocabulary` argument or `set_vocabulary()` method.");
        }
        Map<K, long[]> counts = new HashMap<>(); // token -> {count, documents}
        long docs = 0;
        for (List<K> doc : documents) {
            docs++;
            Set<K> inDoc = new java.util.HashSet<>();
            for (K t : doc) {
                long[] c = counts.computeIfAbsent(t, k -> new long[2]);
                c[0]++;
                if (inDoc.add(t)) {
                    c[1]++;
                }
            }
        }
        if (counts.isEmpty()) {
            return; // Keras keeps the vocabulary it had
        }
        if (maskToken != null) {
            counts.remove(maskToken);
        }
        if (oovToken != null) {
            counts.remove(oovToken);
        }
        List<K> sorted = new ArrayList<>(counts.keySet());
        sorted.sort((a, b) -> {
            int c = Long.compare(counts.get(b)[0], counts.get(a)[0]);
            return c != 0 ? c : compareTokens(b, a);
        });
        if (maxTokens != null) {
            int keep = Math.max(0, maxTokens - tokenStartIndex());
            if (sorted.size() > keep) {
                sorted = sorted.subList(0, keep);
            }
        }
        float[] weights = null;
        if (outputMode.equals("tf_idf")) {
            int start = tokenStartIndex();
            float[] idf = new float[sorted.size()];
            double sum = 0;
            for (int i = 0; i < idf.length; i++) {
                idf[i] = (float) Math.log(1 + (double) docs / (1 + counts.get(sorted.get(i))[1]));
                sum += idf[i];
            }
            float mean = (float) (sum / idf.length);
            int total = start + idf.length;
            if (padToMaxTokens) {
                total = Math.max(total, maxTokens);
            }
            weights = new float[total];
            Arrays.fill(weights, 0, start, mean);
            System.arraycopy(idf, 0, weights, start, idf.length);
        }
        install(sorted, weights);
    }

    // ---- lookup ----------------------------------------------------------------------------------------------------

    /** The index of a token; -1 for the mask token in the encoded modes (left out of the vectors). */
    final int lookup(K token) {
        if (maskToken != null && maskToken.equals(token)) {
            return outputMode.equals("int") ? 0 : -1;
        }
        Integer i = index.get(token);
        if (i != null) {
            return i;
        }
        if (numOovIndices == 0) {
            throw new IllegalArgumentException(describe() + ": when `num_oov_indices=0` all inputs should be in "
                    + "vocabulary, found OOV value " + token + ", consider setting `num_oov_indices=1`.");
        }
        return oovStartIndex() + (numOovIndices == 1 ? 0 : oovBucket(token));
    }

    /** The token of an index (invert): the mask token at 0, the OOV token at the OOV indices. */
    final K inverse(long id) {
        if (id < 0 || id >= vocabularySize()) {
            throw new IllegalArgumentException(describe() + ": index " + id + " is outside the vocabulary [0, "
                    + vocabularySize() + ") (Keras would return the OOV token " + oovToken + ")");
        }
        if (maskToken != null && id == 0) {
            return maskToken;
        }
        int i = (int) id - tokenStartIndex();
        return i < 0 ? oovToken : tokens.get(i);
    }

    /** The depth of the encoded modes. */
    final int depth() {
        if (padToMaxTokens) {
            return maxTokens;
        }
        if (!hasVocabulary) {
            throw new IllegalStateException(describe() + ": when using `output_mode=" + outputMode + "` and "
                    + "`pad_to_max_tokens=False`, you must set the layer's vocabulary before calling it. Either pass "
                    + "a `vocabulary` argument to the layer, or call `adapt` with some sample data.");
        }
        return vocabularySize();
    }

    /** Looks up a batch of tokens of shape {@code shape} and encodes them in the output mode. */
    final Tensor lookupAndEncode(List<K> flat, Shape shape) {
        int[] ids = new int[flat.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = lookup(flat.get(i));
        }
        return encode(ids, shape);
    }

    final Tensor encode(int[] ids, Shape shape) {
        if (outputMode.equals("int")) {
            return Categorical.encode(ids, shape, "int", 0, null);
        }
        int depth = depth();
        String mode = outputMode.equals("tf_idf") ? "count" : outputMode;
        float[] w = null;
        if (outputMode.equals("tf_idf")) {
            w = Arrays.copyOf(idfWeights, depth);
        }
        return Categorical.encode(ids, shape, mode, depth, w);
    }

    /** The encoded depth for shapes: {@code max_tokens} when padding, else the vocabulary's (or the config's). */
    final int encodedDepth() {
        if (padToMaxTokens) {
            return maxTokens;
        }
        return !hasVocabulary && frozenVocabularySize != null ? frozenVocabularySize : vocabularySize();
    }

    final Shape lookupOutputShape(Shape in) {
        if (outputMode.equals("int")) {
            return in;
        }
        return Categorical.outputShape(in, outputMode.equals("tf_idf") ? "count" : outputMode, encodedDepth());
    }

    // ---- config and assets -----------------------------------------------------------------------------------------

    /** Keras's {@code IndexLookup.get_config} keys after the base ones. */
    final Map<String, Object> lookupConfig(Object oovTokenValue, Object maskTokenValue) {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("invert", invert);
        config.put("max_tokens", maxTokens);
        config.put("num_oov_indices", numOovIndices);
        config.put("oov_token", oovTokenValue);
        config.put("mask_token", maskTokenValue);
        config.put("output_mode", outputMode);
        config.put("sparse", false);
        config.put("pad_to_max_tokens", padToMaxTokens);
        config.put("vocabulary_dtype", null); // placeholder, set or removed by the subclass
        List<Double> idf = null;
        if (inputIdfWeights != null) {
            idf = new ArrayList<>();
            for (float w : inputIdfWeights) {
                idf.add((double) w);
            }
        }
        config.put("idf_weights", idf);
        config.put("vocabulary", inputVocabulary == null ? null : new ArrayList<Object>(inputVocabulary));
        config.put("vocabulary_size", hasVocabulary ? vocabularySize() : null);
        config.put("oov_method", oovMethod);
        config.put("salt", salt == null ? null : new ArrayList<>(List.of(salt[0], salt[1])));
        return config;
    }

    /** Reads an {@code idf_weights} list from a config, or null. */
    static float[] idfFromConfig(Config c) {
        List<Object> l = c.list("idf_weights");
        if (l == null) {
            return null;
        }
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) c.toDouble(l.get(i), "idf_weights");
        }
        return out;
    }

    /**
     * A config's {@code vocabulary} when it is a path (Keras's string form; Keras's own {@code get_config} never
     * writes one), or null. Read only outside safe mode, as Keras: a file outside the archive could be any file.
     */
    static Path vocabularyPath(Config c) {
        if (!(c.map().get("vocabulary") instanceof String path)) {
            return null;
        }
        c.raw("vocabulary");
        if (c.context().safeMode()) {
            throw c.error("`vocabulary` is a path (" + path + "): loading a vocabulary file from outside the model "
                    + "archive is refused in safe mode, as Keras refuses it, since it could be any file. If you trust "
                    + "this config, read it with new LoadOptions().safeMode(false)");
        }
        return Path.of(path);
    }

    /** Whether the vocabulary lives in the assets (learnt, not given to the constructor). */
    final boolean vocabularyInAssets() {
        return inputVocabulary == null;
    }

    /** The {@code vocabulary.txt} Keras writes: the vocabulary with the reserved tokens, one per line. */
    final byte[] vocabularyFile() {
        StringBuilder sb = new StringBuilder();
        List<K> vocab = getVocabulary(true);
        for (int i = 0; i < vocab.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(tokenText(vocab.get(i)));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Keras's {@code load_assets}: the lines of {@code vocabulary.txt}, trailing empty lines dropped. */
    final void readVocabularyFile(byte[] bytes, String where) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(describe() + ": vocabulary file " + where + " is not UTF-8 text", e);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\n|\r", -1)));
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        List<K> values = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            try {
                values.add(parseToken(lines.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(describe() + ": vocabulary file " + where + ", line " + (i + 1)
                        + ": " + e.getMessage(), e);
            }
        }
        try {
            if (outputMode.equals("tf_idf")) {
                if (idfWeights == null) {
                    throw new IllegalArgumentException("tf_idf output needs the idf_weights saved with the layer");
                }
                setVocabulary(values, Arrays.copyOf(idfWeights, values.size()));
            } else {
                setVocabulary(values);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vocabulary file " + where + ": " + e.getMessage(), e);
        }
    }

    /** Keras's {@code save_own_variables}: the IDF weights of {@code tf_idf} output, as {@code idf_weights}. */
    @Override
    public Map<String, Tensor> saveNamedValues() {
        return outputMode.equals("tf_idf") && idfWeights != null
                ? Map.of("idf_weights", Tensor.of(idfWeights.clone(), idfWeights.length)) : Map.of();
    }

    @Override
    public boolean readsNamedValue(String name) {
        return outputMode.equals("tf_idf") && name.equals("idf_weights");
    }

    /** Keras's {@code load_own_variables}: the IDF weights, which the vocabulary read next goes with. */
    @Override
    public void loadNamedValue(String name, Tensor value) {
        if (value.shape().rank() != 1) {
            throw new IllegalArgumentException(describe() + ": idf_weights must be a vector, got shape "
                    + value.shape());
        }
        idfWeights = value.toFloatArray();
    }

    @Override
    public Map<String, byte[]> saveAssets() {
        if (!vocabularyInAssets()) {
            return Map.of();
        }
        return Map.of("vocabulary.txt", vocabularyFile());
    }

    @Override
    public void loadAssets(Map<String, byte[]> files, String where) {
        if (!vocabularyInAssets()) {
            return;
        }
        byte[] vocab = files.get("vocabulary.txt");
        if (vocab == null && hasVocabulary) {
            return; // TextVectorization's lookup, whose owner read the same file first
        }
        if (vocab == null) {
            throw new IllegalArgumentException(describe() + ": the file has no vocabulary for it (expected "
                    + where + "vocabulary.txt)");
        }
        readVocabularyFile(vocab, where + "vocabulary.txt");
    }

    /** Keras's {@code IndexLookup.get_build_config}: always {@code {}} (the layer builds from nothing). */
    @Override
    public Map<String, Object> getBuildConfig() {
        return new LinkedHashMap<>();
    }
}

package dev.strata.data;

import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras's {@code keras.utils.text_dataset_from_directory}: the ".txt" files in class sub-folders read into memory as
 * a {@link TextDataset} (strings and labels; Keras returns a batched {@code tf.data.Dataset} of them), ready for a
 * {@code TextVectorization} layer.
 *
 * <pre>{@code
 * TextDataset train = TextDatasets.textDatasetFromDirectory(Path.of("aclImdb/train"),
 *         TextDatasets.options().validationSplit(0.2).subset("training").seed(1337));
 * vectorize.adapt(train.texts());
 * model.fit(vectorize.apply(train.texts().toArray(String[]::new)), train.labels(), ...);
 * }</pre>
 *
 * <p>As Keras (and as {@link ImageDatasets}, with which it shares {@code index_directory}): the classes are the
 * sub-folders in alphabetical order (or {@link DirectoryOptions#classNames}), their files sorted by folder and name,
 * shuffled by numpy's {@code RandomState(seed).shuffle} reproduced bit for bit, so a seed gives Keras's order and its
 * {@code validation_split}. Files are read as UTF-8 (malformed bytes become U+FFFD); {@code max_length} keeps the
 * first {@code max_length} bytes of each, as Keras's {@code tf.strings.substr}.
 */
public final class TextDatasets {
    /** Keras's {@code ALLOWED_FORMATS} for text. */
    static final List<String> FORMATS = List.of(".txt");

    private TextDatasets() {
    }

    /** Keras's defaults: labels inferred, "int" labels, batch 32, shuffled, no maximum length. */
    public static Options options() {
        return new Options();
    }

    /** The arguments of {@code text_dataset_from_directory}, with Keras's defaults; fluent. */
    public static final class Options extends DirectoryOptions<Options> {
        private Integer maxLength;

        private Options() {
        }

        /** Keeps the first {@code bytes} bytes of each file (Keras's {@code max_length}); null for all. */
        public Options maxLength(Integer bytes) {
            if (bytes != null && bytes <= 0) {
                throw new IllegalArgumentException("max_length must be positive, got " + bytes);
            }
            this.maxLength = bytes;
            return this;
        }
    }

    /** The training and validation subsets of {@code subset("both")}. */
    public record TrainValidation(TextDataset training, TextDataset validation) {
    }

    /**
     * The texts of {@code directory} (one subset, or all without a validation split), as Keras's
     * {@code text_dataset_from_directory}.
     *
     * @throws IllegalArgumentException for arguments Keras refuses (a validation split without a subset or a seed,
     *     "binary" labels for other than two classes, class names that are not sub-folders) or no text file
     * @throws UncheckedIOException naming a file that cannot be read
     */
    public static TextDataset textDatasetFromDirectory(Path directory, Options options) {
        if ("both".equals(options.subset)) {
            throw new IllegalArgumentException("subset \"both\" gives two datasets: use textDatasetsFromDirectory");
        }
        DirectoryIndex index = DirectoryIndex.of(directory, options, FORMATS, "text");
        DirectoryIndex part = options.validationSplit == null ? index
                : index.subset(options.validationSplit, options.subset, options.verbose);
        if (part.paths().isEmpty()) {
            throw new IllegalArgumentException("No text files found in directory " + directory + ". Allowed format: "
                    + FORMATS);
        }
        return load(part, options);
    }

    /** {@code subset="both"}: the training and validation subsets, from one shuffle. */
    public static TrainValidation textDatasetsFromDirectory(Path directory, Options options) {
        if (!"both".equals(options.subset)) {
            throw new IllegalArgumentException("textDatasetsFromDirectory needs subset \"both\"");
        }
        DirectoryIndex index = DirectoryIndex.of(directory, options, FORMATS, "text");
        DirectoryIndex train = index.subset(options.validationSplit, "training", options.verbose);
        DirectoryIndex validation = index.subset(options.validationSplit, "validation", options.verbose);
        if (train.paths().isEmpty() || validation.paths().isEmpty()) {
            throw new IllegalArgumentException("No " + (train.paths().isEmpty() ? "training" : "validation")
                    + " text files found in directory " + directory + ". Allowed format: " + FORMATS);
        }
        return new TrainValidation(load(train, options), load(validation, options));
    }

    /**
     * The texts of {@code directory} as a streamed {@link Dataset} of batches, as Keras's
     * {@code text_dataset_from_directory} builds its pipeline: the files (one subset, or all) are listed once; each
     * pass shuffles them ({@code shuffle}, a buffer of 8 batches, with the options' seed), reads a batch of them
     * ({@code batchSize}, 1 if null) and turns its texts into the inputs with {@code vectorize}, e.g. an adapted
     * {@code TextVectorization}'s {@code apply}; the labels are stacked beside them. Only the batches in flight are
     * in memory.
     *
     * <pre>{@code
     * Dataset<Batch> train = TextDatasets.dataset(dir, TextDatasets.options().batchSize(32), vectorizer::apply);
     * }</pre>
     *
     * @throws IllegalArgumentException as {@link #textDatasetFromDirectory}
     */
    public static Dataset<Batch> dataset(Path directory, Options options,
                                         java.util.function.Function<String[], Tensor> vectorize) {
        java.util.Objects.requireNonNull(vectorize, "TextDatasets.dataset: vectorize is null");
        if ("both".equals(options.subset)) {
            throw new IllegalArgumentException("subset \"both\" gives two datasets: call dataset(...) once with "
                    + "subset \"training\" and once with \"validation\"");
        }
        DirectoryIndex index = DirectoryIndex.of(directory, options, FORMATS, "text");
        DirectoryIndex part = options.validationSplit == null ? index
                : index.subset(options.validationSplit, options.subset, options.verbose);
        if (part.paths().isEmpty()) {
            throw new IllegalArgumentException("No text files found in directory " + directory + ". Allowed format: "
                    + FORMATS);
        }
        Tensor labels = part.labelTensor(options.labelMode);
        int batch = options.batchSize != null ? options.batchSize : 1;
        Dataset<Integer> files = Dataset.range(part.paths().size());
        if (options.shuffle) {
            files = files.shuffle(options.batchSize != null ? options.batchSize * 8 : 1024, options.seed, true);
        }
        Dataset<Integer> order = files;
        return Dataset.<List<Integer>>of(order.cardinality() < 0 ? order.cardinality()
                : (order.cardinality() + batch - 1) / batch, () -> Pipeline.groups(order.iterator(), batch))
                .map(group -> {
                    String[] texts = new String[group.size()];
                    List<Tensor> rows = new ArrayList<>(group.size());
                    for (int k = 0; k < texts.length; k++) {
                        texts[k] = text(part.paths().get(group.get(k)), options);
                        if (labels != null) {
                            rows.add(Stacking.row(labels, group.get(k)));
                        }
                    }
                    Tensor x = java.util.Objects.requireNonNull(vectorize.apply(texts),
                            "TextDatasets.dataset: vectorize returned null");
                    return labels == null ? Batch.inputs(List.of(x))
                            : new Batch(List.of(x), List.of(Stacking.stackTensors(rows, false, 0f, "batch", "labels")),
                            null);
                }).prefetch(Dataset.AUTOTUNE);
    }

    /** A file's text: UTF-8, malformed bytes replaced, cut at {@code maxLength} bytes. */
    private static String text(Path p, Options o) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read text file " + p, e);
        }
        int n = o.maxLength == null ? bytes.length : Math.min(bytes.length, o.maxLength);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes, 0, n))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("unreachable: the decoder replaces malformed input", e);
        }
    }

    private static TextDataset load(DirectoryIndex index, Options o) {
        List<String> texts = new ArrayList<>(index.paths().size());
        for (Path p : index.paths()) {
            texts.add(text(p, o));
        }
        return new TextDataset(texts, index.labelTensor(o.labelMode), index.classNames(), index.paths(),
                o.batchSize);
    }
}

package dev.strata.data;

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

    private static TextDataset load(DirectoryIndex index, Options o) {
        List<String> texts = new ArrayList<>(index.paths().size());
        for (Path p : index.paths()) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read text file " + p, e);
            }
            int n = o.maxLength == null ? bytes.length : Math.min(bytes.length, o.maxLength);
            try {
                texts.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes, 0, n))
                        .toString());
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalStateException("unreachable: the decoder replaces malformed input", e);
            }
        }
        return new TextDataset(texts, index.labelTensor(o.labelMode), index.classNames(), index.paths(),
                o.batchSize);
    }
}

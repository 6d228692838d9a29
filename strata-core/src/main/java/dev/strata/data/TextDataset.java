package dev.strata.data;

import dev.strata.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;

/**
 * Texts read from a directory by {@link TextDatasets#textDatasetFromDirectory}, in memory: what Keras's
 * {@code text_dataset_from_directory} yields. The texts go to a {@code TextVectorization} layer ({@code adapt}, then
 * {@code apply}), whose ids and these labels are what {@code fit} takes.
 *
 * @param texts the files' contents, in order
 * @param labels the labels: {@code (n,)} class indices ("int"), {@code (n, classes)} one-hot ("categorical"),
 *     {@code (n, 1)} 0 or 1 ("binary"), or null without labels
 * @param classNames the class names, in label order (null without inferred or given labels)
 * @param filePaths the file of each text, in order
 * @param batchSize the batch size asked for (pass it to {@code FitOptions.batchSize}), or null for none
 */
public record TextDataset(List<String> texts, Tensor labels, List<String> classNames, List<Path> filePaths,
        Integer batchSize) {
    /** Copies the lists. */
    public TextDataset {
        texts = List.copyOf(texts);
        classNames = classNames == null ? null : List.copyOf(classNames);
        filePaths = List.copyOf(filePaths);
    }

    /** The number of texts. */
    public int size() {
        return texts.size();
    }
}

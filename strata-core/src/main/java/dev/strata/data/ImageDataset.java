package dev.strata.data;

import dev.strata.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;

/**
 * Images read from a directory by {@link ImageDatasets#imageDatasetFromDirectory}, in memory: what Keras's
 * {@code image_dataset_from_directory} yields, as the tensors Strata's {@code fit} takes.
 *
 * <pre>{@code
 * ImageDataset train = ImageDatasets.imageDatasetFromDirectory(dir, ImageDatasets.options().imageSize(64, 64)
 *         .validationSplit(0.2).subset("training").seed(1337));
 * model.fit(train.images(), train.labels(), new FitOptions().epochs(10).batchSize(train.batchSize()));
 * }</pre>
 *
 * @param images the images, {@code (n, height, width, channels)} (or channels first), float32 in [0, 255]
 * @param labels the labels: {@code (n,)} class indices ("int"), {@code (n, classes)} one-hot ("categorical"),
 *     {@code (n, 1)} 0 or 1 ("binary"), or null without labels
 * @param classNames the class names, in label order (null without inferred or given labels)
 * @param filePaths the file of each image, in order
 * @param batchSize the batch size asked for (Keras batches the dataset; pass it to {@code FitOptions.batchSize}),
 *     or null for none
 */
public record ImageDataset(Tensor images, Tensor labels, List<String> classNames, List<Path> filePaths,
        Integer batchSize) {
    /** Copies the lists. */
    public ImageDataset {
        classNames = classNames == null ? null : List.copyOf(classNames);
        filePaths = List.copyOf(filePaths);
    }

    /** The number of images. */
    public int size() {
        return filePaths.size();
    }
}

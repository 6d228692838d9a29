package dev.strata.data;

import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras's {@code keras.utils.image_dataset_from_directory}: images in class sub-folders read into memory as an
 * {@link ImageDataset} (the tensors {@code fit} takes; Keras returns a batched {@code tf.data.Dataset}).
 *
 * <pre>
 * main_directory/
 * ...class_a/
 * ......a_image_1.jpg
 * ......a_image_2.jpg
 * ...class_b/
 * ......b_image_1.jpg
 * </pre>
 *
 * <p>As Keras: the classes are the sub-folders in alphabetical order (or {@link Options#classNames}, a subset in the
 * order given), their files (".bmp", ".gif", ".jpeg", ".jpg", ".png", any case, sub-folders included) sorted by
 * folder and name; with {@code shuffle} the files are shuffled by numpy's {@code RandomState(seed).shuffle}
 * (reproduced bit for bit), so a seed gives Keras's order and Keras's {@code validation_split}: the last
 * {@code int(validation_split · n)} files are the validation subset, the others the training subset. Images are
 * decoded with the JDK (PNG, JPEG, BMP, GIF), converted to the color mode (grayscale with
 * {@code tf.image.rgb_to_grayscale}'s weights), and resized to {@code image_size} with Strata's resize
 * ({@code jax.image.resize} numerics without antialiasing, as {@code tf.image.resize}'s default), after cropping or
 * padding to the aspect ratio if asked. Values are float32 in [0, 255].
 */
public final class ImageDatasets {
    /** Keras's {@code ALLOWLIST_FORMATS}. */
    static final List<String> FORMATS = List.of(".bmp", ".gif", ".jpeg", ".jpg", ".png");

    private ImageDatasets() {
    }

    /** Keras's defaults: labels inferred, "int" labels, RGB, batch 32, 256 × 256, shuffled, bilinear. */
    public static Options options() {
        return new Options();
    }

    /**
     * The arguments of {@code image_dataset_from_directory}, with Keras's defaults; fluent. The ones all of Keras's
     * directory functions share are {@link DirectoryOptions}'.
     */
    public static final class Options extends DirectoryOptions<Options> {
        private String colorMode = "rgb";
        private int[] imageSize = {256, 256};
        private String interpolation = "bilinear";
        private boolean cropToAspectRatio;
        private boolean padToAspectRatio;
        private String dataFormat = "channels_last";

        private Options() {
        }

        /** "grayscale" (1 channel), "rgb" (3, default) or "rgba" (4). */
        public Options colorMode(String colorMode) {
            this.colorMode = ImageUtils.colorMode(colorMode);
            return this;
        }

        /** The size every image is resized to (default 256 × 256). */
        public Options imageSize(int height, int width) {
            if (height <= 0 || width <= 0) {
                throw new IllegalArgumentException("image_size must be two positive integers, got (" + height + ", "
                        + width + ")");
            }
            this.imageSize = new int[] {height, width};
            return this;
        }

        /** "bilinear" (default), "nearest", "bicubic", "lanczos3" or "lanczos5". */
        public Options interpolation(String interpolation) {
            String i = interpolation.toLowerCase(Locale.ROOT);
            if (!List.of("bilinear", "nearest", "bicubic", "lanczos3", "lanczos5").contains(i)) {
                throw new IllegalArgumentException("interpolation must be one of [bilinear, nearest, bicubic, "
                        + "lanczos3, lanczos5], got '" + interpolation + "' (Keras's area, gaussian and "
                        + "mitchellcubic, from TensorFlow, are not supported)");
            }
            this.interpolation = i;
            return this;
        }

        /** Crops each image to the target aspect ratio before resizing (Keras's {@code smart_resize}). */
        public Options cropToAspectRatio(boolean crop) {
            this.cropToAspectRatio = crop;
            return this;
        }

        /** Pads each image (with 0) to the target aspect ratio before resizing. */
        public Options padToAspectRatio(boolean pad) {
            this.padToAspectRatio = pad;
            return this;
        }

        /** "channels_last" (default) or "channels_first". */
        public Options dataFormat(String dataFormat) {
            this.dataFormat = ImageUtils.dataFormat(dataFormat);
            return this;
        }
    }

    /** The training and validation subsets of {@code subset("both")}. */
    public record TrainValidation(ImageDataset training, ImageDataset validation) {
    }

    /**
     * The images of {@code directory} (one subset, or all without a validation split), as Keras's
     * {@code image_dataset_from_directory}.
     *
     * @throws IllegalArgumentException for arguments Keras refuses (a validation split without a subset or a seed,
     *     "binary" labels for other than two classes, class names that are not sub-folders, no images)
     * @throws ImageException naming a file that cannot be decoded
     */
    public static ImageDataset imageDatasetFromDirectory(Path directory, Options options) {
        if ("both".equals(options.subset)) {
            throw new IllegalArgumentException("subset \"both\" gives two datasets: use imageDatasetsFromDirectory");
        }
        DirectoryIndex index = index(directory, options);
        DirectoryIndex part = options.validationSplit == null ? index
                : index.subset(options.validationSplit, options.subset, options.verbose);
        if (part.paths().isEmpty()) {
            throw new IllegalArgumentException("No images found in directory " + directory + ". Allowed formats: "
                    + FORMATS);
        }
        return load(part, options);
    }

    /** {@code subset="both"}: the training and validation subsets, from one shuffle. */
    public static TrainValidation imageDatasetsFromDirectory(Path directory, Options options) {
        if (!"both".equals(options.subset)) {
            throw new IllegalArgumentException("imageDatasetsFromDirectory needs subset \"both\"");
        }
        DirectoryIndex index = index(directory, options);
        DirectoryIndex train = index.subset(options.validationSplit, "training", options.verbose);
        DirectoryIndex validation = index.subset(options.validationSplit, "validation", options.verbose);
        if (train.paths().isEmpty()) {
            throw new IllegalArgumentException("No training images found in directory " + directory
                    + ". Allowed formats: " + FORMATS);
        }
        if (validation.paths().isEmpty()) {
            throw new IllegalArgumentException("No validation images found in directory " + directory
                    + ". Allowed formats: " + FORMATS);
        }
        return new TrainValidation(load(train, options), load(validation, options));
    }

    private static DirectoryIndex index(Path directory, Options o) {
        if (o.cropToAspectRatio && o.padToAspectRatio) {
            throw new IllegalArgumentException("Only one of pad_to_aspect_ratio and crop_to_aspect_ratio can be "
                    + "true");
        }
        return DirectoryIndex.of(directory, o, FORMATS, "image");
    }

    /**
     * The images of {@code directory} as a streamed {@link Dataset} of batches, as Keras's
     * {@code image_dataset_from_directory} builds its {@code tf.data} pipeline: the files (one subset, or all) are
     * listed once; each pass shuffles them ({@code shuffle}, a buffer of 8 batches, with the options' seed),
     * decodes and resizes them on parallel threads, batches them ({@code batchSize}; null gives single images) and
     * prefetches. Only the batches in flight are in memory, so a directory larger than the heap can be trained on.
     *
     * @throws IllegalArgumentException as {@link #imageDatasetFromDirectory}
     */
    public static Dataset<Batch> dataset(Path directory, Options options) {
        if ("both".equals(options.subset)) {
            throw new IllegalArgumentException("subset \"both\" gives two datasets: call dataset(...) once with "
                    + "subset \"training\" and once with \"validation\"");
        }
        DirectoryIndex index = index(directory, options);
        DirectoryIndex part = options.validationSplit == null ? index
                : index.subset(options.validationSplit, options.subset, options.verbose);
        if (part.paths().isEmpty()) {
            throw new IllegalArgumentException("No images found in directory " + directory + ". Allowed formats: "
                    + FORMATS);
        }
        Tensor labels = part.labelTensor(options.labelMode);
        int channels = channels(options);
        Dataset<Integer> files = Dataset.range(part.paths().size());
        if (options.shuffle) {
            files = files.shuffle(options.batchSize != null ? options.batchSize * 8 : 1024, options.seed, true);
        }
        Dataset<Batch> images = files.map(i -> {
            Tensor image = image(part.paths().get(i), options, channels);
            return labels == null ? Batch.inputs(List.of(image))
                    : new Batch(List.of(image), List.of(Stacking.row(labels, i)), null);
        }, Dataset.AUTOTUNE);
        return (options.batchSize != null ? images.batch(options.batchSize) : images).prefetch(Dataset.AUTOTUNE);
    }

    private static int channels(Options o) {
        return switch (o.colorMode) {
            case "grayscale" -> 1;
            case "rgba" -> 4;
            default -> 3;
        };
    }

    /** One file decoded, resized and laid out as the options say. */
    private static Tensor image(Path p, Options o, int channels) {
        int[][] argb = ImageUtils.readArgb(p);
        Tensor img = Tensor.of(ImageUtils.channels(argb, channels, ImageUtils.TF_LUMA), argb.length,
                argb[0].length, channels);
        img = Ops.resize(img, o.imageSize.clone(), o.interpolation, false, o.cropToAspectRatio,
                o.padToAspectRatio, "constant", 0f, null);
        return o.dataFormat.equals("channels_first") ? Ops.transpose(img, 2, 0, 1) : img;
    }

    private static ImageDataset load(DirectoryIndex index, Options o) {
        int channels = channels(o);
        List<Tensor> images = new ArrayList<>();
        for (Path p : index.paths()) {
            images.add(image(p, o, channels));
        }
        Tensor x = Ops.stack(images, 0);
        Tensor y = index.labelTensor(o.labelMode);
        return new ImageDataset(x, y, index.classNames(), index.paths(), o.batchSize);
    }
}

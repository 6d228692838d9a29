package dev.strata.data;

import dev.strata.internal.RandomState;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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
     * The arguments of {@code image_dataset_from_directory}, with Keras's defaults; fluent.
     */
    public static final class Options {
        private boolean inferLabels = true;
        private int[] labels;
        private String labelMode = "int";
        private List<String> classNames;
        private String colorMode = "rgb";
        private Integer batchSize = 32;
        private int[] imageSize = {256, 256};
        private boolean shuffle = true;
        private Long seed;
        private Double validationSplit;
        private String subset;
        private String interpolation = "bilinear";
        private boolean followLinks;
        private boolean cropToAspectRatio;
        private boolean padToAspectRatio;
        private String dataFormat = "channels_last";
        private boolean verbose = true;

        private Options() {
        }

        /** No labels (Keras's {@code labels=None}): only images. */
        public Options noLabels() {
            this.inferLabels = false;
            this.labels = null;
            return this;
        }

        /** One integer label per file, in the files' sorted order (Keras's list of {@code labels}). */
        public Options labels(int... labels) {
            this.inferLabels = false;
            this.labels = labels.clone();
            return this;
        }

        /**
         * "int" (class indices), "categorical" (one-hot), "binary" (0 or 1, two classes) or null (no labels).
         */
        public Options labelMode(String labelMode) {
            if (labelMode != null && !List.of("int", "categorical", "binary").contains(labelMode)) {
                throw new IllegalArgumentException("label_mode must be one of \"int\", \"categorical\", \"binary\", "
                        + "or null, got '" + labelMode + "'");
            }
            this.labelMode = labelMode;
            return this;
        }

        /** The classes to read, in label order: a subset of the sub-folders (only with inferred labels). */
        public Options classNames(String... names) {
            this.classNames = List.of(names);
            return this;
        }

        /** "grayscale" (1 channel), "rgb" (3, default) or "rgba" (4). */
        public Options colorMode(String colorMode) {
            this.colorMode = ImageUtils.colorMode(colorMode);
            return this;
        }

        /** The batch size to train with (default 32); null for none. */
        public Options batchSize(Integer batchSize) {
            if (batchSize != null && batchSize <= 0) {
                throw new IllegalArgumentException("batch_size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
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

        /** Whether to shuffle the files (default true). */
        public Options shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The seed of the shuffle (numpy's RandomState; required with a validation split and shuffling). */
        public Options seed(long seed) {
            if (seed < 0 || seed > 0xffffffffL) {
                throw new IllegalArgumentException("seed must be in [0, 2^32), as numpy's, got " + seed);
            }
            this.seed = seed;
            return this;
        }

        /** The fraction of files kept for validation, in (0, 1); with {@link #subset}. */
        public Options validationSplit(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("validation_split must be between 0 and 1, got " + fraction);
            }
            this.validationSplit = fraction;
            return this;
        }

        /** "training" or "validation" ({@link ImageDatasets#imageDatasetsFromDirectory} for "both"). */
        public Options subset(String subset) {
            if (subset != null && !List.of("training", "validation", "both").contains(subset)) {
                throw new IllegalArgumentException("subset must be either \"training\", \"validation\" or \"both\", "
                        + "got '" + subset + "'");
            }
            this.subset = subset;
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

        /** Whether to follow symbolic links to folders (default false). */
        public Options followLinks(boolean followLinks) {
            this.followLinks = followLinks;
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

        /** Whether to print the number of files and classes found (default true, as Keras). */
        public Options verbose(boolean verbose) {
            this.verbose = verbose;
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
        Index index = index(directory, options);
        Index part = options.validationSplit == null ? index : index.subset(options.validationSplit, options.subset,
                options.verbose);
        if (part.paths.isEmpty()) {
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
        Index index = index(directory, options);
        Index train = index.subset(options.validationSplit, "training", options.verbose);
        Index validation = index.subset(options.validationSplit, "validation", options.verbose);
        if (train.paths.isEmpty()) {
            throw new IllegalArgumentException("No training images found in directory " + directory
                    + ". Allowed formats: " + FORMATS);
        }
        if (validation.paths.isEmpty()) {
            throw new IllegalArgumentException("No validation images found in directory " + directory
                    + ". Allowed formats: " + FORMATS);
        }
        return new TrainValidation(load(train, options), load(validation, options));
    }

    /** The files, their labels (null without) and the class names, shuffled as Keras shuffles them. */
    private record Index(List<Path> paths, int[] labels, List<String> classNames) {
        /** Keras's {@code get_training_or_validation_split}. */
        Index subset(double split, String which, boolean verbose) {
            int n = paths.size();
            int val = (int) (split * n);
            if (val == 0) {
                // Python's samples[:-0] is empty: Keras then finds no training images; say why.
                throw new IllegalArgumentException("validation_split " + split + " of " + n + " files keeps no "
                        + "file for validation (int(" + split + " * " + n + ") = 0)");
            }
            int from = which.equals("training") ? 0 : n - val;
            int to = which.equals("training") ? n - val : n;
            if (verbose) {
                System.out.println(which.equals("training") ? "Using " + (n - val) + " files for training."
                        : "Using " + val + " files for validation.");
            }
            return new Index(paths.subList(from, to), labels == null ? null : Arrays.copyOfRange(labels, from, to),
                    classNames);
        }
    }

    private static Index index(Path directory, Options o) {
        if (o.validationSplit != null && o.subset == null || o.validationSplit == null && o.subset != null) {
            throw new IllegalArgumentException("If subset is set, validation_split must be set, and inversely");
        }
        if (o.validationSplit != null && o.shuffle && o.seed == null) {
            throw new IllegalArgumentException("If using validation_split and shuffling the data, you must provide "
                    + "a seed, to make sure that there is no overlap between the training and validation subset");
        }
        if (o.cropToAspectRatio && o.padToAspectRatio) {
            throw new IllegalArgumentException("Only one of pad_to_aspect_ratio and crop_to_aspect_ratio can be "
                    + "true");
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("image directory " + directory + " does not exist or is not a "
                    + "directory");
        }
        if (o.classNames != null && !o.inferLabels) {
            throw new IllegalArgumentException("You can only pass class_names if labels are inferred");
        }
        List<String> subdirs = new ArrayList<>();
        if (o.inferLabels) {
            try (Stream<Path> s = Files.list(directory)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                        .sorted().forEach(subdirs::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory, e);
            }
            if (o.classNames != null) {
                if (!new HashSet<>(subdirs).containsAll(o.classNames)) {
                    throw new IllegalArgumentException("The class_names passed did not match the names of the "
                            + "subdirectories of the target directory. Expected: " + subdirs + " (or a subset of "
                            + "it), but received: class_names=" + o.classNames);
                }
                subdirs = new ArrayList<>(o.classNames);
            }
        } else {
            subdirs.add("");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < subdirs.size(); c++) {
            for (Path f : validFiles(directory.resolve(subdirs.get(c)), o.followLinks)) {
                files.add(f);
                labels.add(c);
            }
        }
        List<String> classNames = o.inferLabels ? subdirs : null;
        int[] lab = null;
        boolean withLabels = o.labelMode != null && (o.inferLabels || o.labels != null);
        if (o.inferLabels) {
            lab = labels.stream().mapToInt(Integer::intValue).toArray();
        } else if (o.labels != null) {
            if (o.labels.length != files.size()) {
                throw new IllegalArgumentException("Expected the lengths of labels to match the number of files in "
                        + "the target directory. len(labels) is " + o.labels.length + " while we found "
                        + files.size() + " files in directory " + directory);
            }
            lab = o.labels.clone();
            classNames = Arrays.stream(lab).distinct().sorted().mapToObj(String::valueOf).toList();
        }
        if (o.verbose) {
            System.out.println(lab == null ? "Found " + files.size() + " files."
                    : "Found " + files.size() + " files belonging to " + classNames.size() + " classes.");
        }
        if (o.shuffle && files.size() > 1) {
            long seed = o.seed != null ? o.seed : Math.floorMod(RandomState.nextSeed(), 1_000_000L);
            // numpy's RandomState(seed).shuffle on the paths, and again from the same seed on the labels.
            int[] order = new Mt19937(seed).permutation(files.size());
            List<Path> shuffled = new ArrayList<>();
            int[] shuffledLabels = lab == null ? null : new int[lab.length];
            for (int i = 0; i < order.length; i++) {
                shuffled.add(files.get(order[i]));
                if (lab != null) {
                    shuffledLabels[i] = lab[order[i]];
                }
            }
            files = shuffled;
            lab = shuffledLabels;
        }
        if ("binary".equals(o.labelMode) && withLabels && classNames.size() != 2) {
            throw new IllegalArgumentException("When passing label_mode=\"binary\", there must be exactly 2 "
                    + "class_names. Received: class_names=" + classNames);
        }
        return new Index(files, withLabels ? lab : null, classNames);
    }

    /** Keras's {@code iter_valid_files}: the allowed files under a folder, by folder then by name. */
    private static List<Path> validFiles(Path dir, boolean followLinks) {
        TreeMap<String, List<String>> byFolder = new TreeMap<>();
        FileVisitOption[] opts = followLinks ? new FileVisitOption[] {FileVisitOption.FOLLOW_LINKS}
                : new FileVisitOption[0];
        try (Stream<Path> s = Files.walk(dir, opts)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (FORMATS.stream().anyMatch(lower::endsWith)) {
                    byFolder.computeIfAbsent(p.getParent().toString(), k -> new ArrayList<>()).add(name);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byFolder.entrySet()) {
            e.getValue().stream().sorted().forEach(n -> out.add(Path.of(e.getKey()).resolve(n)));
        }
        return out;
    }

    private static ImageDataset load(Index index, Options o) {
        int channels = switch (o.colorMode) {
            case "grayscale" -> 1;
            case "rgba" -> 4;
            default -> 3;
        };
        List<Tensor> images = new ArrayList<>();
        for (Path p : index.paths) {
            int[][] argb = ImageUtils.readArgb(p);
            Tensor img = Tensor.of(ImageUtils.channels(argb, channels, ImageUtils.TF_LUMA), argb.length,
                    argb[0].length, channels);
            img = Ops.resize(img, o.imageSize.clone(), o.interpolation, false, o.cropToAspectRatio,
                    o.padToAspectRatio, "constant", 0f, null);
            images.add(o.dataFormat.equals("channels_first") ? Ops.transpose(img, 2, 0, 1) : img);
        }
        Tensor x = Ops.stack(images, 0);
        Tensor y = null;
        if (index.labels != null) {
            float[] l = new float[index.labels.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = index.labels[i];
            }
            y = switch (o.labelMode) {
                case "categorical" -> Ops.oneHot(Tensor.of(l, l.length), index.classNames.size());
                case "binary" -> Tensor.of(l, l.length, 1);
                default -> Tensor.of(l, l.length);
            };
        }
        return new ImageDataset(x, y, index.classNames, index.paths, o.batchSize);
    }
}

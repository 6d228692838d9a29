package dev.strata.data;

import java.util.List;

/**
 * The arguments Keras's {@code *_dataset_from_directory} functions share ({@code labels}, {@code label_mode},
 * {@code class_names}, {@code batch_size}, {@code shuffle}, {@code seed}, {@code validation_split}, {@code subset},
 * {@code follow_links}, {@code verbose}), with Keras's defaults; fluent, each subclass returning itself.
 *
 * @param <O> the options class itself
 */
public abstract class DirectoryOptions<O extends DirectoryOptions<O>> {
    boolean inferLabels = true;
    int[] labels;
    String labelMode = "int";
    List<String> classNames;
    Integer batchSize = 32;
    boolean shuffle = true;
    Long seed;
    Double validationSplit;
    String subset;
    boolean followLinks;
    boolean verbose = true;

    DirectoryOptions() {
    }

    @SuppressWarnings("unchecked")
    private O self() {
        return (O) this;
    }

    /** No labels (Keras's {@code labels=None}): only the files' contents. */
    public O noLabels() {
        this.inferLabels = false;
        this.labels = null;
        return self();
    }

    /** One integer label per file, in the files' sorted order (Keras's list of {@code labels}). */
    public O labels(int... labels) {
        this.inferLabels = false;
        this.labels = labels.clone();
        return self();
    }

    /**
     * "int" (class indices), "categorical" (one-hot), "binary" (0 or 1, two classes) or null (no labels).
     */
    public O labelMode(String labelMode) {
        if (labelMode != null && !List.of("int", "categorical", "binary").contains(labelMode)) {
            throw new IllegalArgumentException("label_mode must be one of \"int\", \"categorical\", \"binary\", "
                    + "or null, got '" + labelMode + "'");
        }
        this.labelMode = labelMode;
        return self();
    }

    /** The classes to read, in label order: a subset of the sub-folders (only with inferred labels). */
    public O classNames(String... names) {
        this.classNames = List.of(names);
        return self();
    }

    /** The batch size to train with (default 32); null for none. */
    public O batchSize(Integer batchSize) {
        if (batchSize != null && batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        return self();
    }

    /** Whether to shuffle the files (default true). */
    public O shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return self();
    }

    /** The seed of the shuffle (numpy's RandomState; required with a validation split and shuffling). */
    public O seed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32), as numpy's, got " + seed);
        }
        this.seed = seed;
        return self();
    }

    /** The fraction of files kept for validation, in (0, 1); with {@link #subset}. */
    public O validationSplit(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation_split must be between 0 and 1, got " + fraction);
        }
        this.validationSplit = fraction;
        return self();
    }

    /** "training" or "validation" (the plural {@code ...DatasetsFromDirectory} for "both"). */
    public O subset(String subset) {
        if (subset != null && !List.of("training", "validation", "both").contains(subset)) {
            throw new IllegalArgumentException("subset must be either \"training\", \"validation\" or \"both\", "
                    + "got '" + subset + "'");
        }
        this.subset = subset;
        return self();
    }

    /** Whether to follow symbolic links to folders (default false). */
    public O followLinks(boolean followLinks) {
        this.followLinks = followLinks;
        return self();
    }

    /** Whether to print the number of files and classes found (default true, as Keras). */
    public O verbose(boolean verbose) {
        this.verbose = verbose;
        return self();
    }
}

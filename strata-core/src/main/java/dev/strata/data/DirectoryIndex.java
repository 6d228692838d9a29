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

/** The files, their labels (null without) and the class names, shuffled as Keras shuffles them. */
record DirectoryIndex(List<Path> paths, int[] labels, List<String> classNames) {
    /**
     * The labels as the tensor Keras's {@code label_mode} gives: {@code (n,)} class indices ("int"), {@code (n,
     * classes)} one-hot ("categorical"), {@code (n, 1)} 0 or 1 ("binary"); null without labels.
     */
    Tensor labelTensor(String labelMode) {
        if (labels == null) {
            return null;
        }
        float[] l = new float[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return switch (labelMode) {
            case "categorical" -> Ops.oneHot(Tensor.of(l, l.length), classNames.size());
            case "binary" -> Tensor.of(l, l.length, 1);
            default -> Tensor.of(l, l.length);
        };
    }

    /** Keras's {@code get_training_or_validation_split}. */
    DirectoryIndex subset(double split, String which, boolean verbose) {
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
        return new DirectoryIndex(paths.subList(from, to),
                labels == null ? null : Arrays.copyOfRange(labels, from, to), classNames);
    }

    /**
     * Keras's {@code index_directory}: the files with one of {@code formats} under {@code directory} (by class
     * sub-folder, then folder, then name), their labels and class names, shuffled as Keras shuffles them.
     */
    static DirectoryIndex of(Path directory, DirectoryOptions<?> o, List<String> formats, String what) {
        if (o.validationSplit != null && o.subset == null || o.validationSplit == null && o.subset != null) {
            throw new IllegalArgumentException("If subset is set, validation_split must be set, and inversely");
        }
        if (o.validationSplit != null && o.shuffle && o.seed == null) {
            throw new IllegalArgumentException("If using validation_split and shuffling the data, you must provide "
                    + "a seed, to make sure that there is no overlap between the training and validation subset");
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(what + " directory " + directory + " does not exist or is not a "
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
            for (Path f : validFiles(directory.resolve(subdirs.get(c)), o.followLinks, formats)) {
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
        return new DirectoryIndex(files, withLabels ? lab : null, classNames);
    }

    /** Keras's {@code iter_valid_files}: the allowed files under a folder, by folder then by name. */
    private static List<Path> validFiles(Path dir, boolean followLinks, List<String> formats) {
        TreeMap<String, List<String>> byFolder = new TreeMap<>();
        FileVisitOption[] opts = followLinks ? new FileVisitOption[] {FileVisitOption.FOLLOW_LINKS}
                : new FileVisitOption[0];
        try (Stream<Path> s = Files.walk(dir, opts)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (formats.stream().anyMatch(lower::endsWith)) {
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
}

package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering of DESIGN.md: a package may use only packages on its own level or below, save the few
 * references listed in {@code ALLOWED_UPWARD}. Exceptions in {@code dev.strata} are the shared vocabulary of every
 * level; {@code dev.strata.internal} and {@code dev.strata.tensor} share a level (the internal accessor reaches
 * tensor storage).
 */
class LayeringTest {
    /** Bottom first. Packages not listed fail the test, so new packages must be placed deliberately. */
    private static final List<Set<String>> LEVELS = List.of(
            // The summary table and the diagram layout with its DOT/SVG writers: text and pictures, no Strata types.
            Set.of("dev.strata.internal.summary"),
            Set.of("dev.strata.internal.kernels"),
            Set.of("dev.strata.internal", "dev.strata.tensor"),
            // The codec of saved files (zip, HDF5, the .keras container): tensors and bytes, no models or layers.
            Set.of("dev.strata.internal.io"),
            // TensorBoard's event files (TFRecord framing, hand-encoded protobuf): bytes and numbers, no models.
            Set.of("dev.strata.internal.tensorboard"),
            Set.of("dev.strata.graph"),
            // The public face of get_config/from_config and its unexported half (discovery of built-in classes,
            // instantiation of user classes, auto-config, the registry's table, JSON): each uses the other.
            Set.of("dev.strata.config", "dev.strata.internal.config"),
            Set.of("dev.strata.internal.autodiff"), // the recording tape: ops record onto it
            // internal.masks: how a mask with extra axes fits a tensor (an any() over them), for layers and models
            Set.of("dev.strata.ops", "dev.strata.internal.masks"),
            Set.of("dev.strata.autodiff"), // GradientTape and the reverse pass, which sums gradients with ops
            Set.of("dev.strata.optimizers.schedules"), // below the optimizers, which take a schedule
            Set.of("dev.strata.data", "dev.strata.optimizers"),
            Set.of("dev.strata.activations", "dev.strata.initializers", "dev.strata.regularizers",
                    "dev.strata.constraints"),
            // The base knows no family: families extend it, and wave-2 families join them.
            Set.of("dev.strata.layers"),
            Set.of("dev.strata.layers.activations", "dev.strata.layers.convolutional", "dev.strata.layers.core",
                    "dev.strata.layers.merging",
                    "dev.strata.layers.normalization", "dev.strata.layers.preprocessing",
                    "dev.strata.layers.regularization", "dev.strata.layers.reshaping",
                    "dev.strata.layers.pooling", "dev.strata.layers.rnn", "dev.strata.layers.attention"),
            Set.of("dev.strata.losses", "dev.strata.metrics"),
            // The upper half, one package per level (Keras's trainer, model, saving, callbacks). The loop sees a
            // model as a Layer and calls callbacks through its own TrainingListener; a model saves itself through
            // saving (the facade below); callbacks see models and save them.
            Set.of("dev.strata.training"),
            Set.of("dev.strata.models"),
            Set.of("dev.strata.saving"),
            Set.of("dev.strata.callbacks"),
            // keras.applications: the layers of its model families (ConvNeXt's), and later the models themselves.
            Set.of("dev.strata.applications.convnext"),
            Set.of("dev.strata"));

    /**
     * References to a higher level that are accepted, each as "file (under src/main/java) -> referenced type". Every
     * entry must still occur (a stale entry fails the test), so the list only shrinks.
     */
    private static final Set<String> ALLOWED_UPWARD = Set.of(
            // The documented facade: Model.save, saveWeights and loadWeights delegate to saving (as keras.Model's do).
            "dev/strata/models/Model.java -> dev.strata.saving.Saving",
            "dev/strata/models/Model.java -> dev.strata.saving.ConfigOptions");

    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.strata((?:\\.[a-z_][a-z0-9_]*)*)\\.([A-Z]\\w*)");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void packagesUseOnlyLowerLevels() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> violations = new ArrayList<>();
        Set<String> unplaced = new TreeSet<>();
        Set<String> allowedSeen = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String rel = root.relativize(file.getParent()).toString().replace('/', '.');
                if (rel.isEmpty()) {
                    continue; // module-info
                }
                int level = levelOf(rel);
                if (level < 0) {
                    unplaced.add(rel);
                    continue;
                }
                String code = COMMENTS.matcher(read(file)).replaceAll("");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String pkg = "dev.strata" + m.group(1);
                    String type = m.group(2);
                    if (pkg.equals("dev.strata") && type.endsWith("Exception")) {
                        continue;
                    }
                    int used = levelOf(pkg);
                    String edge = root.relativize(file).toString().replace('\\', '/') + " -> " + pkg + "." + type;
                    if (used > level && ALLOWED_UPWARD.contains(edge)) {
                        allowedSeen.add(edge);
                    } else if (used > level) {
                        violations.add(root.relativize(file) + " uses " + pkg + "." + type);
                    }
                }
            }
        }
        assertThat(unplaced).as("packages missing from LayeringTest.LEVELS").isEmpty();
        assertThat(violations).as("references to higher levels").isEmpty();
        assertThat(allowedSeen).as("allowed upward references that no longer occur (delete them from ALLOWED_UPWARD)")
                .containsExactlyInAnyOrderElementsOf(ALLOWED_UPWARD);
    }

    private static int levelOf(String pkg) {
        for (int i = 0; i < LEVELS.size(); i++) {
            if (LEVELS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

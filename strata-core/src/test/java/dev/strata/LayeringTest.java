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
 * The package layering of DESIGN.md: a package may use only packages on its own level or below. Exceptions
 * in {@code dev.strata} are the shared vocabulary of every level; {@code dev.strata.internal} and
 * {@code dev.strata.tensor} share a level (the internal accessor reaches tensor storage).
 */
class LayeringTest {
    /** Bottom first. Packages not listed fail the test, so new packages must be placed deliberately. */
    private static final List<Set<String>> LEVELS = List.of(
            Set.of("dev.strata.internal.kernels"),
            Set.of("dev.strata.internal", "dev.strata.tensor"),
            Set.of("dev.strata.graph"),
            Set.of("dev.strata.config"),
            Set.of("dev.strata.internal.autodiff"),
            Set.of("dev.strata.autodiff"),
            Set.of("dev.strata.ops"),
            Set.of("dev.strata.data", "dev.strata.optimizers", "dev.strata.summary"),
            Set.of("dev.strata.activations", "dev.strata.initializers", "dev.strata.regularizers"),
            Set.of("dev.strata.layers", "dev.strata.layers.activations", "dev.strata.layers.core",
                    "dev.strata.layers.merging", "dev.strata.layers.normalization", "dev.strata.layers.preprocessing",
                    "dev.strata.layers.regularization", "dev.strata.layers.reshaping"),
            Set.of("dev.strata.losses", "dev.strata.metrics"),
            // A model trains itself, and callbacks see the model: these packages form one level. Saving reads
            // and writes models (model.save calls it, loading builds models), so it shares the level.
            Set.of("dev.strata.models", "dev.strata.training", "dev.strata.callbacks", "dev.strata.saving"),
            Set.of("dev.strata"));

    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.strata((?:\\.[a-z_][a-z0-9_]*)*)\\.([A-Z]\\w*)");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void packagesUseOnlyLowerLevels() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> violations = new ArrayList<>();
        Set<String> unplaced = new TreeSet<>();
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
                    if (used > level) {
                        violations.add(root.relativize(file) + " uses " + pkg + "." + type);
                    }
                }
            }
        }
        assertThat(unplaced).as("packages missing from LayeringTest.LEVELS").isEmpty();
        assertThat(violations).as("references to higher levels").isEmpty();
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

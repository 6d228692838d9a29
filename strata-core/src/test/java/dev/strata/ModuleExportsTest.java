package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * module-info.java exports exactly the API packages: every package outside {@code dev.strata.internal} (whose
 * public types users' code names), and none inside it. The tests run on the class path, where a missing export
 * would go unnoticed until a user on the module path could not reach a public type.
 */
class ModuleExportsTest {
    @Test
    void everyApiPackageIsExportedAndNoInternalOne() throws IOException {
        Path root = Path.of("src/main/java");
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("module-info.java"))
                    .forEach(f -> packages.add(root.relativize(f.getParent()).toString().replace('/', '.')));
        }
        Set<String> exported = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;").matcher(
                Files.readString(root.resolve("module-info.java")));
        while (m.find()) {
            exported.add(m.group(1));
        }
        Set<String> api = new TreeSet<>(packages);
        api.removeIf(p -> p.equals("dev.strata.internal") || p.startsWith("dev.strata.internal."));
        assertThat(exported).as("exports in module-info.java").isEqualTo(api);
    }
}

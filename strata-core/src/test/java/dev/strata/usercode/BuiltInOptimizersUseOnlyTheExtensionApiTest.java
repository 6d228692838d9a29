package dev.strata.usercode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in optimizers (SGD, Adam, AdamW, RMSprop, ...) use only what a user's optimizer can use: their sources,
 * moved to another package, still compile against Strata. So whatever a built-in needs from the base class is
 * public or protected, documented extension API, and a user can write the next optimizer the same way.
 */
class BuiltInOptimizersUseOnlyTheExtensionApiTest {
    @TempDir
    Path dir;

    @Test
    void builtInOptimizersCompileInAnotherPackage() throws IOException {
        Path sources = Path.of("src/main/java/dev/strata/optimizers");
        List<Path> copies = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path f : files.sorted().toList()) {
                if (!Files.isRegularFile(f) || f.getFileName().toString().equals("LossScaleOptimizer.java")) {
                    // sub-packages (schedules); LossScaleOptimizer wraps another optimizer, whose variables it adds
                    // to its own through package-private saving hooks (exactCount, setCount, slotReferenceList)
                    continue;
                }
                String text = Files.readString(f);
                if (!text.matches("(?s).*\\npublic (final )?class \\w+ extends \\w+ \\{.*")) {
                    continue; // the base, the registry, package-private helpers, package-info
                }
                Path copy = dir.resolve("elsewhere").resolve(f.getFileName());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, text.replace("package dev.strata.optimizers;",
                        "package elsewhere;\n\nimport dev.strata.optimizers.*;"));
                copies.add(copy);
            }
        }
        assertThat(copies).extracting(p -> p.getFileName().toString())
                .contains("SGD.java", "Adam.java", "AdamW.java", "RMSprop.java");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-proc:none",
                "-classpath", System.getProperty("java.class.path")));
        copies.forEach(p -> args.add(p.toString()));
        StringWriter errors = new StringWriter();
        PrintWriter out = new PrintWriter(errors);
        int status = javac.run(out, out, args.toArray(String[]::new));
        out.flush();
        assertThat(status).as("javac says:%n%s", errors).isZero();
    }
}

package dev.strata.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The classes Strata itself ships, found by listing its own module (or, on the class path, its own jar or class
 * directory). This is how built-in Keras classes and ops are discovered: a new class is found because it exists,
 * with no list to keep in step with it. Only Strata's own code source is listed, never the rest of the class path,
 * and classes are loaded without being initialized.
 */
public final class ClassIndex {
    private static final ConcurrentHashMap<String, List<Class<?>>> BY_PACKAGE = new ConcurrentHashMap<>();
    private static volatile List<String> allNames;

    private ClassIndex() {
    }

    /**
     * Strata's top-level and nested classes in {@code packageName} and its sub-packages, sorted by name, loaded but
     * not initialized.
     *
     * @throws IllegalStateException if Strata's classes cannot be listed (an unusual class loader that hides where
     *     they come from)
     */
    public static List<Class<?>> classesUnder(String packageName) {
        return BY_PACKAGE.computeIfAbsent(packageName, ClassIndex::load);
    }

    private static List<Class<?>> load(String packageName) {
        String prefix = packageName + ".";
        List<Class<?>> out = new ArrayList<>();
        ClassLoader loader = ClassIndex.class.getClassLoader();
        for (String name : names()) {
            if (name.startsWith(prefix)) {
                try {
                    out.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("Strata's class " + name + " is listed but cannot be loaded", e);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Binary names of every class in Strata's code source (module-info and package-info left out), sorted. */
    private static List<String> names() {
        List<String> names = allNames;
        if (names == null) {
            synchronized (ClassIndex.class) {
                names = allNames;
                if (names == null) {
                    names = list().stream().filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
                            .sorted().toList();
                    allNames = names;
                }
            }
        }
        return names;
    }

    private static List<String> list() {
        Module module = ClassIndex.class.getModule();
        if (module.isNamed() && module.getLayer() != null) {
            Optional<ResolvedModule> resolved = module.getLayer().configuration().findModule(module.getName());
            if (resolved.isPresent()) {
                try (ModuleReader reader = resolved.get().reference().open(); Stream<String> entries = reader.list()) {
                    return entries.filter(e -> e.endsWith(".class")).map(ClassIndex::binaryName).toList();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list the classes of module " + module.getName(), e);
                }
            }
        }
        CodeSource source = ClassIndex.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            throw new IllegalStateException("cannot tell where Strata's classes come from (no code source for "
                    + ClassIndex.class.getName() + "), so its built-in classes cannot be listed");
        }
        Path path;
        try {
            path = Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("Strata's classes come from " + location + ", which is not a file or "
                    + "directory that can be listed", e);
        }
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    return files.filter(f -> f.toString().endsWith(".class"))
                            .map(f -> binaryName(path.relativize(f).toString().replace('\\', '/'))).toList();
                }
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                return jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class"))
                        .filter(n -> !n.startsWith("META-INF/")).map(ClassIndex::binaryName).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list Strata's classes in " + path, e);
        }
    }

    /** {@code dev/strata/ops/Add.class} to {@code dev.strata.ops.Add}. */
    private static String binaryName(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }
}

package dev.strata.models;

import dev.strata.internal.summary.Diagram;
import dev.strata.tensor.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Draws a model's graph, like Keras's {@code plot_model(model, show_shapes=True)}: one box per layer or op
 * ("name (Type)" with its input and output shapes), an arrow from each producer to each consumer labelled with
 * the tensor's shape, and nested models as dashed clusters holding their own layers. Works for the three styles
 * alike: a Sequential is a chain, a Functional model its graph, a subclassed model the graph its {@code call}
 * traced (a model that could not be traced is one box with a note saying why, as Keras draws subclassed
 * models).
 *
 * <p>Writes Graphviz DOT (Keras's {@code model_to_dot} attributes, for {@code dot -Tpng} if you have Graphviz)
 * and an SVG laid out and drawn in pure Java, so no external program is needed:
 * <pre>{@code
 * Plot.model(model, Path.of("wide_and_deep.svg"));   // writes wide_and_deep.svg and wide_and_deep.dot
 * Plot.model(model, Path.of("model.svg"), new Plot.Options().rankdir("LR").showShapes(false));
 * }</pre>
 */
public final class Plot {
    private Plot() {
    }

    /**
     * What the plot shows.
     *
     * @param showShapes     input and output shapes in the boxes and tensor shapes on the edges (default true)
     * @param showLayerNames the layer names before the types (default true)
     * @param expandNested   nested models as clusters of their layers rather than single boxes (default true)
     * @param rankdir        "TB" (top to bottom, Keras's default) or "LR" (left to right)
     */
    public record Options(boolean showShapes, boolean showLayerNames, boolean expandNested, String rankdir) {
        /** Checks the direction and writes it in capitals. */
        public Options {
            rankdir = Diagram.Direction.parse(rankdir).name();
        }

        /** The defaults: shapes, layer names, nested models expanded, top to bottom. */
        public Options() {
            this(true, true, true, "TB");
        }

        /** These options with shapes shown or not. */
        public Options showShapes(boolean show) {
            return new Options(show, showLayerNames, expandNested, rankdir);
        }

        /** These options with layer names shown or not. */
        public Options showLayerNames(boolean show) {
            return new Options(showShapes, show, expandNested, rankdir);
        }

        /** These options with nested models expanded or not. */
        public Options expandNested(boolean expand) {
            return new Options(showShapes, showLayerNames, expand, rankdir);
        }

        /** These options with another direction, "TB" or "LR". */
        public Options rankdir(String direction) {
            return new Options(showShapes, showLayerNames, expandNested, direction);
        }
    }

    /** The files {@link #model} wrote. */
    public record Written(Path svg, Path dot) {
    }

    /**
     * Writes the plot with the default options: the SVG and the DOT file, one at {@code path} (which must end
     * in {@code .svg} or {@code .dot}) and the other beside it with the other extension. Each file is written to
     * a temporary file in the same directory and then moved into place atomically, so a reader never sees a
     * half-written plot.
     *
     * @throws IllegalArgumentException if the path ends in neither {@code .svg} nor {@code .dot}
     * @throws UncheckedIOException     if a file cannot be written
     */
    public static Written model(Model model, Path path) {
        return model(model, path, new Options());
    }

    /** Writes the plot with these options; see {@link #model(Model, Path)}. */
    public static Written model(Model model, Path path, Options options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        String file = path.getFileName() == null ? "" : path.getFileName().toString();
        String lower = file.toLowerCase(Locale.ROOT);
        Path svg;
        Path dot;
        if (lower.endsWith(".svg")) {
            svg = path;
            dot = path.resolveSibling(file.substring(0, file.length() - 4) + ".dot");
        } else if (lower.endsWith(".dot")) {
            dot = path;
            svg = path.resolveSibling(file.substring(0, file.length() - 4) + ".svg");
        } else {
            throw new IllegalArgumentException("Plot.model writes an SVG and a DOT file; give a path ending in .svg or "
                    + ".dot, not '" + path + "'");
        }
        Diagram diagram = diagram(model, options);
        writeAtomically(dot, diagram.toDot());
        writeAtomically(svg, diagram.toSvg());
        return new Written(svg, dot);
    }

    /** The plot as Graphviz DOT, with the default options. */
    public static String toDot(Model model) {
        return toDot(model, new Options());
    }

    /** The plot as Graphviz DOT. */
    public static String toDot(Model model, Options options) {
        return diagram(model, options).toDot();
    }

    /** The plot as an SVG document, with the default options. */
    public static String toSvg(Model model) {
        return toSvg(model, new Options());
    }

    /** The plot as an SVG document. */
    public static String toSvg(Model model, Options options) {
        return diagram(model, options).toSvg();
    }

    /** The plot as a neutral diagram (boxes, edges, clusters), which the writers render. */
    static Diagram diagram(Model model, Options options) {
        return ModelDiagram.of(Objects.requireNonNull(model, "model"), Objects.requireNonNull(options, "options"));
    }

    /**
     * A shape as Keras's {@code plot_model} prints it, which is Python's tuple: "(None, 30)", "(None,)" for one
     * dimension, "()" for a scalar.
     */
    static String formatShape(Shape s) {
        List<String> dims = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            dims.add(s.get(i) == Shape.UNKNOWN ? "None" : Integer.toString(s.get(i)));
        }
        return dims.size() == 1 ? "(" + dims.getFirst() + ",)" : "(" + String.join(", ", dims) + ")";
    }

    /**
     * Writes beside the target under a fresh hidden name, then renames over the target: readers see the old file
     * or the new one, never a part. The temporary file gets default permissions (not createTempFile's 0600).
     */
    static void writeAtomically(Path target, String text) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int attempt = 0; tmp == null; attempt++) {
                Path candidate = dir.resolve("." + target.getFileName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
                try (OutputStream out = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    tmp = candidate;
                    out.write(bytes);
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 8) {
                        throw e;
                    }
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Plot.model: cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }
}

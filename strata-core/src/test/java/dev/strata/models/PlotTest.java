package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.ops.Ops;
import dev.strata.internal.summary.Diagram;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Model plots: what Keras's {@code plot_model(show_shapes=True)} shows, for the three styles and nesting. */
class PlotTest {
    private static final Pattern DOT_EDGE = Pattern.compile("\t\"([^\"]*)\" -> \"([^\"]*)\" \\[penwidth=2(?:, xlabel=\"([^\"]*)\")?");
    private static final Pattern DOT_NODE = Pattern.compile("\t+\"([^\"]*)\" \\[label=<.*?<b>([^<]*)</b> \\(([^)]*)\\)");

    /** The seed's subclassed Wide & Deep, with the layers named like its Functional twin's. */
    static final class WideAndDeepModel extends Model {
        private final Dense hidden1 = new Dense(30, "relu");
        private final Dense hidden2 = new Dense(30, "relu");
        private final Dense mainOutput = new Dense(1);
        private final Dense auxOutput = new Dense(1);

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor h2 = hidden2.apply(hidden1.apply(inputs.get(1)));
            Tensor concat = Ops.concatenate(List.of(inputs.get(0), h2), -1);
            return Tensors.of(mainOutput.apply(concat), auxOutput.apply(h2));
        }
    }

    /** A call that reads a tensor's value cannot be traced. */
    static final class ValueDependent extends Model {
        private final Dense small = new Dense(1);
        private final Dense large = new Dense(1);

        @Override
        protected Tensor call(Tensor x) {
            return Ops.mean(x).item() > 0 ? large.apply(x) : small.apply(x);
        }
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(1);
    }

    /** The example's Functional Wide & Deep (input names as given; hidden layers named by their fields if asked). */
    private static Model functionalWideAndDeep(String wide, String deep, boolean fieldNames) {
        Tensor inputA = Input.of(wide, 5);
        Tensor inputB = Input.of(deep, 6);
        Dense h1 = new Dense(30, "relu");
        Dense h2 = new Dense(30, "relu");
        if (fieldNames) {
            h1.named("hidden1");
            h2.named("hidden2");
        }
        Tensor hidden2 = h2.apply(h1.apply(inputB));
        Tensor concat = Ops.concatenate(List.of(inputA, hidden2), -1);
        Tensor output = new Dense(1).named("main_output").apply(concat);
        Tensor aux = new Dense(1).named("aux_output").apply(hidden2);
        return Model.of(List.of(inputA, inputB), List.of(output, aux));
    }

    @Test
    void functionalWideAndDeepDotHasKerasBoxesAndShapedEdges() {
        Model model = functionalWideAndDeep("wide_input", "deep_input", false);
        String dot = Plot.toDot(model);
        assertThat(dotNodes(dot)).containsExactlyInAnyOrder(
                "wide_input (InputLayer)", "deep_input (InputLayer)", "dense (Dense)", "dense_1 (Dense)",
                "concatenate (Concatenate)", "main_output (Dense)", "aux_output (Dense)");
        assertThat(dotEdges(dot)).containsExactlyInAnyOrder(
                "deep_input -> dense (None, 6)",
                "dense -> dense_1 (None, 30)",
                "wide_input -> concatenate (None, 5)",
                "dense_1 -> concatenate (None, 30)",
                "concatenate -> main_output (None, 35)",
                "dense_1 -> aux_output (None, 30)");
        // Keras's make_layer_label, cell for cell (keras/src/utils/model_visualization.py)
        assertThat(dot).contains("\"concatenate\" [label=<<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" "
                + "cellpadding=\"10\"><tr><td colspan=\"2\" bgcolor=\"black\"><font point-size=\"16\" color=\"white\">"
                + "<b>concatenate</b> (Concatenate)</font></td></tr><tr><td bgcolor=\"white\"><font point-size=\"14\">"
                + "Input shape: <b>[(None, 5), (None, 30)]</b></font></td><td bgcolor=\"white\"><font point-size=\"14\">"
                + "Output shape: <b>(None, 35)</b></font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];");
        assertThat(dot).contains("<b>wide_input</b> (InputLayer)</font></td></tr><tr><td bgcolor=\"white\">"
                + "<font point-size=\"14\">Output shape: <b>(None, 5)</b></font></td></tr>");
        assertThat(dot).contains("graph [rankdir=TB, concentrate=true, dpi=200, splines=ortho];");
    }

    @Test
    void subclassedWideAndDeepDrawsLikeItsFunctionalTwin() {
        WideAndDeepModel sub = new WideAndDeepModel();
        sub.buildForSamples(Shape.of(5), Shape.of(6)); // traced on inputs input_layer and input_layer_1
        Diagram fromSub = Plot.diagram(sub, new Plot.Options());
        Model twin = functionalWideAndDeep("input_layer", "input_layer_1", true);
        Diagram fromTwin = Plot.diagram(twin, new Plot.Options());
        assertThat(fromSub.nodes()).containsExactlyInAnyOrderElementsOf(fromTwin.nodes());
        assertThat(fromSub.edges()).containsExactlyInAnyOrderElementsOf(fromTwin.edges());
        assertThat(dotEdges(Plot.toDot(sub))).contains("input_layer -> concatenate (None, 5)", "hidden2 -> aux_output (None, 30)");
        assertThat(fromSub.note()).isEmpty();
    }

    @Test
    void sequentialIsAChainWithoutAnInputBox() {
        Sequential seq = new Sequential(new InputLayer(8), new Dense(30, "relu"), new Dense(30, "relu"), new Dense(1));
        String dot = Plot.toDot(seq);
        assertThat(dotNodes(dot)).containsExactly("dense (Dense)", "dense_1 (Dense)", "dense_2 (Dense)");
        assertThat(dotEdges(dot)).containsExactly("dense -> dense_1 (None, 30)", "dense_1 -> dense_2 (None, 30)");
        assertThat(dot).contains("Input shape: <b>(None, 8)</b>");
    }

    @Test
    void nestedSequentialIsACluster() {
        Sequential inner = new Sequential(new Dense(4, "relu"), new Dense(2));
        Tensor in = Input.of("x", 3);
        Model outer = Model.of(in, new Dense(1).named("head").apply(inner.apply(in)));
        String dot = Plot.toDot(outer);
        assertThat(dot).contains("\tsubgraph \"cluster_sequential\" {\n\t\tgraph [style=dashed, label=\"sequential\", "
                + "labeljust=l, fontname=Helvetica];\n\t\t\"sequential/dense\" [label=<");
        assertThat(dotEdges(dot)).containsExactlyInAnyOrder("x -> sequential/dense (None, 3)",
                "sequential/dense -> sequential/dense_1 (None, 4)", "sequential/dense_1 -> head (None, 2)");
        Diagram d = Plot.diagram(outer, new Plot.Options());
        assertThat(d.clusters()).extracting(Diagram.Cluster::id).containsExactly("cluster_sequential");
        assertThat(d.nodes()).filteredOn(n -> "cluster_sequential".equals(n.cluster())).extracting(Diagram.Node::title)
                .containsExactly("dense", "dense_1");

        Diagram collapsed = Plot.diagram(outer, new Plot.Options().expandNested(false));
        assertThat(collapsed.clusters()).isEmpty();
        assertThat(collapsed.nodes()).extracting(n -> n.title() + " " + n.kind())
                .containsExactly("x (InputLayer)", "sequential (Sequential)", "head (Dense)");
    }

    @Test
    void nestedFunctionalAndSubclassedModelsAreClustersToo() {
        // a Functional block (with its own input boxes, as Keras draws it) holding a Sequential tower
        Tensor a = Input.of("a", 4);
        Tensor b = Input.of("b", 4);
        Sequential tower = new Sequential(new Dense(8, "relu"), new Dense(4));
        Tensor t = tower.apply(b);
        Model block = Model.of(List.of(a, b), List.of(Ops.add(a, t), t), "block");
        Tensor p = Input.of("p", 4);
        Tensor q = Input.of("q", 4);
        Tensors bo = block.apply(List.of(new Dense(4).named("pre").apply(p), q));
        Model big = Model.of(List.of(p, q), List.of(new Dense(1).named("head")
                .apply(Ops.concatenate(List.of(bo.get(0), bo.get(1)), -1))), "big");
        Diagram d = Plot.diagram(big, new Plot.Options());
        assertThat(d.clusters()).containsExactly(new Diagram.Cluster("cluster_block", "block", null),
                new Diagram.Cluster("cluster_block/sequential", "sequential", "cluster_block"));
        assertThat(edges(d)).containsExactlyInAnyOrder(
                "p -> pre", "pre -> block/a", "q -> block/b", "block/b -> block/sequential/dense",
                "block/sequential/dense -> block/sequential/dense_1", "block/a -> block/add",
                "block/sequential/dense_1 -> block/add", "block/add -> concatenate",
                "block/sequential/dense_1 -> concatenate", "concatenate -> head");

        // a Functional model called straight on another model's input keeps its own graph (and input box)
        Tensor xIn = Input.of("x_in", 3);
        Model f = Model.of(List.of(xIn), List.of(new Dense(2).named("proj").apply(xIn)), "f");
        Tensor yIn = Input.of("y_in", 3);
        Model around = Model.of(yIn, f.apply(yIn));
        assertThat(f.inputNames()).containsExactly("x_in");
        assertThat(edges(Plot.diagram(around, new Plot.Options()))).containsExactly("y_in -> f/x_in", "f/x_in -> f/proj");

        // a traced subclassed model inside a Functional one
        Strata.clearSession();
        WideAndDeepModel sub = new WideAndDeepModel();
        Tensor w = Input.of("w", 5);
        Tensor x = Input.of("x", 6);
        Tensors both = sub.apply(List.of(w, x));
        Model wrapper = Model.of(List.of(w, x), List.of(Ops.add(both.get(0), both.get(1))));
        Diagram dw = Plot.diagram(wrapper, new Plot.Options());
        assertThat(dw.clusters()).extracting(Diagram.Cluster::label).containsExactly("wide_and_deep_model");
        assertThat(edges(dw)).containsExactlyInAnyOrder(
                "x -> wide_and_deep_model/hidden1", "wide_and_deep_model/hidden1 -> wide_and_deep_model/hidden2",
                "w -> wide_and_deep_model/concatenate", "wide_and_deep_model/hidden2 -> wide_and_deep_model/concatenate",
                "wide_and_deep_model/concatenate -> wide_and_deep_model/main_output",
                "wide_and_deep_model/hidden2 -> wide_and_deep_model/aux_output",
                "wide_and_deep_model/main_output -> add", "wide_and_deep_model/aux_output -> add");
    }

    @Test
    void svgIsWellFormedWithOneGroupPerBoxAndNoOverlaps() {
        List<Model> models = new ArrayList<>();
        models.add(functionalWideAndDeep("wide_input", "deep_input", false));
        Sequential inner = new Sequential(new Dense(4, "relu"), new Dense(2));
        Tensor in = Input.of("x", 3);
        models.add(Model.of(in, new Dense(1).apply(inner.apply(in))));
        models.add(new Sequential(new InputLayer(8), new Dense(30, "relu"), new Dense(1)));
        for (Model m : models) {
            for (String dir : List.of("TB", "LR")) {
                Plot.Options options = new Plot.Options().rankdir(dir);
                Diagram d = Plot.diagram(m, options);
                Document doc = parse(Plot.toSvg(m, options));
                List<Element> nodes = groups(doc, "node");
                assertThat(nodes).hasSize(d.nodes().size());
                assertThat(groups(doc, "edge")).hasSize(d.edges().size());
                assertThat(groups(doc, "cluster")).hasSize(d.clusters().size());
                List<double[]> boxes = new ArrayList<>();
                for (Element g : nodes) {
                    Element rect = (Element) g.getElementsByTagName("rect").item(0);
                    assertThat(rect.getAttribute("class")).isEqualTo("box");
                    boxes.add(new double[] {num(rect, "x"), num(rect, "y"), num(rect, "width"), num(rect, "height")});
                }
                for (int i = 0; i < boxes.size(); i++) {
                    for (int j = i + 1; j < boxes.size(); j++) {
                        double[] r = boxes.get(i);
                        double[] s = boxes.get(j);
                        boolean overlap = r[0] < s[0] + s[2] && s[0] < r[0] + r[2] && r[1] < s[1] + s[3] && s[1] < r[1] + r[3];
                        assertThat(overlap).as("%s: boxes %d and %d overlap", m.name(), i, j).isFalse();
                    }
                }
                Element svg = doc.getDocumentElement();
                for (double[] r : boxes) {
                    assertThat(r[0] + r[2]).isLessThanOrEqualTo(Double.parseDouble(svg.getAttribute("width")));
                    assertThat(r[1] + r[3]).isLessThanOrEqualTo(Double.parseDouble(svg.getAttribute("height")));
                }
            }
        }
        // the Wide & Deep picture: node titles and edge labels as text
        Document wd = parse(Plot.toSvg(models.getFirst()));
        assertThat(groups(wd, "node").stream().map(g -> g.getElementsByTagName("title").item(0).getTextContent()))
                .containsExactlyInAnyOrder("wide_input", "deep_input", "dense", "dense_1", "concatenate",
                        "main_output", "aux_output");
        assertThat(texts(wd, "edge-label")).containsExactlyInAnyOrder("(None, 6)", "(None, 30)", "(None, 5)",
                "(None, 30)", "(None, 35)", "(None, 30)");
    }

    @Test
    void optionsHideShapesAndNamesAndTurnTheGraph() {
        Model model = functionalWideAndDeep("wide_input", "deep_input", false);
        Diagram plain = Plot.diagram(model, new Plot.Options().showShapes(false));
        assertThat(plain.nodes()).allSatisfy(n -> assertThat(n.fields()).isEmpty());
        assertThat(plain.edges()).allSatisfy(e -> assertThat(e.label()).isNull());
        assertThat(Plot.toDot(model, new Plot.Options().showShapes(false))).doesNotContain("xlabel").doesNotContain("shape:");

        Diagram types = Plot.diagram(model, new Plot.Options().showLayerNames(false));
        assertThat(types.nodes()).extracting(Diagram.Node::title).containsExactly("InputLayer", "InputLayer", "Dense",
                "Dense", "Concatenate", "Dense", "Dense");
        assertThat(types.nodes()).allSatisfy(n -> assertThat(n.kind()).isNull());

        assertThat(Plot.toDot(model, new Plot.Options().rankdir("lr"))).contains("graph [rankdir=LR,");
        Element wide = parse(Plot.toSvg(model, new Plot.Options().rankdir("LR"))).getDocumentElement();
        assertThat(Double.parseDouble(wide.getAttribute("width"))).isGreaterThan(Double.parseDouble(wide.getAttribute("height")));
        Element tall = parse(Plot.toSvg(model)).getDocumentElement();
        assertThat(Double.parseDouble(tall.getAttribute("height"))).isGreaterThan(Double.parseDouble(wide.getAttribute("height")));
        assertThatThrownBy(() -> new Plot.Options().rankdir("BT")).hasMessageContaining("rankdir must be \"TB\" or \"LR\"");
        assertThat(Plot.formatShape(Shape.of(Shape.UNKNOWN))).isEqualTo("(None,)");
        assertThat(Plot.formatShape(Shape.of())).isEqualTo("()");
    }

    @Test
    void untraceableAndUnbuiltModelsAreOneBoxWithANote() {
        ValueDependent model = new ValueDependent();
        model.predict(Tensor.ones(4, 2)); // tries to trace, fails, runs eagerly
        assertThat(model.untraceableReason()).isPresent();
        Diagram d = Plot.diagram(model, new Plot.Options());
        assertThat(d.nodes()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("value_dependent");
            assertThat(n.kind()).isEqualTo("(ValueDependent)");
            assertThat(n.fields()).containsExactly(new Diagram.Field("Input shape", "(None, 2)"),
                    new Diagram.Field("Output shape", "?"));
        });
        assertThat(d.edges()).isEmpty();
        assertThat(d.note()).get().asString().startsWith("call() could not be traced, so the model is drawn as one box: ")
                .contains("cannot read item() of a symbolic tensor");
        Document svg = parse(Plot.toSvg(model));
        assertThat(groups(svg, "node")).hasSize(1);
        assertThat(String.join(" ", texts(svg, "note"))).contains("call() could not be traced");
        assertThat(Plot.toDot(model)).contains("labelloc=b").contains("label=\"call() could not be traced");

        Sequential unbuilt = new Sequential(new Dense(3));
        Diagram u = Plot.diagram(unbuilt, new Plot.Options());
        assertThat(u.nodes()).singleElement().extracting(Diagram.Node::title).isEqualTo(unbuilt.name());
        assertThat(u.note()).get().asString().contains("no traced graph yet");
    }

    @Test
    void writesSvgAndDotAtomicallyBesideEachOther(@TempDir Path dir) throws IOException {
        Model model = functionalWideAndDeep("wide_input", "deep_input", false);
        Plot.Written w = Plot.model(model, dir.resolve("wd.svg"));
        assertThat(w.svg()).isEqualTo(dir.resolve("wd.svg"));
        assertThat(w.dot()).isEqualTo(dir.resolve("wd.dot"));
        assertThat(Files.readString(w.svg())).isEqualTo(Plot.toSvg(model));
        assertThat(Files.readString(w.dot())).isEqualTo(Plot.toDot(model));
        Plot.model(model, dir.resolve("wd.svg"), new Plot.Options().rankdir("LR")); // replaces both
        assertThat(Files.readString(w.dot())).contains("rankdir=LR");
        Plot.Written fromDot = Plot.model(model, dir.resolve("sub/model.DOT"));
        assertThat(fromDot.svg()).isEqualTo(dir.resolve("sub/model.svg"));
        assertThat(listing(dir)).containsExactlyInAnyOrder("wd.svg", "wd.dot", "sub", "sub/model.DOT", "sub/model.svg");
        assertThatThrownBy(() -> Plot.model(model, dir.resolve("wd.png")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ending in .svg or .dot");
        Files.createDirectory(dir.resolve("taken.svg")); // a directory where the SVG should go: the move fails
        assertThatThrownBy(() -> Plot.model(model, dir.resolve("taken.svg")))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("cannot write");
        assertThat(listing(dir)).noneMatch(name -> name.endsWith(".tmp"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
        }
    }

    private static Set<String> edges(Diagram d) {
        Set<String> out = new LinkedHashSet<>();
        d.edges().forEach(e -> out.add(e.from() + " -> " + e.to()));
        return out;
    }

    private static List<String> dotNodes(String dot) {
        List<String> out = new ArrayList<>();
        Matcher m = DOT_NODE.matcher(dot);
        while (m.find()) {
            out.add(m.group(2) + " (" + m.group(3) + ")");
        }
        return out;
    }

    private static List<String> dotEdges(String dot) {
        List<String> out = new ArrayList<>();
        Matcher m = DOT_EDGE.matcher(dot);
        while (m.find()) {
            out.add(m.group(1) + " -> " + m.group(2) + (m.group(3) == null ? "" : " " + m.group(3)));
        }
        return out;
    }

    private static double num(Element e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }

    private static Document parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("SVG is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static List<Element> groups(Document doc, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList gs = doc.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (g.getAttribute("class").equals(cls)) {
                out.add(g);
            }
        }
        return out;
    }

    private static List<String> texts(Document doc, String cls) {
        List<String> out = new ArrayList<>();
        NodeList ts = doc.getElementsByTagName("text");
        for (int i = 0; i < ts.getLength(); i++) {
            Element t = (Element) ts.item(i);
            if (t.getAttribute("class").equals(cls)) {
                out.add(t.getTextContent());
            }
        }
        return out;
    }
}

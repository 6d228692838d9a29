package dev.strata.internal.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The neutral diagram: validation, DOT and SVG text, and the geometry of the layered layout. */
class DiagramTest {
    private static final List<Diagram.Field> SHAPES = List.of(new Diagram.Field("Input shape", "(None, 8)"),
            new Diagram.Field("Output shape", "(None, 30)"));

    @Test
    void builderRejectsBrokenReferencesAndCycles() {
        assertThatThrownBy(() -> Diagram.builder("g").node("a", "a", null, List.of(), null)
                .node("a", "b", null, List.of(), null)).hasMessageContaining("node 'a' is defined twice");
        assertThatThrownBy(() -> Diagram.builder("g").node("a", "a", null, List.of(), "nope"))
                .hasMessageContaining("unknown cluster 'nope'");
        assertThatThrownBy(() -> Diagram.builder("g").node("a", "a", null, List.of(), null).edge("a", "b", null))
                .hasMessageContaining("edge a -> b names an unknown node 'b'");
        assertThatThrownBy(() -> Diagram.builder("g").cluster("c", "c", "p"))
                .hasMessageContaining("unknown parent 'p'");
        Diagram.Builder cyclic = Diagram.builder("g").node("a", "a", null, List.of(), null)
                .node("b", "b", null, List.of(), null).edge("a", "b", null).edge("b", "a", null);
        assertThatThrownBy(cyclic::build).hasMessageContaining("cycle");
        Diagram.Builder reentering = Diagram.builder("g").cluster("c", "c", null)
                .node("a", "a", null, List.of(), "c").node("b", "b", null, List.of(), null)
                .node("d", "d", null, List.of(), "c").edge("a", "b", null).edge("b", "d", null);
        assertThatThrownBy(reentering::build).hasMessageContaining("edges leave a cluster and come back to it at the "
                + "top level (through [b, cluster c])");
        assertThatThrownBy(() -> Diagram.Direction.parse("BT")).hasMessageContaining("rankdir must be \"TB\" or \"LR\"");
        assertThat(Diagram.Direction.parse("lr")).isEqualTo(Diagram.Direction.LR);
    }

    @Test
    void dotHasKerasAttributesAndEscapesText() {
        Diagram d = Diagram.builder("net \"1\"")
                .cluster("cluster_inner", "inner", null)
                .node("in", "in", "(InputLayer)", List.of(new Diagram.Field("Output shape", "(None, 8)")), null)
                .node("a<b>&\"c\"", "a<b>&\"c\"", "(Dense)", SHAPES, "cluster_inner")
                .edge("in", "a<b>&\"c\"", "(None, 8)")
                .build();
        String dot = d.toDot();
        assertThat(dot).startsWith("digraph \"net \\\"1\\\"\" {\n");
        assertThat(dot).contains("graph [rankdir=TB, concentrate=true, dpi=200, splines=ortho];");
        assertThat(dot).contains("node [shape=record];");
        assertThat(dot).contains("\t\"in\" [label=<<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\">"
                + "<tr><td colspan=\"1\" bgcolor=\"black\"><font point-size=\"16\" color=\"white\"><b>in</b> (InputLayer)"
                + "</font></td></tr><tr><td bgcolor=\"white\"><font point-size=\"14\">Output shape: <b>(None, 8)</b>"
                + "</font></td></tr></table>>, fontname=Helvetica, border=0, margin=0];");
        assertThat(dot).contains("subgraph \"cluster_inner\" {\n\t\tgraph [style=dashed, label=\"inner\", labeljust=l, "
                + "fontname=Helvetica];\n\t\t\"a<b>&\\\"c\\\"\" [label=<");
        assertThat(dot).contains("<b>a&lt;b&gt;&amp;&quot;c&quot;</b> (Dense)");
        assertThat(dot).contains("\t\"in\" -> \"a<b>&\\\"c\\\"\" [penwidth=2, xlabel=\"(None, 8)\", fontname=Helvetica];");
    }

    @Test
    void svgIsWellFormedWithEscapedText() throws Exception {
        Diagram d = Diagram.builder("g & <h>")
                .node("x", "x<&>'\"", "(T)", SHAPES, null)
                .node("y", "y", null, List.of(), null)
                .edge("x", "y", "<&>")
                .note("why & <how>")
                .build();
        Document doc = parse(d.toSvg());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getElementsByTagName("title").item(0).getTextContent()).isEqualTo("g & <h>");
        assertThat(groups(doc, "node")).hasSize(2);
        assertThat(groups(doc, "node").getFirst().getTextContent()).contains("x<&>'\"").contains("Output shape: (None, 30)");
        assertThat(groups(doc, "edge")).hasSize(1);
        assertThat(texts(doc, "edge-label")).containsExactly("<&>");
        assertThat(texts(doc, "note")).containsExactly("why & <how>");
    }

    @Test
    void keepsBoxesApartAndEdgesOnTheirEnds() {
        Random random = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            for (Diagram.Direction dir : Diagram.Direction.values()) {
                Diagram d = randomDiagram(random, dir, trial % 3 == 0);
                DiagramLayout layout = DiagramLayout.of(d, SvgWriter.METRICS);
                checkGeometry(d, layout);
                parse(d.toSvg()); // and the SVG stays well-formed
            }
        }
    }

    @Test
    void chainsAreStraightAndCrossingFreeWhenPossible() {
        // the Wide & Deep shape: two inputs, a long edge from the wide input, two outputs
        Diagram d = Diagram.builder("wd")
                .node("wide", "wide_input", "(InputLayer)", List.of(new Diagram.Field("Output shape", "(None, 5)")), null)
                .node("deep", "deep_input", "(InputLayer)", List.of(new Diagram.Field("Output shape", "(None, 6)")), null)
                .node("h1", "dense", "(Dense)", SHAPES, null)
                .node("h2", "dense_1", "(Dense)", SHAPES, null)
                .node("concat", "concatenate", "(Concatenate)", SHAPES, null)
                .node("main", "main_output", "(Dense)", SHAPES, null)
                .node("aux", "aux_output", "(Dense)", SHAPES, null)
                .edge("deep", "h1", "(None, 6)").edge("h1", "h2", "(None, 30)").edge("wide", "concat", "(None, 5)")
                .edge("h2", "concat", "(None, 30)").edge("concat", "main", "(None, 35)").edge("h2", "aux", "(None, 30)")
                .build();
        DiagramLayout layout = DiagramLayout.of(d, SvgWriter.METRICS);
        checkGeometry(d, layout);
        Map<String, DiagramLayout.Rect> box = boxes(layout);
        // ranks by longest path: inputs on top, concatenate and aux_output side by side, main_output last
        assertThat(box.get("wide").y()).isEqualTo(box.get("deep").y());
        assertThat(box.get("h1").y()).isGreaterThan(box.get("deep").y() + box.get("deep").h());
        assertThat(box.get("concat").y()).isEqualTo(box.get("aux").y());
        assertThat(box.get("main").y()).isGreaterThan(box.get("concat").y() + box.get("concat").h());
        // a plain chain is drawn with straight vertical edges
        for (DiagramLayout.PlacedEdge e : layout.edges) {
            if (e.edge().from().equals("deep") || e.edge().from().equals("h1")) {
                assertThat(e.points()).allSatisfy(p -> assertThat(p[0]).isCloseTo(e.points().getFirst()[0],
                        org.assertj.core.data.Offset.offset(0.5)));
            }
        }
        assertThat(crossings(layout)).isZero();
    }

    @Test
    void clustersAreRectanglesThatOnlyTheirOwnBoxesEnter() {
        Diagram d = Diagram.builder("nested")
                .cluster("outer", "outer_model", null)
                .cluster("inner", "sequential", "outer")
                .node("x", "x", "(InputLayer)", List.of(), null)
                .node("a", "a", "(InputLayer)", List.of(), "outer")
                .node("d1", "dense", "(Dense)", SHAPES, "inner")
                .node("d2", "dense_1", "(Dense)", SHAPES, "inner")
                .node("add", "add", "(Add)", SHAPES, "outer")
                .node("y", "head", "(Dense)", SHAPES, null)
                .node("side", "side", "(Dense)", SHAPES, null)
                .edge("x", "a", "(None, 3)").edge("a", "d1", "(None, 3)").edge("d1", "d2", "(None, 4)")
                .edge("d2", "add", "(None, 2)").edge("a", "add", "(None, 3)").edge("add", "y", "(None, 2)")
                .edge("d2", "y", "(None, 2)").edge("x", "side", "(None, 3)").edge("side", "y", "(None, 30)")
                .build();
        for (Diagram.Direction dir : Diagram.Direction.values()) {
            Diagram turned = withDirection(d, dir);
            DiagramLayout layout = DiagramLayout.of(turned, SvgWriter.METRICS);
            checkGeometry(turned, layout);
            assertThat(layout.clusters).hasSize(2);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static Diagram withDirection(Diagram d, Diagram.Direction dir) {
        Diagram.Builder b = Diagram.builder(d.name()).direction(dir);
        d.clusters().forEach(c -> b.cluster(c.id(), c.label(), c.parent()));
        d.nodes().forEach(n -> b.node(n.id(), n.title(), n.kind(), n.fields(), n.cluster()));
        d.edges().forEach(e -> b.edge(e.from(), e.to(), e.label()));
        return b.build();
    }

    /**
     * A random DAG (edges from lower to higher numbers) with random box sizes and labels on most edges;
     * clusters hold runs of consecutive numbers (one nested in another), so no edge leaves a cluster and comes
     * back, as with nested models.
     */
    private static Diagram randomDiagram(Random random, Diagram.Direction dir, boolean clusters) {
        Diagram.Builder b = Diagram.builder("random").direction(dir);
        int n = 3 + random.nextInt(12);
        String[] cluster = new String[n];
        if (clusters && n >= 6) {
            b.cluster("c0", "cluster zero", null);
            b.cluster("c1", "c1", "c0");
            b.cluster("c2", "another cluster", null);
            int start = random.nextInt(n / 2);
            int end = start + 2 + random.nextInt(n / 2 - 1);
            for (int i = start; i <= end && i < n; i++) {
                cluster[i] = i == start + 1 || i == start + 2 ? "c1" : "c0";
            }
            if (end + 2 < n) {
                cluster[end + 1] = "c2";
                cluster[end + 2] = "c2";
            }
        }
        for (int i = 0; i < n; i++) {
            String title = "n" + i + "_" + "x".repeat(random.nextInt(12));
            List<Diagram.Field> fields = random.nextBoolean() ? SHAPES : List.of();
            b.node("n" + i, title, random.nextBoolean() ? "(Dense)" : null, fields, cluster[i]);
        }
        for (int i = 1; i < n; i++) {
            int edges = 1 + random.nextInt(2);
            for (int k = 0; k < edges; k++) {
                int from = random.nextInt(i);
                b.edge("n" + from, "n" + i, random.nextInt(4) == 0 ? null : "(None, " + random.nextInt(100) + ")");
            }
        }
        return b.build();
    }

    private static Map<String, DiagramLayout.Rect> boxes(DiagramLayout layout) {
        Map<String, DiagramLayout.Rect> box = new HashMap<>();
        for (DiagramLayout.PlacedNode p : layout.nodes) {
            box.put(p.node().id(), p.box());
        }
        return box;
    }

    /**
     * Boxes do not overlap each other or edge labels; every cluster contains exactly its own boxes (and nested
     * clusters) and no other box; edges start on their source's border and end on their target's; everything
     * lies inside the drawing.
     */
    private static void checkGeometry(Diagram d, DiagramLayout layout) {
        assertThat(layout.nodes).hasSize(d.nodes().size());
        Map<String, DiagramLayout.Rect> box = boxes(layout);
        List<DiagramLayout.PlacedNode> nodes = layout.nodes;
        for (int i = 0; i < nodes.size(); i++) {
            DiagramLayout.Rect a = nodes.get(i).box();
            assertThat(a.x()).isGreaterThanOrEqualTo(0);
            assertThat(a.y()).isGreaterThanOrEqualTo(0);
            assertThat(a.x() + a.w()).isLessThanOrEqualTo(layout.width);
            assertThat(a.y() + a.h()).isLessThanOrEqualTo(layout.height);
            for (int j = i + 1; j < nodes.size(); j++) {
                assertThat(a.overlaps(nodes.get(j).box())).as("%s overlaps %s", nodes.get(i).node().id(),
                        nodes.get(j).node().id()).isFalse();
            }
            for (DiagramLayout.PlacedEdge e : layout.edges) {
                if (e.labelBox() != null) {
                    assertThat(a.overlaps(e.labelBox())).as("label of %s overlaps %s", e.edge(),
                            nodes.get(i).node().id()).isFalse();
                }
            }
        }
        Map<String, String> parent = new HashMap<>();
        d.clusters().forEach(c -> parent.put(c.id(), c.parent()));
        for (DiagramLayout.PlacedCluster c : layout.clusters) {
            for (Diagram.Node n : d.nodes()) {
                boolean member = false;
                for (String k = n.cluster(); k != null; k = parent.get(k)) {
                    member |= k.equals(c.cluster().id());
                }
                DiagramLayout.Rect r = box.get(n.id());
                if (member) {
                    assertThat(contains(c.box(), r)).as("%s holds %s", c.cluster().id(), n.id()).isTrue();
                } else {
                    assertThat(c.box().overlaps(r)).as("%s keeps %s out", c.cluster().id(), n.id()).isFalse();
                }
            }
        }
        boolean lr = d.direction() == Diagram.Direction.LR;
        for (DiagramLayout.PlacedEdge e : layout.edges) {
            double[] first = e.points().getFirst();
            double[] last = e.points().getLast();
            DiagramLayout.Rect from = box.get(e.edge().from());
            DiagramLayout.Rect to = box.get(e.edge().to());
            if (lr) {
                assertThat(first[0]).isCloseTo(from.x() + from.w(), org.assertj.core.data.Offset.offset(0.01));
                assertThat(first[1]).isBetween(from.y(), from.y() + from.h());
                assertThat(last[0]).isCloseTo(to.x(), org.assertj.core.data.Offset.offset(0.01));
                assertThat(last[1]).isBetween(to.y(), to.y() + to.h());
            } else {
                assertThat(first[1]).isCloseTo(from.y() + from.h(), org.assertj.core.data.Offset.offset(0.01));
                assertThat(first[0]).as("%s %s", e.edge(), e.points().stream().map(java.util.Arrays::toString).toList())
                        .isBetween(from.x(), from.x() + from.w());
                assertThat(last[1]).isCloseTo(to.y(), org.assertj.core.data.Offset.offset(0.01));
                assertThat(last[0]).isBetween(to.x(), to.x() + to.w());
            }
            for (int k = 1; k < e.points().size(); k++) { // edges flow one way
                int axis = lr ? 0 : 1;
                StringBuilder pts = new StringBuilder();
                e.points().forEach(p -> pts.append(java.util.Arrays.toString(p)));
                assertThat(e.points().get(k)[axis]).as("%s %s: %s | %s", d.direction(), e.edge(), pts,
                        d.nodes().stream().map(nn -> nn.id() + "@" + nn.cluster()).toList())
                        .isGreaterThan(e.points().get(k - 1)[axis]);
            }
        }
    }

    private static boolean contains(DiagramLayout.Rect outer, DiagramLayout.Rect inner) {
        return inner.x() >= outer.x() && inner.y() >= outer.y() && inner.x() + inner.w() <= outer.x() + outer.w()
                && inner.y() + inner.h() <= outer.y() + outer.h();
    }

    /** Crossings between edge polylines, counted between consecutive bends (TB layouts). */
    private static int crossings(DiagramLayout layout) {
        int count = 0;
        List<DiagramLayout.PlacedEdge> es = layout.edges;
        for (int i = 0; i < es.size(); i++) {
            for (int j = i + 1; j < es.size(); j++) {
                List<double[]> a = es.get(i).points();
                List<double[]> b = es.get(j).points();
                for (int p = 1; p < a.size(); p++) {
                    for (int q = 1; q < b.size(); q++) {
                        if (segmentsCross(a.get(p - 1), a.get(p), b.get(q - 1), b.get(q))) {
                            count++;
                        }
                    }
                }
            }
        }
        return count;
    }

    private static boolean segmentsCross(double[] p1, double[] p2, double[] q1, double[] q2) {
        double d1 = cross(q1, q2, p1);
        double d2 = cross(q1, q2, p2);
        double d3 = cross(p1, p2, q1);
        double d4 = cross(p1, p2, q2);
        return d1 * d2 < 0 && d3 * d4 < 0;
    }

    private static double cross(double[] a, double[] b, double[] c) {
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    }

    static Document parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("SVG is not well-formed XML: " + e.getMessage(), e);
        }
    }

    static List<Element> groups(Document doc, String cls) {
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

    static List<String> texts(Document doc, String cls) {
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

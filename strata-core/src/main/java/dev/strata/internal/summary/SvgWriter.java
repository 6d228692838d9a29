package dev.strata.internal.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Draws a laid-out {@link Diagram} as SVG, in the look of Keras's {@code plot_model}: each box a table with a
 * black heading ("<b>name</b> (Type)" in white) over white field cells, thick dark edges ending in arrowheads,
 * dashed rounded clusters titled at their top left. Text is monospaced, so box sizes computed from character
 * counts fit the text. The groups follow Graphviz's SVG: {@code <g class="node">}, {@code "edge"},
 * {@code "cluster"}, each with a {@code <title>} naming it.
 */
final class SvgWriter {
    static final String FONT = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace";
    /** Advance of one monospaced character, in ems (DejaVu Sans Mono: 1233/2048). */
    static final double CHAR_EM = 0.6021;
    static final double HEAD_FONT = 13;
    static final double FIELD_FONT = 12;
    static final double LABEL_FONT = 11;
    static final double TITLE_FONT = 12;
    static final double NOTE_FONT = 12;
    static final double PAD = 10;
    static final double HEAD_HEIGHT = 28;
    static final double FIELD_HEIGHT = 26;
    static final double ARROW = 9;

    private SvgWriter() {
    }

    static double textWidth(String s, double font) {
        return s.codePointCount(0, s.length()) * font * CHAR_EM;
    }

    static final DiagramLayout.Metrics METRICS = new DiagramLayout.Metrics() {
        @Override
        public double[] nodeSize(Diagram.Node n) {
            double w = textWidth(heading(n), HEAD_FONT) + 2 * PAD;
            double fields = 0;
            for (Diagram.Field f : n.fields()) {
                fields += fieldWidth(f);
            }
            return new double[] {Math.ceil(Math.max(w, fields)), n.fields().isEmpty() ? HEAD_HEIGHT
                    : HEAD_HEIGHT + FIELD_HEIGHT};
        }

        @Override
        public double[] labelSize(String text) {
            return new double[] {Math.ceil(textWidth(text, LABEL_FONT)) + 2, LABEL_FONT + 5};
        }

        @Override
        public double titleWidth(String text) {
            return textWidth(text, TITLE_FONT);
        }
    };

    private static String heading(Diagram.Node n) {
        return n.kind() == null ? n.title() : n.title() + " " + n.kind();
    }

    private static double fieldWidth(Diagram.Field f) {
        return textWidth(f.label() + ": " + f.value(), FIELD_FONT) + 2 * PAD;
    }

    static String write(Diagram d) {
        DiagramLayout layout = DiagramLayout.of(d, METRICS);
        boolean lr = d.direction() == Diagram.Direction.LR;
        double width = layout.width;
        double height = layout.height;
        List<String> noteLines = List.of();
        if (d.note().isPresent()) {
            int chars = (int) Math.max(40, Math.floor((Math.max(width, 560) - 2 * DiagramLayout.MARGIN)
                    / (NOTE_FONT * CHAR_EM)));
            noteLines = new ArrayList<>();
            for (String para : d.note().get().split("\n")) {
                noteLines.addAll(Table.wrap(para, chars));
            }
            double noteWidth = 0;
            for (String line : noteLines) {
                noteWidth = Math.max(noteWidth, textWidth(line, NOTE_FONT));
            }
            width = Math.max(width, noteWidth + 2 * DiagramLayout.MARGIN);
            height += noteLines.size() * (NOTE_FONT + 4) + 4;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(Math.ceil(width)))
                .append("\" height=\"").append(num(Math.ceil(height))).append("\" viewBox=\"0 0 ")
                .append(num(Math.ceil(width))).append(' ').append(num(Math.ceil(height)))
                .append("\" font-family=\"").append(FONT).append("\" xml:space=\"preserve\">\n");
        sb.append("<title>").append(xml(d.name())).append("</title>\n");
        sb.append("<g class=\"graph\">\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(num(Math.ceil(width))).append("\" height=\"")
                .append(num(Math.ceil(height))).append("\" fill=\"#ffffff\"/>\n");
        List<DiagramLayout.PlacedCluster> clusters = new ArrayList<>(layout.clusters);
        clusters.sort(Comparator.comparingInt(DiagramLayout.PlacedCluster::depth));
        for (DiagramLayout.PlacedCluster c : clusters) {
            cluster(sb, c);
        }
        for (DiagramLayout.PlacedEdge e : layout.edges) {
            edge(sb, e, lr);
        }
        for (DiagramLayout.PlacedNode n : layout.nodes) {
            node(sb, n);
        }
        for (DiagramLayout.PlacedEdge e : layout.edges) {
            if (e.labelBox() != null) {
                DiagramLayout.Rect r = e.labelBox();
                sb.append("<text class=\"edge-label\" x=\"").append(num(r.x() + r.w() / 2)).append("\" y=\"")
                        .append(num(r.y() + r.h() / 2 + LABEL_FONT * 0.35)).append("\" font-size=\"")
                        .append(num(LABEL_FONT)).append("\" text-anchor=\"middle\" fill=\"#333333\" stroke=\"#ffffff\" "
                                + "stroke-width=\"3\" paint-order=\"stroke\">").append(xml(e.edge().label()))
                        .append("</text>\n");
            }
        }
        double y = layout.height;
        for (String line : noteLines) {
            y += NOTE_FONT + 4;
            sb.append("<text class=\"note\" x=\"").append(num(DiagramLayout.MARGIN)).append("\" y=\"").append(num(y - 4))
                    .append("\" font-size=\"").append(num(NOTE_FONT)).append("\" fill=\"#8a1c1c\">").append(xml(line))
                    .append("</text>\n");
        }
        sb.append("</g>\n</svg>\n");
        return sb.toString();
    }

    private static void cluster(StringBuilder sb, DiagramLayout.PlacedCluster c) {
        DiagramLayout.Rect r = c.box();
        sb.append("<g class=\"cluster\">\n<title>").append(xml(c.cluster().id())).append("</title>\n");
        sb.append("<rect x=\"").append(num(r.x())).append("\" y=\"").append(num(r.y())).append("\" width=\"")
                .append(num(r.w())).append("\" height=\"").append(num(r.h()))
                .append("\" rx=\"8\" ry=\"8\" fill=\"").append(c.depth() % 2 == 0 ? "#f6f8fb" : "#eef2f7")
                .append("\" stroke=\"#7a8699\" stroke-width=\"1.2\" stroke-dasharray=\"6,4\"/>\n");
        sb.append("<text x=\"").append(num(r.x() + DiagramLayout.CLUSTER_PAD)).append("\" y=\"")
                .append(num(r.y() + 6 + TITLE_FONT)).append("\" font-size=\"").append(num(TITLE_FONT))
                .append("\" font-weight=\"bold\" fill=\"#4a5568\" stroke=\"").append(c.depth() % 2 == 0 ? "#f6f8fb" : "#eef2f7")
                .append("\" stroke-width=\"4\" paint-order=\"stroke\">").append(xml(c.cluster().label()))
                .append("</text>\n</g>\n");
    }

    private static void edge(StringBuilder sb, DiagramLayout.PlacedEdge e, boolean lr) {
        List<double[]> pts = new ArrayList<>(e.points());
        double[] tip = pts.removeLast();
        double[] base = lr ? new double[] {tip[0] - ARROW, tip[1]} : new double[] {tip[0], tip[1] - ARROW};
        int axis = lr ? 0 : 1;
        while (!pts.isEmpty() && pts.getLast()[axis] > base[axis] - 0.5 && pts.size() > 1) {
            pts.removeLast(); // a bend closer to the tip than the arrowhead is hidden by it
        }
        pts.add(base);
        sb.append("<g class=\"edge\">\n<title>").append(xml(e.edge().from() + "->" + e.edge().to())).append("</title>\n");
        StringBuilder d = new StringBuilder();
        d.append('M').append(num(pts.getFirst()[0])).append(',').append(num(pts.getFirst()[1]));
        for (int i = 1; i < pts.size(); i++) {
            double[] a = pts.get(i - 1);
            double[] b = pts.get(i);
            int cross = 1 - axis;
            if (Math.abs(a[cross] - b[cross]) < 0.05) {
                d.append(" L").append(num(b[0])).append(',').append(num(b[1]));
            } else if (lr) {
                double mx = (a[0] + b[0]) / 2;
                d.append(" C").append(num(mx)).append(',').append(num(a[1])).append(' ').append(num(mx)).append(',')
                        .append(num(b[1])).append(' ').append(num(b[0])).append(',').append(num(b[1]));
            } else {
                double my = (a[1] + b[1]) / 2;
                d.append(" C").append(num(a[0])).append(',').append(num(my)).append(' ').append(num(b[0])).append(',')
                        .append(num(my)).append(' ').append(num(b[0])).append(',').append(num(b[1]));
            }
        }
        sb.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"#222222\" stroke-width=\"2\"/>\n");
        double half = ARROW / 2;
        double[] p1 = lr ? new double[] {base[0], base[1] - half} : new double[] {base[0] - half, base[1]};
        double[] p2 = lr ? new double[] {base[0], base[1] + half} : new double[] {base[0] + half, base[1]};
        sb.append("<polygon points=\"").append(num(tip[0])).append(',').append(num(tip[1])).append(' ')
                .append(num(p1[0])).append(',').append(num(p1[1])).append(' ').append(num(p2[0])).append(',')
                .append(num(p2[1])).append("\" fill=\"#222222\" stroke=\"#222222\" stroke-width=\"1\"/>\n");
        sb.append("</g>\n");
    }

    private static void node(StringBuilder sb, DiagramLayout.PlacedNode p) {
        Diagram.Node n = p.node();
        DiagramLayout.Rect r = p.box();
        sb.append("<g class=\"node\">\n<title>").append(xml(n.id())).append("</title>\n");
        sb.append("<rect class=\"box\" x=\"").append(num(r.x())).append("\" y=\"").append(num(r.y()))
                .append("\" width=\"").append(num(r.w())).append("\" height=\"").append(num(r.h()))
                .append("\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"1.5\"/>\n");
        sb.append("<rect x=\"").append(num(r.x())).append("\" y=\"").append(num(r.y())).append("\" width=\"")
                .append(num(r.w())).append("\" height=\"").append(num(HEAD_HEIGHT))
                .append("\" fill=\"#000000\"/>\n");
        sb.append("<text x=\"").append(num(r.x() + r.w() / 2)).append("\" y=\"")
                .append(num(r.y() + HEAD_HEIGHT / 2 + HEAD_FONT * 0.35)).append("\" font-size=\"").append(num(HEAD_FONT))
                .append("\" text-anchor=\"middle\" fill=\"#ffffff\"><tspan font-weight=\"bold\">").append(xml(n.title()))
                .append("</tspan>");
        if (n.kind() != null) {
            sb.append(' ').append(xml(n.kind()));
        }
        sb.append("</text>\n");
        if (!n.fields().isEmpty()) {
            double natural = 0;
            for (Diagram.Field f : n.fields()) {
                natural += fieldWidth(f);
            }
            double extra = (r.w() - natural) / n.fields().size(); // wider heading: cells share the slack
            double x = r.x();
            double top = r.y() + HEAD_HEIGHT;
            for (int i = 0; i < n.fields().size(); i++) {
                Diagram.Field f = n.fields().get(i);
                double w = fieldWidth(f) + extra;
                if (i > 0) {
                    sb.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(num(top)).append("\" x2=\"")
                            .append(num(x)).append("\" y2=\"").append(num(r.y() + r.h()))
                            .append("\" stroke=\"#000000\" stroke-width=\"1\"/>\n");
                }
                sb.append("<text x=\"").append(num(x + w / 2)).append("\" y=\"")
                        .append(num(top + FIELD_HEIGHT / 2 + FIELD_FONT * 0.35)).append("\" font-size=\"")
                        .append(num(FIELD_FONT)).append("\" text-anchor=\"middle\" fill=\"#000000\">")
                        .append(xml(f.label())).append(": <tspan font-weight=\"bold\">").append(xml(f.value()))
                        .append("</tspan></text>\n");
                x += w;
            }
        }
        sb.append("</g>\n");
    }

    static String num(double v) {
        double r = Math.round(v * 10) / 10.0;
        if (r == Math.rint(r)) {
            return Long.toString((long) r);
        }
        return String.format(Locale.ROOT, "%.1f", r);
    }

    /** Text and attribute values: the XML specials as entities, and characters XML 1.0 forbids dropped. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c != 0xFFFE && c != 0xFFFF) {
                            sb.append(c);
                        }
                    }
                }
            }
        }
        return sb.toString();
    }
}

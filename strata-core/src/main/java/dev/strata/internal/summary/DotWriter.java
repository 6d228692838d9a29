package dev.strata.internal.summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Diagram} as Graphviz DOT the way Keras's {@code model_to_dot} builds it: the graph attributes
 * {@code rankdir, concentrate, dpi, splines}, {@code record} node defaults, HTML-like table labels (black
 * heading, white field cells), {@code penwidth=2} edges, and dashed, left-titled clusters. Edge labels are
 * written as {@code xlabel}, the form Graphviz places with Keras's orthogonal splines.
 */
final class DotWriter {
    private DotWriter() {
    }

    static String write(Diagram d) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph ").append(quote(d.name())).append(" {\n");
        sb.append("\tgraph [rankdir=").append(d.direction().name())
                .append(", concentrate=true, dpi=200, splines=ortho");
        d.note().ifPresent(note -> sb.append(", labelloc=b, labeljust=l, fontname=Helvetica, label=")
                .append(quote(note)));
        sb.append("];\n");
        sb.append("\tnode [shape=record];\n");
        Map<String, List<Diagram.Node>> byCluster = new LinkedHashMap<>();
        Map<String, List<Diagram.Cluster>> children = new LinkedHashMap<>();
        for (Diagram.Node n : d.nodes()) {
            byCluster.computeIfAbsent(n.cluster(), k -> new ArrayList<>()).add(n);
        }
        for (Diagram.Cluster c : d.clusters()) {
            children.computeIfAbsent(c.parent(), k -> new ArrayList<>()).add(c);
        }
        body(sb, null, byCluster, children, "\t");
        for (Diagram.Edge e : d.edges()) {
            sb.append('\t').append(quote(e.from())).append(" -> ").append(quote(e.to())).append(" [penwidth=2");
            if (e.label() != null) {
                sb.append(", xlabel=").append(quote(e.label())).append(", fontname=Helvetica");
            }
            sb.append("];\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static void body(StringBuilder sb, String cluster, Map<String, List<Diagram.Node>> byCluster,
                             Map<String, List<Diagram.Cluster>> children, String indent) {
        for (Diagram.Node n : byCluster.getOrDefault(cluster, List.of())) {
            sb.append(indent).append(quote(n.id())).append(" [label=<").append(label(n))
                    .append(">, fontname=Helvetica, border=0, margin=0];\n");
        }
        for (Diagram.Cluster c : children.getOrDefault(cluster, List.of())) {
            // Graphviz draws a subgraph as a box only when its name starts with "cluster"
            String name = c.id().startsWith("cluster") ? c.id() : "cluster_" + c.id();
            sb.append(indent).append("subgraph ").append(quote(name)).append(" {\n");
            sb.append(indent).append("\tgraph [style=dashed, label=").append(quote(c.label()))
                    .append(", labeljust=l, fontname=Helvetica];\n");
            body(sb, c.id(), byCluster, children, indent + "\t");
            sb.append(indent).append("}\n");
        }
    }

    /** Keras's {@code make_layer_label}: a heading row spanning the field cells below it. */
    static String label(Diagram.Node n) {
        int colspan = Math.max(1, n.fields().size());
        StringBuilder sb = new StringBuilder();
        sb.append("<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\">");
        sb.append("<tr><td colspan=\"").append(colspan).append("\" bgcolor=\"black\">")
                .append("<font point-size=\"16\" color=\"white\"><b>").append(html(n.title())).append("</b>");
        if (n.kind() != null) {
            sb.append(' ').append(html(n.kind()));
        }
        sb.append("</font></td></tr>");
        if (!n.fields().isEmpty()) {
            sb.append("<tr>");
            for (Diagram.Field f : n.fields()) {
                sb.append("<td bgcolor=\"white\"><font point-size=\"14\">").append(html(f.label())).append(": <b>")
                        .append(html(f.value())).append("</b></font></td>");
            }
            sb.append("</tr>");
        }
        sb.append("</table>");
        return sb.toString();
    }

    /** A DOT double-quoted string: backslashes and quotes escaped, line breaks as {@code \n}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> { }
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Text inside an HTML-like label: the XML specials as entities. */
    static String html(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\n' -> sb.append("<br/>");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}

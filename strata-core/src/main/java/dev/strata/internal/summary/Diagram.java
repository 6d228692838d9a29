package dev.strata.internal.summary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A neutral description of a layered diagram: boxes with a title and labelled fields, directed edges with
 * optional labels, and nested clusters; rendered as Graphviz DOT ({@link #toDot()}) or, with a built-in
 * layered layout and no external tool, as SVG ({@link #toSvg()}). Model plots are made of it, but nothing here
 * knows about models. Edges must not form a cycle, and no edge path may leave a cluster and come back into it
 * (each cluster is one block in the flow, as a nested model is in its caller).
 *
 * <pre>{@code
 * Diagram d = Diagram.builder("g")
 *         .node("a", "a", "(Input)", List.of(new Diagram.Field("Output shape", "(None, 3)")), null)
 *         .node("b", "b", "(Dense)", List.of(), null)
 *         .edge("a", "b", "(None, 3)")
 *         .build();
 * String svg = d.toSvg();
 * }</pre>
 */
public final class Diagram {
    /** Which way edges flow: top to bottom or left to right (Graphviz's {@code rankdir}). */
    public enum Direction {
        /** Top to bottom. */
        TB,
        /** Left to right. */
        LR;

        /** "TB" or "LR" (either case) as a direction. */
        public static Direction parse(String rankdir) {
            Objects.requireNonNull(rankdir, "rankdir");
            return switch (rankdir.toUpperCase(java.util.Locale.ROOT)) {
                case "TB" -> TB;
                case "LR" -> LR;
                default -> throw new IllegalArgumentException("rankdir must be \"TB\" or \"LR\", got \"" + rankdir + "\"");
            };
        }
    }

    /** One field of a box: a plain label and a bold value, e.g. "Output shape" and "(None, 30)". */
    public record Field(String label, String value) {
        /** Checks that both parts are given. */
        public Field {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A box.
     *
     * @param id      unique identifier (used in DOT and as the SVG group's title)
     * @param title   the bold heading, e.g. a layer name
     * @param kind    plain text after the title, e.g. "(Dense)"; may be null
     * @param fields  fields shown side by side under the heading; may be empty
     * @param cluster the id of the cluster holding the box, or null for the top level
     */
    public record Node(String id, String title, String kind, List<Field> fields, String cluster) {
        /** Checks the parts and copies the fields. */
        public Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            fields = List.copyOf(fields);
        }
    }

    /**
     * An arrow from one box to another.
     *
     * @param label text written beside the edge, or null
     */
    public record Edge(String from, String to, String label) {
        /** Checks the ends. */
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * A group of boxes drawn inside a dashed, titled rectangle.
     *
     * @param parent the enclosing cluster's id, or null for the top level
     */
    public record Cluster(String id, String label, String parent) {
        /** Checks the parts. */
        public Cluster {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
        }
    }

    private final String name;
    private final Direction direction;
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final List<Cluster> clusters;
    private final String note;

    private Diagram(Builder b) {
        this.name = b.name;
        this.direction = b.direction;
        this.nodes = List.copyOf(b.nodes.values());
        this.edges = List.copyOf(b.edges);
        this.clusters = List.copyOf(b.clusters.values());
        this.note = b.note;
    }

    /** A builder for a diagram with this name (the DOT graph's and the SVG's title). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The diagram's name. */
    public String name() {
        return name;
    }

    /** The direction edges flow in. */
    public Direction direction() {
        return direction;
    }

    /** The boxes, in the order they were added. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The edges, in the order they were added. */
    public List<Edge> edges() {
        return edges;
    }

    /** The clusters, in the order they were added (a parent before its children). */
    public List<Cluster> clusters() {
        return clusters;
    }

    /** A note shown under the diagram (e.g. why it is incomplete), if any. */
    public Optional<String> note() {
        return Optional.ofNullable(note);
    }

    /** The diagram as Graphviz DOT, with Keras's {@code model_to_dot} attributes and HTML-like box labels. */
    public String toDot() {
        return DotWriter.write(this);
    }

    /** The diagram laid out in layers and drawn as a standalone SVG document. */
    public String toSvg() {
        return SvgWriter.write(this);
    }

    /** Collects boxes, edges and clusters, checking that ids are unique and references resolve. */
    public static final class Builder {
        private final String name;
        private Direction direction = Direction.TB;
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private final Map<String, Cluster> clusters = new LinkedHashMap<>();
        private String note;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Sets the direction edges flow in (default top to bottom). */
        public Builder direction(Direction d) {
            this.direction = Objects.requireNonNull(d, "direction");
            return this;
        }

        /** Adds a cluster; its parent, if any, must have been added already. */
        public Builder cluster(String id, String label, String parent) {
            if (clusters.containsKey(id)) {
                throw new IllegalArgumentException("Diagram: cluster '" + id + "' is defined twice");
            }
            if (parent != null && !clusters.containsKey(parent)) {
                throw new IllegalArgumentException("Diagram: cluster '" + id + "' names an unknown parent '" + parent + "'");
            }
            clusters.put(id, new Cluster(id, label, parent));
            return this;
        }

        /** Adds a box; its cluster, if any, must have been added already. */
        public Builder node(String id, String title, String kind, List<Field> fields, String cluster) {
            if (nodes.containsKey(id)) {
                throw new IllegalArgumentException("Diagram: node '" + id + "' is defined twice");
            }
            if (cluster != null && !clusters.containsKey(cluster)) {
                throw new IllegalArgumentException("Diagram: node '" + id + "' names an unknown cluster '" + cluster + "'");
            }
            nodes.put(id, new Node(id, title, kind, fields, cluster));
            return this;
        }

        /** Adds an edge between two boxes added before. */
        public Builder edge(String from, String to, String label) {
            for (String end : new String[] {from, to}) {
                if (!nodes.containsKey(end)) {
                    throw new IllegalArgumentException("Diagram: edge " + from + " -> " + to + " names an unknown node '"
                            + end + "'");
                }
            }
            if (from.equals(to)) {
                throw new IllegalArgumentException("Diagram: edge " + from + " -> " + to + " is a loop");
            }
            edges.add(new Edge(from, to, label));
            return this;
        }

        /** Sets the note shown under the diagram. */
        public Builder note(String text) {
            this.note = text;
            return this;
        }

        /**
         * The diagram.
         *
         * @throws IllegalArgumentException if the edges form a cycle (the layout needs a direction to flow in)
         */
        public Diagram build() {
            checkAcyclic();
            checkClustersAreBlocks();
            return new Diagram(this);
        }

        /**
         * Each cluster is drawn as one block in the flow, so edges may not leave a cluster and come back to it
         * (directly or through sibling clusters): at every level, the boxes and child clusters, linked by the
         * edges between them, must form no cycle.
         */
        private void checkClustersAreBlocks() {
            Map<String, List<String>> path = new HashMap<>();
            for (Cluster c : clusters.values()) {
                List<String> p = new ArrayList<>(c.parent() == null ? List.of() : path.get(c.parent()));
                p.add(c.id());
                path.put(c.id(), p);
            }
            List<String> levels = new ArrayList<>();
            levels.add(null);
            levels.addAll(clusters.keySet());
            for (String level : levels) {
                Map<String, List<String>> out = new HashMap<>();
                Map<String, Integer> indegree = new HashMap<>();
                for (Edge e : edges) {
                    String a = childOf(level, e.from(), path);
                    String b = childOf(level, e.to(), path);
                    if (a != null && b != null && !a.equals(b)) {
                        out.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
                        indegree.merge(b, 1, Integer::sum);
                        indegree.putIfAbsent(a, 0);
                    }
                }
                java.util.ArrayDeque<String> ready = new java.util.ArrayDeque<>();
                indegree.forEach((k, v) -> {
                    if (v == 0) {
                        ready.add(k);
                    }
                });
                int seen = 0;
                while (!ready.isEmpty()) {
                    String k = ready.poll();
                    seen++;
                    for (String next : out.getOrDefault(k, List.of())) {
                        if (indegree.merge(next, -1, Integer::sum) == 0) {
                            ready.add(next);
                        }
                    }
                }
                if (seen < indegree.size()) {
                    List<String> stuck = new ArrayList<>();
                    indegree.forEach((k, v) -> {
                        if (v > 0) {
                            stuck.add(k);
                        }
                    });
                    java.util.Collections.sort(stuck);
                    throw new IllegalArgumentException("Diagram: edges leave a cluster and come back to it "
                            + (level == null ? "at the top level" : "inside cluster '" + level + "'") + " (through "
                            + stuck + "); a cluster must be one block in the flow of the edges");
                }
            }
        }

        /** The box or child cluster of {@code level} that holds the node ("cluster " + id for a cluster), or null. */
        private String childOf(String level, String node, Map<String, List<String>> path) {
            String c = nodes.get(node).cluster();
            if (java.util.Objects.equals(c, level)) {
                return node;
            }
            if (c == null) {
                return null;
            }
            List<String> p = path.get(c);
            int at = level == null ? -1 : p.indexOf(level);
            if (level != null && at < 0) {
                return null;
            }
            return "cluster " + p.get(at + 1);
        }

        /** Kahn's algorithm: whatever is left once every source has been peeled off lies on a cycle. */
        private void checkAcyclic() {
            Map<String, List<String>> out = new HashMap<>();
            Map<String, Integer> indegree = new HashMap<>();
            for (Edge e : edges) {
                out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
                indegree.merge(e.to(), 1, Integer::sum);
            }
            java.util.ArrayDeque<String> ready = new java.util.ArrayDeque<>();
            for (String id : nodes.keySet()) {
                if (!indegree.containsKey(id)) {
                    ready.add(id);
                }
            }
            Set<String> seen = new HashSet<>();
            while (!ready.isEmpty()) {
                String id = ready.poll();
                seen.add(id);
                for (String next : out.getOrDefault(id, List.of())) {
                    if (indegree.merge(next, -1, Integer::sum) == 0) {
                        ready.add(next);
                    }
                }
            }
            for (String id : nodes.keySet()) {
                if (!seen.contains(id)) {
                    throw new IllegalArgumentException("Diagram: the edges form a cycle (through or leading to '" + id
                            + "')");
                }
            }
        }
    }
}

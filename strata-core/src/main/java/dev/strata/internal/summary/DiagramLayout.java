package dev.strata.internal.summary;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layered (Sugiyama-style) layout of a {@link Diagram}, computed in pure Java.
 *
 * <p>Clusters are laid out bottom-up as compound boxes: each cluster's contents are laid out on their own, with
 * a "port" on the cluster's top border for each box outside that sends edges in, and one on its bottom border
 * for each box inside that sends edges out; the cluster then takes part in its parent's layout as a single box
 * whose edges attach at those ports. So a cluster is always a rectangle that no other box enters, and edges
 * cross its border only at ports (which is why {@link Diagram.Builder#build} wants every cluster to be one block
 * in the flow of the edges, as nested models always are).
 *
 * <p>Each level (the top level or one cluster) goes through the classic steps: ranks by longest path from the
 * sources (an edge that carries a label spans two ranks, so its label gets a rank of its own, as Graphviz does);
 * dummy points on edges spanning several ranks; crossing reduction by barycenter sweeps with adjacent
 * transpositions, keeping the best order seen; positions along each rank by repeatedly centring every item over
 * its neighbours and projecting onto the ordering constraints (weighted isotonic regression, so the result is
 * the closest order-preserving, non-overlapping placement); heavier weights on dummy chains keep long edges
 * straight. Coordinates are computed as (u along a rank, v across ranks) and mapped to x and y at the end, so
 * the same code lays out top-to-bottom and left-to-right diagrams.
 */
final class DiagramLayout {
    static final double MARGIN = 16;
    static final double NODE_GAP = 28;
    static final double DUMMY_GAP = 12;
    static final double RANK_GAP = 36;
    static final double LABELLED_RANK_GAP = 18;
    static final double CLUSTER_PAD = 14;
    static final double TITLE_BAND = 22;
    static final double LABEL_OFFSET = 6;
    private static final int ORDER_SWEEPS = 12;
    private static final int POSITION_SWEEPS = 24;

    /** Sizes of the drawn pieces, width and height in final (x, y) units. */
    interface Metrics {
        /** The size of a box. */
        double[] nodeSize(Diagram.Node node);

        /** The size of an edge label. */
        double[] labelSize(String text);

        /** The width of a cluster's title. */
        double titleWidth(String text);
    }

    /** A rectangle in final coordinates. */
    record Rect(double x, double y, double w, double h) {
        boolean overlaps(Rect o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }
    }

    /** A placed box. */
    record PlacedNode(Diagram.Node node, Rect box) {
    }

    /** A placed cluster. */
    record PlacedCluster(Diagram.Cluster cluster, Rect box, int depth) {
    }

    /**
     * A routed edge: points in final coordinates, joined by curves that leave and enter each point along the
     * rank direction; the last point is the arrow's tip.
     */
    record PlacedEdge(Diagram.Edge edge, List<double[]> points, Rect labelBox) {
    }

    private enum Kind { NODE, CLUSTER, DUMMY, PORT_IN, PORT_OUT }

    /** Something occupying a place in a rank of one level. */
    private static final class Item {
        final Kind kind;
        Diagram.Node node;
        Level child;
        int edge = -1;
        String label;
        double labelDu;
        double labelDv;
        int rank;
        int order;
        double u;
        double left;
        double right;
        double dv;
        double vc;
        final List<Seg> in = new ArrayList<>();
        final List<Seg> out = new ArrayList<>();

        Item(Kind kind) {
            this.kind = kind;
        }

        boolean real() {
            return kind == Kind.NODE || kind == Kind.CLUSTER;
        }
    }

    /** A piece of an edge between two items of adjacent ranks (after dummies are inserted). */
    private static final class Seg {
        final Item from;
        final Item to;
        final int edge;
        double fromOff;
        double toOff;
        double weight;
        boolean labelled;

        Seg(Item from, Item to, int edge) {
            this.from = from;
            this.to = to;
            this.edge = edge;
        }
    }

    /** The layout of the top level or of one cluster, in its own frame (origin at its top-left corner). */
    private final class Level {
        final Diagram.Cluster cluster;
        final List<Item> items = new ArrayList<>();
        final Map<Integer, List<Item>> chains = new LinkedHashMap<>();
        /** The edge whose route an edge shares (itself if none): pieces and labels belong to it. */
        final Map<Integer, Integer> owner = new HashMap<>();
        final Map<Integer, Item> inPorts = new HashMap<>();
        final Map<Integer, Item> outPorts = new HashMap<>();
        List<List<Item>> ranks = new ArrayList<>();
        double[] rankTop;
        double[] rankBottom;
        double du;
        double dv;
        double offsetU;
        double offsetV;

        Level(Diagram.Cluster cluster) {
            this.cluster = cluster;
        }

        Item add(Kind kind) {
            Item it = new Item(kind);
            items.add(it);
            return it;
        }
    }

    private final Diagram diagram;
    private final Metrics metrics;
    private final boolean lr;
    private final Map<String, List<String>> clusterPath = new HashMap<>();
    private final Map<String, String> nodeClusters = new HashMap<>();
    private final Map<String, Level> levels = new LinkedHashMap<>();
    private final Map<String, List<Diagram.Cluster>> childClusters = new HashMap<>();
    private final boolean anyLabel;

    final List<PlacedNode> nodes = new ArrayList<>();
    final List<PlacedCluster> clusters = new ArrayList<>();
    final List<PlacedEdge> edges = new ArrayList<>();
    double width;
    double height;

    private DiagramLayout(Diagram diagram, Metrics metrics) {
        this.diagram = diagram;
        this.metrics = metrics;
        this.lr = diagram.direction() == Diagram.Direction.LR;
        boolean labels = false;
        for (Diagram.Edge e : diagram.edges()) {
            labels |= e.label() != null;
        }
        this.anyLabel = labels;
    }

    /** Lays out the diagram with the given size metrics. */
    static DiagramLayout of(Diagram diagram, Metrics metrics) {
        DiagramLayout layout = new DiagramLayout(diagram, metrics);
        layout.run();
        return layout;
    }

    private void run() {
        for (Diagram.Node n : diagram.nodes()) {
            nodeClusters.put(n.id(), n.cluster());
        }
        Map<String, Diagram.Cluster> byId = new HashMap<>();
        for (Diagram.Cluster c : diagram.clusters()) {
            byId.put(c.id(), c);
            childClusters.computeIfAbsent(c.parent(), k -> new ArrayList<>()).add(c);
        }
        for (Diagram.Cluster c : diagram.clusters()) {
            List<String> path = new ArrayList<>();
            for (Diagram.Cluster k = c; k != null; k = k.parent() == null ? null : byId.get(k.parent())) {
                path.addFirst(k.id());
            }
            clusterPath.put(c.id(), path);
        }
        Level root = layoutLevel(null);
        width = lr ? root.dv : root.du;
        height = lr ? root.du : root.dv;
        place(root, 0, 0, 0);
        routeEdges(root);
    }

    // ---- one level -----------------------------------------------------------------------------------------

    private Level layoutLevel(Diagram.Cluster cluster) {
        Level level = new Level(cluster);
        String id = cluster == null ? null : cluster.id();
        if (id != null) {
            levels.put(id, level);
        }
        Map<String, Item> nodeItems = new HashMap<>();
        Map<String, Item> clusterItems = new HashMap<>();
        for (Diagram.Node n : diagram.nodes()) {
            if (java.util.Objects.equals(n.cluster(), id)) {
                Item it = level.add(Kind.NODE);
                it.node = n;
                double[] size = metrics.nodeSize(n);
                setExtent(it, size[0], size[1]);
                nodeItems.put(n.id(), it);
            }
        }
        for (Diagram.Cluster c : childClusters.getOrDefault(id, List.of())) {
            Level child = layoutLevel(c);
            Item it = level.add(Kind.CLUSTER);
            it.child = child;
            it.left = child.du / 2;
            it.right = child.du / 2;
            it.dv = child.dv;
            clusterItems.put(c.id(), it);
        }
        List<Seg> segs = new ArrayList<>();
        // Edges from one box share a port where they cross a cluster's border, and edges that run between the
        // same two items through the same ports share one route here (Keras draws with concentrate=true).
        Map<String, Item> inPortBySource = new HashMap<>();
        Map<String, Item> outPortBySource = new HashMap<>();
        Map<List<Object>, Seg> shared = new HashMap<>();
        Map<Integer, Seg> segOfEdge = new HashMap<>();
        List<Diagram.Edge> all = diagram.edges();
        for (int i = 0; i < all.size(); i++) {
            Diagram.Edge e = all.get(i);
            Item s = childOf(id, e.from(), nodeItems, clusterItems);
            Item t = childOf(id, e.to(), nodeItems, clusterItems);
            if ((s == null && t == null) || s == t) {
                continue; // not through this level, or inside one child cluster
            }
            if (s == null) {
                final int edge = i;
                s = inPortBySource.computeIfAbsent(e.from(), k -> port(level, Kind.PORT_IN, edge));
                level.inPorts.put(i, s);
            }
            if (t == null) {
                final int edge = i;
                t = outPortBySource.computeIfAbsent(e.from(), k -> port(level, Kind.PORT_OUT, edge));
                level.outPorts.put(i, t);
            }
            Item fromPort = s.kind == Kind.CLUSTER ? s.child.outPorts.get(i) : null;
            Item toPort = t.kind == Kind.CLUSTER ? t.child.inPorts.get(i) : null;
            List<Object> key = java.util.Arrays.asList(new Identity(s), new Identity(t), new Identity(fromPort),
                    new Identity(toPort));
            Seg seg = shared.get(key);
            if (seg == null) {
                seg = new Seg(s, t, i);
                if (fromPort != null) {
                    seg.fromOff = fromPort.u - s.child.du / 2;
                }
                if (toPort != null) {
                    seg.toOff = toPort.u - t.child.du / 2;
                }
                seg.labelled = e.label() != null && s.real() && t.real();
                shared.put(key, seg);
                segs.add(seg);
                s.out.add(seg);
                t.in.add(seg);
            }
            segOfEdge.put(i, seg);
        }
        rank(level, cluster != null);
        insertDummies(level, segs, segOfEdge);
        order(level);
        positionU(level);
        straighten(level);
        positionV(level);
        frame(level);
        return level;
    }

    private static Item port(Level level, Kind kind, int edge) {
        Item p = level.add(kind);
        p.edge = edge;
        return p;
    }

    /** Compares by identity, for keys made of items. */
    private record Identity(Object ref) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.ref == ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }
    }

    private void setExtent(Item it, double w, double h) {
        double du = lr ? h : w;
        it.left = du / 2;
        it.right = du / 2;
        it.dv = lr ? w : h;
    }

    /** The item of this level that holds the node: its own box, the child cluster containing it, or null. */
    private Item childOf(String levelId, String nodeId, Map<String, Item> nodeItems, Map<String, Item> clusterItems) {
        Item own = nodeItems.get(nodeId);
        if (own != null) {
            return own;
        }
        String c = nodeCluster(nodeId);
        if (c == null) {
            return null;
        }
        List<String> path = clusterPath.get(c);
        int at = levelId == null ? -1 : path.indexOf(levelId);
        if (levelId != null && at < 0) {
            return null;
        }
        return at + 1 < path.size() ? clusterItems.get(path.get(at + 1)) : null;
    }

    private String nodeCluster(String nodeId) {
        return nodeClusters.get(nodeId);
    }

    /**
     * Longest path from the sources; a labelled edge spans two ranks. Inside a cluster, rank 0 holds the ports
     * of entering edges and the last rank those of leaving edges.
     */
    private void rank(Level level, boolean nested) {
        Map<Item, Integer> indegree = new IdentityHashMap<>();
        ArrayDeque<Item> ready = new ArrayDeque<>();
        for (Item it : level.items) {
            indegree.put(it, it.in.size());
            it.rank = it.kind == Kind.PORT_IN ? 0 : nested ? 1 : 0;
            if (it.in.isEmpty()) {
                ready.add(it);
            }
        }
        int max = nested ? 1 : 0;
        while (!ready.isEmpty()) {
            Item it = ready.poll();
            if (it.kind != Kind.PORT_OUT) {
                max = Math.max(max, it.rank);
            }
            for (Seg s : it.out) {
                int span = s.labelled && anyLabel ? 2 : 1;
                s.to.rank = Math.max(s.to.rank, it.rank + span);
                if (indegree.merge(s.to, -1, Integer::sum) == 0) {
                    ready.add(s.to);
                }
            }
        }
        for (Item it : level.items) {
            if (indegree.get(it) > 0) { // Diagram.build rejects such diagrams; this guards the layout itself
                throw new IllegalStateException("the edges through " + (level.cluster == null ? "the top level"
                        : "cluster '" + level.cluster.id() + "'") + " form a cycle between its boxes and clusters");
            }
        }
        int last = max + 1;
        for (Item it : level.items) {
            if (it.kind == Kind.PORT_OUT) {
                it.rank = last;
            }
        }
        int ranks = nested ? last + 1 : max + 1;
        level.ranks = new ArrayList<>();
        for (int r = 0; r < ranks; r++) {
            level.ranks.add(new ArrayList<>());
        }
    }

    private void insertDummies(Level level, List<Seg> segs, Map<Integer, Seg> segOfEdge) {
        Map<Seg, List<Item>> chainOfSeg = new IdentityHashMap<>();
        List<Item> original = new ArrayList<>(level.items);
        for (Item it : original) {
            it.out.clear();
            it.in.clear();
        }
        for (Seg s : segs) {
            List<Item> chain = new ArrayList<>();
            chain.add(s.from);
            String label = s.labelled ? diagram.edges().get(s.edge).label() : null;
            for (int r = s.from.rank + 1; r < s.to.rank; r++) {
                Item d = level.add(Kind.DUMMY);
                d.edge = s.edge;
                d.rank = r;
                if (label != null && r == s.from.rank + 1) {
                    // the label gets a place of its own beside the edge, right under its source
                    double[] size = metrics.labelSize(label);
                    d.label = label;
                    d.labelDu = lr ? size[1] : size[0];
                    d.labelDv = lr ? size[0] : size[1];
                    d.left = 1;
                    d.right = LABEL_OFFSET + d.labelDu;
                    d.dv = d.labelDv;
                }
                chain.add(d);
            }
            chain.add(s.to);
            for (int k = 0; k + 1 < chain.size(); k++) {
                Item a = chain.get(k);
                Item b = chain.get(k + 1);
                Seg piece = new Seg(a, b, s.edge);
                piece.fromOff = k == 0 ? s.fromOff : 0;
                piece.toOff = k + 2 == chain.size() ? s.toOff : 0;
                int dummies = (a.real() ? 0 : 1) + (b.real() ? 0 : 1);
                piece.weight = dummies == 0 ? 1 : dummies == 1 ? 2 : 8; // Graphviz's weights: straighten long edges
                a.out.add(piece);
                b.in.add(piece);
            }
            chainOfSeg.put(s, chain);
        }
        segOfEdge.forEach((edge, seg) -> {
            level.chains.put(edge, chainOfSeg.get(seg));
            level.owner.put(edge, seg.edge);
        });
        for (Item it : level.items) {
            level.ranks.get(it.rank).add(it);
        }
    }

    // ---- ordering ------------------------------------------------------------------------------------------

    private void order(Level level) {
        initialOrder(level);
        transpose(level);
        List<List<Item>> best = copy(level.ranks);
        int bestCrossings = crossings(level);
        for (int sweep = 0; sweep < ORDER_SWEEPS && bestCrossings > 0; sweep++) {
            boolean down = sweep % 2 == 0;
            int n = level.ranks.size();
            for (int k = 1; k < n; k++) {
                int r = down ? k : n - 1 - k;
                sortByBarycenter(level, r, down);
            }
            transpose(level);
            int c = crossings(level);
            if (c < bestCrossings) {
                bestCrossings = c;
                best = copy(level.ranks);
            }
        }
        level.ranks = best;
        numberRanks(level);
    }

    /** Depth-first from the sources in the order items were added, as Graphviz's initial order does. */
    private static void initialOrder(Level level) {
        for (List<Item> rank : level.ranks) {
            rank.clear();
        }
        Map<Item, Boolean> seen = new IdentityHashMap<>();
        for (Item start : level.items) {
            if (!start.in.isEmpty() || seen.containsKey(start)) {
                continue;
            }
            ArrayDeque<Item> stack = new ArrayDeque<>();
            stack.push(start);
            while (!stack.isEmpty()) {
                Item it = stack.pop();
                if (seen.putIfAbsent(it, Boolean.TRUE) != null) {
                    continue;
                }
                level.ranks.get(it.rank).add(it);
                for (int k = it.out.size() - 1; k >= 0; k--) {
                    stack.push(it.out.get(k).to);
                }
            }
        }
        for (Item it : level.items) {
            if (!seen.containsKey(it)) {
                level.ranks.get(it.rank).add(it);
            }
        }
        numberRanks(level);
    }

    private static void numberRanks(Level level) {
        for (List<Item> rank : level.ranks) {
            for (int i = 0; i < rank.size(); i++) {
                rank.get(i).order = i;
            }
            pack(rank);
        }
    }

    /** Provisional positions: the rank packed with its separations, centred on zero. */
    private static void pack(List<Item> rank) {
        double x = 0;
        for (int i = 0; i < rank.size(); i++) {
            Item it = rank.get(i);
            if (i > 0) {
                x += separation(rank.get(i - 1), it);
            }
            it.u = x;
        }
        double mid = rank.isEmpty() ? 0 : (rank.getFirst().u - rank.getFirst().left + rank.getLast().u
                + rank.getLast().right) / 2;
        for (Item it : rank) {
            it.u -= mid;
        }
    }

    private static double separation(Item a, Item b) {
        double gap = a.real() && b.real() ? NODE_GAP : a.real() || b.real() ? DUMMY_GAP : DUMMY_GAP * 0.75;
        return a.right + gap + b.left;
    }

    private static void sortByBarycenter(Level level, int r, boolean fromAbove) {
        List<Item> rank = level.ranks.get(r);
        Map<Item, double[]> key = new IdentityHashMap<>();
        for (Item it : rank) {
            double main = barycenter(it, fromAbove);
            double other = barycenter(it, !fromAbove);
            key.put(it, new double[] {Double.isNaN(main) ? it.u : main, Double.isNaN(other) ? it.u : other});
        }
        // stable sort; ties (edges from one place) are broken by where the items lead on the other side
        rank.sort(Comparator.<Item>comparingDouble(it -> key.get(it)[0]).thenComparingDouble(it -> key.get(it)[1]));
        for (int i = 0; i < rank.size(); i++) {
            rank.get(i).order = i;
        }
        pack(rank);
    }

    /** The mean position of the item's neighbours above (or below), corrected for ports; NaN if it has none. */
    private static double barycenter(Item it, boolean above) {
        double sum = 0;
        int n = 0;
        for (Seg s : above ? it.in : it.out) {
            sum += above ? s.from.u + s.fromOff - s.toOff : s.to.u + s.toOff - s.fromOff;
            n++;
        }
        return n > 0 ? sum / n : Double.NaN;
    }

    /** Swaps neighbours in a rank while that removes crossings. */
    private static void transpose(Level level) {
        boolean improved = true;
        for (int pass = 0; improved && pass < 8; pass++) {
            improved = false;
            for (int r = 0; r < level.ranks.size(); r++) {
                List<Item> rank = level.ranks.get(r);
                for (int i = 0; i + 1 < rank.size(); i++) {
                    int before = crossingsAround(level, r);
                    swap(rank, i);
                    if (crossingsAround(level, r) < before) {
                        improved = true;
                    } else {
                        swap(rank, i);
                    }
                }
            }
        }
        for (List<Item> rank : level.ranks) {
            pack(rank);
        }
    }

    private static void swap(List<Item> rank, int i) {
        Item a = rank.get(i);
        Item b = rank.get(i + 1);
        rank.set(i, b);
        rank.set(i + 1, a);
        a.order = i + 1;
        b.order = i;
    }

    private static int crossingsAround(Level level, int r) {
        int c = 0;
        if (r > 0) {
            c += crossingsBetween(level.ranks.get(r - 1));
        }
        if (r + 1 < level.ranks.size()) {
            c += crossingsBetween(level.ranks.get(r));
        }
        return c;
    }

    private static int crossings(Level level) {
        int c = 0;
        for (int r = 0; r + 1 < level.ranks.size(); r++) {
            c += crossingsBetween(level.ranks.get(r));
        }
        return c;
    }

    /** Crossings among the segments leaving this rank, ordering ends by position, then by port offset. */
    private static int crossingsBetween(List<Item> upper) {
        List<Seg> segs = new ArrayList<>();
        for (Item it : upper) {
            segs.addAll(it.out);
        }
        int c = 0;
        for (int i = 0; i < segs.size(); i++) {
            Seg a = segs.get(i);
            for (int j = i + 1; j < segs.size(); j++) {
                Seg b = segs.get(j);
                int top = compare(a.from.order, a.fromOff, b.from.order, b.fromOff);
                int bottom = compare(a.to.order, a.toOff, b.to.order, b.toOff);
                if (top * bottom < 0) {
                    c++;
                }
            }
        }
        return c;
    }

    private static int compare(int orderA, double offA, int orderB, double offB) {
        int c = Integer.compare(orderA, orderB);
        return c != 0 ? c : Double.compare(offA, offB);
    }

    private static List<List<Item>> copy(List<List<Item>> ranks) {
        List<List<Item>> out = new ArrayList<>();
        for (List<Item> r : ranks) {
            out.add(new ArrayList<>(r));
        }
        return out;
    }

    // ---- positions -----------------------------------------------------------------------------------------

    /**
     * Positions along the ranks: sweeps that move each item to the weighted mean of its neighbours' positions
     * (above, then below, then both) and project each rank back onto its order and separations.
     */
    private static void positionU(Level level) {
        int n = level.ranks.size();
        for (int sweep = 0; sweep < POSITION_SWEEPS; sweep++) {
            int side = sweep < POSITION_SWEEPS - 6 ? (sweep % 2 == 0 ? 1 : -1) : 0;
            for (int k = 0; k < n; k++) {
                int r = side >= 0 ? k : n - 1 - k;
                List<Item> rank = level.ranks.get(r);
                double[] desired = new double[rank.size()];
                double[] weight = new double[rank.size()];
                for (int i = 0; i < rank.size(); i++) {
                    Item it = rank.get(i);
                    double[] dw = desired(it, side);
                    if (dw[1] == 0 && side != 0) {
                        dw = desired(it, 0);
                    }
                    desired[i] = dw[1] > 0 ? dw[0] / dw[1] : it.u;
                    weight[i] = dw[1] > 0 ? dw[1] : 1e-3;
                }
                project(rank, desired, weight);
            }
        }
    }

    /**
     * Lines up the dummies of each long edge on one vertical (one horizontal, left to right) where their
     * neighbours in the ranks leave room, so long edges run straight instead of wiggling.
     */
    private static void straighten(Level level) {
        Map<Item, Boolean> done = new IdentityHashMap<>();
        for (Item start : level.items) {
            if (start.kind != Kind.DUMMY || done.containsKey(start)) {
                continue;
            }
            Item first = start;
            while (first.in.size() == 1 && first.in.getFirst().from.kind == Kind.DUMMY) {
                first = first.in.getFirst().from;
            }
            List<Item> run = new ArrayList<>();
            for (Item d = first; d != null && d.kind == Kind.DUMMY; d = d.out.size() == 1 ? d.out.getFirst().to : null) {
                run.add(d);
                done.put(d, Boolean.TRUE);
            }
            double lo = Double.NEGATIVE_INFINITY;
            double hi = Double.POSITIVE_INFINITY;
            double mean = 0;
            for (Item d : run) {
                List<Item> rank = level.ranks.get(d.rank);
                if (d.order > 0) {
                    Item left = rank.get(d.order - 1);
                    lo = Math.max(lo, left.u + separation(left, d));
                }
                if (d.order + 1 < rank.size()) {
                    Item right = rank.get(d.order + 1);
                    hi = Math.min(hi, right.u - separation(d, right));
                }
                mean += d.u / run.size();
            }
            if (lo <= hi) {
                double u = Math.clamp(mean, lo, hi);
                for (Item d : run) {
                    d.u = u;
                }
            }
        }
    }

    /** The weighted sum of where the neighbours on one side (1 above, -1 below, 0 both) want the item. */
    private static double[] desired(Item it, int side) {
        double sum = 0;
        double w = 0;
        if (side >= 0) {
            for (Seg s : it.in) {
                sum += s.weight * (s.from.u + s.fromOff - s.toOff);
                w += s.weight;
            }
        }
        if (side <= 0) {
            for (Seg s : it.out) {
                sum += s.weight * (s.to.u + s.toOff - s.fromOff);
                w += s.weight;
            }
        }
        return new double[] {sum, w};
    }

    /**
     * The weighted least-squares placement closest to {@code desired} that keeps the rank's order and
     * separations: with offsets {@code o} of the packed rank, {@code u - o} must be non-decreasing, which is
     * isotonic regression, solved exactly by pooling adjacent violators.
     */
    private static void project(List<Item> rank, double[] desired, double[] weight) {
        int n = rank.size();
        double[] offset = new double[n];
        for (int i = 1; i < n; i++) {
            offset[i] = offset[i - 1] + separation(rank.get(i - 1), rank.get(i));
        }
        double[] blockValue = new double[n];
        double[] blockWeight = new double[n];
        int[] blockEnd = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            blockValue[blocks] = desired[i] - offset[i];
            blockWeight[blocks] = weight[i];
            blockEnd[blocks] = i;
            blocks++;
            while (blocks > 1 && blockValue[blocks - 2] > blockValue[blocks - 1]) {
                double w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockValue[blocks - 2] = (blockValue[blocks - 2] * blockWeight[blocks - 2]
                        + blockValue[blocks - 1] * blockWeight[blocks - 1]) / w;
                blockWeight[blocks - 2] = w;
                blockEnd[blocks - 2] = blockEnd[blocks - 1];
                blocks--;
            }
        }
        int start = 0;
        for (int b = 0; b < blocks; b++) {
            for (int i = start; i <= blockEnd[b]; i++) {
                rank.get(i).u = blockValue[b] + offset[i];
            }
            start = blockEnd[b] + 1;
        }
    }

    /** Positions across ranks: each rank as tall as its tallest item, items centred in it. */
    private void positionV(Level level) {
        boolean nested = level.cluster != null;
        int n = level.ranks.size();
        level.rankTop = new double[n];
        level.rankBottom = new double[n];
        double gap = anyLabel ? LABELLED_RANK_GAP : RANK_GAP;
        double v = nested ? 0 : MARGIN;
        for (int r = 0; r < n; r++) {
            if (r > 0) {
                boolean afterPorts = nested && r == 1;
                boolean beforePorts = nested && r == n - 1;
                v += afterPorts ? CLUSTER_PAD + (lr ? 0 : TITLE_BAND) : beforePorts ? CLUSTER_PAD : gap;
            }
            double h = 0;
            for (Item it : level.ranks.get(r)) {
                h = Math.max(h, it.dv);
            }
            level.rankTop[r] = v;
            level.rankBottom[r] = v + h;
            for (Item it : level.ranks.get(r)) {
                it.vc = v + h / 2;
            }
            v += h;
        }
        level.dv = nested ? v : v + MARGIN;
    }

    /** Shifts the level into its frame and sizes the frame (for a cluster, with padding and a title band). */
    private void frame(Level level) {
        boolean nested = level.cluster != null;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Item it : level.items) {
            min = Math.min(min, it.u - it.left);
            max = Math.max(max, it.u + it.right);
        }
        if (level.items.isEmpty()) {
            min = 0;
            max = 0;
        }
        double start = nested ? CLUSTER_PAD + (lr ? TITLE_BAND : 0) : MARGIN;
        double end = nested ? CLUSTER_PAD : MARGIN;
        double shift = start - min;
        double du = max - min + start + end;
        if (nested) {
            double title = metrics.titleWidth(level.cluster.label()) + 2 * CLUSTER_PAD;
            if (!lr && du < title) {
                shift += (title - du) / 2; // centre the contents under a wider title
                du = title;
            }
            if (lr && level.dv < title) {
                double extra = title - level.dv;
                level.dv = title;
                level.rankTop[level.ranks.size() - 1] += extra;
                level.rankBottom[level.ranks.size() - 1] += extra;
                for (Item it : level.ranks.getLast()) {
                    it.vc += extra;
                }
            }
        }
        for (Item it : level.items) {
            it.u += shift;
        }
        level.du = du;
        spreadPorts(level);
    }

    /** Several edges at one box side leave or enter it side by side, in the order of their other ends. */
    private static void spreadPorts(Level level) {
        for (Item it : level.items) {
            if (it.kind != Kind.NODE) {
                continue;
            }
            spread(it, it.out, true);
            spread(it, it.in, false);
        }
    }

    /**
     * Where each edge meets the box: as close as possible to straight above or below its other end, within the
     * middle 80% of the box side, in the order of the other ends and at least a few pixels apart.
     */
    private static void spread(Item it, List<Seg> segs, boolean outgoing) {
        int n = segs.size();
        if (n == 0) {
            return;
        }
        double half = 0.4 * (it.left + it.right);
        List<Seg> sorted = new ArrayList<>(segs);
        java.util.function.ToDoubleFunction<Seg> other = s -> outgoing ? s.to.u + s.toOff : s.from.u + s.fromOff;
        sorted.sort(Comparator.comparingDouble(other));
        double gap = n == 1 ? 0 : Math.min(14, 2 * half / (n - 1));
        // offsets o_k with o_k - k * gap non-decreasing: isotonic regression of the wanted offsets
        double[] value = new double[n];
        double[] weight = new double[n];
        int[] end = new int[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            double wanted = Math.clamp(other.applyAsDouble(sorted.get(k)) - it.u, -half, half);
            value[blocks] = wanted - k * gap;
            weight[blocks] = 1;
            end[blocks] = k;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double w = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / w;
                weight[blocks - 2] = w;
                end[blocks - 2] = end[blocks - 1];
                blocks--;
            }
        }
        // keeping the fan on the box side bounds every o_k - k * gap; clamping the blocks is then optimal
        double lo = -half;
        double hi = half - (n - 1) * gap;
        int start = 0;
        for (int b = 0; b < blocks; b++) {
            for (int k = start; k <= end[b]; k++) {
                double off = Math.clamp(value[b], lo, hi) + k * gap;
                if (outgoing) {
                    sorted.get(k).fromOff = off;
                } else {
                    sorted.get(k).toOff = off;
                }
            }
            start = end[b] + 1;
        }
    }

    // ---- final coordinates ---------------------------------------------------------------------------------

    private void place(Level level, double offU, double offV, int depth) {
        level.offsetU = offU;
        level.offsetV = offV;
        if (level.cluster != null) {
            clusters.add(new PlacedCluster(level.cluster, rect(offU, offV, level.du, level.dv), depth));
        }
        for (Item it : level.items) {
            if (it.kind == Kind.NODE) {
                nodes.add(new PlacedNode(it.node, rect(offU + it.u - it.left, offV + it.vc - it.dv / 2,
                        it.left + it.right, it.dv)));
            } else if (it.kind == Kind.CLUSTER) {
                place(it.child, offU + it.u - it.left, offV + it.vc - it.dv / 2, depth + 1);
            }
        }
    }

    /** A rectangle given in (u, v) as a final (x, y) rectangle. */
    private Rect rect(double u, double v, double du, double dv) {
        return lr ? new Rect(v, u, dv, du) : new Rect(u, v, du, dv);
    }

    private double[] point(double u, double v) {
        return lr ? new double[] {v, u} : new double[] {u, v};
    }

    private void routeEdges(Level root) {
        List<Diagram.Edge> all = diagram.edges();
        for (int i = 0; i < all.size(); i++) {
            Diagram.Edge e = all.get(i);
            List<String> from = path(e.from());
            List<String> to = path(e.to());
            int common = 0;
            while (common < from.size() && common < to.size() && from.get(common).equals(to.get(common))) {
                common++;
            }
            List<Level> route = new ArrayList<>();
            for (int k = from.size() - 1; k >= common; k--) {
                route.add(levels.get(from.get(k)));
            }
            route.add(common == 0 ? root : levels.get(from.get(common - 1)));
            for (int k = common; k < to.size(); k++) {
                route.add(levels.get(to.get(k)));
            }
            List<double[]> uv = new ArrayList<>();
            Rect label = null;
            for (Level level : route) {
                List<Item> chain = level.chains.get(i);
                List<double[]> pts = new ArrayList<>();
                Rect l = chainPoints(level, chain, i, pts);
                label = l != null ? l : label;
                for (double[] p : pts) {
                    double[] abs = {p[0] + level.offsetU, p[1] + level.offsetV};
                    if (uv.isEmpty() || Math.abs(uv.getLast()[0] - abs[0]) > 0.01
                            || Math.abs(uv.getLast()[1] - abs[1]) > 0.01) {
                        uv.add(abs);
                    }
                }
            }
            List<double[]> xy = new ArrayList<>();
            for (double[] p : uv) {
                xy.add(point(p[0], p[1]));
            }
            edges.add(new PlacedEdge(e, List.copyOf(xy), label));
        }
    }

    private static Seg segment(List<Seg> segs, int edge) {
        for (Seg s : segs) {
            if (s.edge == edge) {
                return s;
            }
        }
        throw new IllegalStateException("edge " + edge + " has no segment here");
    }

    private List<String> path(String nodeId) {
        String c = nodeCluster(nodeId);
        return c == null ? List.of() : clusterPath.get(c);
    }

    /**
     * The points of one edge through one level, in the level's (u, v): down from the source's bottom to the
     * bottom of its rank, through each dummy's rank, and from the top of the target's rank to the target; so
     * all sideways movement happens between ranks, where nothing else is.
     */
    private Rect chainPoints(Level level, List<Item> chain, int edge, List<double[]> pts) {
        Rect label = null;
        int owner = level.owner.get(edge);
        for (int k = 0; k < chain.size(); k++) {
            Item it = chain.get(k);
            double rankTop = level.rankTop[it.rank];
            double rankBottom = level.rankBottom[it.rank];
            if (k == 0) {
                double u = it.u + segment(it.out, owner).fromOff;
                double v = it.kind == Kind.PORT_IN ? 0 : it.vc + it.dv / 2;
                pts.add(new double[] {u, v});
                if (rankBottom > v) {
                    pts.add(new double[] {u, rankBottom});
                }
            } else if (k == chain.size() - 1) {
                double u = it.u + segment(it.in, owner).toOff;
                double v = it.kind == Kind.PORT_OUT ? level.dv : it.vc - it.dv / 2;
                if (rankTop < v) {
                    pts.add(new double[] {u, rankTop});
                }
                pts.add(new double[] {u, v});
            } else {
                pts.add(new double[] {it.u, rankTop});
                if (rankBottom > rankTop) {
                    pts.add(new double[] {it.u, rankBottom});
                }
                if (it.label != null && owner == edge) {
                    label = rect(level.offsetU + it.u + LABEL_OFFSET, level.offsetV + it.vc - it.labelDv / 2,
                            it.labelDu, it.labelDv);
                }
            }
        }
        return label;
    }
}

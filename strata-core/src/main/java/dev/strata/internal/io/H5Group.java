package dev.strata.internal.io;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Consumer;

/**
 * An HDF5 group: named children (groups and datasets) in insertion order, and attributes. This is the
 * in-memory form of a weights file ({@link WeightsFile}) that Strata builds before writing and gets after
 * reading; it holds all data, so a read file is closed and independent of the bytes it came from.
 *
 * <p>Child names may contain any character but {@code '/'} (the path separator) and may not be empty,
 * {@code "."} or {@code ".."}; Keras 2.13-2.15 files written on Windows have names with literal backslashes
 * ({@code "layers\dense"}), which are kept as they are (see {@link WeightsFile#withBackslashGroupsSplit()}).
 */
public final class H5Group implements H5Node {
    private final String name;
    private final H5Group parent;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final SequencedMap<String, H5Node> children = new LinkedHashMap<>();

    private H5Group(String name, H5Group parent) {
        this.name = name;
        this.parent = parent;
    }

    /** A new, empty root group. */
    public static H5Group newRoot() {
        return new H5Group("", null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public H5Group parent() {
        return parent;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** Sets attribute {@code key} to a string (written as h5py writes a Python {@code str}); returns this. */
    public H5Group attribute(String key, String value) {
        attributes.put(key, value);
        return this;
    }

    /** The children by name, in insertion order (read files: sorted by name); not modifiable. */
    public SequencedMap<String, H5Node> children() {
        return Collections.unmodifiableSequencedMap(children);
    }

    /** Whether this group has no children (Keras writes empty {@code vars} groups for weightless layers). */
    public boolean isEmpty() {
        return children.isEmpty();
    }

    /**
     * The node at {@code relativePath} ({@code "layers/dense/vars/0"}; a leading {@code '/'} is allowed and
     * means the same), or {@code null} if there is none.
     */
    public H5Node get(String relativePath) {
        H5Node node = this;
        for (String part : relativePath.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(node instanceof H5Group g)) {
                return null;
            }
            node = g.children.get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** The group at {@code relativePath}, or {@code null} if there is none or it is a dataset. */
    public H5Group group(String relativePath) {
        return get(relativePath) instanceof H5Group g ? g : null;
    }

    /** The dataset at {@code relativePath}, or {@code null} if there is none or it is a group. */
    public H5Dataset dataset(String relativePath) {
        return get(relativePath) instanceof H5Dataset d ? d : null;
    }

    /**
     * The child group {@code name}, created (empty) if absent.
     *
     * @throws IllegalArgumentException if the name is not a valid HDF5 link name or a dataset has it
     */
    public H5Group groupOrCreate(String name) {
        H5Node existing = children.get(checkName(name));
        if (existing instanceof H5Group g) {
            return g;
        }
        if (existing != null) {
            throw new IllegalArgumentException(path() + ": '" + name + "' is a dataset, not a group");
        }
        H5Group g = new H5Group(name, this);
        children.put(name, g);
        return g;
    }

    /**
     * The group at a relative path of several levels ({@code "layers/dense/vars"}), creating missing levels.
     *
     * @throws IllegalArgumentException if a level exists as a dataset
     */
    public H5Group groupsOrCreate(String relativePath) {
        H5Group g = this;
        for (String part : relativePath.split("/")) {
            if (!part.isEmpty()) {
                g = g.groupOrCreate(part);
            }
        }
        return g;
    }

    /**
     * Adds a float32 dataset holding a copy of the tensor's values, with the tensor's shape (a scalar tensor
     * gives a scalar dataset).
     *
     * @throws IllegalArgumentException if a child of that name exists or the tensor is symbolic
     */
    public H5Dataset putTensor(String name, Tensor value) {
        if (value.isSymbolic()) {
            throw new IllegalArgumentException(path() + ": cannot save symbolic tensor '" + name + "'");
        }
        Shape s = value.shape();
        return put(new H5Dataset(name, this, H5DataType.FLOAT32, s.toArray(), value.toFloatArray(), null));
    }

    /**
     * Adds a float32 dataset of the given shape over a copy of {@code data} (row-major).
     *
     * @throws IllegalArgumentException if a child of that name exists or the sizes disagree
     */
    public H5Dataset putFloats(String name, int[] shape, float[] data) {
        checkSize(name, shape, data.length);
        return put(new H5Dataset(name, this, H5DataType.FLOAT32, shape.clone(), data.clone(), null));
    }

    /**
     * Adds an integer dataset ({@link H5DataType#INT64} or {@link H5DataType#INT32}) of the given shape.
     *
     * @throws IllegalArgumentException if the type is not INT32/INT64, a value does not fit it, a child of
     *     that name exists or the sizes disagree
     */
    public H5Dataset putLongs(String name, H5DataType type, int[] shape, long[] data) {
        if (type != H5DataType.INT64 && type != H5DataType.INT32) {
            throw new IllegalArgumentException(path() + ": integer datasets are int32 or int64, not " + type);
        }
        checkSize(name, shape, data.length);
        if (type == H5DataType.INT32) {
            for (long v : data) {
                if (v != (int) v) {
                    throw new IllegalArgumentException(path() + "/" + name + ": " + v + " does not fit int32");
                }
            }
        }
        return put(new H5Dataset(name, this, type, shape.clone(), null, data.clone()));
    }

    /** Adds a scalar integer dataset (Keras's {@code iterations}: int64, or int32 from the JAX backend). */
    public H5Dataset putScalar(String name, H5DataType type, long value) {
        return putLongs(name, type, new int[0], new long[] {value});
    }

    /** Adds a scalar float32 dataset (an optimizer's {@code learning_rate}). */
    public H5Dataset putScalar(String name, float value) {
        return putFloats(name, new int[0], new float[] {value});
    }

    /** Removes the child {@code name} if present; returns it or {@code null}. */
    public H5Node remove(String name) {
        return children.remove(name);
    }

    /** Visits this group and every node below it, depth first, children in order. */
    public void walk(Consumer<H5Node> visitor) {
        Deque<H5Node> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            H5Node n = stack.pop();
            visitor.accept(n);
            if (n instanceof H5Group g) {
                var list = g.children.sequencedValues().reversed();
                for (H5Node c : list) {
                    stack.push(c);
                }
            }
        }
    }

    // ---- package-private, used by the reader ----------------------------------------------------------------

    H5Dataset putRead(String name, H5DataType type, int[] shape, float[] floats, long[] longs) {
        return put(new H5Dataset(name, this, type, shape, floats, longs));
    }

    H5Group addReadGroup(String name) {
        H5Group g = new H5Group(name, this);
        put(g);
        return g;
    }

    private <T extends H5Node> T put(T node) {
        checkName(node.name());
        if (children.containsKey(node.name())) {
            throw new IllegalArgumentException(path() + ": a child named '" + node.name() + "' already exists");
        }
        children.put(node.name(), node);
        return node;
    }

    private String checkName(String n) {
        if (n == null || n.isEmpty() || n.contains("/") || n.equals(".") || n.equals("..") || n.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(path() + ": invalid HDF5 link name '" + n + "'");
        }
        return n;
    }

    private void checkSize(String n, int[] shape, int length) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(path() + "/" + n + ": negative dimension in shape "
                        + java.util.Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != length) {
            throw new IllegalArgumentException(path() + "/" + n + ": " + length + " values cannot fill shape "
                    + java.util.Arrays.toString(shape));
        }
    }

    @Override
    public String toString() {
        return "H5Group[" + path() + ", " + children.size() + " children, attrs " + attributes.keySet() + "]";
    }
}

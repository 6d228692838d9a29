package dev.strata.internal.io;

import dev.strata.ModelFormatException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads HDF5 bytes into an {@link H5Group} tree through jhdf, defensively: every value is read eagerly and
 * checked before jhdf allocates for it, so a hostile or damaged file fails with a
 * {@link ModelFormatException} naming the HDF5 path, never with an OutOfMemoryError or a partial tree.
 *
 * <p>Checks: the magic bytes; no soft or external links (an external link would make jhdf open another file
 * on this machine); no group reached twice (cycles through hard links); depth at most {@value #MAX_DEPTH};
 * each dataset's declared size (the product of its dimensions) must fit a Java array and, for unfiltered
 * storage, the bytes actually present, and all datasets together may not decode to more than the file's
 * size (filtered: {@value #MAX_EXPANSION} times the file, at most 1 GiB); attributes likewise. Any exception
 * jhdf throws on damaged structures is wrapped with the path being read.
 */
final class H5Reader {
    static final int MAX_DEPTH = 64;
    static final int MAX_EXPANSION = 100;
    static final long MAX_FILTERED_BYTES = 1L << 30;

    private final byte[] bytes;
    private final String source;
    private final String prefix;
    private final Set<Long> visitedGroups = new HashSet<>();
    private long unfilteredBudget;
    private long filteredBudget;
    private long attributeBudget;

    private H5Reader(byte[] bytes, String source, String prefix) {
        this.bytes = bytes;
        this.source = source;
        this.prefix = prefix;
        this.unfilteredBudget = bytes.length;
        this.filteredBudget = Math.min(MAX_FILTERED_BYTES, (long) bytes.length * MAX_EXPANSION);
        this.attributeBudget = 4L * bytes.length + 4096;
    }

    /**
     * The tree in {@code bytes}.
     *
     * @param source the file name for messages
     * @param prefix what to put before HDF5 paths in messages, e.g. {@code "model.weights.h5:"} for a zip
     *     member, or {@code ""}
     * @throws ModelFormatException if the bytes are not HDF5 or anything in them is damaged or unsupported
     */
    static H5Group read(byte[] bytes, String source, String prefix) {
        if (FileFormat.sniff(bytes) != FileFormat.HDF5) {
            throw new ModelFormatException(source, prefix.isEmpty() ? null : stripColon(prefix),
                    "not an HDF5 file (" + FileFormat.describeStart(bytes) + ")");
        }
        return new H5Reader(bytes, source, prefix).run();
    }

    private static String stripColon(String prefix) {
        return prefix.endsWith(":") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private H5Group run() {
        String[] where = {"/"};
        try (HdfFile file = HdfFile.fromByteBuffer(ByteBuffer.wrap(bytes).asReadOnlyBuffer())) {
            H5Group root = H5Group.newRoot();
            copyGroup(file, root, 0, where);
            return root;
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw fail(where[0], "damaged HDF5 structure (" + describe(e) + ")", e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Defensive: every size is checked before decoding, so this means a damaged internal structure made
            // jhdf allocate or recurse; the file is rejected either way and the heap is already released.
            throw fail(where[0], "damaged HDF5 structure (" + e.getClass().getSimpleName() + " while decoding)", e);
        }
    }

    private void copyGroup(Group from, H5Group to, int depth, String[] where) {
        where[0] = to.path();
        if (depth > MAX_DEPTH) {
            throw fail(to.path(), "groups nested deeper than " + MAX_DEPTH + " levels");
        }
        if (!visitedGroups.add(from.getAddress())) {
            throw fail(to.path(), "group is reached twice through hard links (a cycle or a shared group)");
        }
        copyAttributes(from, to, where);
        Map<String, Node> children = new TreeMap<>(from.getChildren());
        for (Map.Entry<String, Node> e : children.entrySet()) {
            String name = e.getKey();
            Node child = e.getValue();
            String childPath = (to.path().equals("/") ? "" : to.path()) + "/" + name;
            where[0] = childPath;
            if (child.isLink()) {
                throw fail(childPath, "soft or external link; Keras files hold only groups and datasets");
            }
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw fail(childPath, "invalid link name '" + name + "'");
            }
            if (child instanceof Group g) {
                copyGroup(g, to.addReadGroup(name), depth + 1, where);
            } else if (child instanceof Dataset d) {
                copyDataset(d, to, name, childPath, where);
            } else {
                throw fail(childPath, "unsupported HDF5 object (" + child.getType() + ")");
            }
        }
    }

    private void copyDataset(Dataset d, H5Group parent, String name, String path, String[] where) {
        if (d.isCompound() || d.isVariableLength()) {
            throw fail(path, "dataset has a compound or variable-length type; weights are numeric arrays");
        }
        DataType type = d.getDataType();
        H5DataType t = elementType(type, path);
        int[] dims = d.getDimensions();
        long count = 1;
        for (int dim : dims) {
            if (dim < 0) {
                throw fail(path, "negative dimension in declared shape " + java.util.Arrays.toString(dims));
            }
            count = Math.multiplyExact(count, (long) dim);
            if (count > Integer.MAX_VALUE - 8) {
                throw fail(path, "declared shape " + java.util.Arrays.toString(dims)
                        + " has more elements than a Java array can hold");
            }
        }
        long need = count * t.bytes();
        boolean filtered = !d.getFilters().isEmpty();
        if (filtered) {
            if (need > filteredBudget) {
                throw fail(path, "declared shape " + java.util.Arrays.toString(dims) + " of " + t + " needs " + need
                        + " bytes, more than " + MAX_EXPANSION + "x the file (" + bytes.length
                        + " bytes) or 1 GiB allows for compressed data");
            }
            filteredBudget -= need;
        } else {
            if (need > unfilteredBudget) {
                throw fail(path, "declared shape " + java.util.Arrays.toString(dims) + " of " + t + " needs " + need
                        + " bytes but the file has only " + bytes.length + " bytes"
                        + (unfilteredBudget < bytes.length ? " (" + unfilteredBudget + " left after the other datasets)" : ""));
            }
            unfilteredBudget -= need;
        }
        Object flat = count == 0 ? null : d.getDataFlat();
        H5Dataset out;
        if (t.isInteger()) {
            out = parent.putRead(name, t, dims, null, toLongs(flat, (int) count, path));
        } else {
            out = parent.putRead(name, t, dims, toFloats(flat, (int) count, path), null);
        }
        copyAttributes(d, out, where);
        where[0] = path;
    }

    private H5DataType elementType(DataType type, String path) {
        if (type instanceof FloatingPoint fp) {
            return switch (fp.getSize()) {
                case 2 -> H5DataType.FLOAT16;
                case 4 -> H5DataType.FLOAT32;
                case 8 -> H5DataType.FLOAT64;
                default -> throw fail(path, "unsupported floating-point size " + fp.getSize() + " bytes");
            };
        }
        if (type instanceof FixedPoint fx) {
            boolean signed = fx.isSigned();
            return switch (fx.getSize()) {
                case 1 -> signed ? H5DataType.INT8 : H5DataType.UINT8;
                case 2 -> signed ? H5DataType.INT16 : H5DataType.UINT16;
                case 4 -> signed ? H5DataType.INT32 : H5DataType.UINT32;
                case 8 -> signed ? H5DataType.INT64 : H5DataType.UINT64;
                default -> throw fail(path, "unsupported integer size " + fx.getSize() + " bytes");
            };
        }
        throw fail(path, "unsupported dataset type " + type.getClass().getSimpleName()
                + "; weights are float or integer arrays");
    }

    private float[] toFloats(Object flat, int count, String path) {
        float[] out = new float[count];
        if (count == 0) {
            return out;
        }
        switch (flat) {
            case float[] f -> copyChecked(f, out, path);
            case double[] a -> {
                check(a.length, count, path);
                for (int i = 0; i < count; i++) {
                    out[i] = (float) a[i];
                }
            }
            case Number n -> {
                check(1, count, path);
                out[0] = n.floatValue();
            }
            default -> throw fail(path, "unexpected decoded float data " + flat.getClass().getSimpleName());
        }
        return out;
    }

    private void copyChecked(float[] from, float[] to, String path) {
        check(from.length, to.length, path);
        System.arraycopy(from, 0, to, 0, to.length);
    }

    private long[] toLongs(Object flat, int count, String path) {
        long[] out = new long[count];
        if (count == 0) {
            return out;
        }
        if (flat instanceof Number n) {
            check(1, count, path);
            out[0] = n instanceof BigInteger b ? b.longValue() : n.longValue();
            return out;
        }
        if (flat == null || !flat.getClass().isArray()) {
            throw fail(path, "unexpected decoded integer data " + (flat == null ? "null" : flat.getClass()));
        }
        int n = Array.getLength(flat);
        check(n, count, path);
        switch (flat) {
            case long[] a -> System.arraycopy(a, 0, out, 0, count);
            case int[] a -> {
                for (int i = 0; i < count; i++) {
                    out[i] = a[i];
                }
            }
            case short[] a -> {
                for (int i = 0; i < count; i++) {
                    out[i] = a[i];
                }
            }
            case byte[] a -> {
                for (int i = 0; i < count; i++) {
                    out[i] = a[i];
                }
            }
            case BigInteger[] a -> {
                for (int i = 0; i < count; i++) {
                    out[i] = a[i].longValue();
                }
            }
            default -> throw fail(path, "unexpected decoded integer data " + flat.getClass().getSimpleName());
        }
        return out;
    }

    private void check(int got, int want, String path) {
        if (got != want) {
            throw fail(path, "decoded " + got + " elements where the shape declares " + want);
        }
    }

    private void copyAttributes(Node from, H5Node to, String[] where) {
        String base = to.path();
        for (Map.Entry<String, Attribute> e : new TreeMap<>(from.getAttributes()).entrySet()) {
            String at = base + " attribute '" + e.getKey() + "'";
            where[0] = at;
            Attribute a = e.getValue();
            long size = a.getSizeInBytes();
            if (size < 0 || size > bytes.length) {
                throw fail(at, "declares " + size + " bytes but the file has only " + bytes.length);
            }
            // Zero-element attributes are how h5py writes an empty Python list (Keras 2's weight_names = [] for
            // weightless layers, stored as an empty float64 array): they read as an empty list.
            Object value = a.isEmpty() || a.getSize() == 0 ? List.of() : convertAttribute(a.getData(), at);
            if (value != null) {
                attributeBudget -= footprint(value);
                if (attributeBudget < 0) {
                    throw fail(at, "attributes decode to more than 4x the file's size (hostile file?)");
                }
                to.attributes().put(e.getKey(), value);
            }
        }
        where[0] = base;
    }

    private static long footprint(Object v) {
        return switch (v) {
            case String s -> s.length() + 16L;
            case List<?> l -> l.stream().mapToLong(x -> ((String) x).length() + 16L).sum();
            case long[] a -> 8L * a.length;
            case double[] a -> 8L * a.length;
            default -> 16L;
        };
    }

    /** String, String[] (1-d), numbers and 1-d numeric arrays are kept; other attribute types are dropped. */
    private Object convertAttribute(Object data, String at) {
        if (data == null) {
            return null;
        }
        if (data instanceof String s) {
            return s;
        }
        if (data instanceof Number n) {
            return n instanceof Double || n instanceof Float ? (Object) n.doubleValue() : (Object) n.longValue();
        }
        if (!data.getClass().isArray()) {
            return null;
        }
        int n = Array.getLength(data);
        Class<?> c = data.getClass().getComponentType();
        if (c == String.class) {
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add((String) Array.get(data, i));
            }
            return out.stream().map(s -> s == null ? "" : s).toList();
        }
        if (c == float.class || c == double.class) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) Array.get(data, i)).doubleValue();
            }
            return out;
        }
        if (c == byte.class || c == short.class || c == int.class || c == long.class || c == BigInteger.class) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) Array.get(data, i)).longValue();
            }
            return out;
        }
        return null; // nested arrays, booleans, references: nothing Keras reads
    }

    private ModelFormatException fail(String path, String problem) {
        return new ModelFormatException(source, prefix + path, problem);
    }

    private ModelFormatException fail(String path, String problem, Throwable cause) {
        return new ModelFormatException(source, prefix + path, problem, cause);
    }

    /** The chain of causes' messages, innermost last: jhdf's outer messages say which object failed. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Throwable t = e; t != null && n < 4; t = t.getCause() == t ? null : t.getCause(), n++) {
            String m = t.getMessage();
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(m == null ? t.getClass().getSimpleName() : m.length() > 160 ? m.substring(0, 160) + "..." : m);
        }
        return sb.toString();
    }
}

package dev.strata.internal.io;

import dev.strata.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An HDF5 weights file held in memory as an {@link H5Group} tree: the {@code model.weights.h5} member of a
 * {@code .keras} archive, a Keras 3 {@code .weights.h5}, or a legacy Keras 2 {@code .h5} (see
 * {@link LegacyH5}).
 *
 * <p>Keras 3's layout, which callers build and walk: every saveable object gets a group {@code <path>/vars}
 * whose attribute {@code name} is the object's name and whose datasets {@code "0"}, {@code "1"}, ... are its
 * variables (float32, or int64/int32 scalars for counters), e.g. {@code layers/dense/vars/0} (kernel),
 * {@code optimizer/vars/0} (iterations), and an empty {@code vars} group for weightless layers and the model.
 * The root group has no attributes.
 *
 * <pre>{@code
 * WeightsFile f = new WeightsFile();
 * H5Group vars = f.root().groupsOrCreate("layers/dense/vars").attribute("name", "dense");
 * vars.putTensor("0", kernel);
 * vars.putTensor("1", bias);
 * f.write(Path.of("model.weights.h5"));
 * Tensor k = WeightsFile.read(Path.of("model.weights.h5")).root().dataset("layers/dense/vars/0").toTensor();
 * }</pre>
 *
 * <p>Reading never trusts the file: see {@link ModelFormatException}. Files are read whole into memory (up to
 * 2 GiB), so nothing stays open or mapped afterwards (on Windows a mapped file could not be replaced by the
 * next save).
 */
public final class WeightsFile {
    /** The largest file Strata reads (a Java array's limit). */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

    private final H5Group root;
    private final String source;

    /** A new, empty weights file. */
    public WeightsFile() {
        this(H5Group.newRoot(), null);
    }

    private WeightsFile(H5Group root, String source) {
        this.root = root;
        this.source = source;
    }

    /** A weights file over an existing tree (which must be a root: no parent). */
    public static WeightsFile of(H5Group root) {
        if (root.parent() != null) {
            throw new IllegalArgumentException("not a root group: " + root.path());
        }
        return new WeightsFile(root, null);
    }

    /**
     * Reads an HDF5 file.
     *
     * @throws ModelFormatException if the file is not HDF5, is damaged, or declares more data than it holds
     * @throws UncheckedIOException if the file cannot be read (missing, unreadable)
     */
    public static WeightsFile read(Path file) {
        return read(readFile(file), file.toString());
    }

    /**
     * Reads HDF5 bytes; {@code source} names them in error messages.
     *
     * @throws ModelFormatException if the bytes are not HDF5 or are damaged
     */
    public static WeightsFile read(byte[] bytes, String source) {
        return read(bytes, source, "");
    }

    /**
     * Reads an HDF5 stream of at most {@code maxBytes} bytes (the stream is read to its end, not closed).
     *
     * @throws ModelFormatException if the stream is longer than {@code maxBytes}, not HDF5 or damaged
     * @throws UncheckedIOException if reading the stream fails
     */
    public static WeightsFile read(InputStream in, String source, long maxBytes) {
        return read(readStream(in, source, maxBytes, "HDF5 data"), source);
    }

    /** Reads HDF5 bytes that are a member of an archive: messages say {@code member:/hdf5/path}. */
    static WeightsFile read(byte[] bytes, String source, String memberPrefix) {
        return new WeightsFile(H5Reader.read(bytes, source, memberPrefix), source);
    }

    /**
     * The bytes of a stream, read to its end (not closed), at most {@code maxBytes} of them (and never more than
     * the largest file Strata reads).
     *
     * @param what what the data is, for the message ({@code "HDF5 data"})
     * @throws ModelFormatException if the stream is longer
     * @throws UncheckedIOException if reading the stream fails
     */
    public static byte[] readStream(InputStream in, String source, long maxBytes, String what) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes, MAX_FILE_BYTES));
            if (in.read() != -1) {
                throw new ModelFormatException(source, null, what + " longer than the " + maxBytes
                        + " bytes allowed");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bytes of a model or weights file, read whole.
     *
     * @throws ModelFormatException if the file is larger than the 2 GiB Strata reads
     * @throws UncheckedIOException if the file cannot be read (missing, unreadable)
     */
    public static byte[] readFile(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ModelFormatException(file.toString(), null, "the file has " + size
                        + " bytes; Strata reads model files up to 2 GiB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e, e);
        }
    }

    /** The root group. */
    public H5Group root() {
        return root;
    }

    /** The file this was read from, or {@code null} if it was built in memory. */
    public String source() {
        return source;
    }

    /** The HDF5 file bytes (deterministic for a given tree). */
    public byte[] toBytes() {
        return H5Writer.write(root);
    }

    /**
     * Writes the file atomically: to a temporary file in the same directory, flushed to disk, then renamed over
     * {@code file}, so a failure or a kill leaves any previous file intact.
     *
     * @throws UncheckedIOException if writing fails (the previous file is then unchanged)
     */
    public void write(Path file) {
        AtomicFiles.write(file, toBytes());
    }

    /**
     * The tree as lines in h5py's {@code visititems} order (children by name, depth first): a dataset gives
     * {@code "layers/dense/vars/0 [6, 30] float32"}, a group with a {@code name} attribute gives
     * {@code "layers/dense/vars/ name=dense_1"}: the form of the fixtures' {@code MANIFEST.json}.
     */
    public List<String> listing() {
        List<String> lines = new ArrayList<>();
        list(root, "", lines);
        return lines;
    }

    private static void list(H5Group g, String prefix, List<String> lines) {
        List<String> names = new ArrayList<>(g.children().keySet());
        names.sort(null);
        for (String n : names) {
            H5Node c = g.children().get(n);
            String p = prefix + n;
            if (c instanceof H5Dataset d) {
                String dims = Arrays.toString(d.shape());
                lines.add(p + " " + dims + " " + d.dataType().numpyName());
            } else {
                H5Group cg = (H5Group) c;
                String name = cg.stringAttribute("name");
                if (name != null) {
                    lines.add(p + "/ name=" + name);
                }
                list(cg, p + "/", lines);
            }
        }
    }

    /**
     * A copy in which groups whose names hold backslashes are split into nested groups: Keras 2.13-2.15 on
     * Windows built paths with {@code os.path.join}, so its files have a group literally named
     * {@code layers\dense} holding {@code vars}; in the copy that is {@code layers/dense/vars}, as Keras 3
     * writes it. Returns a copy even when nothing changes.
     *
     * @throws ModelFormatException if splitting makes two nodes collide (say {@code a\b} and {@code a/b} both
     *     holding a dataset {@code x})
     */
    public WeightsFile withBackslashGroupsSplit() {
        H5Group copy = H5Group.newRoot();
        copyInto(root, copy);
        return new WeightsFile(copy, source);
    }

    private void copyInto(H5Group from, H5Group to) {
        to.attributes().putAll(from.attributes());
        for (H5Node c : from.children().values()) {
            H5Group parent = to;
            String name = c.name();
            if (c instanceof H5Group && name.indexOf('\\') >= 0) {
                String[] parts = name.split("\\\\");
                for (int i = 0; i < parts.length - 1; i++) {
                    if (!parts[i].isEmpty()) {
                        parent = groupFor(parent, parts[i], c);
                    }
                }
                name = parts[parts.length - 1];
            }
            if (c instanceof H5Group g) {
                copyInto(g, groupFor(parent, name, c));
            } else {
                H5Dataset d = (H5Dataset) c;
                if (parent.children().containsKey(name)) {
                    throw new ModelFormatException(source, d.path(), "splitting backslash group names makes "
                            + parent.path() + "/" + name + " appear twice");
                }
                H5Dataset nd = parent.putRead(name, d.dataType(), d.shape(), d.rawFloats(), d.rawLongs());
                nd.attributes().putAll(d.attributes());
            }
        }
    }

    private H5Group groupFor(H5Group parent, String name, H5Node origin) {
        H5Node existing = parent.children().get(name);
        if (existing instanceof H5Dataset) {
            throw new ModelFormatException(source, origin.path(), "splitting backslash group names makes group "
                    + name + " collide with a dataset in " + parent.path());
        }
        return existing instanceof H5Group g ? g : parent.groupOrCreate(name);
    }

    @Override
    public String toString() {
        return "WeightsFile[" + (source == null ? "in memory" : source) + ", " + root.children().size() + " top-level nodes]";
    }
}

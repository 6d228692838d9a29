package dev.strata.internal.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link H5Group} tree as an HDF5 file that h5py (so Python Keras) and jhdf read.
 *
 * <p>Why our own writer: jhdf 0.10.0's writer corrupts files where a group holding datasets has a later
 * sibling (the sibling's object header address is wrong; h5py reports "bad object header version number"),
 * which is every Keras layout ({@code layers/dense/vars/0} then {@code layers/dense_1}); it also always adds a
 * {@code _jHDF} root attribute. The subset Keras needs is small, so this writes it directly, in the forms
 * libhdf5 itself writes with its default ("earliest") format settings:
 * <ul>
 *   <li>superblock version 0, 8-byte offsets and lengths;</li>
 *   <li>version 1 object headers; groups are "compact" new-style groups (link info, group info and one link
 *       message per child, readable by HDF5 1.8 and later);</li>
 *   <li>string attributes as variable-length UTF-8 strings in one global heap collection, as h5py writes a
 *       Python {@code str} (lists of strings as 1-d arrays of them);</li>
 *   <li>datasets contiguous, little-endian float32, int32 or int64, scalar or n-d, with h5py's fill value
 *       message.</li>
 * </ul>
 * The output is deterministic: the same tree gives the same bytes.
 */
final class H5Writer {
    private static final long UNDEFINED = -1L;
    private static final int SUPERBLOCK_SIZE = 96;

    private final Bytes out = new Bytes();
    private final Map<String, Integer> heapIndex = new LinkedHashMap<>();
    private long heapAddress = UNDEFINED;

    private H5Writer() {
    }

    /** The tree rooted at {@code root} as HDF5 file bytes. */
    static byte[] write(H5Group root) {
        return new H5Writer().run(root);
    }

    private byte[] run(H5Group root) {
        out.zeros(SUPERBLOCK_SIZE);
        collectStrings(root);
        if (!heapIndex.isEmpty()) {
            writeGlobalHeap();
        }
        long rootAddress = writeGroup(root);
        long eof = out.length();
        // Superblock v0 (the HDF5 format spec, "Superblock Version 0").
        int p = 0;
        p = out.putBytes(p, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
        p = out.putBytes(p, new byte[] {0, 0, 0, 0, 0, 8, 8, 0}); // versions 0, offsets/lengths 8 bytes
        p = out.putU16(p, 4); // group leaf node K
        p = out.putU16(p, 16); // group internal node K
        p = out.putU32(p, 0); // file consistency flags
        p = out.putU64(p, 0); // base address
        p = out.putU64(p, UNDEFINED); // free-space info
        p = out.putU64(p, eof); // end of file address
        p = out.putU64(p, UNDEFINED); // driver info block
        p = out.putU64(p, 0); // root symbol table entry: link name offset
        p = out.putU64(p, rootAddress); // object header address
        p = out.putU32(p, 0); // cache type 0: nothing cached, readers open the root's header
        out.putU32(p, 0);
        return out.toByteArray();
    }

    // ---- global heap of variable-length strings --------------------------------------------------------------

    private void collectStrings(H5Group root) {
        root.walk(node -> node.attributes().forEach((key, value) -> {
            for (String s : stringsOf(node, key, value)) {
                heapIndex.putIfAbsent(s, heapIndex.size() + 1);
            }
        }));
        if (heapIndex.size() > 0xFFFF) {
            throw new IllegalStateException("too many distinct attribute strings for one HDF5 global heap: "
                    + heapIndex.size());
        }
    }

    private static List<String> stringsOf(H5Node node, String key, Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException(node.path() + ": attribute '" + key + "' has a "
                + (value == null ? "null" : value.getClass().getSimpleName())
                + " value; Strata writes string and string-list attributes only");
    }

    private void writeGlobalHeap() {
        out.align(8);
        heapAddress = out.length();
        int used = 16;
        for (String s : heapIndex.keySet()) {
            used += 16 + pad8(utf8(s).length);
        }
        int size = Math.max(4096, pad8(used + 16)); // libhdf5's minimum collection size; room for free space
        int start = out.length();
        out.ascii("GCOL");
        out.u8(1).zeros(3);
        out.u64(size);
        for (Map.Entry<String, Integer> e : heapIndex.entrySet()) {
            byte[] b = utf8(e.getKey());
            out.u16(e.getValue()).u16(0).u32(0).u64(b.length);
            out.raw(b).zeros(pad8(b.length) - b.length);
        }
        // Object 0 is the free space: its size counts its own 16-byte header.
        int free = size - (out.length() - start);
        out.u16(0).u16(0).u32(0).u64(free);
        out.zeros(free - 16);
    }

    // ---- objects -----------------------------------------------------------------------------------------------

    private long writeGroup(H5Group group) {
        // Children first (post-order): the group's link messages need their header addresses.
        List<Long> addresses = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (H5Node child : group.children().values()) {
            addresses.add(child instanceof H5Group g ? writeGroup(g) : writeDataset((H5Dataset) child));
            names.add(child.name());
        }
        List<byte[]> messages = new ArrayList<>();
        // Link info: no creation order, compact storage (no fractal heap, no name index).
        messages.add(message(0x02, 0, new Bytes().u8(0).u8(0).u64(UNDEFINED).u64(UNDEFINED).toByteArray()));
        messages.add(message(0x0A, 0, new Bytes().u8(0).u8(0).toByteArray())); // group info, defaults
        for (int i = 0; i < names.size(); i++) {
            messages.add(message(0x06, 0, linkMessage(names.get(i), addresses.get(i))));
        }
        addAttributeMessages(group, messages);
        return writeObjectHeader(messages);
    }

    private long writeDataset(H5Dataset d) {
        byte[] data = encode(d);
        long dataAddress = UNDEFINED;
        if (data.length > 0) {
            out.align(8);
            dataAddress = out.length();
            out.raw(data);
        }
        int[] shape = d.shape();
        List<byte[]> messages = new ArrayList<>();
        Bytes space = new Bytes().u8(1).u8(shape.length).u8(0).u8(0).u32(0); // v1, no max dims; rank 0 = scalar
        for (int dim : shape) {
            space.u64(dim);
        }
        messages.add(message(0x01, 0, space.toByteArray()));
        messages.add(message(0x03, 1, datatype(d.dataType())));
        // Fill value v2 exactly as h5py writes it: allocation late, write if set, defined with default value.
        messages.add(message(0x05, 1, new byte[] {2, 2, 2, 1, 0, 0, 0, 0}));
        messages.add(message(0x08, 0, new Bytes().u8(3).u8(1).u64(dataAddress).u64(data.length).toByteArray()));
        addAttributeMessages(d, messages);
        return writeObjectHeader(messages);
    }

    private long writeObjectHeader(List<byte[]> messages) {
        out.align(8);
        long address = out.length();
        int size = 0;
        for (byte[] m : messages) {
            size += m.length;
        }
        out.u8(1).u8(0).u16(messages.size()).u32(1).u32(size).u32(0); // v1 prefix, padded to 16 bytes
        for (byte[] m : messages) {
            out.raw(m);
        }
        return address;
    }

    /** A v1 object header message: type, size (padded to 8), flags, 3 reserved bytes, then the body. */
    private static byte[] message(int type, int flags, byte[] body) {
        int size = pad8(body.length);
        if (size > 0xFFFF) {
            throw new IllegalArgumentException("HDF5 header message of " + size + " bytes exceeds 65535");
        }
        Bytes b = new Bytes().u16(type).u16(size).u8(flags).zeros(3).raw(body);
        return b.zeros(size - body.length).toByteArray();
    }

    private static byte[] linkMessage(String name, long address) {
        byte[] n = utf8(name);
        boolean ascii = n.length == name.length() && name.chars().allMatch(c -> c < 0x80);
        boolean wide = n.length > 0xFF;
        int flags = (wide ? 1 : 0) | (ascii ? 0 : 0x10);
        Bytes b = new Bytes().u8(1).u8(flags);
        if (!ascii) {
            b.u8(1); // character set UTF-8
        }
        if (wide) {
            b.u16(n.length);
        } else {
            b.u8(n.length);
        }
        return b.raw(n).u64(address).toByteArray();
    }

    private void addAttributeMessages(H5Node node, List<byte[]> messages) {
        for (Map.Entry<String, Object> e : node.attributes().entrySet()) {
            List<String> values = stringsOf(node, e.getKey(), e.getValue());
            boolean scalar = e.getValue() instanceof String;
            byte[] name = utf8(e.getKey());
            byte[] type = vlenStringType();
            Bytes space = new Bytes().u8(1).u8(scalar ? 0 : 1).u8(0).u8(0).u32(0);
            if (!scalar) {
                space.u64(values.size());
            }
            byte[] spaceBytes = space.toByteArray();
            Bytes body = new Bytes().u8(1).u8(0).u16(name.length + 1).u16(type.length).u16(spaceBytes.length);
            body.raw(name).u8(0).zeros(pad8(name.length + 1) - name.length - 1);
            body.raw(type).zeros(pad8(type.length) - type.length);
            body.raw(spaceBytes).zeros(pad8(spaceBytes.length) - spaceBytes.length);
            for (String s : values) {
                body.u32(utf8(s).length).u64(heapAddress).u32(heapIndex.get(s));
            }
            messages.add(message(0x0C, 0, body.toByteArray()));
        }
    }

    /** Variable-length string, null-terminated, UTF-8, over unsigned 8-bit characters: h5py's {@code str}. */
    private static byte[] vlenStringType() {
        return new Bytes().u8(0x19).u8(0x01).u8(0x01).u8(0).u32(16)
                .u8(0x10).u8(0).u8(0).u8(0).u32(1).u16(0).u16(8).toByteArray();
    }

    private static byte[] datatype(H5DataType t) {
        return switch (t) {
            case FLOAT32 -> new Bytes().u8(0x11).u8(0x20).u8(31).u8(0).u32(4)
                    .u16(0).u16(32).u8(23).u8(8).u8(0).u8(23).u32(127).toByteArray();
            case INT32 -> new Bytes().u8(0x10).u8(0x08).u8(0).u8(0).u32(4).u16(0).u16(32).toByteArray();
            case INT64 -> new Bytes().u8(0x10).u8(0x08).u8(0).u8(0).u32(8).u16(0).u16(64).toByteArray();
            default -> throw new IllegalArgumentException("Strata writes float32, int32 and int64 datasets, not " + t);
        };
    }

    private static byte[] encode(H5Dataset d) {
        H5DataType t = d.dataType();
        int n = d.size();
        Bytes b = new Bytes(n * t.bytes());
        switch (t) {
            case FLOAT32 -> {
                for (float v : d.rawFloats()) {
                    b.u32(Float.floatToRawIntBits(v));
                }
            }
            case INT32 -> {
                for (long v : d.rawLongs()) {
                    b.u32((int) v);
                }
            }
            case INT64 -> {
                for (long v : d.rawLongs()) {
                    b.u64(v);
                }
            }
            default -> throw new IllegalArgumentException(d.path() + ": Strata writes float32, int32 and int64 "
                    + "datasets, not " + t);
        }
        return b.toByteArray();
    }

    private static int pad8(int n) {
        return (n + 7) & ~7;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A growable little-endian byte buffer. */
    private static final class Bytes {
        private byte[] buf;
        private int len;

        Bytes() {
            this(64);
        }

        Bytes(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        int length() {
            return len;
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                long want = Math.max((long) buf.length * 2, (long) len + extra);
                if (want > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("HDF5 file over 2 GiB: Strata writes weights files up to 2 GiB");
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
        }

        Bytes u8(int v) {
            ensure(1);
            buf[len++] = (byte) v;
            return this;
        }

        Bytes u16(int v) {
            return u8(v).u8(v >>> 8);
        }

        Bytes u32(int v) {
            return u16(v).u16(v >>> 16);
        }

        Bytes u64(long v) {
            return u32((int) v).u32((int) (v >>> 32));
        }

        Bytes zeros(int n) {
            ensure(n);
            len += n; // the buffer is zero-filled already
            return this;
        }

        Bytes raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }

        Bytes ascii(String s) {
            return raw(s.getBytes(StandardCharsets.US_ASCII));
        }

        void align(int a) {
            zeros((a - len % a) % a);
        }

        int putBytes(int at, byte[] b) {
            System.arraycopy(b, 0, buf, at, b.length);
            return at + b.length;
        }

        int putU16(int at, int v) {
            buf[at] = (byte) v;
            buf[at + 1] = (byte) (v >>> 8);
            return at + 2;
        }

        int putU32(int at, int v) {
            putU16(at, v);
            return putU16(at + 2, v >>> 16);
        }

        int putU64(int at, long v) {
            putU32(at, (int) v);
            return putU32(at + 4, (int) (v >>> 32));
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }
}

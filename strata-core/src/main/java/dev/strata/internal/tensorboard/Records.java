package dev.strata.internal.tensorboard;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, as TensorFlow's {@code RecordWriter} writes event files: each record is its length (uint64,
 * little-endian), the masked CRC32C of those 8 bytes (uint32), the payload, and the masked CRC32C of the payload.
 * The mask is TensorFlow's {@code crc32c::Mask}: rotate right by 15 bits, add {@code 0xa282ead8}.
 */
public final class Records {
    private static final int MASK_DELTA = 0xa282ead8;

    private Records() {
    }

    /** One framed record around {@code payload}. */
    public static byte[] frame(byte[] payload) {
        byte[] out = new byte[payload.length + 16];
        putLong(out, 0, payload.length);
        putInt(out, 8, maskedCrc(out, 0, 8));
        System.arraycopy(payload, 0, out, 12, payload.length);
        putInt(out, 12 + payload.length, maskedCrc(payload, 0, payload.length));
        return out;
    }

    /** Appends the framed {@code payload} to {@code out}. */
    static void frameTo(ByteArrayOutputStream out, byte[] payload) {
        out.writeBytes(frame(payload));
    }

    /**
     * The payloads of the records in {@code file}, each checked against both its CRCs.
     *
     * @param name the file's name, for messages
     * @throws IllegalArgumentException naming the file, the record and its byte offset for a wrong checksum or a
     *     truncated record
     */
    public static List<byte[]> read(byte[] file, String name) {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        while (pos < file.length) {
            int record = out.size();
            if (file.length - pos < 12) {
                throw new IllegalArgumentException(name + ": record " + record + " at byte " + pos
                        + " is truncated (its 12-byte header is cut off)");
            }
            long length = getLong(file, pos);
            if (getInt(file, pos + 8) != maskedCrc(file, pos, 8)) {
                throw new IllegalArgumentException(name + ": record " + record + " at byte " + pos
                        + " has a corrupt length (its CRC32C does not match)");
            }
            if (length < 0 || length > file.length - pos - 16) {
                throw new IllegalArgumentException(name + ": record " + record + " at byte " + pos + " is truncated ("
                        + length + " bytes announced, " + Math.max(0, file.length - pos - 16) + " there)");
            }
            int n = (int) length;
            byte[] payload = java.util.Arrays.copyOfRange(file, pos + 12, pos + 12 + n);
            if (getInt(file, pos + 12 + n) != maskedCrc(payload, 0, n)) {
                throw new IllegalArgumentException(name + ": record " + record + " at byte " + pos
                        + " has a corrupt payload (its CRC32C does not match)");
            }
            out.add(payload);
            pos += 16 + n;
        }
        return out;
    }

    /** TensorFlow's masked CRC32C of {@code data[from, from + n)}. */
    static int maskedCrc(byte[] data, int from, int n) {
        CRC32C crc = new CRC32C();
        crc.update(data, from, n);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (b[at + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    private static int getInt(byte[] b, int at) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (b[at + i] & 0xFF) << (8 * i);
        }
        return v;
    }
}

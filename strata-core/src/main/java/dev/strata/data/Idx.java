package dev.strata.data;

import dev.strata.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of the MNIST and Fashion-MNIST data, into float32 tensors.
 *
 * <p>An IDX file is a header and the values, all big-endian: two zero bytes, a type byte ({@code 0x08} uint8,
 * {@code 0x09} int8, {@code 0x0B} int16, {@code 0x0C} int32, {@code 0x0D} float32, {@code 0x0E} float64), a byte
 * with the number of dimensions, one 4-byte size per dimension, then the values in row-major order. The tensor
 * read has the file's dimensions as its shape: {@code (60000, 28, 28)} for MNIST training images,
 * {@code (60000,)} for its labels, whose values are the class indices as floats.
 *
 * <p>Files may be gzipped (recognised by their first bytes, whatever their name), as the data sets are
 * distributed. Values are converted to float32; int32 values beyond 2^24 lose precision, float64 values are
 * rounded. The whole file must be well formed: a short header, fewer values than the dimensions promise or
 * bytes after the last value fail with an {@link IdxException} naming the file.
 *
 * <pre>{@code
 * Tensor images = Idx.read(dir.resolve("train-images-idx3-ubyte.gz"), true);  // (60000, 28, 28) in [0, 1]
 * Tensor labels = Idx.read(dir.resolve("train-labels-idx1-ubyte.gz"));        // (60000,) of 0.0 ... 9.0
 * }</pre>
 */
public final class Idx {
    /** The type bytes of the format. */
    static final int UINT8 = 0x08;
    static final int INT8 = 0x09;
    static final int INT16 = 0x0B;
    static final int INT32 = 0x0C;
    static final int FLOAT32 = 0x0D;
    static final int FLOAT64 = 0x0E;

    /** Values converted per read, so a large file needs no second copy of its bytes. */
    private static final int CHUNK_VALUES = 1 << 14;
    /** Every uint8 value as a float, and divided by 255 (the same float as {@code b / 255f}). */
    private static final float[] BYTES = new float[256];
    private static final float[] UNIT = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            BYTES[b] = b;
            UNIT[b] = b / 255f;
        }
    }

    /** Java arrays stop a little short of Integer.MAX_VALUE. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8L;

    private Idx() {
    }

    /**
     * The values of an IDX file (plain or gzipped) as stored, converted to float32, shaped like the file's
     * dimensions.
     *
     * @throws IdxException if the file is missing, cannot be read or is not well-formed IDX
     */
    public static Tensor read(Path file) {
        return read(file, false);
    }

    /**
     * The values of an IDX file (plain or gzipped) as float32, shaped like the file's dimensions; with
     * {@code scaleToUnit} uint8 values are divided by 255, giving pixels in [0, 1] (the same float32 division as
     * numpy's {@code x.astype("float32") / 255}).
     *
     * @throws IdxException if the file is missing, cannot be read or is not well-formed IDX, or if
     *     {@code scaleToUnit} is asked of a file whose values are not uint8
     */
    public static Tensor read(Path file, boolean scaleToUnit) {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source, scaleToUnit);
        } catch (NoSuchFileException e) {
            throw new IdxException("Idx.read: no such file: " + source, source, e);
        } catch (IOException e) {
            throw new IdxException("Idx.read: cannot read " + source + ": " + e, source, e);
        }
    }

    /**
     * Reads IDX data (plain or gzipped) from a stream, which is read to its end but not closed.
     *
     * @param source the name used in error messages
     * @param scaleToUnit divide uint8 values by 255
     * @throws IdxException if the data is not well-formed IDX, or {@code scaleToUnit} is asked of non-uint8 values
     */
    public static Tensor read(InputStream in, String source, boolean scaleToUnit) {
        try {
            return parse(open(in), source, scaleToUnit);
        } catch (ZipException e) {
            throw new IdxException("Idx.read: " + source + " is not a valid gzip file: " + e.getMessage(), source, e);
        } catch (EOFException e) {
            // GZIPInputStream reports a cut-off compressed stream this way.
            throw new IdxException("Idx.read: " + source + " is truncated: the gzip stream ends early ("
                    + e.getMessage() + ")", source, e);
        } catch (IOException e) {
            throw new IdxException("Idx.read: cannot read " + source + ": " + e, source, e);
        }
    }

    /** An IDX header: the element type, its size in bytes, the dimensions and their product. */
    record Header(int type, int size, int[] dims, long count) {
    }

    /** Reads and checks the header (magic number, type, dimensions). */
    static Header header(InputStream in, String source, boolean scaleToUnit) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IdxException("Idx.read: " + source + " is truncated: " + magic.length
                    + " byte(s), shorter than the 4-byte IDX magic number", source);
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxException(String.format(java.util.Locale.ROOT,
                    "Idx.read: %s is not an IDX file: its magic number starts with bytes %02x %02x, IDX starts with"
                            + " 00 00 (then the type byte and the number of dimensions)",
                    source, magic[0] & 0xff, magic[1] & 0xff), source);
        }
        int type = magic[2] & 0xff;
        int size = elementSize(type, source);
        int rank = magic[3] & 0xff;
        if (rank == 0) {
            throw new IdxException("Idx.read: " + source + " declares 0 dimensions; an IDX file has at least one",
                    source);
        }
        byte[] header = in.readNBytes(4 * rank);
        if (header.length < 4 * rank) {
            throw new IdxException("Idx.read: " + source + " is truncated in its header: " + rank
                    + " dimension sizes need " + 4 * rank + " bytes, found " + header.length, source);
        }
        ByteBuffer hb = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN);
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = hb.getInt();
            if (dims[i] < 0) {
                throw new IdxException("Idx.read: " + source + " declares dimension " + i + " of size "
                        + Integer.toUnsignedString(dims[i]) + ", too large for a Java array", source);
            }
            count *= dims[i];
            if (count > MAX_VALUES) {
                throw new IdxException("Idx.read: " + source + " declares dimensions " + Arrays.toString(dims)
                        + " whose product exceeds the " + MAX_VALUES + " values a float array holds", source);
            }
        }
        if (scaleToUnit && type != UINT8) {
            throw new IdxException("Idx.read: scaling to [0, 1] divides uint8 values by 255, but " + source
                    + " holds " + typeName(type) + " values; read it without scaling", source);
        }
        return new Header(type, size, dims, count);
    }

    private static Tensor parse(InputStream in, String source, boolean scaleToUnit) throws IOException {
        Header h = header(in, source, scaleToUnit);
        int type = h.type();
        int size = h.size();
        int[] dims = h.dims();
        long count = h.count();
        float[] values = readValues(in, (int) count, type, size, dims, source, scaleToUnit);
        checkEnd(in, h, source);
        return DataSupport.wrap(values, dims);
    }

    /** Checks that nothing follows the values the header declares. */
    static void checkEnd(InputStream in, Header h, String source) throws IOException {
        int extra = in.read();
        if (extra != -1) {
            long more = 1 + in.transferTo(java.io.OutputStream.nullOutputStream());
            throw new IdxException("Idx.read: " + source + " has " + more + " byte(s) after the " + h.count() + " "
                    + typeName(h.type()) + " values its dimensions " + Arrays.toString(h.dims())
                    + " declare; the file is not what its header says", source);
        }
    }

    /** An IDX stream: plain, or gzipped (recognised by its first bytes). */
    static InputStream open(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        // gzip's magic number is 1f 8b; IDX starts with two zero bytes, so the two cannot be confused.
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16)
                : buffered;
    }

    static float[] readValues(InputStream in, int count, int type, int size, int[] dims, String source,
                                      boolean scaleToUnit) throws IOException {
        return readValues(in, count, type, size, dims, source, scaleToUnit, new byte[Math.min(count, CHUNK_VALUES)
                * size]);
    }

    /** {@link #readValues} with a scratch buffer of at least {@code min(count, CHUNK_VALUES) * size} bytes. */
    static float[] readValues(InputStream in, int count, int type, int size, int[] dims, String source,
                              boolean scaleToUnit, byte[] chunk) throws IOException {
        float[] out = new float[count];
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, CHUNK_VALUES);
            int got = in.readNBytes(chunk, 0, n * size);
            if (got < n * size) {
                throw truncated(source, dims, type, (long) count * size, (long) done * size + got);
            }
            decode(chunk, 0, n, type, scaleToUnit, out, done);
            done += n;
        }
        return out;
    }

    /** The error for a file whose values end early. */
    static IdxException truncated(String source, int[] dims, int type, long needed, long found) {
        return new IdxException("Idx.read: " + source + " is truncated: dimensions " + Arrays.toString(dims)
                + " of " + typeName(type) + " need " + needed + " data bytes, found " + found, source);
    }

    /** {@code n} big-endian values of the type from {@code src[from...]} into {@code out[to...]} as floats. */
    static void decode(byte[] src, int from, int n, int type, boolean scaleToUnit, float[] out, int to) {
        switch (type) {
            case UINT8 -> {
                float[] table = scaleToUnit ? UNIT : BYTES; // a lookup: a division per pixel costs more than the rest
                for (int i = 0; i < n; i++) {
                    out[to + i] = table[src[from + i] & 0xff];
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[to + i] = src[from + i];
                }
            }
            case INT16 -> {
                ByteBuffer bb = ByteBuffer.wrap(src).order(ByteOrder.BIG_ENDIAN);
                for (int i = 0; i < n; i++) {
                    out[to + i] = bb.getShort(from + 2 * i);
                }
            }
            case INT32 -> {
                ByteBuffer bb = ByteBuffer.wrap(src).order(ByteOrder.BIG_ENDIAN);
                for (int i = 0; i < n; i++) {
                    out[to + i] = bb.getInt(from + 4 * i);
                }
            }
            case FLOAT32 -> {
                ByteBuffer bb = ByteBuffer.wrap(src).order(ByteOrder.BIG_ENDIAN);
                for (int i = 0; i < n; i++) {
                    out[to + i] = bb.getFloat(from + 4 * i);
                }
            }
            case FLOAT64 -> {
                ByteBuffer bb = ByteBuffer.wrap(src).order(ByteOrder.BIG_ENDIAN);
                for (int i = 0; i < n; i++) {
                    out[to + i] = (float) bb.getDouble(from + 8 * i);
                }
            }
            default -> throw new IllegalStateException("unreachable: type " + type);
        }
    }

    private static int elementSize(int type, String source) {
        return switch (type) {
            case UINT8, INT8 -> 1;
            case INT16 -> 2;
            case INT32, FLOAT32 -> 4;
            case FLOAT64 -> 8;
            default -> throw new IdxException(String.format(java.util.Locale.ROOT,
                    "Idx.read: %s has unknown element type byte 0x%02x; IDX types are 0x08 uint8, 0x09 int8,"
                            + " 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64", source, type), source);
        };
    }

    private static String typeName(int type) {
        return switch (type) {
            case UINT8 -> "uint8";
            case INT8 -> "int8";
            case INT16 -> "int16";
            case INT32 -> "int32";
            case FLOAT32 -> "float32";
            case FLOAT64 -> "float64";
            default -> String.format(java.util.Locale.ROOT, "type 0x%02x", type);
        };
    }
}

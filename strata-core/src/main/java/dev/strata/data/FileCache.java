package dev.strata.data;

import dev.strata.data.Dataset.Cursor;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Dataset#cache(Path)}: the first complete pass written to a file, later passes read from it. The file is
 * a magic line, then per element a tag (1 tensor, 2 batch) and its tensors (rank, dimensions, float32 values,
 * little-endian), then a 0 tag; it is written beside the target and renamed when the pass completes.
 */
final class FileCache<T> {
    private static final byte[] MAGIC = "STRATA-DATASET-CACHE 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int END = 0;
    private static final int TENSOR = 1;
    private static final int BATCH = 2;

    private final Dataset<T> source;
    private final Path file;

    FileCache(Dataset<T> source, Path file) {
        this.source = source;
        this.file = file.toAbsolutePath();
    }

    Cursor<T> iterator() {
        return Files.isRegularFile(file) ? read() : write();
    }

    private Cursor<T> write() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        DataOutputStream out;
        try {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
            out.write(MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException("Dataset.cache: cannot write the cache file " + file + ": " + e, e);
        }
        return new Pipeline.Stage<T, T>(source.iterator()) {
            private boolean complete;

            @Override
            T advance() {
                try {
                    if (upstream.hasNext()) {
                        T t = upstream.next();
                        writeElement(out, t);
                        return t;
                    }
                    out.writeByte(END);
                    out.close();
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    complete = true;
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException("Dataset.cache: cannot write the cache file " + file + ": " + e, e);
                }
            }

            @Override
            void release() {
                try {
                    upstream.close();
                } finally {
                    if (!complete) {
                        try {
                            out.close();
                            Files.deleteIfExists(tmp); // a stopped pass leaves nothing half-written
                        } catch (IOException ignored) {
                            // the temporary file stays; the cache file was never made
                        }
                    }
                }
            }
        };
    }

    private void writeElement(DataOutputStream out, Object element) throws IOException {
        if (element instanceof Tensor t) {
            out.writeByte(TENSOR);
            writeTensor(out, t);
        } else if (element instanceof Batch b) {
            out.writeByte(BATCH);
            out.writeInt(b.x().size());
            out.writeInt(b.y().size());
            out.writeInt(b.sampleWeights() == null ? -1 : b.sampleWeights().size());
            for (Tensor t : Stacking.all(b)) {
                writeTensor(out, t);
            }
        } else {
            throw new IllegalArgumentException("Dataset.cache(" + file + "): elements of type "
                    + element.getClass().getName() + " cannot be written to a file; cache Tensors or Batches, or "
                    + "use cache() in memory");
        }
    }

    private static void writeTensor(DataOutputStream out, Tensor t) throws IOException {
        int[] dims = t.shape().toArray();
        out.writeInt(dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        float[] data = TensorAccess.data(t);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        out.write(buf.array());
    }

    private Cursor<T> read() {
        DataInputStream in;
        try {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                in.close();
                throw new IllegalStateException("Dataset.cache: " + file + " is not a Strata dataset cache file; "
                        + "delete it or cache to another path");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Dataset.cache: cannot read the cache file " + file + ": " + e, e);
        }
        return new Pipeline.Lookahead<>() {
            @Override
            @SuppressWarnings("unchecked")
            T advance() {
                try {
                    int tag = in.readByte();
                    return switch (tag) {
                        case END -> null;
                        case TENSOR -> (T) readTensor(in);
                        case BATCH -> {
                            int nx = in.readInt();
                            int ny = in.readInt();
                            int nw = in.readInt();
                            yield (T) new Batch(readTensors(in, nx), readTensors(in, ny),
                                    nw < 0 ? null : readTensors(in, nw));
                        }
                        default -> throw new IllegalStateException("Dataset.cache: " + file + " is damaged (tag "
                                + tag + "); delete it to cache anew");
                    };
                } catch (EOFException e) {
                    throw new IllegalStateException("Dataset.cache: " + file + " ends early; delete it to cache anew",
                            e);
                } catch (IOException e) {
                    throw new UncheckedIOException("Dataset.cache: cannot read the cache file " + file + ": " + e, e);
                }
            }

            @Override
            void release() {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read-only: nothing is lost
                }
            }
        };
    }

    private static List<Tensor> readTensors(DataInputStream in, int n) throws IOException {
        List<Tensor> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readTensor(in));
        }
        return out;
    }

    private static Tensor readTensor(DataInputStream in) throws IOException {
        int rank = in.readInt();
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
        }
        Shape shape = Shape.of(dims);
        float[] data = new float[shape.size()];
        byte[] bytes = in.readNBytes(data.length * 4);
        if (bytes.length != data.length * 4) {
            throw new EOFException();
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return TensorAccess.wrap(data, shape);
    }
}

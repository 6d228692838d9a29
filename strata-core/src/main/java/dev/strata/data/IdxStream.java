package dev.strata.data;

import dev.strata.data.Dataset.Cursor;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A pass over IDX files sample by sample, for {@link Dataset#fromIdx}: only one sample is read at a time. */
final class IdxStream {
    private IdxStream() {
    }

    static Cursor<Batch> open(Path images, Path labels, boolean scaleToUnit) {
        Part x = Part.open(images, scaleToUnit);
        Part y;
        try {
            y = labels == null ? null : Part.open(labels, false);
        } catch (RuntimeException e) {
            x.close();
            throw e;
        }
        if (y != null && y.samples != x.samples) {
            x.close();
            y.close();
            throw new IdxException("Dataset.fromIdx: " + images + " holds " + x.samples + " samples but " + labels
                    + " holds " + y.samples + "; they must match", images.toString());
        }
        return new Pipeline.Lookahead<>() {
            private int i;

            @Override
            Batch advance() {
                if (i == x.samples) {
                    x.end();
                    if (y != null) {
                        y.end();
                    }
                    return null;
                }
                Tensor xi = x.next(i);
                Batch b = y == null ? Batch.inputs(List.of(xi)) : new Batch(List.of(xi), List.of(y.next(i)), null);
                i++;
                return b;
            }

            @Override
            void release() {
                x.close();
                if (y != null) {
                    y.close();
                }
            }
        };
    }

    /** One open IDX file. */
    private static final class Part {
        final String source;
        final InputStream in;
        final Idx.Header header;
        final int samples;
        final int perSample;
        final Shape sampleShape;
        final boolean scale;
        /** Reused for every sample: the stream reads one at a time. */
        final byte[] chunk;

        private Part(String source, InputStream in, Idx.Header header, boolean scale) {
            this.source = source;
            this.in = in;
            this.header = header;
            this.samples = header.dims()[0];
            this.perSample = samples == 0 ? 0 : (int) (header.count() / samples);
            this.sampleShape = Shape.of(Arrays.copyOfRange(header.dims(), 1, header.dims().length));
            this.scale = scale;
            this.chunk = new byte[Math.min(perSample, 1 << 14) * header.size()];
        }

        static Part open(Path file, boolean scale) {
            String source = file.toString();
            InputStream in = null;
            try {
                in = Idx.open(Files.newInputStream(file));
                return new Part(source, in, Idx.header(in, source, scale), scale);
            } catch (IOException e) {
                close(in);
                throw new IdxException("Dataset.fromIdx: cannot read " + source + ": " + e, source, e);
            } catch (RuntimeException e) {
                close(in);
                throw e;
            }
        }

        Tensor next(int i) {
            try {
                float[] v = Idx.readValues(in, perSample, header.type(), header.size(), sampleShape.toArray(), source,
                        scale, chunk);
                return TensorAccess.wrap(v, sampleShape);
            } catch (IdxException e) {
                throw new IdxException("Dataset.fromIdx: sample " + i + " of " + samples + ": " + e.getMessage(),
                        source, e);
            } catch (IOException e) {
                throw new IdxException("Dataset.fromIdx: cannot read " + source + ": " + e, source, e);
            }
        }

        void end() {
            try {
                Idx.checkEnd(in, header, source);
            } catch (IOException e) {
                throw new IdxException("Dataset.fromIdx: cannot read " + source + ": " + e, source, e);
            }
        }

        void close() {
            close(in);
        }

        private static void close(InputStream in) {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read-only
                }
            }
        }
    }
}

package dev.strata.data;

import dev.strata.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A pass over IDX files sample by sample, for {@link Dataset#fromIdx}: only one sample is read at a time, straight
 * into a batch's arrays or a shuffle buffer's raw slot when those stages follow ({@link Records}).
 */
final class IdxStream {
    private IdxStream() {
    }

    static Records.Source open(Path images, Path labels, boolean scaleToUnit) {
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
        Shape[] shapes = y == null ? new Shape[] {x.sampleShape} : new Shape[] {x.sampleShape, y.sampleShape};
        return new Records.Source(shapes, 1) {
            private int i;
            private boolean ended;

            @Override
            boolean writeNext(float[][] dst, int row) {
                if (!more()) {
                    return false;
                }
                x.readInto(dst[0], row * widths[0], i);
                if (y != null) {
                    y.readInto(dst[1], row * widths[1], i);
                }
                i++;
                return true;
            }

            /** Whether a sample is left; at the end, checks that nothing follows the last. */
            private boolean more() {
                if (i < x.samples) {
                    return true;
                }
                if (!ended) {
                    ended = true;
                    x.end();
                    if (y != null) {
                        y.end();
                    }
                }
                return false;
            }

            @Override
            Records.Slots slots(int capacity) {
                // the file's raw bytes (a uint8 image is a quarter of its floats), decoded as a batch takes them
                Records.Slab xs = new Records.Slab(x.rawWidth, capacity, false);
                Records.Slab ys = y == null ? null : new Records.Slab(y.rawWidth, capacity, false);
                return new Records.Slots() {
                    @Override
                    public boolean fill(int slot) {
                        if (!more()) {
                            return false;
                        }
                        xs.ensure(slot);
                        x.readRaw(xs.bytes, slot * xs.width, i);
                        if (ys != null) {
                            ys.ensure(slot);
                            y.readRaw(ys.bytes, slot * ys.width, i);
                        }
                        i++;
                        return true;
                    }

                    @Override
                    public void write(int slot, float[][] dst, int row) {
                        x.decode(xs.bytes, slot * xs.width, dst[0], row * widths[0]);
                        if (ys != null) {
                            y.decode(ys.bytes, slot * ys.width, dst[1], row * widths[1]);
                        }
                    }

                    @Override
                    public void move(int from, int to) {
                        xs.move(from, to);
                        if (ys != null) {
                            ys.move(from, to);
                        }
                    }
                };
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
        /** The bytes of one sample in the file. */
        final int rawWidth;
        /** Reused for every sample: the stream reads one at a time. */
        final byte[] raw;

        private Part(String source, InputStream in, Idx.Header header, boolean scale) {
            this.source = source;
            this.in = in;
            this.header = header;
            this.samples = header.dims()[0];
            this.perSample = samples == 0 ? 0 : (int) (header.count() / samples);
            this.sampleShape = Shape.of(Arrays.copyOfRange(header.dims(), 1, header.dims().length));
            this.scale = scale;
            this.rawWidth = Math.multiplyExact(perSample, header.size());
            this.raw = new byte[rawWidth];
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

        /** Sample {@code i}'s bytes, the next in the file, into {@code dst[off...]}. */
        void readRaw(byte[] dst, int off, int i) {
            try {
                int got = in.readNBytes(dst, off, rawWidth);
                if (got < rawWidth) {
                    throw Idx.truncated(source, sampleShape.toArray(), header.type(), rawWidth, got);
                }
            } catch (IdxException e) {
                throw new IdxException("Dataset.fromIdx: sample " + i + " of " + samples + ": " + e.getMessage(),
                        source, e);
            } catch (IOException e) {
                throw new IdxException("Dataset.fromIdx: cannot read " + source + ": " + e, source, e);
            }
        }

        /** A sample's bytes as floats (scaled if asked) into {@code dst[to...]}. */
        void decode(byte[] src, int from, float[] dst, int to) {
            Idx.decode(src, from, perSample, header.type(), scale, dst, to);
        }

        /** Sample {@code i}, the next in the file, into {@code dst[to...]}. */
        void readInto(float[] dst, int to, int i) {
            readRaw(raw, 0, i);
            decode(raw, 0, dst, to);
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

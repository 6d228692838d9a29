package dev.strata.data;

import dev.strata.data.Dataset.Cursor;
import dev.strata.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** A pass over a CSV file, row by row, for {@link Dataset#csvRows} and {@link Dataset#fromCsv}. */
final class CsvStream {
    private CsvStream() {
    }

    /** Opens the file and reads its header; the rows are read as the pass asks for them. */
    static Cursor<CsvRow> open(Path file, CsvOptions options) {
        return open(() -> opener(file), file.toString(), options);
    }

    /** Opens a stream (closed when the pass ends) and reads its header. */
    static Cursor<CsvRow> open(java.util.function.Supplier<? extends InputStream> opener, String source,
                               CsvOptions options) {
        InputStream in = null;
        try {
            in = java.util.Objects.requireNonNull(opener.get(), "Dataset.fromCsv: the opener gave a null stream");
            CsvTokenizer tok = new CsvTokenizer(in, options.delimiter());
            List<String> names = new ArrayList<>();
            boolean hasRow = Csv.header(tok, options, source, names);
            return new Reader(in, tok, hasRow, names, options, source);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UncheckedIOException("Dataset: cannot read " + source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /**
     * {@link #open(java.util.function.Supplier, String, CsvOptions)} as the samples of {@link Dataset#fromCsv} (no
     * string columns): the features as the input, the targets (if any) as the target, parsed straight into a batch's
     * arrays or a shuffle buffer's slot ({@link Records}).
     */
    static Records.Source openSamples(java.util.function.Supplier<? extends InputStream> opener, String source,
                                      CsvOptions options) {
        Reader reader = (Reader) open(opener, source, options);
        int nf = reader.featureCols.length;
        int nt = reader.targetCols.length;
        Shape[] shapes = nt == 0 ? new Shape[] {Shape.of(nf)} : new Shape[] {Shape.of(nf), Shape.of(nt)};
        float[] none = new float[0];
        return new Records.Source(shapes, 1) {
            @Override
            boolean writeNext(float[][] dst, int row) {
                return reader.readInto(dst[0], row * nf, nt == 0 ? none : dst[1], row * nt);
            }

            @Override
            Records.Slots slots(int capacity) {
                Records.Slab xs = new Records.Slab(nf, capacity, true);
                Records.Slab ys = new Records.Slab(nt, capacity, true);
                return new Records.Slots() {
                    @Override
                    public boolean fill(int slot) {
                        xs.ensure(slot);
                        ys.ensure(slot);
                        return reader.readInto(xs.floats, slot * nf, ys.floats, slot * nt);
                    }

                    @Override
                    public void write(int slot, float[][] dst, int row) {
                        System.arraycopy(xs.floats, slot * nf, dst[0], row * nf, nf);
                        if (nt > 0) {
                            System.arraycopy(ys.floats, slot * nt, dst[1], row * nt, nt);
                        }
                    }

                    @Override
                    public void move(int from, int to) {
                        xs.move(from, to);
                        ys.move(from, to);
                    }
                };
            }

            @Override
            void release() {
                reader.close();
            }
        };
    }

    /** {@link #openSamples(java.util.function.Supplier, String, CsvOptions)} of a file (gzipped if named .gz). */
    static Records.Source openSamples(Path file, CsvOptions options) {
        return openSamples(() -> opener(file), file.toString(), options);
    }

    private static InputStream opener(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            return file.getFileName() != null && file.getFileName().toString().endsWith(".gz")
                    ? new GZIPInputStream(in, 1 << 16) : in;
        } catch (IOException e) {
            throw new UncheckedIOException("Dataset: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    private static final class Reader extends Pipeline.Lookahead<CsvRow> {
        private final InputStream in;
        private final CsvTokenizer tok;
        private final List<String> names;
        private final CsvOptions options;
        private final String source;
        private final int[] featureCols;
        private final int[] targetCols;
        private final int[] stringCols;
        private final CsvRow.Columns columns;
        private boolean hasRow;

        Reader(InputStream in, CsvTokenizer tok, boolean hasRow, List<String> names, CsvOptions options,
               String source) {
            this.in = in;
            this.tok = tok;
            this.hasRow = hasRow;
            this.names = names;
            this.options = options;
            this.source = source;
            int[] role = new int[names.size()];
            Arrays.fill(role, -2);
            List<Csv.ColumnPlan> plan = Csv.plan(names, options, source, role);
            boolean[] isString = new boolean[names.size()];
            for (CsvOptions.ColumnRef ref : options.stringSelections()) {
                int c = Csv.resolve(ref, names, options, source, "string");
                if (role[c] >= 0) {
                    throw new CsvException(source + ": column " + Csv.describe(c, names) + " is both a target and"
                            + " a string column; targets are numbers (read it as a string column and map it with a"
                            + " lookup layer)", source, 0, c, names.get(c));
                }
                isString[c] = true;
            }
            this.featureCols = plan.stream().filter(p -> !p.target() && !isString[p.column()])
                    .mapToInt(Csv.ColumnPlan::column).toArray();
            this.targetCols = plan.stream().filter(Csv.ColumnPlan::target).mapToInt(Csv.ColumnPlan::column).toArray();
            List<Integer> strings = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                if (isString[c]) {
                    strings.add(c);
                }
            }
            this.stringCols = strings.stream().mapToInt(Integer::intValue).toArray();
            Map<String, Integer> numberIndex = new LinkedHashMap<>();
            List<String> featureNames = new ArrayList<>();
            List<String> targetNames = new ArrayList<>();
            for (int c : featureCols) {
                numberIndex.putIfAbsent(names.get(c), featureNames.size());
                featureNames.add(names.get(c));
            }
            for (int c : targetCols) {
                numberIndex.putIfAbsent(names.get(c), featureCols.length + targetNames.size());
                targetNames.add(names.get(c));
            }
            Map<String, Integer> stringIndex = new LinkedHashMap<>();
            List<String> stringNames = new ArrayList<>();
            for (int c : stringCols) {
                stringIndex.putIfAbsent(names.get(c), stringNames.size());
                stringNames.add(names.get(c));
            }
            this.columns = new CsvRow.Columns(source, List.copyOf(featureNames), List.copyOf(targetNames),
                    List.copyOf(stringNames), numberIndex, stringIndex);
        }

        @Override
        CsvRow advance() {
            if (!hasRow) {
                return null;
            }
            Csv.checkRecord(tok, names.size(), options, source);
            CsvRow row = new CsvRow(columns, tok.recordLine(), numbers(featureCols), numbers(targetCols), strings());
            try {
                hasRow = tok.next();
            } catch (IOException e) {
                throw new UncheckedIOException("Dataset: cannot read " + source + ": " + e.getMessage(), e);
            }
            return row;
        }

        /**
         * The current record's feature and target numbers into the arrays (from {@code fOff} and {@code tOff}), then
         * on to the next record, without a row object; false at the end.
         */
        boolean readInto(float[] features, int fOff, float[] targets, int tOff) {
            if (!hasRow) {
                return false;
            }
            Csv.checkRecord(tok, names.size(), options, source);
            numbers(featureCols, features, fOff);
            numbers(targetCols, targets, tOff);
            try {
                hasRow = tok.next();
            } catch (IOException e) {
                throw new UncheckedIOException("Dataset: cannot read " + source + ": " + e.getMessage(), e);
            }
            return true;
        }

        private float[] numbers(int[] cols) {
            float[] out = new float[cols.length];
            numbers(cols, out, 0);
            return out;
        }

        private void numbers(int[] cols, float[] out, int off) {
            byte[] text = tok.text();
            for (int i = 0; i < cols.length; i++) {
                int c = cols[i];
                try {
                    out[off + i] = DecimalParser.parse(text, tok.start(c), tok.end(c));
                } catch (NumberFormatException e) {
                    throw Csv.badValue(tok, c, names, source);
                }
            }
        }

        private String[] strings() {
            String[] out = new String[stringCols.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = tok.field(stringCols[i]);
            }
            return out;
        }

        @Override
        void release() {
            closeQuietly(in);
        }
    }
}

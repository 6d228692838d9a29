package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tensor.Shape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsAGoodFileWithTargetsByName() throws IOException {
        Path p = write("good.csv", "a,b,y,c\n1,2,3,4\n-5.5,6e2,7,.25\n");
        Table d = Csv.read(p, CsvOptions.defaults().targetColumns("y"));
        assertThat(d.featureNames()).containsExactly("a", "b", "c");
        assertThat(d.targetName()).isEqualTo("y");
        assertThat(d.features().shape()).isEqualTo(Shape.of(2, 3));
        assertThat(d.targets().shape()).isEqualTo(Shape.of(2, 1));
        assertThat(d.features().toFloatArray()).containsExactly(1, 2, 4, -5.5f, 600, 0.25f);
        assertThat(d.targets().toFloatArray()).containsExactly(3, 7);
    }

    @Test
    void defaultsReadEveryColumnAsAFeature() throws IOException {
        Table d = Csv.read(write("plain.csv", "x,y\n1,2\n3,4"));
        assertThat(d.featureNames()).containsExactly("x", "y");
        assertThat(d.targets().shape()).isEqualTo(Shape.of(2, 0));
        assertThat(d.targetNames()).isEmpty();
        assertThat(d.features().toFloatArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void targetsByIndexInTheGivenOrderSkipColumnsAndOtherDelimiter() throws IOException {
        Path p = write("semi.csv", "id;name;u;v;w\n7;Ann, B.;1;2;3\n8;\"Bob; \"\"C\"\"\";4;5;6\n");
        CsvOptions o = CsvOptions.defaults().delimiter(';').targetColumns(4, 2).skipColumns("id", "name");
        Table d = Csv.read(p, o);
        assertThat(d.featureNames()).containsExactly("v");
        assertThat(d.targetNames()).containsExactly("w", "u");
        assertThat(d.features().toFloatArray()).containsExactly(2, 5);
        assertThat(d.targets().toFloatArray()).containsExactly(3, 1, 6, 4);
        assertThat(Csv.read(p, CsvOptions.defaults().delimiter(';').skipColumns(0, 1)).features().shape())
                .isEqualTo(Shape.of(2, 3));
    }

    @Test
    void withoutAHeaderColumnsAreNumberedAndChosenByIndex() throws IOException {
        Path p = write("noheader.csv", "1,2,3\n4,5,6\n");
        Table d = Csv.read(p, CsvOptions.defaults().header(false).targetColumns(0));
        assertThat(d.featureNames()).containsExactly("column_1", "column_2");
        assertThat(d.targetName()).isEqualTo("column_0");
        assertThat(d.targets().toFloatArray()).containsExactly(1, 4);
        assertThatThrownBy(() -> Csv.read(p, CsvOptions.defaults().header(false).targetColumns("y")))
                .isInstanceOf(CsvException.class)
                .hasMessageContaining("target column 'y' is given by name, but the file has no header");
    }

    @Test
    void handlesCrlfBlankTrailingLinesBomAndQuotedNumbers() throws IOException {
        Path p = write("windows.csv", "\uFEFF\"a\",\"b\"\r\n\"1.5\",2\r\n 3 ,\"-4e-1\"\r\n\r\n\r\n");
        Table d = Csv.read(p);
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.features().toFloatArray()).containsExactly(1.5f, 2f, 3f, -0.4f);
        // No final newline, blank lines in the middle, lone CR line ends.
        Table e = Csv.read(write("mixed.csv", "a,b\n\n1,2\r3,4\n  \n5,6"));
        assertThat(e.features().toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void quotedTextInSkippedColumnsMaySpanLinesAndLineNumbersStayPhysical() throws IOException {
        Path p = write("multiline.csv", "note,x\n\"first\nsecond\",1\nplain,oops\n");
        assertThat(Csv.read(write("ok.csv", "note,x\n\"first\nsecond\",1\n"), CsvOptions.defaults()
                .skipColumns("note")).features().toFloatArray()).containsExactly(1);
        assertThatThrownBy(() -> Csv.read(p, CsvOptions.defaults().skipColumns("note")))
                .isInstanceOf(CsvException.class)
                .hasMessage(p + ", line 4, column 'x' (index 1): cannot read \"oops\" as a number");
    }

    @Test
    void malformedNumberNamesFileLineColumnAndText() throws IOException {
        Path p = write("bad.csv", "MedInc,HouseAge,AveRooms\n1,2,3\n4,5,6\n7,8,6.9x\n");
        assertThatThrownBy(() -> Csv.read(p))
                .isInstanceOf(CsvException.class)
                .hasMessage(p + ", line 4, column 'AveRooms' (index 2): cannot read \"6.9x\" as a number")
                .satisfies(ex -> {
                    CsvException c = (CsvException) ex;
                    assertThat(c.source()).isEqualTo(p.toString());
                    assertThat(c.line()).isEqualTo(4);
                    assertThat(c.column()).isEqualTo(2);
                    assertThat(c.columnName()).isEqualTo("AveRooms");
                });
        for (String bad : new String[] {"1,5", "--1", "1e", "0x10", "1.5f", "abc", "1..2", ".", "+", "e5"}) {
            Path q = write("bad2.csv", "a;b\n1;" + bad + "\n");
            assertThatThrownBy(() -> Csv.read(q, CsvOptions.defaults().delimiter(';'))).as(bad)
                    .hasMessage(q + ", line 2, column 'b' (index 1): cannot read \"" + bad + "\" as a number");
        }
        Path empty = write("empty-value.csv", "a,b\n1,\n");
        assertThatThrownBy(() -> Csv.read(empty)).isInstanceOf(CsvException.class)
                .hasMessageStartingWith(empty + ", line 2, column 'b' (index 1): the value is empty");
    }

    @Test
    void wrongFieldCountSaysExpectedAndFound() throws IOException {
        Path p = write("short.csv", "a,b,c\n1,2,3\n4,5\n");
        assertThatThrownBy(() -> Csv.read(p)).isInstanceOf(CsvException.class)
                .hasMessage(p + ", line 3: expected 3 fields (as in the header) but found 2");
        Path q = write("long.csv", "1,2\n3,4,5\n");
        assertThatThrownBy(() -> Csv.read(q, CsvOptions.defaults().header(false)))
                .hasMessage(q + ", line 2: expected 2 fields (as in the first line) but found 3");
    }

    @Test
    void columnOptionsThatDoNotFitTheFileAreExplained() throws IOException {
        Path p = write("cols.csv", "a,b,a\n1,2,3\n");
        assertThatThrownBy(() -> Csv.read(p, CsvOptions.defaults().targetColumns("MedHouseVal")))
                .isInstanceOf(CsvException.class)
                .hasMessage(p + ": no column named 'MedHouseVal' (target column); the header has ['a', 'b', 'a']");
        assertThatThrownBy(() -> Csv.read(p, CsvOptions.defaults().skipColumns("zz")))
                .hasMessageContaining("no column named 'zz' (skipped column)");
        assertThatThrownBy(() -> Csv.read(p, CsvOptions.defaults().targetColumns("a")))
                .hasMessageContaining("target column 'a' is ambiguous: columns 0 and 2 both have that name");
        assertThatThrownBy(() -> Csv.read(p, CsvOptions.defaults().targetColumns(3)))
                .hasMessageContaining("target column index 3 is out of range; the file has 3 columns (indices 0 to 2)");
        assertThatThrownBy(() -> Csv.read(p, CsvOptions.defaults().targetColumns(1).skipColumns("b")))
                .hasMessageContaining("column 'b' (index 1) is both a target and skipped");
        assertThatThrownBy(() -> Csv.read(p, CsvOptions.defaults().targetColumns(1, 1)))
                .hasMessageContaining("column 'b' (index 1) is listed twice as a target");
        assertThatThrownBy(() -> CsvOptions.defaults().targetColumns(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column index -1 is negative");
        assertThatThrownBy(() -> CsvOptions.defaults().delimiter('"'))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be a delimiter");
    }

    @Test
    void emptyFilesUnclosedQuotesAndMissingFiles() throws IOException {
        Path empty = write("empty.csv", "");
        assertThatThrownBy(() -> Csv.read(empty)).isInstanceOf(CsvException.class)
                .hasMessageContaining("the file is empty; expected a header line");
        Table headerOnly = Csv.read(write("header.csv", "a,b,y\n"), CsvOptions.defaults().targetColumns("y"));
        assertThat(headerOnly.features().shape()).isEqualTo(Shape.of(0, 2));
        assertThat(headerOnly.targets().shape()).isEqualTo(Shape.of(0, 1));
        Path unclosed = write("unclosed.csv", "a,b\n1,2\n3,\"4\n5,6\n");
        assertThatThrownBy(() -> Csv.read(unclosed)).isInstanceOf(CsvException.class)
                .hasMessage(unclosed + ", line 3: a quoted field that starts on this line has no closing quote"
                        + " before the end of the file");
        assertThatThrownBy(() -> Csv.read(dir.resolve("missing.csv"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Csv.read: cannot read " + dir.resolve("missing.csv"));
    }

    @Test
    void readsSpecialValuesAndStreams() {
        String text = "a,b,c\nnan,inf,-Infinity\n";
        Table d = Csv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "memory",
                CsvOptions.defaults());
        assertThat(d.features().toFloatArray()).containsExactly(Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY);
    }

    @Test
    void readsALargeGzippedFileQuicklyAndExactly() throws IOException {
        // 200,000 rows x 10 columns of random decimals, the way numpy/pandas write floats.
        int rows = 200_000;
        int cols = 10;
        Random random = new Random(5);
        float[] expected = new float[rows * cols];
        Path p = dir.resolve("large.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p), 1 << 16);
                Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                header.append(c == 0 ? "" : ",").append("f").append(c);
            }
            w.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < cols; c++) {
                    String s = switch (c % 3) {
                        case 0 -> Double.toString(random.nextGaussian() * 1000);
                        case 1 -> Float.toString(random.nextFloat());
                        default -> Integer.toString(random.nextInt(100_000) - 50_000);
                    };
                    expected[r * cols + c] = Float.parseFloat(s);
                    line.append(c == 0 ? "" : ",").append(s);
                }
                w.write(line.append('\n').toString());
            }
        }
        Csv.read(p); // warm up
        long t = System.nanoTime();
        Table d = Csv.read(p, CsvOptions.defaults().targetColumns("f9"));
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.out.printf("Csv.read: %d rows x %d columns (gzip, %d KB) in %d ms%n", rows, cols,
                Files.size(p) / 1024, ms);
        assertThat(d.size()).isEqualTo(rows);
        float[] x = d.features().toFloatArray();
        float[] y = d.targets().toFloatArray();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols - 1; c++) {
                if (Float.floatToIntBits(x[r * (cols - 1) + c]) != Float.floatToIntBits(expected[r * cols + c])) {
                    throw new AssertionError("row " + r + " column " + c + ": " + x[r * (cols - 1) + c] + " != "
                            + expected[r * cols + c]);
                }
            }
            assertThat(y[r]).isEqualTo(expected[r * cols + cols - 1]);
        }
    }
}

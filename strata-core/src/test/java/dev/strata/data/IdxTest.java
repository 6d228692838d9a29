package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    /** An IDX file: header for {@code type} and {@code dims}, then {@code payload} as given. */
    static byte[] idx(int type, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(payload);
        return b.array();
    }

    static byte[] uint8(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void uint8ImagesRoundTripWithShapeAndBigEndianDims() throws IOException {
        // 2 images of 2x3: dims 2, 2, 3 (the sizes are big-endian ints; 258 would read as 0x0201 little-endian)
        byte[] pixels = uint8(0, 1, 2, 3, 254, 255, 10, 20, 30, 40, 50, 60);
        Path p = write("images.idx", idx(Idx.UINT8, new int[] {2, 2, 3}, pixels));
        Tensor t = Idx.read(p);
        assertThat(t.shape()).isEqualTo(Shape.of(2, 2, 3));
        assertThat(t.toFloatArray()).containsExactly(0, 1, 2, 3, 254, 255, 10, 20, 30, 40, 50, 60);
        assertThat(t.get(0, 1, 2)).isEqualTo(255f);
        assertThat(t.get(1, 0, 1)).isEqualTo(20f);
    }

    @Test
    void scalingDividesUint8By255AsFloat32() throws IOException {
        Path p = write("images.idx", idx(Idx.UINT8, new int[] {4}, uint8(0, 1, 128, 255)));
        assertThat(Idx.read(p, true).toFloatArray()).containsExactly(0f, 1f / 255f, 128f / 255f, 1f);
    }

    @Test
    void gzippedFilesAreRecognisedByTheirBytesNotTheirName() throws IOException {
        byte[] plain = idx(Idx.UINT8, new int[] {3}, uint8(7, 8, 9));
        Path gz = write("labels.gz", gzip(plain));
        Path misnamed = write("labels.idx", gzip(plain));
        assertThat(Idx.read(gz).toFloatArray()).containsExactly(7, 8, 9);
        assertThat(Idx.read(misnamed).toFloatArray()).containsExactly(7, 8, 9);
    }

    @Test
    void otherElementTypesConvertToFloat32() throws IOException {
        ByteBuffer i8 = ByteBuffer.allocate(3).put((byte) -5).put((byte) 0).put((byte) 127);
        assertThat(Idx.read(write("a", idx(Idx.INT8, new int[] {3}, i8.array()))).toFloatArray())
                .containsExactly(-5, 0, 127);
        ByteBuffer i16 = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putShort((short) -300).putShort((short) 258);
        assertThat(Idx.read(write("b", idx(Idx.INT16, new int[] {2}, i16.array()))).toFloatArray())
                .containsExactly(-300, 258);
        ByteBuffer i32 = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(-70000).putInt(16777216);
        assertThat(Idx.read(write("c", idx(Idx.INT32, new int[] {1, 2}, i32.array()))).toFloatArray())
                .containsExactly(-70000, 16777216);
        ByteBuffer f32 = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-0.25f);
        Tensor floats = Idx.read(write("d", idx(Idx.FLOAT32, new int[] {2, 1}, f32.array())));
        assertThat(floats.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(floats.toFloatArray()).containsExactly(1.5f, -0.25f);
        ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putDouble(0.1).putDouble(-2.0);
        assertThat(Idx.read(write("e", idx(Idx.FLOAT64, new int[] {2}, f64.array()))).toFloatArray())
                .containsExactly(0.1f, -2f);
    }

    @Test
    void largerThanOneChunkReadsEveryValue() throws IOException {
        // 3 x 10,000 values span several read chunks (16,384 values each)
        int n = 30_000;
        byte[] payload = new byte[n];
        for (int i = 0; i < n; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        Tensor t = Idx.read(write("big.gz", gzip(idx(Idx.UINT8, new int[] {3, 100, 100}, payload))));
        float[] v = t.toFloatArray();
        assertThat(v).hasSize(n);
        for (int i = 0; i < n; i++) {
            if (v[i] != (payload[i] & 0xff)) {
                throw new AssertionError("value " + i + " is " + v[i] + ", expected " + (payload[i] & 0xff));
            }
        }
    }

    @Test
    void zeroSizedDimensionGivesAnEmptyTensor() throws IOException {
        Tensor t = Idx.read(write("empty", idx(Idx.UINT8, new int[] {0, 28, 28}, new byte[0])));
        assertThat(t.shape()).isEqualTo(Shape.of(0, 28, 28));
        assertThat(t.toFloatArray()).isEmpty();
    }

    @Test
    void readsFromAStreamWithASourceName() {
        byte[] bytes = idx(Idx.UINT8, new int[] {2}, uint8(3, 4));
        assertThat(Idx.read(new ByteArrayInputStream(bytes), "mem", false).toFloatArray()).containsExactly(3, 4);
    }

    @Test
    void badMagicIsRejectedWithTheBytesFound() throws IOException {
        Path p = write("notes.txt", "hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Idx.read(p))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("notes.txt is not an IDX file")
                .hasMessageContaining("68 65")
                .hasMessageContaining("00 00");
    }

    @Test
    void unknownTypeByteIsRejected() throws IOException {
        Path p = write("odd", idx(0x0A, new int[] {1}, uint8(1)));
        assertThatThrownBy(() -> Idx.read(p))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("unknown element type byte 0x0a");
    }

    @Test
    void truncatedFilesSayWhatWasMissing() throws IOException {
        byte[] full = idx(Idx.UINT8, new int[] {2, 3}, uint8(1, 2, 3, 4, 5, 6));
        Path shortData = write("short", Arrays.copyOf(full, full.length - 2));
        assertThatThrownBy(() -> Idx.read(shortData))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("short is truncated")
                .hasMessageContaining("need 6 data bytes, found 4");
        Path shortHeader = write("header", Arrays.copyOf(full, 9));
        assertThatThrownBy(() -> Idx.read(shortHeader))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("truncated in its header")
                .hasMessageContaining("need 8 bytes, found 5");
        Path tiny = write("tiny", new byte[] {0, 0});
        assertThatThrownBy(() -> Idx.read(tiny))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("shorter than the 4-byte IDX magic number");
        byte[] gz = gzip(full);
        Path cutGzip = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> Idx.read(cutGzip))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("cut.gz");
    }

    @Test
    void bytesAfterTheDataAreRejected() throws IOException {
        byte[] full = idx(Idx.UINT8, new int[] {2}, uint8(1, 2, 3, 4, 5));
        assertThatThrownBy(() -> Idx.read(write("long", full)))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("has 3 byte(s) after the 2 uint8 values");
    }

    @Test
    void scalingNonUint8AndZeroDimensionsAndHugeSizesAreRejected() throws IOException {
        ByteBuffer f32 = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putFloat(1f);
        Path floats = write("f", idx(Idx.FLOAT32, new int[] {1}, f32.array()));
        assertThatThrownBy(() -> Idx.read(floats, true))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("holds float32 values");
        Path rank0 = write("r0", new byte[] {0, 0, 8, 0});
        assertThatThrownBy(() -> Idx.read(rank0))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("declares 0 dimensions");
        Path huge = write("huge", idx(Idx.UINT8, new int[] {65536, 65536}, new byte[0]));
        assertThatThrownBy(() -> Idx.read(huge))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("exceeds");
        Path negative = write("neg", idx(Idx.UINT8, new int[] {-1}, new byte[0]));
        assertThatThrownBy(() -> Idx.read(negative))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("4294967295");
    }

    @Test
    void missingFileIsNamed() {
        Path p = dir.resolve("nowhere.idx");
        assertThatThrownBy(() -> Idx.read(p))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("no such file")
                .hasMessageContaining("nowhere.idx");
    }

    // ---- Datasets.fashionMnist on a tiny generated directory -------------------------------------------------

    private void writeFashion(String part, int n, int firstLabel, boolean gz) throws IOException {
        byte[] pixels = new byte[n * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 256);
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) ((firstLabel + i) % 10);
        }
        byte[] images = idx(Idx.UINT8, new int[] {n, 28, 28}, pixels);
        byte[] lab = idx(Idx.UINT8, new int[] {n}, labels);
        String suffix = gz ? ".gz" : "";
        write(part + "-images-idx3-ubyte" + suffix, gz ? gzip(images) : images);
        write(part + "-labels-idx1-ubyte" + suffix, gz ? gzip(lab) : lab);
    }

    @Test
    void fashionMnistFlattensScalesAndPairsLabels() throws IOException {
        writeFashion("train", 3, 7, true);
        writeFashion("t10k", 2, 0, false);
        Split s = Datasets.fashionMnist(dir);
        Table train = s.train();
        Table test = s.test();
        assertThat(train.features().shape()).isEqualTo(Shape.of(3, 784));
        assertThat(train.targets().shape()).isEqualTo(Shape.of(3));
        assertThat(train.targets().toFloatArray()).containsExactly(7, 8, 9);
        assertThat(test.features().shape()).isEqualTo(Shape.of(2, 784));
        assertThat(test.targets().toFloatArray()).containsExactly(0, 1);
        // pixel 300 of image 1 is byte (784 + 300) % 256 = 60
        assertThat(train.features().get(1, 300)).isEqualTo(60f / 255f);
        assertThat(train.featureNames()).hasSize(784).startsWith("pixel0").endsWith("pixel783");
        assertThat(train.targetName()).isEqualTo("label");
        assertThat(Datasets.fashionMnist(dir, false).train().features().get(1, 300)).isEqualTo(60f);
        assertThat(Datasets.fashionMnistClassNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
    }

    @Test
    void fashionMnistChecksTheFilesFitTogether() throws IOException {
        writeFashion("train", 3, 0, true);
        assertThatThrownBy(() -> Datasets.fashionMnist(dir))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz nor")
                .hasMessageContaining("four Fashion-MNIST IDX files");
        writeFashion("t10k", 2, 0, true);
        write("t10k-labels-idx1-ubyte.gz", gzip(idx(Idx.UINT8, new int[] {3}, uint8(1, 2, 3))));
        assertThatThrownBy(() -> Datasets.fashionMnist(dir))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("has 2 images; expected (2,) labels");
        write("t10k-labels-idx1-ubyte.gz", gzip(idx(Idx.UINT8, new int[] {2}, uint8(1, 12))));
        assertThatThrownBy(() -> Datasets.fashionMnist(dir))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("label 1")
                .hasMessageContaining("is 12.0");
        write("t10k-labels-idx1-ubyte.gz", gzip(idx(Idx.UINT8, new int[] {2}, uint8(1, 2))));
        write("t10k-images-idx3-ubyte.gz", gzip(idx(Idx.UINT8, new int[] {2, 4, 4}, new byte[32])));
        assertThatThrownBy(() -> Datasets.fashionMnist(dir))
                .isInstanceOf(IdxException.class)
                .hasMessageContaining("holds shape (2, 4, 4)");
    }

    /**
     * The real files, when the shared data sets are beside the repository (as on the project's machines and CI):
     * counts and the mean pixel from {@code shared/datasets/mnist/README.md}, "Verification".
     */
    @Test
    void realFashionMnistMatchesTheReadmeFigures() {
        Path real = Path.of("..", "..", "shared", "datasets", "mnist", "fashion-mnist");
        Assumptions.assumeTrue(Files.isDirectory(real), "no shared Fashion-MNIST at " + real.toAbsolutePath());
        Split s = Datasets.fashionMnist(real, false);
        assertThat(s.train().size()).isEqualTo(60_000);
        assertThat(s.test().size()).isEqualTo(10_000);
        assertThat(mean(s.train().features().toFloatArray())).isCloseTo(72.9404, within(5e-5));
        assertThat(mean(s.test().features().toFloatArray())).isCloseTo(73.1466, within(5e-5));
        int[] perClass = new int[10];
        for (float y : s.train().targets().toFloatArray()) {
            perClass[(int) y]++;
        }
        assertThat(perClass).containsOnly(6000);
    }

    private static double mean(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}

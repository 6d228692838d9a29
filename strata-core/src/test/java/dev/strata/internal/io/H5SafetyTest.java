package dev.strata.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ModelFormatException;
import dev.strata.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged and hostile HDF5 files fail with a {@link ModelFormatException} that names the file, the HDF5 path
 * and the problem, before anything large is allocated. The h5py-made files come from
 * tools/keras-interop/make_hostile_h5.py.
 */
@Timeout(60)
class H5SafetyTest {

    private static Path hostile(String name) {
        return Fixtures.dir().resolveSibling("keras-hostile").resolve(name);
    }

    /** A file with one float32 dataset of shape (2, 3) at layers/dense/vars/0. */
    private static byte[] small() {
        WeightsFile f = new WeightsFile();
        f.root().groupsOrCreate("layers/dense/vars").attribute("name", "dense")
                .putFloats("0", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        return f.toBytes();
    }

    /** The bytes of the (2, 3) dataspace message, to patch its dimensions. */
    private static int dataspaceAt(byte[] b) {
        byte[] pattern = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1).putShort((short) 24).putInt(0)
                .put(new byte[] {1, 2, 0, 0, 0, 0, 0, 0}).putLong(2).putLong(3).array();
        for (int i = 0; i + pattern.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i + 16;
            }
        }
        throw new AssertionError("dataspace not found");
    }

    private static byte[] withDims(long d0, long d1) {
        byte[] b = small();
        int at = dataspaceAt(b);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at, d0).putLong(at + 8, d1);
        return b;
    }

    @Test
    void declaredShapeLargerThanTheFileIsRejectedBeforeAllocating() {
        byte[] b = withDims(1000, 1000);
        assertThatThrownBy(() -> WeightsFile.read(b, "big.h5"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read big.h5 at /layers/dense/vars/0: declared shape [1000, 1000] of float32 needs "
                        + "4000000 bytes but the file has only " + b.length + " bytes")
                .extracting(e -> ((ModelFormatException) e).pathInFile()).isEqualTo("/layers/dense/vars/0");
    }

    @Test
    void declaredShapeBeyondAJavaArrayIsRejected() {
        assertThatThrownBy(() -> WeightsFile.read(withDims(100_000, 100_000), "huge.h5"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("huge.h5 at /layers/dense/vars/0")
                .hasMessageContaining("more elements than a Java array can hold");
        // Dimensions over 2^31 do not fit jhdf's int[] dimensions: jhdf fails while listing the group, so the
        // message names the group and the object header, and says why.
        assertThatThrownBy(() -> WeightsFile.read(withDims(1L << 40, 1L << 40), "huger.h5"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("Cannot read huger.h5 at /layers/dense/vars: damaged HDF5 structure (")
                .hasMessageContaining("Failed to read object header at address")
                .hasMessageContaining("integer overflow");
    }

    @Test
    void datasetsSharingBytesCannotMultiplyMemory() {
        // d0 holds 3000 floats (12000 bytes, nearly the whole file); d1 holds one float. Patch d1 to declare 3000
        // floats stored at d0's address: each alone fits the file, together they do not. Thousands of such
        // headers would otherwise decode a small file into gigabytes.
        WeightsFile f = new WeightsFile();
        f.root().putFloats("d0", new int[] {3000}, new float[3000]);
        f.root().putFloats("d1", new int[] {1}, new float[] {7});
        byte[] b = f.toBytes();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int d0Layout = find(b, layoutHeader(), 12000);
        int d1Layout = find(b, layoutHeader(), 4);
        long d0Address = bb.getLong(d0Layout + 10);
        bb.putLong(d1Layout + 10, d0Address).putLong(d1Layout + 18, 12000);
        byte[] space1 = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) 16)
                .putInt(0).put(new byte[] {1, 1, 0, 0, 0, 0, 0, 0}).putLong(1).array();
        int s1 = indexOf(b, space1);
        bb.putLong(s1 + 16, 3000);
        assertThatThrownBy(() -> WeightsFile.read(b, "shared.h5"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read shared.h5 at /d1: declared shape [3000] of float32 needs 12000 bytes but the "
                        + "file has only " + b.length + " bytes (" + (b.length - 12000) + " left after the other datasets)");
    }

    private static byte[] layoutHeader() {
        return new byte[] {8, 0, 24, 0, 0, 0, 0, 0, 3, 1};
    }

    /** The offset of the layout message (pattern {@code head}) whose size field is {@code size}. */
    private static int find(byte[] b, byte[] head, long size) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 26 <= b.length; i++) {
            if (Arrays.equals(b, i, i + head.length, head, 0, head.length) && bb.getLong(i + 18) == size) {
                return i;
            }
        }
        throw new AssertionError("layout not found");
    }

    private static int indexOf(byte[] b, byte[] pattern) {
        for (int i = 0; i + pattern.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void notHdf5() {
        assertThatThrownBy(() -> WeightsFile.read("{\"keras_version\": 3}".getBytes(), "w.h5"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read w.h5: not an HDF5 file (20 bytes starting with 7b 22 6b 65 72 61 73 5f)");
        assertThatThrownBy(() -> WeightsFile.read(new byte[0], "empty.h5"))
                .hasMessage("Cannot read empty.h5: not an HDF5 file (the data is empty)");
    }

    @Test
    void truncatedFile() {
        byte[] b = small();
        assertThatThrownBy(() -> WeightsFile.read(Arrays.copyOf(b, b.length / 2), "cut.h5"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("Cannot read cut.h5 at /");
        assertThatThrownBy(() -> WeightsFile.read(Arrays.copyOf(b, 10), "cut.h5"))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("damaged HDF5 structure");
    }

    @Test
    void wrongDatasetType() {
        byte[] b = small();
        byte[] floatType = {0x11, 0x20, 31, 0, 4, 0, 0, 0};
        for (int i = 0; i + floatType.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + floatType.length, floatType, 0, floatType.length)) {
                b[i] = 0x13; // class 3: a fixed-length string, null-terminated ASCII
                b[i + 1] = 0;
                b[i + 2] = 0;
            }
        }
        assertThatThrownBy(() -> WeightsFile.read(b, "str.h5")).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("str.h5 at /layers/dense/vars/0: unsupported dataset type");
        assertThatThrownBy(() -> WeightsFile.read(hostile("string_dataset.h5")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("string_dataset.h5 at /layers/dense/vars/0: unsupported dataset type");
        assertThatThrownBy(() -> WeightsFile.read(hostile("compound_dataset.h5")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("compound_dataset.h5 at /layers/dense/vars/0: dataset has a compound");
    }

    @Test
    void linksAreRefused() {
        assertThatThrownBy(() -> WeightsFile.read(hostile("external_link.h5")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("external_link.h5 at /layers: soft or external link");
        assertThatThrownBy(() -> WeightsFile.read(hostile("soft_link.h5")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("soft_link.h5 at /layers/dense/vars/1: soft or external link");
    }

    @Test
    void cyclesEnd() {
        assertThatThrownBy(() -> WeightsFile.read(hostile("cycle.h5")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("cycle.h5 at /layers/dense/vars/loop: group is reached twice");
    }

    @Test
    void deepNestingIsBounded() {
        WeightsFile f = new WeightsFile();
        H5Group g = f.root();
        for (int i = 0; i < 70; i++) {
            g = g.groupOrCreate("g");
        }
        assertThatThrownBy(() -> WeightsFile.read(f.toBytes(), "deep.h5"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("groups nested deeper than 64 levels");
    }

    @Test
    void compressionBombIsRejected() {
        assertThatThrownBy(() -> WeightsFile.read(hostile("gzip_bomb.h5")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("gzip_bomb.h5 at /layers/dense/vars/0: declared shape [10000, 10000] of float32 "
                        + "needs 400000000 bytes, more than 100x the file");
    }

    @Test
    void unusualButValidFilesRead() {
        WeightsFile f = WeightsFile.read(hostile("unusual_ok.h5"));
        assertThat(f.root().dataset("chunked").toFloatArray()[999]).isEqualTo(999f);
        assertThat(f.root().dataset("f64").dataType()).isEqualTo(H5DataType.FLOAT64);
        assertThat(f.root().dataset("f64").toFloatArray()).containsExactly(1.5f, -2.25f);
        assertThat(f.root().dataset("f16").toFloatArray()).containsExactly(0.5f, 65504f);
        assertThat(f.root().dataset("u8").toLongArray()).containsExactly(0, 255);
        assertThat(f.root().dataset("bf16").toFloatArray()).containsExactly(1f, -2f);
        assertThat((long[]) f.root().attributes().get("numbers")).containsExactly(1, 2, 3);
        assertThat(f.root().stringAttribute("fixed")).isEqualTo("fixed-length");
        assertThat(FileFormat.sniff(Fixtures.bytes("k3_vladmurnik_sequential_mlp.weights.h5"))).isEqualTo(FileFormat.HDF5);
    }
}

package dev.strata.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ModelFormatException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strata's HDF5 writer against its reader (jhdf): trees like Keras's come back equal. h5py reading the same
 * bytes is checked by tools/keras-interop/check_h5.py on the file {@link #writeInteropFiles} leaves in
 * target/interop (run by hand; the result is recorded in the report and the script's header).
 */
class WeightsFileRoundTripTest {

    /** A tree shaped like Keras 3's model.weights.h5 for a small compiled Sequential, plus edge cases. */
    static WeightsFile kerasLikeTree() {
        WeightsFile f = new WeightsFile();
        H5Group root = f.root();
        H5Group dense = root.groupsOrCreate("layers/dense/vars").attribute("name", "dense_7");
        dense.putTensor("0", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        dense.putTensor("1", Tensor.of(new float[] {0.5f, -0.25f}, 2));
        root.groupsOrCreate("layers/dropout/vars").attribute("name", "dropout");
        H5Group cell = root.groupsOrCreate("layers/lstm/cell/vars").attribute("name", "lstm_cell");
        cell.putFloats("0", new int[] {2, 1, 2, 2}, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        cell.putFloats("1", new int[] {0}, new float[0]);
        root.groupsOrCreate("layers/lstm/vars").attribute("name", "lstm");
        H5Group norm = root.groupsOrCreate("layers/normalization/vars").attribute("name", "normalization_1");
        norm.putFloats("0", new int[] {3}, new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0.0f});
        norm.putScalar("2", H5DataType.INT32, 123_456);
        H5Group opt = root.groupsOrCreate("optimizer/vars").attribute("name", "adam");
        opt.putScalar("0", H5DataType.INT64, 7);
        opt.putScalar("1", 0.001f);
        for (int i = 2; i < 30; i++) { // more links than libhdf5's compact-group default of 8
            opt.putFloats(Integer.toString(i), new int[] {1, 2}, new float[] {i, -i});
        }
        root.groupOrCreate("vars").attribute("name", "sequential");
        root.groupsOrCreate("unicode/vars").attribute("name", "dénse ✓ 層")
                .attributes().put("names", List.of("a", "", "ccc"));
        root.groupOrCreate("layers\\dense_bs"); // a Keras 2.15 Windows-style name: backslash kept literally
        root.groupOrCreate("big").putScalar("max", H5DataType.INT64, Long.MAX_VALUE);
        root.group("big").putScalar("min", H5DataType.INT64, Long.MIN_VALUE);
        return f;
    }

    @Test
    void kerasLikeTreeRoundTrips() {
        WeightsFile f = kerasLikeTree();
        WeightsFile back = WeightsFile.read(f.toBytes(), "tree.h5");
        assertSameTree(f.root(), back.root());
        assertThat(back.root().attributes()).as("no _jHDF or other root attribute").isEmpty();
        assertThat(back.listing()).contains(
                "layers/dense/vars/ name=dense_7",
                "layers/dense/vars/0 [3, 2] float32",
                "layers/lstm/cell/vars/0 [2, 1, 2, 2] float32",
                "layers/lstm/cell/vars/1 [0] float32",
                "optimizer/vars/0 [] int64",
                "optimizer/vars/1 [] float32",
                "layers/normalization/vars/2 [] int32",
                "vars/ name=sequential");
        assertThat(back.root().dataset("optimizer/vars/0").longValue()).isEqualTo(7);
        assertThat(back.root().dataset("big/max").longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(back.root().dataset("big/min").longValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(back.root().group("layers/dropout/vars").isEmpty()).isTrue();
        assertThat(back.root().group("unicode/vars").stringAttribute("name")).isEqualTo("dénse ✓ 層");
        assertThat(back.root().group("unicode/vars").stringListAttribute("names")).containsExactly("a", "", "ccc");
        Tensor k = back.root().dataset("layers/dense/vars/0").toTensor();
        assertThat(k.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(k.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(back.root().dataset("optimizer/vars/1").toTensor().shape()).isEqualTo(Shape.scalar());
        float[] special = back.root().dataset("layers/normalization/vars/0").toFloatArray();
        assertThat(Float.isNaN(special[0])).isTrue();
        assertThat(special[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(special[2])).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }

    @Test
    void bytesAreDeterministic() {
        assertThat(kerasLikeTree().toBytes()).isEqualTo(kerasLikeTree().toBytes());
    }

    @Test
    void writeAndReadAFile(@TempDir Path dir) {
        Path p = dir.resolve("model.weights.h5");
        kerasLikeTree().write(p);
        WeightsFile back = WeightsFile.read(p);
        assertThat(back.source()).isEqualTo(p.toString());
        assertSameTree(kerasLikeTree().root(), back.root());
    }

    @Test
    void readsFromAStreamWithALimit() {
        byte[] b = kerasLikeTree().toBytes();
        WeightsFile f = WeightsFile.read(new java.io.ByteArrayInputStream(b), "stream.h5", b.length);
        assertThat(f.listing()).isEqualTo(kerasLikeTree().listing());
        assertThatThrownBy(() -> WeightsFile.read(new java.io.ByteArrayInputStream(b), "stream.h5", b.length - 1))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read stream.h5: HDF5 data longer than the " + (b.length - 1) + " bytes allowed");
    }

    @Test
    void missingFileIsAnIoError(@TempDir Path dir) {
        assertThatThrownBy(() -> WeightsFile.read(dir.resolve("nope.h5")))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("nope.h5");
    }

    @Test
    void sniffing() {
        byte[] h5 = new WeightsFile().toBytes();
        assertThat(FileFormat.sniff(h5)).isEqualTo(FileFormat.HDF5);
        byte[] withUserBlock = new byte[512 + h5.length];
        System.arraycopy(h5, 0, withUserBlock, 512, h5.length);
        assertThat(FileFormat.sniff(withUserBlock)).isEqualTo(FileFormat.HDF5);
        assertThat(FileFormat.sniff(new byte[] {'P', 'K', 3, 4, 0})).isEqualTo(FileFormat.KERAS_ZIP);
        assertThat(FileFormat.sniff(new byte[] {'P', 'K', 5, 6})).isEqualTo(FileFormat.UNKNOWN);
        assertThat(FileFormat.sniff(new byte[0])).isEqualTo(FileFormat.UNKNOWN);
    }

    @Test
    void emptyFileRoundTrips() {
        WeightsFile back = WeightsFile.read(new WeightsFile().toBytes(), "empty.h5");
        assertThat(back.root().children()).isEmpty();
        assertThat(back.root().attributes()).isEmpty();
    }

    @Test
    void writerRejectsWhatItCannotWrite() {
        WeightsFile f = new WeightsFile();
        f.root().attributes().put("n", 3L);
        assertThatThrownBy(f::toBytes).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribute 'n' has a Long value");
        H5Group g = H5Group.newRoot();
        assertThatThrownBy(() -> g.putLongs("x", H5DataType.INT32, new int[0], new long[] {1L << 40}))
                .hasMessageContaining("does not fit int32");
        assertThatThrownBy(() -> g.putFloats("a/b", new int[] {1}, new float[] {1}))
                .hasMessageContaining("invalid HDF5 link name 'a/b'");
        assertThatThrownBy(() -> g.putFloats("x", new int[] {2, 2}, new float[3]))
                .hasMessageContaining("3 values cannot fill shape [2, 2]");
        g.putScalar("x", 1f);
        assertThatThrownBy(() -> g.putScalar("x", 2f)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> g.groupOrCreate("x")).hasMessageContaining("is a dataset");
    }

    static List<String> fixtureFiles() {
        return Fixtures.modelFiles();
    }

    /** Every real Keras weights file survives being rewritten by Strata's writer, values bit for bit. */
    @ParameterizedTest
    @MethodSource("fixtureFiles")
    void fixturesSurviveRewriting(String name) {
        WeightsFile original = WeightsFile.read(FixtureMembers.hdf5Bytes(name), name);
        // Strata writes string and string-list attributes; numeric ones (none in Keras 3 files) are dropped here.
        original.root().walk(n -> n.attributes().values().removeIf(v -> !(v instanceof String || v instanceof List)));
        List<String> unwritable = new ArrayList<>();
        original.root().walk(n -> {
            if (n instanceof H5Dataset d && d.dataType() != H5DataType.FLOAT32 && d.dataType() != H5DataType.INT64
                    && d.dataType() != H5DataType.INT32) {
                unwritable.add(d.path());
            }
        });
        org.junit.jupiter.api.Assumptions.assumeTrue(unwritable.isEmpty(), () -> "types Strata does not write: " + unwritable);
        WeightsFile back = WeightsFile.read(original.toBytes(), name + " (rewritten)");
        assertSameTree(original.root(), back.root());
    }

    /** Leaves Strata-written files in target/interop for tools/keras-interop/check_h5.py. */
    @Test
    void writeInteropFiles() throws Exception {
        Path dir = Path.of("target/interop");
        Files.createDirectories(dir);
        WeightsFile tree = kerasLikeTree();
        tree.write(dir.resolve("strata_tree.weights.h5"));
        StringBuilder expected = new StringBuilder();
        for (String line : tree.listing()) {
            expected.append(line).append('\n');
        }
        Files.writeString(dir.resolve("strata_tree.listing.txt"), expected);
        // A real model's archive re-encoded by Strata: Python Keras must load it and predict as before.
        for (String fixture : List.of("book_sequential_mlp.keras", "book_functional_wide_deep.keras",
                "k3_saheart_sequential_bn.keras", "k3_water_sequential_lstm.keras")) {
            KerasArchive a = KerasArchive.read(Fixtures.file(fixture));
            KerasArchive rewritten = new KerasArchive(a.metadataJson(), a.configJson(),
                    WeightsFile.read(a.weights().toBytes(), "rewritten"), Map.of());
            rewritten.write(dir.resolve("strata_" + fixture));
            Files.copy(Fixtures.file(fixture.replace(".keras", ".io.json")), dir.resolve("strata_" + fixture.replace(".keras", ".io.json")),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Files.size(dir.resolve("strata_tree.weights.h5"))).isPositive();
    }

    static void assertSameTree(H5Group a, H5Group b) {
        assertThat(b.attributes().keySet()).as("attributes of %s", a.path()).isEqualTo(a.attributes().keySet());
        for (Map.Entry<String, Object> e : a.attributes().entrySet()) {
            assertThat(b.attributes().get(e.getKey())).as("attribute %s of %s", e.getKey(), a.path()).isEqualTo(e.getValue());
        }
        assertThat(new java.util.TreeSet<>(b.children().keySet())).as("children of %s", a.path())
                .isEqualTo(new java.util.TreeSet<>(a.children().keySet()));
        for (H5Node c : a.children().values()) {
            H5Node d = b.children().get(c.name());
            if (c instanceof H5Group cg) {
                assertThat(d).as(c.path()).isInstanceOf(H5Group.class);
                assertSameTree(cg, (H5Group) d);
            } else {
                H5Dataset x = (H5Dataset) c;
                assertThat(d).as(c.path()).isInstanceOf(H5Dataset.class);
                H5Dataset y = (H5Dataset) d;
                assertThat(y.dataType()).as(c.path()).isEqualTo(x.dataType());
                assertThat(y.shape()).as(c.path()).isEqualTo(x.shape());
                if (x.dataType().isInteger()) {
                    assertThat(y.toLongArray()).as(c.path()).isEqualTo(x.toLongArray());
                } else {
                    float[] xv = x.toFloatArray();
                    float[] yv = y.toFloatArray();
                    assertThat(yv.length).isEqualTo(xv.length);
                    for (int i = 0; i < xv.length; i++) {
                        assertThat(Float.floatToRawIntBits(yv[i])).as("%s[%d]", c.path(), i)
                                .isEqualTo(Float.floatToRawIntBits(xv[i]));
                    }
                }
            }
        }
    }
}

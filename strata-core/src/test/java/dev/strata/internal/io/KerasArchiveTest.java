package dev.strata.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ModelFormatException;
import dev.strata.tensor.Tensor;
import dev.strata.testing.Fixtures;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The .keras container: reading the fixtures, writing as Keras does (byte-checked), atomic saves, hostile zips. */
@Timeout(120)
class KerasArchiveTest {

    static List<String> zipFixtures() {
        return Fixtures.modelFiles().stream().filter(n -> n.endsWith(".keras"))
                .filter(n -> FileFormat.sniff(Fixtures.bytes(n)) == FileFormat.KERAS_ZIP).toList();
    }

    @ParameterizedTest
    @MethodSource("zipFixtures")
    void readsEveryKerasFixture(String name) {
        KerasArchive a = KerasArchive.read(Fixtures.file(name));
        assertThat(a.source()).endsWith(name);
        assertThat(a.kerasVersion()).matches("[23]\\.\\d+\\.\\d+");
        assertThat(a.configJson()).startsWith("{").contains("\"class_name\"");
        assertThat(a.weights().listing()).isNotEmpty();
        assertThat(a.assets()).isEmpty();
    }

    @Test
    void metadataIsFormattedLikePython() {
        KerasArchive a = KerasArchive.read(Fixtures.file("book_sequential_mlp.keras"));
        assertThat(KerasArchive.metadataJson("3.15.1", LocalDateTime.of(2026, 11, 24, 14, 3, 30)))
                .isEqualTo(a.metadataJson())
                .isEqualTo("{\"keras_version\": \"3.15.1\", \"date_saved\": \"2026-11-24@14:03:30\"}");
    }

    /**
     * Strata's zip is Python's: given the same member contents and dates, every byte of the local headers and
     * central directory matches a Keras-written file except the weights member's CRC, sizes and the offsets
     * after it (the HDF5 bytes differ: libhdf5 lays files out differently).
     */
    @Test
    void zipLayoutMatchesKerasByteForByte() {
        byte[] keras = Fixtures.bytes("book_sequential_mlp.keras");
        List<ZipCodec.Member> members = ZipCodec.read(keras, "fixture");
        assertThat(members).extracting(ZipCodec.Member::name).containsExactly("metadata.json", "config.json", "model.weights.h5");
        KerasArchive a = KerasArchive.read(keras, "fixture");
        byte[] ours = a.toBytes(members.get(2).time());
        List<ZipCodec.Entry> theirs = ZipCodec.entries(keras, "fixture");
        List<ZipCodec.Entry> mine = ZipCodec.entries(ours, "strata");
        assertThat(mine).extracting(ZipCodec.Entry::name).containsExactly("metadata.json", "config.json", "model.weights.h5");
        assertThat(mine).allSatisfy(e -> assertThat(e.method()).as("STORED").isZero());
        assertThat(mine.get(0).dosDate()).isEqualTo(0x21).isEqualTo(theirs.get(0).dosDate()); // 1980-01-01
        assertThat(mine.get(0).dosTime()).isZero();
        // Everything up to the weights' data: both small members and the weights' local header (but CRC, sizes).
        int weightsHeader = (int) theirs.get(2).localOffset();
        assertThat(mine.get(2).localOffset()).isEqualTo(weightsHeader);
        assertThat(Arrays.copyOf(ours, weightsHeader)).isEqualTo(Arrays.copyOf(keras, weightsHeader));
        assertThat(maskLocal(ours, weightsHeader)).isEqualTo(maskLocal(keras, weightsHeader));
        // Central directory entries, masking CRC, sizes and offset; then the end record's counts.
        int cdOurs = centralStart(ours);
        int cdTheirs = centralStart(keras);
        for (int i = 0, p = cdOurs, q = cdTheirs; i < 3; i++) {
            int len = 46 + ZipCodec.u16(ours, p + 28);
            assertThat(maskCentral(ours, p, len)).as("central entry %d", i).isEqualTo(maskCentral(keras, q, len));
            assertThat(ZipCodec.u16(ours, p + 4)).as("made by Unix, 2.0").isEqualTo(0x0314);
            assertThat(ZipCodec.u32(ours, p + 38)).as("external attributes 0600").isEqualTo(0x1800000L);
            p += len;
            q += len;
        }
        int endOurs = ours.length - 22;
        int endTheirs = keras.length - 22;
        assertThat(Arrays.copyOfRange(ours, endOurs, endOurs + 16)).isEqualTo(Arrays.copyOfRange(keras, endTheirs, endTheirs + 16));
        assertThat(Arrays.copyOfRange(ours, endOurs + 20, ours.length)).isEqualTo(Arrays.copyOfRange(keras, endTheirs + 20, keras.length));
    }

    private static byte[] maskLocal(byte[] zip, int at) {
        int len = 30 + ZipCodec.u16(zip, at + 26);
        byte[] h = Arrays.copyOfRange(zip, at, at + len);
        Arrays.fill(h, 14, 26, (byte) 0); // CRC, compressed and uncompressed sizes
        return h;
    }

    private static byte[] maskCentral(byte[] zip, int at, int len) {
        byte[] h = Arrays.copyOfRange(zip, at, at + len);
        Arrays.fill(h, 16, 28, (byte) 0); // CRC, sizes
        Arrays.fill(h, 42, 46, (byte) 0); // local header offset
        return h;
    }

    private static int centralStart(byte[] zip) {
        return (int) ZipCodec.u32(zip, zip.length - 22 + 16);
    }

    @Test
    void roundTripWithAssets(@TempDir Path dir) {
        WeightsFile w = new WeightsFile();
        w.root().groupsOrCreate("layers/dense/vars").attribute("name", "dense").putTensor("0", Tensor.of(new float[] {1, 2}, 1, 2));
        w.root().groupOrCreate("vars").attribute("name", "sequential");
        Map<String, byte[]> assets = new LinkedHashMap<>();
        assets.put("string_lookup/vocabulary.txt", "a\nb\n".getBytes(StandardCharsets.UTF_8));
        String meta = KerasArchive.metadataJson("3.15.1", LocalDateTime.of(2026, 1, 2, 3, 4, 5));
        KerasArchive a = new KerasArchive(meta, "{\"class_name\": \"Sequential\"}", w, assets);
        Path p = dir.resolve("m.keras");
        a.write(p);
        KerasArchive b = KerasArchive.read(p);
        assertThat(b.metadataJson()).isEqualTo(meta);
        assertThat(b.kerasVersion()).isEqualTo("3.15.1");
        assertThat(b.configJson()).isEqualTo("{\"class_name\": \"Sequential\"}");
        assertThat(b.assets().keySet()).containsExactly("string_lookup/vocabulary.txt");
        assertThat(b.assets().get("string_lookup/vocabulary.txt")).isEqualTo("a\nb\n".getBytes(StandardCharsets.UTF_8));
        assertThat(b.weights().listing()).isEqualTo(w.listing());
        assertThat(ZipCodec.entries(Fixtures.bytes("book_sequential_mlp.keras"), "x")).hasSize(3);
        assertThat(ZipCodec.entries(a.toBytes(), "x")).extracting(ZipCodec.Entry::name)
                .containsExactly("metadata.json", "config.json", "model.weights.h5", "assets/string_lookup/vocabulary.txt");
        assertThatThrownBy(() -> new KerasArchive(meta, "{}", w, Map.of("../evil", new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("asset path '../evil'");
    }

    // ---- atomic saves -------------------------------------------------------------------------------------

    private static KerasArchive bigArchive(String version) {
        WeightsFile w = new WeightsFile();
        w.root().groupsOrCreate("layers/dense/vars").putFloats("0", new int[] {100_000}, new float[100_000]);
        return new KerasArchive(KerasArchive.metadataJson(version, LocalDateTime.now()), "{}", w, Map.of());
    }

    private static List<Path> strayFiles(Path dir, String keep) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().equals(keep)).toList();
        }
    }

    @Test
    void failureDuringSaveLeavesThePreviousFile(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("model.keras");
        bigArchive("1.0.0").write(p);
        byte[] before = Files.readAllBytes(p);
        byte[] next = bigArchive("2.0.0").toBytes();
        assertThat(next.length).isGreaterThan(3 * AtomicFiles.CHUNK);
        long[] seen = {0};
        assertThatThrownBy(() -> AtomicFiles.write(p, next, (temp, written) -> {
            seen[0] = written;
            assertThat(Files.size(temp)).isEqualTo(written);
            if (written >= 2 * AtomicFiles.CHUNK) {
                throw new IOException("disk full (simulated)");
            }
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full (simulated)")
                .hasMessageContaining(p.toString());
        assertThat(seen[0]).isEqualTo(2L * AtomicFiles.CHUNK);
        assertThat(Files.readAllBytes(p)).isEqualTo(before);
        assertThat(strayFiles(dir, "model.keras")).as("temporary file removed").isEmpty();
        // A runtime exception (a bug, an interrupt) is handled the same way.
        assertThatThrownBy(() -> AtomicFiles.write(p, next, (t, w) -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readAllBytes(p)).isEqualTo(before);
        assertThat(strayFiles(dir, "model.keras")).isEmpty();
        AtomicFiles.write(p, next);
        assertThat(Files.readAllBytes(p)).isEqualTo(next);
        assertThat(KerasArchive.read(p).kerasVersion()).isEqualTo("2.0.0");
        assertThat(strayFiles(dir, "model.keras")).isEmpty();
    }

    @Test
    void writingIntoADirectoryOrMissingFolderFails(@TempDir Path dir) {
        assertThatThrownBy(() -> bigArchive("1").write(dir)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("is a directory");
        assertThatThrownBy(() -> bigArchive("1").write(dir.resolve("no/such/dir/m.keras")))
                .isInstanceOf(UncheckedIOException.class);
    }

    /** A JVM killed (SIGKILL) in the middle of a save leaves the previous file as it was. */
    @Test
    void killDuringSaveLeavesThePreviousFile(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("model.keras");
        Files.write(p, "previous".getBytes(StandardCharsets.US_ASCII));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process proc = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowSaveMain.class.getName(), p.toString(), Integer.toString(20 * AtomicFiles.CHUNK))
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("STARTED")) {
                // SLF4J or JVM notices before the first chunk
            }
            assertThat(line).as("the child started writing").isNotNull();
            proc.destroyForcibly(); // SIGKILL on Unix: no finally blocks, no shutdown hooks
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(p)).isEqualTo("previous");
        // The temporary file may remain after a kill; it never has the target's name.
        assertThat(strayFiles(dir, "model.keras")).allSatisfy(f ->
                assertThat(f.getFileName().toString()).startsWith(".model.keras.").endsWith(".tmp"));
        // The next save of the same target removes what the killed one left, and nothing of other targets.
        Path otherLeftover = Files.writeString(dir.resolve(".model.keras.v2.123.tmp"), "another target's");
        Path oldLeftover = Files.writeString(dir.resolve(".model.keras.987654321.tmp"), "killed earlier");
        AtomicFiles.write(p, "next".getBytes(StandardCharsets.US_ASCII));
        assertThat(Files.readString(p)).isEqualTo("next");
        assertThat(oldLeftover).doesNotExist();
        assertThat(otherLeftover).exists();
        assertThat(strayFiles(dir, "model.keras")).containsExactly(otherLeftover);
    }

    /** A save never deletes the temporary file of a save still running, in another process or in this one. */
    @Test
    void aSaveInProgressKeepsItsTemporaryFile(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("model.keras");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process proc = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowSaveMain.class.getName(), p.toString(), Integer.toString(20 * AtomicFiles.CHUNK))
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("STARTED")) {
                // SLF4J or JVM notices before the first chunk
            }
            assertThat(line).as("the child started writing").isNotNull();
            Path childTemp = Path.of(line.substring("STARTED ".length()));
            AtomicFiles.write(p, "mine".getBytes(StandardCharsets.US_ASCII));
            assertThat(childTemp).as("the other process's temporary file").exists();
            // In this process: a write whose hook runs another write of the same target.
            AtomicFiles.write(p, "outer".getBytes(StandardCharsets.US_ASCII), (temp, written) -> {
                AtomicFiles.write(p, "inner".getBytes(StandardCharsets.US_ASCII));
                assertThat(temp).as("the outer write's temporary file").exists();
            });
            assertThat(Files.readString(p)).isEqualTo("outer");
        } finally {
            proc.destroyForcibly();
            proc.waitFor(30, TimeUnit.SECONDS);
        }
    }

    // ---- damaged and hostile archives ---------------------------------------------------------------------

    private static byte[] archive(String... namesAndTexts) {
        List<ZipCodec.Member> members = new java.util.ArrayList<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            members.add(new ZipCodec.Member(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8),
                    LocalDateTime.of(1980, 1, 1, 0, 0)));
        }
        return ZipCodec.write(members);
    }

    private static byte[] validArchive() {
        return bigArchiveSmall().toBytes(LocalDateTime.of(2026, 1, 1, 0, 0));
    }

    private static KerasArchive bigArchiveSmall() {
        WeightsFile w = new WeightsFile();
        w.root().groupOrCreate("vars").attribute("name", "m");
        return new KerasArchive(KerasArchive.metadataJson("3.15.1", LocalDateTime.of(2026, 1, 1, 0, 0)),
                "{\"class_name\": \"Sequential\"}", w, Map.of());
    }

    private static void replace(byte[] b, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + f.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, b, i, t.length);
            }
        }
    }

    @Test
    void notAZip() {
        assertThatThrownBy(() -> KerasArchive.read("{\"a\": 1}".getBytes(), "m.keras"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read m.keras: not a .keras zip archive (8 bytes starting with 7b 22 61 22 3a 20 31 7d)");
        assertThatThrownBy(() -> KerasArchive.read(new byte[0], "m.keras")).hasMessageContaining("the data is empty");
    }

    @Test
    void truncatedArchive() {
        byte[] b = validArchive();
        assertThatThrownBy(() -> KerasArchive.read(Arrays.copyOf(b, b.length - 10), "cut.keras"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read cut.keras: no zip end-of-central-directory record; the file is truncated or not a zip archive");
        assertThatThrownBy(() -> KerasArchive.read(Arrays.copyOf(b, 3), "cut.keras")).isInstanceOf(ModelFormatException.class);
    }

    @Test
    void missingMembers() {
        byte[] noWeights = archive("metadata.json", "{\"keras_version\": \"3.15.1\"}", "config.json", "{}");
        assertThatThrownBy(() -> KerasArchive.read(noWeights, "m.keras")).isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read m.keras at model.weights.h5: member missing; the archive holds [metadata.json, config.json]")
                .extracting(e -> ((ModelFormatException) e).pathInFile()).isEqualTo("model.weights.h5");
        byte[] npz = archive("metadata.json", "{\"keras_version\": \"3.15.1\"}", "config.json", "{}", "model.weights.npz", "x");
        assertThatThrownBy(() -> KerasArchive.read(npz, "m.keras")).hasMessageContaining("keeps its weights as .npz");
        byte[] noConfig = archive("metadata.json", "{\"keras_version\": \"3.15.1\"}");
        assertThatThrownBy(() -> KerasArchive.read(noConfig, "m.keras")).hasMessageContaining("at config.json: member missing");
        byte[] noMeta = archive("config.json", "{}");
        assertThatThrownBy(() -> KerasArchive.read(noMeta, "m.keras")).hasMessageContaining("at metadata.json: member missing");
    }

    @Test
    void badJson() {
        byte[] bad = archive("metadata.json", "{\"keras_version\": \"3.15.1\"}", "config.json", "{\"class_name\": ");
        assertThatThrownBy(() -> KerasArchive.read(bad, "m.keras")).isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("Cannot read m.keras at config.json: invalid JSON: ")
                .hasMessageContaining("line 1, column");
        byte[] array = archive("metadata.json", "{\"keras_version\": \"3.15.1\"}", "config.json", "[1]");
        assertThatThrownBy(() -> KerasArchive.read(array, "m.keras"))
                .hasMessage("Cannot read m.keras at config.json: expected a JSON object, found array");
        byte[] noVersion = archive("metadata.json", "{}", "config.json", "{}");
        assertThatThrownBy(() -> KerasArchive.read(noVersion, "m.keras"))
                .hasMessage("Cannot read m.keras at metadata.json: no \"keras_version\" string");
        byte[] deep = archive("metadata.json", "{\"keras_version\": \"3\"}", "config.json",
                "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
        assertThatThrownBy(() -> KerasArchive.read(deep, "m.keras")).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("at config.json: invalid JSON");
    }

    @Test
    void corruptWeightsMemberNamesTheMemberAndPath() {
        byte[] b = archive("metadata.json", "{\"keras_version\": \"3.15.1\"}", "config.json", "{}",
                "model.weights.h5", "not hdf5 at all");
        assertThatThrownBy(() -> KerasArchive.read(b, "m.keras")).isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read m.keras at model.weights.h5: not an HDF5 file (15 bytes starting with 6e 6f 74 20 68 64 66 35)");
    }

    @Test
    void crcMismatch() {
        byte[] b = validArchive();
        replace(b, "Sequential", "Sequentiam");
        assertThatThrownBy(() -> KerasArchive.read(b, "m.keras")).isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("Cannot read m.keras at config.json: CRC mismatch");
    }

    @Test
    void duplicateNames() {
        byte[] b = archive("metadata.json", "{\"keras_version\": \"3.15.1\"}", "config.json", "{}", "config.jsoX", "{}");
        replace(b, "config.jsoX", "config.json");
        assertThatThrownBy(() -> KerasArchive.read(b, "m.keras"))
                .hasMessage("Cannot read m.keras at config.json: the archive holds two members with this name");
    }

    @Test
    void overlappingEntriesZipBomb() {
        // Stretch metadata.json over the following members (sizes in both headers): the classic overlap trick.
        byte[] b = validArchive();
        List<ZipCodec.Entry> entries = ZipCodec.entries(b, "m");
        long span = entries.get(2).localOffset() + 40 - entries.get(0).dataStart();
        int cd = centralStart(b);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(cd + 20, (int) span).putInt(cd + 24, (int) span);
        assertThatThrownBy(() -> KerasArchive.read(b, "bomb.keras")).isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read bomb.keras at config.json: the member overlaps member metadata.json "
                        + "(overlapping entries: zip bomb or corrupt archive)");
    }

    private static byte[] deflated(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bos)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                z.putNextEntry(new ZipEntry(m.getKey()));
                z.write(m.getValue());
                z.closeEntry();
            }
        }
        return bos.toByteArray();
    }

    @Test
    void deflatedArchivesReadAndBombsAreRejected() throws IOException {
        KerasArchive fixture = KerasArchive.read(Fixtures.file("book_sequential_mlp.keras"));
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("metadata.json", fixture.metadataJson().getBytes(StandardCharsets.UTF_8));
        members.put("config.json", fixture.configJson().getBytes(StandardCharsets.UTF_8));
        members.put("model.weights.h5", FixtureMembers.hdf5Bytes("book_sequential_mlp.keras"));
        KerasArchive rezipped = KerasArchive.read(deflated(members), "rezipped.keras");
        assertThat(rezipped.weights().listing()).isEqualTo(fixture.weights().listing());

        members.put("assets/zeros.bin", new byte[50 << 20]); // 50 MiB of zeros: ratio ~1000
        byte[] bomb = deflated(members);
        assertThat(bomb.length).isLessThan(200_000);
        assertThatThrownBy(() -> KerasArchive.read(bomb, "bomb.keras")).isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("Cannot read bomb.keras at assets/zeros.bin: compressed member declares 52428800 bytes from ")
                .hasMessageEndingWith("a ratio over 100 (zip bomb?)");

        // A member that lies about its size: declares 1000 bytes, inflates to 50 KiB.
        members.remove("assets/zeros.bin");
        members.put("assets/liar.bin", new byte[50 << 10]);
        byte[] liar = deflated(members);
        int p = centralStart(liar);
        for (int i = 0; i < 3; i++) {
            p += 46 + ZipCodec.u16(liar, p + 28) + ZipCodec.u16(liar, p + 30) + ZipCodec.u16(liar, p + 32);
        }
        ByteBuffer.wrap(liar).order(ByteOrder.LITTLE_ENDIAN).putInt(p + 24, 1000);
        assertThatThrownBy(() -> KerasArchive.read(liar, "liar.keras")).isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read liar.keras at assets/liar.bin: the compressed member inflates to more than the "
                        + "1000 bytes declared (zip bomb?)");
        // Declaring more than 1 GiB is refused before inflating anything.
        ByteBuffer.wrap(liar).order(ByteOrder.LITTLE_ENDIAN).putInt(p + 24, (1 << 30) + 1);
        assertThatThrownBy(() -> KerasArchive.read(liar, "liar.keras"))
                .hasMessageContaining("declares 1073741825 bytes uncompressed, over the 1 GiB limit (zip bomb?)");
    }

    @Test
    void unsafeAssetPathsAndOtherRefusals() {
        byte[] evil = archive("metadata.json", "{\"keras_version\": \"3\"}", "config.json", "{}",
                "assets/../../etc/cron.d/x", "boom");
        assertThatThrownBy(() -> KerasArchive.read(evil, "m.keras"))
                .hasMessage("Cannot read m.keras at assets/../../etc/cron.d/x: unsafe asset path: must not contain "
                        + "'..', '.' or empty segments");
        byte[] enc = validArchive();
        int cd = centralStart(enc);
        enc[cd + 8] |= 1;
        assertThatThrownBy(() -> KerasArchive.read(enc, "m.keras")).hasMessage("Cannot read m.keras at metadata.json: the member is encrypted");
        byte[] zip64 = validArchive();
        ByteBuffer.wrap(zip64).order(ByteOrder.LITTLE_ENDIAN).putInt(zip64.length - 22 + 16, -1);
        assertThatThrownBy(() -> KerasArchive.read(zip64, "m.keras")).hasMessage("Cannot read m.keras: ZIP64 archives are not supported");
    }
}

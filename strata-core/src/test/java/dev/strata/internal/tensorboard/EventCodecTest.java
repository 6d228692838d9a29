package dev.strata.internal.tensorboard;

import static dev.strata.internal.tensorboard.TensorBoardGolden.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event-file codec against bytes made by the {@code tensorboard} package's own protobuf classes and CRC
 * ({@link TensorBoardGolden}, from {@code tools/golden/tensorboard_events.py}): Strata's hand-written encoder
 * gives the same bytes, its reader decodes them, and every kind of damage to a record is caught.
 */
class EventCodecTest {
    @TempDir
    Path dir;

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void eventsAreByteForByteWhatTensorboardsProtobufWrites() {
        assertThat(Events.fileVersion(WALL)).isEqualTo(hex(FILE_VERSION_EVENT));
        assertThat(Events.scalar(WALL, 7, "epoch_loss", 0.3125f)).isEqualTo(hex(SCALAR_EVENT));
        assertThat(Events.histogram(WALL, 3, "sequential/dense/kernel/histogram",
                Events.histogramBuckets(HIST_SMALL_DATA, 30))).isEqualTo(hex(HISTOGRAM_EVENT));
        assertThat(Events.kerasModel(WALL, 0, "keras", KERAS_JSON)).isEqualTo(hex(KERAS_EVENT));
    }

    @Test
    void framingIsTensorflowsWithMaskedCrc32c() {
        assertThat(Records.frame(hex(SCALAR_EVENT))).isEqualTo(hex(SCALAR_RECORD));
        // CRC32C's check value, and TF's mask of it (crc32c::Mask: rotate right 15, add 0xa282ead8)
        CRC32C crc = new CRC32C();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(crc.getValue()).isEqualTo(0xE3069283L);
        int c = 0xE3069283;
        assertThat(Records.maskedCrc("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9))
                .isEqualTo(((c >>> 15) | (c << 17)) + 0xa282ead8);
    }

    @Test
    void histogramBucketsAreTensorboardsHistogramPb() {
        float[][] data = {HIST_NORMAL_DATA, HIST_SMALL_DATA, HIST_CONSTANT_DATA, HIST_EDGES_DATA};
        double[][] want = {HIST_NORMAL_BUCKETS, HIST_SMALL_BUCKETS, HIST_CONSTANT_BUCKETS, HIST_EDGES_BUCKETS};
        for (int c = 0; c < data.length; c++) {
            double[][] got = Events.histogramBuckets(data[c], 30);
            assertThat(got).hasNumberOfRows(30);
            for (int i = 0; i < 30; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(got[i][j]).as("case %d bucket %d column %d", c, i, j).isEqualTo(want[c][3 * i + j]);
                }
            }
        }
        assertThat(Events.histogramBuckets(new float[0], 30)).isDeepEqualTo(new double[30][3]);
    }

    @Test
    void goldenEventsDecode() {
        Events.Event v = Events.parse(hex(FILE_VERSION_EVENT));
        assertThat(v.fileVersion()).isEqualTo("brain.Event:2");
        assertThat(v.wallTime()).isEqualTo(WALL);
        Events.Event s = Events.parse(hex(SCALAR_EVENT));
        assertThat(s.step()).isEqualTo(7);
        Events.Value sv = s.values().getFirst();
        assertThat(sv.tag()).isEqualTo("epoch_loss");
        assertThat(sv.pluginName()).isEqualTo("scalars");
        assertThat(sv.tensor().doubles()).containsExactly(0.3125);
        Events.Value kv = Events.parse(hex(KERAS_EVENT)).values().getFirst();
        assertThat(kv.tensor().string()).isEqualTo(KERAS_JSON);
        assertThat(new String(kv.pluginContent(), StandardCharsets.US_ASCII)).isEqualTo("1");
        Events.Value hv = Events.parse(hex(HISTOGRAM_EVENT)).values().getFirst();
        assertThat(hv.tensor().shape()).containsExactly(30, 3);
        assertThat(hv.tensor().doubles()).containsExactly(HIST_SMALL_BUCKETS);
    }

    @Test
    void everyDamagedPartOfARecordIsDetected() {
        byte[] good = hex(SCALAR_RECORD);
        assertThat(Records.read(good, "f")).singleElement().isEqualTo(hex(SCALAR_EVENT));
        String[] expect = {"corrupt length", "corrupt length", "corrupt payload", "corrupt payload"};
        int[] at = {2, 9, 20, good.length - 2}; // the length, its CRC, the payload, the payload's CRC
        for (int i = 0; i < at.length; i++) {
            byte[] bad = good.clone();
            bad[at[i]] ^= 0x10;
            int k = i;
            assertThatThrownBy(() -> Records.read(bad, "f")).as("byte %d", at[k])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expect[k])
                    .hasMessageContaining("record 0 at byte 0");
        }
        byte[] two = new byte[2 * good.length - 3]; // a whole record, then one cut short
        System.arraycopy(good, 0, two, 0, good.length);
        System.arraycopy(good, 0, two, good.length, good.length - 3);
        assertThatThrownBy(() -> Records.read(two, "f")).hasMessageContaining("record 1 at byte " + good.length)
                .hasMessageContaining("truncated");
    }

    @Test
    void aWriterMakesOneFileThatStartsWithItsVersionAndAppendsWholeRecords() throws Exception {
        EventFileWriter w = EventFileWriter.create(dir);
        assertThat(w.file().getFileName().toString()).startsWith("events.out.tfevents.").endsWith(".v2");
        w.add(Events.scalar(1.5, 1, "a", 1f));
        w.add(Events.scalar(1.5, 2, "a", 2f));
        assertThat(Events.read(w.file())).hasSize(1); // nothing before the flush
        w.flush();
        w.flush(); // nothing pending: no change
        List<Events.Event> events = Events.read(w.file());
        assertThat(events).extracting(Events.Event::step).containsExactly(0L, 1L, 2L);
        EventFileWriter other = EventFileWriter.create(dir);
        assertThat(other.file()).isNotEqualTo(w.file());
        w.close();
        w.close(); // closing twice does nothing
        other.close();
        w.add(Events.scalar(1.5, 3, "a", 3f));
        assertThatThrownBy(w::flush).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("cannot write the TensorBoard event file").hasMessageContaining(w.file().toString());
        assertThat(Events.read(w.file())).hasSize(3); // the failed write left the file as it was
    }

    @Test
    void aFileThatCannotBeCreatedIsNamed() throws Exception {
        Path blocker = dir.resolve("f");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> EventFileWriter.create(blocker)).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("cannot create the TensorBoard event file").hasMessageContaining(blocker.toString());
    }
}

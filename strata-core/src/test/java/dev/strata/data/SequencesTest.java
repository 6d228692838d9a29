package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tensor.Tensor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** padSequences and timeseriesDatasetFromArray against Keras (the layers.preprocessing TextGolden class). */
class SequencesTest {
    private static final int[][] SEQS = {{1, 2, 3}, {4, 5}, {}, {6, 7, 8, 9, 10}};

    private static Object golden(String name) {
        try {
            Class<?> g = Class.forName("dev.strata.layers.preprocessing.TextGolden");
            Field f = g.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void padSequencesIsKeras() {
        List<Sequences.PadOptions> cases = List.of(Sequences.padOptions(), Sequences.padOptions().maxlen(3),
                Sequences.padOptions().maxlen(4).padding("post"), Sequences.padOptions().maxlen(3).truncating("post"),
                Sequences.padOptions().maxlen(6).padding("post").truncating("post").value(-1),
                Sequences.padOptions().maxlen(2).value(9.7));
        for (int i = 0; i < cases.size(); i++) {
            assertThat(Sequences.padSequences(SEQS, cases.get(i)).toFloatArray()).as("case %d", i)
                    .containsExactly((float[]) golden("PAD_" + i));
        }
        assertThat(Sequences.padSequences(new float[][] {{0.5f, 1.5f}, {2.25f}}, Sequences.padOptions().maxlen(3)
                .value(-0.5)).toFloatArray()).containsExactly((float[]) golden("PAD_FLOAT"));
        assertThatThrownBy(() -> Sequences.padOptions().padding("middle")).hasMessageContaining("not understood");
        assertThatThrownBy(() -> Sequences.padSequences(new int[0][])).hasMessageContaining("no sequences");
    }

    /** Data whose value at step t (and feature f) is t * 10 + f, so windows show their indices. */
    private static void checkWindows(int n, int seqLen, Sequences.TimeseriesOptions o, Integer nTargets,
            String name) {
        float[] data = new float[n * 2];
        for (int t = 0; t < n; t++) {
            data[2 * t] = t * 10;
            data[2 * t + 1] = t * 10 + 1;
        }
        Tensor targets = null;
        if (nTargets != null) {
            float[] y = new float[nTargets];
            for (int t = 0; t < nTargets; t++) {
                y[t] = t;
            }
            targets = Tensor.of(y, nTargets);
        }
        List<Sequences.Batch> batches = Sequences.timeseriesDatasetFromArray(Tensor.of(data, n, 2), targets, seqLen,
                o.batchSize(4));
        List<Float> firstFeature = new ArrayList<>();
        List<Float> ys = new ArrayList<>();
        for (Sequences.Batch b : batches) {
            assertThat(b.inputs().shape().get(1)).isEqualTo(seqLen);
            assertThat(b.inputs().shape().get(0)).isLessThanOrEqualTo(4);
            float[] x = b.inputs().toFloatArray();
            for (int i = 0; i < x.length; i += 2) {
                firstFeature.add(x[i] / 10);
            }
            if (b.targets() != null) {
                for (float v : b.targets().toFloatArray()) {
                    ys.add(v);
                }
            }
        }
        int[] windows = (int[]) golden(name + "_WINDOWS");
        assertThat(firstFeature).hasSize(windows.length);
        for (int i = 0; i < windows.length; i++) {
            assertThat(firstFeature.get(i)).as("%s value %d", name, i).isEqualTo((float) windows[i]);
        }
        if (nTargets != null) {
            int[] t = (int[]) golden(name + "_TARGETS");
            for (int i = 0; i < t.length; i++) {
                assertThat(ys.get(i)).isEqualTo((float) t[i]);
            }
        }
    }

    @Test
    void timeseriesWindowsAreKeras() {
        checkWindows(100, 10, Sequences.timeseriesOptions().sequenceStride(3).samplingRate(2), null, "TS_0");
        checkWindows(30, 5, Sequences.timeseriesOptions().startIndex(2).endIndex(25), 30, "TS_1");
        checkWindows(50, 4, Sequences.timeseriesOptions().sequenceStride(2).samplingRate(3).shuffle(true).seed(7), 40,
                "TS_2");
        assertThatThrownBy(() -> Sequences.timeseriesDatasetFromArray(Tensor.of(new float[5], 5), null, 2,
                Sequences.timeseriesOptions().samplingRate(0))).hasMessageContaining("sampling_rate");
        assertThatThrownBy(() -> Sequences.timeseriesDatasetFromArray(Tensor.of(new float[5], 5), null, 2,
                Sequences.timeseriesOptions().endIndex(9))).hasMessageContaining("end_index");
    }
}

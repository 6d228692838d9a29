package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.internal.FarmHash;
import dev.strata.layers.LayerCase;
import dev.strata.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HashingTest {
    static List<LayerCase> contractCases() {
        return List.of(TextChecks.categorical(() -> new Hashing(5), 1000, 3),
                TextChecks.categorical(() -> new Hashing(4).outputMode("multi_hot").maskValue(0), 50, 3)
                        .label("multi_hot, mask"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void fingerprint64IsTheCLibrarys() {
        for (int i = 0; i < TextGolden.FARM_STRINGS.length; i++) {
            long expected = Long.parseUnsignedLong(TextGolden.FARM_FINGERPRINTS[i], 16);
            String s = TextGolden.FARM_STRINGS[i];
            assertThat(FarmHash.fingerprint64(s)).as("'%s' (%d bytes)", s,
                    s.getBytes(StandardCharsets.UTF_8).length).isEqualTo(expected);
        }
    }

    @Test
    void sipHashIsTheReference() {
        // SipHash paper, appendix A: key 00..0f, message 00..0e -> a129ca6149be45e5
        byte[] m = new byte[15];
        for (int i = 0; i < 15; i++) {
            m[i] = (byte) i;
        }
        assertThat(FarmHash.sipHash24(m, 0x0706050403020100L, 0x0f0e0d0c0b0a0908L)).isEqualTo(0xa129ca6149be45e5L);
    }

    @Test
    void binsAreKerasDocstrings() {
        // keras.layers.Hashing docstring: num_bins=3 on [['A'], ['B'], ['C'], ['D'], ['E']] -> [[1],[0],[1],[1],[2]]
        String[][] abc = {{"A"}, {"B"}, {"C"}, {"D"}, {"E"}};
        assertThat(new Hashing(3).apply(abc).toFloatArray()).containsExactly(1, 0, 1, 1, 2);
        // with mask_value='' : [['A'], ['B'], [''], ['C'], ['D']] -> [[1], [1], [0], [2], [2]]
        assertThat(new Hashing(3).maskValue("").apply(new String[][] {{"A"}, {"B"}, {""}, {"C"}, {"D"}})
                .toFloatArray()).containsExactly(1, 1, 0, 2, 2);
        // SipHash64 docstrings: salt=[133, 137] -> [1, 2, 1, 0, 2]; salt=133 -> [0, 0, 2, 1, 0]
        assertThat(new Hashing(3).salt(133, 137).apply(abc).toFloatArray()).containsExactly(1, 2, 1, 0, 2);
        assertThat(new Hashing(3).salt(133).apply(abc).toFloatArray()).containsExactly(0, 0, 2, 1, 0);
        // numbers hash as their int64 text, so 3.7 is "3"
        Hashing h = new Hashing(7);
        float[] bins = h.apply(Tensor.of(new float[] {3.7f, 3f, 12f, -1f}, 4)).toFloatArray();
        assertThat(bins[0]).isEqualTo(bins[1]).isEqualTo(FarmHash.bucket("3", 7));
        assertThat(bins[2]).isEqualTo(FarmHash.bucket("12", 7));
        assertThat(bins[3]).isEqualTo(FarmHash.bucket("-1", 7));
        assertThat(new Hashing(4).outputMode("count").apply(new String[][] {{"A", "A"}}).toFloatArray())
                .hasSize(4).contains(2f);
    }

    @Test
    void configIsKerasAndRoundTrips() {
        Map<String, Object> c = new Hashing(4).maskValue(0).salt(7).getConfig();
        assertThat(c).containsEntry("num_bins", 4).containsEntry("mask_value", 0L)
                .containsEntry("salt", List.of(7L, 7L)).containsEntry("output_mode", "int");
        assertThat(((Map<?, ?>) ((Map<?, ?>) c.get("dtype")).get("config")).get("name")).isEqualTo("int64");
        assertThatThrownBy(() -> new Hashing(0)).hasMessageContaining("num_bins");
        assertThatThrownBy(() -> new Hashing(3).named("h").apply(new String[0][]))
                .hasMessageContaining("'h'").hasMessageContaining("empty batch");
    }
}

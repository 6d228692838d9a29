package dev.strata.layers.preprocessing;

import static dev.strata.layers.preprocessing.TextChecks.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.saving.KerasConfig;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CategoryEncodingTest {
    static List<LayerCase> contractCases() {
        return List.of(TextChecks.categorical(() -> new CategoryEncoding(6, "count"), 6, 4),
                TextChecks.categorical(() -> new CategoryEncoding(5, "one_hot"), 5, 1).label("one_hot"),
                TextChecks.categorical(() -> new CategoryEncoding(7), 7, 3).label("multi_hot"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void matchesKeras() {
        Tensor x = Tensor.of(TextGolden.CE_X, 2, 4);
        assertValues(new CategoryEncoding(5, "multi_hot").apply(x), TextGolden.CE_MULTI_HOT, 2, 5);
        assertValues(new CategoryEncoding(5, "count").apply(x), TextGolden.CE_COUNT, 2, 5);
        assertValues(new CategoryEncoding(5, "one_hot").apply(Tensor.of(new float[] {3, 0, 4}, 3, 1)),
                TextGolden.CE_ONE_HOT, 3, 5);
        assertValues(new CategoryEncoding(5, "count").apply(Tensor.of(new float[] {1, 1, 4}, 3)),
                TextGolden.CE_COUNT_VECTOR, 5);
        assertThat(new CategoryEncoding(5, "binary").outputMode()).isEqualTo("multi_hot");
    }

    @Test
    void configIsKeras() {
        Map<?, ?> keras = (Map<?, ?>) KerasConfig.parseJson(TextGolden.CE_CONFIG);
        assertThat(new CategoryEncoding(5, "count").named("ce").getConfig()).containsAllEntriesOf(
                Map.of("num_tokens", 5, "output_mode", "count", "name", "ce"));
        assertThat(keras.get("num_tokens")).isEqualTo(5);
    }

    @Test
    void badInputNamesTheLayer() {
        CategoryEncoding ce = new CategoryEncoding(3, "count").named("enc");
        assertThatThrownBy(() -> ce.apply(Tensor.of(new float[] {0, 3}, 1, 2)))
                .hasMessageContaining("'enc'").hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> ce.apply(Tensor.of(new float[] {0.5f}, 1, 1))).hasMessageContaining("whole");
        assertThatThrownBy(() -> ce.apply(Tensor.of(new float[0], 0, 2))).hasMessageContaining("empty batch");
        assertThatThrownBy(() -> new CategoryEncoding(0)).hasMessageContaining("num_tokens");
        assertThatThrownBy(() -> new CategoryEncoding(3, "tf_idf")).hasMessageContaining("output_mode");
        assertThat(new CategoryEncoding(3, "count").apply(Tensor.of(new float[] {1}, 1, 1)).shape())
                .isEqualTo(Shape.of(1, 3));
    }
}

package dev.strata.layers.preprocessing;

import static dev.strata.layers.preprocessing.TextChecks.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.saving.KerasConfig;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscretizationTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Discretization(new double[] {-0.5, 0, 0.5}), Shape.of(4))
                        .nonDifferentiableInputs(0).skip(Check.WRONG_RANK, "it takes any rank, as Keras's")
                        .skip(Check.GRADIENTS, "its outputs are bin indices: no gradient, as in Keras"),
                LayerCase.of(() -> new Discretization(new double[] {0}, "count"), Shape.of(3)).label("count")
                        .nonDifferentiableInputs(0).skip(Check.WRONG_RANK, "it takes any rank, as Keras's")
                        .skip(Check.GRADIENTS, "its outputs are bin counts: no gradient, as in Keras"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void givenBoundariesMatchKeras() {
        Tensor x = Tensor.of(TextGolden.DISC_X, 2, 4);
        double[] b = {0, 1, 2};
        assertValues(new Discretization(b).apply(x), TextGolden.DISC_INT, 2, 4);
        assertValues(new Discretization(b, "one_hot").apply(Tensor.of(TextGolden.DISC_X, 8, 1)),
                TextGolden.DISC_ONE_HOT, 8, 4);
        assertValues(new Discretization(b, "multi_hot").apply(x), TextGolden.DISC_MULTI_HOT, 2, 4);
        assertValues(new Discretization(b, "count").apply(x), TextGolden.DISC_COUNT, 2, 4);
    }

    private static void assertBoundaries(double[] got, float[] expected) {
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            assertThat((float) got[i]).as("boundary %d", i).isEqualTo(expected[i]);
        }
    }

    @Test
    void adaptMatchesKeras() {
        Tensor data = Tensor.of(TextGolden.DISC_ADAPT_DATA, 300);
        Discretization d = Discretization.ofNumBins(4);
        d.adapt(data);
        assertBoundaries(d.binBoundaries(), TextGolden.DISC_ADAPT_BOUNDARIES);
        Discretization many = Discretization.ofNumBins(5, 0.05, "int");
        float[] v = TextGolden.DISC_ADAPT_DATA;
        many.adapt(List.of(Tensor.of(java.util.Arrays.copyOfRange(v, 0, 100), 100),
                Tensor.of(java.util.Arrays.copyOfRange(v, 100, 220), 120),
                Tensor.of(java.util.Arrays.copyOfRange(v, 220, 300), 80)));
        assertBoundaries(many.binBoundaries(), TextGolden.DISC_ADAPT_BATCHES_BOUNDARIES);
        Discretization small = Discretization.ofNumBins(4);
        small.adapt(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 8));
        assertBoundaries(small.binBoundaries(), TextGolden.DISC_ADAPT_SMALL_BOUNDARIES);
        Map<?, ?> keras = (Map<?, ?>) KerasConfig.parseJson(TextGolden.DISC_CONFIG);
        Map<String, Object> mine = small.named((String) keras.get("name")).getConfig();
        assertThat(KerasConfig.parseJson(dev.strata.internal.config.Json.write(mine))).isEqualTo(keras);
    }

    @Test
    void badUseNamesTheLayer() {
        assertThatThrownBy(() -> Discretization.ofNumBins(3).named("q").apply(Tensor.of(new float[] {1}, 1)))
                .hasMessageContaining("'q'").hasMessageContaining("adapt");
        assertThatThrownBy(() -> new Discretization(new double[] {1}).adapt(Tensor.of(new float[] {1}, 1)))
                .hasMessageContaining("num_bins");
        assertThatThrownBy(() -> new Discretization(new double[] {1}).apply(Tensor.of(new float[0], 0, 3)))
                .hasMessageContaining("empty batch");
    }
}

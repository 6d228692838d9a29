package dev.strata.layers.attention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ProjectedAttention} must keep apart for its two layers, and what it computes once for both: the
 * places where sharing the code could hide a difference between MultiHeadAttention and GroupedQueryAttention.
 */
class ProjectedAttentionTest {
    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(7);
    }

    /** Keras's MHA gives the activity regularizer to its projections only; its GQA keeps it on the layer too. */
    @Test
    void theActivityRegularizerGoesWhereEachKerasClassPutsIt() {
        Tensor x = Tensor.uniform(2, 3, 4);
        MultiHeadAttention mha = new MultiHeadAttention(2, 3);
        mha.activityRegularizer(Regularizers.get("l2"));
        mha.apply(x, x);
        assertThat(mha.activityRegularizer()).isNull();
        assertThat(mha.queryDense().activityRegularizer()).isNotNull();
        assertThat(mha.outputProjection().activityRegularizer()).isNotNull();
        assertThat(mha.getConfig().get("activity_regularizer")).isNotNull();

        GroupedQueryAttention gqa = new GroupedQueryAttention(2, 2, 1);
        gqa.activityRegularizer(Regularizers.get("l2"));
        gqa.apply(x, x);
        assertThat(gqa.activityRegularizer()).isNotNull();
        assertThat(gqa.outputProjection().activityRegularizer()).isNotNull();
        assertThat(gqa.getConfig().get("activity_regularizer")).isNotNull();
    }

    /** The causal mask, the query's mask and an explicit mask are anded: the same as their product given alone. */
    @Test
    void masksCombineAsTheirProduct() {
        check(new MultiHeadAttention(2, 3).returnAttentionScores(true));
        check(new MultiHeadAttention(2, 3));
        check(new GroupedQueryAttention(3, 2, 1).returnAttentionScores(true));
        check(new GroupedQueryAttention(3, 2, 1));
    }

    private static void check(ProjectedAttention<?> layer) {
        int b = 2;
        int t = 4;
        Tensor query = Tensor.uniform(b, t, 5);
        Tensor value = Tensor.uniform(b, t, 5);
        float[] queryMask = {1, 1, 1, 0, 1, 1, 0, 0};
        float[] explicit = new float[b * t * t];
        float[] product = new float[b * t * t];
        for (int i = 0; i < explicit.length; i++) {
            int n = i / (t * t);
            int row = (i / t) % t;
            int col = i % t;
            explicit[i] = (i * 7 + 3) % 5 == 0 ? 0 : 1;
            product[i] = explicit[i] * (col <= row ? 1 : 0) * queryMask[n * t + row];
        }
        Tensor masked = query.withMask(Tensor.of(queryMask, b, t));
        Tensors combined = layer.useCausalMask(true)
                .apply(List.of(masked, value, value, Tensor.of(explicit, b, t, t)));
        Tensors alone = layer.useCausalMask(false)
                .apply(List.of(query, value, value, Tensor.of(product, b, t, t)));
        assertThat(combined.size()).isEqualTo(alone.size());
        for (int i = 0; i < combined.size(); i++) {
            assertThat(combined.get(i).toFloatArray()).as(layer.getClass().getSimpleName() + " output " + i)
                    .containsExactly(alone.get(i).toFloatArray());
        }
    }
}

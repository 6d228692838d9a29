package dev.strata.layers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.attention.AttentionGolden.LayerCall;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GroupedQueryAttention against Keras. */
class GroupedQueryAttentionTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new GroupedQueryAttention(2, 4, 2), Shape.of(4, 3), Shape.of(5, 3))
                        .wrongRank(Shape.of(2, 3), Shape.of(2, 5, 3)),
                LayerCase.of(() -> new GroupedQueryAttention(2, 2, 1).useCausalMask(true).returnAttentionScores(true),
                        Shape.of(3, 4), Shape.of(3, 4), Shape.of(3, 2)).label("causal, scores, key")
                        .wrongRank(Shape.of(2, 4), Shape.of(2, 3, 4), Shape.of(2, 3, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesGradientsAndConfigsMatchKeras() {
        List<LayerCall> cases = AttentionGolden.layers("gqa_");
        assertThat(cases).hasSize(4);
        for (LayerCall c : cases) {
            GroupedQueryAttention layer = GroupedQueryAttention.fromConfig(new Config(c.config(), c.name()))
                    .useCausalMask(c.flag("use_causal_mask")).returnAttentionScores(c.flag("return_attention_scores"));
            AttentionGolden.check(c, layer, in -> {
                List<Tensor> all = new ArrayList<>(AttentionGolden.masked(c, in));
                Tensor mask = c.keyword("attention_mask");
                if (mask != null) {
                    if (all.size() == 2) {
                        all.add(all.get(1));
                    }
                    all.add(mask);
                }
                return new ArrayList<>(layer.apply(all));
            }, 1e-5);
            LayerChecks.assertConfigMatches(layer.getConfig(), c.config(), "name");
        }
        LayerChecks.assertConfigMatches(new GroupedQueryAttention(4, 4, 2).getConfig(),
                AttentionGolden.defaultConfig("GroupedQueryAttention"), "name");
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> new GroupedQueryAttention(4, 3, 2)).hasMessageContaining("divisible");
        assertThatThrownBy(() -> new GroupedQueryAttention(2, 2, 1).apply(Tensor.ones(2, 3, 4), Tensor.ones(2, 3, 5)))
                .hasMessageContaining("last dimension of query_shape and value_shape");
    }
}

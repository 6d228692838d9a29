package dev.strata.layers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.attention.AttentionGolden.LayerCall;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MultiHeadAttention against Keras: both of Keras's numeric paths, masks, scores, gradients, configs, files. */
class MultiHeadAttentionTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new MultiHeadAttention(2, 3), Shape.of(4, 5), Shape.of(3, 5))
                        .wrongRank(Shape.of(2, 5), Shape.of(2, 3, 5)),
                LayerCase.of(() -> new MultiHeadAttention(2, 2).useCausalMask(true).returnAttentionScores(true)
                        .valueDim(3).outputShape(4), Shape.of(3, 4), Shape.of(3, 2), Shape.of(3, 5))
                        .label("causal, scores, key").wrongRank(Shape.of(2, 4), Shape.of(2, 3, 2),
                                Shape.of(2, 3, 5)),
                LayerCase.of(() -> new MultiHeadAttention(2, 2), Shape.of(3, 4), Shape.of(4, 4), Shape.of(4, 4),
                        Shape.of(3, 4)).label("attention mask")
                        .inputs(batch -> List.of(GradientCheck.random(1, Shape.of(batch, 3, 4), -1, 1),
                                GradientCheck.random(2, Shape.of(batch, 4, 4), -1, 1),
                                GradientCheck.random(3, Shape.of(batch, 4, 4), -1, 1), mask(batch, 3, 4)))
                        .nonDifferentiableInputs(3)
                        .wrongRank(Shape.of(2, 4), Shape.of(2, 4, 4), Shape.of(2, 4, 4), Shape.of(2, 3, 4)));
    }

    static Tensor mask(int batch, int t, int s) {
        float[] m = new float[batch * t * s];
        for (int i = 0; i < m.length; i++) {
            m[i] = (i * 7) % 5 == 0 && i % s != 0 ? 0f : 1f;
        }
        return Tensor.of(m, batch, t, s);
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    /** The case's Strata layer (from Keras's config, with its call arguments) and its call. */
    static MultiHeadAttention layerFor(LayerCall c) {
        MultiHeadAttention layer = MultiHeadAttention.fromConfig(new Config(c.config(), c.name()));
        return layer.useCausalMask(c.flag("use_causal_mask")).returnAttentionScores(c.flag("return_attention_scores"));
    }

    static List<Tensor> call(LayerCall c, MultiHeadAttention layer, List<Tensor> in) {
        List<Tensor> all = new ArrayList<>(AttentionGolden.masked(c, in));
        Tensor mask = c.keyword("attention_mask");
        if (mask != null) {
            if (all.size() == 2) {
                all.add(all.get(1));
            }
            all.add(mask);
        }
        return new ArrayList<>(layer.apply(all));
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        List<LayerCall> cases = AttentionGolden.layers("mha_");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(14);
        for (LayerCall c : cases) {
            MultiHeadAttention layer = layerFor(c);
            AttentionGolden.check(c, layer, in -> call(c, layer, in), 1e-5);
        }
    }

    @Test
    void aQueryWithEveryKeyMaskedFollowsKerassPath() {
        // Keras's dot_product_attention path averages the values uniformly; its einsum path (dropout > 0) gives 0
        LayerCall uniform = AttentionGolden.layer("mha_fully_masked_rows");
        LayerCall zeros = AttentionGolden.layer("mha_dropout_inference_masked_rows");
        assertThat(uniform.outputs().getFirst().toFloatArray()).isNotEqualTo(zeros.outputs().getFirst().toFloatArray());
    }

    @Test
    void weightsAndShapesAreKeras() {
        MultiHeadAttention mha = new MultiHeadAttention(4, 8);
        Tensor q = Input.of(5, 16);
        Tensor v = Input.of(7, 12);
        assertThat(mha.apply(q, v).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 5, 16));
        assertThat(mha.weights()).extracting(Variable::name).containsExactly("kernel", "bias", "kernel", "bias",
                "kernel", "bias", "kernel", "bias");
        assertThat(List.of(mha.queryDense(), mha.keyDense(), mha.valueDense(), mha.outputDense()))
                .extracting(l -> l.name()).containsExactly("query", "key", "value", "attention_output");
        assertThat(mha.queryDense().kernel().shape()).isEqualTo(Shape.of(16, 4, 8));
        assertThat(mha.keyDense().kernel().shape()).isEqualTo(Shape.of(12, 4, 8));
        assertThat(mha.outputDense().kernel().shape()).isEqualTo(Shape.of(4, 8, 16));
        assertThat(mha.outputDense().bias().shape()).isEqualTo(Shape.of(16));
        MultiHeadAttention scores = new MultiHeadAttention(2, 3).returnAttentionScores(true);
        Tensors out = scores.apply(List.of(Input.of(Shape.UNKNOWN, 4), Input.of(6, 4)));
        assertThat(out.get(1).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 2, Shape.UNKNOWN, 6));
        Tensors eager = scores.apply(List.of(Tensor.ones(2, 3, 4), Tensor.ones(2, 6, 4)));
        assertThat(eager.get(1).shape()).isEqualTo(Shape.of(2, 2, 3, 6));
    }

    @Test
    void configsMatchKeras() {
        LayerChecks.assertConfigMatches(new MultiHeadAttention(2, 3).getConfig(),
                AttentionGolden.defaultConfig("MultiHeadAttention"), "name");
        for (LayerCall c : AttentionGolden.layers("mha_")) {
            MultiHeadAttention layer = layerFor(c);
            call(c, layer, c.inputs());
            LayerChecks.assertConfigMatches(layer.getConfig(), c.config(), "name");
        }
    }

    @Test
    void savedGraphsKeepTheCallArguments(@TempDir Path dir) {
        Tensor q = Input.of(5, 4);
        Tensor v = Input.of(6, 4);
        Tensor m = Input.of(5, 6);
        MultiHeadAttention mha = new MultiHeadAttention(2, 3).useCausalMask(true).returnAttentionScores(true);
        Tensors out = mha.apply(List.of(q, v, v, m));
        Model model = Model.of(List.of(q, v, m), List.of(out.get(0), out.get(1)));
        Path file = dir.resolve("mha.keras");
        model.save(file);
        Model back = Saving.loadModel(file);
        List<Tensor> x = List.of(GradientCheck.random(1, Shape.of(2, 5, 4), -1, 1),
                GradientCheck.random(2, Shape.of(2, 6, 4), -1, 1), mask(2, 5, 6));
        Tensors expected = model.predict(x);
        Tensors got = back.predict(x);
        assertThat(got.get(0).toFloatArray()).containsExactly(expected.get(0).toFloatArray());
        assertThat(got.get(1).toFloatArray()).containsExactly(expected.get(1).toFloatArray());
    }

    @Test
    void badInputsSayWhatIsWrong() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 3);
        assertThatThrownBy(() -> mha.apply(List.of(Tensor.ones(2, 3, 4)))).hasMessageContaining("multi_head_attention")
                .hasMessageContaining("[query, value]");
        assertThatThrownBy(() -> new MultiHeadAttention(2, 3).apply(Tensor.ones(2, 3, 4), Tensor.ones(2, 5, 4),
                Tensor.ones(2, 4, 4))).isInstanceOf(ShapeException.class).hasMessageContaining("value_shape=");
        assertThatThrownBy(() -> new MultiHeadAttention(0, 3)).hasMessageContaining("num_heads");
        assertThatThrownBy(() -> new MultiHeadAttention(2, 3).apply(Tensor.ones(2, 3, 4), Tensor.ones(2, 5, 4),
                null, Tensor.ones(2, 4, 5))).hasMessageContaining("(2, 4, 5)");
    }
}

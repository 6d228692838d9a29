package dev.strata.layers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.attention.AttentionGolden.LayerCall;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.testing.GradientCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attention (and, through the same goldens, AdditiveAttention) against Keras. */
class AttentionTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(Attention::new, Shape.of(3, 4), Shape.of(5, 4)).wrongRank(Shape.of(2, 4), Shape.of(2, 5, 4)),
                LayerCase.of(() -> new Attention().useScale(true).scoreMode("concat").returnAttentionScores(true)
                        .useCausalMask(true), Shape.of(3, 4), Shape.of(3, 2), Shape.of(3, 4)).label("concat, causal")
                        .wrongRank(Shape.of(2, 4), Shape.of(2, 3, 2), Shape.of(2, 3, 4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    /** The case's layer from Keras's config, with its call arguments. */
    static Attention layerFor(LayerCall c) {
        Config config = new Config(c.config(), c.name());
        Attention a = c.className().equals("AdditiveAttention") ? AdditiveAttention.fromConfig(config)
                : Attention.fromConfig(config);
        return a.useCausalMask(c.flag("use_causal_mask")).returnAttentionScores(c.flag("return_attention_scores"));
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        int checked = 0;
        for (LayerCall c : AttentionGolden.layers()) {
            if (!(c.name().startsWith("attention_") || c.name().startsWith("additive"))) {
                continue;
            }
            Attention layer = layerFor(c);
            AttentionGolden.check(c, layer, in -> new ArrayList<>(layer.apply(AttentionGolden.masked(c, in))), 1e-5);
            checked++;
        }
        assertThat(checked).isEqualTo(9);
    }

    @Test
    void configsMatchKeras() {
        LayerChecks.assertConfigMatches(new Attention().getConfig(), AttentionGolden.defaultConfig("Attention"),
                "name");
        LayerChecks.assertConfigMatches(new AdditiveAttention().getConfig(),
                AttentionGolden.defaultConfig("AdditiveAttention"), "name");
        for (LayerCall c : AttentionGolden.layers()) {
            if (c.name().startsWith("attention_") || c.name().startsWith("additive")) {
                LayerChecks.assertConfigMatches(layerFor(c).getConfig(), c.config(), "name");
            }
        }
    }

    @Test
    void weightsAndShapes() {
        Attention a = new Attention().useScale(true).scoreMode("concat").returnAttentionScores(true);
        Tensors out = a.apply(List.of(Input.of(3, 4), Input.of(Shape.UNKNOWN, 2), Input.of(Shape.UNKNOWN, 4)));
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3, 2));
        assertThat(out.get(1).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3, Shape.UNKNOWN));
        assertThat(a.weights()).extracting(w -> w.name()).containsExactly("scale", "concat_score_weight");
        AdditiveAttention add = new AdditiveAttention();
        add.apply(List.of(Tensor.ones(2, 3, 4), Tensor.ones(2, 5, 4)));
        assertThat(add.scale().shape()).isEqualTo(Shape.of(4));
        assertThat(new AdditiveAttention().useScale(false).getConfig()).doesNotContainKey("score_mode");
    }

    @Test
    void savedGraphsKeepTheCallArguments(@TempDir Path dir) {
        Tensor q = Input.of(3, 4);
        Tensor v = Input.of(3, 4);
        Tensors out = new AdditiveAttention().useCausalMask(true).returnAttentionScores(true).apply(List.of(q, v));
        Tensor dot = new Attention().useScale(true).apply(List.of(q, v, q)).get(0);
        Model model = Model.of(List.of(q, v), List.of(out.get(0), out.get(1), dot));
        Path file = dir.resolve("attention.keras");
        model.save(file);
        Model back = Saving.loadModel(file);
        List<Tensor> x = List.of(GradientCheck.random(1, Shape.of(2, 3, 4), -1, 1),
                GradientCheck.random(2, Shape.of(2, 3, 4), -1, 1));
        Tensors expected = model.predict(x);
        Tensors got = back.predict(x);
        for (int i = 0; i < 3; i++) {
            assertThat(got.get(i).toFloatArray()).containsExactly(expected.get(i).toFloatArray());
        }
    }

    @Test
    void badInputsSayWhatIsWrong() {
        Layer a = new Attention();
        assertThatThrownBy(() -> a.apply(List.of(Tensor.ones(2, 3, 4)))).hasMessageContaining("attention")
                .hasMessageContaining("length 2 or 3");
        assertThatThrownBy(() -> new Attention().apply(List.of(Tensor.ones(2, 3, 4), Tensor.ones(2, 5, 4),
                Tensor.ones(2, 4, 4)))).isInstanceOf(ShapeException.class).hasMessageContaining("same number of time");
        assertThatThrownBy(() -> new Attention().scoreMode("add")).hasMessageContaining("score_mode=add");
    }
}

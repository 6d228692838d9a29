package dev.strata.layers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.constraints.UnitNorm;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.MaskingGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.models.Input;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Embedding against Keras. */
class EmbeddingTest {

    /** Whole-number ids in [0, vocabulary) for a batch, some of them 0 (padding). */
    static IntFunction<List<Tensor>> ids(int vocabulary, int... sampleShape) {
        return batch -> {
            Shape s = Shape.of(sampleShape).prepend(batch);
            float[] v = new float[s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (i * 7 + 3) % vocabulary;
            }
            return List.of(Tensor.of(v, s));
        };
    }

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Embedding(9, 4), Shape.of(5)).inputs(ids(9, 5)).nonDifferentiableInputs(0)
                        .skip(Check.WRONG_RANK, "it takes ids of any rank, as Keras's"),
                LayerCase.of(() -> new Embedding(6, 3).maskZero(true), Shape.of(2, 3)).label("mask_zero, rank 3")
                        .inputs(ids(6, 2, 3)).nonDifferentiableInputs(0)
                        .skip(Check.WRONG_RANK, "it takes ids of any rank, as Keras's"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Embedding golden() {
        Embedding e = new Embedding(7, 3).maskZero(true);
        e.buildForSamples(Shape.of(5));
        e.embeddings().assign(Tensor.of(MaskingGolden.EMB_TABLE, 7, 3));
        return e;
    }

    @Test
    void valuesAndMaskMatchKeras() {
        Tensor y = golden().apply(Tensor.of(MaskingGolden.EMB_IDS, 2, 5));
        assertThat(y.shape()).isEqualTo(Shape.of(2, 5, 3));
        assertThat(y.toFloatArray()).containsExactly(MaskingGolden.EMB_Y);
        assertThat(y.mask()).isPresent();
        assertThat(y.mask().get().toFloatArray()).containsExactly(MaskingGolden.EMB_MASK);
        assertThat(new Embedding(7, 3).apply(Tensor.of(MaskingGolden.EMB_IDS, 2, 5)).mask())
                .as("no mask without mask_zero").isEmpty();
    }

    @Test
    void gradientOfTheTableMatchesKerasWithRepeatedIdsAdding() {
        Embedding e = golden();
        try (GradientTape tape = GradientTape.record()) {
            Tensor loss = Ops.sum(Ops.multiply(e.apply(Tensor.of(MaskingGolden.EMB_IDS, 2, 5)),
                    Tensor.of(MaskingGolden.EMB_R, 2, 5, 3)));
            LayerChecks.assertClose(tape.gradient(loss, e.embeddings()).toFloatArray(), MaskingGolden.EMB_DTABLE,
                    1e-6, 1e-6);
        }
        Tensor ids = Tensor.of(new float[] {1, 3, 3, 0}, 2, 2);
        GradientCheck.check(xs -> Ops.take(xs.get(0), ids, 0), GradientCheck.random(4, Shape.of(5, 2), -1, 1));
    }

    @Test
    void shapesTraceWithAnUnknownLengthAndCarryASymbolicMask() {
        Tensor tokens = Input.integers("tokens", Shape.UNKNOWN);
        Tensor y = new Embedding(20, 8).maskZero(true).apply(tokens);
        assertThat(y.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 8));
        assertThat(y.mask()).isPresent();
        assertThat(y.mask().get().shape()).isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN));
    }

    @Test
    void idsOutsideTheVocabularyAreErrorsNamingTheLayer() {
        Embedding e = new Embedding(5, 2);
        assertThatThrownBy(() -> e.apply(Tensor.of(new float[] {1, 5}, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer 'embedding' (Embedding)").hasMessageContaining("id 5.0")
                .hasMessageContaining("position 1").hasMessageContaining("0 to input_dim - 1 = 4");
        assertThatThrownBy(() -> e.apply(Tensor.of(new float[] {-1, 0}, 1, 2))).hasMessageContaining("id -1.0");
        assertThatThrownBy(() -> e.apply(Tensor.of(new float[] {1.5f, 0}, 1, 2))).hasMessageContaining("id 1.5");
        assertThatThrownBy(() -> e.apply(Tensor.of(new float[] {Float.NaN, 0}, 1, 2))).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Embedding(0, 3)).hasMessageContaining("input_dim=0");
        assertThat(e.apply(Tensor.zeros(0, 2)).shape()).as("an empty batch").isEqualTo(Shape.of(0, 2, 2));
    }

    @Test
    void configMatchesKeras() {
        ActivationLayerChecks.assertConfigIsKeras(new Embedding(7, 3).getConfig(), MaskingGolden.EMB_CONFIG);
        Strata.clearSession();
        Embedding full = new Embedding(50, 8).maskZero(true).embeddingsRegularizer(Regularizers.get("l2"))
                .embeddingsConstraint(new UnitNorm());
        ActivationLayerChecks.assertConfigIsKeras(full.getConfig(), MaskingGolden.EMB_MASK_ZERO_CONFIG);
        Embedding back = ActivationLayerChecks.assertConfigRoundTrip(full, Tensor.of(new float[] {1, 0, 3, 49}, 2, 2));
        assertThat(back.maskZero()).isTrue();
        assertThat(back.embeddings().constraint()).isInstanceOf(UnitNorm.class);
    }
}

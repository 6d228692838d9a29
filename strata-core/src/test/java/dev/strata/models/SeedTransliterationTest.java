package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.merging.Layers;
import dev.strata.layers.core.Dense;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's subclassed Wide &amp; Deep model, transliterated as the README shows it: its
 * {@code keras.layers.concatenate([input_A, hidden2])} is {@code Layers.concatenate} (the last axis); the same join
 * with {@code Ops.concatenate} needs axis -1, and without it the error says so.
 */
class SeedTransliterationTest {
    /** The README's model: {@code concat} is the seed's {@code keras.layers.concatenate}. */
    static final class WideAndDeep extends Model {
        private final Dense hidden1 = new Dense(30, "relu");
        private final Dense hidden2 = new Dense(30, "relu");
        private final Dense mainOutput = new Dense(1);
        private final Dense auxOutput = new Dense(1);
        private final int style;

        WideAndDeep(int style) {
            this.style = style;
        }

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor h2 = hidden2.apply(hidden1.apply(inputs.get(1)));
            Tensor concat = switch (style) {
                case 0 -> Layers.concatenate(List.of(inputs.get(0), h2));
                case 1 -> Ops.concatenate(List.of(inputs.get(0), h2), -1);
                default -> Ops.concatenate(List.of(inputs.get(0), h2)); // keras.ops's axis 0: the mistake
            };
            return Tensors.of(mainOutput.apply(concat), auxOutput.apply(h2));
        }
    }

    @Test
    void layersConcatenateIsTheSeedsJoinAndOpsConcatenateWithAxisMinusOneIsTheSame() {
        Tensor wide = Tensor.uniform(Shape.of(4, 5), -1f, 1f);
        Tensor deep = Tensor.uniform(Shape.of(4, 6), -1f, 1f);
        Strata.setRandomSeed(11);
        WideAndDeep layers = new WideAndDeep(0);
        layers.buildForSamples(Shape.of(5), Shape.of(6));
        Strata.setRandomSeed(11);
        WideAndDeep ops = new WideAndDeep(1);
        ops.buildForSamples(Shape.of(5), Shape.of(6));
        assertThat(layers.trace().outputs().getFirst().shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 1));
        Tensors a = layers.apply(List.of(wide, deep));
        Tensors b = ops.apply(List.of(wide, deep));
        assertThat(a.get(0).toFloatArray()).containsExactly(b.get(0).toFloatArray());
        assertThat(a.get(1).toFloatArray()).containsExactly(b.get(1).toFloatArray());
    }

    @Test
    void opsConcatenateWithoutAnAxisSuggestsTheFeatureAxis() {
        assertThatThrownBy(() -> new WideAndDeep(2).buildForSamples(Shape.of(5), Shape.of(6)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("concatenate: shapes (None, 5), (None, 30) cannot be concatenated on axis 0")
                .hasMessageContaining("(to join the feature axis, pass axis -1, as keras.layers.concatenate does)")
                .hasMessageContaining("at " + WideAndDeep.class.getName() + ".call(SeedTransliterationTest.java:");
    }
}

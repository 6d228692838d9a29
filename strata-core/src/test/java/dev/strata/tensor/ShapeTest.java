package dev.strata.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void printsLikePythonTuples() {
        assertThat(Shape.scalar()).hasToString("()");
        assertThat(Shape.of(3)).hasToString("(3,)");
        assertThat(Shape.of(Shape.UNKNOWN, 30)).hasToString("(None, 30)");
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.get(-1)).isEqualTo(4);
        assertThat(s.get(0)).isEqualTo(2);
        assertThat(s.normalizeAxis(-3)).isZero();
        assertThatThrownBy(() -> s.get(3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("axis 3 is out of bounds for shape (2, 3, 4)");
    }

    @Test
    void sizeNeedsKnownDimensions() {
        assertThat(Shape.of(2, 3, 4).size()).isEqualTo(24);
        assertThat(Shape.scalar().size()).isEqualTo(1);
        assertThatThrownBy(() -> Shape.of(Shape.UNKNOWN, 3).size()).isInstanceOf(ShapeException.class)
                .hasMessageContaining("unknown dimension");
        assertThatThrownBy(() -> Shape.of(100_000, 100_000).size()).hasMessageContaining("more than");
    }

    @Test
    void rejectsNegativeDimensions() {
        assertThatThrownBy(() -> Shape.of(2, -3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("dimension 1 is -3");
    }

    @Test
    void compatibilityTreatsUnknownAsWildcard() {
        assertThat(Shape.of(Shape.UNKNOWN, 5).isCompatibleWith(Shape.of(32, 5))).isTrue();
        assertThat(Shape.of(Shape.UNKNOWN, 5).isCompatibleWith(Shape.of(32, 6))).isFalse();
        assertThat(Shape.of(5).isCompatibleWith(Shape.of(5, 1))).isFalse();
    }

    @Test
    void valueSemantics() {
        assertThat(Shape.of(2, 3)).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
        assertThat(Shape.of(2, 3)).isNotEqualTo(Shape.of(3, 2));
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 9;
        assertThat(s.get(0)).isEqualTo(2);
        assertThat(s.append(4).prepend(1)).isEqualTo(Shape.of(1, 2, 3, 4));
        assertThat(s.withDim(-1, 7)).isEqualTo(Shape.of(2, 7));
    }
}

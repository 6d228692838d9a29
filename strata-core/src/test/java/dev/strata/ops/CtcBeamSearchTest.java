package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ctc_decode(strategy="beam_search")} against Keras 3 ({@code tools/golden/ops16_ctc_beam.py}). */
class CtcBeamSearchTest {
    private static final Tensor X = Tensor.of(Ops16CtcBeamGolden.X, 3, 7, 5);
    private static final Tensor LENGTHS = Tensor.of(Ops16CtcBeamGolden.LENGTHS, 3);

    private static void check(int width, int top, Integer mask, float[] paths, float[] scores) {
        List<Tensor> out = Ops.ctcDecode(X, LENGTHS, "beam_search", width, top, true, mask);
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(top, 3, 7));
        assertThat(out.get(0).toFloatArray()).as("paths, beam_width " + width).containsExactly(paths);
        assertThat(out.get(1).shape()).isEqualTo(Shape.of(3, top));
        assertThat(out.get(1).toFloatArray()).as("scores").containsExactly(scores, within(1e-4f));
    }

    @Test
    void decodesAsKeras() {
        check(4, 2, 0, Ops16CtcBeamGolden.W4_TOP2_MASK0_PATHS, Ops16CtcBeamGolden.W4_TOP2_MASK0_SCORES);
        check(4, 1, null, Ops16CtcBeamGolden.W4_TOP1_MASKNONE_PATHS, Ops16CtcBeamGolden.W4_TOP1_MASKNONE_SCORES);
        check(3, 3, 2, Ops16CtcBeamGolden.W3_TOP3_MASK2_PATHS, Ops16CtcBeamGolden.W3_TOP3_MASK2_SCORES);
        check(10, 2, 0, Ops16CtcBeamGolden.W10_TOP2_MASK0_PATHS, Ops16CtcBeamGolden.W10_TOP2_MASK0_SCORES);
        check(1, 1, 0, Ops16CtcBeamGolden.W1_TOP1_MASK0_PATHS, Ops16CtcBeamGolden.W1_TOP1_MASK0_SCORES);
    }

    @Test
    void symbolicShapesAndBadArguments() {
        List<Tensor> out = Ops.ctcDecode(Graph.input(Shape.of(Shape.UNKNOWN, 7, 5), "x"),
                Graph.input(Shape.of(Shape.UNKNOWN), "n"), "beam_search", 4, 2, true, 0);
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(2, Shape.UNKNOWN, 7));
        assertThat(out.get(1).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 2));
        assertThatThrownBy(() -> Ops.ctcDecode(X, LENGTHS, "beam_search", 2, 3, true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 <= top_paths <= beam_width, got top_paths 3 and beam_width 2");
    }
}

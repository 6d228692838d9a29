package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.layers.core.Dense;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shape error raised by an {@code Ops} call inside a subclassed model's {@code call()} names the line of that
 * call in the user's code (as layer errors do), not the line that called {@code build} or {@code predict}: when
 * tracing and when running eagerly.
 */
class OpErrorCallSiteTest {
    private static final String MARKER = "// <- the failing op call";

    /** Joins the wide input with the deep path on axis 0 (ops.concatenate's default), where -1 was meant. */
    static final class JoinedOnTheBatchAxis extends Model {
        private final Dense hidden = new Dense(3, "relu");

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor h = hidden.apply(inputs.get(1));
            Tensor joined = Ops.concatenate(List.of(inputs.get(0), h)); // <- the failing op call
            return Tensors.of(joined);
        }
    }

    @Test
    void whileTracingTheErrorNamesTheLineInCall() {
        Model model = new JoinedOnTheBatchAxis();
        assertThatThrownBy(() -> model.buildForSamples(Shape.of(5), Shape.of(6)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("concatenate: shapes (None, 5), (None, 3) cannot be concatenated on axis 0")
                .hasMessageContaining("found while tracing, before any data")
                .hasMessageEndingWith(" at " + JoinedOnTheBatchAxis.class.getName() + ".call(OpErrorCallSiteTest.java:"
                        + markerLine() + ")");
    }

    @Test
    void runningEagerlyTheErrorNamesTheLineInCall() {
        Model model = new JoinedOnTheBatchAxis();
        List<Tensor> data = List.of(Tensor.ones(Shape.of(2, 5)), Tensor.ones(Shape.of(2, 6)));
        assertThatThrownBy(() -> model.apply(data))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("concatenate: shapes (2, 5), (2, 3) cannot be concatenated on axis 0")
                .hasMessageNotContaining("while tracing")
                .hasMessageEndingWith(" at " + JoinedOnTheBatchAxis.class.getName() + ".call(OpErrorCallSiteTest.java:"
                        + markerLine() + ")");
    }

    /** The line of this file that holds {@link #MARKER} (in code, not in this constant). */
    private static int markerLine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/strata/models/OpErrorCallSiteTest.java"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(MARKER) && !lines.get(i).contains("MARKER =")) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no marker line");
    }
}

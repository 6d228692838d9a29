package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.merging.Dot;
import dev.strata.layers.normalization.RMSNormalization;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dot and RMSNormalization between Strata and Python Keras, on {@code keras-golden/dot_rms.keras} (made by
 * {@code tools/golden/dot_rms.py --interop}: a normalized Dot of two Dense towers, and RMSNormalization → Dense → a Dot
 * of the sequence with itself). Strata's save is left in {@code target/keras-saved-dot-rms/} for
 * {@code tools/keras-interop/check_saved.py}.
 */
class DotRmsInteropTest {
    private static final KerasGoldenModel GOLDEN = KerasGoldenModel.named("dot_rms");

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(43);
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        Model m = GOLDEN.assertLoadsAndPredictsKerasValues(1e-5, 1e-5);
        assertThat(((Dot) m.getLayer("dot")).normalizes()).isTrue();
        assertThat(((Dot) m.getLayer("dot_1")).axes()).containsExactly(2, 2);
        assertThat(((RMSNormalization) m.getLayer("rms_normalization")).scale().shape()).isEqualTo(Shape.of(6));
    }

    @Test
    void strataWritesKerassFiles() throws IOException {
        Tensor a = Input.of("a", 5);
        Tensor b = Input.of("b", 5);
        Tensor s = Input.of("s", 4, 6);
        Tensor sim = new Dot(1).normalize(true).apply(List.of(new Dense(8).apply(a), new Dense(8).apply(b)))
                .getFirst();
        Tensor h = new Dense(6).apply(new RMSNormalization().apply(s));
        Tensor gram = new Dot(2, 2).apply(List.of(h, h)).getFirst();
        Tensor value = new Dense(1).apply(new Flatten().apply(gram));
        Model m = Model.of(List.of(a, b, s), List.of(sim, value), "dot_rms");
        m.compile(new Adam(0.01f), new CompileOptions().losses("mse", "mse"));
        GOLDEN.assertConfigIsKeras(m);
        m.fit(List.of(Tensor.normal(Shape.of(32, 5), 0, 1), Tensor.normal(Shape.of(32, 5), 0, 1),
                        Tensor.normal(Shape.of(32, 4, 6), 0, 1)),
                List.of(Tensor.uniform(Shape.of(32, 1), 0f, 1f), Tensor.uniform(Shape.of(32, 1), 0f, 1f)),
                new FitOptions().epochs(2).verbose(0));
        GOLDEN.assertSavesForKeras(m, Path.of("target", "keras-saved-dot-rms"), List.of(
                Tensor.normal(Shape.of(3, 5), 0, 1), Tensor.normal(Shape.of(3, 5), 0, 1),
                Tensor.normal(Shape.of(3, 4, 6), 0, 1)));
    }
}

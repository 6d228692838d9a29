package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.convolutional.Conv2D;
import dev.strata.layers.core.Dense;
import dev.strata.layers.merging.Layers;
import dev.strata.layers.pooling.AdaptiveAveragePooling2D;
import dev.strata.layers.pooling.AdaptiveMaxPooling1D;
import dev.strata.layers.pooling.AdaptiveMaxPooling2D;
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
 * The adaptive pooling layers between Strata and Python Keras, on {@code keras-golden/adaptive_pooling.keras} (made by
 * {@code tools/golden/adaptive_pooling.py --interop}). Strata's save is left in
 * {@code target/keras-saved-adaptive-pooling/} for {@code tools/keras-interop/check_saved.py}.
 */
class AdaptivePoolingInteropTest {
    private static final KerasGoldenModel GOLDEN = KerasGoldenModel.named("adaptive_pooling");

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(47);
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        Model m = GOLDEN.assertLoadsAndPredictsKerasValues(1e-5, 1e-5);
        assertThat(((AdaptiveAveragePooling2D) m.getLayer("adaptive_average_pooling2d")).outputSize())
                .containsExactly(3, 4);
        assertThat(((AdaptiveMaxPooling1D) m.getLayer("adaptive_max_pooling1d")).outputSize()).containsExactly(5);
    }

    @Test
    void strataWritesKerassFiles() throws IOException {
        Tensor img = Input.of("image", 9, 11, 3);
        Tensor seq = Input.of("sequence", 13, 2);
        Tensor c = new Conv2D(4, 3).apply(img);
        Tensor a = new Flatten().apply(new AdaptiveAveragePooling2D(3, 4).apply(c));
        Tensor mx = new Flatten().apply(new AdaptiveMaxPooling2D(2).apply(c));
        Tensor imageOut = new Dense(2).apply(Layers.concatenate(List.of(a, mx)));
        Tensor seqOut = new Dense(2).apply(new Flatten().apply(new AdaptiveMaxPooling1D(5).apply(seq)));
        Model m = Model.of(List.of(img, seq), List.of(imageOut, seqOut), "adaptive_pooling");
        m.compile(new Adam(0.01f), new CompileOptions().losses("mse", "mse"));
        GOLDEN.assertConfigIsKeras(m);
        m.fit(List.of(Tensor.normal(Shape.of(16, 9, 11, 3), 0, 1), Tensor.normal(Shape.of(16, 13, 2), 0, 1)),
                List.of(Tensor.uniform(Shape.of(16, 2), 0f, 1f), Tensor.uniform(Shape.of(16, 2), 0f, 1f)),
                new FitOptions().epochs(2).verbose(0));
        GOLDEN.assertSavesForKeras(m, Path.of("target", "keras-saved-adaptive-pooling"), List.of(
                Tensor.normal(Shape.of(3, 9, 11, 3), 0, 1), Tensor.normal(Shape.of(3, 13, 2), 0, 1)));
    }
}

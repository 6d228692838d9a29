package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.preprocessing.RandomColorJitter;
import dev.strata.layers.preprocessing.RandomErasing;
import dev.strata.layers.preprocessing.RandomGaussianBlur;
import dev.strata.layers.preprocessing.RandomShear;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RandomColorJitter, RandomErasing, RandomGaussianBlur and RandomShear between Keras and Strata: the model
 * {@code tools/golden/augment12b.py --interop} saves with Keras ({@code keras-golden/augment12b.keras}:
 * RandomColorJitter, RandomErasing, RandomGaussianBlur, RandomShear, Flatten, Dense) loads in Strata and predicts
 * Keras's values (inference: all pass through); the same model built in Strata writes Keras's config and is saved to
 * {@code target/keras-saved-augment12b/} for {@code tools/keras-interop/check_saved.py}.
 */
class Augment12bInteropTest {
    private static final KerasGoldenModel GOLDEN = KerasGoldenModel.named("augment12b");

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(12);
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        Model m = GOLDEN.assertLoadsAndPredictsKerasValues(1e-4, 1e-3);
        assertThat(m.getLayer("random_color_jitter")).isInstanceOf(RandomColorJitter.class);
        assertThat(m.getLayer("random_color_jitter").getConfig().get("hue_factor")).isEqualTo(0.2);
        assertThat(m.getLayer("random_erasing")).isInstanceOf(RandomErasing.class);
        assertThat(m.getLayer("random_erasing").getConfig().get("fill_value")).isEqualTo(0);
        assertThat(m.getLayer("random_gaussian_blur")).isInstanceOf(RandomGaussianBlur.class);
        assertThat(m.getLayer("random_shear")).isInstanceOf(RandomShear.class);
    }

    @Test
    void strataWritesKerassFiles() throws IOException {
        Model m = new Sequential(new InputLayer(6, 7, 3), new RandomColorJitter().brightnessFactor(0.3)
                .contrastFactor(0.4).saturationFactor(0.5).hueFactor(0.2), new RandomErasing(0.5).fillValue(0),
                new RandomGaussianBlur(0.5).kernelSize(5).sigma(0.5), new RandomShear().xFactor(0.1, 0.3).yFactor(0.0, 0.2),
                new Flatten(),
                new Dense(3));
        GOLDEN.assertConfigIsKeras(m);
        GOLDEN.assertSavesForKeras(m, Path.of("target", "keras-saved-augment12b"),
                List.of(Tensor.uniform(Shape.of(3, 6, 7, 3), 0f, 255f)));
    }
}

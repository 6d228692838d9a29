package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.strata.ModelFormatException;
import dev.strata.tensor.Shape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights that do not fit: the first mismatch named is the model's first layer that does not fit (defect e). */
class WeightMismatchTest {
    @Test
    void theFirstLayerThatDoesNotFitIsNamedFirstWithBothShapes(@TempDir Path dir) {
        WideAndDeepModel narrow = new WideAndDeepModel(20, "relu");
        narrow.buildForSamples(Shape.of(5), Shape.of(6));
        Path file = dir.resolve("narrow.weights.h5");
        // The native form walks attributes sorted by name (aux_output first), as Keras saves a subclassed model.
        Saving.saveWeights(narrow, file, new ConfigOptions().subclassedForm(ConfigOptions.SubclassedForm.NATIVE));
        WideAndDeepModel wide = new WideAndDeepModel(30, "relu");
        wide.buildForSamples(Shape.of(5), Shape.of(6));

        ModelFormatException e = catchThrowableOfType(ModelFormatException.class, () -> wide.loadWeights(file));

        String firstListed = e.getMessage().lines().filter(l -> l.startsWith("  - ")).findFirst().orElseThrow();
        assertThat(firstListed).contains("hidden1").contains("(6, 20) in the file").contains("has shape (6, 30)");
        assertThat(e.getMessage().lines().findFirst().orElseThrow()).contains("hidden1").doesNotContain("aux_output");
    }
}

package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.KerasConfigException;
import dev.strata.config.SavingRegistry;
import dev.strata.layers.core.Dense;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's Wide & Deep model written the natural Java way (constructor arguments used, not kept in fields): a
 * save never writes a file Strata cannot load, and cloning still works (issue 10, defect a).
 */
class NaturalSubclassTest {
    /** Uses its constructor arguments but keeps only the layers: no config can make it again. */
    public static class NaturalWideAndDeep extends Model {
        private final Dense hidden1;
        private final Dense hidden2;
        private final Dense mainOutput = new Dense(1);
        private final Dense auxOutput = new Dense(1);

        public NaturalWideAndDeep(int units, String activation) {
            hidden1 = new Dense(units, activation);
            hidden2 = new Dense(units, activation);
        }

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor h2 = hidden2.apply(hidden1.apply(inputs.get(1)));
            return Tensors.of(mainOutput.apply(Ops.concatenate(List.of(inputs.get(0), h2), -1)),
                    auxOutput.apply(h2));
        }
    }

    /** Another class, registered under the first one's name, whose constructor takes no argument the file has. */
    public static class Impostor extends Model {
        private final int depth;

        public Impostor(int depth) {
            this.depth = depth;
        }

        @Override
        protected Tensors call(Tensors inputs) {
            return inputs;
        }
    }

    private static final List<Tensor> X = List.of(Tensor.ones(3, 5), Tensor.ones(3, 6));

    @BeforeEach
    void seed() {
        Strata.setRandomSeed(5);
    }

    private static NaturalWideAndDeep built() {
        NaturalWideAndDeep m = new NaturalWideAndDeep(7, "relu");
        m.buildForSamples(Shape.of(5), Shape.of(6));
        return m;
    }

    @Test
    void saveWritesTheGraphOnlyAndWarnsNamingTheClassAndWhatToAdd(@TempDir Path dir) {
        NaturalWideAndDeep m = built();
        List<String> warnings = new ArrayList<>();
        Path file = dir.resolve("natural.keras");
        Saving.saveModel(m, file, new ConfigOptions().warnings(warnings::add));
        assertThat(warnings).singleElement().asString().contains("NaturalWideAndDeep")
                .contains("saved as its traced graph only").contains("keep its arguments in fields");
        assertThat(KerasConfig.modelToJson(m, new ConfigOptions().warnings(w -> { })))
                .doesNotContain(KerasConfig.SUBCLASS_KEY);
        Model back = Saving.loadModel(file);
        assertThat(Models.isFunctional(back)).isTrue();
        RoundTripTest.assertSameOutputs(m, back, X);
    }

    @Test
    void aNativeSaveThatCouldNotLoadIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        NaturalWideAndDeep m = built();
        Path file = dir.resolve("natural.keras");
        ConfigOptions nativeForm = new ConfigOptions().subclassedForm(ConfigOptions.SubclassedForm.NATIVE);
        assertThatThrownBy(() -> Saving.saveModel(m, file, nativeForm)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("NaturalWideAndDeep").hasMessageContaining("cannot be saved in a form that "
                        + "loads again").hasMessageContaining("no constructor").hasMessageContaining("SubclassedForm"
                        + ".FUNCTIONAL");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void cloneFallsBackToTheTracedGraphWithAWarning() {
        NaturalWideAndDeep m = built();
        List<String> warnings = new ArrayList<>();
        Model clone = KerasConfig.cloneModel(m, new ConfigOptions().warnings(warnings::add));
        assertThat(warnings).singleElement().asString().contains("NaturalWideAndDeep").contains("no constructor");
        assertThat(Models.isFunctional(clone)).isTrue();
        clone.setWeights(m.getWeights());
        RoundTripTest.assertSameOutputs(m, clone, X);
    }

    @Test
    void anOlderFileWhoseClassCannotBeMadeLoadsItsGraphWithAWarning(@TempDir Path dir) {
        WideAndDeepModel m = new WideAndDeepModel(7, "relu");
        m.buildForSamples(Shape.of(5), Shape.of(6));
        Path file = dir.resolve("wd.keras");
        m.save(file);
        String name = SavingRegistry.registeredName(WideAndDeepModel.class).orElseThrow();
        SavingRegistry.unregister(WideAndDeepModel.class);
        try {
            SavingRegistry.register(name, Impostor.class);
            List<String> warnings = new ArrayList<>();
            Model back = Saving.loadModel(file, new LoadOptions().warnings(warnings::add));
            assertThat(warnings).singleElement().asString().contains(Impostor.class.getName())
                    .contains("its saved graph is loaded instead");
            assertThat(Models.isFunctional(back)).isTrue();
            RoundTripTest.assertSameOutputs(m, back, X);
            assertThatThrownBy(() -> Saving.loadModel(file, new LoadOptions().requireSubclass(true)))
                    .hasMessageContaining("no constructor");
        } finally {
            SavingRegistry.unregister(Impostor.class);
            SavingRegistry.register(name, WideAndDeepModel.class);
        }
    }
}

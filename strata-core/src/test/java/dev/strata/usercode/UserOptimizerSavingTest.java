package dev.strata.usercode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObjects;
import dev.strata.config.SavingRegistry;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Optimizer;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's optimizer saves and loads as a user's layer does: written as a custom Keras object (no module, its
 * registered name), registered as it is saved, made again from its config by the constructor whose parameters are
 * its keys, with its slots and step count restored from the weights file. One that loading could not make again is
 * refused when it is saved, with the class and what to add.
 */
class UserOptimizerSavingTest {
    @TempDir
    Path dir;

    @BeforeEach
    @AfterEach
    void forget() {
        SavingRegistry.unregister(WarmupMomentumSGD.class);
        SavingRegistry.unregister(UserAdamW.class);
    }

    private static Tensor x() {
        Strata.setRandomSeed(3);
        return Tensor.normal(Shape.of(64, 3), 0, 1);
    }

    private static Tensor y(Tensor x) {
        float[] xs = x.toFloatArray();
        float[] ys = new float[64];
        for (int i = 0; i < 64; i++) {
            ys[i] = xs[3 * i] - 2 * xs[3 * i + 1] + 0.5f;
        }
        return Tensor.of(ys, 64, 1);
    }

    private static Model compiled(Optimizer optimizer) {
        Strata.setRandomSeed(11);
        Model model = new Sequential(new InputLayer(3), new Dense(4, "relu"), new Dense(1));
        model.compile(optimizer, "mse");
        return model;
    }

    private static void train(Model model, Tensor x, int epochs) {
        Strata.setRandomSeed(21); // the same shuffles for the model and its reloaded copy
        model.fit(x, y(x), new FitOptions().epochs(epochs).batchSize(16).verbose(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> savedOptimizer(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            Map<String, Object> config = (Map<String, Object>) KerasConfig.parseJson(json);
            return (Map<String, Object>) ((Map<String, Object>) config.get("compile_config")).get("optimizer");
        }
    }

    @Test
    void aModelCompiledWithAUserOptimizerSavesAndLoadsItWithItsState() throws IOException {
        Tensor x = x();
        Model model = compiled(new WarmupMomentumSGD(0.02f, 0.9f, 5).clipnorm(4f).name("warm"));
        train(model, x, 2);
        Path file = dir.resolve("warm.keras");
        model.save(file);

        Map<String, Object> saved = savedOptimizer(file);
        assertThat(saved).containsEntry("module", null).containsEntry("class_name", "WarmupMomentumSGD")
                .containsEntry("registered_name", "Custom>WarmupMomentumSGD");
        Optimizer before = model.optimizer().orElseThrow();
        assertThat(saved.get("config")).isEqualTo(before.getConfig());

        Model loaded = Saving.loadModel(file);
        Optimizer after = loaded.optimizer().orElseThrow();
        assertThat(after).isExactlyInstanceOf(WarmupMomentumSGD.class).isNotSameAs(before);
        assertThat(after.getConfig()).isEqualTo(before.getConfig());
        assertThat(after.iterations()).isEqualTo(before.iterations()).isEqualTo(8);
        List<Variable> a = before.variables();
        List<Variable> b = after.variables();
        assertThat(b).extracting(Variable::name).containsExactlyElementsOf(a.stream().map(Variable::name).toList());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).toFloatArray()).as(a.get(i).name()).containsExactly(a.get(i).toFloatArray());
        }
        // the restored velocities and step count carry training on exactly as if it had never stopped
        train(model, x, 1);
        train(loaded, x, 1);
        for (int i = 0; i < model.weights().size(); i++) {
            assertThat(loaded.weights().get(i).toFloatArray()).containsExactly(model.weights().get(i).toFloatArray());
        }
    }

    @Test
    void aUserOptimizerLoadingCouldNotMakeIsRefusedWhenSaved() {
        // UserAdamW's config has Adam's keys (beta_1, ...), which no constructor of it takes
        Model model = compiled(new UserAdamW(0.01f, 0.1f));
        train(model, x(), 1);
        Path file = dir.resolve("adamw.keras");
        assertThatThrownBy(() -> model.save(file)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("UserAdamW cannot be saved in a form that loads again")
                .hasMessageContaining("[beta_1, beta_2, epsilon, amsgrad]")
                .hasMessageContaining("Add a constructor with those parameters")
                .hasMessageContaining("public static UserAdamW fromConfig(Map<String, Object> config)");
        assertThat(file).doesNotExist();
        assertThat(SavingRegistry.registeredName(UserAdamW.class)).isEmpty();
        assertThatThrownBy(() -> KerasObjects.serialize(new UserAdamW(0.01f, 0.1f)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("UserAdamW");
    }

    @Test
    void anUnregisteredUserOptimizerIsRefusedWhenLoadedNamingHowToRegisterIt() {
        Map<String, Object> saved = KerasObjects.serialize(new WarmupMomentumSGD(0.1f, 0.5f, 2));
        assertThatThrownBy(() -> KerasObjects.deserialize(saved, Optimizer.class, ConfigContext.DEFAULT, "optimizer"))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("WarmupMomentumSGD")
                .hasMessageContaining("SavingRegistry.register(\"Custom>WarmupMomentumSGD\", YourClass.class)");
        SavingRegistry.register(WarmupMomentumSGD.class);
        Optimizer back = KerasObjects.deserialize(saved, Optimizer.class, ConfigContext.DEFAULT, "optimizer");
        assertThat(back).isExactlyInstanceOf(WarmupMomentumSGD.class);
        assertThat(back.getConfig()).isEqualTo(KerasObjects.serialize(back).get("config"))
                .containsEntry("momentum", 0.5).containsEntry("warmup_steps", 2);
        assertThat(back.learningRate()).isEqualTo(0.1f);
    }
}

package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.KerasConfigException;
import dev.strata.config.SavingRegistry;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.core.Lambda;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loading only instantiates built-in and registered classes, never a class because a file names it; Lambda layers
 * only when the caller opts in; malformed configs fail saying where and what.
 */
class RegistryAndSafetyTest {
    /** A class on the class path that a hostile file might name; its constructor must never run. */
    public static class Sneaky extends Layer {
        static volatile boolean constructed;

        public Sneaky() {
            constructed = true;
        }

        @Override
        protected Tensor call(Tensor x) {
            return x;
        }
    }

    /** Named by a hostile file in one test only; never registered. */
    public static class NeverMade extends Layer {
        static volatile boolean constructed;

        public NeverMade() {
            constructed = true;
        }

        @Override
        protected Tensor call(Tensor x) {
            return x;
        }
    }

    private static String sequentialWith(String layerEntry) {
        return "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": "
                + "[null, 3], \"name\": \"in\"}, \"registered_name\": null}, " + layerEntry + "]}, "
                + "\"registered_name\": null}";
    }

    @Test
    void unregisteredClassesAreRefused() {
        String json = sequentialWith("{\"module\": null, \"class_name\": \"Evil\", \"config\": {\"name\": \"evil\"}, "
                + "\"registered_name\": \"Custom>Evil\"}");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(json)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("layers[1] 'evil' (Evil)")
                .hasMessageContaining("neither a Strata built-in nor a registered class")
                .hasMessageContaining("never instantiates a class just because a file names it")
                .hasMessageContaining("SavingRegistry.register(\"Custom>Evil\", YourClass.class)");
    }

    @Test
    void aClassOnTheClassPathIsNotInstantiatedBecauseTheFileNamesIt() {
        String name = NeverMade.class.getName();
        for (String entry : List.of(
                "{\"module\": \"dev.strata.saving\", \"class_name\": \"" + name + "\", \"config\": {}, "
                        + "\"registered_name\": \"" + name + "\"}",
                "{\"module\": null, \"class_name\": \"NeverMade\", \"config\": {}, "
                        + "\"registered_name\": \"Custom>NeverMade\"}",
                "{\"class_name\": \"" + name + "\", \"config\": {}}")) {
            assertThatThrownBy(() -> KerasConfig.modelFromJson(sequentialWith(entry)))
                    .isInstanceOf(KerasConfigException.class);
        }
        assertThat(NeverMade.constructed).isFalse();
        // Registered, it loads.
        SavingRegistry.register(Sneaky.class);
        try {
            Model m = KerasConfig.modelFromJson(sequentialWith("{\"module\": null, \"class_name\": \"Sneaky\", "
                    + "\"config\": {\"name\": \"ok\"}, \"registered_name\": \"Custom>Sneaky\"}"));
            assertThat(m.getLayer("ok")).isInstanceOf(Sneaky.class);
        } finally {
            SavingRegistry.unregister(Sneaky.class);
        }
    }

    @Test
    void customObjectsHoldForOneLoadOnly() {
        String json = sequentialWith("{\"module\": null, \"class_name\": \"Sneaky\", \"config\": {\"name\": \"x\"}, "
                + "\"registered_name\": \"Custom>Sneaky\"}");
        Model m = KerasConfig.modelFromJson(json, new LoadOptions().customObject("Custom>Sneaky", Sneaky.class));
        assertThat(m.getLayer("x")).isInstanceOf(Sneaky.class);
        assertThat(SavingRegistry.lookup("Custom>Sneaky")).isEmpty();
        assertThatThrownBy(() -> KerasConfig.modelFromJson(json)).isInstanceOf(KerasConfigException.class);
    }

    @Test
    void aRegisteredClassThatIsNotALayerIsRefusedAsALayer() {
        String json = sequentialWith("{\"module\": null, \"class_name\": \"String\", \"config\": {}, "
                + "\"registered_name\": \"Custom>String\"}");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(json, new LoadOptions().customObject("Custom>String",
                String.class))).isInstanceOf(KerasConfigException.class).hasMessageContaining("is not a layer");
    }

    @Test
    void lambdaLayersAreRefusedUnlessTheCallerOptsIn() {
        Tensor in = Input.of("x", 3);
        Model m = Model.of(in, new Lambda(x -> Ops.multiply(x, 3f)).named("triple").apply(new Dense(3).apply(in)));
        String json = KerasConfig.modelToJson(m);
        assertThatThrownBy(() -> KerasConfig.modelFromJson(json)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("'triple' (Lambda)").hasMessageContaining("refused in safe mode")
                .hasMessageContaining("safeMode(false)");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(json, new LoadOptions().safeMode(false)))
                .isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("LoadOptions.lambda(\"triple\", x -> ...)");
        Model back = KerasConfig.modelFromJson(json, new LoadOptions().safeMode(false)
                .lambda("triple", x -> Ops.multiply(x, 3f)));
        RoundTripTest.assertSameOutputs(m, back, List.of(Tensor.ones(2, 3)));
        // A safe-mode refusal happens before anything else is made: a Python lambda too.
        String python = sequentialWith("{\"module\": \"keras.layers\", \"class_name\": \"Lambda\", \"config\": "
                + "{\"name\": \"lambda\", \"trainable\": true, \"function\": {\"class_name\": \"__lambda__\", "
                + "\"config\": {\"code\": \"4wEAAAAA\", \"defaults\": null, \"closure\": null}}, \"arguments\": {}}, "
                + "\"registered_name\": null}");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(python)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("refused in safe mode");
    }

    @Test
    void serviceLoaderProvidersRegisterTheirClasses() {
        assertThat(SavingRegistry.lookup("Custom>ProvidedLayer")).contains(TestClassProvider.ProvidedLayer.class);
        Model m = new Sequential(new InputLayer(3), new TestClassProvider.ProvidedLayer(4));
        Model back = KerasConfig.modelFromJson(KerasConfig.modelToJson(m));
        assertThat(((TestClassProvider.ProvidedLayer) back.getLayer(0)).size()).isEqualTo(4);
    }

    @Test
    void twoClassesCannotShareARegisteredName() {
        SavingRegistry.register("Custom>Clash", Sneaky.class);
        try {
            assertThatThrownBy(() -> SavingRegistry.register("Custom>Clash", MyDense.class))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(Sneaky.class.getName());
        } finally {
            SavingRegistry.unregister(Sneaky.class);
        }
    }

    @Test
    void malformedConfigsFailSayingWhereAndWhat() {
        String dense = "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"d\", %s}, "
                + "\"registered_name\": null}";
        assertThatThrownBy(() -> KerasConfig.modelFromJson(sequentialWith(String.format(dense, "\"units\": \"ten\""))))
                .isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("layers[1] 'd' (Dense): 'units' must be an integer, got \"ten\"");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(sequentialWith(String.format(dense,
                "\"units\": 2, \"colour\": \"red\"")))).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("layers[1] 'd' (Dense): unknown key [colour]");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(sequentialWith(String.format(dense,
                "\"units\": 2, \"activation\": \"wiggle\"")))).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("'activation': unknown activation 'wiggle'");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(sequentialWith(String.format(dense,
                "\"units\": 2, \"dtype\": \"float16\"")))).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("'dtype' = \"float16\" is not supported");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(sequentialWith(String.format(dense,
                "\"units\": 2, \"kernel_constraint\": {\"class_name\": \"MaxNorm\", \"config\": {\"norm\": 2}}"))))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("unknown key [norm]");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(sequentialWith(String.format(dense,
                "\"units\": 2, \"kernel_constraint\": {\"class_name\": \"Wiggle\", \"config\": {}}"))))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("Wiggle");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(sequentialWith(String.format(dense,
                "\"units\": 2, \"kernel_initializer\": {\"class_name\": \"Identity\", \"config\": {}}"))))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("Strata has no initializer class 'Identity'");
        assertThatThrownBy(() -> KerasConfig.modelFromJson("[1, 2]")).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("model: expected a dict");
    }

    @Test
    void brokenGraphsFailNamingTheReference() {
        String functional = "{\"module\": \"keras.src.models.functional\", \"class_name\": \"Functional\", "
                + "\"config\": {\"name\": \"f\", \"trainable\": true, \"layers\": ["
                + "{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": "
                + "[null, 2], \"name\": \"in\"}, \"registered_name\": null, \"name\": \"in\", \"inbound_nodes\": []}, "
                + "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 1}, "
                + "\"registered_name\": null, \"name\": \"d\", \"inbound_nodes\": [{\"args\": [{\"class_name\": "
                + "\"__keras_tensor__\", \"config\": {\"shape\": [null, 2], \"dtype\": \"float32\", \"keras_history\": "
                + "[\"%s\", %d, 0]}}], \"kwargs\": {}}]}], \"input_layers\": [[\"in\", 0, 0]], \"output_layers\": "
                + "[[\"d\", 0, 0]]}, \"registered_name\": \"Functional\"}";
        assertThat(KerasConfig.modelFromJson(String.format(functional, "in", 0)).layers()).hasSize(2);
        assertThatThrownBy(() -> KerasConfig.modelFromJson(String.format(functional, "ghost", 0)))
                .isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("refers to a layer 'ghost' that the config does not have");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(String.format(functional, "in", 3)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("refers to call 3 of 'in'");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(String.format(functional, "d", 0)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("cycle");
    }
}

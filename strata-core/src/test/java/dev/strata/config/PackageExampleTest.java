package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The example of package-info.java, as written there: a user layer saved by its fields and made again. */
class PackageExampleTest {
    static class Scale extends Layer {
        private final float factor;

        Scale(float factor) {
            this.factor = factor;
        }

        @Override
        protected Tensor call(Tensor x) {
            return Ops.multiply(x, factor);
        }
    }

    @AfterEach
    void forget() {
        SavingRegistry.unregister(Scale.class);
    }

    @Test
    void aUserLayerIsSavedByItsFieldsAndMadeAgainOnceRegistered() {
        assertThat(SavingRegistry.register(Scale.class)).isEqualTo("Custom>Scale");
        Map<String, Object> saved = KerasObjects.serialize(new Scale(2f));
        assertThat(saved).containsEntry("module", null).containsEntry("class_name", "Scale")
                .containsEntry("registered_name", "Custom>Scale");
        assertThat(((Map<?, ?>) saved.get("config")).get("factor")).isEqualTo(2.0);
        Layer again = KerasObjects.deserialize(saved, Layer.class, ConfigContext.DEFAULT, "scale");
        assertThat(again).isInstanceOf(Scale.class);
        assertThat(again.apply(Tensor.of(new float[] {1, 3}, 1, 2)).toFloatArray()).containsExactly(2, 6);
    }
}

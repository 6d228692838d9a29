package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.SavingRegistry;
import dev.strata.initializers.Initializers;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.core.Dense;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subclassed model with weights of its own (not in a sublayer): its traced graph holds them as constants, which is
 * what Python loads; Strata keeps them as variables for the class under {@code strata_subclass/vars}.
 */
class SubclassOwnWeightsTest {
    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        SavingRegistry.unregister(Scaled.class);
    }

    /** A Dense layer followed by a learned per-unit scale that the model owns. */
    public static class Scaled extends Model {
        private final Dense d = new Dense(2);
        private Variable scale;

        public Scaled() {
        }

        @Override
        protected void build(Shape s) {
            scale = addWeight("scale", Shape.of(2), Initializers.ones(), true);
            super.build(s);
        }

        @Override
        protected Tensor call(Tensor x) {
            return Ops.multiply(d.apply(x), scale);
        }

        Variable scale() {
            return scale;
        }
    }

    @Test
    void ownWeightsComeBackInTheClassAndAsConstantsInTheGraph() {
        Scaled m = new Scaled();
        m.buildForSamples(Shape.of(3));
        m.scale().assign(Tensor.of(new float[] {2f, -3f}, 2));
        Path p = dir.resolve("scaled.keras");
        m.save(p);
        assertThat(KerasArchive.read(p).weights().listing()).contains("strata_subclass/vars/0 [2] float32")
                .doesNotContain("vars/0 [2] float32");
        Tensor x = Tensor.ones(4, 3);
        Model asClass = Saving.loadModel(p);
        assertThat(asClass).isInstanceOf(Scaled.class);
        assertThat(((Scaled) asClass).scale().toFloatArray()).containsExactly(2f, -3f);
        assertThat(asClass.predict(x).toFloatArray()).containsExactly(m.predict(x).toFloatArray());
        SavingRegistry.unregister(Scaled.class);
        Model asGraph = Saving.loadModel(p);
        assertThat(Models.isFunctional(asGraph)).isTrue();
        assertThat(asGraph.predict(x).toFloatArray()).containsExactly(m.predict(x).toFloatArray());
    }
}

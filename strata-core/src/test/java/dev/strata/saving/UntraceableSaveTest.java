package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.SavingRegistry;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.core.Dense;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subclassed model that cannot be traced (its {@code call} reads a tensor value) is saved in its own form, and a
 * traced subclassed model inside it is then walked by its fields too: loading makes both with their constructors.
 */
class UntraceableSaveTest {
    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        SavingRegistry.unregister(Untraceable.class);
        SavingRegistry.unregister(Inner.class);
    }

    /** A small subclassed model, traced by its owner's constructor. */
    public static class Inner extends Model {
        private final Dense a = new Dense(3, "relu");
        private final Dense b = new Dense(1);

        public Inner() {
        }

        @Override
        protected Tensor call(Tensor x) {
            return b.apply(a.apply(x));
        }
    }

    /** Reads a value in {@code call}: cannot be traced. */
    public static class Untraceable extends Model {
        private final Dense first = new Dense(6);
        private final Inner inner = new Inner();

        public Untraceable() {
            inner.buildForSamples(Shape.of(6));
        }

        @Override
        protected Tensor call(Tensor x) {
            Tensor h = first.apply(x);
            if (Ops.sum(h).item() > 1e9f) {
                h = Ops.multiply(h, 0f);
            }
            return inner.apply(h);
        }
    }

    @Test
    void savedAndLoadedInItsOwnForm() {
        Strata.setRandomSeed(3);
        Untraceable m = new Untraceable();
        Tensor x = Tensor.normal(Shape.of(5, 4), 0, 1);
        Tensor y = m.predict(x);
        assertThat(m.untraceableReason()).isPresent();
        Path p = dir.resolve("u.keras");
        m.save(p);
        assertThat(KerasArchive.read(p).weights().listing()).contains("first/vars/0 [4, 6] float32",
                "inner/a/vars/0 [6, 3] float32", "inner/b/vars/0 [3, 1] float32");
        Model back = Saving.loadModel(p);
        assertThat(back).isInstanceOf(Untraceable.class);
        assertThat(back.predict(x).toFloatArray()).containsExactly(y.toFloatArray());
    }
}

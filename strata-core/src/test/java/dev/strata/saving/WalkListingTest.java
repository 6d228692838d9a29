package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.SavingRegistry;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Dense;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.layers.normalization.LayerNormalization;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.saving.ConfigOptions.SubclassedForm;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras's walk over subclassed models with sublayers in lists, maps and custom layers, and one layer under two
 * attributes: the Java twins of the Python classes of {@code tools/golden/walk_listings.py}, saved in the native
 * form, have exactly the weight paths Keras 3.15.1 gave them ({@code keras-golden/walk_listings.json}).
 */
class WalkListingTest {
    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        SavingRegistry.unregister(Tower.class);
        SavingRegistry.unregister(Block.class);
        SavingRegistry.unregister(Shared.class);
    }

    /** A custom layer holding two sublayers. */
    public static class Block extends Layer {
        private final int units;
        private final Dense dense;
        private final LayerNormalization norm;

        public Block(int units) {
            this.units = units;
            this.dense = new Dense(units, "relu");
            this.norm = new LayerNormalization();
        }

        @Override
        protected Tensor call(Tensor x) {
            return norm.apply(dense.apply(x));
        }
    }

    /** Sublayers in a list, in a map and in a field, declared in the order Python assigns them. */
    public static class Tower extends Model {
        private final List<Block> blocks = List.of(new Block(8), new Block(8));
        private final Map<String, Dense> heads = new LinkedHashMap<>();
        private final Dense gate = new Dense(8);

        public Tower() {
            heads.put("a", new Dense(1));
            heads.put("b", new Dense(2));
        }

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor h = gate.apply(inputs.get(0));
            for (Block b : blocks) {
                h = b.apply(h);
            }
            return Tensors.of(heads.get("a").apply(h), heads.get("b").apply(h));
        }
    }

    /** One layer under two fields and in a list, and a field that sorts after "layers". */
    public static class Shared extends Model {
        private final Dense zeta = new Dense(3);
        private final Dense alpha = zeta;
        private final List<Layer> stack = List.of(new Dense(3), zeta, new BatchNormalization());

        public Shared() {
        }

        @Override
        protected Tensor call(Tensor x) {
            Tensor h = alpha.apply(x);
            for (Layer l : stack) {
                h = l.apply(h);
            }
            return h;
        }
    }

    private static List<String> golden(String model) {
        try (InputStream in = WalkListingTest.class.getResourceAsStream("/keras-golden/walk_listings.json")) {
            Map<?, ?> all = (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return ((List<?>) all.get(model)).stream().map(String::valueOf).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> savedListing(Model m, String name) {
        Path p = dir.resolve(name + ".keras");
        m.save(p, new ConfigOptions().subclassedForm(SubclassedForm.NATIVE));
        return KerasArchive.read(p).weights().listing().stream().map(l -> l.replaceAll("/ name=.*", "/")).toList();
    }

    @Test
    void listsMapsAndCustomLayers() {
        Strata.setRandomSeed(1);
        Tower m = new Tower();
        m.compile(new Adam(), new CompileOptions().losses("mse", "mse"));
        Tensor x = Tensor.normal(Shape.of(16, 4), 0, 1);
        m.fit(List.of(x), List.of(Tensor.zeros(16, 1), Tensor.zeros(16, 2)), new FitOptions().verbose(0));
        assertThat(savedListing(m, "tower")).containsExactlyElementsOf(golden("tower"));
        Model back = Saving.loadModel(dir.resolve("tower.keras"));
        assertThat(back.predict(List.of(x), new dev.strata.training.PredictOptions()).get(1).toFloatArray())
                .containsExactly(m.predict(List.of(x), new dev.strata.training.PredictOptions()).get(1).toFloatArray());
    }

    @Test
    void aLayerReachedThroughSeveralAttributesIsSavedOnceAtItsFirstPath() {
        Strata.setRandomSeed(2);
        Shared m = new Shared();
        m.compile(new Adam(), "mse");
        Tensor x = Tensor.normal(Shape.of(16, 3), 0, 1);
        m.fit(x, Tensor.zeros(16, 3), new FitOptions().verbose(0));
        // alpha/ (not zeta/: "alpha" sorts first), then layers/dense_1 for the list's new Dense: the shared layer
        // used up "dense" in the layers list although it was already saved
        assertThat(savedListing(m, "shared")).containsExactlyElementsOf(golden("shared"));
        Model back = Saving.loadModel(dir.resolve("shared.keras"));
        assertThat(back.predict(x).toFloatArray()).containsExactly(m.predict(x).toFloatArray());
    }
}

package dev.strata.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.merging.Layers;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.layers.normalization.LayerNormalization;
import dev.strata.layers.preprocessing.Normalization;
import dev.strata.layers.regularization.Dropout;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.regularizers.L2;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The new layers together in fit: training mode reaches Dropout and BatchNormalization, losses include penalties. */
class LayerLibraryTrainingTest {

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(2);
    }

    private static Tensor target(Tensor x) {
        return Ops.sum(Ops.multiply(x, Tensor.of(new float[] {0.5f, -1f, 2f, 0f, 0.1f, 1f})), new int[] {1}, true);
    }

    @Test
    void sequentialTrainsWithEveryKindOfLayer() {
        Tensor x = Tensor.normal(Shape.of(256, 6), 3, 2);
        Tensor y = target(x);
        Normalization norm = new Normalization();
        norm.adapt(x);
        BatchNormalization bn = new BatchNormalization();
        Dense hidden = new Dense(16, "relu").kernelRegularizer(new L2(1e-4));
        Sequential model = new Sequential(new InputLayer(6), norm, hidden, bn, new Dropout(0.1), new Dense(1));
        model.compile("adam", "mse");
        History h = model.fit(x, y, new FitOptions().epochs(8).batchSize(32).verbose(0));
        List<Double> loss = h.get("loss");
        assertThat(loss.getLast()).isLessThan(loss.getFirst() * 0.95);
        assertThat(bn.movingMean().toFloatArray()).doesNotContain(0f); // updated by training steps
        assertThat(model.apply(x).toFloatArray()).containsExactly(model.apply(x).toFloatArray());
        assertThat(model.losses()).hasSize(1); // the kernel penalty
    }

    @Test
    void functionalWideAndDeepTrains() {
        Tensor xw = Tensor.normal(Shape.of(128, 3), 0, 1);
        Tensor xd = Tensor.normal(Shape.of(128, 6), 0, 1);
        Tensor y = Ops.add(target(xd), Ops.sum(xw, new int[] {1}, true));
        Tensor wide = Input.of("wide", 3);
        Tensor deep = Input.of("deep", 6);
        Tensor h = new Dense(8, "relu").apply(new LayerNormalization().apply(deep));
        Tensor out = new Dense(1).apply(Layers.concatenate(List.of(wide, h)));
        Model model = Model.of(List.of(wide, deep), List.of(out));
        model.compile("adam", "mse");
        History hist = model.fit(List.of(xw, xd), List.of(y), new FitOptions().epochs(6).batchSize(16).verbose(0));
        assertThat(hist.get("loss").getLast()).isLessThan(hist.get("loss").getFirst());
    }
}

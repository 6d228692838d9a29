package dev.strata.saving;

import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.merging.Concatenate;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import java.util.List;

/** The book's Wide &amp; Deep models in the three styles, compiled as the fixtures were. */
final class WideAndDeepStyles {
    private WideAndDeepStyles() {
    }

    /** Hands-On ML's Functional Wide &amp; Deep, with the names of {@code book_functional_wide_deep.keras}. */
    static Model functional() {
        Tensor wide = Input.of("wide_input", 5);
        Tensor deep = Input.of("deep_input", 6);
        Tensor hidden1 = new Dense(30, "relu").named("dense_1").apply(deep);
        Tensor hidden2 = new Dense(30, "relu").named("dense").apply(hidden1);
        Tensor concat = new Concatenate().named("concatenate").apply(List.of(wide, hidden2)).getFirst();
        Tensor output = new Dense(1).named("main_output").apply(concat);
        Tensor aux = new Dense(1).named("aux_output").apply(hidden2);
        Model m = Model.of(List.of(wide, deep), List.of(output, aux), "functional");
        m.compile(new SGD(1e-3f).name("sgd"), new CompileOptions().losses("mse", "mse").lossWeights(0.9, 0.1));
        return m;
    }

    /** The book's Sequential MLP (8-30-1 in the fixture; 8-30-30-1 as the example writes it). */
    static Model sequential() {
        Sequential s = new Sequential(new InputLayer(8), new Dense(30, "relu"), new Dense(30, "relu"), new Dense(1));
        s.compile(new SGD(0.01f), new CompileOptions().loss("mse").metrics("RootMeanSquaredError"));
        return s;
    }

    /** The seed's subclassed model, built (traced) and compiled. */
    static Model subclassed() {
        WideAndDeepModel m = new WideAndDeepModel(30, "relu");
        m.buildForSamples(Shape.of(5), Shape.of(6));
        m.compile(new SGD(0.01f), new CompileOptions().losses("mse", "mse").lossWeights(0.9, 0.1));
        return m;
    }
}

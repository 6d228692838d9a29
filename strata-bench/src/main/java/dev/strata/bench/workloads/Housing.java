package dev.strata.bench.workloads;

import dev.strata.data.Columns;
import dev.strata.data.Table;
import dev.strata.data.Datasets;
import dev.strata.data.Split;
import dev.strata.data.StandardScaler;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;

/**
 * W1's data and models, exactly as the Wide &amp; Deep example prepares and builds them: California housing split
 * twice with {@code split(0.25, 42)} (scikit-learn's {@code train_test_split(random_state=42)}), standardised
 * with a scaler fitted on the training rows, the wide input taking features 0-4 and the deep input features 2-7.
 */
final class Housing {
    final Tensor xTrain;
    final Tensor xValid;
    final Tensor xTest;
    final Tensor yTrain;
    final Tensor yValid;
    final Tensor yTest;

    private Housing(Tensor xTrain, Tensor xValid, Tensor xTest, Tensor yTrain, Tensor yValid, Tensor yTest) {
        this.xTrain = xTrain;
        this.xValid = xValid;
        this.xTest = xTest;
        this.yTrain = yTrain;
        this.yValid = yValid;
        this.yTest = yTest;
    }

    static Housing load() {
        Table housing = Datasets.californiaHousing();
        Split testSplit = housing.split(0.25, 42);
        Split validSplit = testSplit.train().split(0.25, 42);
        StandardScaler scaler = new StandardScaler().fit(validSplit.train().features());
        return new Housing(scaler.transform(validSplit.train().features()),
                scaler.transform(validSplit.test().features()), scaler.transform(testSplit.test().features()),
                validSplit.train().targets(), validSplit.test().targets(), testSplit.test().targets());
    }

    /** The two inputs of the Wide &amp; Deep models: columns 0-4 (wide) and 2-7 (deep). */
    static List<Tensor> wideDeep(Tensor x) {
        return List.of(Columns.select(x, 0, 5), Columns.select(x, 2, 8));
    }

    /** The example's subclassed model: layers made in the constructor, used in {@code call}. */
    static final class WideAndDeepModel extends Model {
        private final Dense hidden1;
        private final Dense hidden2;
        private final Dense mainOutput;
        private final Dense auxOutput;

        WideAndDeepModel(int units, String activation) {
            hidden1 = new Dense(units, activation);
            hidden2 = new Dense(units, activation);
            mainOutput = new Dense(1);
            auxOutput = new Dense(1);
        }

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor h1 = hidden1.apply(inputs.get(1));
            Tensor h2 = hidden2.apply(h1);
            Tensor concat = Ops.concatenate(List.of(inputs.get(0), h2), -1);
            return Tensors.of(mainOutput.apply(concat), auxOutput.apply(h2));
        }
    }

    /** The example's Functional Wide &amp; Deep model (two inputs, main and auxiliary outputs). */
    static Model functional() {
        Tensor inputA = Input.of("wide_input", 5);
        Tensor inputB = Input.of("deep_input", 6);
        Tensor hidden1 = new Dense(30, "relu").apply(inputB);
        Tensor hidden2 = new Dense(30, "relu").apply(hidden1);
        Tensor concat = Ops.concatenate(List.of(inputA, hidden2), -1);
        Tensor output = new Dense(1).named("main_output").apply(concat);
        Tensor auxOutput = new Dense(1).named("aux_output").apply(hidden2);
        return Model.of(List.of(inputA, inputB), List.of(output, auxOutput));
    }

    /** The example's subclassed Wide &amp; Deep model, built for inputs of 5 and 6 features. */
    static Model subclassed() {
        Model m = new WideAndDeepModel(30, "relu");
        m.buildForSamples(Shape.of(5), Shape.of(6));
        return m;
    }

    /** The single-input Sequential MLP 8-30-30-1. */
    static Model sequential() {
        return new Sequential(new InputLayer(8), new Dense(30, "relu"), new Dense(30, "relu"), new Dense(1));
    }

    /**
     * The float32 bytes of the activations one training step must keep for the backward pass at batch
     * {@code batch}: the inputs and every layer's output (Wide &amp; Deep: inputs 5 + 6, hidden 30 + 30, concat 35,
     * outputs 1 + 1 per sample; the MLP: 8 + 30 + 30 + 1).
     */
    static long activationBytes(String style, int batch) {
        int perSample = style.equals("sequential") ? 8 + 30 + 30 + 1 : 5 + 6 + 30 + 30 + 35 + 1 + 1;
        return 4L * batch * perSample;
    }
}

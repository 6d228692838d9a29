package dev.strata.examples;

import dev.strata.Strata;
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
import dev.strata.optimizers.SGD;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import dev.strata.training.PlotOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's Wide &amp; Deep network on California housing, built three ways (subclassed, Functional, and a
 * Sequential MLP for the single-input variant), each compiled, trained, evaluated, used for prediction and saved
 * in Keras's {@code .keras} format (in the working directory: {@code wide_and_deep_<style>.keras}, which Python Keras
 * loads too), as the chapter does. At the end each file is loaded back to show that it predicts exactly what the
 * model did. The first model's training curves (loss and each output's loss, training against validation) are
 * drawn to {@code wide_and_deep_subclassed_history.png} beside the saved models. Ends with one {@code RESULT} line
 * per model for scripts.
 */
public final class WideAndDeep {
    private WideAndDeep() {
    }

    /**
     * The seed's subclassed model: layers made in the constructor, used in {@code call}. The constructor's arguments
     * are kept in fields of the same names: that is its config when saved (Strata's auto-config), and how loading
     * calls the constructor again.
     */
    static final class WideAndDeepModel extends Model {
        private final int units;
        private final String activation;
        private final Dense hidden1;
        private final Dense hidden2;
        private final Dense mainOutput;
        private final Dense auxOutput;

        WideAndDeepModel(int units, String activation) {
            this.units = units;
            this.activation = activation;
            hidden1 = new Dense(units, activation);
            hidden2 = new Dense(units, activation);
            mainOutput = new Dense(1);
            auxOutput = new Dense(1);
        }

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor inputA = inputs.get(0);
            Tensor inputB = inputs.get(1);
            Tensor h1 = hidden1.apply(inputB);
            Tensor h2 = hidden2.apply(h1);
            Tensor concat = Ops.concatenate(List.of(inputA, h2), -1);
            return Tensors.of(mainOutput.apply(concat), auxOutput.apply(h2));
        }
    }

    public static void main(String[] args) {
        Strata.setRandomSeed(42);
        Table housing = Datasets.californiaHousing();
        Split testSplit = housing.split(0.25, 42);           // train_test_split(data, target, random_state=42)
        Split validSplit = testSplit.train().split(0.25, 42); // ... and again for the validation set
        Table train = validSplit.train();
        Table valid = validSplit.test();
        Table test = testSplit.test();

        StandardScaler scaler = new StandardScaler().fit(train.features());
        Tensor xTrain = scaler.transform(train.features());
        Tensor xValid = scaler.transform(valid.features());
        Tensor xTest = scaler.transform(test.features());
        Tensor yTrain = train.targets();
        Tensor yValid = valid.targets();
        Tensor yTest = test.targets();

        // wide input: features 0-4; deep input: features 2-7
        List<Tensor> trainAB = List.of(Columns.select(xTrain, 0, 5), Columns.select(xTrain, 2, 8));
        List<Tensor> validAB = List.of(Columns.select(xValid, 0, 5), Columns.select(xValid, 2, 8));
        List<Tensor> testAB = List.of(Columns.select(xTest, 0, 5), Columns.select(xTest, 2, 8));
        List<Tensor> newAB = List.of(Columns.select(xTest, 0, 5), Columns.select(xTest, 2, 8)).stream()
                .map(t -> dev.strata.data.Rows.select(t, 0, 3)).toList();

        System.out.printf(Locale.ROOT, "California housing: %d train, %d validation, %d test samples (kernels: %s)%n",
                train.size(), valid.size(), test.size(), Strata.kernels());

        // 1. Subclassing API
        Model subclassed = new WideAndDeepModel(30, "relu");
        String r1 = trainTwoOutputs("subclassed", subclassed, trainAB, yTrain, validAB, yValid, testAB, yTest, newAB,
                true);

        // 2. Functional API
        Tensor inputA = Input.of("wide_input", 5);
        Tensor inputB = Input.of("deep_input", 6);
        Tensor hidden1 = new Dense(30, "relu").apply(inputB);
        Tensor hidden2 = new Dense(30, "relu").apply(hidden1);
        Tensor concat = Ops.concatenate(List.of(inputA, hidden2), -1);
        Tensor output = new Dense(1).named("main_output").apply(concat);
        Tensor auxOutput = new Dense(1).named("aux_output").apply(hidden2);
        Model functional = Model.of(List.of(inputA, inputB), List.of(output, auxOutput));
        String r2 = trainTwoOutputs("functional", functional, trainAB, yTrain, validAB, yValid, testAB, yTest, newAB,
                false);

        // 3. Sequential API, single input (all eight features)
        Model sequential = new Sequential(new InputLayer(8), new Dense(30, "relu"), new Dense(30, "relu"), new Dense(1));
        System.out.println();
        System.out.println("=== sequential ===");
        sequential.summary();
        sequential.compile(new SGD(1e-3f), "mse");
        long start = System.nanoTime();
        sequential.fit(xTrain, yTrain, new FitOptions().epochs(20).validationData(xValid, yValid));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> scores = sequential.evaluate(List.of(xTest), List.of(yTest));
        Tensor xNew = dev.strata.data.Rows.select(xTest, 0, 3);
        Tensor predicted = sequential.predict(xNew);
        System.out.println("predictions for 3 new samples: " + predicted);
        Path saved3 = save("sequential", sequential);
        String r3 = result("sequential", scores.get("loss"), seconds, saved3);

        // Loading draws fresh initial weights from the random generator, so it comes after all training: the
        // results above are those of the run without saving.
        System.out.println();
        reload(savedPath("subclassed"), subclassed, newAB);
        reload(savedPath("functional"), functional, newAB);
        reload(saved3, sequential, List.of(xNew));

        System.out.println();
        System.out.println(r1);
        System.out.println(r2);
        System.out.println(r3);
    }

    /** Where a style's model is saved: {@code wide_and_deep_<style>.keras} in the working directory. */
    private static Path savedPath(String style) {
        return Path.of("wide_and_deep_" + style + ".keras");
    }

    /** Saves the model at {@link #savedPath}; returns that path. */
    private static Path save(String style, Model model) {
        Path path = savedPath(style);
        model.save(path);
        System.out.println("saved to " + path);
        return path;
    }

    /**
     * Loads a saved model and checks that it predicts exactly what the original does. The subclassed model comes
     * back as its class (saving registered it); Python Keras, without the Java class, loads its traced graph.
     */
    private static void reload(Path path, Model original, List<Tensor> x) {
        Model loaded = Saving.loadModel(path);
        Tensors expected = original.predict(x, new dev.strata.training.PredictOptions());
        Tensors actual = loaded.predict(x, new dev.strata.training.PredictOptions());
        float maxDifference = 0;
        for (int i = 0; i < expected.size(); i++) {
            float[] e = expected.get(i).toFloatArray();
            float[] a = actual.get(i).toFloatArray();
            for (int k = 0; k < e.length; k++) {
                maxDifference = Math.max(maxDifference, Math.abs(e[k] - a[k]));
            }
        }
        System.out.printf(Locale.ROOT, "reloaded %s as %s: %s%n", path, loaded.getClass().getSimpleName(),
                maxDifference == 0 ? "the same predictions for the 3 new samples"
                        : "predictions differ by up to " + maxDifference);
    }

    /** Trains, evaluates, predicts and saves a two-output model; with {@code plotCurves} draws its history too. */
    private static String trainTwoOutputs(String style, Model model, List<Tensor> x, Tensor y, List<Tensor> xValid,
                                          Tensor yValid, List<Tensor> xTest, Tensor yTest, List<Tensor> xNew,
                                          boolean plotCurves) {
        System.out.println();
        System.out.println("=== " + style + " ===");
        model.buildForSamples(dev.strata.tensor.Shape.of(5), dev.strata.tensor.Shape.of(6));
        model.summary();
        // The book's compile: one loss for both outputs, weighted 0.9 / 0.1
        model.compile(new SGD(1e-3f), new CompileOptions().loss("mse").lossWeights(0.9, 0.1));
        long start = System.nanoTime();
        History history = model.fit(x, List.of(y, y),
                new FitOptions().epochs(20).validationData(xValid, List.of(yValid, yValid)));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> scores = model.evaluate(xTest, List.of(yTest, yTest));
        System.out.println("test: " + format(scores));
        Tensors predictions = model.predict(xNew, new dev.strata.training.PredictOptions());
        System.out.println("main predictions for 3 new samples: " + predictions.get(0));
        System.out.println("aux predictions for 3 new samples:  " + predictions.get(1));
        String mainLoss = model.outputNames().getFirst() + "_loss";
        if (history.keys().isEmpty()) {
            throw new IllegalStateException("no history");
        }
        if (plotCurves) {
            // drawing uses no random numbers, so the models after this one train exactly as they did without it
            Path curves = Path.of("wide_and_deep_" + style + "_history.png");
            history.plot(curves, new PlotOptions()
                    .title("Wide & Deep on California housing (" + style + " model)"));
            System.out.println("training curves drawn to " + curves);
        }
        return result(style, scores.get(mainLoss), seconds, save(style, model));
    }

    private static String format(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        logs.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " - ").append(k).append(": ")
                .append(String.format(Locale.ROOT, "%.4f", v)));
        return sb.toString();
    }

    private static String result(String style, double testMainMse, double fitSeconds, Path saved) {
        return String.format(Locale.ROOT, "RESULT style=%s test_main_mse=%.4f fit_seconds=%.2f saved=%s", style,
                testMainMse, fitSeconds, saved);
    }
}

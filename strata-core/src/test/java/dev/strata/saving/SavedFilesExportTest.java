package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.SavingRegistry;
import dev.strata.internal.LayerAccess;
import dev.strata.internal.OptimizerAccess;
import dev.strata.internal.config.KerasForms;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.Layer;
import dev.strata.layers.convolutional.Conv1D;
import dev.strata.layers.rnn.Bidirectional;
import dev.strata.layers.rnn.GRU;
import dev.strata.layers.rnn.GRUCell;
import dev.strata.layers.rnn.LSTM;
import dev.strata.layers.rnn.LSTMCell;
import dev.strata.layers.rnn.RNN;
import dev.strata.layers.rnn.SimpleRNN;
import dev.strata.layers.rnn.TimeDistributed;
import dev.strata.layers.convolutional.Conv1DTranspose;
import dev.strata.layers.convolutional.Conv3D;
import dev.strata.layers.convolutional.Conv3DTranspose;
import dev.strata.layers.convolutional.DepthwiseConv1D;
import dev.strata.layers.convolutional.SeparableConv1D;
import dev.strata.layers.normalization.GroupNormalization;
import dev.strata.layers.normalization.UnitNormalization;
import dev.strata.layers.pooling.AveragePooling1D;
import dev.strata.layers.pooling.AveragePooling2D;
import dev.strata.layers.pooling.GlobalAveragePooling3D;
import dev.strata.layers.pooling.GlobalMaxPooling1D;
import dev.strata.layers.pooling.MaxPooling1D;
import dev.strata.layers.pooling.MaxPooling3D;
import dev.strata.layers.preprocessing.CenterCrop;
import dev.strata.layers.preprocessing.RandomFlip;
import dev.strata.layers.preprocessing.Rescaling;
import dev.strata.layers.preprocessing.Resizing;
import dev.strata.layers.reshaping.Cropping1D;
import dev.strata.layers.reshaping.Cropping2D;
import dev.strata.layers.reshaping.Cropping3D;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.layers.reshaping.RepeatVector;
import dev.strata.layers.reshaping.UpSampling1D;
import dev.strata.layers.reshaping.UpSampling2D;
import dev.strata.layers.reshaping.UpSampling3D;
import dev.strata.layers.reshaping.ZeroPadding1D;
import dev.strata.layers.reshaping.ZeroPadding2D;
import dev.strata.layers.reshaping.ZeroPadding3D;
import dev.strata.layers.convolutional.Conv2D;
import dev.strata.layers.convolutional.Conv2DTranspose;
import dev.strata.layers.convolutional.DepthwiseConv2D;
import dev.strata.layers.convolutional.SeparableConv2D;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.pooling.GlobalAveragePooling2D;
import dev.strata.layers.pooling.MaxPooling2D;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.AdamW;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes {@code .keras} and {@code .weights.h5} files of trained Strata models to {@code target/keras-saved/}, with
 * inputs, Strata's predictions, and a training batch with Strata's predictions after one more step of the reloaded
 * model, for {@code tools/keras-interop/check_saved.py}: Python Keras must load them, predict the same, continue
 * training from the saved optimizer state to the same weights, and write the same weight paths when it saves them
 * again. CI does not run Python; here the files are checked to reload in Strata.
 */
class SavedFilesExportTest {
    static final Path DIR = Path.of("target", "keras-saved");

    @AfterEach
    void forget() {
        SavingRegistry.unregister(WideAndDeepModel.class);
        SavingRegistry.unregister(StatefulModel.class);
        SavingRegistry.unregister(SubclassOwnWeightsTest.Scaled.class);
    }

    private static Tensor random(int... shape) {
        return Tensor.uniform(Shape.of(shape), -1f, 1f);
    }

    @Test
    void exportSavedModelsForPythonKeras() throws IOException {
        Files.createDirectories(DIR);
        Strata.setRandomSeed(31);
        List<Tensor> wd = List.of(random(64, 5), random(64, 6));
        Tensor y = random(64, 1);

        Model functional = WideAndDeepStyles.functional();
        functional.compile(new Adam(0.01f), new CompileOptions().losses("mse", "mse").lossWeights(0.9, 0.1));
        functional.fit(wd, List.of(y, y), new FitOptions().epochs(2).verbose(0));
        export("wide_deep_functional", functional, List.of(random(4, 5), random(4, 6)), 2, true);

        Model sequential = WideAndDeepStyles.sequential();
        Tensor x8 = random(64, 8);
        sequential.fit(x8, y, new FitOptions().epochs(2).verbose(0));
        export("wide_deep_sequential", sequential, List.of(random(4, 8)), 1, true);

        Model adamW = WideAndDeepStyles.sequential();
        adamW.compile(new AdamW(0.01f, 0.05f).amsgrad(true), "mse");
        adamW.fit(x8, y, new FitOptions().epochs(2).verbose(0));
        export("adamw_sequential", adamW, List.of(random(4, 8)), 1, true);

        Model subclassed = WideAndDeepStyles.subclassed();
        subclassed.compile(new Adam(0.01f), new CompileOptions().losses("mse", "mse").lossWeights(0.9, 0.1));
        subclassed.fit(wd, List.of(y, y), new FitOptions().epochs(2).verbose(0));
        export("wide_deep_subclassed", subclassed, List.of(random(4, 5), random(4, 6)), 2, true);

        StatefulModel stateful = new StatefulModel(8);
        Tensor xs = Tensor.normal(Shape.of(64, 4), 2, 3);
        stateful.norm().adapt(xs);
        stateful.compile(new Adam(0.01f), "mse");
        stateful.fit(xs, y, new FitOptions().epochs(2).batchSize(16).verbose(0));
        export("stateful_subclassed", stateful, List.of(Tensor.normal(Shape.of(4, 4), 2, 3)), 1, false); // dropout

        SubclassOwnWeightsTest.Scaled scaled = new SubclassOwnWeightsTest.Scaled();
        scaled.buildForSamples(Shape.of(3));
        scaled.scale().assign(Tensor.of(new float[] {2f, -3f}, 2));
        export("own_weights_subclassed", scaled, List.of(random(4, 3)), 1, false); // weights as graph constants

        Model nested = InteropExportTest.sharedAndNested();
        export("shared_and_nested", nested, List.of(random(3, 4), random(3, 4)), 2, false);

        Model cnn = new Sequential(new InputLayer(12, 12, 3), new Conv2D(4, 3, "relu").padding("same"),
                new MaxPooling2D(), new SeparableConv2D(6, 3, "relu").padding("same"),
                new Conv2DTranspose(3, 2).strides(2), new DepthwiseConv2D(3).depthMultiplier(2),
                new GlobalAveragePooling2D(), new Dense(2));
        cnn.compile(new Adam(0.01f), "mse");
        cnn.fit(random(32, 12, 12, 3), random(32, 2), new FitOptions().epochs(2).verbose(0));
        export("cnn_sequential", cnn, List.of(random(4, 12, 12, 3)), 1, true);

        Model seq1d = new Sequential(new InputLayer(16, 3), new Conv1D(4, 3).padding("causal"), new ZeroPadding1D(1),
                new Cropping1D(1, 1), new MaxPooling1D(), new SeparableConv1D(4, 2), new DepthwiseConv1D(2),
                new Conv1DTranspose(3, 2).strides(2), new UpSampling1D(2), new AveragePooling1D(2),
                new GlobalMaxPooling1D(), new RepeatVector(2), new Flatten(), new Dense(2));
        seq1d.compile(new Adam(0.01f), "mse");
        seq1d.fit(random(32, 16, 3), random(32, 2), new FitOptions().epochs(1).verbose(0));
        export("layers_1d_sequential", seq1d, List.of(random(4, 16, 3)), 1, true);

        Model images = new Sequential(new InputLayer(10, 10, 3), new Rescaling(1 / 255.0), new Resizing(8, 8),
                new RandomFlip(), new CenterCrop(6, 6), new ZeroPadding2D(1), new Cropping2D(1),
                new UpSampling2D(2).interpolation("bilinear"), new AveragePooling2D(2), new GroupNormalization(3),
                new UnitNormalization(), new GlobalAveragePooling2D(), new Dense(2));
        images.compile(new Adam(0.01f), "mse");
        images.fit(Tensor.uniform(Shape.of(32, 10, 10, 3), 0f, 255f), random(32, 2),
                new FitOptions().epochs(1).verbose(0));
        export("image_layers_sequential", images, List.of(Tensor.uniform(Shape.of(4, 10, 10, 3), 0f, 255f)), 1,
                false);

        Model volumes = new Sequential(new InputLayer(6, 6, 6, 2), new Conv3D(2, 2), new Conv3DTranspose(2, 2),
                new MaxPooling3D(), new ZeroPadding3D(1), new Cropping3D(1), new UpSampling3D(2),
                new GlobalAveragePooling3D(), new Dense(2));
        volumes.compile(new Adam(0.01f), "mse");
        volumes.fit(random(16, 6, 6, 6, 2), random(16, 2), new FitOptions().epochs(1).verbose(0));
        export("layers_3d_sequential", volumes, List.of(random(4, 6, 6, 6, 2)), 1, true);

        Model recurrent = new Sequential(new InputLayer(7, 3), new LSTM(5).returnSequences(true),
                new GRU(4).returnSequences(true), new Bidirectional(new SimpleRNN(3).returnSequences(true), "sum"),
                new TimeDistributed(new Dense(2)), new RNN(List.of(new LSTMCell(3), new GRUCell(2))), new Dense(2));
        recurrent.compile(new Adam(0.01f), "mse");
        recurrent.fit(random(32, 7, 3), random(32, 2), new FitOptions().epochs(1).verbose(0));
        export("recurrent_sequential", recurrent, List.of(random(4, 7, 3)), 1, true);

        Tensor seqIn = dev.strata.models.Input.of(6, 3);
        Tensors lstmOut = new LSTM(4).returnSequences(true).returnState(true).apply(List.of(seqIn));
        Tensor bidi = new Bidirectional(new GRU(3).goBackwards(true), "concat").apply(lstmOut.get(0));
        Tensor merged = dev.strata.layers.merging.Layers.concatenate(List.of(bidi, lstmOut.get(1), lstmOut.get(2)));
        Model recurrentFunctional = Model.of(seqIn, new Dense(1).apply(merged));
        recurrentFunctional.compile(new Adam(0.01f), "mse");
        recurrentFunctional.fit(random(32, 6, 3), random(32, 1), new FitOptions().epochs(1).verbose(0));
        export("recurrent_functional", recurrentFunctional, List.of(random(4, 6, 3)), 1, true);
        assertThat(Files.list(DIR).count()).isGreaterThanOrEqualTo(39);
    }

    /**
     * Saves the model, checks it reloads in Strata, and writes what Python needs; with {@code train}, one more
     * training step of the reloaded model on a fixed batch and its predictions after.
     */
    private static void export(String name, Model model, List<Tensor> inputs, int outputs, boolean train)
            throws IOException {
        export(DIR, name, model, inputs, outputs, train);
    }

    /** {@link #export(String, Model, List, int, boolean)} into {@code dir} (sibling export tests share it). */
    static void export(Path dir, String name, Model model, List<Tensor> inputs, int outputs, boolean train)
            throws IOException {
        Path file = dir.resolve(name + ".keras");
        Path weights = dir.resolve(name + ".weights.h5");
        model.save(file);
        model.saveWeights(weights);
        Tensors predicted = model.predict(inputs, new PredictOptions());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", nested(inputs));
        doc.put("outputs", nested(predicted));
        doc.put("listing", KerasArchive.read(file).weights().listing());
        if (model.optimizer().isPresent() && model.optimizer().get() instanceof Adam adam && adam.built()) {
            doc.put("adam_slots", adamSlots(model, adam));
        }
        Model back = Saving.loadModel(file);
        Tensors again = back.predict(inputs, new PredictOptions());
        for (int i = 0; i < predicted.size(); i++) {
            assertThat(again.get(i).toFloatArray()).containsExactly(predicted.get(i).toFloatArray());
        }
        if (train) {
            List<Tensor> bx = new ArrayList<>();
            for (Tensor in : inputs) {
                bx.add(random(withBatch(in, 8)));
            }
            Tensor by = random(withBatch(predicted.get(0), 8));
            List<Tensor> ys = new ArrayList<>();
            for (int i = 0; i < outputs; i++) {
                ys.add(by);
            }
            back.trainOnBatch(bx, ys);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("x", nested(bx));
            step.put("y", nested(ys));
            step.put("outputs_after", nested(back.predict(inputs, new PredictOptions())));
            doc.put("train_on_batch", step);
        }
        Files.writeString(dir.resolve(name + ".json"), KerasConfig.toJson(doc), StandardCharsets.UTF_8);
    }

    /** The tensor's shape with another batch size. */
    private static int[] withBatch(Tensor t, int batch) {
        int[] shape = t.shape().toArray();
        shape[0] = batch;
        return shape;
    }

    /**
     * Adam's moments by the Keras path of their variable ({@code hidden/kernel}: layer name / weight name), to check
     * in Python that each slot went to its own variable whatever order the file lists them in.
     */
    private static Map<String, Object> adamSlots(Model model, Adam adam) {
        Map<Variable, String> paths = new IdentityHashMap<>();
        collectPaths(model, paths, Collections.newSetFromMap(new IdentityHashMap<>()));
        List<Variable> refs = OptimizerAccess.slotReferences(adam);
        List<Variable> all = adam.variables();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            // Adam's own slots only: not the counters (no reference; learning_rate is absent under a schedule), nor
            // the base's EMA averages or gradient accumulators, which check_saved.py does not read as Adam slots
            String slotName = all.get(i).name();
            if (refs.get(i) == null || !(slotName.endsWith("_momentum") || slotName.endsWith("_velocity")
                    || slotName.endsWith("_velocity_hat"))) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object> slots = (List<Object>) out.computeIfAbsent(paths.get(refs.get(i)), k -> new ArrayList<>());
            slots.add(KerasForms.nested(all.get(i)));
        }
        return out;
    }

    private static void collectPaths(Layer layer, Map<Variable, String> paths, Set<Layer> seen) {
        collectPaths(layer, "", paths, seen);
    }

    /**
     * Keras's variable paths: a layer's weights under its name; the layers a plain layer builds inside its own
     * build (MultiHeadAttention's projections, in its fields) under the layer's name too, as {@code mha/query/kernel}.
     */
    private static void collectPaths(Layer layer, String prefix, Map<Variable, String> paths, Set<Layer> seen) {
        if (!seen.add(layer)) {
            return;
        }
        for (Variable v : LayerAccess.ownWeights(layer)) {
            paths.putIfAbsent(v, prefix + layer.name() + "/" + v.name());
        }
        if (layer instanceof Model m) {
            for (Layer child : m.layers()) {
                collectPaths(child, prefix, paths, seen);
            }
            return;
        }
        // Keras's paths of the recurrent layers' weights: a cell built by its RNN is under the RNN's name
        // (lstm/lstm_cell/kernel); stacked cells and a TimeDistributed's layer under their own names only.
        switch (layer) {
            case RNN rnn when !(rnn.cell() instanceof dev.strata.layers.rnn.StackedRNNCells) -> {
                if (seen.add(rnn.cell())) {
                    for (Variable v : LayerAccess.ownWeights(rnn.cell())) {
                        paths.putIfAbsent(v, rnn.name() + "/" + rnn.cell().name() + "/" + v.name());
                    }
                }
            }
            case RNN rnn -> collectPaths(rnn.cell(), paths, seen);
            case dev.strata.layers.rnn.StackedRNNCells stacked -> stacked.cells().forEach(c ->
                    collectPaths(c, paths, seen));
            case Bidirectional b -> {
                collectPaths(b.forwardLayer(), paths, seen);
                collectPaths(b.backwardLayer(), paths, seen);
            }
            case TimeDistributed t -> collectPaths(t.layer(), paths, seen);
            default -> { // the layers a plain layer builds in its fields (MultiHeadAttention's projections)
                for (Class<?> c = layer.getClass(); c != Layer.class; c = c.getSuperclass()) {
                    for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                        if (Layer.class.isAssignableFrom(f.getType())
                                && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                            f.setAccessible(true);
                            try {
                                Object child = f.get(layer);
                                if (child != null) {
                                    collectPaths((Layer) child, prefix + layer.name() + "/", paths, seen);
                                }
                            } catch (IllegalAccessException e) {
                                throw new AssertionError(e);
                            }
                        }
                    }
                }
            }
        }
    }

    private static List<Object> nested(List<Tensor> ts) {
        List<Object> out = new ArrayList<>();
        for (Tensor t : ts) {
            out.add(KerasForms.nested(t));
        }
        return out;
    }
}

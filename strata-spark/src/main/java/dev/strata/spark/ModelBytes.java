package dev.strata.spark;

import dev.strata.models.Model;
import dev.strata.optimizers.Optimizer;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model as the bytes of its {@code .keras} file (architecture, weights, compile config and optimizer state), which
 * is how it travels to the executors: broadcast once, loaded once per executor JVM for inference, or once per
 * task for training.
 */
final class ModelBytes {
    /** Inference models per executor JVM, by broadcast id: loaded once, shared by the executor's tasks. */
    private static final Map<Long, Model> SHARED = new ConcurrentHashMap<>();

    private ModelBytes() {
    }

    static byte[] save(Model model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Saving.saveModel(model, out);
        return out.toByteArray();
    }

    static Model load(byte[] bytes) {
        return Saving.loadModel(new ByteArrayInputStream(bytes));
    }

    /**
     * The model of broadcast {@code id}, loaded once in this JVM and shared by its tasks (predict is safe from many
     * threads at once). Earlier broadcasts' models are dropped, so an executor keeps one per running inference.
     */
    static Model shared(long id, byte[] bytes) {
        return SHARED.computeIfAbsent(id, k -> {
            SHARED.keySet().removeIf(other -> other < k);
            return load(bytes);
        });
    }

    /** Copies the weights and the optimizer state of {@code from} into {@code to}, as if {@code to} had trained. */
    static void copyState(Model from, Model to) {
        to.setWeights(from.getWeights());
        Optimizer source = from.optimizer().orElse(null);
        Optimizer target = to.optimizer().orElse(null);
        if (source == null || target == null || !source.built()) {
            return;
        }
        target.build(to.trainableWeights());
        List<Variable> src = source.variables();
        List<Variable> dst = target.variables();
        if (src.size() != dst.size()) {
            throw new IllegalStateException("the trained optimizer has " + src.size() + " variables but the model's "
                    + target + " has " + dst.size());
        }
        for (int i = 0; i < src.size(); i++) {
            dst.get(i).assign(src.get(i));
        }
    }

    /** Every float of the model's state: its weights, then its optimizer's variables, in order. */
    static List<Tensor> state(Model model) {
        List<Tensor> out = new ArrayList<>(model.getWeights());
        model.optimizer().ifPresent(o -> out.addAll(o.variables()));
        return out;
    }
}

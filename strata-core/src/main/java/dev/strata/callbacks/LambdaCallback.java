package dev.strata.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A callback made of lambdas, like {@code keras.callbacks.LambdaCallback}.
 *
 * <pre>{@code
 * new LambdaCallback().onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs.get("loss")));
 * }</pre>
 */
public class LambdaCallback extends Callback {
    private BiConsumer<Integer, Map<String, Double>> epochBegin = (e, l) -> { };
    private BiConsumer<Integer, Map<String, Double>> epochEnd = (e, l) -> { };
    private BiConsumer<Integer, Map<String, Double>> batchBegin = (b, l) -> { };
    private BiConsumer<Integer, Map<String, Double>> batchEnd = (b, l) -> { };
    private Consumer<Map<String, Double>> trainBegin = l -> { };
    private Consumer<Map<String, Double>> trainEnd = l -> { };

    /** A callback that does nothing until its hooks are set. */
    public LambdaCallback() {
    }

    /** Runs at the start of each epoch with (epoch, logs). */
    public LambdaCallback onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
        epochBegin = f;
        return this;
    }

    /** Runs at the end of each epoch with (epoch, logs). */
    public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
        epochEnd = f;
        return this;
    }

    /** Runs before each training batch with (batch, logs). */
    public LambdaCallback onBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
        batchBegin = f;
        return this;
    }

    /** Runs after each training batch with (batch, logs). */
    public LambdaCallback onBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        batchEnd = f;
        return this;
    }

    /** Runs when training starts. */
    public LambdaCallback onTrainBegin(Consumer<Map<String, Double>> f) {
        trainBegin = f;
        return this;
    }

    /** Runs when training ends. */
    public LambdaCallback onTrainEnd(Consumer<Map<String, Double>> f) {
        trainEnd = f;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochBegin.accept(epoch, logs);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochEnd.accept(epoch, logs);
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        batchBegin.accept(batch, logs);
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        batchEnd.accept(batch, logs);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        trainBegin.accept(logs);
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        trainEnd.accept(logs);
    }
}

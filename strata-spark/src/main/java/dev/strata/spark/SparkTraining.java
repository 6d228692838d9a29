package dev.strata.spark;

import dev.strata.autodiff.GradientTape;
import dev.strata.data.Batch;
import dev.strata.graph.Trace;
import dev.strata.internal.LayerAccess;
import dev.strata.internal.ReplicaContext;
import dev.strata.internal.TrainingAccess;
import dev.strata.layers.Layer;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.metrics.Mean;
import dev.strata.metrics.Metric;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.optimizers.Optimizer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.History;
import dev.strata.training.ProgbarLogger;
import dev.strata.training.TrainingListener;
import dev.strata.training.TrainingState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Trains a compiled Strata model of any style on a Spark DataFrame, data-parallel across workers, as Keras's
 * {@code fit} trains it on one machine: each epoch runs as one Spark barrier stage whose tasks (one per worker) hold
 * a replica of the model and a shard of the rows; in {@link SparkFitOptions.Mode#SYNCHRONOUS} mode they all-reduce
 * the gradients of every global batch (through Spark's block manager, see {@code BlockAllReduce}) and apply the same
 * update, so that with the same rows in the same order the weights equal
 * single-machine training up to float32 rounding. Callbacks, {@link History}, validation and the progress line run
 * on the driver, once per epoch; the model on the driver is updated in place after each epoch, weights and
 * optimizer state.
 *
 * <p>Batch normalization in synchronous mode: a layer made with {@code synchronize(true)} (Keras's
 * {@code synchronized=True}) normalizes with the statistics of the whole global batch, exchanged between the workers
 * inside its forward and backward pass, so training equals single-machine training as for any other layer. Otherwise
 * each worker normalizes with the batch statistics of its own part of the global batch (Keras's
 * {@code synchronized=False}: "each replica uses its own local batch statistics"), and the moving statistics are
 * averaged across the workers every step, weighted by their parts of the batch: the moving mean is single-machine
 * training's, the moving variance the mean of the parts' variances; the weights then differ from single-machine
 * training's as they do under Keras's {@code MirroredStrategy}. Local SGD always uses each worker's own statistics.
 *
 * <p>Faults: when a training task fails (an exception, a lost executor), Spark reruns the epoch's whole barrier stage
 * as a new stage attempt; every worker starts again from the model as it was at the epoch's start, and the
 * all-reduce's blocks are named by attempt, so the retried epoch trains as the first attempt would have (up to
 * {@code spark.stage.maxConsecutiveAttempts}, default 4). A driver that dies loses the run; with a
 * {@code BackupAndRestore} callback the same {@code fit} called again resumes after the last backed-up epoch.
 *
 * <pre>{@code
 * model.compile(new SGD(1e-3f), "mse");
 * History h = SparkTraining.fit(model, trainDf, ColumnSpec.input("a", "b", "c").labels("y"),
 *         new SparkFitOptions().epochs(10).batchSize(32).workers(2).validationData(validDf));
 * }</pre>
 *
 * <p>Rows are numbered in the DataFrame's order and row {@code i} lives with worker {@code i % workers}; each worker
 * keeps its shard in memory for the run. Logged training metrics are exact for the loss and for metrics that are
 * means ({@code Mean} and its subclasses: MAE, MSE, accuracies, crossentropies); others (e.g. AUC) are left out of
 * the training logs, and are exact in the validation logs, which are computed on the driver.
 */
public final class SparkTraining {
    private SparkTraining() {
    }

    /**
     * Trains {@code model} on {@code data}: Keras's {@code fit} over a DataFrame.
     *
     * @param columns which columns feed which input, and which hold the labels of which output
     * @return the history of the epochs' logs (loss, mean metrics, validation)
     * @throws IllegalArgumentException before any training task runs, naming the column: the model is not compiled, a
     *     column is missing or of a type that holds no numbers, has nulls, NaN or infinite features, arrays or
     *     vectors of varying length, or a group of columns gives a width the model's input does not take; the same
     *     for the validation data
     */
    public static History fit(Model model, Dataset<Row> data, ColumnSpec columns, SparkFitOptions options) {
        if (!model.isCompiled()) {
            throw new IllegalArgumentException(model.describe() + " must be compiled before SparkTraining.fit; call "
                    + "compile(...) with an optimizer and a loss");
        }
        List<Shape> sampleShapes = sampleShapes(model);
        // Checked against the whole schema (messages list its columns), then read from the rows of the selected
        // columns, whose positions differ when the spec's columns are not the frame's first ones in order.
        RowReader.of(data.schema(), columns, true, sampleShapes);
        Dataset<Row> selected = select(data, columns);
        RowReader reader = RowReader.of(selected.schema(), columns, true, sampleShapes);
        if (options.validationData() != null) {
            RowReader.of(options.validationData().schema(), columns, true, sampleShapes);
        }
        RowReader validationReader = options.validationData() == null ? null
                : RowReader.of(select(options.validationData(), columns).schema(), columns, true, sampleShapes);
        DataCheck.check(data, columns, sampleShapes, "SparkTraining.fit");
        if (options.validationData() != null) {
            DataCheck.check(options.validationData(), columns, sampleShapes, "SparkTraining.fit (validation data)");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        int workers = options.workers() > 0 ? options.workers() : jsc.defaultParallelism();

        JavaPairRDD<Long, Row> shards = selected.javaRDD().zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .partitionBy(new ModuloPartitioner(workers))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long n = shards.count();
            if (n == 0) {
                throw new IllegalArgumentException("SparkTraining.fit: the DataFrame has no rows");
            }
            List<Tensor> validation = options.validationData() == null ? null
                    : collect(options.validationData(), columns, validationReader);
            return run(model, shards, n, workers, reader, validation, options, jsc);
        } finally {
            shards.unpersist(false);
        }
    }

    private static History run(Model model, JavaPairRDD<Long, Row> shards, long n, int workers, RowReader reader,
                               List<Tensor> validation, SparkFitOptions o, JavaSparkContext jsc) {
        int steps = (int) ((n + o.batchSize() - 1) / o.batchSize());
        Map<String, Object> params = new HashMap<>();
        params.put("epochs", o.epochs());
        params.put("steps", steps);
        params.put("verbose", o.verbose() == 0 ? 0 : 2); // one line per epoch: batch events stay on the executors
        TrainingState state = new TrainingState(model, params);
        String run = java.util.UUID.randomUUID().toString().replace("-", "");
        History history = new History();
        List<TrainingListener> listeners = new ArrayList<>(o.callbacks());
        listeners.add(history);
        ProgbarLogger progress = o.verbose() > 0 ? new ProgbarLogger() : null;
        if (progress != null) {
            listeners.add(progress);
        }
        for (TrainingListener l : listeners) {
            l.setState(state);
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        // As the core fit: BackupAndRestore restores the driver's model (weights and optimizer state) in
        // onTrainBegin and asks to resume after the last backed-up epoch; the epochs' shuffles depend only on the seed
        // and the epoch, so the resumed run goes on exactly as the interrupted one would have.
        TrainingAccess.acceptResume(state, true);
        for (TrainingListener l : listeners) {
            l.onTrainBegin(logs);
        }
        TrainingAccess.acceptResume(state, false);
        Integer resume = TrainingAccess.resumeEpoch(state);
        for (int epoch = resume != null ? resume : 0; epoch < o.epochs(); epoch++) {
            for (TrainingListener l : listeners) {
                l.onEpochBegin(epoch, new LinkedHashMap<>());
            }
            Broadcast<byte[]> shipped = jsc.broadcast(ModelBytes.save(model));
            String stage = run + "_" + epoch;
            EpochTask task = new EpochTask(shipped, reader, n, workers, o.batchSize(), o.shuffle(), o.seed(), epoch,
                    o.mode(), o.averageEvery(), stage, o.fault());
            List<EpochResult> results;
            try {
                // The barrier stage ends in a shuffle (to one partition) rather than being the job's result stage:
                // Spark retries a failed barrier stage (every task, under a new stage attempt) only if it is a
                // shuffle-map stage; a failed barrier result stage aborts the job.
                results = shards.rdd().barrier().mapPartitions(task, false,
                        ClassTag$.MODULE$.<EpochResult>apply(EpochResult.class)).toJavaRDD().repartition(1)
                        .collect();
            } finally {
                shipped.destroy();
                BlockAllReduce.removeRun(stage);
            }
            EpochResult first = results.stream().filter(r -> r.model != null).findFirst().orElseThrow();
            ModelBytes.copyState(ModelBytes.load(first.model), model);
            Map<String, Double> epochLogs = merge(results);
            // Keras's _should_eval: epochs counted from 1 absolutely, so a resumed run validates as the first would.
            if (validation != null && (epoch + 1) % o.validationFreq() == 0) {
                int outputs = reader.labelCount();
                List<Tensor> vx = validation.subList(0, validation.size() - outputs);
                List<Tensor> vy = validation.subList(validation.size() - outputs, validation.size());
                model.evaluate(vx, vy, new EvaluateOptions().batchSize(o.batchSize()).verbose(0))
                        .forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            if (progress != null) {
                progress.onTrainBatchEnd(steps - 1, epochLogs); // the epoch's steps ran on the executors: all done
            }
            for (TrainingListener l : listeners) {
                l.onEpochEnd(epoch, epochLogs);
            }
            logs = epochLogs;
            if (state.stopTraining()) {
                break;
            }
        }
        if (o.epochs() > 0) { // as the core fit: an optimizer's moving averages (use_ema) replace the weights
            model.optimizer().orElseThrow().finalizeVariableValues(model.trainableWeights());
        }
        for (TrainingListener l : listeners) {
            l.onTrainEnd(logs);
        }
        return history;
    }

    /** The epoch's logs: the global loss, and the mean metrics weighted by the rows each worker saw. */
    private static Map<String, Double> merge(List<EpochResult> results) {
        Map<String, Double> out = new LinkedHashMap<>();
        double lossSum = 0;
        double lossWeight = 0;
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (EpochResult r : results) {
            lossSum += r.lossSum;
            lossWeight += r.lossWeight;
            if (r.metrics != null) {
                r.metrics.forEach((k, v) -> {
                    double[] s = sums.computeIfAbsent(k, key -> new double[2]);
                    s[0] += v * r.rows;
                    s[1] += r.rows;
                });
            }
        }
        out.put("loss", lossWeight == 0 ? 0.0 : lossSum / lossWeight);
        sums.forEach((k, s) -> out.put(k, s[1] == 0 ? 0.0 : s[0] / s[1]));
        return new LinkedHashMap<>(new java.util.TreeMap<>(out));
    }

    /** The model's per-sample input shapes when it is traced (to reshape flat rows to images), else null. */
    static List<Shape> sampleShapes(Model model) {
        Trace trace = model.trace();
        if (trace == null) {
            return null;
        }
        List<Shape> out = new ArrayList<>();
        for (Tensor t : trace.inputs()) {
            out.add(t.shape().subShape(1, t.shape().rank()));
        }
        return out;
    }

    /** The spec's columns of {@code df}, each once, inputs first: what the readers of training rows read. */
    static Dataset<Row> select(Dataset<Row> df, ColumnSpec columns) {
        return df.select(columns.allColumns().stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
    }

    /** The rows of a (small) DataFrame on the driver, as one tensor per input, then one per label group. */
    static List<Tensor> collect(Dataset<Row> df, ColumnSpec columns, RowReader reader) {
        List<Row> rows = select(df, columns).collectAsList();
        float[][] groups = reader.read(rows, null);
        List<Tensor> out = new ArrayList<>();
        for (int g = 0; g < groups.length; g++) {
            out.add(reader.tensor(g, groups[g], rows.size()));
        }
        return out;
    }

    /** Row {@code i} to partition {@code i % workers}, so that worker w holds rows w, w + workers, ... */
    static final class ModuloPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int parts;

        ModuloPartitioner(int parts) {
            this.parts = parts;
        }

        @Override
        public int numPartitions() {
            return parts;
        }

        @Override
        public int getPartition(Object key) {
            return (int) ((Long) key % parts);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ModuloPartitioner p && p.parts == parts;
        }

        @Override
        public int hashCode() {
            return parts;
        }
    }

    /** Whether {@code layer} or a layer inside it is a batch normalization with {@code synchronize(true)}. */
    static boolean synchronizesBatchStatistics(Layer layer) {
        if (layer instanceof BatchNormalization bn && bn.isSynchronized()) {
            return true;
        }
        for (Object child : LayerAccess.sublayers(layer)) {
            if (synchronizesBatchStatistics((Layer) child)) {
                return true;
            }
        }
        return false;
    }

    /** What one worker reports after an epoch. */
    static final class EpochResult implements Serializable {
        private static final long serialVersionUID = 1L;
        /** The trained model's bytes (worker 0 only: every replica is the same). */
        byte[] model;
        double lossSum;
        double lossWeight;
        /** This worker's mean metrics (null when some compiled metric is not a mean) and the rows they saw. */
        Map<String, Double> metrics;
        long rows;
    }

    /** One epoch on one worker: a barrier task. */
    static final class EpochTask extends AbstractFunction1<scala.collection.Iterator<Tuple2<Long, Row>>,
            scala.collection.Iterator<EpochResult>> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> shipped;
        private final RowReader reader;
        private final long n;
        private final int workers;
        private final int batchSize;
        private final boolean shuffle;
        private final long seed;
        private final int epoch;
        private final SparkFitOptions.Mode mode;
        private final int averageEvery;
        private final String stage;
        private final SparkFitOptions.Fault fault;

        EpochTask(Broadcast<byte[]> shipped, RowReader reader, long n, int workers, int batchSize, boolean shuffle,
                  long seed, int epoch, SparkFitOptions.Mode mode, int averageEvery, String stage,
                  SparkFitOptions.Fault fault) {
            this.shipped = shipped;
            this.reader = reader;
            this.n = n;
            this.workers = workers;
            this.batchSize = batchSize;
            this.shuffle = shuffle;
            this.seed = seed;
            this.epoch = epoch;
            this.mode = mode;
            this.averageEvery = averageEvery;
            this.stage = stage;
            this.fault = fault;
        }

        @Override
        public scala.collection.Iterator<EpochResult> apply(scala.collection.Iterator<Tuple2<Long, Row>> partition) {
            BarrierTaskContext ctx = BarrierTaskContext.get();
            int worker = ctx.partitionId();
            List<Tuple2<Long, Row>> pairs = new ArrayList<>();
            CollectionConverters.asJava(partition).forEachRemaining(pairs::add);
            pairs.sort(Comparator.comparingLong(Tuple2::_1));
            List<Row> rows = new ArrayList<>(pairs.size());
            long[] ids = new long[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                rows.add(pairs.get(i)._2());
                ids[i] = pairs.get(i)._1();
            }
            float[][] shard = reader.read(rows, ids);
            Model model = ModelBytes.load(shipped.value());
            model.resetMetrics();
            BlockAllReduce reducer = new BlockAllReduce(stage, ctx.stageAttemptNumber(), worker, workers,
                    TimeUnit.MINUTES.toMillis(10));
            Replica replica = new Replica(model, reader, shard, rows.size(), reducer, worker, workers);
            if (fault != null && fault.epoch() == epoch && fault.worker() == worker && ctx.stageAttemptNumber() == 0) {
                replica.failAtStep = fault.step();
            }
            EpochResult result = mode == SparkFitOptions.Mode.SYNCHRONOUS
                    ? replica.synchronousEpoch(globalOrder(), batchSize)
                    : replica.localSgdEpoch(localOrder(rows.size(), worker), Math.max(1, batchSize / workers),
                    averageEvery, localSteps());
            if (worker == 0) {
                result.model = ModelBytes.save(model);
            }
            return CollectionConverters.asScala(List.of(result).iterator());
        }

        /** The epoch's order of all rows, the same on every worker. */
        private long[] globalOrder() {
            long[] order = new long[Math.toIntExact(n)];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            if (shuffle) {
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + epoch);
                for (int i = order.length - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    long t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            return order;
        }

        /** This worker's order of its own rows (local positions). */
        private int[] localOrder(int count, int worker) {
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            if (shuffle) {
                SplittableRandom r = new SplittableRandom((seed * 1_000_003L + epoch) * 31 + worker);
                for (int i = count - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            return order;
        }

        /** Local-SGD steps per epoch: enough for the largest shard, the same on every worker. */
        private int localSteps() {
            long largest = (n + workers - 1) / workers;
            int local = Math.max(1, batchSize / workers);
            return (int) ((largest + local - 1) / local);
        }
    }

    /** A worker's replica of the model and its shard of the rows. */
    private static final class Replica {
        private final Model model;
        private final RowReader reader;
        private final float[][] shard;
        private final int rows;
        private final BlockAllReduce reducer;
        private final int worker;
        private final int workers;
        private final List<Variable> variables;
        /** The non-trainable weights (batch normalization's moving statistics): averaged every synchronous step. */
        private final List<Variable> moving;
        private final Optimizer optimizer;
        /**
         * Whether some layer synchronizes its batch statistics (then every worker runs every synchronous step, on
         * zero rows if the global batch has none of its rows, since each step's exchanges need every worker).
         */
        private final boolean synchronizing;
        /** The step at which this task fails on purpose (a test's injected fault), or -1. */
        int failAtStep = -1;

        Replica(Model model, RowReader reader, float[][] shard, int rows, BlockAllReduce reducer, int worker,
                int workers) {
            this.model = model;
            this.reader = reader;
            this.shard = shard;
            this.rows = rows;
            this.reducer = reducer;
            this.worker = worker;
            this.workers = workers;
            this.variables = model.trainableWeights();
            this.moving = model.nonTrainableWeights();
            this.optimizer = model.optimizer().orElseThrow();
            this.synchronizing = synchronizesBatchStatistics(model);
        }

        /**
         * Synchronous SGD: this worker's part of each global batch, gradients all-reduced every step.
         *
         * <p>Batch normalization: each replica normalizes with its own part's batch statistics (Keras's
         * {@code synchronized=False}, "each replica uses its own local batch statistics", which is what
         * {@code MirroredStrategy} does by default), and the moving statistics are averaged across the replicas every
         * step, each replica's update weighted by its share of the global batch, in the same all-reduce as the
         * gradients (no extra round). The moving mean then equals single-machine training's; the moving variance is
         * the mean of the replicas' batch variances, smaller than the global batch's by the variance between the
         * replicas' batch means. A layer with {@code synchronize(true)} normalizes with the global batch's statistics
         * instead (an all-reduce in its forward and backward pass, through {@link ReplicaContext}); its moving
         * statistics then move the same on every replica and their average is that move.
         */
        EpochResult synchronousEpoch(long[] order, int batchSize) {
            EpochResult result = new EpochResult();
            int steps = (order.length + batchSize - 1) / batchSize;
            int[] local = new int[batchSize];
            for (int s = 0; s < steps; s++) {
                failIfAsked(s);
                int from = s * batchSize;
                int to = Math.min(order.length, from + batchSize);
                int count = 0;
                for (int i = from; i < to; i++) {
                    if (order[i] % workers == worker) {
                        local[count++] = (int) (order[i] / workers);
                    }
                }
                float share = (float) count / (to - from); // this worker's part of the global mean loss
                List<float[]> before = values(moving);
                float[] message = count == 0 && !synchronizing ? new float[size() + 1]
                        : gradients(local, count, share, true);
                if (count > 0) {
                    movingDeltas(before, share, message);
                }
                float[] sum = allReduce(message);
                apply(sum);
                averageMoving(before, sum);
                result.lossSum += (double) sum[sum.length - 1] * (to - from);
                result.lossWeight += to - from;
                result.rows += count;
            }
            finish(result);
            return result;
        }

        /** Local SGD: steps on this worker's own rows, the replicas averaged every {@code every} steps and at the end. */
        EpochResult localSgdEpoch(int[] order, int batchSize, int every, int steps) {
            EpochResult result = new EpochResult();
            int[] local = new int[batchSize];
            for (int s = 0; s < steps; s++) {
                failIfAsked(s);
                int from = s * batchSize;
                int count = 0;
                for (int i = from; i < Math.min(order.length, from + batchSize); i++) {
                    local[count++] = order[i];
                }
                if (count > 0) {
                    float[] g = gradients(local, count, 1f, false);
                    apply(g);
                    result.lossSum += (double) g[g.length - 1] * count;
                    result.lossWeight += count;
                    result.rows += count;
                }
                if ((s + 1) % every == 0 || s == steps - 1) {
                    average();
                }
            }
            finish(result);
            return result;
        }

        private void failIfAsked(int step) {
            if (step == failAtStep) {
                throw new IllegalStateException("worker " + worker + ": injected fault at step " + step);
            }
        }

        private void finish(EpochResult result) {
            if (allMeans()) {
                Map<String, Double> m = new LinkedHashMap<>(model.getMetricsResult());
                m.remove("loss"); // the workers' trackers saw only shares; the global loss is lossSum / lossWeight
                result.metrics = m;
            }
        }

        private boolean allMeans() {
            for (Metric m : model.metrics()) {
                if (!(m instanceof Mean)) {
                    return false;
                }
            }
            return true;
        }

        /** The length of a synchronous message: the gradients, the moving statistics' updates, the loss. */
        private int size() {
            int total = 0;
            for (Variable v : variables) {
                total += v.size();
            }
            for (Variable v : moving) {
                total += v.size();
            }
            return total;
        }

        private static List<float[]> values(List<Variable> vars) {
            List<float[]> out = new ArrayList<>(vars.size());
            for (Variable v : vars) {
                out.add(v.toFloatArray());
            }
            return out;
        }

        /** Writes this step's change of each moving statistic, times {@code share}, after the gradients. */
        private void movingDeltas(List<float[]> before, float share, float[] message) {
            int pos = message.length - 1;
            for (int i = moving.size() - 1; i >= 0; i--) {
                float[] now = moving.get(i).toFloatArray();
                float[] old = before.get(i);
                pos -= now.length;
                for (int k = 0; k < now.length; k++) {
                    message[pos + k] = (now[k] - old[k]) * share;
                }
            }
        }

        /**
         * Sets each moving statistic to its value before the step plus the replicas' summed, share-weighted changes
         * (the same on every replica; weights nobody changed, such as a frozen layer's, stay bit for bit).
         */
        private void averageMoving(List<float[]> before, float[] sum) {
            int pos = sum.length - 1;
            for (int i = moving.size() - 1; i >= 0; i--) {
                Variable v = moving.get(i);
                float[] next = before.get(i).clone();
                pos -= next.length;
                for (int k = 0; k < next.length; k++) {
                    next[k] += sum[pos + k];
                }
                v.assign(Tensor.of(next, v.shape()));
            }
        }

        /**
         * The gradients of the loss on the given local rows, times {@code share}, then room for the moving
         * statistics' updates (zeros), then the loss times share. With {@code replicated} (a synchronous step), layers
         * that synchronize across the replicas do so through this worker's all-reduce; the loss is then weighted by
         * the share before it is differentiated, since the gradient terms such a layer sums across the replicas must
         * be those of the global loss. Zero rows (only then) give zero gradients and a zero loss.
         */
        private float[] gradients(int[] local, int count, float share, boolean replicated) {
            Batch batch = batch(local, count);
            List<Tensor> grads;
            Tensor loss;
            Tensors predictions;
            ReplicaContext replica = replicated && synchronizing
                    ? new ReplicaContext(worker, workers, reducer::sum) : null;
            boolean weighted;
            try (GradientTape tape = GradientTape.record(); ReplicaContext.Scope scope = ReplicaContext.enter(replica)) {
                predictions = model.apply(batch.x(), true);
                loss = model.computeLoss(batch, predictions, true);
                weighted = replica != null && replica.used();
                grads = tape.gradient(weighted ? Ops.multiply(loss, share) : loss, variables);
            }
            if (count > 0) {
                model.computeMetrics(batch, predictions);
            }
            float scale = weighted ? 1f : share;
            float[] out = new float[size() + 1];
            int pos = 0;
            for (int i = 0; i < variables.size(); i++) {
                Tensor g = grads.get(i);
                int len = variables.get(i).size();
                if (g != null && count > 0) {
                    float[] values = g.toFloatArray();
                    for (int k = 0; k < len; k++) {
                        out[pos + k] = values[k] * scale;
                    }
                }
                pos += len;
            }
            // the moving statistics' updates go between (see movingDeltas)
            out[out.length - 1] = count == 0 ? 0f : loss.item() * share;
            return out;
        }

        /** The local rows as a batch of tensors. */
        private Batch batch(int[] local, int count) {
            List<Tensor> x = new ArrayList<>();
            List<Tensor> y = new ArrayList<>();
            for (int g = 0; g < shard.length; g++) {
                int width = rows == 0 ? 0 : shard[g].length / rows;
                float[] values = new float[count * width];
                for (int i = 0; i < count; i++) {
                    System.arraycopy(shard[g], local[i] * width, values, i * width, width);
                }
                Tensor t = reader.tensor(g, values, count);
                (g < reader.inputCount() ? x : y).add(t);
            }
            return new Batch(x, y, null);
        }

        /** Applies summed gradients (and a trailing loss, ignored) to the replica's weights. */
        private void apply(float[] flat) {
            List<Tensor> grads = new ArrayList<>(variables.size());
            int pos = 0;
            for (Variable v : variables) {
                float[] g = new float[v.size()];
                System.arraycopy(flat, pos, g, 0, g.length);
                grads.add(Tensor.of(g, v.shape()));
                pos += g.length;
            }
            optimizer.apply(grads, variables);
        }

        /** Averages every weight and optimizer variable across the workers. */
        private void average() {
            List<Tensor> state = ModelBytes.state(model);
            int total = 0;
            for (Tensor t : state) {
                total += t.size();
            }
            float[] flat = new float[total];
            int pos = 0;
            for (Tensor t : state) {
                float[] v = t.toFloatArray();
                System.arraycopy(v, 0, flat, pos, v.length);
                pos += v.length;
            }
            float[] sum = allReduce(flat);
            pos = 0;
            List<Tensor> weights = new ArrayList<>();
            int weightCount = model.getWeights().size();
            for (int i = 0; i < state.size(); i++) {
                Tensor t = state.get(i);
                float[] mean = new float[t.size()];
                for (int k = 0; k < mean.length; k++) {
                    mean[k] = sum[pos + k] / workers;
                }
                pos += mean.length;
                Tensor value = Tensor.of(mean, t.shape());
                if (i < weightCount) {
                    weights.add(value);
                } else {
                    ((Variable) t).assign(value);
                }
            }
            model.setWeights(weights);
        }

        private float[] allReduce(float[] message) {
            return reducer.sum(message);
        }
    }
}

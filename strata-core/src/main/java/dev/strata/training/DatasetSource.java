package dev.strata.training;

import dev.strata.data.Batch;
import dev.strata.data.Dataset;
import dev.strata.data.PyDataset;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Batches from a {@link Dataset} (or a {@link PyDataset}), with Keras's {@code EpochIterator} rules: without
 * {@code stepsPerEpoch} each epoch is a new pass over the whole dataset, and the number of batches, unknown for a
 * generator or a file, is learned when the first pass ends; with {@code stepsPerEpoch} an epoch takes that many
 * batches from a pass that continues across epochs (so {@code repeat()}ed and infinite datasets train), and a new
 * pass starts when the dataset runs out (Keras's "Your input ran out of data" warning).
 */
final class DatasetSource implements BatchSource {
    private static final System.Logger LOG = System.getLogger("dev.strata.training");

    private final Dataset<Batch> data;
    private final PyDataset py;
    private final Integer stepsPerEpoch;
    private final Map<Integer, Double> classWeight;
    private final String what;
    private Integer numBatches;
    private Dataset.Cursor<Batch> current;
    private int stepsSeen;
    private boolean warned;
    private java.util.function.Consumer<Batch> firstBatch;

    /**
     * @param py the PyDataset behind {@code data}, whose epoch hooks are called, or null
     * @param stepsPerEpoch the steps of an epoch, or null for whole passes
     * @param classWeight Keras's {@code class_weight}, turned into per-batch sample weights, or null
     */
    DatasetSource(Dataset<Batch> data, PyDataset py, Integer stepsPerEpoch, Map<Integer, Double> classWeight,
                  String what, java.util.function.Consumer<Batch> firstBatch) {
        this.firstBatch = firstBatch;
        this.data = data;
        this.py = py;
        this.stepsPerEpoch = stepsPerEpoch;
        this.classWeight = classWeight;
        this.what = what;
        long c = data.cardinality();
        this.numBatches = c >= 0 ? (int) Math.min(c, Integer.MAX_VALUE) : null;
        if (c == Dataset.INFINITE_CARDINALITY && stepsPerEpoch == null) {
            throw new IllegalArgumentException(what + ": the dataset is infinite (repeat() without a count); give "
                    + "stepsPerEpoch (or steps) to say how many batches an epoch takes");
        }
    }

    @Override
    public Integer steps() {
        return stepsPerEpoch != null ? stepsPerEpoch : numBatches;
    }

    @Override
    public Pass start() {
        if (py != null) {
            py.onEpochBegin();
        }
        if (current == null || stepsPerEpoch == null) {
            closeCurrent();
            current = data.iterator();
            stepsSeen = 0;
        }
        int limit = stepsPerEpoch != null ? stepsPerEpoch : -1;
        return new Pass() {
            private int step;
            private boolean ended;

            @Override
            public Batch next() {
                if (limit >= 0 && step >= limit) {
                    return null;
                }
                if (current == null || !current.hasNext()) {
                    // the data ran out: its length is known from now on, and the next epoch starts a new pass
                    if (numBatches == null) {
                        numBatches = stepsSeen;
                    }
                    if (limit >= 0 && !warned) {
                        warned = true;
                        LOG.log(System.Logger.Level.WARNING, "Strata: " + what + ": your input ran out of data "
                                + "after " + stepsSeen + " batches; interrupting the epoch. Make sure that your "
                                + "dataset or generator can generate at least stepsPerEpoch * epochs batches; you "
                                + "may need to use repeat() when building your dataset.");
                    }
                    closeCurrent();
                    return null;
                }
                Batch b = current.next();
                if (firstBatch != null) {
                    // the model is built (or its inputs checked) on the first batch, as Keras builds on it
                    java.util.function.Consumer<Batch> check = firstBatch;
                    firstBatch = null;
                    check.accept(b);
                }
                step++;
                stepsSeen++;
                return classWeight == null ? b : weighted(b);
            }

            @Override
            public void end(boolean failed) {
                if (ended) {
                    return;
                }
                ended = true;
                if (stepsPerEpoch == null || failed) {
                    closeCurrent();
                }
                if (py != null && !failed) {
                    py.onEpochEnd();
                }
            }
        };
    }

    /** Keras's class weights on a dataset: the weight of each sample's class, if the batch has no weights. */
    private Batch weighted(Batch b) {
        if (b.sampleWeights() != null) {
            throw new IllegalArgumentException(what + ": you cannot give classWeight and a dataset whose batches "
                    + "hold sample weights at the same time");
        }
        List<Tensor> sw = SampleWeights.of(null, classWeight, b.y(), b.size(), what);
        return new Batch(b.x(), b.y(), sw);
    }

    private void closeCurrent() {
        if (current != null) {
            Dataset.Cursor<Batch> c = current;
            current = null;
            c.close();
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }
}

package dev.strata.metrics;

import dev.strata.ShapeException;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/**
 * Keras's {@code pearson_correlation} and {@code concordance_correlation} on concrete tensors, for
 * {@link PearsonCorrelation} and {@link ConcordanceCorrelation}.
 */
final class Correlations {
    private static final float EPSILON = 1e-7f;

    private Correlations() {
    }

    private static Tensor[] aligned(String metric, Tensor yTrue, Tensor yPred) {
        Tensor[] a = MetricSupport.alignRanks(yTrue, yPred);
        if (!a[0].shape().equals(a[1].shape())) {
            throw new ShapeException("metric '" + metric + "': y_true " + yTrue.shape() + " and y_pred "
                    + yPred.shape() + " must have the same shape");
        }
        return a;
    }

    private static int[] axes(Tensor t, int axis) {
        return new int[] {t.shape().normalizeAxis(axis)};
    }

    /** The Pearson correlation of y_true and y_pred along {@code axis} (population standard deviations). */
    static Tensor pearson(String metric, Tensor yTrue, Tensor yPred, int axis) {
        Tensor[] a = aligned(metric, yTrue, yPred);
        int[] ax = axes(a[0], axis);
        Tensor t = Ops.subtract(a[0], Ops.mean(a[0], ax, true));
        Tensor p = Ops.subtract(a[1], Ops.mean(a[1], ax, true));
        t = Ops.divide(t, Ops.std(t, ax, true));
        p = Ops.divide(p, Ops.std(p, ax, true));
        return Ops.mean(Ops.multiply(t, p), ax, false);
    }

    /**
     * The concordance correlation along {@code axis}, as Keras 3.15 computes it: its covariance term is
     * {@code (y_true - mean(y_pred))·(y_pred - mean(y_pred))}, kept for equal results.
     */
    static Tensor concordance(String metric, Tensor yTrue, Tensor yPred, int axis) {
        Tensor[] a = aligned(metric, yTrue, yPred);
        int[] ax = axes(a[0], axis);
        Tensor trueMean = Ops.mean(a[0], ax, true);
        Tensor predMean = Ops.mean(a[1], ax, true);
        Tensor trueVar = variance(Ops.subtract(a[0], trueMean), ax);
        Tensor predVar = variance(Ops.subtract(a[1], predMean), ax);
        Tensor covar = Ops.multiply(Ops.subtract(a[0], predMean), Ops.subtract(a[1], predMean));
        Tensor norm = Ops.add(Ops.add(trueVar, predVar), Ops.square(Ops.subtract(trueMean, predMean)));
        return Ops.mean(Ops.divide(Ops.multiply(covar, 2f), Ops.add(norm, EPSILON)), ax, false);
    }

    private static Tensor variance(Tensor x, int[] axes) {
        return Ops.mean(Ops.square(Ops.subtract(x, Ops.mean(x, axes, true))), axes, true);
    }
}

package dev.strata.training;

import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sample weights for the loop, as Keras's data adapters make them: given per output, or from class weights. */
final class SampleWeights {
    private SampleWeights() {
    }

    /**
     * Per-output sample weights from {@code fit}'s or {@code evaluate}'s options: the class weights turned into
     * sample weights, or the given weights (one tensor for every output, or one per output), checked; or null.
     */
    static List<Tensor> of(List<Tensor> given, Map<Integer, Double> classWeight, List<Tensor> y, int n,
                           String what) {
        if (classWeight != null) {
            if (given != null) {
                throw new IllegalArgumentException(what + ": give either classWeight or sampleWeight, not both");
            }
            if (y.size() != 1) {
                throw new IllegalArgumentException(what + ": classWeight works only for models with one output, this "
                        + "one has " + y.size());
            }
            return List.of(classWeightsToSampleWeights(classWeight, y.getFirst()));
        }
        if (given == null) {
            return null;
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < y.size(); i++) {
            Tensor w = given.size() == 1 ? given.getFirst() : given.get(i);
            if (given.size() != 1 && given.size() != y.size()) {
                throw new IllegalArgumentException(what + ": " + given.size() + " sample weight tensors for "
                        + y.size() + " outputs");
            }
            if (w.shape().get(0) != n) {
                throw new IllegalArgumentException(what + ": sample weights have " + w.shape().get(0)
                        + " entries but the data has " + n + " samples");
            }
            out.add(w);
        }
        return out;
    }

    /** Keras: the class of a sample is argmax of a one-hot target, else its (rounded) value. */
    private static Tensor classWeightsToSampleWeights(Map<Integer, Double> classWeight, Tensor y) {
        float[] v = TensorAccess.data(y);
        int n = y.shape().get(0);
        int width = n == 0 ? 1 : v.length / n;
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            int cls;
            if (width > 1) {
                int best = 0;
                for (int j = 1; j < width; j++) {
                    if (v[i * width + j] > v[i * width + best]) {
                        best = j;
                    }
                }
                cls = best;
            } else {
                cls = Math.round(v[i]);
            }
            w[i] = classWeight.getOrDefault(cls, 1.0).floatValue();
        }
        return TensorAccess.wrap(w, Shape.of(n));
    }
}

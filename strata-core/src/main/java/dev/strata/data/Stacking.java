package dev.strata.data;

import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Rows of tensors and batches, and their stacking into batches: what {@link Dataset}'s slicing and batching do. */
final class Stacking {
    private Stacking() {
    }

    /** Every tensor of a batch: inputs, targets, sample weights. */
    static List<Tensor> all(Batch b) {
        List<Tensor> all = new ArrayList<>(b.x());
        all.addAll(b.y());
        if (b.sampleWeights() != null) {
            all.addAll(b.sampleWeights());
        }
        return all;
    }

    /** The shared first dimension of the tensors, checked. */
    static int rows(List<Tensor> tensors, String what) {
        int n = -1;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.isSymbolic()) {
                throw new IllegalArgumentException(what + ": tensor " + i + " is symbolic; give concrete data");
            }
            if (t.rank() == 0) {
                throw new IllegalArgumentException(what + ": tensor " + i + " is a scalar; slicing needs a first axis");
            }
            int rows = t.shape().get(0);
            if (n >= 0 && rows != n) {
                throw new IllegalArgumentException(what + ": tensor " + i + " has " + rows + " rows but tensor 0 has "
                        + n + "; all tensors need the same first dimension");
            }
            n = rows;
        }
        return n;
    }

    /** Row {@code i} of {@code t}: its slice along the first axis, without that axis. */
    static Tensor row(Tensor t, int i) {
        float[] src = TensorAccess.data(t);
        int n = t.shape().get(0);
        int width = n == 0 ? 0 : src.length / n;
        float[] dst = new float[width];
        System.arraycopy(src, i * width, dst, 0, width);
        return TensorAccess.wrap(dst, t.shape().subShape(1, t.rank()));
    }

    /** Sample {@code i} of a batch. */
    static Batch row(Batch b, int i) {
        return new Batch(rows(b.x(), i), rows(b.y(), i), b.sampleWeights() == null ? null : rows(b.sampleWeights(), i));
    }

    private static List<Tensor> rows(List<Tensor> ts, int i) {
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(row(t, i));
        }
        return out;
    }

    /** Elements stacked along a new first axis: tensors into a tensor, batches component by component. */
    @SuppressWarnings("unchecked")
    static <T> T stack(List<T> items, boolean pad, float padValue, String method) {
        Object first = items.getFirst();
        if (first instanceof Tensor) {
            return (T) stackTensors((List<Tensor>) items, pad, padValue, method, "");
        }
        if (first instanceof Batch b0) {
            List<Batch> batches = (List<Batch>) items;
            for (int k = 1; k < batches.size(); k++) {
                Batch b = batches.get(k);
                if (b.x().size() != b0.x().size() || b.y().size() != b0.y().size()
                        || (b.sampleWeights() == null) != (b0.sampleWeights() == null)
                        || (b.sampleWeights() != null && b.sampleWeights().size() != b0.sampleWeights().size())) {
                    throw new IllegalArgumentException("Dataset." + method + ": element " + k + " of a batch has "
                            + describe(b) + " but the first has " + describe(b0) + "; all need the same structure");
                }
            }
            return (T) new Batch(component(batches, Batch::x, pad, padValue, method, "x"),
                    component(batches, Batch::y, pad, padValue, method, "y"),
                    b0.sampleWeights() == null ? null
                            : component(batches, Batch::sampleWeights, pad, padValue, method, "sampleWeights"));
        }
        throw new IllegalArgumentException("Dataset." + method + ": elements of type " + first.getClass().getName()
                + " cannot be stacked; map them to a Tensor or a Batch first");
    }

    private static String describe(Batch b) {
        return b.x().size() + " inputs, " + b.y().size() + " targets and "
                + (b.sampleWeights() == null ? "no" : Integer.toString(b.sampleWeights().size())) + " sample weights";
    }

    private static List<Tensor> component(List<Batch> batches, java.util.function.Function<Batch, List<Tensor>> part,
                                          boolean pad, float padValue, String method, String name) {
        int count = part.apply(batches.getFirst()).size();
        List<Tensor> out = new ArrayList<>(count);
        List<Tensor> column = new ArrayList<>(batches.size());
        for (int j = 0; j < count; j++) {
            column.clear();
            for (Batch b : batches) {
                column.add(part.apply(b).get(j));
            }
            out.add(stackTensors(column, pad, padValue, method, name + "[" + j + "]"));
        }
        return out;
    }

    /** Tensors of one shape (or, padding, one rank) stacked along a new first axis. */
    static Tensor stackTensors(List<Tensor> ts, boolean pad, float padValue, String method, String what) {
        Shape shape = ts.getFirst().shape();
        int[] dims = shape.toArray();
        for (int k = 1; k < ts.size(); k++) {
            Shape s = ts.get(k).shape();
            if (s.equals(shape)) {
                continue;
            }
            if (!pad || s.rank() != shape.rank()) {
                throw new IllegalArgumentException("Dataset." + method + ": " + (what.isEmpty() ? "" : what + " of ")
                        + "element " + k + " of a batch has shape " + s + " but the first has " + shape + (pad
                        ? "; padding needs the same rank" : "; use paddedBatch to pad elements of different shapes"));
            }
            for (int a = 0; a < dims.length; a++) {
                dims[a] = Math.max(dims[a], s.get(a));
            }
        }
        Shape out = Shape.of(dims);
        int width = out.size();
        float[] dst = new float[ts.size() * width];
        for (int k = 0; k < ts.size(); k++) {
            Tensor t = ts.get(k);
            float[] src = TensorAccess.data(t);
            if (t.shape().equals(out)) {
                System.arraycopy(src, 0, dst, k * width, width);
            } else {
                java.util.Arrays.fill(dst, k * width, (k + 1) * width, padValue);
                copyPadded(src, t.shape().toArray(), dst, k * width, dims, 0, 0, 0);
            }
        }
        return TensorAccess.wrap(dst, out.prepend(ts.size()));
    }

    /** Copies a row-major block of shape {@code from} into the top corner of one of shape {@code to}. */
    private static void copyPadded(float[] src, int[] from, float[] dst, int base, int[] to, int axis, int srcOff,
                                   int dstOff) {
        if (from.length == 0) {
            dst[base] = src[0];
            return;
        }
        if (axis == from.length - 1) {
            System.arraycopy(src, srcOff, dst, base + dstOff, from[axis]);
            return;
        }
        int srcStride = 1;
        int dstStride = 1;
        for (int a = axis + 1; a < from.length; a++) {
            srcStride *= from[a];
            dstStride *= to[a];
        }
        for (int i = 0; i < from[axis]; i++) {
            copyPadded(src, from, dst, base, to, axis + 1, srcOff + i * srcStride, dstOff + i * dstStride);
        }
    }
}

package dev.strata.layers.merging;

import dev.strata.ShapeException;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * The base of the elementwise merge layers ({@link Add}, {@link Subtract}, {@link Multiply}, {@link Average},
 * {@link Maximum}, {@link Minimum}), like Keras's {@code Merge}: it takes a list of inputs with the same batch
 * size whose per-sample shapes broadcast (equal, 1 or unknown in each dimension, aligned from the right), and
 * combines them with {@link #merge}. Inputs of lower rank get size-1 axes inserted after the batch axis first,
 * as Keras does, so a (batch, 3) input merges with a (batch, 4, 3) one.
 *
 * <pre>{@code
 * class Hypot extends Merge {
 *     @Override protected Tensor merge(List<Tensor> xs) {
 *         return Ops.sqrt(Ops.add(Ops.square(xs.get(0)), Ops.square(xs.get(1))));
 *     }
 * }
 * }</pre>
 */
public abstract class Merge extends Layer {

    /** A merge layer named after its class. */
    protected Merge() {
    }

    @Override
    public Merge named(String name) {
        super.named(name);
        return this;
    }

    /** Combines the inputs, already brought to the same rank; they broadcast together. */
    protected abstract Tensor merge(List<Tensor> inputs);

    @Override
    protected Tensors call(Tensors inputs) {
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : inputs) {
            shapes.add(t.shape());
        }
        int rank = outputShape(shapes).rank();
        List<Tensor> aligned = new ArrayList<>(inputs.size());
        List<Tensor> masks = new ArrayList<>(inputs.size());
        boolean masked = false;
        for (Tensor x : inputs) {
            Tensor a = expandAfterBatch(x, rank);
            aligned.add(a);
            Tensor m = a == x ? x.mask().orElse(null) : null; // as in Keras, a reshaped input has lost its mask
            masks.add(m);
            masked |= m != null;
        }
        return Tensors.of(masked ? merge(aligned, masks) : merge(aligned));
    }

    /**
     * Combines inputs of which some carry masks ({@code masks.get(i)}, shape {@code (batch, steps)}, or null). By
     * default the masks do not change the values (Add, Subtract, Average, as Keras); Maximum, Minimum and Multiply
     * keep masked positions out of the result.
     */
    protected Tensor merge(List<Tensor> inputs, List<Tensor> masks) {
        return merge(inputs);
    }

    /**
     * Keras's Merge {@code compute_mask}: when every input carries a mask, a step is kept if any input keeps it;
     * otherwise no mask.
     */
    @Override
    protected List<Tensor> computeMask(Tensors inputs, List<Tensor> previousMasks) {
        Tensor out = null;
        for (Tensor m : previousMasks) {
            if (m == null) {
                return java.util.Collections.singletonList(null);
            }
            out = out == null ? m : Ops.logicalOr(out, m); // Keras's logical_or: its graph's LogicalOr node
        }
        return java.util.Collections.singletonList(out);
    }

    /**
     * Keras's {@code _apply_merge_op_and_or_mask} (Maximum, Minimum): a masked position of one input takes the
     * running result's value (and the other way round), so masked values never win; the result's mask is set by
     * {@link #computeMask}.
     */
    static Tensor mergeMaskedPairwise(List<Tensor> inputs, List<Tensor> masks,
                                      java.util.function.BinaryOperator<Tensor> op) {
        Tensor output = null;
        Tensor outputMask = null;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            Tensor mask = masks.get(i) == null ? null : broadcastMask(masks.get(i), x);
            if (output == null) {
                output = x;
                outputMask = mask;
                continue;
            }
            if (mask != null) {
                x = Ops.where(mask, x, output);
            }
            if (outputMask != null) {
                output = Ops.where(outputMask, output, x);
            }
            outputMask = mask != null && outputMask != null ? Ops.maximum(outputMask, mask) : null;
            output = op.apply(output, x);
        }
        return output;
    }

    /** A {@code (batch, steps)} mask as 0/1 over {@code x}'s shape, as Keras's {@code broadcast_to(expand_dims)}. */
    static Tensor broadcastMask(Tensor mask, Tensor x) {
        return Ops.add(Ops.multiply(x, 0f), Ops.expandDims(Ops.greater(mask, 0f), -1));
    }

    /** {@link #outputShape}: merging layers give their shape without running {@link #merge} while tracing. */
    @Override
    protected List<Shape> computeOutputShape(List<Shape> inputShapes) {
        return List.of(outputShape(inputShapes));
    }

    /**
     * Keras's output shape of an elementwise merge: the single known batch size (they must agree), then the
     * per-sample shapes broadcast from the right, an unknown dimension staying unknown.
     *
     * @throws ShapeException naming this layer if batch sizes differ or per-sample shapes do not broadcast
     */
    protected Shape outputShape(List<Shape> shapes) {
        int batch = Shape.UNKNOWN;
        for (Shape s : shapes) {
            if (s.rank() == 0) {
                throw new ShapeException(describe() + " needs inputs with a batch dimension, got shapes " + shapes);
            }
            int b = s.get(0);
            if (b != Shape.UNKNOWN) {
                if (batch != Shape.UNKNOWN && b != batch) {
                    throw new ShapeException(describe() + " cannot merge tensors with different batch sizes; "
                            + "received shapes " + shapes);
                }
                batch = b;
            }
        }
        Shape out = sample(shapes.getFirst());
        for (int i = 1; i < shapes.size(); i++) {
            out = broadcast(out, sample(shapes.get(i)), shapes);
        }
        return out.prepend(batch);
    }

    private Shape broadcast(Shape a, Shape b, List<Shape> all) {
        if (a.rank() < b.rank()) {
            Shape t = a;
            a = b;
            b = t;
        }
        int lead = a.rank() - b.rank();
        int[] out = new int[a.rank()];
        for (int i = 0; i < a.rank(); i++) {
            int da = a.get(i);
            if (i < lead) {
                out[i] = da;
                continue;
            }
            int db = b.get(i - lead);
            if (da == Shape.UNKNOWN || db == Shape.UNKNOWN) {
                out[i] = Shape.UNKNOWN;
            } else if (da == 1) {
                out[i] = db;
            } else if (db == 1 || da == db) {
                out[i] = da;
            } else {
                throw new ShapeException(describe() + ": inputs have incompatible shapes " + all + ": per-sample "
                        + "shapes " + a + " and " + b + " differ in a dimension (" + da + " vs " + db + ") where "
                        + "neither is 1; merged inputs must have equal shapes up to broadcasting");
            }
        }
        return Shape.of(out);
    }

    private static Shape sample(Shape s) {
        return s.subShape(1, s.rank());
    }

    /** {@code x} (a concrete tensor) with size-1 axes inserted after the batch axis up to {@code rank}. */
    private static Tensor expandAfterBatch(Tensor x, int rank) {
        Shape s = x.shape();
        if (s.rank() >= rank) {
            return x;
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            int from = i - (rank - s.rank());
            dims[i] = i == 0 ? s.get(0) : (from >= 1 ? s.get(from) : 1);
        }
        return Ops.reshape(x, dims);
    }
}

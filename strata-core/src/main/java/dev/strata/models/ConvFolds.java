package dev.strata.models;

import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.internal.InferenceFolding;
import dev.strata.internal.kernels.ConvEpilogue;
import dev.strata.layers.activations.ReLU;
import dev.strata.layers.convolutional.BaseConv;
import dev.strata.layers.convolutional.BaseConvolution;
import dev.strata.layers.convolutional.BaseDepthwiseConv;
import dev.strata.layers.convolutional.Conv1D;
import dev.strata.layers.convolutional.Conv2D;
import dev.strata.layers.convolutional.Conv3D;
import dev.strata.layers.convolutional.DepthwiseConv1D;
import dev.strata.layers.convolutional.DepthwiseConv2D;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Set;

/**
 * The convolution → BatchNormalization (→ relu or relu6) chains of a graph, which predict runs as one convolution
 * whose output write applies the conv's bias, the normalization's scale and shift and the clamp
 * ({@link ConvEpilogue}): one pass over the output instead of three or four, with the same float operations in the
 * same order, so the same bits. Only where nothing else reads the intermediate values, for Strata's own classes
 * (not a user's subclass, which may compute otherwise), channels last, a linear conv and batch normalization over
 * the last axis (checked when it runs; otherwise the layers run one by one).
 */
final class ConvFolds {
    private static final Set<Class<?>> CONVS = Set.of(Conv1D.class, Conv2D.class, Conv3D.class,
            DepthwiseConv1D.class, DepthwiseConv2D.class);

    /**
     * One chain: the conv at its head step, the normalization and clamp of the steps it skips, and the slot that
     * gets the chain's output.
     */
    record Fold(BaseConvolution<?> conv, BatchNormalization norm, float lo, float hi, int[] skipped,
                int outputSlot) implements InferenceFold {
        @Override
        public Tensor run(Tensor[] args) {
            return run(args[0]);
        }

        /** The chain's output for the conv's input, or null if the normalization does not fold (another axis). */
        Tensor run(Tensor x) {
            float[][] scaleShift = InferenceFolding.scaleAndShift(norm);
            if (scaleShift == null) {
                return null;
            }
            float[] bias = conv.useBias() ? conv.bias().toFloatArray() : null;
            ConvEpilogue e = new ConvEpilogue(bias, scaleShift[0], scaleShift[1], lo, hi);
            boolean depthwise = conv instanceof BaseDepthwiseConv<?>;
            Tensor kernel = depthwise ? ((BaseDepthwiseConv<?>) conv).kernel() : ((BaseConv<?>) conv).kernel();
            return InferenceFolding.convolve(x, kernel, depthwise, conv.strides(), conv.padding(),
                    conv.dilationRate(), e);
        }
    }

    static {
        try { // the ops package installs InferenceFolding's convolution when Ops is initialized
            Class.forName(Ops.class.getName(), true, Ops.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConvFolds() {
    }

    /**
     * The chains of a graph of steps (each one's operation, input slots (-1 for a constant) and output slots), by
     * head step; null where none starts, or null for a graph without any.
     */
    static InferenceFold[] find(Object[] operations, int[][] inputs, int[][] outputs, int[] modelOutputs,
                                int slotCount) {
        int[][] read = readers(inputs, modelOutputs, slotCount);
        int[] readers = read[0];
        int[] reader = read[1];
        InferenceFold[] folds = null;
        for (int s = 0; s < operations.length; s++) {
            if (!(operations[s] instanceof BaseConvolution<?> conv) || !CONVS.contains(conv.getClass())
                    || !foldable(conv) || inputs[s].length != 1 || outputs[s].length != 1) {
                continue;
            }
            int convOut = outputs[s][0];
            if (readers[convOut] != 1) {
                continue;
            }
            int n = reader[convOut];
            if (operations[n].getClass() != BatchNormalization.class || outputs[n].length != 1) {
                continue;
            }
            int normOut = outputs[n][0];
            float lo = Float.NEGATIVE_INFINITY;
            float hi = Float.POSITIVE_INFINITY;
            int[] skipped = {n};
            int out = normOut;
            if (readers[normOut] == 1 && outputs[reader[normOut]].length == 1) {
                int a = reader[normOut];
                float[] clamp = clamp(operations[a]);
                if (clamp != null) {
                    lo = clamp[0];
                    hi = clamp[1];
                    skipped = new int[] {n, a};
                    out = outputs[a][0];
                }
            }
            if (folds == null) {
                folds = new InferenceFold[operations.length];
            }
            folds[s] = new Fold(conv, (BatchNormalization) operations[n], lo, hi, skipped, out);
        }
        return folds;
    }

    /**
     * For each slot of a graph of steps: how many times it is read (a model output counts as read twice, by the
     * caller, so it is never folded away), and the last step that reads it.
     */
    static int[][] readers(int[][] inputs, int[] modelOutputs, int slotCount) {
        int[] readers = new int[slotCount];
        int[] reader = new int[slotCount];
        for (int s = 0; s < inputs.length; s++) {
            for (int i : inputs[s]) {
                if (i >= 0) {
                    readers[i]++;
                    reader[i] = s;
                }
            }
        }
        for (int o : modelOutputs) {
            readers[o] += 2;
        }
        return new int[][] {readers, reader};
    }

    private static boolean foldable(BaseConvolution<?> conv) {
        return conv.activation() == Activations.LINEAR && conv.dataFormat().equals("channels_last")
                && !conv.padding().equals("causal");
    }

    /** The clamp of a relu or relu6 layer, as its call computes it; null for another operation. */
    static float[] clamp(Object operation) {
        if (operation.getClass() == ReLU.class) {
            ReLU r = (ReLU) operation;
            if (r.negativeSlope() != 0 || r.threshold() != 0) {
                return null;
            }
            if (r.maxValue() == null) {
                return new float[] {0f, Float.POSITIVE_INFINITY};
            }
            return r.maxValue() == 6.0 ? new float[] {0f, 6f} : null;
        }
        if (operation.getClass() == dev.strata.layers.core.Activation.class) {
            Activation a = ((dev.strata.layers.core.Activation) operation).activation();
            if (a == Activations.RELU) {
                return new float[] {0f, Float.POSITIVE_INFINITY};
            }
            return a == Activations.RELU6 ? new float[] {0f, 6f} : null;
        }
        return null;
    }
}

package dev.strata.models;

import dev.strata.internal.InferenceFolding;
import dev.strata.layers.merging.Add;
import dev.strata.tensor.Tensor;

/**
 * The Add → relu (or relu6) pairs of a graph (a residual block's end), which predict runs as one pass that adds and
 * clamps as it writes, instead of writing the sum and reading it again: the same float operations, so the same
 * bits. Only where nothing else reads the sum, for Strata's own Add of two inputs of one shape without masks (checked
 * when it runs; otherwise the layers run one by one).
 */
final class AddFolds {
    /** One pair: the clamp of the relu step it skips and the slot that gets the relu's output. */
    record Fold(float lo, float hi, int[] skipped, int outputSlot) implements InferenceFold {
        @Override
        public Tensor run(Tensor[] args) {
            if (args.length != 2 || !args[0].shape().equals(args[1].shape()) || args[0].mask().isPresent()
                    || args[1].mask().isPresent()) {
                return null;
            }
            return InferenceFolding.addAndClamp(args[0], args[1], lo, hi);
        }
    }

    private AddFolds() {
    }

    /**
     * Adds the pairs of a graph of steps (each one's operation, input slots (-1 for a constant) and output slots) to
     * {@code folds} by head step, where no other chain starts or is skipped; returns folds, or a new array if it was
     * null and a pair exists.
     */
    static InferenceFold[] find(InferenceFold[] folds, Object[] operations, int[][] inputs, int[][] outputs,
                                int[] modelOutputs, int slotCount) {
        int[][] read = ConvFolds.readers(inputs, modelOutputs, slotCount);
        int[] readers = read[0];
        int[] reader = read[1];
        boolean[] taken = new boolean[operations.length];
        if (folds != null) {
            for (int s = 0; s < folds.length; s++) {
                if (folds[s] != null) {
                    taken[s] = true;
                    for (int k : folds[s].skipped()) {
                        taken[k] = true;
                    }
                }
            }
        }
        for (int s = 0; s < operations.length; s++) {
            if (operations[s].getClass() != Add.class || taken[s] || inputs[s].length != 2 || outputs[s].length != 1
                    || inputs[s][0] < 0 || inputs[s][1] < 0) {
                continue;
            }
            int sum = outputs[s][0];
            if (readers[sum] != 1) {
                continue;
            }
            int r = reader[sum];
            float[] clamp = ConvFolds.clamp(operations[r]);
            if (clamp == null || taken[r] || outputs[r].length != 1) {
                continue;
            }
            if (folds == null) {
                folds = new InferenceFold[operations.length];
            }
            folds[s] = new Fold(clamp[0], clamp[1], new int[] {r}, outputs[r][0]);
            taken[s] = true;
            taken[r] = true;
        }
        return folds;
    }
}

package dev.strata.ops;

import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;

/**
 * What one step of {@link Ops#scan} returns, and what the scan returns: the carry (the state handed from step to
 * step, finally the last step's) and the outputs (one step's {@code y}; for the whole scan, every step's {@code y}
 * stacked along a new leading axis), as the pair {@code (carry, ys)} of {@code keras.ops.scan}.
 *
 * @param carry   the carried tensors
 * @param outputs the per-step outputs
 */
public record ScanResult(Tensors carry, Tensors outputs) {
    /** Checks the parts are not null. */
    public ScanResult {
        if (carry == null || outputs == null) {
            throw new IllegalArgumentException("ScanResult: carry and outputs must not be null (use Tensors.of())");
        }
    }

    /** One carried tensor and one output. */
    public static ScanResult of(Tensor carry, Tensor output) {
        return new ScanResult(Tensors.of(carry), Tensors.of(output));
    }

    /** Several carried tensors and outputs. */
    public static ScanResult of(List<? extends Tensor> carry, List<? extends Tensor> outputs) {
        return new ScanResult(Tensors.of(carry), Tensors.of(outputs));
    }
}

package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * {@code keras.ops.associative_scan}: the inclusive prefix combination of {@code elems} along an axis by an
 * associative {@code f} ({@code out[i] = f(...f(f(e[0], e[1]), e[2])..., e[i])}), computed as a parallel scan: in
 * round {@code k}, every element combines with the one {@code 2^k} before it, so {@code f} runs ⌈log₂ n⌉ times on
 * whole tensors (Hillis and Steele). It is a composition of ops, so it traces, differentiates and saves as they
 * do; the axis must have a known length. {@code f} must work on slices of any length along the axis and be
 * associative; like JAX, Strata cannot check the latter.
 */
final class AssociativeScan {
    private AssociativeScan() {
    }

    static Tensor apply(BinaryOperator<Tensor> f, Tensor elems, boolean reverse, int axis) {
        Shape s = elems.shape();
        if (s.rank() == 0) {
            throw new ShapeException("associative_scan: 'elems' is a scalar; it scans along an axis");
        }
        int a = Cumulative.axis("associative_scan", s, axis);
        int n = s.get(a);
        if (n == Shape.UNKNOWN) {
            throw new ShapeException("associative_scan: axis " + axis + " of 'elems' " + s + " has no known length; "
                    + "the scan's rounds depend on it (use Ops.scan for a length known only with data)");
        }
        Tensor x = reverse ? reversed(elems, a, n) : elems;
        for (int offset = 1; offset < n; offset *= 2) {
            Tensor head = part(x, a, 0, offset);
            Tensor combined = f.apply(part(x, a, 0, n - offset), part(x, a, offset, n - offset));
            if (!combined.shape().isCompatibleWith(part(x, a, offset, n - offset).shape())) {
                throw new ShapeException("associative_scan: f returned shape " + combined.shape() + " for two inputs "
                        + "of shape " + part(x, a, offset, n - offset).shape() + "; f must keep its inputs' shape");
            }
            x = Ops.concatenate(List.of(head, combined), a);
        }
        return reverse ? reversed(x, a, n) : x;
    }

    private static Tensor part(Tensor x, int axis, int start, int length) {
        int[] begin = new int[x.shape().rank()];
        int[] size = new int[begin.length];
        Arrays.fill(size, -1);
        begin[axis] = start;
        size[axis] = length;
        return Ops.slice(x, begin, size);
    }

    private static Tensor reversed(Tensor x, int axis, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
        }
        return Ops.take(x, order, axis);
    }
}

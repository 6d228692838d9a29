package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Evenly spaced values between tensor bounds, like {@code keras.ops.linspace}, {@code logspace} and {@code geomspace}
 * with the JAX backend ({@code jnp.linspace} and friends): {@code start} and {@code stop} broadcast against each
 * other, and the {@code num} samples lie along a new axis {@code axis} of the result (shape: the broadcast bounds
 * with {@code num} inserted at {@code axis}). Values follow JAX's float32 formula {@code start·(1 - t) + stop·t},
 * {@code t = i · (1 / div)} ({@code div = num - 1} with the endpoint, which is then exactly {@code stop}; else
 * {@code num}), so they are JAX's to the bit where XLA does not fuse; logspace is {@code base ** linspace},
 * geomspace {@code sign(start)·10 ** linspace(log10(start/sign), log10(stop/sign))} (endpoints within rounding, as
 * JAX's). Gradients to start and stop are JAX's, since the forward is made of differentiable ops.
 *
 * <p>{@code dtype}: null (float32) or a Keras dtype as {@code cast} takes it; an integer dtype floors the samples, as
 * JAX does, then casts (so no gradient); float16/bfloat16 round the float32 samples (JAX computes in that
 * precision, which may differ in the last bit).
 */
final class Spaced {
    /** {@code keras.ops.linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)}. */
    static final OpSpec LINSPACE = OpSpec.op("linspace").numpy("Linspace").binary().config("num", Type.INT, 50)
            .config("endpoint", Type.BOOL, true)
            .fixed("retstep", false, "Keras's symbolic linspace gives no step tensor (None); Strata records the "
                    + "step as subtract and divide nodes instead")
            .config("dtype", Type.OPTIONAL_STRING, null).config("axis", Type.INT, 0)
            .rebuild((in, args) -> linspace(in.get(0), in.get(1), args.integer("num"), args.bool("endpoint"),
                    args.string("dtype"), args.integer("axis")));
    /** {@code keras.ops.logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0)}. */
    static final OpSpec LOGSPACE = OpSpec.op("logspace").numpy("Logspace").binary().config("num", Type.INT, 50)
            // base as Python writes it (Keras's default is the int 10), so a read config writes back the same
            .config("endpoint", Type.BOOL, true).config("base", Type.NUMBER_OR_STRING, 10)
            .config("dtype", Type.OPTIONAL_STRING, null).config("axis", Type.INT, 0)
            .rebuild((in, args) -> logspace(in.get(0), in.get(1), args.integer("num"), args.bool("endpoint"),
                    base(args.value("base")), args.string("dtype"), args.integer("axis")));
    /** {@code keras.ops.geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0)}. */
    static final OpSpec GEOMSPACE = OpSpec.op("geomspace").numpy("Geomspace").binary().config("num", Type.INT, 50)
            .config("endpoint", Type.BOOL, true).config("dtype", Type.OPTIONAL_STRING, null)
            .config("axis", Type.INT, 0)
            .rebuild((in, args) -> geomspace(in.get(0), in.get(1), args.integer("num"), args.bool("endpoint"),
                    args.string("dtype"), args.integer("axis")));

    private Spaced() {
    }

    static Tensor linspace(Tensor start, Tensor stop, int num, boolean endpoint, String dtype, int axis) {
        Shape bounds = check("linspace", start, stop, num, dtype);
        int a = axis("linspace", bounds, axis);
        if (Graph.isSymbolic(List.of(start, stop))) {
            return OpSupport.record(LINSPACE.args(num, endpoint, dtype, axis), withAxis(bounds, a, num),
                    in -> linspace(in.get(0), in.get(1), num, endpoint, dtype, axis), start, stop);
        }
        return finish("linspace", samples(start, stop, bounds, num, endpoint, a), dtype);
    }

    /**
     * linspace's {@code retstep}: the spacing, of the broadcast bounds' shape, {@code (stop - start) / div} (JAX's
     * delta): {@code stop - start} for one sample without the endpoint, and a NaN scalar for one with it or none.
     * Made of subtract and divide, so it traces, saves and differentiates as they do.
     */
    static Tensor step(Tensor start, Tensor stop, int num, boolean endpoint) {
        check("linspace", start, stop, num, null);
        if (num == 0 || num == 1 && endpoint) {
            return Tensor.scalar(Float.NaN);
        }
        Tensor span = Subtract.apply(stop, start);
        if (num == 1) {
            return span;
        }
        return Divide.apply(span, Tensor.scalar(endpoint ? num - 1 : num));
    }

    /** A base as recorded: an {@code Integer} when whole (as Python writes {@code 10}), else a {@code Float}. */
    static Number base(Object base) {
        if (base instanceof Float f) {
            return f == Math.rint(f) && Math.abs(f) < 1 << 24 ? (Number) (int) (float) f : f;
        }
        if (base instanceof Integer) {
            return (Integer) base;
        }
        throw new IllegalArgumentException("logspace: base must be a number, got " + base);
    }

    static Tensor logspace(Tensor start, Tensor stop, int num, boolean endpoint, Number base, String dtype,
                           int axis) {
        Shape bounds = check("logspace", start, stop, num, dtype);
        int a = axis("logspace", bounds, axis);
        if (Graph.isSymbolic(List.of(start, stop))) {
            return OpSupport.record(LOGSPACE.args(num, endpoint, base, dtype, axis), withAxis(bounds, a, num),
                    in -> logspace(in.get(0), in.get(1), num, endpoint, base, dtype, axis), start, stop);
        }
        Tensor lin = samples(start, stop, bounds, num, endpoint, a);
        return finish("logspace", Power.apply(Tensor.scalar(base.floatValue()), lin), dtype);
    }

    static Tensor geomspace(Tensor start, Tensor stop, int num, boolean endpoint, String dtype, int axis) {
        Shape bounds = check("geomspace", start, stop, num, dtype);
        int a = axis("geomspace", bounds, axis);
        if (Graph.isSymbolic(List.of(start, stop))) {
            return OpSupport.record(GEOMSPACE.args(num, endpoint, dtype, axis), withAxis(bounds, a, num),
                    in -> geomspace(in.get(0), in.get(1), num, endpoint, dtype, axis), start, stop);
        }
        nonZero(start, stop);
        Tensor sign = Sign.apply(start);
        Tensor lo = Log10.apply(Divide.apply(start, sign));
        Tensor hi = Log10.apply(Divide.apply(stop, sign));
        // JAX's order: samples along axis 0, scaled by the sign of start (broadcast from the right), then moved
        Tensor res = Multiply.apply(sign, Power.apply(Tensor.scalar(10f), samples(lo, hi, bounds, num, endpoint, 0)));
        if (a != 0) {
            res = Moveaxis.apply(res, 0, a);
        }
        return finish("geomspace", res, dtype);
    }

    /**
     * The float32 samples of concrete bounds, differentiably: the broadcast bounds with a new axis {@code a} of
     * length 1, blended by the constant weights {@code 1 - t} and {@code t}, the stop appended with the endpoint.
     */
    private static Tensor samples(Tensor start, Tensor stop, Shape bounds, int num, boolean endpoint, int a) {
        if (num == 0) {
            return Tensor.zeros(withAxis(bounds, a, 0));
        }
        Tensor s = ExpandDims.apply(BroadcastTo.apply(start, bounds), a);
        if (num == 1) {
            return s;
        }
        Tensor e = ExpandDims.apply(BroadcastTo.apply(stop, bounds), a);
        int div = endpoint ? num - 1 : num;
        float[] t = new float[div];
        float[] rest = new float[div];
        // JAX's iota / div, which XLA compiles to a multiplication by the float32 reciprocal (so the samples floor
        // to XLA's integers: 2 → -4 in 7 steps passes -3.0000002, not -2.9999998)
        float reciprocal = 1f / div;
        for (int i = 0; i < div; i++) {
            t[i] = i * reciprocal;
            rest[i] = 1f - t[i];
        }
        int[] ones = new int[bounds.rank()];
        java.util.Arrays.fill(ones, 1);
        Shape weights = withAxis(Shape.of(ones), a, div);
        Tensor out = Add.apply(Multiply.apply(s, Tensor.of(rest, weights)), Multiply.apply(e, Tensor.of(t, weights)));
        return endpoint ? Concatenate.apply(List.of(out, e), a) : out;
    }

    /** The samples in {@code dtype}: floored first for an integer type, as JAX's linspace. */
    private static Tensor finish(String op, Tensor x, String dtype) {
        if (dtype == null || dtype.equals("float32") || dtype.equals("float64")) {
            return x;
        }
        return Cast.apply(Cast.isInteger(op, dtype) ? Floor.apply(x) : x, dtype);
    }

    /** Checks num and dtype; returns the broadcast shape of the bounds. */
    private static Shape check(String op, Tensor start, Tensor stop, int num, String dtype) {
        if (num < 0) {
            throw new IllegalArgumentException(op + ": num must be >= 0, got " + num);
        }
        if (dtype != null) {
            Cast.isInteger(op, dtype); // names the op and the dtypes Strata takes
        }
        try {
            return Broadcasting.shape(op, start.shape(), stop.shape());
        } catch (ShapeException e) {
            throw new ShapeException(op + ": start of shape " + start.shape() + " and stop of shape " + stop.shape()
                    + " do not broadcast (dimensions must be equal or 1, aligned from the right)");
        }
    }

    /** Keras's {@code canonicalize_axis(axis, rank + 1)}: the new axis may go anywhere in the result. */
    private static int axis(String op, Shape bounds, int axis) {
        int r = bounds.rank() + 1;
        if (axis < -r || axis >= r) {
            throw new ShapeException(op + ": axis " + axis + " is out of bounds for a result of rank " + r
                    + " (bounds of shape " + bounds + " and the new axis of samples): it must be in [" + -r + ", "
                    + (r - 1) + "]");
        }
        return axis < 0 ? axis + r : axis;
    }

    private static Shape withAxis(Shape bounds, int a, int n) {
        List<Integer> dims = new ArrayList<>();
        for (int d : bounds.toArray()) {
            dims.add(d);
        }
        dims.add(a, n);
        return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A geometric sequence cannot include zero (numpy raises; JAX gives NaN, which Strata does not pass on). */
    private static void nonZero(Tensor start, Tensor stop) {
        float[] s = OpSupport.data(start);
        float[] e = OpSupport.data(stop);
        for (float[] v : new float[][] {s, e}) {
            for (float x : v) {
                if (x == 0) {
                    throw new IllegalArgumentException("geomspace: start and stop must be non-zero, got "
                            + describe(start, s) + " and " + describe(stop, e));
                }
            }
        }
    }

    private static String describe(Tensor t, float[] v) {
        return t.shape().rank() == 0 ? String.valueOf(v[0]) : "a tensor of shape " + t.shape();
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Casts to a Keras dtype, like {@code keras.ops.cast(x, dtype)} and {@code keras.ops.saturate_cast(x, dtype)} with the
 * JAX backend (64-bit types disabled, JAX's default), keeping every result in float32 as Strata does:
 * <ul>
 *   <li>to an integer type: toward zero, then clamped to the type's range, NaN to 0 (XLA's conversion saturates; it
 *   never wraps). {@code int64} and {@code uint64} are JAX's {@code int32} and {@code uint32}. Results above 2^24
 *   are the nearest float32 (2147483647 reads 2147483648);</li>
 *   <li>to {@code bool}: 1 where x is not zero (NaN is not zero), else 0;</li>
 *   <li>to {@code float16} / {@code bfloat16}: rounded to that precision (to nearest, ties to even; float16
 *   overflows to infinity) and back; {@code float32} and {@code float64} (JAX's float32) change nothing.</li>
 * </ul>
 * {@code saturate_cast} first clips x to the target's finite range, as Keras's {@code _saturate_cast}: integer results
 * are the same as {@code cast}'s, a bool of a negative number is 0, and a float cast gives the largest finite value
 * instead of infinity. Gradients, as JAX's: a float cast passes the gradient on rounded to the target's precision
 * (so float32 passes it unchanged; saturate_cast's clip zeroes it outside the range); an integer or bool cast gives a
 * zero gradient.
 *
 * <p>What float32 cannot say: the result is not a narrower tensor, so ops after a cast compute in float32, where Keras
 * computes in the cast's dtype (an int8 plus a bfloat16 is a bfloat16 there, rounded again; an int8 sum wraps).
 */
final class Cast {
    /** {@code keras.ops.cast(x, dtype)}. */
    static final OpSpec SPEC = OpSpec.op("cast").core("Cast").config("dtype", Type.STRING)
            .rebuild((in, args) -> apply(in.get(0), args.string("dtype")));
    /** {@code keras.ops.saturate_cast(x, dtype)}. */
    static final OpSpec SATURATE = OpSpec.op("saturate_cast").core("SaturateCast").config("dtype", Type.STRING)
            .rebuild((in, args) -> saturate(in.get(0), args.string("dtype")));

    /**
     * {@code keras.ops.convert_to_tensor(x, dtype=None, sparse=None, ragged=None)} of a tensor: the same values
     * (a new tensor), or cast to {@code dtype}.
     */
    static final OpSpec CONVERT = OpSpec.op("convert_to_tensor").core("ConvertToTensor")
            .config("dtype", Type.OPTIONAL_STRING)
            .fixed("sparse", null, "Strata's tensors are dense").fixed("ragged", null, "Strata's tensors are dense")
            .rebuild((in, args) -> convertToTensor(in.get(0), args.string("dtype")));

    /** The dtypes Strata casts to, as Keras names them. */
    static final List<String> DTYPES = List.of("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
            "uint64", "bfloat16", "float16", "float32", "float64");

    private Cast() {
    }

    static Tensor apply(Tensor x, String dtype) {
        Kind k = kind("cast", dtype);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(dtype), x.shape(), in -> apply(in.get(0), dtype), x);
        }
        return convert(x, k);
    }

    static Tensor convertToTensor(Tensor x, String dtype) {
        Kind k = dtype == null ? Kind.FLOAT32 : kind("convertToTensor", dtype);
        if (x.isSymbolic()) {
            return OpSupport.record(CONVERT.args(dtype), x.shape(), in -> convertToTensor(in.get(0), dtype), x);
        }
        return convert(x, k);
    }

    static Tensor saturate(Tensor x, String dtype) {
        Kind k = kind("saturateCast", dtype);
        if (x.isSymbolic()) {
            return OpSupport.record(SATURATE.args(dtype), x.shape(), in -> saturate(in.get(0), dtype), x);
        }
        // Keras's limits: the target's range as float32 (e.g. int32's upper limit reads 2147483648)
        return convert(Clip.apply(x, (float) k.min, (float) k.max), k);
    }

    private static Tensor convert(Tensor x, Kind k) {
        float[] in = OpSupport.data(x);
        if (k == Kind.FLOAT32) {
            // nothing changes: a new tensor over the same values (a variable's are copied), with the identity gradient
            Tensor y = OpSupport.wrap(TensorAccess.isImmutable(x) ? in : in.clone(), x.shape());
            OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {g});
            return y;
        }
        float[] out = OpSupport.newArray(in.length);
        for (int i = 0; i < in.length; i++) {
            out[i] = k.convert(in[i]);
        }
        Tensor y = OpSupport.wrap(out, x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {k.floating ? convert(g, k) : Tensor.zeros(x.shape())});
        return y;
    }

    private static Kind kind(String op, String dtype) {
        if (dtype == null) {
            throw new IllegalArgumentException(op + ": dtype must be given (one of " + DTYPES + ")");
        }
        return switch (dtype) {
            case "bool" -> Kind.BOOL;
            case "int8" -> Kind.INT8;
            case "int16" -> Kind.INT16;
            case "int32", "int64" -> Kind.INT32;
            case "uint8" -> Kind.UINT8;
            case "uint16" -> Kind.UINT16;
            case "uint32", "uint64" -> Kind.UINT32;
            case "bfloat16" -> Kind.BFLOAT16;
            case "float16" -> Kind.FLOAT16;
            case "float32", "float64" -> Kind.FLOAT32;
            default -> throw new IllegalArgumentException(op + ": unsupported dtype '" + dtype + "'; Strata casts to "
                    + DTYPES + " (its values stay float32; no complex, string or float8 types)");
        };
    }

    /**
     * Whether {@code dtype} (checked as cast checks it) is an integer type ({@code bool} is not one), for the creation
     * ops that floor (linspace) or wrap (arange) their values to it.
     */
    static boolean isInteger(String op, String dtype) {
        Kind k = kind(op, dtype);
        return !k.floating && k != Kind.BOOL;
    }

    /**
     * {@code v} wrapped into the integer type {@code dtype} (two's complement, as JAX's integer arithmetic wraps:
     * {@code arange(250, 260, dtype="int8")} counts -6, -5, ...; int64 is JAX's int32).
     */
    static float wrap(String op, String dtype, long v) {
        Kind k = kind(op, dtype);
        long min = (long) k.min;
        long span = (long) k.max - min + 1;
        return (float) (Math.floorMod(v - min, span) + min);
    }

    /** A target type: its finite range and how one float32 becomes its value. */
    private enum Kind {
        BOOL(0, 1, false), INT8(-128, 127, false), INT16(-32768, 32767, false),
        INT32(Integer.MIN_VALUE, Integer.MAX_VALUE, false), UINT8(0, 255, false), UINT16(0, 65535, false),
        UINT32(0, 4294967295L, false), BFLOAT16(-3.3895313892515355e38, 3.3895313892515355e38, true),
        FLOAT16(-65504, 65504, true), FLOAT32(-Float.MAX_VALUE, Float.MAX_VALUE, true);

        final double min;
        final double max;
        final boolean floating;

        Kind(double min, double max, boolean floating) {
            this.min = min;
            this.max = max;
            this.floating = floating;
        }

        float convert(float v) {
            return switch (this) {
                case BOOL -> v != 0f ? 1f : 0f; // NaN != 0
                case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16(v));
                case BFLOAT16 -> bfloat16(v);
                case FLOAT32 -> v;
                // toward zero, clamped in double (exact for every bound), NaN to 0
                default -> v != v ? 0f : (float) Math.min(Math.max((double) (long) v, min), max);
            };
        }

        /** Rounds to bfloat16's 8-bit significand, to nearest with ties to even; NaN stays NaN. */
        private static float bfloat16(float v) {
            if (v != v) {
                return v;
            }
            int bits = Float.floatToRawIntBits(v);
            bits += 0x7FFF + ((bits >>> 16) & 1);
            return Float.intBitsToFloat(bits & 0xFFFF0000);
        }
    }
}

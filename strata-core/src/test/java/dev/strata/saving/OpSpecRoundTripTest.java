package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpecs;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op with a Keras form, found by discovery (no list of ops here to forget): recorded on symbolic inputs in a
 * Functional model, written, read back, and checked to be the same op (the config writes again byte for byte, under
 * the spec's Keras class), with the same output shapes and values on random data.
 */
class OpSpecRoundTripTest {
    /**
     * One call per op name, on two symbolic inputs {@code a} and {@code b} of shape (batch, 3, 4). A new op with a
     * Keras form fails {@link #everyOpWithAKerasFormHasAnExample()} until it has a line here.
     */
    static final Map<String, BiFunction<Tensor, Tensor, List<Tensor>>> EXAMPLES = new LinkedHashMap<>();

    private static void example(String op, BiFunction<Tensor, Tensor, Tensor> call) {
        EXAMPLES.put(op, (a, b) -> List.of(call.apply(a, b)));
    }

    static {
        Tensor w = Tensor.of(new float[] {0.5f, -1f, 2f, 0.25f, 1f, 1f, -0.5f, 3f}, 4, 2);
        example("add", (a, b) -> Ops.add(Ops.add(a, b), 1.5f));
        example("subtract", (a, b) -> Ops.subtract(a, Tensor.of(new float[] {1, 2, 3, 4})));
        example("multiply", Ops::multiply);
        example("divide", (a, b) -> Ops.divide(a, Ops.add(Ops.abs(b), 1f)));
        example("maximum", (a, b) -> Ops.maximum(a, b));
        example("minimum", (a, b) -> Ops.minimum(a, 0.25f));
        example("power", (a, b) -> Ops.power(a, 2f));
        example("equal", (a, b) -> Ops.equal(Ops.sign(a), Ops.sign(b)));
        example("not_equal", (a, b) -> Ops.notEqual(Ops.sign(a), Ops.sign(b)));
        example("greater", Ops::greater);
        example("greater_equal", Ops::greaterEqual);
        example("less", Ops::less);
        example("less_equal", (a, b) -> Ops.lessEqual(a, 0f));
        example("dot", (a, b) -> Ops.dot(a, w));
        example("matmul", (a, b) -> Ops.matmul(a, Ops.transpose(b, 0, 2, 1)));
        example("einsum", (a, b) -> Ops.einsum("bij->bj", Ops.einsum("bij,bkj->bik", a, b))); // 2 and 1 operands
        example("abs", (a, b) -> Ops.abs(a));
        example("exp", (a, b) -> Ops.exp(a));
        example("log", (a, b) -> Ops.log(Ops.add(Ops.abs(a), 1f)));
        example("log1p", (a, b) -> Ops.log1p(Ops.abs(a)));
        example("negative", (a, b) -> Ops.negative(a));
        example("sqrt", (a, b) -> Ops.sqrt(Ops.abs(a)));
        example("square", (a, b) -> Ops.square(a));
        example("sign", (a, b) -> Ops.sign(a));
        example("tanh", (a, b) -> Ops.tanh(a));
        example("rsqrt", (a, b) -> Ops.rsqrt(Ops.add(Ops.abs(a), 1f)));
        example("erf", (a, b) -> Ops.erf(a));
        example("relu", (a, b) -> Ops.relu(a));
        example("relu6", (a, b) -> Ops.relu6(Ops.multiply(a, 8f)));
        example("sigmoid", (a, b) -> Ops.sigmoid(a));
        example("softplus", (a, b) -> Ops.softplus(a));
        example("softsign", (a, b) -> Ops.softsign(a));
        example("silu", (a, b) -> Ops.silu(a));
        example("selu", (a, b) -> Ops.selu(a));
        example("hard_sigmoid", (a, b) -> Ops.hardSigmoid(Ops.multiply(a, 4f)));
        example("stop_gradient", (a, b) -> Ops.stopGradient(a));
        example("elu", (a, b) -> Ops.elu(a, 0.5f));
        example("leaky_relu", (a, b) -> Ops.leakyRelu(a, 0.1f));
        example("gelu", (a, b) -> Ops.gelu(a, false));
        example("softmax", (a, b) -> Ops.softmax(a, 1));
        example("log_softmax", (a, b) -> Ops.logSoftmax(a));
        example("clip", (a, b) -> Ops.clip(a, -0.5f, 0.7f));
        example("concatenate", (a, b) -> Ops.concatenate(List.of(a, b), -1));
        example("stack", (a, b) -> Ops.stack(List.of(a, b), 1));
        example("reshape", (a, b) -> Ops.reshape(a, -1, 12));
        example("transpose", (a, b) -> Ops.transpose(a, 0, 2, 1));
        example("expand_dims", (a, b) -> Ops.expandDims(a, -1));
        example("squeeze", (a, b) -> Ops.squeeze(Ops.reshape(a, -1, 3, 1, 4), 2));
        example("sum", (a, b) -> Ops.sum(a, new int[] {1, 2}, true));
        example("mean", (a, b) -> Ops.mean(a, -1));
        example("max", (a, b) -> Ops.max(a, new int[] {2}, false));
        example("min", (a, b) -> Ops.min(a, new int[] {1}, true));
        example("prod", (a, b) -> Ops.prod(a, 2));
        example("std", (a, b) -> Ops.std(a, 1));
        example("var", (a, b) -> Ops.variance(a, new int[] {1, 2}, false));
        example("logsumexp", (a, b) -> Ops.logsumexp(a, 2));
        example("argmax", (a, b) -> Ops.argmax(a, -1));
        example("argmin", (a, b) -> Ops.argmin(a, 1, true));
        example("tile", (a, b) -> Ops.tile(a, 1, 2, 1));
        example("repeat", (a, b) -> Ops.repeat(a, 2, 1));
        // computed indices: Keras's argmax gives int32, which JAX's take needs (a float32 constant would not do)
        example("take", (a, b) -> Ops.take(a, Ops.argmax(Ops.mean(b, new int[] {0}, false), -1), 2));
        example("take_along_axis", (a, b) -> Ops.takeAlongAxis(a, Ops.argmax(b, -1, true), -1));
        example("where", (a, b) -> Ops.where(Ops.greater(a, b), a, b));
        example("one_hot", (a, b) -> Ops.oneHot(Ops.argmax(a, -1), 4));
        example("ctc_loss", (a, b) -> {
            Tensor labels = Ops.argmax(a, -1); // (batch, 3) integer labels, 0 the blank
            Tensor steps = Ops.sum(Ops.notEqual(Ops.argmax(b, -1), -1f), -1); // all 3 steps of b count
            return Ops.ctcLoss(labels, b, Ops.sum(Ops.notEqual(labels, 0f), -1), steps, 0);
        });
        EXAMPLES.put("split", (a, b) -> {
            List<Tensor> out = new ArrayList<>(Ops.split(a, 2, 2));
            out.addAll(Ops.split(a, new int[] {1}, 1));
            return out;
        });
        example("pad", (a, b) -> Ops.pad(a, new int[][] {{0, 0}, {1, 0}, {0, 2}}, 0.5f));
        example("max_pool", (a, b) -> Ops.maxPool(a, new int[] {2}, null, "valid", null));
        example("average_pool", (a, b) -> Ops.averagePool(a, new int[] {2}, null, "same", "channels_first"));
        example("resize", (a, b) -> Ops.resize(Ops.expandDims(a, -1), new int[] {5, 2}, "bicubic", true, false, true,
                "constant", 0.5f, null));
        // On (batch, 3, 4) as one image (height batch): Keras's JAX backend takes one transform only for one image.
        example("affine_transform", (a, b) -> Ops.affineTransform(b,
                Tensor.of(new float[] {0.9f, -0.3f, 1.2f, 0.35f, 0.6f, -0.8f, 0, 0}), "bilinear", "reflect", 0f,
                null));
        example("sin", (a, b) -> Ops.sin(a));
        example("cos", (a, b) -> Ops.cos(a));
        example("tan", (a, b) -> Ops.tan(a));
        example("arcsin", (a, b) -> Ops.arcsin(Ops.multiply(a, 0.9f)));
        example("arccos", (a, b) -> Ops.arccos(Ops.multiply(a, 0.9f)));
        example("arctan", (a, b) -> Ops.arctan(Ops.multiply(a, 3f)));
        example("arctan2", Ops::arctan2);
        example("sinh", (a, b) -> Ops.sinh(a));
        example("cosh", (a, b) -> Ops.cosh(a));
        example("arcsinh", (a, b) -> Ops.arcsinh(Ops.multiply(a, 3f)));
        example("arccosh", (a, b) -> Ops.arccosh(Ops.add(Ops.abs(a), 1f)));
        example("arctanh", (a, b) -> Ops.arctanh(Ops.multiply(a, 0.9f)));
        example("floor", (a, b) -> Ops.floor(Ops.multiply(a, 4f)));
        example("ceil", (a, b) -> Ops.ceil(Ops.multiply(a, 4f)));
        example("trunc", (a, b) -> Ops.trunc(Ops.multiply(a, 4f)));
        example("round", (a, b) -> Ops.round(Ops.multiply(a, 3f), 1));
        example("cumsum", (a, b) -> Ops.cumsum(a, 1));
        example("cumprod", (a, b) -> Ops.cumprod(Ops.add(a, 1f), -1));
        example("sort", (a, b) -> Ops.sort(a, 1));
        example("argsort", (a, b) -> Ops.argsort(a));
        EXAMPLES.put("top_k", (a, b) -> Ops.topK(a, 2));
        // floor of b in [-1, 1) is -1 or 0: a mix of true and false
        example("logical_and", (a, b) -> Ops.logicalAnd(a, Ops.floor(b)));
        example("logical_or", (a, b) -> Ops.logicalOr(Ops.floor(a), Ops.floor(b)));
        example("any", (a, b) -> Ops.any(Ops.greater(a, b), new int[] {1}, true));
        example("all", (a, b) -> Ops.all(Ops.floor(a), 1));
        example("logical_xor", (a, b) -> Ops.logicalXor(Ops.floor(a), Ops.floor(b)));
        example("logical_not", (a, b) -> Ops.logicalNot(Ops.floor(a)));
        example("isnan", (a, b) -> Ops.isNan(Ops.log(a)));
        example("isinf", (a, b) -> Ops.isInf(Ops.divide(a, Ops.floor(b))));
        example("isfinite", (a, b) -> Ops.isFinite(Ops.log(a)));
        // NaN where a < 0, -inf where a > 0 and floor(b) = 0
        example("nan_to_num", (a, b) -> Ops.nanToNum(Ops.divide(Ops.log(a), Ops.floor(b)), 1.5f, 2f, null));
        example("tril", (a, b) -> Ops.tril(a, 1));
        example("triu", (a, b) -> Ops.triu(a, -1));
        example("slice", (a, b) -> Ops.slice(a, new int[] {0, 1, 0}, new int[] {-1, 2, 3}));
        example("broadcast_to", (a, b) -> Ops.add(a, Ops.broadcastTo(Ops.sum(b), Shape.of(3, 4))));
        example("conv", (a, b) -> Ops.conv(a, ramp(-4, 0.5f, 2, 4, 2), new int[] {1}, "same", null, new int[] {1}));
        example("conv_transpose", (a, b) -> Ops.convTranspose(a, ramp(-3, 0.25f, 2, 3, 4), new int[] {2}, "valid",
                null, null, new int[] {1}));
        example("depthwise_conv", (a, b) -> Ops.depthwiseConv(b, ramp(-2, 0.25f, 2, 4, 2), new int[] {1}, "valid",
                "channels_last", new int[] {1}));
        example("separable_conv", (a, b) -> Ops.separableConv(a, ramp(-2, 0.5f, 2, 4, 1), ramp(-1, 0.25f, 1, 4, 2),
                new int[] {1}, "same", null, new int[] {1}));
        // issue 16: elementwise math, bitwise and integer ops
        // The integer-only ops take argsort's indices (0..3), int32 in Keras too: Keras's JAX backend rejects float32
        // operands, and Strata's graph tensors are float32 but for what Keras makes int32 itself.
        BiFunction<Tensor, Tensor, Tensor> ints = (a, b) -> Ops.subtract(Ops.argsort(a), Ops.argsort(b)); // -3..3
        example("fabs", (a, b) -> Ops.fabs(a));
        example("cbrt", (a, b) -> Ops.cbrt(a));
        example("exp2", (a, b) -> Ops.exp2(a));
        example("expm1", (a, b) -> Ops.expm1(a));
        example("log10", (a, b) -> Ops.log10(Ops.abs(a)));
        example("log2", (a, b) -> Ops.log2(Ops.abs(a)));
        example("logaddexp", (a, b) -> Ops.logaddexp(a, b));
        example("logaddexp2", (a, b) -> Ops.logaddexp2(a, Tensor.of(new float[] {1, -2, 0.5f, 3})));
        example("deg2rad", (a, b) -> Ops.deg2rad(Ops.multiply(a, 180f)));
        example("rad2deg", (a, b) -> Ops.rad2deg(a));
        example("reciprocal", (a, b) -> Ops.reciprocal(a));
        example("sinc", (a, b) -> Ops.sinc(Ops.multiply(a, 3f)));
        example("hypot", (a, b) -> Ops.hypot(a, b));
        example("heaviside", (a, b) -> Ops.heaviside(Ops.floor(a), b));
        example("fmod", (a, b) -> Ops.fmod(Ops.multiply(a, 5f), b));
        example("mod", (a, b) -> Ops.mod(Ops.multiply(a, 5f), b));
        example("floor_divide", (a, b) -> Ops.floorDivide(Ops.multiply(a, 5f), b));
        example("true_divide", (a, b) -> Ops.trueDivide(a, b));
        example("divide_no_nan", (a, b) -> Ops.divideNoNan(a, Ops.floor(b)));
        example("fmax", (a, b) -> Ops.fmax(a, Ops.log(b)));
        example("fmin", (a, b) -> Ops.fmin(Ops.log(a), b));
        example("gcd", (a, b) -> Ops.gcd(ints.apply(a, b), Ops.argsort(b)));
        example("lcm", (a, b) -> Ops.lcm(ints.apply(a, b), Ops.argsort(b)));
        example("ldexp", (a, b) -> Ops.ldexp(a, Ops.argsort(b)));
        example("nextafter", (a, b) -> Ops.nextafter(a, b));
        example("signbit", (a, b) -> Ops.signbit(a));
        example("isneginf", (a, b) -> Ops.isNegInf(Ops.log(a)));
        example("isposinf", (a, b) -> Ops.isPosInf(Ops.divide(a, Ops.floor(b))));
        example("isclose", (a, b) -> Ops.isclose(a, Ops.add(a, Ops.multiply(b, 0.01f)), 1e-3f, 5e-3f, true));
        // allclose is a scalar over the whole batch: added to a, so that the model's output has a batch axis
        example("allclose", (a, b) -> Ops.add(a, Ops.allclose(a, Ops.add(a, Ops.multiply(b, 1e-6f)))));
        example("isreal", (a, b) -> Ops.isreal(a));
        example("real", (a, b) -> Ops.real(a));
        example("imag", (a, b) -> Ops.imag(a));
        example("conjugate", (a, b) -> Ops.conj(a));
        example("angle", (a, b) -> Ops.angle(a));
        example("i0", (a, b) -> Ops.i0(Ops.multiply(a, 4f)));
        example("erfc", (a, b) -> Ops.erfc(Ops.multiply(a, 3f)));
        example("erfinv", (a, b) -> Ops.erfinv(Ops.multiply(a, 0.99f)));
        example("bitwise_and", (a, b) -> Ops.bitwiseAnd(ints.apply(a, b), Ops.argsort(b)));
        example("bitwise_or", (a, b) -> Ops.bitwiseOr(ints.apply(a, b), Ops.argsort(b)));
        example("bitwise_xor", (a, b) -> Ops.bitwiseXor(ints.apply(a, b), Ops.argsort(b)));
        example("bitwise_not", (a, b) -> Ops.bitwiseNot(ints.apply(a, b)));
        example("bitwise_invert", (a, b) -> Ops.bitwiseInvert(ints.apply(a, b)));
        example("bitwise_left_shift", (a, b) -> Ops.bitwiseLeftShift(ints.apply(a, b),
                Ops.argsort(b)));
        example("bitwise_right_shift", (a, b) -> Ops.bitwiseRightShift(ints.apply(a, b),
                Ops.argsort(b)));
        example("left_shift", (a, b) -> Ops.leftShift(ints.apply(a, b), Ops.argsort(a)));
        example("right_shift", (a, b) -> Ops.rightShift(ints.apply(a, b), Ops.argsort(a)));

        // issue 16: array creation and manipulation
        example("linspace", (a, b) -> Ops.linspace(a, Ops.multiply(b, 2f), 3, true, null, 1));
        example("logspace", (a, b) -> Ops.logspace(a, Tensor.scalar(0.5f), 4, false, 2f, null, -1));
        example("geomspace", (a, b) -> Ops.geomspace(Ops.add(Ops.abs(a), 1f), Ops.add(Ops.abs(b), 0.5f), 3, false,
                "int32", 2));
        example("flip", (a, b) -> Ops.flip(a, new int[] {1, 2}));
        example("fliplr", (a, b) -> Ops.fliplr(a));
        example("flipud", (a, b) -> Ops.flipud(a));
        example("roll", (a, b) -> Ops.roll(a, -1, 2));
        example("rot90", (a, b) -> Ops.rot90(a, 3, new int[] {1, 2}));
        example("moveaxis", (a, b) -> Ops.moveaxis(a, new int[] {1, 2}, new int[] {2, 1}));
        example("swapaxes", (a, b) -> Ops.swapaxes(a, 1, -1));
        // predict joins outputs by batch rows: outputs whose first axis is not the batch are made so again
        example("ravel", (a, b) -> Ops.reshape(Ops.ravel(a), -1, 12));
        example("hstack", (a, b) -> Ops.hstack(List.of(a, b)));
        example("vstack", (a, b) -> Ops.transpose(Ops.reshape(Ops.vstack(List.of(a, b)), 2, -1, 12), 1, 0, 2));
        example("dstack", (a, b) -> Ops.dstack(List.of(a, b)));
        example("append", (a, b) -> Ops.append(a, b, 2));
        EXAMPLES.put("array_split", (a, b) -> Ops.arraySplit(a, 3, 2));
        EXAMPLES.put("hsplit", (a, b) -> Ops.hsplit(a, new int[] {1}));
        EXAMPLES.put("vsplit", (a, b) -> Ops.vsplit(a, 1));
        EXAMPLES.put("dsplit", (a, b) -> Ops.dsplit(a, 2));
        // trace over the last two axes: a vector (batch,) for the ops that take vectors; k = 0 keeps the batch rows
        // (other k: the Keras file of Ops16ShapeInteropTest)
        example("diag", (a, b) -> Ops.diag(Ops.trace(a, 0, 1, 2), 0));
        example("diagflat", (a, b) -> Ops.diagflat(Ops.trace(a, 1, 1, 2)));
        example("diagonal", (a, b) -> Ops.diagonal(a, 1, 1, 2));
        example("trace", (a, b) -> Ops.trace(a, -1, -1, -2));
        example("zeros_like", (a, b) -> Ops.zerosLike(a));
        example("ones_like", (a, b) -> Ops.onesLike(a));
        example("full_like", (a, b) -> Ops.fullLike(a, 2.5f));
        example("empty_like", (a, b) -> Ops.multiply(Ops.emptyLike(a), 0f)); // Keras's contents are unspecified
        example("copy", (a, b) -> Ops.copy(a));
        EXAMPLES.put("meshgrid", (a, b) -> Ops.meshgrid(List.of(Ops.trace(a, 0, 1, 2), Ops.trace(b, 0, 1, 2)), "ij"));
        example("vander", (a, b) -> Ops.vander(Ops.trace(a, 0, 1, 2), 3, true));
        EXAMPLES.put("unravel_index", (a, b) -> Ops.unravelIndex(Ops.argmax(a, -1), 2, 2));
        example("size", (a, b) -> Ops.multiply(a, Ops.size(b)));
        example("select", (a, b) -> Ops.select(List.of(Ops.greater(a, 0.5f), Ops.greater(b, 0f)), List.of(a, b), -1.5f));
        example("get_item", (a, b) -> Ops.getItem(a, ":, 1:3, None, ...")); // Python's a[:, 1:3, None, ...]

        // issue 16: statistics, products, searching
        // Keras runs bincount only on integers (a cast to int32) and only eagerly; minlength 6 > max + 1 gives every
        // row the same length, which Keras's JAX backend needs to stack them
        example("bincount", (a, b) -> Ops.bincount(Ops.cast(Ops.reshape(Ops.clip(Ops.floor(Ops.multiply(Ops.abs(a),
                2f)), 0f, 4f), -1, 12), "int32"), null, 6));
        EXAMPLES.put("histogram", (a, b) -> { // counts (4,) and edges (5,) and (4,): added to batched tensors
            List<Tensor> ranged = Ops.histogram(Ops.reshape(a, -1), 4, new float[] {-0.5f, 0.5f});
            List<Tensor> own = Ops.histogram(Ops.reshape(b, -1), 3, null);
            return List.of(Ops.add(a, ranged.get(0)), Ops.add(b, Ops.slice(ranged.get(1), new int[] {1},
                    new int[] {4})), Ops.add(a, own.get(1)));
        });
        example("tensordot", (a, b) -> Ops.tensordot(a, w, 1));
        // the nan* examples take nans(a, b): a with NaN where b > 0.6
        // ops whose result has no batch axis are added to one that has, so predict can batch the model
        example("outer", (a, b) -> Ops.add(Ops.transpose(a, 0, 2, 1), Ops.outer(Ops.reshape(Ops.slice(a,
                new int[] {0, 0, 0}, new int[] {1, 1, 4}), 4), Ops.reshape(Ops.slice(b, new int[] {0, 1, 0},
                new int[] {1, 1, 3}), 3))));
        example("inner", Ops::inner);
        example("vdot", (a, b) -> Ops.add(a, Ops.vdot(a, b)));
        example("kron", (a, b) -> Ops.kron(a, Tensor.of(new float[] {1f, -0.5f}, 1, 2)));
        example("cross", (a, b) -> Ops.cross(Ops.slice(a, new int[] {0, 0, 0}, new int[] {-1, 3, 3}),
                Ops.slice(b, new int[] {0, 0, 1}, new int[] {-1, 3, 2}), -1, -1, 1));
        example("correlate", (a, b) -> Ops.add(a, Ops.correlate(Ops.reshape(
                Ops.slice(a, new int[] {0, 0, 0}, new int[] {1, 1, 4}), 4), Tensor.of(new float[] {0.5f, -1f}),
                "same")));
        example("diff", (a, b) -> Ops.diff(a, 2, 1));
        example("trapezoid", (a, b) -> Ops.trapezoid(a, 0.5f, 1));
        example("amax", (a, b) -> Ops.amax(a, new int[] {1}, false));
        example("amin", (a, b) -> Ops.amin(a, new int[] {1, 2}, true));
        example("ptp", (a, b) -> Ops.ptp(a, new int[] {-1}, false));
        example("average", (a, b) -> Ops.average(a, 1, null));
        example("count_nonzero", (a, b) -> Ops.countNonzero(Ops.floor(Ops.multiply(b, 2f)), 1));
        // a matmul, not an add: Keras 3.15's Corrcoef gives x's shape (3, 4) as its symbolic shape, not (3, 3)
        example("corrcoef", (a, b) -> Ops.matmul(Ops.slice(b, new int[] {0, 0, 0}, new int[] {-1, 3, 3}),
                Ops.corrcoef(Ops.reshape(Ops.slice(a, new int[] {0, 0, 0}, new int[] {1, 3, 4}), 3, 4))));
        // each of these: one axis and several (saved as a list, which check_config.py makes a tuple for Keras 3.15)
        example("median", (a, b) -> Ops.add(Ops.median(a, new int[] {1}, true), Ops.median(a, new int[] {1, 2},
                true)));
        example("quantile", (a, b) -> Ops.add(Ops.add(a, Ops.quantile(a, 0.3f)), Ops.add(Ops.quantile(a, 0.3f, 2,
                "lower", true), Ops.quantile(a, 0.7f, new int[] {1, 2}, "nearest", true))));
        example("percentile", (a, b) -> Ops.add(Ops.percentile(a, 25f, 2, "midpoint", true), Ops.percentile(a, 60f,
                new int[] {-1, 1}, "higher", true)));
        example("nanquantile", (a, b) -> Ops.add(Ops.nanquantile(nans(a, b), 0.3f, -1, "nearest", true),
                Ops.nanquantile(nans(a, b), 0.5f, new int[] {1, 2}, "linear", true)));
        example("nanpercentile", (a, b) -> Ops.add(Ops.nanpercentile(nans(a, b), 75f, 1, "higher", true),
                Ops.nanpercentile(nans(a, b), 40f, new int[] {1, -1}, "lower", true)));
        example("nanmedian", (a, b) -> Ops.add(Ops.nanmedian(nans(a, b), 1, true), Ops.nanmedian(nans(a, b),
                new int[] {1, 2}, true)));
        example("nansum", (a, b) -> Ops.add(Ops.nansum(nans(a, b), 1, true), Ops.nansum(nans(a, b),
                new int[] {1, 2}, true)));
        example("nanmean", (a, b) -> Ops.add(Ops.nanmean(nans(a, b), -1, true), Ops.nanmean(nans(a, b),
                new int[] {2, 1}, true)));
        example("nanmax", (a, b) -> Ops.add(Ops.nanmax(nans(a, b), 1, true), Ops.nanmax(nans(a, b),
                new int[] {1, 2}, true)));
        example("nanmin", (a, b) -> Ops.add(Ops.nanmin(nans(a, b), 2, true), Ops.nanmin(nans(a, b),
                new int[] {1, 2}, true)));
        example("nanprod", (a, b) -> Ops.add(Ops.nanprod(nans(a, b), 1, true), Ops.nanprod(nans(a, b),
                new int[] {-2, -1}, true)));
        example("nanstd", (a, b) -> Ops.add(Ops.nanstd(nans(a, b), 1, true), Ops.nanstd(nans(a, b),
                new int[] {1, 2}, true)));
        example("nanvar", (a, b) -> Ops.add(Ops.nanvar(nans(a, b), -1, true), Ops.nanvar(nans(a, b),
                new int[] {1, 2}, true)));
        example("nanargmax", (a, b) -> Ops.nanargmax(nans(a, b), 1, false));
        example("nanargmin", (a, b) -> Ops.nanargmin(nans(a, b), -1, false));
        example("nancumsum", (a, b) -> Ops.nancumsum(nans(a, b), 1));
        example("nancumprod", (a, b) -> Ops.nancumprod(nans(a, b), 2));
        example("search_sorted", (a, b) -> Ops.searchsorted(Tensor.of(new float[] {-0.5f, 0f, 0.25f, 0.75f}), a,
                "right"));
        example("digitize", (a, b) -> Ops.digitize(a, Tensor.of(new float[] {-0.5f, 0f, 0.5f})));
        example("is_in", (a, b) -> Ops.isin(Ops.round(Ops.multiply(a, 2f)), Ops.round(Ops.multiply(b, 2f))));
        example("argpartition", (a, b) -> Ops.argpartition(a, 1));

        // issue 16: keras.ops.math
        // segments of a's rows (axis 1, moved first and back, so the outputs keep the batch first): ids (3,), int32
        // in [0, 4) as Keras's segment ops need (argmax gives int32)
        example("segment_sum", (a, b) -> Ops.transpose(Ops.segmentSum(Ops.transpose(a, 1, 0, 2),
                Ops.argmax(Ops.sum(b, new int[] {0}, false), -1), 4), 1, 0, 2));
        example("segment_max", (a, b) -> Ops.transpose(Ops.segmentMax(Ops.transpose(a, 1, 0, 2),
                Ops.argmax(Ops.sum(b, new int[] {0}, false), -1), 4), 1, 0, 2));
        example("segment_min", (a, b) -> Ops.transpose(Ops.segmentMin(Ops.transpose(a, 1, 0, 2),
                Ops.argmax(Ops.sum(b, new int[] {0}, false), -1), 4, true), 1, 0, 2));
        example("segment_prod", (a, b) -> Ops.transpose(Ops.segmentProd(Ops.transpose(a, 1, 0, 2),
                Ops.argmax(Ops.sum(b, new int[] {0}, false), -1), 4), 1, 0, 2));
        example("in_top_k", (a, b) -> Ops.inTopK(Ops.argmax(b, -1), a, 2));
        example("cdist", Ops::cdist);
        example("extract_sequences", (a, b) -> Ops.extractSequences(a, 2, 1));
        EXAMPLES.put("fft", (a, b) -> Ops.fft(List.of(a, b)));
        EXAMPLES.put("fft2", (a, b) -> Ops.fft2(List.of(a, b)));
        EXAMPLES.put("ifft2", (a, b) -> Ops.ifft2(List.of(a, b)));
        EXAMPLES.put("rfft", (a, b) -> Ops.rfft(a, 6));
        example("irfft", (a, b) -> Ops.irfft(List.of(a, b), 5));
        EXAMPLES.put("stft", (a, b) -> Ops.stft(a, 3, 1, 4, "hamming", true));
        example("istft", (a, b) -> Ops.istft(Ops.stft(a, 2, 1, 4, (String) null, true), 2, 1, 4, 3, (String) null, true));
        // Keras's rearrange needs every dimension known (its shape rule multiplies them), so on a fixed-size input;
        // and every length of a split group given (an inferred one is a tracer inside Keras's jitted predict)
        example("rearrange", (a, b) -> Ops.rearrange(Ops.reshape(a, 2, 3, 4), "b (h h1) w -> b (h1 w) h",
                java.util.Map.of("h", 1, "h1", 3)));

        // issue 16: keras.ops.linalg
        // spd: a·aᵀ + 3I, (batch, 3, 3) symmetric positive definite; first: the first sample's (3, 4) matrix, for
        // the ops Keras runs on one matrix only (lstsq; cholesky_inverse, whose JAX form fails on a batch)
        Function<Tensor, Tensor> spd = x -> Ops.add(Ops.matmul(x, Ops.transpose(x, 0, 2, 1)),
                Tensor.of(new float[] {3, 0, 0, 0, 3, 0, 0, 0, 3}, 3, 3));
        Function<Tensor, Tensor> first = x -> Ops.reshape(Ops.slice(x, new int[] {0, 0, 0}, new int[] {1, 3, 4}), 3,
                4);
        example("inv", (a, b) -> Ops.inv(spd.apply(a)));
        example("solve", (a, b) -> Ops.solve(spd.apply(a), b));
        example("solve_triangular", (a, b) -> Ops.solveTriangular(spd.apply(a), b, true));
        example("det", (a, b) -> Ops.det(spd.apply(a)));
        EXAMPLES.put("slogdet", (a, b) -> Ops.slogdet(spd.apply(a)));
        example("logdet", (a, b) -> Ops.logdet(spd.apply(a)));
        example("cholesky", (a, b) -> Ops.cholesky(spd.apply(a), true));
        // made batch-shaped again (a matmul with a), so predict can split and join the batch
        example("cholesky_inverse", (a, b) -> Ops.matmul(Ops.choleskyInverse(Ops.cholesky(Ops.add(Ops.matmul(
                first.apply(a), Ops.transpose(first.apply(a))), Tensor.of(new float[] {3, 0, 0, 0, 3, 0, 0, 0, 3}, 3,
                3)))), a));
        EXAMPLES.put("qr", (a, b) -> Ops.qr(a, "complete"));
        EXAMPLES.put("svd", (a, b) -> Ops.svd(a, false, false)); // singular vectors' signs are LAPACK's in Keras
        EXAMPLES.put("eigh", (a, b) -> List.of(Ops.eigh(spd.apply(a)).get(0))); // so are eigenvectors'
        EXAMPLES.put("lu_factor", (a, b) -> Ops.luFactor(spd.apply(a)));
        example("lstsq", (a, b) -> Ops.matmul(a, Ops.lstsq(first.apply(a), first.apply(b))));
        example("norm", (a, b) -> Ops.norm(a, 1f, new int[] {-2, -1}, true));
        example("pinv", (a, b) -> Ops.pinv(a, 0.01f));
        example("matrix_rank", (a, b) -> Ops.matrixRank(a));

        // issue 16: keras.ops.nn
        EXAMPLES.put("moments", (a, b) -> Ops.moments(a, new int[] {1}, false));
        example("batch_normalization", (a, b) -> Ops.batchNormalization(a, Ops.mean(b, new int[] {0, 1}, false),
                Ops.add(Ops.abs(Ops.mean(a, new int[] {0, 1}, false)), 0.5f), -1, null,
                Tensor.of(new float[] {1, 2, 0.5f, -1}), 0.01f));
        example("layer_normalization", (a, b) -> Ops.add(Ops.layerNormalization(a), Ops.layerNormalization(b,
                Tensor.ones(3, 4), null, new int[] {1, 2}, 1e-3f)));
        example("rms_normalization", (a, b) -> Ops.add(Ops.rmsNormalization(a, Tensor.of(new float[] {1, 2, 3, 4})),
                Ops.rmsNormalization(b)));
        example("normalize", (a, b) -> Ops.add(Ops.normalize(a), Ops.normalize(b, new int[] {1}, 3, 1e-3f)));
        example("multi_hot", (a, b) -> Ops.multiHot(Ops.floor(Ops.multiply(Ops.abs(a), 3f)), 4));
        example("binary_crossentropy", (a, b) -> Ops.binaryCrossentropy(Ops.sigmoid(b), a, true));
        example("categorical_crossentropy", (a, b) -> Ops.categoricalCrossentropy(Ops.softmax(b, 1),
                Ops.softmax(a, 1), false, 1));
        example("sparse_categorical_crossentropy", (a, b) -> Ops.sparseCategoricalCrossentropy(
                Ops.floor(Ops.multiply(Ops.abs(Ops.mean(b, -1)), 4f)), a, true));
        example("dot_product_attention", (a, b) -> {
            Tensor q = Ops.reshape(a, Shape.of(-1, 3, 2, 2));
            Tensor k = Ops.reshape(b, Shape.of(-1, 3, 2, 2));
            return Ops.dotProductAttention(q, k, k, null, Tensor.of(new float[] {1, 0, 1, 1, 1, 0, 0, 1, 1}, 1, 1, 3, 3),
                    0.5f, true);
        });
        example("celu", (a, b) -> Ops.celu(a, 0.5f));
        example("glu", (a, b) -> Ops.glu(a));
        example("hard_shrink", (a, b) -> Ops.hardShrink(a, 0.25f));
        example("hard_silu", (a, b) -> Ops.hardSilu(Ops.multiply(a, 4f)));
        example("hard_tanh", (a, b) -> Ops.hardTanh(Ops.multiply(a, 2f)));
        example("log_sigmoid", (a, b) -> Ops.logSigmoid(a));
        example("soft_shrink", (a, b) -> Ops.softShrink(a));
        example("sparse_plus", (a, b) -> Ops.sparsePlus(Ops.multiply(a, 2f)));
        example("sparse_sigmoid", (a, b) -> Ops.sparseSigmoid(Ops.multiply(a, 2f)));
        example("sparsemax", (a, b) -> Ops.sparsemax(a, 1));
        example("squareplus", (a, b) -> Ops.squareplus(a, 2f));
        example("tanh_shrink", (a, b) -> Ops.tanhShrink(a));
        example("threshold", (a, b) -> Ops.threshold(a, 0.1f, -1f));
        example("psnr", (a, b) -> Ops.add(a, Ops.psnr(a, b, 2f)));
        example("depth_to_space", (a, b) -> Ops.depthToSpace(Ops.reshape(a, Shape.of(-1, 4, 1, 3)), 2,
                "channels_first"));
        example("space_to_depth", (a, b) -> Ops.spaceToDepth(Ops.reshape(a, Shape.of(-1, 2, 6, 1)), 2));
        example("adaptive_average_pool", (a, b) -> Ops.adaptiveAveragePool(a, 2));
        example("adaptive_max_pool", (a, b) -> Ops.adaptiveMaxPool(Ops.reshape(a, Shape.of(-1, 3, 2, 2)),
                new int[] {2, 1}, "channels_last"));
        example("unfold", (a, b) -> Ops.unfold(Ops.reshape(a, Shape.of(-1, 1, 3, 4)), new int[] {2, 3}, new int[] {1},
                new int[] {1, 0}, new int[] {1, 2}));
        example("fold", (a, b) -> Ops.fold(Ops.unfold(Ops.reshape(b, Shape.of(-1, 1, 3, 4)), 2), new int[] {3, 4},
                new int[] {2, 2}));
        EXAMPLES.put("ctc_decode", (a, b) -> {
            // the decoded labels are (1, batch, time): reshaped to put the batch first, as predict needs
            List<Tensor> d = Ops.ctcDecode(a, Ops.floor(Ops.multiply(Ops.abs(Ops.mean(b, new int[] {1, 2}, false)),
                    12f)), "greedy", 100, 1, false, null);
            return List.of(Ops.reshape(d.get(0), -1, 3), d.get(1));
        });

        // issue 16: keras.ops.image
        // Images from (batch, 3, 4): (batch, 4, 1, 3) RGB channels last, (batch, 3, 4, 1), (batch, 1, 3, 4).
        example("rgb_to_grayscale", (a, b) -> Ops.rgbToGrayscale(Ops.expandDims(Ops.transpose(a, 0, 2, 1), 2)));
        example("rgb_to_hsv", (a, b) -> Ops.rgbToHsv(Ops.sigmoid(Ops.expandDims(Ops.transpose(a, 0, 2, 1), 2)),
                "channels_last"));
        example("hsv_to_rgb", (a, b) -> Ops.hsvToRgb(Ops.expandDims(a, 3), "channels_first"));
        example("crop_images", (a, b) -> Ops.cropImages(Ops.expandDims(a, -1), 1, null, null, 1, 2, 2, null));
        example("pad_images", (a, b) -> Ops.padImages(Ops.expandDims(b, -1), 1, 2, null, null, 5, 7,
                "channels_last"));
        example("extract_patches", (a, b) -> Ops.extractPatches(Ops.expandDims(a, -1), new int[] {2, 2},
                new int[] {1, 1}, new int[] {1}, "same", null));
        // Coordinates (3, batch, 4) from b: one row per axis of a, so the result (batch, 4) keeps the batch axis.
        example("map_coordinates", (a, b) -> Ops.mapCoordinates(a, Ops.add(Ops.multiply(Ops.transpose(b, 1, 0, 2),
                2f), 1f), 1, "reflect", 0f));
        example("gaussian_blur", (a, b) -> Ops.gaussianBlur(Ops.expandDims(a, -1), new int[] {3, 5},
                new float[] {1f, 0.5f}, null));
        example("sobel_edges", (a, b) -> Ops.sobelEdges(Ops.expandDims(b, 1), "channels_first"));
        // One set of points per image (Keras's JAX backend needs them), made from b.
        example("perspective_transform", (a, b) -> {
            Tensor corners = Tensor.of(new float[] {0, 0, 3, 0, 0, 2, 3, 2}, 4, 2);
            Tensor jitter = Ops.reshape(Ops.slice(b, new int[] {0, 0, 0}, new int[] {-1, 2, 4}), -1, 4, 2);
            return Ops.perspectiveTransform(Ops.expandDims(a, -1), Ops.add(corners, Ops.multiply(jitter, 0.2f)),
                    Ops.add(corners, Ops.multiply(jitter, 0f)), "bilinear", 0.5f, null);
        });
        // Keras's op needs the whole output shape, batch included: the round trips and the export use batches of 2.
        // Java arrays (saved as constant arrays), and tensors made from b (saved as tensor arguments, as Keras does)
        EXAMPLES.put("scale_and_translate", (a, b) -> List.of(Ops.scaleAndTranslate(a, new int[] {2, 5, 3},
                new float[] {1.6f, 0.7f}, new float[] {0.4f, -0.2f}, new int[] {1, 2}, "cubic"),
                Ops.scaleAndTranslate(a, new int[] {2, 4, 6}, Ops.add(Ops.sigmoid(Ops.getItem(b, "0, 0, :2")), 0.8f),
                        Ops.tanh(Ops.getItem(b, "1, 2, 1:3")), new int[] {1, 2}, "lanczos3", false)));
        example("elastic_transform", (a, b) -> Ops.elasticTransform(Ops.expandDims(a, -1), 2f, 0.7f, "bilinear",
                "constant", 0.25f, 5, null));
        example("ssim", (a, b) -> Ops.ssim(Ops.expandDims(a, -1), Ops.expandDims(b, -1), 2f, 3, 1f, 0.02f, 0.04f,
                null));

        // issue 16: keras.ops.core
        EXAMPLES.put("unstack", (a, b) -> {
            List<Tensor> out = new ArrayList<>(Ops.unstack(a, null, 1));
            out.addAll(Ops.unstack(b, 4, -1));
            return out;
        });
        // separate outputs: Keras computes an op on cast results in their dtype (int8 + bfloat16 is bfloat16 there)
        EXAMPLES.put("cast", (a, b) -> List.of(Ops.cast(Ops.multiply(a, 200f), "int8"), Ops.cast(a, "bfloat16")));
        example("saturate_cast", (a, b) -> Ops.saturateCast(Ops.multiply(a, 300f), "uint8"));
        EXAMPLES.put("convert_to_tensor", (a, b) -> List.of(Ops.convertToTensor(a),
                Ops.convertToTensor(b, "float16")));
        // scatter's result has no batch axis; added to b, the output has one (predict concatenates batches)
        example("scatter", (a, b) -> Ops.add(b, Ops.scatter(Tensor.of(new float[] {0, 2, 0}, 3, 1), Ops.sum(a, 0),
                3, 4)));
        EXAMPLES.put("scatter_update", (a, b) -> List.of(
                Ops.scatterUpdate(a, Tensor.of(new float[] {0, 1, 2, 0, 0, 3}, 2, 3),
                        Tensor.of(new float[] {5, -6}, 2)),
                Ops.scatterUpdate(a, Tensor.of(new float[] {1, 2, 0, 1}, 2, 2),
                        Ops.slice(Ops.sum(b, 0), new int[] {0, 0}, new int[] {2, 4}), "add")));
        example("slice_update", (a, b) -> Ops.sliceUpdate(a, new int[] {0, 1, 2},
                Ops.slice(b, new int[] {0, 0, 0}, new int[] {-1, 2, 2})));

        // issue 16: control flow
    }

    /** a with NaN where b > 0.6 (the square root of a negative number). */
    private static Tensor nans(Tensor a, Tensor b) {
        return Ops.where(Ops.greater(b, 0.6f), Ops.sqrt(Ops.subtract(Ops.abs(a), 5f)), a);
    }

    /** A constant of {@code shape} holding start, start + step, ... (a kernel for the convolution examples). */
    private static Tensor ramp(float start, float step, int... shape) {
        float[] v = new float[Shape.of(shape).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = start + i * step;
        }
        return Tensor.of(v, shape);
    }

    static List<OpSpec> opsWithAKerasForm() {
        return OpSpecs.all().stream().filter(OpSpec::hasKerasForm).toList();
    }

    @Test
    void everyOpWithAKerasFormHasAnExample() {
        Set<String> missing = new TreeSet<>();
        for (OpSpec s : opsWithAKerasForm()) {
            if (!EXAMPLES.containsKey(s.name())) {
                missing.add(s.name());
            }
        }
        assertThat(missing).as("ops with a Keras form but no example in OpSpecRoundTripTest.EXAMPLES (add one)")
                .isEmpty();
        Set<String> stale = new TreeSet<>(EXAMPLES.keySet());
        opsWithAKerasForm().forEach(s -> stale.remove(s.name()));
        assertThat(stale).as("examples for ops that have no Keras form").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opsWithAKerasForm")
    void roundTripsThroughItsKerasForm(OpSpec spec) {
        Strata.setRandomSeed(3);
        Model m = model(spec.name(), EXAMPLES.get(spec.name()));
        Object config = KerasConfig.parseJson(KerasConfig.modelToJson(m));
        assertThat(classNames(config)).as("the written op entries").contains(spec.kerasClass());
        assertThat(modules(config, spec.kerasClass())).containsOnly(spec.module().path());
        Model back = RoundTripTest.roundTrip(m, new LoadOptions());
        assertThat(classNames(KerasConfig.parseJson(KerasConfig.modelToJson(back)))).isEqualTo(classNames(config));
        RoundTripTest.assertSameOutputs(m, back, List.of(RoundTripTest.random(2, 3, 4), RoundTripTest.random(2, 3, 4)));
    }

    /** All the examples in one model (for {@code tools/keras-interop/check_config.py}, via InteropExportTest). */
    static Model everyOp() {
        Tensor a = Input.of("a", 3, 4);
        Tensor b = Input.of("b", 3, 4);
        List<Tensor> outs = new ArrayList<>();
        for (BiFunction<Tensor, Tensor, List<Tensor>> e : EXAMPLES.values()) {
            outs.addAll(e.apply(a, b));
        }
        return Model.of(List.of(a, b), outs, "every_op");
    }

    private static Model model(String name, BiFunction<Tensor, Tensor, List<Tensor>> example) {
        Tensor a = Input.of("a", 3, 4);
        Tensor b = Input.of("b", 3, 4);
        return Model.of(List.of(a, b), example.apply(a, b), name + "_model");
    }

    @SuppressWarnings("unchecked")
    private static List<String> classNames(Object config) {
        List<String> out = new ArrayList<>();
        for (Object l : (List<Object>) ((Map<String, Object>) ((Map<String, Object>) config).get("config"))
                .get("layers")) {
            Map<String, Object> entry = (Map<String, Object>) l;
            if (String.valueOf(entry.get("module")).startsWith("keras.src.ops")) {
                out.add((String) entry.get("class_name"));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> modules(Object config, String className) {
        Set<String> out = new TreeSet<>();
        for (Object l : (List<Object>) ((Map<String, Object>) ((Map<String, Object>) config).get("config"))
                .get("layers")) {
            Map<String, Object> entry = (Map<String, Object>) l;
            if (className.equals(entry.get("class_name"))) {
                out.add((String) entry.get("module"));
            }
        }
        return out;
    }
}

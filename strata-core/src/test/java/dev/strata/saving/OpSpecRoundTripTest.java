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

        // issue 16: array creation and manipulation

        // issue 16: statistics, products, searching
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
        example("median", (a, b) -> Ops.median(a, new int[] {1}, false));
        // Keras 3.15's Quantile node fails with an axis (it makes the axis a list, which jnp.quantile rejects)
        example("quantile", (a, b) -> Ops.add(a, Ops.quantile(a, 0.3f)));
        example("percentile", (a, b) -> Ops.percentile(a, 25f, 2, "midpoint", false));
        example("nanquantile", (a, b) -> Ops.nanquantile(nans(a, b), 0.3f, -1, "nearest", false));
        example("nanpercentile", (a, b) -> Ops.nanpercentile(nans(a, b), 75f, 1, "higher", true));
        example("nanmedian", (a, b) -> Ops.nanmedian(nans(a, b), 1, false));
        example("nansum", (a, b) -> Ops.nansum(nans(a, b), 1, false));
        example("nanmean", (a, b) -> Ops.nanmean(nans(a, b), -1, false));
        example("nanmax", (a, b) -> Ops.nanmax(nans(a, b), 1, true));
        example("nanmin", (a, b) -> Ops.nanmin(nans(a, b), 2, false));
        example("nanprod", (a, b) -> Ops.nanprod(nans(a, b), 1, false));
        example("nanstd", (a, b) -> Ops.nanstd(nans(a, b), 1, false));
        example("nanvar", (a, b) -> Ops.nanvar(nans(a, b), -1, false));
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

        // issue 16: keras.ops.linalg

        // issue 16: keras.ops.nn

        // issue 16: keras.ops.image

        // issue 16: keras.ops.core

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

package dev.strata.ops;

import static dev.strata.testing.GradientCheck.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.convolutional.ConvGolden;
import dev.strata.layers.convolutional.ConvGolden.OpCase;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution ops against Keras (JAX backend): values, input and kernel gradients, output shapes (symbolic
 * ones too) for {@code tools/golden/conv.py}'s cases; finite differences, second derivatives and bad arguments.
 */
class ConvOpsTest {

    static List<OpCase> cases() {
        return ConvGolden.ops();
    }

    private static int[] ints(Object v, int[] dflt) {
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return new int[] {n.intValue()};
        }
        return ((List<?>) v).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    /** The case's op on these tensors, with its Keras keyword arguments. */
    static Tensor call(OpCase c, List<Tensor> in) {
        Map<String, Object> a = c.args();
        int[] strides = ints(a.get("strides"), new int[] {1});
        String padding = (String) a.getOrDefault("padding", "valid");
        String format = (String) a.get("data_format");
        int[] dilation = ints(a.get("dilation_rate"), new int[] {1});
        return switch (c.op()) {
            case "conv" -> Ops.conv(in.get(0), in.get(1), strides, padding, format, dilation);
            case "conv_transpose" -> Ops.convTranspose(in.get(0), in.get(1), strides, padding,
                    ints(a.get("output_padding"), null), format, dilation);
            case "depthwise_conv" -> Ops.depthwiseConv(in.get(0), in.get(1), strides, padding, format, dilation);
            case "separable_conv" -> Ops.separableConv(in.get(0), in.get(1), in.get(2), strides, padding, format,
                    dilation);
            default -> throw new IllegalArgumentException(c.op());
        };
    }

    private static List<Tensor> inputs(OpCase c) {
        List<Tensor> in = new ArrayList<>();
        in.add(c.x());
        in.addAll(c.kernels());
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesAndGradientsMatchKeras(OpCase c) {
        List<Tensor> in = inputs(c);
        Tensor y = call(c, in);
        assertThat(y.shape()).isEqualTo(c.y().shape());
        LayerChecks.assertClose(y.toFloatArray(), c.y().toFloatArray(), 1e-5, 1e-5);
        List<Tensor> grads = GradientCheck.analytic(xs -> call(c, xs), in, ConvGolden.outputWeights(y.shape()));
        LayerChecks.assertClose(grads.get(0).toFloatArray(), c.dx().toFloatArray(), 1e-5, 1e-5);
        for (int i = 0; i < c.dkernels().size(); i++) {
            assertThat(grads.get(i + 1).shape()).isEqualTo(c.kernels().get(i).shape());
            LayerChecks.assertClose(grads.get(i + 1).toFloatArray(), c.dkernels().get(i).toFloatArray(), 1e-5, 1e-5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void symbolicShapesMatchTheEagerOnes(OpCase c) {
        List<Tensor> in = inputs(c);
        List<Tensor> symbolic = new ArrayList<>();
        symbolic.add(Graph.input(c.x().shape().withDim(0, Shape.UNKNOWN), "x"));
        symbolic.addAll(c.kernels());
        assertThat(call(c, symbolic).shape()).isEqualTo(c.y().shape().withDim(0, Shape.UNKNOWN));
        assertThat(call(c, in).shape()).isEqualTo(c.y().shape());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finiteDifferences(OpCase c) {
        GradientCheck.of().tolerance(1e-2, 2e-3).verify(xs -> call(c, xs), inputs(c).toArray(Tensor[]::new));
    }

    @Test
    void unknownSpatialSizesGiveUnknownOutputSizes() {
        Tensor x = Graph.input(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 7, 3), "x");
        Tensor k = Tensor.zeros(3, 3, 3, 4);
        assertThat(Ops.conv(x, k, new int[] {2}, "same", null, new int[] {1}).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 4, 4));
        assertThat(Ops.convTranspose(x, Tensor.zeros(3, 3, 5, 3), new int[] {2}, "valid", null, null, new int[] {1})
                .shape()).isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 15, 5));
    }

    @Test
    void secondDerivativesAreRecorded() {
        // d/dw of sum(d/dx sum(conv(x, w) * r)) by the tape, against finite differences of the first derivative
        Tensor x = random(1, Shape.of(2, 5, 4, 2), -1, 1);
        Tensor w = random(2, Shape.of(3, 2, 2, 3), -1, 1);
        Tensor r = random(3, Shape.of(2, 5, 2, 3), -1, 1);
        GradientCheck.check(ws -> firstDerivativeSum(x, ws.get(0), r), w);
    }

    private static Tensor firstDerivativeSum(Tensor x, Tensor w, Tensor r) {
        try (GradientTape inner = GradientTape.record()) {
            inner.watch(x);
            Tensor y = Ops.conv(x, w, new int[] {1, 2}, "same", null, new int[] {1});
            Tensor dx = inner.gradient(Ops.sum(Ops.multiply(y, r)), List.of(x)).getFirst();
            return Ops.sum(Ops.multiply(dx, dx));
        }
    }

    @Test
    void channelsFirstEqualsTransposedChannelsLast() {
        Tensor x = random(4, Shape.of(2, 6, 5, 3), -1, 1);
        Tensor w = random(5, Shape.of(3, 3, 3, 4), -1, 1);
        Tensor last = Ops.conv(x, w, new int[] {2, 1}, "same", "channels_last", new int[] {1});
        Tensor first = Ops.conv(Ops.transpose(x, 0, 3, 1, 2), w, new int[] {2, 1}, "same", "channels_first",
                new int[] {1});
        assertThat(Ops.transpose(first, 0, 2, 3, 1).toFloatArray()).containsExactly(last.toFloatArray());
    }

    @Test
    void badArgumentsAndShapesAreNamed() {
        Tensor x = Tensor.zeros(2, 5, 5, 3);
        Tensor w = Tensor.zeros(3, 3, 3, 4);
        assertThatThrownBy(() -> Ops.conv(x, w, new int[] {0}, "valid", null, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strides must be positive");
        assertThatThrownBy(() -> Ops.conv(x, w, new int[] {1, 2, 3}, "valid", null, new int[] {1}))
                .hasMessageContaining("strides must be one integer or 2");
        assertThatThrownBy(() -> Ops.conv(x, w, new int[] {1}, "full", null, new int[] {1}))
                .hasMessageContaining("padding must be 'valid' or 'same'");
        assertThatThrownBy(() -> Ops.conv(x, w, new int[] {1}, "valid", "nhwc", new int[] {1}))
                .hasMessageContaining("data_format must be");
        assertThatThrownBy(() -> Ops.conv(x, w, new int[] {1}, "valid", null, new int[] {-1}))
                .hasMessageContaining("dilation_rate must be positive");
        assertThatThrownBy(() -> Ops.conv(Tensor.zeros(2, 5, 5, 2), w)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("2 channels").hasMessageContaining("(2, 5, 5, 2)")
                .hasMessageContaining("(3, 3, 3, 4)").hasMessageContaining("channels_last");
        assertThatThrownBy(() -> Ops.conv(Tensor.zeros(2, 2, 5, 3), w)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("larger than the input").hasMessageContaining("(2, 2, 5, 3)");
        assertThatThrownBy(() -> Ops.conv(Tensor.zeros(5, 3), Tensor.zeros(3, 3, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("rank 3, 4 or 5");
        assertThatThrownBy(() -> Ops.conv(x, Tensor.zeros(3, 3, 4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("the kernel must have the input's rank");
        assertThatThrownBy(() -> Ops.conv(Tensor.zeros(2, 5, 5, 6), Tensor.zeros(3, 3, 3, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("do not divide into the 2 groups");
        assertThatThrownBy(() -> Ops.convTranspose(x, Tensor.zeros(3, 3, 4, 2), new int[] {1}, "valid", null, null,
                new int[] {1})).isInstanceOf(ShapeException.class).hasMessageContaining("kernel's last axis (2");
        assertThatThrownBy(() -> Ops.depthwiseConv(x, Tensor.zeros(3, 3, 2, 2), new int[] {1}, "valid", null,
                new int[] {1})).isInstanceOf(ShapeException.class).hasMessageContaining("3 channels");
        assertThatThrownBy(() -> Ops.separableConv(x, Tensor.zeros(3, 3, 3, 2), Tensor.zeros(1, 1, 5, 4),
                new int[] {1}, "valid", null, new int[] {1})).isInstanceOf(ShapeException.class)
                .hasMessageContaining("depthwise output's 6");
    }
}

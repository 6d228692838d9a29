package dev.strata.layers.pooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.models.Input;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The checks every adaptive pooling layer's test runs: Keras's values, gradients and configs
 * ({@link AdaptivePoolingGolden}), finite differences, traced shapes with unknown spatial sizes, and the errors.
 */
final class AdaptivePoolingChecks {
    private AdaptivePoolingChecks() {
    }

    /** Contract cases for a layer of {@code dims} spatial axes: channels last and first. */
    static List<LayerCase> contractCases(Function<int[], BaseAdaptivePooling<?>> make, int dims) {
        int[] size = new int[dims];
        java.util.Arrays.fill(size, 2);
        int[] in = new int[dims + 1];
        java.util.Arrays.fill(in, 3);
        in[dims] = 2;
        int[] wrong = new int[dims + 3];
        java.util.Arrays.fill(wrong, 2);
        // distinct values: the windows overlap, and max pooling's finite differences must not cross a tie
        return List.of(
                LayerCase.of(() -> make.apply(size), Shape.of(in)).inputs(PoolingChecks.distinct(Shape.of(in)))
                        .wrongRank(Shape.of(wrong)),
                LayerCase.of(() -> make.apply(size).dataFormat("channels_first"), Shape.of(in)).label("channels first")
                        .inputs(PoolingChecks.distinct(Shape.of(in))).wrongRank(Shape.of(wrong)));
    }

    /** Keras's outputs, input gradients and configs for every golden row of this class, in both formats. */
    static void matchKeras(Class<?> type, Function<int[], BaseAdaptivePooling<?>> make) {
        int rows = 0;
        for (Object[] row : AdaptivePoolingGolden.CASES) {
            if (!row[0].equals(type.getSimpleName())) {
                continue;
            }
            Strata.clearSession();
            BaseAdaptivePooling<?> layer = make.apply((int[]) row[2]).dataFormat((String) row[1]);
            Tensor x = Tensor.of((float[]) row[4], (int[]) row[3]);
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(x);
                Tensor y = layer.apply(x);
                assertThat(y.shape()).as("%s %s", row[0], row[1]).isEqualTo(Shape.of((int[]) row[6]));
                LayerChecks.assertClose(y.toFloatArray(), (float[]) row[5], 1e-6, 1e-6);
                Tensor loss = Ops.sum(Ops.multiply(y, Tensor.of((float[]) row[7], (int[]) row[6])));
                LayerChecks.assertClose(tape.gradient(loss, x).toFloatArray(), (float[]) row[8], 1e-5, 1e-6);
            }
            Strata.clearSession();
            ActivationLayerChecks.assertConfigIsKeras(make.apply((int[]) row[2]).dataFormat((String) row[1])
                    .getConfig(), (String) row[9]);
            rows++;
        }
        assertThat(rows).as("golden rows of " + type.getSimpleName()).isGreaterThanOrEqualTo(2);
    }

    /** Finite differences (average pooling everywhere; max pooling away from ties), traced shapes, errors. */
    static void gradientsShapesAndErrors(Function<int[], BaseAdaptivePooling<?>> make, int dims) {
        int[] size = new int[dims];
        java.util.Arrays.fill(size, 2);
        int[] in = new int[dims + 2];
        java.util.Arrays.fill(in, 5);
        in[0] = 2;
        in[dims + 1] = 2;
        GradientCheck.check(xs -> make.apply(size).apply(xs.get(0)), GradientCheck.distinct(3, 0.05, Shape.of(in))
                .getFirst());

        List<Integer> traced = new ArrayList<>();
        for (int i = 0; i < dims; i++) {
            traced.add(Shape.UNKNOWN);
        }
        traced.add(3);
        Tensor symbolic = Input.of(traced.stream().mapToInt(Integer::intValue).toArray());
        List<Integer> expected = new ArrayList<>();
        expected.add(Shape.UNKNOWN);
        for (int s : size) {
            expected.add(s);
        }
        expected.add(3);
        assertThat(make.apply(size).apply(symbolic).shape())
                .isEqualTo(Shape.of(expected.stream().mapToInt(Integer::intValue).toArray()));

        BaseAdaptivePooling<?> layer = make.apply(size);
        assertThatThrownBy(() -> layer.apply(Tensor.ones(2, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining(layer.describe() + " expects inputs of rank " + (dims + 2))
                .hasMessageContaining("but received shape (2, 3)");
        assertThatThrownBy(() -> make.apply(new int[] {0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output_size must be positive");
        assertThatThrownBy(() -> make.apply(new int[dims + 1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output_size");
        assertThatThrownBy(() -> make.apply(size).dataFormat("nhwc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data_format must be");
    }
}

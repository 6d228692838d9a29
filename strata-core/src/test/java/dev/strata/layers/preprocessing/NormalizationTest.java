package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerGolden;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Normalization against Keras: adapt, weights, call, invert, given statistics. */
class NormalizationTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> {
                    Normalization adapted = new Normalization();
                    adapted.adapt(GradientCheck.random(7, Shape.of(20, 3), -2, 3));
                    return adapted;
                }, Shape.of(3)).label("adapted").wrongRank(Shape.of(4)),
                LayerCase.of(() -> new Normalization(new double[] {0.5}, new double[] {2.0}).invert(true),
                        Shape.of(2, 3)).label("given mean and variance, inverted").wrongRank(Shape.of(4)),
                LayerCase.of(() -> new Normalization().axis(1), Shape.of(2, 3)).label("axis 1").wrongRank(Shape.of(4)));
    }

    private static final Tensor DATA = Tensor.of(LayerGolden.NORM_DATA, 20, 6);
    private static final Tensor X = Tensor.of(LayerGolden.NORM_X, 3, 6);

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void adaptAndCallMatchKeras() {
        Normalization norm = new Normalization();
        norm.adapt(DATA);
        LayerChecks.assertClose(norm.mean().toFloatArray(), LayerGolden.NORM_MEAN, 1e-6, 1e-7);
        LayerChecks.assertClose(norm.variance().toFloatArray(), LayerGolden.NORM_VARIANCE, 1e-5, 1e-7);
        LayerChecks.assertClose(norm.apply(X).toFloatArray(), LayerGolden.NORM_Y, 1e-5, 1e-5);
        Normalization inverse = new Normalization().invert(true);
        inverse.adapt(DATA);
        LayerChecks.assertClose(inverse.apply(X).toFloatArray(), LayerGolden.NORM_INVERT_Y, 1e-5, 1e-5);
        Normalization global = new Normalization().axis();
        global.adapt(DATA);
        assertThat(global.mean().shape()).isEqualTo(Shape.scalar());
        LayerChecks.assertClose(global.apply(X).toFloatArray(), LayerGolden.NORM_GLOBAL_Y, 1e-5, 1e-6);
    }

    @Test
    void weightsAsKeras() {
        Normalization norm = new Normalization();
        norm.adapt(DATA);
        assertThat(norm.weights()).extracting(Variable::name).containsExactly("mean", "variance", "count");
        assertThat(norm.weights()).extracting(Variable::shape)
                .containsExactly(Shape.of(6), Shape.of(6), Shape.scalar());
        assertThat(norm.trainableWeights()).isEmpty();
        assertThat(norm.countParams()).isEqualTo(LayerGolden.NORM_PARAMS).isEqualTo(13);
        assertThat(norm.weights().get(2).item()).isZero(); // Keras 3 leaves count at 0 after adapt
        Sequential seq = new Sequential(new InputLayer(5), new Normalization(), new Dense(1));
        assertThat(seq.countParams()).isEqualTo(11 + 6);
    }

    @Test
    void adaptOnBatchesCombinesAsOneDataset() {
        Normalization whole = new Normalization();
        whole.adapt(DATA);
        Normalization batched = new Normalization();
        float[] d = LayerGolden.NORM_DATA;
        batched.adapt(List.of(Tensor.of(java.util.Arrays.copyOfRange(d, 0, 8 * 6), 8, 6),
                Tensor.of(java.util.Arrays.copyOfRange(d, 8 * 6, 20 * 6), 12, 6)));
        LayerChecks.assertClose(batched.mean().toFloatArray(), whole.mean().toFloatArray(), 1e-6, 1e-7);
        LayerChecks.assertClose(batched.variance().toFloatArray(), whole.variance().toFloatArray(), 1e-5, 1e-7);
        assertThatThrownBy(() -> new Normalization().adapt(List.of())).hasMessageContaining("received no batches");
    }

    @Test
    void givenStatisticsHaveNoWeights() {
        Normalization fixed = new Normalization(new double[] {1, 2}, new double[] {4, 0});
        Tensor y = fixed.apply(Tensor.of(new float[] {3, 2, -1, 5}, 2, 2));
        LayerChecks.assertClose(y.toFloatArray(), LayerGolden.NORM_FIXED_Y, 1e-6, 1e-6); // std floored at 1e-7
        assertThat(fixed.weights()).isEmpty();
        assertThat(fixed.countParams()).isZero();
        assertThatThrownBy(() -> fixed.adapt(DATA)).hasMessageContaining("nothing to adapt");
        Normalization scalar = new Normalization(Tensor.scalar(2f), Tensor.scalar(4f));
        assertThat(scalar.apply(Tensor.of(new float[] {4, 6}, 1, 2)).toFloatArray()).containsExactly(1f, 2f);
        assertThatThrownBy(() -> new Normalization(new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("mean and variance must have the same shape");
    }

    @Test
    void multipleAxes() {
        Normalization n = new Normalization().axis(1, 2);
        Tensor data = Tensor.normal(Shape.of(10, 2, 3), 3, 2);
        n.adapt(data);
        assertThat(n.mean().shape()).isEqualTo(Shape.of(2, 3));
        assertThat(n.countParams()).isEqualTo(13);
        Tensor y = n.apply(data);
        // Each of the 6 positions is standardized over the batch.
        Tensor mean = Ops.mean(y, 0);
        Tensor var = Ops.mean(Ops.square(y), 0);
        LayerChecks.assertClose(mean.toFloatArray(), new float[6], 0, 1e-5);
        LayerChecks.assertClose(var.toFloatArray(), new float[] {1, 1, 1, 1, 1, 1}, 0, 1e-4);
    }

    @Test
    void symbolicModelsAndGradient() {
        Normalization norm = new Normalization();
        norm.adapt(DATA);
        Tensor in = Input.of(6);
        Tensor out = norm.apply(in);
        assertThat(out.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 6));
        Model m = Model.of(in, out);
        assertThat(m.apply(X).toFloatArray()).containsExactly(norm.apply(X).toFloatArray());
        GradientCheck.check(xs -> norm.apply(xs.get(0)), GradientCheck.random(4, Shape.of(2, 6), -2, 2));
        Normalization inv = new Normalization().invert(true);
        inv.adapt(DATA);
        GradientCheck.check(xs -> inv.apply(xs.get(0)), GradientCheck.random(5, Shape.of(2, 6), -2, 2));
    }

    @Test
    void badShapesNameTheLayer() {
        Normalization norm = new Normalization();
        norm.adapt(DATA);
        assertThatThrownBy(() -> norm.apply(Tensor.ones(2, 5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'normalization' (Normalization) was built for inputs whose axis 1 has "
                        + "size 6 (shape (None, 6)), but received input shape (2, 5)");
        assertThatThrownBy(() -> norm.adapt(Tensor.ones(4, 5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("adapt() received data of shape (4, 5)");
        assertThatThrownBy(() -> new Normalization().axis(3).apply(Tensor.ones(2, 5)))
                .hasMessageContaining("all axis values must be in the range [-ndim, ndim)");
    }

    @Test
    void configMatchesKeras() {
        LayerChecks.assertConfigMatches(new Normalization().getConfig(), LayerGolden.normalizationConfig());
        LayerChecks.assertConfigMatches(new Normalization(new double[] {1, 2}, new double[] {4, 0.5}).getConfig(),
                LayerGolden.normalizationFixedConfig());
        assertThat(new Normalization(Tensor.of(new float[] {0.1f}), Tensor.of(new float[] {0.2f})).getConfig()
                .get("mean")).isEqualTo(List.of(0.1));
    }

    @Test
    void aLoadedConfigKeepsItsDecimals() {
        // ConvNeXt's prestem variance (0.229 * 255) ** 2 as Python writes it: no float holds it, the config does
        Map<String, Object> config = new LinkedHashMap<>(new Normalization().getConfig());
        config.put("mean", List.of(123.675, 116.28));
        config.put("variance", List.of(3409.9760250000004, 3291.890625));
        Normalization n = Normalization.fromConfig(Config.of(config, "test"));
        assertThat(n.getConfig().get("variance")).isEqualTo(List.of(3409.9760250000004, 3291.890625));
        assertThat(n.getConfig().get("mean")).isEqualTo(List.of(123.675, 116.28));
        LayerChecks.assertClose(n.apply(Tensor.of(new float[] {123.675f, 116.28f + 57.375f}, 1, 2)).toFloatArray(),
                new float[] {0, 57.375f / (float) Math.sqrt(3291.890625)}, 1e-6, 1e-7);
    }
}

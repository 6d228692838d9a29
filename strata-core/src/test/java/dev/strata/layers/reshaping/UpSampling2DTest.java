package dev.strata.layers.reshaping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.pooling.PoolingChecks;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UpSampling2D against Keras: nearest and bilinear (jax.image.resize) values, gradients, config, shapes and errors. */
class UpSampling2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(UpSampling2D::new, Shape.of(3, 4, 2))
                        .tracedWith(Shape.of(-1, -1, 2))
                        .wrongRank(Shape.of(4, 3)),
                LayerCase.of(() -> new UpSampling2D(3, 2).interpolation("bilinear"), Shape.of(3, 3, 2))
                        .label("bilinear 3x2")
                        .tracedWith(Shape.of(-1, 3, 2))
                        .wrongRank(Shape.of(4, 3, 3)),
                LayerCase.of(() -> new UpSampling2D(2, 3).dataFormat("channels_first").interpolation("bilinear"),
                        Shape.of(2, 3, 4)).label("channels_first, bilinear")
                        .tracedWith(Shape.of(2, -1, -1))
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("up2d_");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new UpSampling2D(), "up2d_nearest");
        PoolingChecks.assertConfigIsKeras(new UpSampling2D(2, 3), "up2d_nearest_23");
        PoolingChecks.assertConfigIsKeras(new UpSampling2D(3, 2).dataFormat("channels_first"), "up2d_nearest_cf");
        PoolingChecks.assertConfigIsKeras(new UpSampling2D().interpolation("bilinear"), "up2d_bilinear");
        PoolingChecks.assertConfigIsKeras(new UpSampling2D(3, 2).interpolation("BILINEAR"), "up2d_bilinear_32");
        PoolingChecks.assertConfigIsKeras(new UpSampling2D(2, 3).dataFormat("channels_first")
                .interpolation("bilinear"), "up2d_bilinear_cf");
        PoolingChecks.assertConfigIsKeras(new UpSampling2D(4, 1).interpolation("bilinear"), "up2d_bilinear_one");
    }

    /** Keras's UpSampling2D resizes with ops.image.resize for every interpolation but nearest. */
    @Test
    void theOtherInterpolationsAreKerasResize() {
        Tensor x = Tensor.uniform(Shape.of(2, 3, 4, 2), -1f, 1f);
        for (String interpolation : java.util.List.of("bilinear", "bicubic", "lanczos3", "lanczos5")) {
            Tensor y = new UpSampling2D(2, 3).interpolation(interpolation).apply(x);
            assertThat(y.toFloatArray()).as(interpolation).containsExactly(dev.strata.ops.Ops.resize(x,
                    new int[] {6, 12}, interpolation, false, false, false, "constant", 0f, null).toFloatArray());
        }
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new UpSampling2D().apply(Tensor.ones(2, 5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(UpSampling2D)")
                .hasMessageContaining("expects inputs of rank 4, (batch, height, width, channels)")
                .hasMessageContaining("(2, 5, 3)");
        assertThatThrownBy(() -> new UpSampling2D().interpolation("area"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[nearest, bilinear, bicubic, lanczos3, lanczos5]").hasMessageContaining("area");
        assertThatThrownBy(() -> new UpSampling2D(0, 2)).hasMessageContaining("size must hold positive integers");
        assertThat(new UpSampling2D(2).apply(Input.of(-1, 5, 3)).shape()).isEqualTo(Shape.of(-1, -1, 10, 3));
    }
}

package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tensor.Tensor;

/** What the image layer tests share: Keras's images and a closeness check naming the element. */
final class ImageLayerChecks {
    /** ImageGolden.X: (2, 5, 6, 2) images in [0, 1). */
    static final Tensor X = Tensor.of(ImageGolden.X, 2, 5, 6, 2);
    static final String CL = "channels_last";

    private ImageLayerChecks() {
    }

    static void assertClose(Tensor actual, float[] expected, double tol) {
        float[] a = actual.toFloatArray();
        assertThat(a).as("size of " + actual.shape()).hasSize(expected.length);
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - expected[i]) <= tol)) {
                throw new AssertionError("element " + i + ": " + a[i] + " but Keras gives " + expected[i]
                        + " (shape " + actual.shape() + ")");
            }
        }
    }

    /** Images of a batch shifted into [1, 2), away from clipping kinks at 0. */
    static Tensor positive(Tensor x) {
        return dev.strata.ops.Ops.add(x, 1f);
    }
}

package dev.strata.layers.preprocessing;

import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/** What the tests of issue 12's colour augmentation layers share: Keras's images of {@link Augment12Golden}. */
final class Augment12Checks {
    /** (2, 4, 5, 3) images in [0, 255]. */
    static final Tensor X255 = Tensor.of(Augment12Golden.X255, 2, 4, 5, 3);
    /** The same in [0, 1]. */
    static final Tensor X01 = Tensor.of(Augment12Golden.X01, 2, 4, 5, 3);
    /** X255 channels first: (2, 3, 4, 5). */
    static final Tensor XF = Ops.transpose(X255, 0, 3, 1, 2);
    static final String CL = "channels_last";
    static final String CF = "channels_first";

    private Augment12Checks() {
    }

    /** Whether two images of a batch are equal, value for value. */
    static boolean sameImage(float[] a, float[] b, int image, int perImage) {
        for (int i = image * perImage; i < (image + 1) * perImage; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}

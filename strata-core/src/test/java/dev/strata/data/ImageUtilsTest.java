package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loadImg, imgToArray, arrayToImg and saveImg on small generated PNG and JPEG files. */
class ImageUtilsTest {
    @TempDir
    Path dir;

    /** A (h, w, 3) image with distinct values per pixel and channel, in [0, 255]. */
    static Tensor rgb(int h, int w, int shift) {
        float[] v = new float[h * w * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 37 + shift) % 256;
        }
        return Tensor.of(v, h, w, 3);
    }

    @Test
    void pngRoundTripsExactlyInEveryChannelCount() {
        Tensor x = rgb(5, 7, 3);
        Path png = dir.resolve("a.png");
        ImageUtils.saveImg(png, x, null, null, false);
        BufferedImage img = ImageUtils.loadImg(png);
        assertThat(img.getWidth()).isEqualTo(7);
        assertThat(img.getHeight()).isEqualTo(5);
        assertThat(ImageUtils.imgToArray(img).toFloatArray()).containsExactly(x.toFloatArray());
        assertThat(ImageUtils.imgToArray(img, "channels_first").toFloatArray())
                .containsExactly(Ops.transpose(x, 2, 0, 1).toFloatArray());

        Tensor gray = Ops.slice(x, new int[] {0, 0, 0}, new int[] {5, 7, 1});
        Path g = dir.resolve("g.png");
        ImageUtils.saveImg(g, gray, "channels_last", "png", false);
        Tensor back = ImageUtils.imgToArray(ImageUtils.loadImg(g, "grayscale", 0, 0, "nearest"));
        assertThat(back.shape()).isEqualTo(Shape.of(5, 7, 1));
        assertThat(back.toFloatArray()).containsExactly(gray.toFloatArray());
        // A gray file read as RGB repeats its value in the three channels.
        Tensor asRgb = ImageUtils.imgToArray(ImageUtils.loadImg(g));
        assertThat(Ops.slice(asRgb, new int[] {0, 0, 2}, new int[] {5, 7, 1}).toFloatArray())
                .containsExactly(gray.toFloatArray());

        float[] a = new float[5 * 7 * 4];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i * 11) % 256;
        }
        Tensor rgba = Tensor.of(a, 5, 7, 4);
        Path p4 = dir.resolve("rgba.png");
        ImageUtils.saveImg(p4, rgba, null, null, false);
        assertThat(ImageUtils.imgToArray(ImageUtils.loadImg(p4, "rgba", 0, 0, "nearest")).toFloatArray())
                .containsExactly(a);
    }

    @Test
    void arrayToImgScalesAsKeras() {
        Tensor x = Tensor.of(new float[] {-1, 0, 1, 3}, 2, 2, 1);
        // Keras: x - min, / max, * 255, then uint8.
        Tensor y = ImageUtils.imgToArray(ImageUtils.arrayToImg(x, null, true));
        assertThat(y.toFloatArray()).containsExactly(0, 63, 127, 255);
        assertThatThrownBy(() -> ImageUtils.arrayToImg(Tensor.zeros(2, 2, 2), null, false))
                .isInstanceOf(ShapeException.class).hasMessageContaining("channel number 2");
        assertThatThrownBy(() -> ImageUtils.arrayToImg(Tensor.zeros(2, 2), null, false))
                .isInstanceOf(ShapeException.class).hasMessageContaining("rank 3");
    }

    @Test
    void jpegIsCloseAndDropsAlpha() {
        float[] v = new float[16 * 16 * 3];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                for (int c = 0; c < 3; c++) {
                    v[(y * 16 + x) * 3 + c] = 40 + 8 * x + 4 * y + 20 * c; // smooth: JPEG keeps it well
                }
            }
        }
        Tensor img = Tensor.of(v, 16, 16, 3);
        Path jpg = dir.resolve("a.jpg");
        ImageUtils.saveImg(jpg, img, null, null, false);
        float[] back = ImageUtils.imgToArray(ImageUtils.loadImg(jpg)).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            assertThat(Math.abs(back[i] - v[i])).as("pixel value %d", i).isLessThanOrEqualTo(12f);
        }
        Path jpg4 = dir.resolve("b.jpeg");
        ImageUtils.saveImg(jpg4, Tensor.ones(4, 4, 4), null, "jpeg", true);
        assertThat(ImageUtils.imgToArray(ImageUtils.loadImg(jpg4, "rgba", 0, 0, "nearest")).shape())
                .isEqualTo(Shape.of(4, 4, 4));
    }

    @Test
    void loadImgResizesWithTheTargetSize() {
        Tensor x = rgb(6, 8, 1);
        Path png = dir.resolve("r.png");
        ImageUtils.saveImg(png, x, null, null, false);
        Tensor nearest = ImageUtils.imgToArray(ImageUtils.loadImg(png, "rgb", 3, 4, "nearest"));
        assertThat(nearest.toFloatArray()).containsExactly(Ops.resize(x, 3, 4, "nearest").toFloatArray());
        Tensor bilinear = ImageUtils.imgToArray(ImageUtils.loadImg(png, "rgb", 3, 4, "bilinear"));
        float[] expected = Ops.resize(x, new int[] {3, 4}, "bilinear", true, false, false, "constant", 0f, null)
                .toFloatArray();
        float[] got = bilinear.toFloatArray();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isEqualTo((float) Math.rint(expected[i]));
        }
        assertThatThrownBy(() -> ImageUtils.loadImg(png, "rgb", 3, 4, "area"))
                .hasMessageContaining("interpolation 'area'");
        assertThatThrownBy(() -> ImageUtils.loadImg(png, "cmyk", 0, 0, "nearest"))
                .hasMessageContaining("color_mode");
    }

    @Test
    void missingAndCorruptFilesNameTheFile() throws IOException {
        Path bad = dir.resolve("broken.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1});
        assertThatThrownBy(() -> ImageUtils.loadImg(bad)).isInstanceOf(ImageException.class)
                .hasMessageContaining("broken.png").satisfies(e -> assertThat(((ImageException) e).file())
                        .isEqualTo(bad.toString()));
        Path text = dir.resolve("notes.jpg");
        Files.writeString(text, "not an image");
        assertThatThrownBy(() -> ImageUtils.loadImg(text)).isInstanceOf(ImageException.class)
                .hasMessageContaining("notes.jpg").hasMessageContaining("cannot decode");
        assertThatThrownBy(() -> ImageUtils.loadImg(dir.resolve("none.png"))).isInstanceOf(ImageException.class)
                .hasMessageContaining("none.png").hasMessageContaining("no such file");
    }
}

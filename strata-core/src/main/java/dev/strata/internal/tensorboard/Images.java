package dev.strata.internal.tensorboard;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * {@code tf.summary.image}'s pixels and PNG files: float images {@code [k, h, w, c]} ({@code c} = 1, 3 or 4) made
 * uint8 as {@code tf.image.convert_image_dtype(x, tf.uint8, saturate=True)} does (times 255.5, clamped to
 * [0, 255], truncated), the first {@code maxOutputs} encoded as PNG (gray, RGB, RGBA) with {@code javax.imageio}.
 */
public final class Images {
    private Images() {
    }

    /** Whether PNG files can be written: {@code javax.imageio} lives in {@code java.desktop}, optional for Strata. */
    public static boolean available() {
        return ModuleLayer.boot().findModule("java.desktop").isPresent();
    }

    /** TF's float-to-uint8 conversion of one value. */
    public static int toByte(float v) {
        float scaled = v * 255.5f;
        if (!(scaled > 0)) {
            return 0; // also NaN, which TF's saturate_cast makes 0 here
        }
        return (int) Math.min(scaled, 255f);
    }

    /** The first {@code maxOutputs} of the {@code k} images in {@code data} (row-major {@code [k, h, w, c]}) as PNG. */
    public static List<byte[]> pngs(float[] data, int k, int h, int w, int c, int maxOutputs) {
        if (c != 1 && c != 3 && c != 4) {
            throw new IllegalArgumentException("images need 1, 3 or 4 channels, got " + c);
        }
        List<byte[]> out = new ArrayList<>();
        int type = c == 1 ? BufferedImage.TYPE_BYTE_GRAY : c == 3 ? BufferedImage.TYPE_3BYTE_BGR
                : BufferedImage.TYPE_4BYTE_ABGR;
        for (int i = 0; i < Math.min(k, maxOutputs); i++) {
            BufferedImage img = new BufferedImage(w, h, type);
            int[] samples = new int[h * w * c];
            for (int j = 0; j < samples.length; j++) {
                samples[j] = toByte(data[i * samples.length + j]);
            }
            img.getRaster().setPixels(0, 0, w, h, samples); // the raster's bands are R, G, B(, A) in that order
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                if (!ImageIO.write(img, "png", png)) {
                    throw new IllegalStateException("no PNG writer in javax.imageio");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(png.toByteArray());
        }
        return out;
    }
}

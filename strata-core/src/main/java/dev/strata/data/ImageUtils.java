package dev.strata.data;

import dev.strata.ShapeException;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Keras's image utilities ({@code keras.utils.load_img}, {@code img_to_array}, {@code array_to_img},
 * {@code save_img}) on the JDK's {@link ImageIO} (PNG, JPEG, BMP, GIF; no dependency): a {@link BufferedImage}
 * stands for Keras's PIL image, arrays are float32 tensors {@code (height, width, channels)} of values in [0, 255]
 * (or channels first).
 *
 * <pre>{@code
 * BufferedImage img = ImageUtils.loadImg(Path.of("cat.jpg"), "rgb", 224, 224, "bilinear");
 * Tensor x = ImageUtils.imgToArray(img);                  // (224, 224, 3)
 * ImageUtils.saveImg(Path.of("out.png"), x);
 * }</pre>
 */
public final class ImageUtils {
    /** The color modes: 1, 3 or 4 channels. */
    static final List<String> COLOR_MODES = List.of("grayscale", "rgb", "rgba");

    private ImageUtils() {
    }

    /** {@link #loadImg(Path, String, int, int, String)} as the file holds it, in RGB. */
    public static BufferedImage loadImg(Path path) {
        return loadImg(path, "rgb", 0, 0, "nearest");
    }

    /**
     * Loads an image, like {@code keras.utils.load_img(path, color_mode, target_size, interpolation)}:
     * {@code colorMode} "grayscale", "rgb" or "rgba"; a positive {@code height} and {@code width} resize it (0, 0:
     * as it is) with {@code interpolation} "nearest" (Keras's default), "bilinear", "bicubic" or "lanczos"
     * (PIL's filters, which widen when shrinking: computed as {@code jax.image.resize} with antialiasing, rounded to
     * 8 bits as PIL keeps them). Grayscale from colour uses ITU-R 601-2 luma, as PIL's "L" conversion.
     *
     * @throws ImageException naming the file if it is missing, unreadable or not an image the JDK decodes
     */
    public static BufferedImage loadImg(Path path, String colorMode, int height, int width, String interpolation) {
        String mode = colorMode(colorMode);
        if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
            throw new IllegalArgumentException("loadImg: target size must be two positive integers (or 0, 0 for "
                    + "the image's own), got (" + height + ", " + width + ")");
        }
        int[][] pixels = readArgb(path);
        int channels = mode.equals("grayscale") ? 1 : mode.equals("rgb") ? 3 : 4;
        float[] values = channels(pixels, channels, mode.equals("grayscale") ? PIL_LUMA : null);
        int h = pixels.length;
        int w = pixels[0].length;
        Tensor array = Tensor.of(values, h, w, channels);
        if (height > 0 && (height != h || width != w)) {
            String method = switch (interpolation) {
                case "nearest" -> "nearest";
                case "bilinear" -> "bilinear";
                case "bicubic" -> "bicubic";
                case "lanczos" -> "lanczos3";
                default -> throw new IllegalArgumentException("loadImg: invalid interpolation '" + interpolation
                        + "', expected one of [nearest, bilinear, bicubic, lanczos]");
            };
            array = Ops.clip(round(Ops.resize(array, new int[] {height, width}, method, true, false, false,
                    "constant", 0f, null)), 0f, 255f);
        }
        return arrayToImg(array, "channels_last", false);
    }

    /**
     * The pixels of an image as a float32 tensor {@code (height, width, channels)} in [0, 255], like
     * {@code keras.utils.img_to_array}: 1 channel for a gray image (2 with alpha, as PIL's "LA"), 4 for a colour
     * image with alpha, else 3.
     */
    public static Tensor imgToArray(BufferedImage img) {
        return imgToArray(img, "channels_last");
    }

    /** {@link #imgToArray(BufferedImage)} with {@code dataFormat} "channels_last" or "channels_first". */
    public static Tensor imgToArray(BufferedImage img, String dataFormat) {
        String format = dataFormat(dataFormat);
        boolean alpha = img.getColorModel().hasAlpha();
        int channels = img.getColorModel().getNumColorComponents() == 1 ? (alpha ? 2 : 1) : alpha ? 4 : 3;
        int[][] pixels = argb(img, "image");
        Tensor t = Tensor.of(channels(pixels, channels, null), pixels.length, pixels[0].length, channels);
        return format.equals("channels_first") ? Ops.transpose(t, 2, 0, 1) : t;
    }

    /**
     * An image of an array {@code (height, width, channels)}, like {@code keras.utils.array_to_img(x,
     * data_format, scale=True)}: with {@code scale} the values are shifted to a minimum of 0 and scaled to a maximum
     * of 255 first; then rounded down to 8 bits (as PIL's {@code Image.fromarray} of {@code uint8}). 1 channel gives a
     * gray image, 3 an RGB one, 4 an RGBA one.
     *
     * @throws ShapeException if the array is not of rank 3 or has another channel count
     */
    public static BufferedImage arrayToImg(Tensor x, String dataFormat, boolean scale) {
        String format = dataFormat(dataFormat);
        if (x.rank() != 3) {
            throw new ShapeException("arrayToImg: expected an image array of rank 3, got shape " + x.shape());
        }
        Tensor a = format.equals("channels_first") ? Ops.transpose(x, 1, 2, 0) : x;
        int h = a.shape().get(0);
        int w = a.shape().get(1);
        int c = a.shape().get(2);
        float[] v = a.toFloatArray();
        if (scale) {
            // Keras: x = x - min(x); if max(x) != 0: x /= max(x); x *= 255.
            float min = Float.POSITIVE_INFINITY;
            for (float f : v) {
                min = Math.min(min, f);
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < v.length; i++) {
                v[i] -= min;
                max = Math.max(max, v[i]);
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = (max != 0 ? v[i] / max : v[i]) * 255f;
            }
        }
        int type = switch (c) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_INT_RGB;
            case 4 -> BufferedImage.TYPE_INT_ARGB;
            default -> throw new ShapeException("arrayToImg: unsupported channel number " + c + " (shape " + x.shape()
                    + ", data_format " + format + "); expected 1, 3 or 4");
        };
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                int o = (y * w + xx) * c;
                if (c == 1) {
                    img.getRaster().setSample(xx, y, 0, toByte(v[o]));
                } else {
                    int alpha = c == 4 ? toByte(v[o + 3]) : 255;
                    img.setRGB(xx, y, alpha << 24 | toByte(v[o]) << 16 | toByte(v[o + 1]) << 8 | toByte(v[o + 2]));
                }
            }
        }
        return img;
    }

    /** {@link #saveImg(Path, Tensor, String, String, boolean)} channels last, the format from the extension. */
    public static void saveImg(Path path, Tensor x) {
        saveImg(path, x, "channels_last", null, true);
    }

    /**
     * Saves an array as an image file, like {@code keras.utils.save_img(path, x, data_format, file_format,
     * scale=True)}: {@code fileFormat} "png", "jpeg"/"jpg", "bmp" or "gif" (null: from the file name); an RGBA image
     * saved as JPEG loses its alpha, as Keras converts it to RGB.
     *
     * @throws ImageException naming the file if it cannot be written
     */
    public static void saveImg(Path path, Tensor x, String dataFormat, String fileFormat, boolean scale) {
        BufferedImage img = arrayToImg(x, dataFormat, scale);
        String format = fileFormat != null ? fileFormat.toLowerCase(Locale.ROOT) : extension(path);
        if (format.equals("jpg")) {
            format = "jpeg";
        }
        if (format.equals("jpeg") && img.getColorModel().hasAlpha()) {
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int xx = 0; xx < img.getWidth(); xx++) {
                    rgb.setRGB(xx, y, img.getRGB(xx, y) & 0xffffff);
                }
            }
            img = rgb;
        }
        try {
            if (!ImageIO.write(img, format, path.toFile())) {
                throw new ImageException("saveImg: no image writer for format '" + format + "' (file " + path + ")",
                        path.toString());
            }
        } catch (IOException e) {
            throw new ImageException("saveImg: cannot write " + path + ": " + e.getMessage(), path.toString(), e);
        }
    }

    // ---- helpers shared with ImageDatasets -------------------------------------------------------------------

    /** PIL's "L" conversion: L = R · 299/1000 + G · 587/1000 + B · 114/1000. */
    static final float[] PIL_LUMA = {0.299f, 0.587f, 0.114f};
    /** tf.image.rgb_to_grayscale's weights, which Keras's image datasets use. */
    static final float[] TF_LUMA = {0.2989f, 0.587f, 0.114f};

    static String colorMode(String colorMode) {
        if (!COLOR_MODES.contains(colorMode)) {
            throw new IllegalArgumentException("color_mode must be one of " + COLOR_MODES + ", got '" + colorMode
                    + "'");
        }
        return colorMode;
    }

    static String dataFormat(String dataFormat) {
        if (dataFormat == null) {
            return "channels_last";
        }
        String f = dataFormat.toLowerCase(Locale.ROOT);
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException("data_format must be \"channels_last\" or \"channels_first\", got \""
                    + dataFormat + "\"");
        }
        return f;
    }

    /**
     * The pixels of an image file as ARGB rows.
     *
     * @throws ImageException naming the file if it cannot be read or decoded
     */
    static int[][] readArgb(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ImageException("cannot read image file " + path + ": no such file", path.toString());
        }
        BufferedImage img;
        try {
            img = ImageIO.read(path.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ImageException("cannot decode image file " + path + " (corrupt, or a format the JDK cannot "
                    + "read): " + e.getMessage(), path.toString(), e);
        }
        if (img == null) {
            throw new ImageException("cannot decode image file " + path + ": not an image format the JDK reads "
                    + "(PNG, JPEG, BMP, GIF), or the file is corrupt", path.toString());
        }
        return argb(img, path.toString());
    }

    /**
     * The ARGB rows of an image; a gray image's samples are read from its raster (the JDK's gray colour space is
     * linear, so its sRGB conversion would change the values).
     */
    private static int[][] argb(BufferedImage img, String source) {
        int h = img.getHeight();
        int w = img.getWidth();
        if (h == 0 || w == 0) {
            throw new ImageException("empty image (" + w + "x" + h + ") in " + source, source);
        }
        int[][] out = new int[h][w];
        Raster r = img.getRaster();
        boolean gray = img.getColorModel().getNumColorComponents() == 1 && img.getColorModel().getPixelSize() <= 16
                && r.getNumBands() <= 2 && img.getType() != BufferedImage.TYPE_BYTE_INDEXED
                && img.getType() != BufferedImage.TYPE_BYTE_BINARY;
        int bits = gray ? img.getColorModel().getComponentSize(0) : 8;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (gray) {
                    int g = r.getSample(x, y, 0);
                    if (bits == 16) {
                        g = Math.round(g / 257f);
                    } else if (bits != 8) {
                        g = Math.round(g * 255f / ((1 << bits) - 1));
                    }
                    int a = r.getNumBands() == 2 ? r.getSample(x, y, 1) >> (bits - 8) : 255;
                    out[y][x] = a << 24 | g << 16 | g << 8 | g;
                } else {
                    out[y][x] = img.getRGB(x, y);
                }
            }
        }
        return out;
    }

    /**
     * ARGB rows as {@code channels} floats per pixel (1: gray, 2: gray and alpha, 3: RGB, 4: RGBA); gray from colour
     * with {@code luma}, rounded (a gray pixel keeps its value).
     */
    static float[] channels(int[][] argb, int channels, float[] luma) {
        int h = argb.length;
        int w = argb[0].length;
        float[] out = new float[h * w * channels];
        int o = 0;
        for (int[] row : argb) {
            for (int p : row) {
                int r = p >> 16 & 0xff;
                int g = p >> 8 & 0xff;
                int b = p & 0xff;
                if (channels <= 2) {
                    out[o++] = r == g && g == b ? r : Math.round(r * luma[0] + g * luma[1] + b * luma[2]);
                    if (channels == 2) {
                        out[o++] = p >>> 24;
                    }
                } else {
                    out[o++] = r;
                    out[o++] = g;
                    out[o++] = b;
                    if (channels == 4) {
                        out[o++] = p >>> 24;
                    }
                }
            }
        }
        return out;
    }

    private static Tensor round(Tensor t) {
        float[] v = t.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.rint(v[i]);
        }
        return Tensor.of(v, t.shape());
    }

    private static int toByte(float v) {
        // PIL's fromarray of x.astype("uint8") truncates after Keras's float arithmetic; clamp what is outside.
        return Math.clamp((int) v, 0, 255);
    }

    private static String extension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("saveImg: no file format given and " + path + " has no extension");
        }
        return name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

"""Reference values for the keras.ops.image functions issue 16 adds to Strata (rgb_to_grayscale, rgb_to_hsv,
hsv_to_rgb, crop_images, pad_images, extract_patches, extract_patches_3d, map_coordinates, gaussian_blur,
sobel_edges, perspective_transform, ssim) and a few more checks of resize and affine_transform, from Keras 3
(keras.ops.image, JAX backend, float32), with gradients from jax.grad of sum(W * f(x)).

Writes the Java test class Ops16ImageGolden:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/ops16_image.py \
        > strata-core/src/test/java/dev/strata/ops/Ops16ImageGolden.java

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops16_image.keras         a Functional model (inputs img (6, 7, 3), start (4, 2), end (4, 2), transform (8,)),
                            whose outputs are these ops as Keras writes them, for Strata to load
  ops16_image_golden.json   its inputs and Keras's predictions

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/ops16_image.py --interop

Every value array NAME comes with NAME_SHAPE; a gradient is NAME_GRAD (of the first input) or NAME_GRAD<i> (of
input i) for the weights W = weights(shape) below (0.5 + ((i * 7) % 11) / 10, the same formula in the Java test).
Keras's eager gaussian_blur with data_format=None reads channels first (a Keras bug; its symbolic op reads
channels last), so the script always passes data_format.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import java_class  # noqa: E402

IM = ops.image
lines = []


def text(x):
    """A float32 as the shortest decimal Float.parseFloat reads back to it."""
    x = np.float32(x)
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return str(x)  # numpy's shortest repr of the float32


def put(name, value, comment=None):
    """One array, as a string parsed once (array literals this large overflow a class initializer's 64 KB)."""
    a = np.asarray(value, dtype=np.float32)
    if comment:
        lines.append(f"/** {comment} */")
    lines.append(f'static final float[] {name} = f("{" ".join(text(v) for v in a.ravel())}");')
    lines.append(f"static final int[] {name}_SHAPE = new int[] {{{', '.join(str(d) for d in a.shape)}}};")


def weights(shape):
    n = int(np.prod(shape))
    return (0.5 + ((np.arange(n) * 7) % 11) / 10.0).astype(np.float32).reshape(shape)


def ramp(shape, scale=1.0, offset=0.0):
    """Distinct values: a permuted ramp in [offset, offset + scale)."""
    n = int(np.prod(shape))
    rng = np.random.default_rng(n)
    return (offset + scale * rng.permutation(n) / n).astype(np.float32).reshape(shape)


def case(name, f, *inputs, grad=None, comment=None):
    """f(*inputs) and, for grad = a list of input positions, jax.grad of sum(W * f)."""
    if INTEROP:  # the interop model only
        return
    y = np.asarray(f(*inputs))
    put(name, y, comment)
    for i in grad or []:
        w = weights(y.shape)

        def g(v, i=i):
            args = list(inputs)
            args[i] = v
            return jnp.sum(w * f(*args))

        gi = jax.grad(g)(jnp.asarray(inputs[i]))
        put(f"{name}_GRAD{'' if i == 0 and len(grad) == 1 else i}", gi)


INTEROP = "--interop" in sys.argv

# ---- colour spaces ---------------------------------------------------------------------------------------------
RGB = ramp((2, 3, 4, 3))
RGB[0, 0, 0] = [0.0, 0.0, 0.0]      # black: hue and saturation 0
RGB[0, 0, 1] = [0.5, 0.5, 0.5]      # grey: range 0
RGB[0, 0, 2] = [1.0, 0.0, 0.0]      # pure red, green, blue
RGB[0, 0, 3] = [0.0, 1.0, 0.0]
RGB[0, 1, 0] = [0.0, 0.0, 1.0]
RGB[0, 1, 1] = [1e-8, 0.3, 0.2]     # below eps: zeroed
RGB[0, 1, 2] = [0.9, 0.2, 0.9]      # red == blue max (hue from value == r)
put("RGB", RGB, "RGB images (2, 3, 4, 3): a ramp with black, grey, pure colours, a value below eps and a tie.")
RGBD = ramp((2, 3, 4, 3), 0.9, 0.05)
put("RGBD", RGBD, "RGB images without ties (for gradients).")
case("GRAY", lambda x: IM.rgb_to_grayscale(x, data_format="channels_last"), RGB)
case("GRAY_CF", lambda x: IM.rgb_to_grayscale(x, data_format="channels_first"), np.moveaxis(RGB, -1, 1))
case("GRAY_1", lambda x: IM.rgb_to_grayscale(x, data_format="channels_last"), RGB[0, ..., :1])
case("GRAY_D", lambda x: IM.rgb_to_grayscale(x, data_format="channels_last"), RGBD, grad=[0])
case("HSV", lambda x: IM.rgb_to_hsv(x, data_format="channels_last"), RGB)
case("HSV_CF", lambda x: IM.rgb_to_hsv(x, data_format="channels_first"), np.moveaxis(RGB, -1, 1))
case("HSV_1", lambda x: IM.rgb_to_hsv(x, data_format="channels_last"), RGB[1])
case("HSV_D", lambda x: IM.rgb_to_hsv(x, data_format="channels_last"), RGBD, grad=[0])
HSVIN = ramp((2, 3, 4, 3), 1.0, 0.0)
HSVIN[0, 0, 0] = [1.25, 0.5, 0.5]   # hue beyond 1 and below 0: taken modulo 1
HSVIN[0, 0, 1] = [-0.3, 0.8, 0.6]
HSVIN[0, 0, 2] = [0.0, 0.0, 0.7]
put("HSVIN", HSVIN, "HSV images: hue beyond 1 and negative, saturation 0.")
case("RGB_BACK", lambda x: IM.hsv_to_rgb(x, data_format="channels_last"), HSVIN)
case("RGB_BACK_CF", lambda x: IM.hsv_to_rgb(x, data_format="channels_first"), np.moveaxis(HSVIN, -1, 1))
HSVD = ramp((2, 3, 4, 3), 0.8, 0.1)
put("HSVD", HSVD, "HSV images for gradients (away from the clip's ends).")
case("RGB_BACK_D", lambda x: IM.hsv_to_rgb(x, data_format="channels_last"), HSVD, grad=[0])

# ---- crop and pad ----------------------------------------------------------------------------------------------
IMG = ramp((2, 5, 6, 2))
put("IMG", IMG, "Images (2, 5, 6, 2).")
case("CROP_A", lambda x: IM.crop_images(x, 1, 2, target_height=3, target_width=3), IMG)
case("CROP_B", lambda x: IM.crop_images(x, top_cropping=1, bottom_cropping=2, left_cropping=0, right_cropping=1), IMG)
case("CROP_C", lambda x: IM.crop_images(x, bottom_cropping=1, target_height=2, right_cropping=2, target_width=4), IMG)
case("CROP_CF", lambda x: IM.crop_images(x, 1, 1, target_height=4, target_width=2, data_format="channels_first"),
     np.moveaxis(IMG, -1, 1))
case("CROP_1", lambda x: IM.crop_images(x, 0, 3, target_height=5, target_width=1), IMG[0])
case("PAD_A", lambda x: IM.pad_images(x, 1, 2, target_height=8, target_width=9), IMG)
case("PAD_B", lambda x: IM.pad_images(x, top_padding=0, bottom_padding=2, left_padding=3, right_padding=1), IMG)
case("PAD_C", lambda x: IM.pad_images(x, bottom_padding=1, target_height=7, right_padding=0, target_width=6), IMG)
case("PAD_CF", lambda x: IM.pad_images(x, 2, 1, target_height=7, target_width=8, data_format="channels_first"),
     np.moveaxis(IMG, -1, 1))
case("PAD_1", lambda x: IM.pad_images(x, 1, 1, bottom_padding=0, right_padding=2), IMG[1])

# ---- extract_patches -------------------------------------------------------------------------------------------
PIMG = ramp((2, 6, 7, 2))
put("PIMG", PIMG, "Images (2, 6, 7, 2) for patches.")
case("PATCH_A", lambda x: IM.extract_patches(x, 2), PIMG, grad=[0])
case("PATCH_B", lambda x: IM.extract_patches(x, (2, 3), strides=(1, 2), padding="same"), PIMG, grad=[0])
case("PATCH_C", lambda x: IM.extract_patches(x, (3, 2), strides=1, dilation_rate=2), PIMG)
case("PATCH_CF", lambda x: IM.extract_patches(x, (2, 2), strides=(2, 3), data_format="channels_first"),
     np.moveaxis(PIMG, -1, 1))
case("PATCH_1", lambda x: IM.extract_patches(x, 3, strides=(2, 2), padding="same"), PIMG[0])
VOL = ramp((2, 4, 5, 4, 2))
put("VOL", VOL, "Volumes (2, 4, 5, 4, 2).")
case("PATCH3_A", lambda x: IM.extract_patches_3d(x, 2), VOL, grad=[0])
case("PATCH3_B", lambda x: IM.extract_patches_3d(x, (1, 2, 3), strides=(1, 2, 1), padding="same"), VOL)
case("PATCH3_CF", lambda x: IM.extract_patches_3d(x, (2, 2, 2), strides=1, data_format="channels_first"),
     np.moveaxis(VOL, -1, 1))
case("PATCH3_1", lambda x: IM.extract_patches_3d(x, 2, strides=(1, 1, 2), dilation_rate=(1, 2, 1)), VOL[1])

# ---- map_coordinates -------------------------------------------------------------------------------------------
MAPIN = ramp((4, 5), 4.0, -1.0)
put("MAPIN", MAPIN, "A (4, 5) array to sample.")
MAPC = np.array([[-1.7, -0.5, 0.0, 0.49, 1.5, 2.25, 3.0, 3.6, 4.5, 6.2, -4.3, 2.5],
                 [0.3, -0.5, 4.0, 4.5, 1.5, -2.2, 7.7, 0.51, -5.1, 2.0, 3.3, 9.6]], np.float32).reshape(2, 3, 4)
put("MAPC", MAPC, "Coordinates (2, 3, 4): inside, halves, outside on every side.")
for mode in ["constant", "nearest", "wrap", "mirror", "reflect"]:
    for order in [0, 1]:
        case(f"MAP_{mode.upper()}_{order}",
             lambda x, c, order=order, mode=mode: IM.map_coordinates(x, c, order, fill_mode=mode, fill_value=0.75),
             MAPIN, MAPC, grad=[0, 1] if order == 1 else [0])
MAP3 = ramp((3, 4, 2))
put("MAP3", MAP3, "A (3, 4, 2) array to sample.")
MAPC3 = np.array([[0.2, 1.7, 2.6, -0.4, 1.1], [3.3, 0.25, 1.9, 2.2, -0.7], [0.6, 1.4, 0.1, 0.9, 1.2]], np.float32)
put("MAPC3", MAPC3, "Coordinates (3, 5) into the (3, 4, 2) array.")
case("MAP3_1", lambda x, c: IM.map_coordinates(x, c, 1), MAP3, MAPC3, grad=[0, 1])
case("MAP3_0", lambda x, c: IM.map_coordinates(x, c, 0, fill_mode="wrap"), MAP3, MAPC3)

# ---- gaussian_blur and sobel_edges -----------------------------------------------------------------------------
BIMG = ramp((2, 7, 8, 2))
put("BIMG", BIMG, "Images (2, 7, 8, 2) for filters.")
case("BLUR", lambda x: IM.gaussian_blur(x, data_format="channels_last"), BIMG, grad=[0])
case("BLUR_35", lambda x: IM.gaussian_blur(x, (3, 5), (1.0, 2.0), data_format="channels_last"), BIMG)
case("BLUR_42", lambda x: IM.gaussian_blur(x, (4, 2), (0.7, 1.3), data_format="channels_last"), BIMG)
case("BLUR_CF", lambda x: IM.gaussian_blur(x, (5, 3), (1.5, 0.8), data_format="channels_first"),
     np.moveaxis(BIMG, -1, 1))
case("BLUR_1", lambda x: IM.gaussian_blur(x, (3, 3), (1.0, 1.0), data_format="channels_last"), BIMG[0])
case("SOBEL", lambda x: IM.sobel_edges(x, data_format="channels_last"), BIMG, grad=[0])
case("SOBEL_CF", lambda x: IM.sobel_edges(x, data_format="channels_first"), np.moveaxis(BIMG, -1, 1))

# ---- perspective_transform -------------------------------------------------------------------------------------
START = np.array([[[0, 0], [7, 0], [0, 6], [7, 6]], [[1, 0.5], [6, 1], [0, 5], [7.5, 6]]], np.float32)
END = np.array([[[1, 1], [6, 0], [0, 6], [7, 5]], [[0, 0], [7, 0], [0, 6], [7, 6]]], np.float32)
put("START", START, "Start points (2, 4, 2).")
put("END", END, "End points (2, 4, 2).")
case("PERSP", lambda x: IM.perspective_transform(x, START, END, data_format="channels_last"), BIMG, grad=[0])
case("PERSP_NEAREST", lambda x: IM.perspective_transform(x, START, END, interpolation="nearest", fill_value=0.5,
                                                         data_format="channels_last"), BIMG)
case("PERSP_CF", lambda x: IM.perspective_transform(x, START, END, data_format="channels_first"),
     np.moveaxis(BIMG, -1, 1))
case("PERSP_1", lambda x: IM.perspective_transform(x, START[1], END[1], data_format="channels_last"), BIMG[1])

# ---- ssim ------------------------------------------------------------------------------------------------------
S1 = ramp((2, 12, 13, 2))
S2 = np.clip(S1 + 0.2 * ramp((2, 12, 13, 2), 1.0, -0.5), 0, 1).astype(np.float32)
put("S1", S1, "Images (2, 12, 13, 2) for ssim.")
put("S2", S2, "S1 with noise.")
case("SSIM", lambda a, b: IM.ssim(a, b), S1, S2, grad=[0, 1])
case("SSIM_3", lambda a, b: IM.ssim(a, b, max_val=2.0, filter_size=3, filter_sigma=0.8, k1=0.02, k2=0.05), S1, S2)
case("SSIM_CF", lambda a, b: IM.ssim(a, b, filter_size=5, data_format="channels_first"), np.moveaxis(S1, -1, 1),
     np.moveaxis(S2, -1, 1))
case("SSIM_1", lambda a, b: IM.ssim(a, b, filter_size=7), S1[0], S2[0])
case("SSIM_SAME", lambda a, b: IM.ssim(a, b), S1, S1)

# ---- scale_and_translate --------------------------------------------------------------------------------------
for m in ["linear", "cubic", "lanczos3", "lanczos5"]:
    case(f"SAT_{m.upper()}", lambda x, m=m: IM.scale_and_translate(x, (2, 9, 4, 2), jnp.array([1.7, 0.6]),
                                                                   jnp.array([0.8, -0.45]), (1, 2), m), BIMG,
         grad=[0])
    case(f"SAT_{m.upper()}_NOAA", lambda x, m=m: IM.scale_and_translate(x, (2, 4, 8, 2), jnp.array([0.55, 1.0]),
                                                                        jnp.array([-0.3, 1.5]), (1, 2), m,
                                                                        antialias=False), BIMG)
case("SAT_3D", lambda x: IM.scale_and_translate(x, (3, 6, 5), jnp.array([2.0, 1.3, 0.8]),
                                                jnp.array([1.0, 0.0, -0.6]), (0, 1, 2), "trilinear"), MAP3)

# ---- elastic_transform (seeded) --------------------------------------------------------------------------------
case("ELASTIC", lambda x: IM.elastic_transform(x, seed=42, data_format="channels_last"), BIMG, grad=[0])
case("ELASTIC_B", lambda x: IM.elastic_transform(x, alpha=3.0, sigma=1.2, interpolation="nearest", fill_mode="wrap",
                                                 seed=7, data_format="channels_last"), BIMG)
case("ELASTIC_CF", lambda x: IM.elastic_transform(x, alpha=5.0, sigma=0.8, fill_mode="constant", fill_value=0.5,
                                                  seed=3, data_format="channels_first"), np.moveaxis(BIMG, -1, 1))

# ---- resize and affine_transform: cases beyond tools/golden/image.py ------------------------------------------
RIMG = ramp((2, 5, 7, 2))
put("RIMG", RIMG, "Images (2, 5, 7, 2) for resize and affine_transform.")
for interp in ["bilinear", "nearest", "bicubic", "lanczos3", "lanczos5"]:
    case(f"RESIZE_{interp.upper()}_AA_UP", lambda x, i=interp: IM.resize(x, (8, 9), interpolation=i, antialias=True),
         RIMG)
    case(f"RESIZE_{interp.upper()}_AA_DOWN", lambda x, i=interp: IM.resize(x, (2, 3), interpolation=i,
                                                                           antialias=True), RIMG, grad=[0])
    case(f"RESIZE_{interp.upper()}_ODD", lambda x, i=interp: IM.resize(x, (3, 11), interpolation=i), RIMG)
case("RESIZE_CROP_CF", lambda x: IM.resize(x, (4, 3), crop_to_aspect_ratio=True, data_format="channels_first"),
     np.moveaxis(RIMG, -1, 1))
case("RESIZE_PAD_1", lambda x: IM.resize(x, (6, 3), pad_to_aspect_ratio=True, fill_value=0.25), RIMG[0])
case("RESIZE_PAD_BICUBIC", lambda x: IM.resize(x, (3, 9), interpolation="bicubic", pad_to_aspect_ratio=True), RIMG)
case("RESIZE_CROP_LANCZOS", lambda x: IM.resize(x, (6, 2), interpolation="lanczos3", crop_to_aspect_ratio=True,
                                                antialias=True), RIMG)
case("RESIZE_FROM_1", lambda x: IM.resize(x, (3, 4), interpolation="bicubic"), RIMG[:, :1, :1])
AFF = np.array([[1.1, 0.2, -0.7, -0.15, 0.9, 1.3, 0, 0], [0.8, -0.4, 2.1, 0.3, 1.2, -0.9, 0, 0]], np.float32)
put("AFF", AFF, "Two affine transforms.")
for interp in ["nearest", "bilinear"]:
    for mode in ["constant", "nearest", "wrap", "mirror", "reflect"]:
        case(f"AFFINE_{interp.upper()}_{mode.upper()}",
             lambda x, i=interp, m=mode: IM.affine_transform(x, AFF, interpolation=i, fill_mode=m, fill_value=-0.5),
             RIMG)
case("AFFINE_1", lambda x: IM.affine_transform(x, AFF[1], fill_mode="wrap"), RIMG[1])
case("AFFINE_WIDTH1", lambda x: IM.affine_transform(x, AFF, fill_mode="mirror"), RIMG[:, :, :1])


def interop():
    """The Keras-saved model for Strata to load (see the module docstring)."""
    keras.utils.clear_session()
    img = keras.Input((6, 7, 3), name="img")
    start = keras.Input((4, 2), name="start")
    end = keras.Input((4, 2), name="end")
    transform = keras.Input((8,), name="transform")
    cf = ops.transpose(img, (0, 3, 1, 2))
    outs = [
        IM.rgb_to_grayscale(img), IM.rgb_to_grayscale(cf, data_format="channels_first"), IM.rgb_to_hsv(img),
        IM.hsv_to_rgb(img), IM.hsv_to_rgb(cf, data_format="channels_first"),
        IM.crop_images(img, 1, 2, target_height=4, target_width=3),
        IM.crop_images(cf, bottom_cropping=1, right_cropping=2, top_cropping=0, left_cropping=1,
                       data_format="channels_first"),
        IM.pad_images(img, 1, 0, target_height=9, target_width=8), IM.pad_images(img, bottom_padding=2, right_padding=1,
                                                                                  top_padding=1, left_padding=3),
        IM.extract_patches(img, 2), IM.extract_patches(img, (3, 2), strides=(1, 2), dilation_rate=1, padding="same"),
        IM.extract_patches(cf, (2, 3), strides=1, dilation_rate=2, data_format="channels_first"),
        IM.extract_patches_3d(ops.expand_dims(img, -1), (2, 2, 2), strides=(1, 2, 1)),
        IM.gaussian_blur(img), IM.gaussian_blur(img, (5, 3), (1.5, 0.7)),
        IM.gaussian_blur(cf, (3, 3), (0.8, 0.8), data_format="channels_first"),
        IM.sobel_edges(img), IM.sobel_edges(cf, data_format="channels_first"),
        IM.perspective_transform(img, start, end), IM.perspective_transform(img, start, end, interpolation="nearest",
                                                                            fill_value=0.25),
        IM.ssim(img, ops.sqrt(img), filter_size=5), IM.ssim(img, ops.square(img), max_val=2.0, filter_size=3,
                                                           filter_sigma=1.0, k1=0.02, k2=0.04),
        IM.resize(img, (4, 9), interpolation="lanczos3", antialias=True),
        IM.affine_transform(img, transform, fill_mode="reflect"),
        IM.scale_and_translate(img, (3, 9, 5, 3), [1.5, 0.7], [0.5, -0.3], (1, 2), "bicubic"),
        IM.elastic_transform(img, alpha=4.0, sigma=1.5, seed=11),
    ]
    model = keras.Model([img, start, end, transform], outs, name="ops16_image")
    rng = np.random.default_rng(16)
    x = rng.uniform(0, 1, size=(3, 6, 7, 3)).astype(np.float32)
    corners = np.array([[0, 0], [6, 0], [0, 5], [6, 5]], np.float32)
    st = (corners + rng.uniform(-0.8, 0.8, size=(3, 4, 2))).astype(np.float32)
    en = np.broadcast_to(corners, (3, 4, 2)).astype(np.float32)
    tr = np.concatenate([rng.uniform(0.8, 1.2, (3, 1)), rng.uniform(-0.2, 0.2, (3, 1)), rng.uniform(-1, 1, (3, 1)),
                         rng.uniform(-0.2, 0.2, (3, 1)), rng.uniform(0.8, 1.2, (3, 1)), rng.uniform(-1, 1, (3, 1)),
                         np.zeros((3, 2))], axis=1).astype(np.float32)
    # eager: Keras's elastic_transform takes int(6 * sigma) of a tensor, which a jitted predict cannot
    ys = [np.asarray(y) for y in model([x, st, en, tr])]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_image.keras"))
    doc = {"img": x.ravel().tolist(), "img_shape": list(x.shape), "start": st.ravel().tolist(),
           "end": en.ravel().tolist(), "points_shape": list(st.shape),
           "transform": tr.ravel().tolist(),
           "outputs": [np.asarray(y, dtype=np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_image_golden.json"), "w") as f:
        json.dump(doc, f)


if "--interop" in sys.argv:
    interop()
    sys.exit(0)

lines += ["", "private static float[] f(String values) {",
          "    if (values.isEmpty()) {", "        return new float[0];", "    }",
          "    String[] parts = values.split(\" \");", "    float[] out = new float[parts.length];",
          "    for (int i = 0; i < out.length; i++) {", "        out[i] = Float.parseFloat(parts[i]);", "    }",
          "    return out;", "}"]
print(java_class("dev.strata.ops", "Ops16ImageGolden", "tools/golden/ops16_image.py", lines,
                 doc="Reference values of issue 16's keras.ops.image functions, from Keras"), end="")

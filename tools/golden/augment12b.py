"""Reference values for issue 12's RandomColorJitter, RandomErasing, RandomGaussianBlur and RandomShear, from Keras 3 (JAX backend, float32).

Random draws cannot match JAX's generator, so the transform is taken from Keras's own component layers (the
RandomBrightness, RandomContrast, RandomSaturation and RandomHue a RandomColorJitter makes) applied one after the
other with fixed transformation dicts, as RandomColorJitter.transform_images does; RandomErasing's from its
transform_images with the box mask of Keras's _generate_batch_mask for given corners. get_config() is Keras's JSON.

Writes the Java test class Augment12bGolden (strata-core/src/test/java/dev/strata/layers/preprocessing/).
With --interop it also writes, to strata-core/src/test/resources/keras-golden/:
  augment12b.keras        Sequential: Input (6, 7, 3) -> RandomColorJitter(value_range=(0, 255), brightness 0.3,
                          contrast 0.4, saturation 0.5, hue 0.2)
                          -> RandomErasing(0.5, fill_value=0)
                          -> RandomGaussianBlur(0.5, kernel_size=5, sigma=0.5)
                          -> RandomShear((0.1, 0.3), (0.0, 0.2)) -> Flatten -> Dense(3)
  augment12b_golden.json  inputs and Keras's predictions (inference: all pass through)

Run from tools/golden/:
    KERAS_BACKEND=jax /work/venv/bin/python augment12b.py \
        > ../../strata-core/src/test/java/dev/strata/layers/preprocessing/Augment12bGolden.java
    KERAS_BACKEND=jax /work/venv/bin/python augment12b.py --interop > /dev/null
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

from _common import arr, java_class  # noqa: E402

rng = np.random.default_rng(1213)
X255 = (rng.integers(0, 255, size=(2, 4, 5, 3)) + 0.5).astype(np.float32)
X01 = (X255 / 255.0).astype(np.float32)

lines = []


def const(name, values, doc):
    lines.append(f"/** {doc} */")
    lines.append(f"static final float[] {name} = {arr(values)};")


def string(name, value, doc):
    text = json.dumps(value).replace("\\", "\\\\").replace('"', '\\"')
    lines.append(f"/** {doc} */")
    lines.append(f'static final String {name} = "{text}";')


const("X255", X255, "Images (2, 4, 5, 3) in [0, 255], channels last, each value k + 0.5.")
const("X01", X01, "X255 / 255: the same images in [0, 1].")


def per_image(values):
    return np.array(values, np.float32).reshape(2, 1, 1, 1)


def jitter(layer, x, deltas, contrasts, adjustments, shifts):
    """RandomColorJitter.transform_images with its components' transformations given."""
    span = layer.value_range[1] - layer.value_range[0]
    y = x
    if layer.random_brightness is not None:
        y = layer.random_brightness.transform_images(y, {"rgb_delta": per_image(deltas) * np.float32(span)})
    if layer.random_contrast is not None:
        y = layer.random_contrast.transform_images(y, {"contrast_factor": per_image(contrasts)})
    if layer.random_saturation is not None:
        y = layer.random_saturation.transform_images(y, {"factor": np.array(adjustments, np.float32)})
    if layer.random_hue is not None:
        y = layer.random_hue.transform_images(y, {"factor": np.array(shifts, np.float32)})
    return np.asarray(y)


full = layers.RandomColorJitter(brightness_factor=0.3, contrast_factor=0.4, saturation_factor=0.5, hue_factor=0.2)
const("JITTER", jitter(full, X255, [0.1, -0.25], [1.3, 0.8], [0.6, 1.7], [0.15, -0.3]),
      "RandomColorJitter(all four) on X255: deltas [0.1, -0.25], contrasts [1.3, 0.8], saturation adjustments "
      "[0.6, 1.7], hue shifts [0.15, -0.3].")
unit = layers.RandomColorJitter(value_range=(0, 1), contrast_factor=(0.2, 0.5), hue_factor=(0.1, 0.4))
const("JITTER_01", jitter(unit, X01, None, [0.7, 1.4], None, [-0.2, 0.05]),
      "RandomColorJitter(value_range=(0, 1), contrast and hue only) on X01: contrasts [0.7, 1.4], hue shifts "
      "[-0.2, 0.05].")

# ---- RandomErasing: where(apply & box mask, fill clipped to value_range, x) ----
def erase(layer, x, apply, box, fill=None):
    """RandomErasing.transform_images for given boxes (x0, x1, y0, y1 per image), its own fill or a given one."""
    corners = tuple(np.array(v, np.float32) for v in box)
    masks = layer._generate_batch_mask(x.shape, corners)
    if fill is None:
        fill = layer._get_fill_value(x, x.shape, None)
    return np.asarray(layer.transform_images(x, {"apply_erasing": np.array(apply), "batch_masks": masks,
                                                 "fill_value": fill}))


BOX = ([0.5, 2.2], [3.2, 5.0], [1.0, 0.0], [3.0, 1.5])
const("ERASE", erase(layers.RandomErasing(fill_value=17), X255, [True, True], BOX),
      "RandomErasing(fill_value=17).transform_images(X255, apply [T, T], boxes x0 [0.5, 2.2], x1 [3.2, 5.0], "
      "y0 [1.0, 0.0], y1 [3.0, 1.5]).")
# Keras 3.15's _get_fill_value cannot make a three-number fill on JAX (numpy.full_like refuses a list or tuple), so
# that fill is built here as it intends: full_like(images, fill) clipped to value_range.
const("ERASE_RGB", erase(layers.RandomErasing(), X255, [False, True], BOX,
                         np.clip(np.full_like(X255, [10, 300, -5]), 0, 255)),
      "RandomErasing with fill (10, 300, -5) (clipped to [0, 255]): apply [F, T], the same boxes.")
Z = np.random.default_rng(7).normal(size=X255.shape).astype(np.float32)
const("Z", Z, "A normal draw of X255's shape.")
const("ERASE_NORMAL", erase(layers.RandomErasing(), X255, [True, False], BOX,
                            np.clip(Z * np.float32(255), 0, 255)),
      "RandomErasing() with fill clip(Z * 255, 0, 255) (its fill for a normal draw Z): apply [T, F], the same boxes.")
XF = np.transpose(X01, (0, 3, 1, 2)).copy()
const("ERASE_CF", erase(layers.RandomErasing(fill_value=0.25, value_range=(0, 1), data_format="channels_first"),
                        XF, [True, True], ([1.0, 0.0], [4.5, 2.0], [0.3, 2.0], [2.9, 4.0])),
      "RandomErasing(fill_value=0.25, value_range=(0, 1), channels_first) on X01 as (2, 3, 4, 5): apply [T, T], "
      "boxes x0 [1.0, 0.0], x1 [4.5, 2.0], y0 [0.3, 2.0], y1 [2.9, 4.0].")

# ---- RandomGaussianBlur: where(apply, gaussian_blur(x, kernel_size, sigmas), x), clipped to value_range ----
blur = layers.RandomGaussianBlur(kernel_size=(3, 5), value_range=(20, 230))
const("BLUR", blur.transform_images(X255, {"should_apply_blur": np.array([True, False]),
                                           "blur_factor": np.array([0.7, 1.3], np.float32)}),
      "RandomGaussianBlur(kernel_size=(3, 5), value_range=(20, 230)).transform_images(X255, apply [T, F], "
      "sigmas [0.7, 1.3]).")
blurf = layers.RandomGaussianBlur(kernel_size=3, value_range=(0, 1), data_format="channels_first")
const("BLUR_CF", blurf.transform_images(XF, {"should_apply_blur": np.array([False, True]),
                                             "blur_factor": np.array([0.5, 0.9], np.float32)}),
      "RandomGaussianBlur(value_range=(0, 1), channels_first).transform_images(X01 as (2, 3, 4, 5), apply [F, T], "
      "sigmas [0.5, 0.9]).")

# ---- RandomShear: affine_transform with [1, sx, 0, sy, 1, 0, 0, 0] per image ----
shear = layers.RandomShear(0.5, 0.5)
const("SHEAR", shear.transform_images(X255, {"shear_factor": np.array([[0.3, -0.2], [-0.45, 0.1]], np.float32)}),
      "RandomShear(0.5, 0.5).transform_images(X255, shear [[sx 0.3, sy -0.2], [-0.45, 0.1]]) (reflect, bilinear).")
shearf = layers.RandomShear(0.5, 0.5, fill_mode="constant", fill_value=7.0, interpolation="nearest",
                            data_format="channels_first")
const("SHEAR_CF", shearf.transform_images(np.transpose(X255, (0, 3, 1, 2)),
                                          {"shear_factor": np.array([[-0.4, 0.35], [0.2, -0.3]], np.float32)}),
      "RandomShear(constant 7, nearest, channels_first).transform_images(X255 as (2, 3, 4, 5), "
      "[[-0.4, 0.35], [0.2, -0.3]]).")

keras.utils.clear_session()
lines.append("/** RandomShear(0.3, 0.2).get_config() as JSON: Keras 3.15's own from_config refuses it. */")
lines.append('static final String SHEAR_NUMBER_CONFIG = "%s";' % json.dumps(layers.RandomShear(0.3, 0.2).get_config())
             .replace("\\", "\\\\").replace('"', '\\"'))

CONFIGS = [
    ("SHEAR_CONFIG", lambda: layers.RandomShear()),
    ("SHEAR_FULL_CONFIG", lambda: layers.RandomShear(x_factor=(0.6, 0.2), y_factor=0.3, fill_mode="constant",
                                                     interpolation="nearest", fill_value=2.5, seed=8,
                                                     data_format="channels_first")),
    ("BLUR_CONFIG", lambda: layers.RandomGaussianBlur()),
    ("BLUR_FULL_CONFIG", lambda: layers.RandomGaussianBlur(factor=(0.8, 0.1), kernel_size=(5, 3), sigma=(0.9, 0.2),
                                                           value_range=(1, 0), seed=6,
                                                           data_format="channels_first")),
    ("ERASING_CONFIG", lambda: layers.RandomErasing()),
    ("ERASING_FULL_CONFIG", lambda: layers.RandomErasing(factor=(0.7, 0.2), scale=0.3, fill_value=(1, 2.5, 3),
                                                         value_range=(1, 0), seed=4, data_format="channels_first")),
    ("ERASING_NUMBER_CONFIG", lambda: layers.RandomErasing(factor=0.5, scale=(0.1, 0.2), fill_value=3)),
    ("JITTER_CONFIG", lambda: layers.RandomColorJitter()),
    ("JITTER_FULL_CONFIG", lambda: layers.RandomColorJitter(value_range=(1, 0), brightness_factor=(0.1, 0.4),
                                                            contrast_factor=0.3, saturation_factor=(0.6, -0.2),
                                                            hue_factor=0.25, seed=11,
                                                            data_format="channels_first")),
]
for name, make in CONFIGS:
    keras.utils.clear_session()
    layer = make()
    string(name, layer.get_config(), f"{type(layer).__name__}.get_config() as JSON.")
keras.utils.clear_session()
layers.RandomColorJitter(brightness_factor=0.1, hue_factor=0.1)
lines.append("/** Names Keras gives a RandomBrightness, RandomContrast and RandomHue made after a RandomColorJitter "
             "with brightness and hue factors. */")
lines.append('static final String[] NAMES_AFTER = {"%s", "%s", "%s"};' % (
    layers.RandomBrightness(0.1).name, layers.RandomContrast(0.1).name, layers.RandomHue(0.1).name))

print(java_class("dev.strata.layers.preprocessing", "Augment12bGolden", "tools/golden/augment12b.py", lines,
                 "Issue 12's RandomColorJitter, RandomErasing, RandomGaussianBlur and RandomShear: golden values from Keras"), end="")

if "--interop" in sys.argv:
    keras.utils.clear_session()
    keras.utils.set_random_seed(12)
    model = keras.Sequential([
        keras.Input((6, 7, 3)),
        layers.RandomColorJitter(brightness_factor=0.3, contrast_factor=0.4, saturation_factor=0.5, hue_factor=0.2),
        layers.RandomErasing(0.5, fill_value=0),
        layers.RandomGaussianBlur(0.5, kernel_size=5, sigma=0.5),
        # pairs of non-negative numbers: Keras 3.15 cannot reload the [-f, f] it saves for a number f
        layers.RandomShear(x_factor=(0.1, 0.3), y_factor=(0.0, 0.2)),
        layers.Flatten(),
        layers.Dense(3),
    ])
    x = (rng.integers(10, 200, size=(3, 6, 7, 3)) + 0.5).astype(np.float32)
    y = model.predict(x, verbose=0)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "augment12b.keras"))
    with open(os.path.join(out, "augment12b_golden.json"), "w") as f:
        json.dump({"inputs": [x.tolist()], "outputs": [y.tolist()]}, f)

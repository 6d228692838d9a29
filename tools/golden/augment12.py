"""Reference values for issue 12's colour augmentation layers (RandomGrayscale, RandomInvert, Solarization,
RandomPosterization, AutoContrast, Equalization, RandomSharpness, RandomColorDegeneration, RandomSaturation, RandomHue), from Keras 3 (JAX backend, float32).

Random draws cannot match JAX's generator, so each layer's transform is taken from Keras's own layer method for a
given draw (transform_images with a fixed transformation dict), or from the layer itself where it is deterministic
(AutoContrast, and Equalization which draws nothing). get_config() of each layer is written as Keras's JSON.

Writes the Java test class Augment12Golden (strata-core/src/test/java/dev/strata/layers/preprocessing/).
With --interop it also writes, to strata-core/src/test/resources/keras-golden/:
  augment12.keras        Sequential: Input (6, 7, 3) -> RandomGrayscale -> RandomInvert -> Solarization
                         -> RandomPosterization -> RandomSharpness -> RandomColorDegeneration -> RandomSaturation
                         -> RandomHue -> AutoContrast -> Flatten -> Dense(3) (Keras cannot trace
                         Equalization in a model: "part of a cycle")
  augment12_golden.json  inputs and Keras's predictions (inference: AutoContrast acts, the others pass through)

Run from tools/golden/:
    KERAS_BACKEND=jax /work/venv/bin/python augment12.py \
        > ../../strata-core/src/test/java/dev/strata/layers/preprocessing/Augment12Golden.java
    KERAS_BACKEND=jax /work/venv/bin/python augment12.py --interop > /dev/null
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

from _common import arr, java_class  # noqa: E402

rng = np.random.default_rng(1212)
# Values k + 0.5 (k integer in [0, 254]): away from the integer steps posterization and equalization truncate at.
X255 = (rng.integers(0, 255, size=(2, 4, 5, 3)) + 0.5).astype(np.float32)
X01 = (X255 / 255.0).astype(np.float32)
XF = np.transpose(X255, (0, 3, 1, 2)).copy()

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

# ---- RandomGrayscale: where(should_apply, rgb_to_grayscale(x), x) ----
g = layers.RandomGrayscale(factor=0.5)
apply = np.array([True, False]).reshape(2, 1, 1, 1)
const("GRAYSCALE", g.transform_images(X255, apply), "RandomGrayscale.transform_images(X255, [[T], [F]]).")
gf = layers.RandomGrayscale(factor=0.5, data_format="channels_first")
const("GRAYSCALE_CF", gf.transform_images(XF, np.array([False, True]).reshape(2, 1, 1, 1)),
      "channels_first: transform_images(X255 as (2, 3, 4, 5), [[F], [T]]).")

# ---- RandomInvert: where(apply, value_range[1] - x, x) ----
inv = layers.RandomInvert(value_range=(0, 1))
const("INVERT", inv.transform_images(X01, {"apply_inversion": np.array([False, True])}),
      "RandomInvert(value_range=(0, 1)).transform_images(X01, apply_inversion=[F, T]).")

# ---- Solarization ----
sol = layers.Solarization(addition_factor=0.2, threshold_factor=0.5, value_range=(0, 1))
adds = np.array([10.0, 40.0], np.float32).reshape(2, 1, 1, 1)
ths = np.array([128.0, 90.0], np.float32).reshape(2, 1, 1, 1)
const("SOLARIZE", sol.transform_images(X01, {"additions": adds, "thresholds": ths}),
      "Solarization(value_range=(0, 1)).transform_images(X01, additions=[10, 40], thresholds=[128, 90]).")
sol255 = layers.Solarization(value_range=(0, 255))
const("SOLARIZE_255", sol255.transform_images(X255, {"additions": adds * 0, "thresholds": ths}),
      "Solarization(value_range=(0, 255)).transform_images(X255, additions=[0, 0], thresholds=[128, 90]).")

# ---- RandomPosterization ----
post = layers.RandomPosterization(factor=(2, 6), value_range=(0, 1))
const("POSTERIZE", post.transform_images(X01, {"shift_factor": np.array([4, 6], np.uint8)}),
      "RandomPosterization(value_range=(0, 1)).transform_images(X01, shift_factor=[4, 6]) (4 and 2 bits kept).")
post255 = layers.RandomPosterization(factor=3)
const("POSTERIZE_255", post255.transform_images(X255, {"shift_factor": np.array([5, 1], np.uint8)}),
      "RandomPosterization(3).transform_images(X255, shift_factor=[5, 1]).")

# ---- AutoContrast (deterministic, active in inference too) ----
XC = X255.copy()
XC[1, :, :, 2] = 77.5  # one constant channel: Keras keeps it as it is (0/0 gives NaN, replaced by the input)
const("XC", XC, "X255 with the second image's third channel constant (77.5).")
const("AUTO_CONTRAST", layers.AutoContrast()(XC, training=False), "AutoContrast()(XC) (inference).")
const("AUTO_CONTRAST_01", layers.AutoContrast(value_range=(1, 0))(X01 * 0.5 + 0.2),
      "AutoContrast(value_range=(1, 0))(X01 * 0.5 + 0.2).")
const("AUTO_CONTRAST_CF", layers.AutoContrast(data_format="channels_first")(XF),
      "AutoContrast(data_format='channels_first')(X255 as (2, 3, 4, 5)): Keras reduces axes (1, 2) in both "
      "formats.")

# ---- Equalization (draws nothing; acts only in training) ----
const("EQUALIZE", layers.Equalization()(X255, training=True), "Equalization()(X255, training=True).")
const("EQUALIZE_BINS", layers.Equalization(value_range=(0, 1), bins=16)(X01, training=True),
      "Equalization(value_range=(0, 1), bins=16)(X01, training=True).")
const("EQUALIZE_CF", layers.Equalization(data_format="channels_first")(XF, training=True),
      "Equalization(data_format='channels_first')(X255 as (2, 3, 4, 5), training=True).")
const("EQUALIZE_XC", layers.Equalization()(XC, training=True),
      "Equalization()(XC, training=True): Keras counts each channel's histogram over the whole batch.")
XK = np.full((2, 3, 3, 3), 40.5, np.float32)
XK[:, :, :, 1] = rng.integers(0, 255, size=(2, 3, 3)) + 0.5
const("XK", XK, "Images (2, 3, 3, 3): channels 0 and 2 constant (40.5) over the batch, channel 1 not.")
const("EQUALIZE_XK", layers.Equalization()(XK, training=True),
      "Equalization()(XK, training=True): a channel in one bin is kept as it is.")

# ---- RandomSharpness: x + (1 - 2 f) (smooth(x) - x), clipped ----
sh = layers.RandomSharpness(0.5)
const("SHARPNESS", sh.transform_images(X255, {"factor": np.array([0.1, 0.9], np.float32)}),
      "RandomSharpness(0.5).transform_images(X255, factor=[0.1, 0.9]).")
shf = layers.RandomSharpness(0.5, value_range=(0, 200), data_format="channels_first")
const("SHARPNESS_CF", shf.transform_images(XF, {"factor": np.array([0.8, 0.3], np.float32)}),
      "RandomSharpness(value_range=(0, 200), channels_first).transform_images(X255 as (2, 3, 4, 5), [0.8, 0.3]).")

# ---- RandomColorDegeneration: x + f (gray(x) - x), clipped ----
cd = layers.RandomColorDegeneration(0.5)
const("DEGENERATE", cd.transform_images(X255, {"factor": np.array([0.6, -0.7], np.float32).reshape(2, 1, 1, 1)}),
      "RandomColorDegeneration(0.5).transform_images(X255, factor=[0.6, -0.7]).")
cdf = layers.RandomColorDegeneration(0.5, value_range=(0, 1), data_format="channels_first")
const("DEGENERATE_CF", cdf.transform_images(np.transpose(X01, (0, 3, 1, 2)),
                                            {"factor": np.array([-0.9, 0.4], np.float32).reshape(2, 1, 1, 1)}),
      "RandomColorDegeneration(value_range=(0, 1), channels_first).transform_images(X01 as (2, 3, 4, 5), "
      "[-0.9, 0.4]).")

# ---- RandomSaturation: saturation times the adjustment f / (1 - f + eps), clipped to value_range ----
sat = layers.RandomSaturation(0.5)
const("SATURATE", sat.transform_images(X01, {"factor": np.array([0.5, 1.8], np.float32)}),
      "RandomSaturation(0.5).transform_images(X01, factor=[0.5, 1.8]) (adjustments; value_range (0, 255)).")
satf = layers.RandomSaturation(0.5, value_range=(0, 1), data_format="channels_first")
const("SATURATE_CF", satf.transform_images(np.transpose(X01, (0, 3, 1, 2)),
                                           {"factor": np.array([2.5, 0.3], np.float32)}),
      "RandomSaturation(value_range=(0, 1), channels_first).transform_images(X01 as (2, 3, 4, 5), [2.5, 0.3]).")

# ---- RandomHue: hue + shift, wrapped once, back to RGB, clipped ----
hue = layers.RandomHue(0.5)
const("HUE", hue.transform_images(X255, {"factor": np.array([0.2, -0.35], np.float32)}),
      "RandomHue(0.5).transform_images(X255, factor=[0.2, -0.35]).")
huef = layers.RandomHue(0.5, value_range=(0, 1), data_format="channels_first")
const("HUE_CF", huef.transform_images(np.transpose(X01, (0, 3, 1, 2)), {"factor": np.array([-0.1, 0.45], np.float32)}),
      "RandomHue(value_range=(0, 1), channels_first).transform_images(X01 as (2, 3, 4, 5), [-0.1, 0.45]).")

# ---- configs ----
CONFIGS = [
    ("GRAYSCALE_CONFIG", lambda: layers.RandomGrayscale()),
    ("GRAYSCALE_FULL_CONFIG", lambda: layers.RandomGrayscale(factor=1.0, data_format="channels_first", seed=3)),
    ("INVERT_CONFIG", lambda: layers.RandomInvert()),
    ("INVERT_FULL_CONFIG", lambda: layers.RandomInvert(factor=(0.7, 0.2), value_range=(1, 0), seed=5)),
    ("INVERT_NUMBER_CONFIG", lambda: layers.RandomInvert(factor=0.3)),
    ("SOLARIZATION_CONFIG", lambda: layers.Solarization()),
    ("SOLARIZATION_FULL_CONFIG", lambda: layers.Solarization(addition_factor=(0.3, 0.1), threshold_factor=0.6,
                                                              value_range=(1, 0), seed=7)),
    ("POSTERIZATION_CONFIG", lambda: layers.RandomPosterization(4)),
    ("POSTERIZATION_FULL_CONFIG", lambda: layers.RandomPosterization((6, 2), value_range=(1, 0), seed=2,
                                                                     data_format="channels_first")),
    ("AUTO_CONTRAST_CONFIG", lambda: layers.AutoContrast()),
    ("AUTO_CONTRAST_FULL_CONFIG", lambda: layers.AutoContrast(value_range=(1, 0), data_format="channels_first")),
    ("EQUALIZATION_CONFIG", lambda: layers.Equalization()),
    ("EQUALIZATION_FULL_CONFIG", lambda: layers.Equalization(value_range=(1, 0), bins=16)),
    ("SHARPNESS_CONFIG", lambda: layers.RandomSharpness(0.3)),
    ("SHARPNESS_FULL_CONFIG", lambda: layers.RandomSharpness((0.6, 0.2), value_range=(1, 0), seed=4,
                                                             data_format="channels_first")),
    ("DEGENERATION_CONFIG", lambda: layers.RandomColorDegeneration(0.3)),
    ("SATURATION_CONFIG", lambda: layers.RandomSaturation(0.3)),
    ("SATURATION_FULL_CONFIG", lambda: layers.RandomSaturation((0.6, -0.2), value_range=(1, 0), seed=8,
                                                               data_format="channels_first")),
    ("HUE_CONFIG", lambda: layers.RandomHue(0.3)),
    ("HUE_FULL_CONFIG", lambda: layers.RandomHue((0.6, 0.2), value_range=(1, 0), seed=9)),
    ("DEGENERATION_FULL_CONFIG", lambda: layers.RandomColorDegeneration((0.6, -0.2), value_range=(1, 0), seed=6)),
]
for name, make in CONFIGS:
    keras.utils.clear_session()
    layer = make()
    string(name, layer.get_config(), f"{type(layer).__name__}.get_config() as JSON.")

print(java_class("dev.strata.layers.preprocessing", "Augment12Golden", "tools/golden/augment12.py", lines,
                 "Issue 12's colour augmentation layers: golden values from Keras"), end="")

if "--interop" in sys.argv:
    keras.utils.clear_session()
    keras.utils.set_random_seed(12)
    model = keras.Sequential([
        keras.Input((6, 7, 3)),
        layers.RandomGrayscale(0.3),
        layers.RandomInvert(0.5),
        layers.Solarization(0.2, 0.5),
        layers.RandomPosterization(4),
        layers.RandomSharpness(0.4),
        layers.RandomColorDegeneration(0.5),
        layers.RandomSaturation(0.5),
        layers.RandomHue(0.3),
        layers.AutoContrast(),
        # no Equalization: Keras 3.15 cannot trace it (its compute_output_spec returns its input, which Keras's
        # graph then finds "part of a cycle"), so no Keras model holds one
        layers.Flatten(),
        layers.Dense(3),
    ])
    x = (rng.integers(10, 200, size=(3, 6, 7, 3)) + 0.5).astype(np.float32)
    y = model.predict(x, verbose=0)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "augment12.keras"))
    with open(os.path.join(out, "augment12_golden.json"), "w") as f:
        json.dump({"x": x.ravel().tolist(), "x_shape": list(x.shape), "y": y.ravel().tolist(),
                   "y_shape": list(y.shape)}, f)

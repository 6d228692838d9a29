"""Reference values for issue 12's RandomColorJitter, from Keras 3 (JAX backend, float32).

Random draws cannot match JAX's generator, so the transform is taken from Keras's own component layers (the
RandomBrightness, RandomContrast, RandomSaturation and RandomHue a RandomColorJitter makes) applied one after the
other with fixed transformation dicts, as RandomColorJitter.transform_images does. get_config() is Keras's JSON.

Writes the Java test class Augment12bGolden (strata-core/src/test/java/dev/strata/layers/preprocessing/).
With --interop it also writes, to strata-core/src/test/resources/keras-golden/:
  augment12b.keras        Sequential: Input (6, 7, 3) -> RandomColorJitter(value_range=(0, 255), brightness 0.3,
                          contrast 0.4, saturation 0.5, hue 0.2) -> Flatten -> Dense(3)
  augment12b_golden.json  inputs and Keras's predictions (inference: the jitter passes through)

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

CONFIGS = [
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
                 "Issue 12's RandomColorJitter: golden values from Keras"), end="")

if "--interop" in sys.argv:
    keras.utils.clear_session()
    keras.utils.set_random_seed(12)
    model = keras.Sequential([
        keras.Input((6, 7, 3)),
        layers.RandomColorJitter(brightness_factor=0.3, contrast_factor=0.4, saturation_factor=0.5, hue_factor=0.2),
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

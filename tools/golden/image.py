"""Reference values for Strata's image ops and image preprocessing layers, from Keras 3 (JAX backend, float32).

Writes the Java test class ImageGolden (strata-core/src/test/java/dev/strata/layers/preprocessing/):
- keras.ops.image.resize of fixed images for every interpolation of the JAX backend, up and down, with antialias,
  crop_to_aspect_ratio, pad_to_aspect_ratio and channels_first, and gradients (jax.grad of sum(resize(x) * r));
- keras.ops.image.affine_transform for every fill mode and both interpolations, with its gradient;
- the deterministic transforms of the augmentation layers for fixed parameters: Keras's own layer methods
  (transform_images with a given transformation, _compute_affine_matrix, _get_zoom_matrix,
  _get_translation_matrix), so Strata's transform for a given angle / zoom / shift / flip / crop / contrast /
  brightness is compared with Keras's;
- Rescaling, CenterCrop (crop and smaller-than-target) outputs and get_config() of every layer as Keras's JSON.

With --interop it also writes, to strata-core/src/test/resources/keras-golden/:
  image_layers.keras        Sequential: Input (10, 12, 3) -> Rescaling(1/255) -> Resizing(8, 8) -> CenterCrop(6, 6)
                            -> RandomFlip -> RandomRotation -> RandomZoom -> RandomTranslation -> RandomContrast
                            -> RandomBrightness -> Flatten -> Dense(3)
  image_layers_golden.json  inputs and Keras's predictions

Run:
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/image.py \
        > strata-core/src/test/java/dev/strata/layers/preprocessing/ImageGolden.java
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/image.py --interop > /dev/null
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, ops  # noqa: E402

rng = np.random.default_rng(12)


def arr(shape, lo=0.0, hi=1.0):
    return np.round(rng.uniform(lo, hi, size=shape), 3).astype(np.float32)


def lit(v):
    v = np.float32(v)
    return repr(float(v)) if not np.isfinite(v) else str(v) + "f"


def floats(name, values, doc=None):
    values = np.asarray(values, dtype=np.float32).ravel()
    out = f"    /** {doc} */\n" if doc else ""
    # Parsed from a string: dozens of array initializers would pass the 64 KB limit of a class initializer.
    out += f"    public static final float[] {name} = floats(\"" + " ".join(lit(v)[:-1] for v in values) + "\");\n"
    return out


def string(name, value, doc):
    text = json.dumps(value).replace("\\", "\\\\").replace('"', '\\"')
    return f"    /** {doc} */\n    public static final String {name} = \"{text}\";\n"


parts = []

# ---- resize ------------------------------------------------------------------------------------------------
X = arr((2, 5, 6, 2))
XF = np.transpose(X, (0, 3, 1, 2)).copy()
R_UP = arr((2, 8, 9, 2), -1, 1)
R_DOWN = arr((2, 3, 4, 2), -1, 1)
parts.append(floats("X", X, "Images (2, 5, 6, 2), channels last."))
parts.append(floats("R_UP", R_UP, "Weights (2, 8, 9, 2) of the gradient check: the gradient is that of sum(y * R_UP)."))
parts.append(floats("R_DOWN", R_DOWN, "Weights (2, 3, 4, 2) of the gradient check of downsampling."))


def resize_case(name, size, r, **kw):
    f = lambda x: ops.image.resize(x, size, **kw)  # noqa: E731
    y = f(X)
    parts.append(floats(name, y, f"resize(X, {size}, {kw}): shape {tuple(y.shape)}."))
    if r is not None:
        g = jax.grad(lambda x: jnp.sum(f(x) * r))(X)
        parts.append(floats(name + "_GRAD", g, f"Its gradient: d sum(y * R) / dX."))


for interp in ["bilinear", "nearest", "bicubic", "lanczos3", "lanczos5"]:
    key = interp.upper()
    resize_case(f"RESIZE_UP_{key}", (8, 9), R_UP, interpolation=interp)
    resize_case(f"RESIZE_DOWN_{key}", (3, 4), R_DOWN, interpolation=interp)
for interp in ["bilinear", "bicubic", "lanczos3"]:
    resize_case(f"RESIZE_DOWN_{interp.upper()}_AA", (3, 4), R_DOWN, interpolation=interp, antialias=True)
resize_case("RESIZE_CROP", (4, 2), None, crop_to_aspect_ratio=True)
resize_case("RESIZE_PAD", (4, 2), None, pad_to_aspect_ratio=True, fill_value=0.5)
resize_case("RESIZE_PAD_WIDE", (2, 6), None, pad_to_aspect_ratio=True, fill_value=-1.0)
resize_case("RESIZE_MIXED", (3, 9), None)
yf = ops.image.resize(XF, (8, 9), data_format="channels_first")
parts.append(floats("RESIZE_UP_BILINEAR_CF", yf, "resize of X as channels first (2, 2, 5, 6) to (8, 9)."))

# ---- affine_transform ----------------------------------------------------------------------------------------
T = np.array([[0.9, -0.3, 1.2, 0.35, 1.1, -0.8, 0, 0], [1.3, 0.2, -2.1, -0.1, 0.7, 1.6, 0, 0]], dtype=np.float32)
parts.append(floats("T", T, "Two affine transforms [a0, a1, a2, b0, b1, b2, c0, c1]."))
R_AFF = arr((2, 5, 6, 2), -1, 1)
parts.append(floats("R_AFF", R_AFF, "Weights of the affine gradient check."))
for interp in ["bilinear", "nearest"]:
    for mode in ["constant", "nearest", "wrap", "mirror", "reflect"]:
        f = lambda x: ops.image.affine_transform(x, T, interpolation=interp, fill_mode=mode,  # noqa: E731
                                                 fill_value=0.25)
        name = f"AFFINE_{interp.upper()}_{mode.upper()}"
        parts.append(floats(name, f(X), f"affine_transform(X, T, {interp}, {mode}, fill_value=0.25)."))
        if mode in ("constant", "reflect"):
            g = jax.grad(lambda x: jnp.sum(f(x) * R_AFF))(X)
            parts.append(floats(name + "_GRAD", g, "Its gradient in X: d sum(y * R_AFF) / dX."))
yf = ops.image.affine_transform(XF, T, data_format="channels_first")
parts.append(floats("AFFINE_BILINEAR_CONSTANT_CF", yf, "affine_transform of X as channels first."))

# ---- layers' deterministic transforms --------------------------------------------------------------------
keras.utils.clear_session()
rot = layers.RandomRotation(0.2)
angles = np.array([17.5, -42.0], dtype=np.float32)
m = rot._compute_affine_matrix(center_x=0.5, center_y=0.5, angle=angles, translate_x=np.zeros(2, np.float32),
                               translate_y=np.zeros(2, np.float32), scale=np.ones(2, np.float32),
                               shear_x=np.zeros(2, np.float32), shear_y=np.zeros(2, np.float32), height=5, width=6)
parts.append(floats("ROTATION_MATRIX", m, "RandomRotation's matrices for angles 17.5 and -42 degrees, 5x6 images."))
for mode in ["reflect", "constant", "wrap", "nearest"]:
    layer = layers.RandomRotation(0.2, fill_mode=mode, fill_value=0.5)
    y = layer.transform_images(X, {"rotation_matrix": m}, training=True)
    parts.append(floats(f"ROTATION_{mode.upper()}", y, f"RandomRotation(fill_mode={mode}, fill_value=0.5) of X by those angles."))
y = layers.RandomRotation(0.2, interpolation="nearest").transform_images(X, {"rotation_matrix": m}, training=True)
parts.append(floats("ROTATION_NEAREST_INTERP", y, "RandomRotation(interpolation=nearest) by those angles."))

zoom = layers.RandomZoom(0.3, 0.4)
hz = np.array([[1.2], [0.8]], np.float32)
wz = np.array([[0.75], [1.3]], np.float32)
y = zoom.transform_images(X, {"height_zoom": hz, "width_zoom": wz, "input_shape": X.shape}, training=True)
parts.append(floats("ZOOM", y, "RandomZoom(0.3, 0.4) of X with height zooms (1.2, 0.8), width zooms (0.75, 1.3)."))
y = layers.RandomZoom(0.3, fill_mode="constant").transform_images(
    X, {"height_zoom": hz, "width_zoom": hz, "input_shape": X.shape}, training=True)
parts.append(floats("ZOOM_CONSTANT", y, "RandomZoom(0.3, fill_mode=constant), zooms (1.2, 0.8) on both axes."))

tr = layers.RandomTranslation(0.3, 0.4)
shifts = np.array([[1.7, -0.9], [-2.2, 1.3]], np.float32)  # (width shift, height shift) in pixels
y = tr.transform_images(X, {"translations": shifts, "input_shape": X.shape}, training=True)
parts.append(floats("TRANSLATION", y, "RandomTranslation of X by (dx, dy) = (1.7, -0.9) and (-2.2, 1.3) pixels."))
y = layers.RandomTranslation(0.3, 0.4, fill_mode="wrap", interpolation="nearest").transform_images(
    X, {"translations": shifts, "input_shape": X.shape}, training=True)
parts.append(floats("TRANSLATION_WRAP_NEAREST", y, "The same with fill_mode=wrap, interpolation=nearest."))

flip_t = {"flips": np.array([[[[True]]], [[[False]]]]), "input_shape": X.shape}
for mode in ["horizontal", "vertical", "horizontal_and_vertical"]:
    y = layers.RandomFlip(mode).transform_images(X, flip_t, training=True)
    parts.append(floats(f"FLIP_{mode.upper()}", y, f"RandomFlip({mode}) flipping image 0 only."))

y = layers.RandomCrop(3, 4).transform_images(X, (1, 2), training=True)
parts.append(floats("RANDOM_CROP", y, "RandomCrop(3, 4) of X at (top, left) = (1, 2)."))
y = layers.RandomCrop(6, 4).transform_images(X, (0, 0), training=True)
parts.append(floats("RANDOM_CROP_SMALL", y, "RandomCrop(6, 4) of X (shorter than 6): crop (0, 0) then resize."))

cf = np.array([0.6, 1.3], np.float32).reshape(2, 1, 1, 1)
y = layers.RandomContrast(0.5, value_range=(0, 1)).transform_images(X, {"contrast_factor": cf}, training=True)
parts.append(floats("CONTRAST", y, "RandomContrast(0.5, value_range=(0, 1)) of X with factors 0.6 and 1.3."))
bd = np.array([0.2, -0.35], np.float32).reshape(2, 1, 1, 1)
y = layers.RandomBrightness(0.5, value_range=(0, 1)).transform_images(X, {"rgb_delta": bd}, training=True)
parts.append(floats("BRIGHTNESS", y, "RandomBrightness(value_range=(0, 1)) of X with deltas 0.2 and -0.35."))

y = layers.Rescaling(1 / 127.5, offset=-1)(X)
parts.append(floats("RESCALING", y, "Rescaling(1/127.5, offset=-1) of X."))
y = layers.CenterCrop(3, 4)(X)
parts.append(floats("CENTER_CROP", y, "CenterCrop(3, 4) of X."))
y = layers.CenterCrop(7, 4)(X)
parts.append(floats("CENTER_CROP_SMALL", y, "CenterCrop(7, 4) of X (taller than 5): smart_resize."))
y = layers.Resizing(4, 8, interpolation="bicubic", crop_to_aspect_ratio=True)(X)
parts.append(floats("RESIZING_BICUBIC_CROP", y, "Resizing(4, 8, bicubic, crop_to_aspect_ratio) of X."))

# ---- configs ------------------------------------------------------------------------------------------------
CONFIGS = [
    ("RESCALING_CONFIG", lambda: layers.Rescaling(1 / 255.0)),
    ("RESCALING_OFFSET_CONFIG", lambda: layers.Rescaling(0.5, offset=-1.0)),
    ("RESIZING_CONFIG", lambda: layers.Resizing(4, 5)),
    ("RESIZING_FULL_CONFIG", lambda: layers.Resizing(6, 7, interpolation="nearest", pad_to_aspect_ratio=True,
                                                     fill_value=0.5, antialias=True, data_format="channels_first")),
    ("CENTER_CROP_CONFIG", lambda: layers.CenterCrop(3, 4)),
    ("RANDOM_FLIP_CONFIG", lambda: layers.RandomFlip()),
    ("RANDOM_FLIP_SEED_CONFIG", lambda: layers.RandomFlip("horizontal", seed=7)),
    ("RANDOM_ROTATION_CONFIG", lambda: layers.RandomRotation(0.1)),
    ("RANDOM_ROTATION_PAIR_CONFIG", lambda: layers.RandomRotation((-0.2, 0.3), fill_mode="constant",
                                                                  interpolation="nearest", seed=3, fill_value=1.0)),
    ("RANDOM_ZOOM_CONFIG", lambda: layers.RandomZoom(0.2)),
    ("RANDOM_ZOOM_PAIR_CONFIG", lambda: layers.RandomZoom((-0.3, 0.2), (0.1, 0.4), fill_mode="wrap", seed=5)),
    ("RANDOM_TRANSLATION_CONFIG", lambda: layers.RandomTranslation(0.1, 0.2)),
    ("RANDOM_CROP_CONFIG", lambda: layers.RandomCrop(3, 4, seed=11)),
    ("RANDOM_CONTRAST_CONFIG", lambda: layers.RandomContrast(0.2)),
    ("RANDOM_CONTRAST_PAIR_CONFIG", lambda: layers.RandomContrast((0.1, 0.4), value_range=(0, 1), seed=2)),
    ("RANDOM_BRIGHTNESS_CONFIG", lambda: layers.RandomBrightness(0.2)),
    ("RANDOM_BRIGHTNESS_PAIR_CONFIG", lambda: layers.RandomBrightness((-0.1, 0.3), value_range=(1, -1), seed=4)),
]
for name, make in CONFIGS:
    keras.utils.clear_session()
    layer = make()
    parts.append(string(name, layer.get_config(), f"{type(layer).__name__}.get_config() as JSON."))

# ---- image_dataset_from_directory's file order and split (Keras's own index_directory, no TensorFlow needed) ----
import contextlib  # noqa: E402
import io  # noqa: E402
import tempfile  # noqa: E402

from keras.src.utils import dataset_utils  # noqa: E402

TREE = {"cats": ["c1.png", "c2.JPG", "c3.png", "sub/c4.png"], "dogs": ["d1.png", "d2.jpeg", "d3.bmp"],
        "owls": ["o1.png", "o2.png", "o3.gif", "notes.txt"]}
with tempfile.TemporaryDirectory() as root:
    for cls, files in TREE.items():
        for f in files:
            p = os.path.join(root, cls, f)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            open(p, "wb").close()
    os.makedirs(os.path.join(root, ".hidden"))
    paths, labels, names = dataset_utils.index_directory(
        root, "inferred", formats=(".bmp", ".gif", ".jpeg", ".jpg", ".png"), shuffle=True, seed=1337, verbose=False)
    rel = [os.path.relpath(p, root) for p in paths]
    with contextlib.redirect_stdout(io.StringIO()):  # it prints "Using n files for ..."
        tr, tr_labels = dataset_utils.get_training_or_validation_split(rel, labels, 0.3, "training")
        va, va_labels = dataset_utils.get_training_or_validation_split(rel, labels, 0.3, "validation")
    parts.append(string("DATASET_TREE", TREE, "The files of the image_dataset_from_directory test, by class folder."))
    parts.append(string("DATASET_ORDER", {"class_names": names, "train": tr, "train_labels": [int(v) for v in tr_labels],
                                          "validation": va, "validation_labels": [int(v) for v in va_labels]},
                        "Keras's index_directory(seed=1337, shuffle) split with validation_split=0.3: relative paths and labels."))
    unshuffled, _, _ = dataset_utils.index_directory(
        root, "inferred", formats=(".bmp", ".gif", ".jpeg", ".jpg", ".png"), shuffle=False, verbose=False)
    parts.append(string("DATASET_UNSHUFFLED", [os.path.relpath(p, root) for p in unshuffled],
                        "The same files unshuffled."))

print("package dev.strata.layers.preprocessing;")
print()
print("/**")
print(f" * Reference values of the image ops and image preprocessing layers from Keras {keras.__version__} (jax backend,")
print(" * float32). Generated by {@code tools/golden/image.py}; do not edit by hand.")
print(" */")
print("public final class ImageGolden {")
print("".join(parts), end="")
print()
print("    private ImageGolden() {")
print("    }")
print()
print("    private static float[] floats(String text) {")
print("        String[] parts = text.split(\" \");")
print("        float[] out = new float[parts.length];")
print("        for (int i = 0; i < parts.length; i++) {")
print("            out[i] = Float.parseFloat(parts[i]);")
print("        }")
print("        return out;")
print("    }")
print("}")

if "--interop" in sys.argv:
    keras.utils.clear_session()
    keras.utils.set_random_seed(3)
    model = keras.Sequential([
        keras.Input((10, 12, 3)),
        layers.Rescaling(1 / 255.0),
        layers.Resizing(8, 8),
        layers.CenterCrop(6, 6),
        layers.RandomFlip(),
        layers.RandomRotation(0.1),
        layers.RandomZoom(0.1),
        layers.RandomTranslation(0.1, 0.1),
        layers.RandomContrast(0.2),
        layers.RandomBrightness(0.1),
        layers.Flatten(),
        layers.Dense(3),
    ])
    x = np.round(rng.uniform(0, 255, size=(4, 10, 12, 3))).astype(np.float32)
    y = model.predict(x, verbose=0)
    out = os.path.join(os.path.dirname(__file__), "..", "..", "strata-core", "src", "test", "resources",
                       "keras-golden")
    model.save(os.path.join(out, "image_layers.keras"))
    with open(os.path.join(out, "image_layers_golden.json"), "w") as f:
        json.dump({"x": x.ravel().tolist(), "x_shape": list(x.shape), "y": y.ravel().tolist(),
                   "y_shape": list(y.shape)}, f)

"""Reference values for Strata's adaptive pooling layers (keras.layers.AdaptiveAveragePooling1D/2D/3D and
AdaptiveMaxPooling1D/2D/3D), from Keras 3 (JAX backend, float32).

Writes strata-core/src/test/java/dev/strata/layers/pooling/AdaptivePoolingGolden.java: for each class, in both data
formats, an input whose spatial sizes do not divide evenly (and one that upsamples), Keras's output, jax.grad of
sum(y * r) by the input, and get_config() as Keras's JSON.

With --interop it also writes, to strata-core/src/test/resources/keras-golden/:
  adaptive_pooling.keras        Functional: a (9, 11, 3) image -> Conv2D(4, 3) -> AdaptiveAveragePooling2D((3, 4)) and
                                AdaptiveMaxPooling2D(2) -> Flatten, concatenated -> Dense(2); a (13, 2) sequence ->
                                AdaptiveMaxPooling1D(5) -> Flatten -> Dense(2); Adam(1e-2), mse; trained 3 epochs
  adaptive_pooling_golden.json  inputs and Keras's predictions

Run from tools/golden/:
    KERAS_BACKEND=jax /work/venv/bin/python adaptive_pooling.py
    KERAS_BACKEND=jax /work/venv/bin/python adaptive_pooling.py --interop
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

from _common import arr, java_class  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
rng = np.random.default_rng(47)


def rand(*shape):
    return np.round(rng.uniform(-2, 2, size=shape), 3).astype(np.float32)


def ints(v):
    return "new int[] {" + ", ".join(str(int(d)) for d in v) + "}"


def jstr(value):
    return '"' + json.dumps(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


CASES = [
    # class, output_size argument, channels-last input shape
    ("AdaptiveAveragePooling1D", 3, (2, 7, 3)),
    ("AdaptiveMaxPooling1D", 3, (2, 7, 3)),
    ("AdaptiveAveragePooling1D", 5, (1, 3, 2)),
    ("AdaptiveMaxPooling1D", 5, (1, 3, 2)),
    ("AdaptiveAveragePooling2D", (2, 3), (2, 5, 7, 2)),
    ("AdaptiveMaxPooling2D", (2, 3), (2, 5, 7, 2)),
    ("AdaptiveAveragePooling2D", 4, (1, 3, 2, 2)),
    ("AdaptiveMaxPooling2D", 4, (1, 3, 2, 2)),
    ("AdaptiveAveragePooling3D", (2, 2, 3), (1, 3, 5, 4, 2)),
    ("AdaptiveMaxPooling3D", (2, 2, 3), (1, 3, 5, 4, 2)),
]


def rows():
    out = []
    for cls, size, shape in CASES:
        for fmt in ["channels_last", "channels_first"]:
            keras.backend.clear_session()
            x = rand(*shape)
            if fmt == "channels_first":
                x = np.moveaxis(x, -1, 1).copy()
            layer = getattr(layers, cls)(size, data_format=fmt)
            y = np.asarray(layer(x))
            r = rand(*y.shape)
            dx = jax.grad(lambda t: jnp.sum(layer(t) * r))(jnp.asarray(x))
            size_arg = [size] if isinstance(size, int) else list(size)
            out.append(f'    {{"{cls}", "{fmt}", {ints(size_arg)}, {ints(x.shape)}, {arr(x)}, {arr(y)}, '
                       f'{ints(y.shape)}, {arr(r)}, {arr(dx)}, {jstr(layer.get_config())}}},')
    return out


def golden():
    body = ["/**",
            " * One row per case: class, data format, output_size as given, input shape, input, Keras's output, its",
            " * shape, r, d(sum(y * r))/dx, get_config() as JSON (the first layer of its class in a fresh session).",
            " */",
            "static final Object[][] CASES = {"] + rows() + ["};"]
    path = os.path.join(ROOT, "strata-core/src/test/java/dev/strata/layers/pooling/AdaptivePoolingGolden.java")
    with open(path, "w") as f:
        f.write(java_class("dev.strata.layers.pooling", "AdaptivePoolingGolden", "tools/golden/adaptive_pooling.py",
                           body, doc="The adaptive pooling layers' values, gradients and configs from Keras"))
    print("wrote", path, file=sys.stderr)


def interop():
    out = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")
    keras.backend.clear_session()
    keras.utils.set_random_seed(47)
    r = np.random.default_rng(47)
    img, seq = keras.Input((9, 11, 3), name="image"), keras.Input((13, 2), name="sequence")
    c = layers.Conv2D(4, 3)(img)
    a = layers.Flatten()(layers.AdaptiveAveragePooling2D((3, 4))(c))
    m = layers.Flatten()(layers.AdaptiveMaxPooling2D(2)(c))
    image_out = layers.Dense(2)(layers.Concatenate()([a, m]))
    seq_out = layers.Dense(2)(layers.Flatten()(layers.AdaptiveMaxPooling1D(5)(seq)))
    model = keras.Model([img, seq], [image_out, seq_out], name="adaptive_pooling")
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss=["mse", "mse"])
    xs = [r.normal(size=(32, 9, 11, 3)).astype("float32"), r.normal(size=(32, 13, 2)).astype("float32")]
    ys = [r.uniform(size=(32, 2)).astype("float32"), r.uniform(size=(32, 2)).astype("float32")]
    model.fit(xs, ys, epochs=3, verbose=0)
    probe = [r.normal(size=(3, 9, 11, 3)).astype("float32"), r.normal(size=(3, 13, 2)).astype("float32")]
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "adaptive_pooling.keras")
    model.save(path)
    golden_json = {"generated_by": "tools/golden/adaptive_pooling.py --interop, keras " + keras.__version__ + " "
                   + keras.backend.backend(),
                   "inputs": [p.tolist() for p in probe],
                   "outputs": [np.asarray(o, dtype="float32").tolist() for o in model.predict(probe, verbose=0)]}
    with open(os.path.join(out, "adaptive_pooling_golden.json"), "w") as f:
        json.dump(golden_json, f)
    print("wrote", path, file=sys.stderr)


if "--interop" in sys.argv:
    interop()
else:
    golden()

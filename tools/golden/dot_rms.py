"""Reference values for Strata's Dot (keras.layers.Dot) and RMSNormalization (keras.layers.RMSNormalization) layers,
from Keras 3 (JAX backend, float32).

Writes two generated Java test classes:
  strata-core/src/test/java/dev/strata/layers/merging/DotGolden.java
  strata-core/src/test/java/dev/strata/layers/normalization/RMSNormalizationGolden.java
with each case's inputs, Keras's outputs, jax.grad of sum(y * r) by the inputs (and by RMSNormalization's scale),
and get_config() as Keras's JSON (unbuilt and built, key order kept).

With --interop it also writes, to strata-core/src/test/resources/keras-golden/:
  dot_rms.keras         Functional: two (5,) inputs through Dense(8) each, Dot(axes=1, normalize=True); a (4, 6)
                        input through RMSNormalization -> Dense(6) and Dot(axes=(2, 2)) with itself -> Flatten ->
                        Dense(1); Adam(1e-2), mse on both outputs; trained 3 epochs on random data
  dot_rms_golden.json   inputs and Keras's predictions

Run from tools/golden/:
    KERAS_BACKEND=jax /work/venv/bin/python dot_rms.py
    KERAS_BACKEND=jax /work/venv/bin/python dot_rms.py --interop
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
TEST = os.path.join(ROOT, "strata-core/src/test/java/dev/strata/layers")
rng = np.random.default_rng(41)


def rand(*shape):
    return np.round(rng.uniform(-2, 2, size=shape), 3).astype(np.float32)


def string(name, value):
    text = json.dumps(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'static final String {name} = "{text}";'


def floats(name, values):
    return f"static final float[] {name} = {arr(values)};"


def dot_lines():
    lines = []
    cases = [
        # name, shapes, keras args
        ("AXES_1_2", (2, 3, 5), (2, 10, 3), dict(axes=(1, 2))),
        ("VECTORS", (3, 4), (3, 4), dict(axes=1)),
        ("VECTORS_NORMALIZED", (3, 4), (3, 4), dict(axes=1, normalize=True)),
        ("LAST", (2, 3, 4), (2, 5, 4), dict(axes=-1)),
        ("MATRIX_VECTOR", (3, 4), (3, 4, 6), dict(axes=(1, 1))),
        ("VECTOR_MATRIX", (3, 6, 4), (3, 4), dict(axes=(2, 1))),
        ("RANK4", (2, 3, 2, 4), (2, 4, 5), dict(axes=(3, 1))),
        ("NORMALIZED_3D", (2, 3, 4), (2, 5, 4), dict(axes=(2, 2), normalize=True)),
    ]
    for name, sa, sb, kw in cases:
        a, b = rand(*sa), rand(*sb)
        if name == "NORMALIZED_3D":
            a[0, 1, :] = 0  # a zero row: Keras's capped inverse norm keeps it zero
        layer = layers.Dot(**kw)
        y = np.asarray(layer([a, b]))
        r = rand(*y.shape)

        def f(a, b, layer=layer, r=r):
            return jnp.sum(layer([a, b]) * r)

        ga, gb = jax.grad(f, argnums=(0, 1))(jnp.asarray(a), jnp.asarray(b))
        lines += [f"// Dot({kw}) on {sa} and {sb}: output {y.shape}",
                  floats(name + "_A", a), floats(name + "_B", b), floats(name + "_Y", y),
                  f"static final int[] {name}_Y_SHAPE = {{{', '.join(map(str, y.shape))}}};",
                  floats(name + "_R", r), floats(name + "_DA", ga), floats(name + "_DB", gb), ""]
    keras.backend.clear_session()
    lines.append(string("CONFIG_AXES_1_2", layers.Dot(axes=(1, 2)).get_config()))
    lines.append(string("CONFIG_NORMALIZED", layers.Dot(axes=1, normalize=True).get_config()))
    return lines


def rms_lines():
    lines = []
    for name, shape, kw in [("LAST", (2, 3, 4), {}),
                            ("TWO_AXES", (2, 3, 4), dict(axis=[1, 2], epsilon=1e-3)),
                            ("VECTOR", (3, 5), dict(axis=-1))]:
        x = rand(*shape)
        x[0, 0] = 0  # an all-zero slice: epsilon keeps it finite
        layer = layers.RMSNormalization(**kw)
        layer.build(x.shape)
        layer.scale.assign(rand(*layer.scale.shape))
        y = np.asarray(layer(x))
        r = rand(*y.shape)

        def f(tv, x, layer=layer, r=r):
            out, _ = layer.stateless_call(tv, [], x)
            return jnp.sum(out * r)

        (gs,), gx = jax.grad(f, argnums=(0, 1))([layer.scale.value], jnp.asarray(x))
        lines += [f"// RMSNormalization({kw}) on {shape}",
                  floats(name + "_X", x), floats(name + "_SCALE", layer.scale.numpy()), floats(name + "_Y", y),
                  floats(name + "_R", r), floats(name + "_DX", gx), floats(name + "_DSCALE", gs), ""]
    keras.backend.clear_session()
    lines.append(string("CONFIG_UNBUILT", layers.RMSNormalization().get_config()))
    built = layers.RMSNormalization(axis=[2, 1], epsilon=1e-3)
    lines.append(string("CONFIG_TWO_AXES_UNBUILT", built.get_config()))
    built.build((None, 3, 4))
    lines.append(string("CONFIG_TWO_AXES_BUILT", built.get_config()))
    return lines


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    print("wrote", path, file=sys.stderr)


def interop():
    out = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")
    keras.backend.clear_session()
    keras.utils.set_random_seed(43)
    r = np.random.default_rng(43)
    a_in, b_in, s_in = keras.Input((5,), name="a"), keras.Input((5,), name="b"), keras.Input((4, 6), name="s")
    sim = layers.Dot(axes=1, normalize=True)([layers.Dense(8)(a_in), layers.Dense(8)(b_in)])
    h = layers.Dense(6)(layers.RMSNormalization()(s_in))
    gram = layers.Dot(axes=(2, 2))([h, h])
    value = layers.Dense(1)(layers.Flatten()(gram))
    model = keras.Model([a_in, b_in, s_in], [sim, value], name="dot_rms")
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss=["mse", "mse"])
    xs = [r.normal(size=(64, 5)).astype("float32"), r.normal(size=(64, 5)).astype("float32"),
          r.normal(size=(64, 4, 6)).astype("float32")]
    ys = [r.uniform(size=(64, 1)).astype("float32"), r.uniform(size=(64, 1)).astype("float32")]
    model.fit(xs, ys, epochs=3, verbose=0)
    probe = [r.normal(size=(3, 5)).astype("float32"), r.normal(size=(3, 5)).astype("float32"),
             r.normal(size=(3, 4, 6)).astype("float32")]
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "dot_rms.keras")
    model.save(path)
    golden = {"generated_by": "tools/golden/dot_rms.py --interop, keras " + keras.__version__ + " "
              + keras.backend.backend(),
              "inputs": [p.tolist() for p in probe],
              "outputs": [np.asarray(o, dtype="float32").tolist() for o in model.predict(probe, verbose=0)]}
    with open(os.path.join(out, "dot_rms_golden.json"), "w") as f:
        json.dump(golden, f)
    print("wrote", path, file=sys.stderr)


if "--interop" in sys.argv:
    interop()
else:
    write(os.path.join(TEST, "merging/DotGolden.java"),
          java_class("dev.strata.layers.merging", "DotGolden", "tools/golden/dot_rms.py", dot_lines(),
                     doc="Dot's values, gradients and configs from Keras"))
    write(os.path.join(TEST, "normalization/RMSNormalizationGolden.java"),
          java_class("dev.strata.layers.normalization", "RMSNormalizationGolden", "tools/golden/dot_rms.py",
                     rms_lines(), doc="RMSNormalization's values, gradients and configs from Keras"))

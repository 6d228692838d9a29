"""Reference values for keras.ops.image.scale_and_translate with scale and translation given as tensors, from
Keras 3 (JAX backend, float32): the output and jax.grad of sum(W * f(images, scale, translation)) with respect to
all three, for each method (linear, cubic, lanczos3, lanczos5) with and without antialias, where W = 0.5 +
((i * 7) % 11) / 10 (the same formula in the Java test).

The cases put sample points on whole input positions (scale 2 with translation -0.5, scale 1), at the edge of a
kernel widened by antialias (scale 0.5: the triangle's support ends on a pixel), at scale 1 where antialias's
max(1 / scale, 1) ties (JAX splits a tie's gradient in half), with outputs that sample outside the input (zero,
no gradient), and in three spatial axes.

Writes the Java test class Ops16ScaleGolden:

    cd tools/golden && KERAS_BACKEND=jax /work/venv/bin/python ops16_scale.py \
        > ../../strata-core/src/test/java/dev/strata/ops/Ops16ScaleGolden.java

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops16_scale.keras         a Functional model (inputs img (2, 6, 5, 2) and p (2, 4), batch sizes fixed as the op's
                            output_shape needs) whose scale and translation are slices of p (tensor arguments in
                            the node, as Keras writes them), and one call with a numpy scale and a list translation
  ops16_scale_golden.json   its inputs and Keras's predictions

    cd tools/golden && KERAS_BACKEND=jax /work/venv/bin/python ops16_scale.py --interop
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

from _common import java_class, lit  # noqa: E402

lines = []


def interop():
    import keras

    img = keras.Input(batch_shape=(2, 6, 5, 2), name="img")
    p = keras.Input(batch_shape=(2, 4), name="p")
    outs = [
        ops.image.scale_and_translate(img, (2, 9, 4, 2), p[0, :2], p[0, 2:], (1, 2), "cubic"),
        ops.image.scale_and_translate(img, (2, 4, 8, 2), p[1, :2], p[1, 2:], (1, 2), "lanczos3", antialias=False),
        ops.image.scale_and_translate(img, (2, 5, 6, 2), np.array([1.3, 0.9], np.float32), [0.2, -0.1], (1, 2),
                                      "linear"),
    ]
    model = keras.Model([img, p], outs, name="ops16_scale")
    rng = np.random.default_rng(161)
    x = rng.uniform(-1, 1, size=(2, 6, 5, 2)).astype(np.float32)
    pv = np.array([[1.6, 0.7, 0.4, -0.3], [0.55, 1.3, -0.35, 1.2]], np.float32)
    ys = [np.asarray(y) for y in model([x, pv])]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_scale.keras"))
    doc = {"img": x.ravel().tolist(), "img_shape": list(x.shape), "p": pv.ravel().tolist(), "p_shape": list(pv.shape),
           "outputs": [y.ravel().tolist() for y in ys], "output_shapes": [list(y.shape) for y in ys]}
    with open(os.path.join(out, "ops16_scale_golden.json"), "w") as f:
        json.dump(doc, f)


if "--interop" in sys.argv:
    interop()
    sys.exit(0)


def put(name, value):
    """One array as a string parsed once (array literals this large overflow a class initializer's 64 KB)."""
    a = np.asarray(value, dtype=np.float32)
    lines.append(f'static final float[] {name} = f("{" ".join(lit(v)[:-1] for v in a.ravel())}");')
    lines.append(f"static final int[] {name}_SHAPE = new int[] {{{', '.join(str(d) for d in a.shape)}}};")


def weights(shape):
    n = int(np.prod(shape))
    return (0.5 + (np.arange(n) * 7 % 11) / 10.0).astype(np.float32).reshape(shape)


rng = np.random.default_rng(16)
IMG = rng.uniform(-1, 1, size=(2, 6, 5, 2)).astype(np.float32)
VOL = rng.uniform(-1, 1, size=(4, 5, 3)).astype(np.float32)
put("IMG", IMG)
put("VOL", VOL)

# name: (images name, images, output shape, scale, translation, spatial dims)
CASES = {
    "MIXED": ("IMG", IMG, (2, 9, 4, 2), [1.7, 0.6], [0.8, -0.45], (1, 2)),
    "WHOLE": ("IMG", IMG, (2, 7, 5, 2), [2.0, 1.0], [-0.5, 1.0], (1, 2)),
    "EDGE": ("IMG", IMG, (2, 3, 2, 2), [0.5, 0.4], [0.25, 0.3], (1, 2)),
    "OUTSIDE": ("IMG", IMG, (2, 5, 6, 2), [1.3, 0.9], [2.5, -1.7], (1, 2)),
    "VOLUME": ("VOL", VOL, (6, 4, 3), [1.4, 0.75, 1.1], [0.6, -0.2, 0.35], (0, 1, 2)),
}
lines.append("/** The cases as (name, images, output shape, scale, translation, spatial dims). */")
lines.append("static final Object[][] CASES = {")
for name, (iname, _, shape, sc, tr, dims) in CASES.items():
    ints = lambda v: "new int[] {" + ", ".join(str(d) for d in v) + "}"  # noqa: E731
    flts = lambda v: "new float[] {" + ", ".join(lit(x) for x in v) + "}"  # noqa: E731
    lines.append(f'    {{"{name}", {iname}, {ints(shape)}, {flts(sc)}, {flts(tr)}, {ints(dims)}}},')
lines.append("};")

for name, (_, img, shape, sc, tr, dims) in CASES.items():
    for method in ["linear", "cubic", "lanczos3", "lanczos5"]:
        for aa in [True, False]:
            def f(x, s, t, shape=shape, dims=dims, method=method, aa=aa):
                return ops.image.scale_and_translate(x, shape, s, t, dims, method, antialias=aa)

            s = jnp.asarray(np.array(sc, np.float32))
            t = jnp.asarray(np.array(tr, np.float32))
            y = np.asarray(f(jnp.asarray(img), s, t))
            w = weights(y.shape)
            gx, gs, gt = jax.grad(lambda x, s, t: jnp.sum(w * f(x, s, t)), argnums=(0, 1, 2))(jnp.asarray(img), s, t)
            key = f"{name}_{method.upper()}{'' if aa else '_NOAA'}"
            put(key, y)
            put(key + "_GIMAGES", gx)
            put(key + "_GSCALE", gs)
            put(key + "_GTRANSLATION", gt)

lines += ["", "private static float[] f(String values) {",
          "    String[] parts = values.split(\" \");", "    float[] out = new float[parts.length];",
          "    for (int i = 0; i < out.length; i++) {", "        out[i] = Float.parseFloat(parts[i]);", "    }",
          "    return out;", "}"]
print(java_class("dev.strata.ops", "Ops16ScaleGolden", "tools/golden/ops16_scale.py", lines,
                 doc="scale_and_translate with tensor scale and translation, and jax.grad of it, from Keras"), end="")

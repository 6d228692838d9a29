"""Reference values for keras.ops.nn.unfold, keras.ops.nn.fold and ctc_decode (greedy) (issue 16's remaining nn ops), from Keras 3
(keras.ops, JAX backend, float32), with gradients from jax.grad of sum(W * f(x)) through the same ops.

Writes the Java test class Ops16NnRestGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_nnrest.py > strata-core/src/test/java/dev/strata/ops/Ops16NnRestGolden.java

Where fold's blocks do not reach the last rows or columns of output_size (a stride that does not divide the span),
Keras's JAX backend returns only the rows and columns they reach, while its symbolic shape (and PyTorch) is the full
output_size; the values written here are JAX's, zero-padded to output_size (the gradient uses W cropped likewise).

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops16_nnrest.keras         a Functional model (inputs a and b (3, 4)) whose outputs are unfold and fold as Keras
                             writes them (one integer or a pair per argument), for Strata to load
  ops16_nnrest_golden.json   its inputs and Keras's predictions
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
from _common import arr, java_class, shp  # noqa: E402

rng = np.random.default_rng(1616)


def r(*shape, lo=-2.0, hi=2.0):
    return np.round(rng.uniform(lo, hi, size=shape), 2).astype(np.float32)


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def ints(v):
    return "new int[] {" + ", ".join(str(d) for d in ((v,) if isinstance(v, int) else v)) + "}"


# (input shape, kernel_size, dilation, padding, stride): as given to Keras (an int or a pair)
UNFOLD = [
    ((2, 3, 4, 5), 2, 1, 0, 1),
    ((1, 2, 5, 6), (2, 3), (2, 1), (1, 2), (2, 3)),
    ((1, 1, 4, 4), 3, 1, 1, 2),   # with NaN and infinity in the image
    ((1, 1, 3, 3), 4, 1, 0, 1),   # the kernel just overhangs: 0 blocks
    ((2, 1, 1, 1), 1, 1, 0, 1),   # size-1 everything
    ((1, 2, 6, 5), 2, 2, (0, 1), (3, 1)),
]
# (N, C, output_size, kernel_size, dilation, padding, stride)
FOLD = [
    (2, 3, (4, 5), 2, 1, 0, 1),
    (1, 2, (5, 6), (2, 3), (2, 1), (1, 2), (2, 3)),
    (1, 1, (5, 5), 2, 1, 0, 2),   # stride 2 leaves the last row and column out: JAX's 4 x 4 zero-padded
    (1, 2, (6, 6), 3, 1, 1, 2),
    (2, 1, 3, 1, 1, 0, 1),
]


def blocks(size, k, d, p, s):
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def golden():
    lines = []
    xs, ys, gs, ws, params = [], [], [], [], []
    for shape, k, d, p, s in UNFOLD:
        x = r(*shape)
        if shape == (1, 1, 4, 4):
            x[0, 0, 1, 2] = np.nan
            x[0, 0, 3, 0] = np.inf
        f = lambda v, k=k, d=d, p=p, s=s: ops.unfold(v, k, dilation=d, padding=p, stride=s)  # noqa: E731
        y = np.asarray(f(jnp.asarray(x)), np.float32)
        w = r(*y.shape, lo=0.5, hi=1.5)
        xg = np.nan_to_num(x, nan=0.5, posinf=1.5)  # the gradient does not depend on x (linear)
        g = jax.grad(lambda v: jnp.sum(jnp.asarray(w) * f(v)))(jnp.asarray(xg))
        xs.append(x), ys.append(y), ws.append(w), gs.append(g)
        params.append(f"new int[][] {{{shp(x)[10:]}, {ints(k)[10:]}, {ints(d)[10:]}, {ints(p)[10:]}, "
                      f"{ints(s)[10:]}, {shp(y)[10:]}}}")
    lines.append("/** unfold cases: {x shape, kernel_size, dilation, padding, stride, output shape} as given to Keras. */")
    lines.append("static final int[][][] UNFOLD_PARAMS = {" + ", ".join(params) + "};")
    for name, vals in [("X", xs), ("Y", ys), ("W", ws), ("GRAD", gs)]:
        lines.append(f"static final float[][] UNFOLD_{name} = {{" + ", ".join(arr(v) for v in vals) + "};")
    xs, ys, gs, ws, params = [], [], [], [], []
    for n, c, o, k, d, p, s in FOLD:
        oh, ow = pair(o)
        (kh, kw), (dh, dw), (ph, pw), (sh, sw) = pair(k), pair(d), pair(p), pair(s)
        x = r(n, c * kh * kw, blocks(oh, kh, dh, ph, sh) * blocks(ow, kw, dw, pw, sw))
        if (c, o) == (2, (6, 6)):
            x[0, 3, 2] = np.nan
            x[0, 10, 4] = np.inf
        f = lambda v, o=o, k=k, d=d, p=p, s=s: ops.fold(v, o, k, dilation=d, padding=p, stride=s)  # noqa: E731
        yj = np.asarray(f(jnp.asarray(x)), np.float32)
        y = np.zeros((n, c, oh, ow), np.float32)
        y[:, :, :yj.shape[2], :yj.shape[3]] = yj
        w = r(n, c, oh, ow, lo=0.5, hi=1.5)
        wj = w[:, :, :yj.shape[2], :yj.shape[3]]
        xg = np.nan_to_num(x, nan=0.5, posinf=1.5)  # the gradient does not depend on x (linear)
        g = jax.grad(lambda v: jnp.sum(jnp.asarray(wj) * f(v)))(jnp.asarray(xg))
        xs.append(x), ys.append(y), ws.append(w), gs.append(g)
        params.append(f"new int[][] {{{shp(x)[10:]}, {ints(o)[10:]}, {ints(k)[10:]}, {ints(d)[10:]}, "
                      f"{ints(p)[10:]}, {ints(s)[10:]}, {shp(y)[10:]}}}")
    lines.append("/** fold cases: {x shape, output_size, kernel_size, dilation, padding, stride, output shape}. */")
    lines.append("static final int[][][] FOLD_PARAMS = {" + ", ".join(params) + "};")
    for name, vals in [("X", xs), ("Y", ys), ("W", ws), ("GRAD", gs)]:
        lines.append(f"static final float[][] FOLD_{name} = {{" + ", ".join(arr(v) for v in vals) + "};")
    # ctc_decode, greedy: a tie (the first wins), repeats, a length 0 and a length beyond... time
    ci = r(3, 5, 4)
    ci[0, 1] = ci[0, 0]
    ci[0, 2, :] = [0.5, 1.5, 1.5, -1.0]
    ci[1, 3] = ci[1, 2]
    lens = np.array([5, 3, 0], np.float32)
    cw = r(3, 1, lo=0.5, hi=1.5)
    lines.append("/** ctc_decode's inputs (3, 5, 4), sequence lengths and score weights (3, 1). */")
    lines.append(f"static final float[] CTC_X = {arr(ci)};")
    lines.append(f"static final float[] CTC_LENGTHS = {arr(lens)};")
    lines.append(f"static final float[] CTC_W = {arr(cw)};")
    for tag, kw in [("DEFAULT", {}), ("NO_MERGE", {"merge_repeated": False}), ("MASK_NONE", {"mask_index": None}),
                    ("MASK2", {"mask_index": 2})]:
        d, sc = ops.ctc_decode(ci, lens.astype(np.int32), **kw)
        lines.append(f"static final float[] CTC_{tag}_DECODED = {arr(np.asarray(d))};")
        lines.append(f"static final float[] CTC_{tag}_SCORE = {arr(np.asarray(sc))};")
        g = jax.grad(lambda v, kw=kw: jnp.sum(jnp.asarray(cw) * ops.ctc_decode(v, lens.astype(np.int32), **kw)[1]))(
            jnp.asarray(ci))
        lines.append(f"static final float[] CTC_{tag}_GRAD = {arr(g)};")
    print(java_class("dev.strata.ops", "Ops16NnRestGolden", "tools/golden/ops16_nnrest.py", lines,
                     doc="Reference values of keras.ops.nn.unfold and fold, from Keras"), end="")


def interop():
    a = keras.Input((3, 4), name="a")
    b = keras.Input((3, 4), name="b")
    ra = ops.reshape(a, (-1, 1, 3, 4))
    rb = ops.reshape(b, (-1, 1, 3, 4))
    outs = [
        ops.unfold(ra, 2),
        ops.unfold(ra, (2, 3), dilation=1, padding=(1, 0), stride=(1, 2)),
        ops.unfold(ra, 2, dilation=2, padding=1, stride=1),
        ops.fold(ops.unfold(rb, 2), (3, 4), 2),
        ops.fold(ops.unfold(rb, (2, 2), padding=1, stride=2), output_size=(3, 4), kernel_size=2, padding=1,
                 stride=2),
        ops.fold(ops.reshape(ops.concatenate([a, b], axis=1), (-1, 4, 12)), 3, (2, 2), dilation=(1, 2), padding=(1, 1)),
    ]
    lengths = ops.floor(ops.abs(ops.mean(b, axis=(1, 2))) * 12)
    outs += list(ops.ctc_decode(a, lengths))
    outs += list(ops.ctc_decode(ops.round(a * 2), lengths, merge_repeated=False, mask_index=None))
    model = keras.Model([a, b], outs, name="ops16_nnrest")
    xa = np.round(rng.uniform(-1, 1, size=(2, 3, 4)), 3).astype(np.float32)
    xb = np.round(rng.uniform(-1, 1, size=(2, 3, 4)), 3).astype(np.float32)
    ys = [np.asarray(y) for y in model([xa, xb])]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_nnrest.keras"))
    doc = {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "shape": list(xa.shape),
           "outputs": [np.asarray(y, dtype=np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_nnrest_golden.json"), "w") as f:
        json.dump(doc, f)


if "--interop" in sys.argv:
    interop()
else:
    golden()

"""Reference values for the keras.ops arguments issue 16 part "args a" adds to Strata: linspace/logspace/geomspace
with tensor bounds (broadcast), axis, endpoint, retstep and dtype; arange with dtype; scatter with broadcast values;
scatter_update with every reduction; unique along an axis. From Keras 3 (keras.ops, JAX backend, float32, JAX's
default of no 64-bit types), gradients from jax.grad of sum(W * f(x)).

Writes the Java test class Ops16ArgsAGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_args_a.py > strata-core/src/test/java/dev/strata/ops/Ops16ArgsAGolden.java

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops16_args_a.keras         a Functional model (inputs a of shape (3,), b of shape (2, 3)) using these ops as Keras
                             writes them, for Strata to load
  ops16_args_a_golden.json   its inputs and Keras's predictions

Integer results are written as floats, as Strata holds them.
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
from _common import arr as jarr, java_class, shp  # noqa: E402

inf, nan = np.inf, np.nan
rng = np.random.default_rng(1616)
lines = []


def arr(name, values, comment=None):
    if comment:
        lines.append(f"/** {comment} */")
    v = np.asarray(values).astype(np.float32)
    lines.append(f"static final float[] {name} = {jarr(v)};")
    lines.append(f"static final int[] {name}_SHAPE = {shp(v)};")


def grads(f, args, w):
    return jax.grad(lambda *v: jnp.sum(jnp.asarray(w) * f(*v).astype(jnp.float32)), argnums=tuple(range(len(args))))(
        *[jnp.asarray(a) for a in args])


# ---- linspace / logspace / geomspace ---------------------------------------------------------------------------
S = np.array([[-1.5], [2.0]], np.float32)  # (2, 1)
E = np.array([0.5, 3.0, -4.0], np.float32)  # (3,): bounds broadcast to (2, 3)
arr("S", S, "linspace's start (2, 1) and stop (3,), broadcast to (2, 3).")
arr("E", E)
LIN = {  # name: (num, endpoint, dtype, axis)
    "LIN_5_AX0": (5, True, None, 0),
    "LIN_4_OPEN_AXM1": (4, False, None, -1),
    "LIN_4_AX1": (4, True, None, 1),
    "LIN_1": (1, True, None, 0),
    "LIN_1_OPEN": (1, False, None, 2),
    "LIN_0": (0, True, None, 1),
    "LIN_7_INT32_AX2": (7, True, "int32", 2),
    "LIN_6_UINT8_OPEN": (6, False, "uint8", 0),
    "LIN_5_FLOAT16_AXM2": (5, True, "float16", -2),
}
for name, (num, endpoint, dtype, axis) in LIN.items():
    y = ops.linspace(S, E, num, endpoint=endpoint, dtype=dtype, axis=axis)
    arr(name, y)
    _, step = ops.linspace(S, E, num, endpoint=endpoint, retstep=True, dtype=dtype, axis=axis)
    arr(name + "_STEP", step)
    if dtype is None and num > 0:
        w = rng.uniform(-1, 1, np.shape(y)).astype(np.float32)
        arr(name + "_W", w)
        gs, ge = grads(lambda s, e: jnp.linspace(s, e, num, endpoint=endpoint, axis=axis), (S, E), w)
        arr(name + "_GS", gs)
        arr(name + "_GE", ge)
# scalar bounds with an axis (a 1-D result, as numpy's) and a scalar start against a vector stop
arr("LIN_SCALAR_AXM1", ops.linspace(2.0, 3.0, 5, axis=-1))
arr("LIN_SCALAR_VEC", ops.linspace(np.float32(1.0), E, 3, axis=1))

LOG = {  # name: (num, endpoint, base, dtype, axis)
    "LOG_4_BASE2_AX1": (4, True, 2.0, None, 1),
    "LOG_5_OPEN": (5, False, 10.0, None, 0),
    "LOG_3_BASE05_AXM1": (3, True, 0.5, None, -1),
    "LOG_4_INT32": (4, True, 3.0, "int32", 0),
}
for name, (num, endpoint, base, dtype, axis) in LOG.items():
    y = ops.logspace(S, E, num, endpoint=endpoint, base=base, dtype=dtype, axis=axis)
    arr(name, y)
    if dtype is None:
        w = rng.uniform(-1, 1, np.shape(y)).astype(np.float32)
        arr(name + "_W", w)
        gs, ge = grads(lambda s, e: jnp.logspace(s, e, num, endpoint=endpoint, base=base, axis=axis), (S, E), w)
        arr(name + "_GS", gs)
        arr(name + "_GE", ge)

GS = np.array([[1.0], [8.0]], np.float32)
GE = np.array([2.0, 1000.0, 0.5], np.float32)
GS_NEG = np.array([-1.0, -3.0], np.float32)
GE_NEG = np.array([[-16.0], [-0.25]], np.float32)
arr("GS", GS, "geomspace's bounds: positive (2, 1) and (3,), negative (2,) and (2, 1).")
arr("GE", GE)
arr("GS_NEG", GS_NEG)
arr("GE_NEG", GE_NEG)
GEO = {  # name: (start, stop, num, endpoint, dtype, axis)
    "GEO_4_AX0": ("GS", "GE", 4, True, None, 0),
    "GEO_5_OPEN_AXM1": ("GS", "GE", 5, False, None, -1),
    "GEO_NEG_3_AX1": ("GS_NEG", "GE_NEG", 3, True, None, 1),
}
BOUNDS = {"GS": GS, "GE": GE, "GS_NEG": GS_NEG, "GE_NEG": GE_NEG}
for name, (s, e, num, endpoint, dtype, axis) in GEO.items():
    y = ops.geomspace(BOUNDS[s], BOUNDS[e], num, endpoint=endpoint, dtype=dtype, axis=axis)
    arr(name, y)
    if dtype is None:
        w = rng.uniform(-1, 1, np.shape(y)).astype(np.float32)
        arr(name + "_W", w)
        gs, ge = grads(lambda a, b: jnp.geomspace(a, b, num, endpoint=endpoint, axis=axis),
                       (BOUNDS[s], BOUNDS[e]), w)
        arr(name + "_GS", gs)
        arr(name + "_GE", ge)

# ---- arange with dtype -----------------------------------------------------------------------------------------
ARANGE = {
    "AR_INT32_FRAC": (0.5, 5, 1.5, "int32"),
    "AR_INT32_NEG": (-3.7, 2, 1.9, "int16"),
    "AR_INT32_ZERO_STEP": (0, 1, 0.3, "int32"),
    "AR_INT32_DOWN": (5.5, 0, -2.5, "int32"),
    "AR_UINT8_WRAP": (-2, 3, 1, "uint8"),
    "AR_INT8_WRAP": (250, 260, 1, "int8"),
    "AR_FLOAT16": (0.1, 1, 0.3, "float16"),
    "AR_BFLOAT16": (1, 2, 0.1, "bfloat16"),
    "AR_FLOAT32": (0, 1, 0.1, "float32"),
    "AR_INT64": (2, 9, 3, "int64"),
    "AR_UINT32_EMPTY": (3, 1, 1, "uint32"),
}
for name, (a, b, c, dtype) in ARANGE.items():
    arr(name, ops.arange(a, b, c, dtype=dtype))

# ---- scatter with broadcast values -----------------------------------------------------------------------------
IDX = np.array([[0], [3], [0]], np.int32)  # a duplicate: added
arr("SC_IDX", IDX, "scatter: indices (3, 1) into shape (4, 5), values broadcast to (3, 5).")
SCATTER = {
    "SC_SCALAR": (IDX, np.float32(2.5), (4, 5)),
    "SC_ROW": (IDX, rng.uniform(-1, 1, (5,)).astype(np.float32), (4, 5)),
    "SC_COLUMN": (IDX, rng.uniform(-1, 1, (3, 1)).astype(np.float32), (4, 5)),
    "SC_BATCHED": (np.array([[[0, 1], [2, 2]], [[0, 1], [1, 0]]], np.int32),
                   rng.uniform(-1, 1, (2, 1)).astype(np.float32), (3, 3)),
}
for name, (idx, values, shape) in SCATTER.items():
    arr(name + "_INDICES", idx)
    arr(name + "_VALUES", values)
    y = ops.scatter(idx, values, shape)
    arr(name, y)
    w = rng.uniform(-1, 1, np.shape(y)).astype(np.float32)
    arr(name + "_W", w)
    (gv,) = grads(lambda v, idx=idx, shape=shape: ops.scatter(idx, v, shape), (values,), w)
    arr(name + "_GV", gv)

# ---- scatter_update with reductions ----------------------------------------------------------------------------
X = np.array([[1.0, 5.0, -2.0], [3.0, 0.5, 4.0], [2.0, 2.0, 2.0], [-1.0, 7.0, 0.0]], np.float32)
UIDX = np.array([[0], [2], [0], [-1], [7]], np.int32)  # a duplicate, a negative index, one dropped
U = np.array([[4.0, 5.0, -3.0], [2.0, 1.0, 9.0], [4.0, -1.0, -2.0], [0.5, 7.0, -1.0], [8.0, 8.0, 8.0]], np.float32)
arr("SU_X", X, "scatter_update: inputs (4, 3), indices (5, 1) with a duplicate, a negative and a dropped one; "
               "updates (5, 3) with ties against each other and the inputs.")
arr("SU_IDX", UIDX)
arr("SU_U", U)
W = rng.uniform(-1, 1, X.shape).astype(np.float32)
arr("SU_W", W)
for r in [None, "add", "max", "min", "mul"]:
    name = "SU_" + (r or "none").upper()
    arr(name, ops.scatter_update(X, UIDX, U, reduction=r))
    if r != "mul":  # JAX's scatter_mul has no gradient for indices that may repeat
        gx, gu = grads(lambda x, u, r=r: ops.scatter_update(x, UIDX, u, reduction=r), (X, U), W)
        arr(name + "_GX", gx)
        arr(name + "_GU", gu)
# mul's gradient where JAX gives one: unique indices
UNIQ = np.array([[1], [3]], np.int32)
UM = np.array([[2.0, -1.0, 0.0], [3.0, 0.5, 2.0]], np.float32)
arr("SU_MUL_UNIQUE_IDX", UNIQ)
arr("SU_MUL_UNIQUE_U", UM)
gx, gu = grads(lambda x, u: x.at[tuple(jnp.transpose(UNIQ))].multiply(u, unique_indices=True), (X, UM), W)
arr("SU_MUL_UNIQUE", ops.scatter_update(X, UNIQ, UM, reduction="mul"))
arr("SU_MUL_UNIQUE_GX", gx)
arr("SU_MUL_UNIQUE_GU", gu)
# broadcast updates (a scalar, a row) with max
arr("SU_MAX_SCALAR", ops.scatter_update(X, UIDX, np.float32(3.0), reduction="max"))
arr("SU_ROW", np.asarray(U[0]))
arr("SU_MIN_ROW", ops.scatter_update(X, UIDX, U[0], reduction="min"))

# ---- unique along an axis --------------------------------------------------------------------------------------
UX = np.array([[2.0, 1.0, 2.0, 0.0], [0.0, 3.0, 0.0, 3.0], [2.0, 1.0, 2.0, 0.0], [0.0, -1.0, 0.0, 3.0]], np.float32)
UN = np.array([[1.0, 2.0, 1.0, 2.0], [3.0, nan, 3.0, nan], [0.0, 5.0, 0.0, 5.0]], np.float32)
U3 = np.array([[[1, 2], [1, 2], [0, 0]], [[5, 5], [5, 5], [1, 1]]], np.float32)  # (2, 3, 2)
arr("UX", UX, "unique: rows/columns with duplicates; NaN columns (each distinct, equal_nan=False); rank 3.")
arr("UN", UN)
arr("U3", U3)
UNIQUE = {  # name: (x, axis, size, fill_value)
    "UQ_UX_AX0": ("UX", 0, None, None),
    "UQ_UX_AX1": ("UX", 1, None, None),
    "UQ_UX_AXM1_SIZE5": ("UX", -1, 5, None),
    "UQ_UX_AX0_SIZE2": ("UX", 0, 2, None),
    "UQ_UX_AX0_SIZE4_FILL": ("UX", 0, 4, 9.0),
    "UQ_UN_AX1": ("UN", 1, None, None),
    "UQ_U3_AX1": ("U3", 1, None, None),
    "UQ_U3_AX0": ("U3", 0, None, None),
    "UQ_U3_AX2": ("U3", 2, None, None),
}
XS = {"UX": UX, "UN": UN, "U3": U3}
for name, (x, axis, size, fill) in UNIQUE.items():
    v, i, inv, c = ops.unique(XS[x], return_index=True, return_inverse=True, return_counts=True, axis=axis,
                              size=size, fill_value=fill)
    arr(name, v)
    arr(name + "_INDEX", i)
    arr(name + "_INVERSE", inv)
    arr(name + "_COUNTS", c)


def interop():
    """The Keras-saved model for Strata to load (see the module docstring)."""
    keras.utils.clear_session()
    a = keras.Input((3,), name="a")
    b = keras.Input((2, 3), name="b")
    pos_a = ops.abs(a) + 1.0
    outs = [
        ops.linspace(a, b, 4, axis=1),
        ops.linspace(a, 2.0, 3, endpoint=False, axis=-1),
        ops.linspace(b, a, 5, dtype="int32", axis=2),
        ops.logspace(a, b, 3, base=2, axis=0),  # a whole base is written as an int, as Strata writes it
        ops.logspace(a, 1.0, 4, endpoint=False, axis=-1),
        ops.geomspace(pos_a, ops.abs(b) + 0.5, 3, axis=2),
        ops.geomspace(pos_a, 10.0, 4, endpoint=False),
        ops.scatter(np.array([[0], [3]], np.int32), ops.sum(b, axis=2), (4, 2)),
        ops.scatter(np.array([[1], [1]], np.int32), ops.sum(b, axis=(0, 2)), (3, 2)),  # broadcast row, duplicate
        ops.scatter_update(b, np.array([[0, 1], [0, 1]], np.int32), a, reduction="max"),
        ops.scatter_update(b, np.array([[0, 1, 2], [1, 0, 1]], np.int32), np.array([0.5, -2.0], np.float32),
                           reduction="min"),
        ops.scatter_update(b, np.array([[0, 1], [0, 1], [1, 0]], np.int32), np.array([2.0, -3.0, 0.5], np.float32),
                           reduction="mul"),
    ]
    model = keras.Model([a, b], outs, name="ops16_args_a")
    xa = np.round(rng.uniform(-1, 1, size=(2, 3)), 3).astype(np.float32)
    xb = np.round(rng.uniform(-1, 1, size=(2, 2, 3)), 3).astype(np.float32)
    ys = model.predict([xa, xb], verbose=0, batch_size=2)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_args_a.keras"))
    doc = {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "a_shape": list(xa.shape), "b_shape": list(xb.shape),
           "outputs": [np.asarray(y).astype(np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_args_a_golden.json"), "w") as f:
        json.dump(doc, f)


if "--interop" in sys.argv:
    interop()
    sys.exit(0)

print(java_class("dev.strata.ops", "Ops16ArgsAGolden", "tools/golden/ops16_args_a.py", lines,
                 doc="Reference values of issue 16's keras.ops arguments, part a (gradients by jax.grad of "
                     "sum(W * f(x))), from Keras"), end="")

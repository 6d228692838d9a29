"""Reference values for the keras.ops.core ops that issue 16 adds to Strata (unstack, cast, saturate_cast,
convert_to_tensor, scatter, scatter_update, slice_update, custom_gradient, vectorized_map, and linalg.jvp), from Keras 3 (keras.ops,
JAX backend, float32, JAX's default of no 64-bit types), with gradients from jax.grad of sum(W * f(x)).

Writes the Java test class Ops16CoreGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_core.py > strata-core/src/test/java/dev/strata/ops/Ops16CoreGolden.java

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops16_core.keras         a Functional model (inputs a, b of shape (3, 5)) whose outputs use these ops as Keras
                           writes them, for Strata to load
  ops16_core_golden.json   its inputs and Keras's predictions

Casts run on JAX arrays (as in a model): XLA's float-to-integer conversion saturates, while NumPy's (what
keras.ops.cast does to a NumPy argument, on the host) wraps; Strata follows the former. Integer and bool results are
written as floats, as Strata holds them.
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
from _common import arr as jarr, java_class  # noqa: E402

inf, nan = np.inf, np.nan
rng = np.random.default_rng(16)
lines = []


def arr(name, values, comment=None):
    if comment:
        lines.append(f"/** {comment} */")
    lines.append(f"static final float[] {name} = {jarr(np.asarray(values, dtype=np.float32))};")


def f32(x):
    return np.asarray(x).astype(np.float32)


def grad_sum_w(f, x, w):
    return jax.grad(lambda v: jnp.sum(jnp.asarray(w) * jnp.asarray(f(v), jnp.float32)))(jnp.asarray(x))


# ---- cast and saturate_cast -----------------------------------------------------------------------------------
X = np.array([-300.7, -129, -128.5, -1.5, -0.5, -0.0, 0.4, 0.5, 1.5, 2.5, 127.9, 128, 255.5, 256, 70000, 65519,
              65520, 3e9, -3e9, 1e20, 2147483648.0, 4294967296.0, 3.3961e38, inf, -inf, nan], np.float32)
DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bfloat16", "float16",
          "float32", "float64"]
arr("X", X, "Arguments of the casts: halves, type edges, overflow, infinities, NaN.")
for d in DTYPES:
    arr("CAST_" + d.upper(), f32(ops.cast(jnp.asarray(X), d)))
    arr("SATURATE_" + d.upper(), f32(ops.saturate_cast(jnp.asarray(X), d)))
# gradients of float casts: the cotangent rounded to the target's precision; saturate's clip zeroes it outside
XG = np.array([-300.7, -1.5, 0.4, 2.5, 1000.3, 70000, -70000, 1e-9], np.float32)
WG = np.array([0.3, 1.0 / 3, 1.2345678, -2.7182817, 1e-8, 5.5, 0.7, 65536.7], np.float32)
arr("XG", XG, "Arguments of the cast gradients, with weights WG (not representable in float16 or bfloat16).")
arr("WG", WG)
for d in ["float16", "bfloat16", "float32", "int32", "bool"]:
    arr("CAST_GRAD_" + d.upper(), grad_sum_w(lambda v: ops.cast(v, d), XG, WG))
    arr("SATURATE_GRAD_" + d.upper(), grad_sum_w(lambda v: ops.saturate_cast(v, d), XG, WG))

# ---- unstack ---------------------------------------------------------------------------------------------------
T = np.round(rng.uniform(-2, 2, size=(2, 3, 4)), 2).astype(np.float32)
W = np.round(rng.uniform(0.5, 1.5, size=(2, 3, 4)), 2).astype(np.float32)
arr("T", T, "A (2, 3, 4) tensor and weights W of its shape.")
arr("W", W)
for axis in [0, 1, 2, -1]:
    parts = ops.unstack(jnp.asarray(T), axis=axis)
    name = f"UNSTACK_AXIS{axis}".replace("-", "M")
    arr(name, np.stack([f32(p) for p in parts]), f"unstack(T, axis={axis}), stacked on axis 0.")
    wparts = ops.unstack(jnp.asarray(W), axis=axis)

    # only the first and last parts are used: the others get no gradient (zeros)
    def used(v, axis=axis, wparts=wparts):
        p = ops.unstack(v, axis=axis)
        return jnp.sum(wparts[0] * p[0]) + jnp.sum(wparts[-1] * jnp.sin(p[-1]))

    arr(name + "_GRAD", jax.grad(used)(jnp.asarray(T)))

# ---- scatter -----------------------------------------------------------------------------------------------------
# k = 1 into (4, 3): duplicates add, -1 is the last row, 4 and -5 are out of bounds (dropped)
SI1 = np.array([[0], [2], [0], [-1], [4], [-5]], np.float32)
SV1 = np.round(rng.uniform(-2, 2, size=(6, 3)), 2).astype(np.float32)
SW1 = np.round(rng.uniform(0.5, 1.5, size=(4, 3)), 2).astype(np.float32)
arr("SI1", SI1, "scatter(SI1 (6, 1), SV1 (6, 3), (4, 3)) and its gradient w.r.t. SV1 for weights SW1.")
arr("SV1", SV1)
arr("SW1", SW1)
arr("SCATTER1", ops.scatter(jnp.asarray(SI1, jnp.int32), jnp.asarray(SV1), (4, 3)))
arr("SCATTER1_GRAD", grad_sum_w(lambda v: ops.scatter(jnp.asarray(SI1, jnp.int32), v, (4, 3)), SV1, SW1))
# k = 2 into (2, 3, 2): full index tuples address (2,)-blocks
SI2 = np.array([[0, 1], [1, 2], [0, 1], [1, -3], [0, 3]], np.float32)
SV2 = np.round(rng.uniform(-2, 2, size=(5, 2)), 2).astype(np.float32)
SW2 = np.round(rng.uniform(0.5, 1.5, size=(2, 3, 2)), 2).astype(np.float32)
arr("SI2", SI2, "scatter(SI2 (5, 2), SV2 (5, 2), (2, 3, 2)), gradient for weights SW2.")
arr("SV2", SV2)
arr("SW2", SW2)
arr("SCATTER2", ops.scatter(jnp.asarray(SI2, jnp.int32), jnp.asarray(SV2), (2, 3, 2)))
arr("SCATTER2_GRAD", grad_sum_w(lambda v: ops.scatter(jnp.asarray(SI2, jnp.int32), v, (2, 3, 2)), SV2, SW2))

# ---- scatter_update ----------------------------------------------------------------------------------------------
UX = np.round(rng.uniform(-2, 2, size=(4, 3)), 2).astype(np.float32)
UW = np.round(rng.uniform(0.5, 1.5, size=(4, 3)), 2).astype(np.float32)
UI = np.array([[1, 2], [3, 0], [1, 2], [0, -1], [5, 0]], np.float32)  # a duplicate, a negative, one dropped
UU = np.array([1.5, -2.25, 3.0, 0.75, 9.0], np.float32)
UIR = np.array([[2], [0], [2]], np.float32)  # whole rows, a duplicate
UUR = np.round(rng.uniform(-2, 2, size=(3, 3)), 2).astype(np.float32)
for name, v in [("UX", UX), ("UW", UW), ("UI", UI), ("UU", UU), ("UIR", UIR), ("UUR", UUR)]:
    arr(name, v, "scatter_update arguments." if name == "UX" else None)
for suffix, idx, upd in [("", UI, UU), ("_ROWS", UIR, UUR)]:
    for red in [None, "add"]:
        name = "SCATTER_UPDATE" + suffix + ("_ADD" if red else "")
        f = lambda x, u, idx=idx, red=red: ops.scatter_update(x, jnp.asarray(idx, jnp.int32), u, reduction=red)
        arr(name, f(jnp.asarray(UX), jnp.asarray(upd)))
        gx, gu = jax.grad(lambda x, u: jnp.sum(jnp.asarray(UW) * f(x, u)), argnums=(0, 1))(jnp.asarray(UX),
                                                                                         jnp.asarray(upd))
        arr(name + "_GRAD_INPUTS", gx)
        arr(name + "_GRAD_UPDATES", gu)

# ---- slice_update --------------------------------------------------------------------------------------------------
LX = np.round(rng.uniform(-2, 2, size=(4, 5)), 2).astype(np.float32)
LU = np.round(rng.uniform(-2, 2, size=(2, 3)), 2).astype(np.float32)
LW = np.round(rng.uniform(0.5, 1.5, size=(4, 5)), 2).astype(np.float32)
arr("LX", LX, "slice_update(LX (4, 5), start, LU (2, 3)); starts out of range are clamped, as JAX clamps them.")
arr("LU", LU)
arr("LW", LW)
for name, start in [("1_2", (1, 2)), ("3_4", (3, 4)), ("M1_0", (-1, 0)), ("0_0", (0, 0))]:
    f = lambda x, u, start=start: ops.slice_update(x, start, u)
    arr("SLICE_UPDATE_" + name, f(jnp.asarray(LX), jnp.asarray(LU)))
    gx, gu = jax.grad(lambda x, u: jnp.sum(jnp.asarray(LW) * f(x, u)), argnums=(0, 1))(jnp.asarray(LX),
                                                                                     jnp.asarray(LU))
    arr("SLICE_UPDATE_" + name + "_GRAD_INPUTS", gx)
    arr("SLICE_UPDATE_" + name + "_GRAD_UPDATES", gu)

# ---- vectorized_map --------------------------------------------------------------------------------------------
M = np.round(rng.uniform(-1, 1, size=(4, 2)), 2).astype(np.float32)
arr("M", M, "vectorized_map(lambda e: tanh(e @ M) * sum(e), T) and its gradient for weights VW.")
VW = np.round(rng.uniform(0.5, 1.5, size=(2, 3, 2)), 2).astype(np.float32)
arr("VW", VW)
vf = lambda v: ops.vectorized_map(lambda e: ops.tanh(ops.matmul(e, M)) * ops.sum(e), v)
arr("VMAP", vf(jnp.asarray(T)))
arr("VMAP_GRAD", grad_sum_w(vf, T, VW))


# ---- custom_gradient -------------------------------------------------------------------------------------------
@ops.custom_gradient
def log1pexp(x):
    e = ops.exp(x)

    def grad(upstream):
        return ops.multiply(upstream, 1.0 - 1.0 / ops.add(1, e))

    return ops.log(1 + e), grad


@ops.custom_gradient
def clip_grad(x):
    # identity forward, gradient clipped to [-0.5, 0.5] (the custom rule differs from the true one)
    def grad(upstream):
        return ops.clip(upstream, -0.5, 0.5)

    return x * 1.0, grad


CX = np.array([-100, -3, -0.5, 0, 0.5, 3, 50, 100], np.float32)
CW = np.array([1, -2, 0.25, 0.75, -0.3, 0.9, 1.5, -1], np.float32)
arr("CX", CX, "custom_gradient: log1pexp (Keras's example, stable gradient) and clip_grad, weights CW.")
arr("CW", CW)
arr("LOG1PEXP", log1pexp(jnp.asarray(CX)))
arr("LOG1PEXP_GRAD", grad_sum_w(log1pexp, CX, CW))
arr("CLIP_GRAD", grad_sum_w(clip_grad, CX, CW))

# ---- linalg.jvp --------------------------------------------------------------------------------------------------
JX = np.round(rng.uniform(-1, 1, size=(2, 3)), 2).astype(np.float32)
JW = np.round(rng.uniform(-1, 1, size=(3, 2)), 2).astype(np.float32)
JTX = np.round(rng.uniform(-1, 1, size=(2, 3)), 2).astype(np.float32)
JTW = np.round(rng.uniform(-1, 1, size=(3, 2)), 2).astype(np.float32)
for name, v in [("JX", JX), ("JW", JW), ("JTX", JTX), ("JTW", JTW)]:
    arr(name, v, "jvp(lambda x, w: tanh(x @ w) * sum(x), (JX, JW), (JTX, JTW))." if name == "JX" else None)
jy, jt = ops.jvp(lambda x, w: ops.tanh(ops.matmul(x, w)) * ops.sum(x), (jnp.asarray(JX), jnp.asarray(JW)),
                 (jnp.asarray(JTX), jnp.asarray(JTW)))
arr("JVP_PRIMAL", jy)
arr("JVP_TANGENT", jt)


def interop():
    """The Keras-saved model for Strata to load (see the module docstring)."""
    keras.utils.clear_session()
    a = keras.Input((3, 5), name="a")
    b = keras.Input((3, 5), name="b")
    outs = [
        *ops.unstack(a, axis=1),
        *ops.unstack(b, num=5, axis=-1)[:2],
        ops.cast(a * 200, "int8"), ops.cast(a * 300, "uint8"), ops.cast(a, "float16"), ops.cast(a, "bfloat16"),
        ops.cast(ops.floor(b), "bool"), ops.cast(a * 1e5, "int16"),
        ops.saturate_cast(a * 300, "uint8"), ops.saturate_cast(a * 1e5, "float16"),
        ops.saturate_cast(b, "bool"),
        ops.convert_to_tensor(a), ops.convert_to_tensor(a, dtype="bfloat16"),
        ops.scatter(np.array([[0], [3], [0]], np.int32), ops.sum(a, axis=0), (4, 5)),
        ops.scatter_update(a, np.array([[0, 1, 2], [1, 0, 0], [0, 1, 2]], np.int32),
                           np.array([5.0, -6.0, 7.0], np.float32)),
        ops.scatter_update(a, np.array([[1, 2], [0, 0], [1, 2]], np.int32), ops.sum(b, axis=0), reduction="add"),
        ops.slice_update(a, [0, 1, 2], ops.slice(b, [0, 0, 0], [4, 2, 2])),
    ]
    model = keras.Model([a, b], outs, name="ops16_core")
    xa = np.round(rng.uniform(-1, 1, size=(4, 3, 5)), 3).astype(np.float32)
    xb = np.round(rng.uniform(-1, 1, size=(4, 3, 5)), 3).astype(np.float32)
    ys = model.predict([xa, xb], verbose=0, batch_size=4)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_core.keras"))
    doc = {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "shape": list(xa.shape),
           "outputs": [np.asarray(y).astype(np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_core_golden.json"), "w") as f:
        json.dump(doc, f)


if "--interop" in sys.argv:
    interop()
    sys.exit(0)

print(java_class("dev.strata.ops", "Ops16CoreGolden", "tools/golden/ops16_core.py", lines,
                 doc="Reference values of issue 16's keras.ops.core ops (gradients by jax.grad of sum(W * f(x))), "
                     "from Keras"), end="")

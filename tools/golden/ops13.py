"""Reference values for the keras.ops that issue 13 adds to Strata (trigonometric, rounding, cumulative, sorting,
logical, floating-point class and triangle ops), from Keras 3 (keras.ops, JAX backend, float32), with gradients
from jax.grad through the same ops.

Writes the Java test class Ops13Golden:

    KERAS_BACKEND=jax python tools/golden/ops13.py > strata-core/src/test/java/dev/strata/ops/Ops13Golden.java

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops13.keras         a Functional model (inputs a, b of shape (3, 5)) whose outputs are each of these ops, as Keras
                      writes them (axis None, dtype, sorted, posinf None, ...), for Strata to load
  ops13_golden.json   its inputs and Keras's predictions

    KERAS_BACKEND=jax python tools/golden/ops13.py --interop

Every gradient is of sum(W * f(x)) for a fixed weight tensor W of f(x)'s shape (elementwise ops: W = 1), so a
gradient that ignored the routing of values would show. Integer results (argsort, top_k's indices) and booleans are
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

inf, nan = np.inf, np.nan

# Arguments for the elementwise functions: domain edges, signed zeros, large values and the non-finite ones.
X = np.array([-100, -10, -3, -2, -1.5, -1.0001, -1, -0.999, -0.5, -0.1, -1e-4, -0.0, 0.0, 1e-4, 0.1, 0.5, 0.999, 1,
              1.0001, 1.5, 2, 3, 10, 100, inf, -inf, nan], dtype=np.float32)

UNARY = [
    ("SIN", ops.sin), ("COS", ops.cos), ("TAN", ops.tan), ("ARCSIN", ops.arcsin), ("ARCCOS", ops.arccos),
    ("ARCTAN", ops.arctan), ("SINH", ops.sinh), ("COSH", ops.cosh), ("ARCSINH", ops.arcsinh),
    ("ARCCOSH", ops.arccosh), ("ARCTANH", ops.arctanh),
]
NOT_DIFFERENTIABLE = [
    ("FLOOR", ops.floor), ("CEIL", ops.ceil), ("TRUNC", ops.trunc), ("ROUND", ops.round),
    ("ISNAN", ops.isnan), ("ISINF", ops.isinf), ("ISFINITE", ops.isfinite), ("LOGICAL_NOT", ops.logical_not),
    ("NAN_TO_NUM", ops.nan_to_num),
    ("NAN_TO_NUM_1_5_2_M3", lambda x: ops.nan_to_num(x, nan=1.5, posinf=2.0, neginf=-3.0)),
]

# round(x, decimals): halves, values whose scaled form is inexact, large values, and decimals beyond float32's range.
# Not 38: XLA turns JAX's division by 1e38 into a multiplication by 1e-38, a subnormal it flushes to zero, so Keras
# gives 0 (or NaN); Strata keeps the reciprocal.
R = np.array([1.2345, 2.5, 3.5, -2.5, 0.125, -0.125, 0.375, 1234.5678, 15, 25, -35, 149.99, 1e-5, 5e-3, 1e30, 3.4e38,
              -3.4e38, 0.0, -0.0, inf, nan], dtype=np.float32)
DECIMALS = [0, 1, 2, 3, -1, -2, 5, 37, 39]

rng = np.random.default_rng(13)
T = np.round(rng.uniform(-2, 2, size=(2, 3, 4)), 2).astype(np.float32)
TZ = T.copy()
TZ[0, 1, 2] = 0.0  # zeros in cumprod rows: the gradient must be exact there
TZ[1, 0, 1] = 0.0
TZ[1, 2, 0] = 0.0
TZ[1, 2, 3] = 0.0
W = np.round(rng.uniform(0.5, 1.5, size=(2, 3, 4)), 2).astype(np.float32)
WFLAT = np.round(rng.uniform(0.5, 1.5, size=(24,)), 2).astype(np.float32)

# Sorting: ties, signed zeros, infinities and NaN in (3, 5) rows.
S = np.array([[3, 1, 2, 1, 0], [-0.0, 0.0, nan, -inf, 0.0], [2, nan, inf, 2, -1]], dtype=np.float32)
# Distinct values for gradients through sort and top_k (ties would make the routing a convention).
SD = np.round(rng.permutation(np.arange(-7, 8)).reshape(3, 5) * 0.25, 2).astype(np.float32)
WS = np.round(rng.uniform(0.5, 1.5, size=(3, 5)), 2).astype(np.float32)
# top_k's total order: ties to the lower index, +0 above -0, NaN above everything.
K = np.array([[1, 2, 2, 0, 2], [-0.0, 0.0, -1, nan, inf], [5, 4, 3, 2, 1]], dtype=np.float32)

# Logical ops broadcast: (3, 1) with (4,), NaN and -0.
LA = np.array([[0.0], [2.0], [nan]], dtype=np.float32)
LB = np.array([0.0, -0.0, -3.0, nan], dtype=np.float32)

# arctan2 broadcast (4, 1) with (5,), with signed zeros and infinities; gradients on finite non-origin points.
A1 = np.array([[0.0], [-0.0], [1.5], [-inf]], dtype=np.float32)
A2 = np.array([0.0, -0.0, -2.0, 3.0, inf], dtype=np.float32)
G1 = np.array([[0.5], [-1.25], [2.0]], dtype=np.float32)
G2 = np.array([1.0, -0.75, 0.3, -2.0], dtype=np.float32)
WA = np.round(rng.uniform(0.5, 1.5, size=(3, 4)), 2).astype(np.float32)

# nan_to_num's gradient: passes where x is finite.
N = np.array([1.0, nan, inf, -inf, -2.0, 0.0], dtype=np.float32)


def lit(v):
    v = np.float32(v)
    if np.isnan(v):
        return "Float.NaN"
    if np.isinf(v):
        return "Float.POSITIVE_INFINITY" if v > 0 else "Float.NEGATIVE_INFINITY"
    return str(v) + "f"  # numpy's shortest repr of the float32, which Java reads back to the same float


def arr(name, values, comment=None):
    a = np.asarray(values, dtype=np.float32)
    if comment:
        print(f"    /** {comment} */")
    body = ", ".join(lit(v) for v in a.reshape(-1))
    print(f"    static final float[] {name} = {{{body}}};")


def shape(name, values):
    dims = ", ".join(str(d) for d in np.asarray(values).shape)
    print(f"    static final int[] {name}_SHAPE = {{{dims}}};")


def grad_sum_w(f, x, w):
    return jax.grad(lambda v: jnp.sum(jnp.asarray(w) * f(v)))(jnp.asarray(x))


def elementwise_grad(f, x):
    return jax.vmap(jax.grad(lambda v: f(v)))(jnp.asarray(x))



def interop():
    """The Keras-saved model for Strata to load (see the module docstring)."""
    keras.utils.clear_session()
    a = keras.Input((3, 5), name="a")
    b = keras.Input((3, 5), name="b")
    steps = ops.floor(b)  # -1 or 0 for b in [-1, 1): a mix of true and false
    outs = [
        ops.sin(a), ops.cos(a), ops.tan(a), ops.arcsin(a * 0.9), ops.arccos(a * 0.9), ops.arctan(a * 3),
        ops.arctan2(a, b), ops.sinh(a), ops.cosh(a), ops.arcsinh(a * 3), ops.arccosh(ops.abs(a) + 1),
        ops.arctanh(a * 0.9), ops.floor(a * 4), ops.ceil(a * 4), ops.trunc(a * 4), ops.round(a * 40, -1),
        ops.round(a, 2), ops.cumsum(a, axis=1), ops.cumsum(a), ops.cumprod(a + 1, axis=-1), ops.sort(a),
        ops.sort(a, axis=1), ops.sort(a, axis=None), ops.argsort(a, axis=0), *ops.top_k(a, 2), *ops.top_k(a, 5, False),
        ops.logical_and(a, steps), ops.logical_or(steps, ops.floor(a)), ops.logical_xor(steps, a),
        ops.logical_not(steps), ops.isnan(ops.log(a)), ops.isinf(ops.divide(a, steps)), ops.isfinite(ops.log(a)),
        ops.nan_to_num(ops.divide(ops.log(a), steps)), ops.nan_to_num(ops.divide(ops.log(a), steps), nan=1.5, posinf=2.0, neginf=-3.0),
        ops.tril(a), ops.tril(a, k=-1), ops.triu(a, k=2),
    ]
    model = keras.Model([a, b], outs, name="ops13")
    xa = np.round(rng.uniform(-1, 1, size=(4, 3, 5)), 3).astype(np.float32)
    xb = np.round(rng.uniform(-1, 1, size=(4, 3, 5)), 3).astype(np.float32)
    ys = model.predict([xa, xb], verbose=0)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops13.keras"))
    doc = {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "shape": list(xa.shape),
           "outputs": [np.asarray(y, dtype=np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops13_golden.json"), "w") as f:
        json.dump(doc, f)


if "--interop" in sys.argv:
    interop()
    sys.exit(0)

print("package dev.strata.ops;")
print()
print("/**")
print(f" * Reference values of issue 13's keras.ops (Keras {keras.__version__}, jax backend, float32), gradients by")
print(" * jax.grad of {@code sum(W * f(x))}. Generated by {@code tools/golden/ops13.py}; do not edit by hand.")
print(" */")
print("final class Ops13Golden {")
arr("X", X, "Arguments of the elementwise functions.")
for name, f in UNARY:
    arr(name, f(X))
    arr(name + "_GRAD", elementwise_grad(f, X))
for name, f in NOT_DIFFERENTIABLE:
    arr(name, f(X))
print()
arr("R", R, "Arguments of round(x, decimals), for each decimals in ROUND_DECIMALS (ROUND_D<d>, M for minus).")
print(f"    static final int[] ROUND_DECIMALS = {{{', '.join(str(d) for d in DECIMALS)}}};")
for d in DECIMALS:
    arr(f"ROUND_D{d}".replace("-", "M"), ops.round(R, d))
print()
arr("T", T, "A (2, 3, 4) tensor for cumsum, with TZ (zeros in some rows) for cumprod; W weights the gradients.")
arr("TZ", TZ)
arr("W", W)
arr("W_FLAT", WFLAT, "Weights of the flattened (axis None) results.")
for axis in [None, 0, 1, -1]:
    tag = "FLAT" if axis is None else f"AXIS{axis}".replace("-", "M")
    w = WFLAT if axis is None else W
    arr(f"CUMSUM_{tag}", ops.cumsum(T, axis=axis))
    arr(f"CUMSUM_{tag}_GRAD", grad_sum_w(lambda v: ops.cumsum(v, axis=axis), T, w))
    arr(f"CUMPROD_{tag}", ops.cumprod(TZ, axis=axis))
    arr(f"CUMPROD_{tag}_GRAD", grad_sum_w(lambda v: ops.cumprod(v, axis=axis), TZ, w))
print()
arr("S", S, "A (3, 5) tensor with ties, signed zeros, infinities and NaN for sort and argsort.")
for axis in [None, 0, -1]:
    tag = "FLAT" if axis is None else f"AXIS{axis}".replace("-", "M")
    arr(f"SORT_{tag}", ops.sort(S, axis=axis))
    arr(f"ARGSORT_{tag}", ops.argsort(S, axis=axis))
arr("SD", SD, "Distinct values (3, 5) for gradients through sort and top_k, weighted by WS.")
arr("WS", WS)
arr("SORT_SD_AXIS0_GRAD", grad_sum_w(lambda v: ops.sort(v, axis=0), SD, WS))
arr("SORT_SD_AXISM1_GRAD", grad_sum_w(lambda v: ops.sort(v, axis=-1), SD, WS))
arr("K", K, "A (3, 5) tensor for top_k's order: ties, signed zeros, NaN.")
for k in [1, 3, 5]:
    values, indices = ops.top_k(K, k)
    arr(f"TOP_K{k}_VALUES", values)
    arr(f"TOP_K{k}_INDICES", indices)
    arr(f"TOP_K{k}_SD_GRAD", grad_sum_w(lambda v: ops.top_k(v, k)[0], SD, WS[:, :k]))
print()
arr("LA", LA, "(3, 1) and (4,) operands of the logical ops.")
arr("LB", LB)
arr("LOGICAL_AND", ops.logical_and(LA, LB))
arr("LOGICAL_OR", ops.logical_or(LA, LB))
arr("LOGICAL_XOR", ops.logical_xor(LA, LB))
print()
arr("A1", A1, "(4, 1) and (5,) operands of arctan2; G1 (3, 1), G2 (4,) and WA (3, 4) for its gradients.")
arr("A2", A2)
arr("ARCTAN2", ops.arctan2(A1, A2))
arr("G1", G1)
arr("G2", G2)
arr("WA", WA)
g1, g2 = jax.grad(lambda p, q: jnp.sum(jnp.asarray(WA) * ops.arctan2(p, q)), argnums=(0, 1))(jnp.asarray(G1),
                                                                                             jnp.asarray(G2))
arr("ARCTAN2_GRAD1", g1)
arr("ARCTAN2_GRAD2", g2)
print()
for k in [-1, 0, 1, 2]:
    tag = f"K{k}".replace("-", "M")
    arr(f"TRIL_{tag}", ops.tril(T, k))
    arr(f"TRIU_{tag}", ops.triu(T, k))
arr("TRIL_K1_GRAD", grad_sum_w(lambda v: ops.tril(v, 1), T, W))
arr("TRIU_KM1_GRAD", grad_sum_w(lambda v: ops.triu(v, -1), T, W))
print()
arr("N", N, "nan_to_num's gradient: it passes only where x is finite.")
arr("NAN_TO_NUM_GRAD", jax.grad(lambda v: jnp.sum(ops.nan_to_num(v) * jnp.arange(1.0, 7.0)))(jnp.asarray(N)))
print()
print("    private Ops13Golden() {")
print("    }")
print("}")

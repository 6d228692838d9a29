"""Reference values for the elementwise math, bitwise and integer keras.ops of issue 16 (keras.ops.numpy and
keras.ops.math: fabs ... erfinv, bitwise_*, shifts, gcd, lcm, ldexp), from Keras 3 (keras.ops, JAX backend,
float32), with gradients from jax.grad through the same ops.

Writes the Java test class Ops16ElemGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_elem.py > strata-core/src/test/java/dev/strata/ops/Ops16ElemGolden.java

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops16_elem.keras         a Functional model (float inputs a, b of shape (3, 5), int32 inputs i, j of shape (3, 5))
                           whose outputs are each of these ops, as Keras writes them, for Strata to load
  ops16_elem_golden.json   its inputs and Keras's predictions

Elementwise derivatives are jax.vmap(jax.grad(f)) at each element (so JAX's conventions at the edges: signed zeros,
infinities, NaN, mod's discontinuities); broadcast gradients are of sum(W * f(x1, x2)) for a fixed W. Integer-only
ops take int32 arrays, as Keras requires; Strata holds the same whole numbers in float32. Booleans are 1/0.
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
from keras.src.ops import math as kmath  # noqa: E402

from _common import arr, java_class, lit  # noqa: E402

inf, nan = np.inf, np.nan
f32 = np.float32

# Arguments of the unary functions: domain edges, signed zeros, whole numbers, large values, the non-finite ones.
X = np.array([-100, -10, -3, -2, -1.5, -1, -0.999, -0.5, -0.1, -1e-4, -0.0, 0.0, 1e-4, 0.1, 0.5, 0.999, 0.99999994,
              1, 1.5, 2, 3, 10, 90, 100, inf, -inf, nan], dtype=f32)

UNARY = [  # (name, function, differentiable)
    ("FABS", ops.fabs, True), ("ABSOLUTE", ops.absolute, False), ("CBRT", ops.cbrt, True), ("EXP2", ops.exp2, True),
    ("EXPM1", ops.expm1, True), ("LOG10", ops.log10, True), ("LOG2", ops.log2, True),
    ("DEG2RAD", ops.deg2rad, True), ("RAD2DEG", ops.rad2deg, True), ("RECIPROCAL", ops.reciprocal, True),
    ("SINC", ops.sinc, True), ("I0", ops.i0, True), ("ERFC", kmath.erfc, True), ("ERFINV", kmath.erfinv, True),
    ("REAL", ops.real, True), ("IMAG", ops.imag, True), ("CONJ", ops.conj, True), ("CONJUGATE", ops.conjugate, True),
    ("ANGLE", ops.angle, True), ("SIGNBIT", ops.signbit, False), ("ISNEGINF", ops.isneginf, False),
    ("ISPOSINF", ops.isposinf, False), ("ISREAL", ops.isreal, False),
]

# Binary ops broadcast (6, 1) with (7,): signed zeros, whole-number ratios (mod's discontinuities), infinities, NaN.
B1 = np.array([[-4.0], [-0.0], [0.0], [2.5], [inf], [nan]], dtype=f32)
B2 = np.array([2.0, -1.5, 0.0, -0.0, 0.75, inf, -inf], dtype=f32)
# Gradients on a finite grid (3, 1) with (4,), weighted by WB, and elementwise at edge pairs (E1[i], E2[i]).
G1 = np.array([[-2.6], [0.4], [3.0]], dtype=f32)
G2 = np.array([1.5, -0.7, 2.0, -1.2], dtype=f32)
rng = np.random.default_rng(16)
WB = np.round(rng.uniform(0.5, 1.5, size=(3, 4)), 2).astype(f32)
E1 = np.array([4, -4, 3, -3, 5.5, -5.5, 0, -0.0, 1, -1, 0, 0, 2, inf, -inf, 1, 2, 2, nan, -3], dtype=f32)
E2 = np.array([2, 2, -1.5, 1.5, 2, -2, 3, 3, inf, inf, 0, -0.0, 0, 1, 2, -inf, 2, -2, 1, -3], dtype=f32)

BINARY = [  # (name, function, differentiable)
    ("LOGADDEXP", ops.logaddexp, True), ("LOGADDEXP2", ops.logaddexp2, True), ("HYPOT", ops.hypot, True),
    ("HEAVISIDE", ops.heaviside, True), ("FMOD", ops.fmod, True), ("MOD", ops.mod, True),
    ("FLOOR_DIVIDE", ops.floor_divide, True), ("TRUE_DIVIDE", ops.true_divide, True),
    ("DIVIDE_NO_NAN", ops.divide_no_nan, True), ("FMAX", ops.fmax, True), ("FMIN", ops.fmin, True),
    ("NEXTAFTER", ops.nextafter, False), ("ISCLOSE", ops.isclose, False),
    ("ISCLOSE_1EM1_0P5_NAN", lambda p, q: ops.isclose(p, q, rtol=0.1, atol=0.5, equal_nan=True), False),
]
ALLCLOSE = [  # (name, x1, x2, kwargs)
    ("ALLCLOSE_SAME", B1, B1, {}), ("ALLCLOSE_SAME_NAN", B1, B1, {"equal_nan": True}),
    ("ALLCLOSE_NEAR", G2, G2 * f32(1 + 1e-6), {}), ("ALLCLOSE_FAR", G2, G2 + f32(1e-3), {}),
    ("ALLCLOSE_FAR_ATOL", G2, G2 + f32(1e-3), {"atol": 2e-3}), ("ALLCLOSE_BROADCAST", G1, np.array([1.0], f32), {}),
]

# Integer-only ops: int32 (6, 1) with (7,), negatives, zeros, int32's extremes; shift counts in and out of [0, 32).
I1 = np.array([[-7], [-1], [0], [5], [2147483520], [-2147483648]], dtype=np.int32)  # 2^31 - 128: int32 values float32 holds
I2 = np.array([0, 1, 3, -6, 12, -1, 255], dtype=np.int32)
S1 = np.array([[1], [-1], [5], [-8], [12345]], dtype=np.int32)
S2 = np.array([0, 1, 5, 31, 32, 33, -1, 40], dtype=np.int32)
G_1 = np.array([[12], [-12], [0], [7], [1]], dtype=np.int32)
G_2 = np.array([18, 0, -21, 35, 1], dtype=np.int32)
INTEGER = [
    ("BITWISE_AND", ops.bitwise_and, I1, I2), ("BITWISE_OR", ops.bitwise_or, I1, I2),
    ("BITWISE_XOR", ops.bitwise_xor, I1, I2), ("LEFT_SHIFT", ops.left_shift, S1, S2),
    ("RIGHT_SHIFT", ops.right_shift, S1, S2), ("BITWISE_LEFT_SHIFT", ops.bitwise_left_shift, S1, S2),
    ("BITWISE_RIGHT_SHIFT", ops.bitwise_right_shift, S1, S2), ("GCD", ops.gcd, G_1, G_2), ("LCM", ops.lcm, G_1, G_2),
]

# ldexp: normal results only (XLA on CPU flushes subnormals to 0, Strata keeps them), overflow, signed zero, NaN.
L1 = np.array([1.5, 0.75, 1, 3, -0.0, inf, -inf, nan, -2.5, 1e-3, 0.0, 6e37], dtype=f32)
L2 = np.array([2, 128, 200, -200, 3, 2, -1, 1, -3, 10, 5, 1], dtype=np.int32)


def elementwise_grad(f, x):
    return jax.vmap(jax.grad(f))(jnp.asarray(x))


def elementwise_grad2(f, a, b):
    return jax.vmap(jax.grad(f, (0, 1)))(jnp.asarray(a), jnp.asarray(b))


def grad_sum_w(f, a, b, w):
    return jax.grad(lambda p, q: jnp.sum(jnp.asarray(w) * f(p, q)), (0, 1))(jnp.asarray(a), jnp.asarray(b))


def interop():
    """The Keras-saved model for Strata to load (see the module docstring)."""
    keras.utils.clear_session()
    a = keras.Input((3, 5), name="a")
    b = keras.Input((3, 5), name="b")
    i = keras.Input((3, 5), name="i", dtype="int32")
    j = keras.Input((3, 5), name="j", dtype="int32")
    outs = [
        ops.fabs(a), ops.absolute(a), ops.abs(b), ops.cbrt(a), ops.exp2(a), ops.expm1(a), ops.log10(ops.abs(a)),
        ops.log2(ops.abs(b)), ops.logaddexp(a, b), ops.logaddexp2(a, b), ops.deg2rad(a * 180), ops.rad2deg(a),
        ops.reciprocal(a), ops.sinc(a * 3), ops.hypot(a, b), ops.heaviside(ops.floor(a), b), ops.fmod(a * 5, b),
        ops.mod(a * 5, b), ops.floor_divide(a * 5, b), ops.true_divide(a, b), ops.divide_no_nan(a, ops.floor(b)),
        ops.fmax(a, ops.log(b)), ops.fmin(ops.log(a), b), ops.nextafter(a, b), ops.signbit(a),
        ops.isneginf(ops.log(a)), ops.isposinf(ops.divide(a, ops.floor(b))), ops.isclose(a, a + b * 0.01),
        ops.isclose(a, a + b * 0.01, 1e-3, 5e-3, True), a + ops.allclose(a, a + b * 1e-6),
        a + ops.allclose(a, b, rtol=0.5, atol=2.0, equal_nan=True), ops.isreal(a), ops.real(a), ops.imag(a),
        ops.conj(a), ops.conjugate(b), ops.angle(a), ops.i0(a * 4), kmath.erfc(a * 3), kmath.erfinv(a * 0.99),
        ops.bitwise_and(i, j), ops.bitwise_or(i, j), ops.bitwise_xor(i, j), ops.bitwise_not(i),
        ops.bitwise_invert(j), ops.left_shift(i, ops.abs(j)), ops.right_shift(i, ops.abs(j)),
        ops.bitwise_left_shift(j, ops.abs(i)), ops.bitwise_right_shift(j, ops.abs(i)), ops.gcd(i, j), ops.lcm(i, j),
        ops.ldexp(a, j),
    ]
    model = keras.Model([a, b, i, j], outs, name="ops16_elem")
    xa = np.round(rng.uniform(-1, 1, size=(4, 3, 5)), 3).astype(f32)
    xb = np.round(rng.uniform(-1, 1, size=(4, 3, 5)), 3).astype(f32)
    xi = rng.integers(-9, 10, size=(4, 3, 5)).astype(np.int32)
    xj = rng.integers(-9, 10, size=(4, 3, 5)).astype(np.int32)
    ys = model.predict([xa, xb, xi, xj], verbose=0)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_elem.keras"))
    doc = {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "i": xi.ravel().tolist(), "j": xj.ravel().tolist(),
           "shape": list(xa.shape), "outputs": [np.asarray(y, dtype=f32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_elem_golden.json"), "w") as f:
        json.dump(doc, f)


def const(name, values, doc=None):
    lines = [f"/** {doc} */"] if doc else []
    return lines + [f"static final float[] {name} = {arr(values)};"]


def shape(name, values):
    return [f"static final int[] {name}_SHAPE = {{{', '.join(str(d) for d in np.shape(values))}}};"]


def body():
    out = const("X", X, "Arguments of the unary functions; NAME is f(X), NAME_GRAD is f' at each element (jax.grad).")
    for name, f, diff in UNARY:
        out += const(name, f(X))
        if diff:
            out += const(name + "_GRAD", elementwise_grad(f, X))
    out += [""]
    out += const("B1", B1, "Binary ops: B1 (6, 1) with B2 (7,), broadcast to (6, 7).") + shape("B1", B1)
    out += const("B2", B2) + shape("B2", B2)
    out += const("G1", G1, "Gradients of sum(WB * f(G1, G2)), G1 (3, 1) with G2 (4,): NAME_GRAD1, NAME_GRAD2.")
    out += const("G2", G2) + const("WB", WB)
    out += const("E1", E1, "Elementwise edge pairs (E1[i], E2[i]): NAME_EDGE_D1, NAME_EDGE_D2 are the partials there.")
    out += const("E2", E2)
    for name, f, diff in BINARY:
        out += const(name, f(B1, B2))
        if diff:
            g1, g2 = grad_sum_w(f, G1, G2, WB)
            out += const(name + "_GRAD1", g1) + const(name + "_GRAD2", g2)
            d1, d2 = elementwise_grad2(f, E1, E2)
            out += const(name + "_EDGE", f(E1, E2)) + const(name + "_EDGE_D1", d1) + const(name + "_EDGE_D2", d2)
    for name, p, q, kw in ALLCLOSE:
        out += [f"static final float {name} = {lit(float(ops.allclose(p, q, **kw)))};"]
    out += [""]
    out += const("I1", I1, "Integer-only ops: int32 I1 (6, 1) with I2 (7,); shifts S1 (5, 1) by S2 (8,); gcd and lcm "
                 "GCD1 (5, 1) with GCD2 (5,).") + shape("I1", I1) + const("I2", I2)
    out += const("S1", S1) + shape("S1", S1) + const("S2", S2)
    out += const("GCD1", G_1) + shape("GCD1", G_1) + const("GCD2", G_2)
    out += [f"/** int32 results written exactly (float32 rounds beyond 2^24). */"]
    for name, f, p, q in INTEGER:
        out += [f"static final long[] {name} = {{{', '.join(str(int(v)) + 'L' for v in np.asarray(f(p, q)).ravel())}}};"]
    for name, f in [("BITWISE_NOT", ops.bitwise_not), ("BITWISE_INVERT", ops.bitwise_invert)]:
        out += [f"static final long[] {name} = {{{', '.join(str(int(v)) + 'L' for v in np.asarray(f(I1)).ravel())}}};"]
    out += [""]
    out += const("L1", L1, "ldexp(L1, L2) and its derivative in L1 (L2 is an integer: no gradient).")
    out += const("L2", L2) + const("LDEXP", ops.ldexp(L1, L2))
    out += const("LDEXP_GRAD", jax.vmap(jax.grad(lambda p, q: ops.ldexp(p, q)))(jnp.asarray(L1), jnp.asarray(L2)))
    return out


if "--interop" in sys.argv:
    interop()
    sys.exit(0)

print(java_class("dev.strata.ops", "Ops16ElemGolden", "tools/golden/ops16_elem.py", body(),
                 doc="Reference values of issue 16's elementwise math, bitwise and integer keras.ops, from Keras"), end="")

"""Reference values for Strata's control-flow ops, from Keras 3 (keras.ops, JAX backend, float32): cond, switch,
while_loop, fori_loop, scan (forwards and reversed), map and associative_scan, with gradients from jax.grad through
the same Keras calls (JAX differentiates cond, switch, scan and fori_loop with static bounds; while_loop has no
reverse mode in JAX, so its gradient comes from the same loop written with a fixed trip count).

Writes the Java test class Ops16ControlGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_control.py > strata-core/src/test/java/dev/strata/ops/Ops16ControlGolden.java
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

from _common import arr, java_class  # noqa: E402

X = np.array([[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]], dtype=np.float32)
XS = np.array([[1.0, -2.0], [0.5, 3.0], [-1.5, 0.25], [2.0, 1.0]], dtype=np.float32)
E = np.array([0.5, -1.0, 2.0, 0.25, 3.0, -0.5, 1.5], dtype=np.float32)

lines = []


def const(name, value):
    lines.append(f"static final float[] {name} = {arr(value)};")


# cond: value-dependent branch, both ways, and its gradient
def cond_f(x):
    return ops.sum(ops.cond(ops.sum(x) > 0, lambda: ops.square(x) * 2.0, lambda: ops.sin(x)))


const("X", X)
const("COND_POS", ops.cond(ops.sum(X) > 0, lambda: ops.square(X) * 2.0, lambda: ops.sin(X)))
const("COND_NEG", ops.cond(ops.sum(-X) > 0, lambda: ops.square(-X) * 2.0, lambda: ops.sin(-X)))
const("COND_POS_GRAD", jax.grad(cond_f)(jnp.asarray(X)))
const("COND_NEG_GRAD", jax.grad(cond_f)(jnp.asarray(-X)))

# switch: clamped index, operands
branches = [lambda a: a + 1.0, lambda a: a * 3.0, lambda a: ops.exp(a)]
for index in (-1, 0, 1, 2, 5):
    const(f"SWITCH_{index}".replace("-", "M"), ops.switch(index, branches, X))
const("SWITCH_1_GRAD", jax.grad(lambda a: ops.sum(ops.switch(1, branches, a)))(jnp.asarray(X)))

# while_loop: halve until the squared norm is at most 1, count the steps
out = ops.while_loop(lambda v, n: ops.sum(ops.square(v)) > 1.0, lambda v, n: (v * 0.5, n + 1.0),
                     (X, np.float32(0)))
const("WHILE_VALUE", out[0])
const("WHILE_STEPS", [out[1]])
capped = ops.while_loop(lambda v, n: ops.sum(ops.square(v)) > 1.0, lambda v, n: (v * 0.5, n + 1.0),
                        (X, np.float32(0)), maximum_iterations=1)
const("WHILE_CAPPED", capped[0])


def while_fixed(x):  # the same loop with the trip count it ran, which JAX can differentiate
    v = x
    for _ in range(int(out[1])):
        v = ops.tanh(v) * 1.5 + v * 0.5
    return ops.sum(v)


const("WHILE_TANH", ops.while_loop(lambda v, n: n < out[1], lambda v, n: (ops.tanh(v) * 1.5 + v * 0.5, n + 1.0),
                                   (X, np.float32(0)))[0])
const("WHILE_TANH_GRAD", jax.grad(while_fixed)(jnp.asarray(X)))

# fori_loop
const("FORI", ops.fori_loop(0, 5, lambda i, v: v * 0.9 + ops.cast(i, "float32") * 0.1, X))
const("FORI_GRAD", jax.grad(lambda a: ops.sum(ops.fori_loop(0, 5, lambda i, v: ops.sin(v) + v * i, a)))(
    jnp.asarray(X)))
const("FORI_SIN", ops.fori_loop(0, 5, lambda i, v: ops.sin(v) + v * ops.cast(i, "float32"), X))


# scan: running sum carry with a nonlinear output, forwards and reversed
def step(c, x):
    c2 = c * 0.5 + x
    return c2, ops.tanh(c2) * x


for rev in (False, True):
    carry, ys = ops.scan(step, np.zeros(2, np.float32), XS, reverse=rev)
    tag = "REV" if rev else "FWD"
    const(f"SCAN_{tag}_CARRY", carry)
    const(f"SCAN_{tag}_YS", ys)
    const(f"SCAN_{tag}_GRAD", jax.grad(
        lambda xs: ops.sum(ops.scan(step, jnp.zeros(2), xs, reverse=rev)[1])
        + ops.sum(ops.scan(step, jnp.zeros(2), xs, reverse=rev)[0]))(jnp.asarray(XS)))
const("XS", XS)

# map
const("MAP", ops.map(lambda r: ops.sum(ops.square(r)), XS))

# associative_scan: sum and max, forwards and reversed
const("E", E)
const("ASSOC_SUM", ops.associative_scan(lambda a, b: a + b, E))
const("ASSOC_SUM_REV", ops.associative_scan(lambda a, b: a + b, E, reverse=True))
const("ASSOC_MAX", ops.associative_scan(lambda a, b: ops.maximum(a, b), E))
const("ASSOC_PROD_GRAD", jax.grad(lambda e: ops.sum(ops.associative_scan(lambda a, b: a * b, e)))(jnp.asarray(E)))

print(java_class("dev.strata.ops", "Ops16ControlGolden", "tools/golden/ops16_control.py", lines))

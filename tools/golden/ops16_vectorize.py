"""Reference values for keras.ops.vectorize from Keras 3 (JAX backend, float32): an elementwise function of scalars
with broadcasting, and gufunc signatures (a matrix-vector product over batch dimensions, a reduction), with
jax.grad gradients of sum(f(...)).

    KERAS_BACKEND=jax python tools/golden/ops16_vectorize.py > strata-core/src/test/java/dev/strata/ops/Ops16VectorizeGolden.java
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

from _common import arr, java_class  # noqa: E402

rng = np.random.default_rng(16)
A = np.round(rng.uniform(-2, 2, size=(2, 3, 4)), 2).astype(np.float32)
V = np.round(rng.uniform(-2, 2, size=(4,)), 2).astype(np.float32)
B = np.round(rng.uniform(-2, 2, size=(3, 1)), 2).astype(np.float32)
C = np.round(rng.uniform(-2, 2, size=(1, 5)), 2).astype(np.float32)

lines = []


def const(name, value):
    lines.append(f"static final float[] {name} = {arr(value)};")


elementwise = ops.vectorize(lambda a, b: ops.where(a > b, a * b, ops.sin(a - b)))
matvec = ops.vectorize(lambda m, v: ops.matmul(m, v), signature="(m,n),(n)->(m)")
norm = ops.vectorize(lambda r: ops.sqrt(ops.sum(ops.square(r))), signature="(n)->()")

const("A", A)
const("V", V)
const("B", B)
const("C", C)
const("DOC", ops.vectorize(lambda a, b: a + b)(np.array([1, 2, 3, 4], np.float32), np.float32(2)))
const("ELEMENTWISE", elementwise(B, C))
const("ELEMENTWISE_GRAD_B", jax.grad(lambda b: jnp.sum(elementwise(b, C)))(jnp.asarray(B)))
const("MATVEC", matvec(A, V))
const("MATVEC_GRAD_A", jax.grad(lambda a: jnp.sum(matvec(a, V)))(jnp.asarray(A)))
const("NORM", norm(A))
print(java_class("dev.strata.ops", "Ops16VectorizeGolden", "tools/golden/ops16_vectorize.py", lines))

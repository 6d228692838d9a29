"""Reference values for strata-core's KerasParityTest (reductions, dot and shape ops, helper section B).

Run with Keras 3 (any backend; values were produced with KERAS_BACKEND=jax, Keras 3.15.1):
    KERAS_BACKEND=jax python tools/golden/ops_b_golden.py
Each line is `name: shape | values` (flattened, row-major); the test embeds them. CI never runs this script.
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

x = np.arange(24, dtype="float32").reshape(2, 3, 4) * 0.5 - 3.0  # the "x" input of the test
m = np.array([[1.0, 3.0, 3.0, -2.0], [2.0, 2.0, -5.0, -5.0], [0.0, 7.0, 1.0, 7.0]], dtype="float32")


def show(name, value):
    a = np.asarray(value, dtype="float64")
    flat = ", ".join(repr(float(v)) for v in a.reshape(-1))
    print(f"{name}: {tuple(a.shape)} | {flat}".rstrip())


show("max_axis1", ops.max(x, axis=1))
show("min_axes02_keep", ops.min(x, axis=(0, 2), keepdims=True))
show("prod_axis2", ops.prod(x, axis=2))
show("var_axis0", ops.var(x, axis=0))
show("std_axes12", ops.std(x, axis=(1, 2)))
show("logsumexp_axis_m1", ops.logsumexp(x, axis=-1))
show("logsumexp_big", ops.logsumexp(np.array([1000.0, 1000.0, 999.0], dtype="float32")))
show("logsumexp_small", ops.logsumexp(np.array([-1000.0, -1000.0, -1001.0], dtype="float32")))
show("argmax_m_axis1", ops.argmax(m, axis=1))
show("argmin_m_axis1", ops.argmin(m, axis=1))
show("argmax_m_axis0", ops.argmax(m, axis=0))
show("argmax_m_flat", ops.argmax(m))
show("argmin_m_axis0_keep", ops.argmin(m, axis=0, keepdims=True))
show("dot_3d_3d", ops.dot(x, np.arange(24, dtype="float32").reshape(3, 4, 2) * 0.25))
show("dot_1d_3d", ops.dot(np.array([1.0, -2.0, 0.5], dtype="float32"), x))
show("squeeze", ops.squeeze(np.arange(6, dtype="float32").reshape(1, 2, 1, 3, 1)))
show("squeeze_axis2", ops.squeeze(np.arange(6, dtype="float32").reshape(1, 2, 1, 3, 1), axis=2))
show("strided_rev", x[::-1, 2:0:-1, ::-3])
show("strided_mixed", x[-1:, -2::-2, 5:-10:-2])
show("take_neg", ops.take(x, np.array([[-1, 0], [1, -3]]), axis=1))
show("take_along", ops.take_along_axis(m, np.array([[3, 0], [-1, 1], [2, 2]]), axis=1))
show("one_hot", ops.one_hot(np.array([[0, 2], [-1, 5]]), 4))
show("pad", ops.pad(np.array([[1.0, 2.0], [3.0, 4.0]], dtype="float32"), [[1, 0], [2, 1]], constant_values=-1.5))
show("tile", ops.tile(np.array([[1.0, 2.0, 3.0]], dtype="float32"), (2, 1, 2)))
show("repeat_axis0", ops.repeat(np.array([[1.0, 2.0], [3.0, 4.0]], dtype="float32"), 3, axis=0))
show("repeat_flat", ops.repeat(np.array([[1.0, 2.0], [3.0, 4.0]], dtype="float32"), 2))
for i, part in enumerate(ops.split(np.arange(10, dtype="float32"), [3, 5])):
    show(f"split_{i}", part)
# jax's split rejects negative and out-of-order indices; numpy wraps and clamps them like slice bounds
for i, part in enumerate(np.split(np.arange(10, dtype="float32"), [3, -2, 8, 20])):
    show(f"np_split_{i}", part)
show("slice", ops.slice(x, [1, 1, 0], [1, -1, 3]))
show("stack_axis1", ops.stack([m, m * 2], axis=1))

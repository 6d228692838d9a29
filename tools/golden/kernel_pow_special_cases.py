"""Special cases of keras.ops.power (float32), embedded in KernelParityTest.powerFollowsKerasSpecialCases.

Run: KERAS_BACKEND=jax python tools/golden/kernel_pow_special_cases.py
Keras (like numpy and C99) says 1**y == 1 for every y, NaN included, and (-1)**(+-inf) == 1, where Java's
Math.pow gives NaN; the other cases agree with Math.pow.
"""
import numpy as np
import keras
from keras import ops

nan, inf = float("nan"), float("inf")
cases = [(1.0, nan), (1.0, inf), (1.0, -inf), (-1.0, inf), (-1.0, -inf), (-1.0, nan), (nan, 0.0), (nan, -0.0),
         (-8.0, 1 / 3), (-2.0, 3.0), (-0.0, -3.0), (-0.0, 0.5), (-inf, 0.5), (-inf, 3.0), (0.0, -1.0),
         (-1e-45, 0.5), (nan, 1.0), (2.0, nan)]
a = np.array([c[0] for c in cases], dtype=np.float32)
b = np.array([c[1] for c in cases], dtype=np.float32)
result = np.asarray(ops.power(a, b))
with np.errstate(invalid="ignore", divide="ignore"):
    assert np.array_equal(result, np.power(a, b), equal_nan=True)
print("keras", keras.__version__, "backend", keras.backend.backend())
for x, y, r in zip(a, b, result):
    print(f"{x!r:>12} ** {y!r:<12} = {r!r}")

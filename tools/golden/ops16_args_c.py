"""Reference values for issue 16's third round of missing arguments: keras.ops.stft / istft with the window given as
an array of sequence_length samples (Keras 3, JAX backend, float32), with gradients from jax.grad of
sum(W * f(inputs)) w.r.t. every input, the window included (JAX differentiates it).

Writes the Java test class Ops16ArgsCGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_args_c.py > strata-core/src/test/java/dev/strata/ops/Ops16ArgsCGolden.java

Each case is NAME (stft: real and imag stacked on a new first axis; istft: the signal, flattened), NAME_SHAPE and
NAME_GRAD<i> for its i-th input; inputs are IN_<name> and IN_<name>_SHAPE. W is fixed by the output's shape:
w[i] = 0.5 + ((7 i) mod 11) / 10, which the Java test computes again.

No interop file: Keras cannot save a model whose STFT/ISTFT has an array window (the op keeps the window in its config
and its get_config raises NotImplementedError); the Java test checks that Strata refuses to save one, naming why.
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import arr, java_class, shp  # noqa: E402

rng = np.random.default_rng(1603)

IN = {
    "X": rng.normal(size=(2, 20)).astype(np.float32),
    "X1": rng.normal(size=(17,)).astype(np.float32),
    # windows of sequence_length 6 and 8: positive, one with a negative sum, one zero at both ends
    "W6": rng.uniform(0.2, 1.0, size=(6,)).astype(np.float32),
    "W8NEG": np.array([0.3, -0.9, 0.5, -1.2, 0.8, -0.4, 0.2, -0.6], np.float32),
    "W6ZERO": np.array([0.0, 0.5, 1.0, 0.9, 0.4, 0.0], np.float32),
    # spectra for istft: (2, 7, 5) real and imaginary parts (fft_length 8), and (4, 5) for 1-D
    "RE": rng.normal(size=(2, 7, 5)).astype(np.float32),
    "IM": rng.normal(size=(2, 7, 5)).astype(np.float32),
    "RE1": rng.normal(size=(4, 5)).astype(np.float32),
    "IM1": rng.normal(size=(4, 5)).astype(np.float32),
}


def stacked(pair):
    return jnp.stack([pair[0], pair[1]])


# name, inputs, function of the inputs
CASES = [
    ("STFT_W6_S3_F8_CENTER", ["X", "W6"], lambda x, w: stacked(ops.stft(x, 6, 3, 8, window=w, center=True))),
    ("STFT_W6_S2_F8_NOCENTER", ["X", "W6"], lambda x, w: stacked(ops.stft(x, 6, 2, 8, window=w, center=False))),
    ("STFT_W8NEG_S4_F8", ["X1", "W8NEG"], lambda x, w: stacked(ops.stft(x, 8, 4, 8, window=w, center=True))),
    ("STFT_W6ZERO_S3_F10", ["X", "W6ZERO"], lambda x, w: stacked(ops.stft(x, 6, 3, 10, window=w, center=True))),
    ("ISTFT_W6_S3_F8_CENTER", ["RE", "IM", "W6"],
     lambda r, i, w: ops.istft((r, i), 6, 3, 8, window=w, center=True)),
    ("ISTFT_W6_S2_F8_LEN10_NOCENTER", ["RE", "IM", "W6"],
     lambda r, i, w: ops.istft((r, i), 6, 2, 8, length=10, window=w, center=False)),
    ("ISTFT_W8NEG_S4_F8", ["RE1", "IM1", "W8NEG"],
     lambda r, i, w: ops.istft((r, i), 8, 4, 8, window=w, center=True)),
    ("ISTFT_W6ZERO_S4_F8_NOCENTER", ["RE", "IM", "W6ZERO"],
     lambda r, i, w: ops.istft((r, i), 6, 4, 8, window=w, center=False)),
]


def weights(shape):
    n = int(np.prod(shape))
    return (0.5 + ((7 * np.arange(n)) % 11) / 10).astype(np.float32).reshape(shape)


lines = []
for name, v in IN.items():
    lines.append(f"static final float[] IN_{name} = {arr(v)};")
    lines.append(f"static final int[] IN_{name}_SHAPE = {shp(v)};")
lines.append("")
for name, inputs, f in CASES:
    xs = [jnp.asarray(IN[i]) for i in inputs]
    y = np.asarray(f(*xs), np.float32)
    lines.append(f"static final float[] {name} = {arr(y)};")
    lines.append(f"static final int[] {name}_SHAPE = {shp(y)};")
    w = jnp.asarray(weights(y.shape))
    for i in range(len(inputs)):
        g = jax.grad(lambda v, i=i: jnp.sum(w * f(*[v if j == i else xs[j] for j in range(len(xs))])))(xs[i])
        lines.append(f"static final float[] {name}_GRAD{i} = {arr(g)};")
print(java_class("dev.strata.ops", "Ops16ArgsCGolden", "tools/golden/ops16_args_c.py", lines,
                 doc="Reference values of issue 16's third round of op arguments (stft/istft array windows), "
                     "from Keras"), end="")

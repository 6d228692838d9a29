"""Golden values for strata-core's dev.strata.optimizers tests (OptimizerGoldenTest).

Runs Keras 3 optimizers eagerly (op by op, float32) on fixed weights and gradients and prints the
weights after every step as Java float literals, ready to paste into the test. Run with:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/optimizers.py

Produced with Keras 3.15.1 on the JAX backend (CPU). CI never runs this script.
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

# Two variables: a (2, 2) matrix and a (3,) vector.
W0 = [np.array([[1.0, -2.0], [3.0, -4.0]], "float32"), np.array([0.5, 0.0, -1.0], "float32")]
# Gradients for four steps (changing every step; zeros included to hit edge cases of clipping).
GRADS = [
    [[[0.5, -0.25], [1.0, 2.0]], [0.1, -0.2, 0.3]],
    [[[-0.3, 0.8], [0.05, -1.5]], [0.0, 0.4, -0.1]],
    [[[0.2, 0.2], [-0.7, 0.01]], [-0.5, 0.25, 0.125]],
    [[[1e-3, -2.5], [0.6, 0.0]], [0.3, -0.3, 0.0]],
]
# Small gradients (global norm < 1) to show that global_clipnorm rescales by clip * (1 / clip) even then.
SMALL = [[[[0.01, -0.02], [0.03, 0.0]], [0.05, -0.01, 0.002]]] * 3


def lit(x):
    """A float32 as the shortest Java float literal that parses back to it."""
    s = np.format_float_positional(np.float32(x), unique=True, trim="0")
    if "e" not in s and abs(float(x)) != 0 and (abs(float(x)) < 1e-4):
        s = np.format_float_scientific(np.float32(x), unique=True, trim="0")
    return s + "f"


def arr(a):
    return "{" + ", ".join(lit(x) for x in np.asarray(a, "float32").ravel()) + "}"


def run(title, make, grads=GRADS, weights=W0, drop=()):
    """Applies `grads` step by step; `drop` holds (step, variable) pairs whose gradient is None."""
    opt = make()
    vs = [keras.Variable(w.copy(), name=n) for w, n in zip(weights, ["kernel", "bias"])]
    print(f"// {title}")
    print("{")
    for step, gs in enumerate(grads):
        gl = [None if (step, i) in drop else np.array(g, "float32") for i, g in enumerate(gs)]
        opt.apply(gl, vs)
        print("    {" + ", ".join(arr(v.numpy()) for v in vs) + "},")
    print("}")
    print(f"// iterations={int(opt.iterations.numpy())}")
    return opt


O = keras.optimizers
print("// ---- keras-reference.md 3.3 (w0 = [1, -2], constant g = [0.5, -0.25], two steps)")
ref_w = [np.array([1.0, -2.0], "float32")]
ref_g = [[[0.5, -0.25]]] * 2
for title, make in [
    ("Adam()", lambda: O.Adam()),
    ("SGD(0.1, momentum=0.9)", lambda: O.SGD(0.1, momentum=0.9)),
    ("SGD(0.1, momentum=0.9, nesterov=True)", lambda: O.SGD(0.1, momentum=0.9, nesterov=True)),
    ("RMSprop()", lambda: O.RMSprop()),
]:
    run(title, make, grads=ref_g, weights=ref_w)

print("// ---- two variables, four steps with changing gradients")
cases = [
    ("SGD(learning_rate=0.1)", lambda: O.SGD(0.1)),
    ("SGD(learning_rate=0.05, momentum=0.5, nesterov=True)", lambda: O.SGD(0.05, momentum=0.5, nesterov=True)),
    ("RMSprop(learning_rate=0.01, momentum=0.9)", lambda: O.RMSprop(0.01, momentum=0.9)),
    ("RMSprop(learning_rate=0.01, centered=True)", lambda: O.RMSprop(0.01, centered=True)),
    ("RMSprop(learning_rate=0.02, rho=0.8, momentum=0.5, epsilon=1e-3, centered=True)",
     lambda: O.RMSprop(0.02, rho=0.8, momentum=0.5, epsilon=1e-3, centered=True)),
    ("Adam(learning_rate=0.01, amsgrad=True)", lambda: O.Adam(0.01, amsgrad=True)),
    ("Adam(learning_rate=0.02, beta_1=0.8, beta_2=0.95, epsilon=1e-4)",
     lambda: O.Adam(0.02, beta_1=0.8, beta_2=0.95, epsilon=1e-4)),
    ("Adam(learning_rate=0.01, clipnorm=0.5)", lambda: O.Adam(0.01, clipnorm=0.5)),
    ("SGD(learning_rate=0.1, clipnorm=0.7)", lambda: O.SGD(0.1, clipnorm=0.7)),
    ("SGD(learning_rate=0.1, clipvalue=0.3)", lambda: O.SGD(0.1, clipvalue=0.3)),
    ("SGD(learning_rate=0.1, momentum=0.9, global_clipnorm=1.0)",
     lambda: O.SGD(0.1, momentum=0.9, global_clipnorm=1.0)),
]
for title, make in cases:
    run(title, make)

print("// ---- small gradients under global_clipnorm=3.0 (scale = 3 * float32(1/3), not 1)")
run("SGD(learning_rate=1.0, global_clipnorm=3.0)", lambda: O.SGD(1.0, global_clipnorm=3.0), grads=SMALL)

print("// ---- missing gradients: step 1 has none for bias, step 3 none for kernel")
opt = run("Adam(learning_rate=0.01) with None gradients", lambda: O.Adam(0.01), drop={(0, 1), (2, 0)})
print("// its variables (name, shape, value)")
for v in opt.variables:
    print(f"//   {v.name} {tuple(v.shape)} {arr(v.numpy())}")

print("// ---- twelve steps of Adam (bias correction far from step 1)")
run("Adam() x12", lambda: O.Adam(), grads=GRADS * 3)

print("// ---- slots of RMSprop(momentum=0.5, centered=True) after the four steps")
opt = run("RMSprop(learning_rate=0.01, momentum=0.5, centered=True)",
          lambda: O.RMSprop(0.01, momentum=0.5, centered=True))
for v in opt.variables:
    print(f"//   {v.name} {tuple(v.shape)} {arr(v.numpy())}")

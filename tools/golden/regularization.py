"""Reference values for Strata's constraints and its regularization and normalization layers, from Keras 3 (JAX
backend, float32).

Writes the Java test class RegularizationGolden (strata-core/src/test/java/dev/strata/layers/): the outputs of
keras.constraints.MaxNorm, MinMaxNorm, NonNeg and UnitNorm on fixed weights (a zero column and several axes
included) and their serialized forms; one SGD training step of a small model whose weights carry constraints
(Keras applies them after the update); GroupNormalization and UnitNormalization outputs and their gradients
(jax.grad through the layer of sum(y * r)); the activity loss of ActivityRegularization; and get_config() of every
layer as Keras's JSON (nested dicts and key order kept, so the Java tests compare them exactly).

With --interop it also writes, to strata-core/src/test/resources/keras-golden/:
  regularization_layers.keras        Sequential: Input (5, 6) -> Dense(6, MaxNorm(1.5), bias NonNeg) ->
                                     GroupNormalization(3, gamma UnitNorm) -> UnitNormalization -> SpatialDropout1D
                                     -> GaussianNoise -> GaussianDropout -> AlphaDropout -> ActivityRegularization
                                     -> Dense(2); Adam(1e-2), mse; trained 3 epochs on random data
  regularization_layers_golden.json  inputs and Keras's predictions

Run:
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/regularization.py \
        > strata-core/src/test/java/dev/strata/layers/RegularizationGolden.java
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/regularization.py --interop > /dev/null

Layers are named automatically from a cleared session for each class, as a Java test that resets Strata's counters
and makes the layers in the same order gets them.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import constraints, layers  # noqa: E402

rng = np.random.default_rng(31)


def arr(shape, lo=-2.0, hi=2.0):
    return np.round(rng.uniform(lo, hi, size=shape), 3).astype(np.float32)


def lit(v):
    v = np.float32(v)
    if np.isnan(v):
        return "Float.NaN"
    if np.isinf(v):
        return "Float.POSITIVE_INFINITY" if v > 0 else "Float.NEGATIVE_INFINITY"
    return str(v) + "f"


def floats(name, values, doc=None):
    values = np.asarray(values, dtype=np.float32).ravel()
    out = f"    /** {doc} */\n" if doc else ""
    out += f"    public static final float[] {name} = {{" + ", ".join(lit(v) for v in values) + "};\n"
    return out


def string(name, value, doc):
    text = json.dumps(value).replace("\\", "\\\\").replace('"', '\\"')
    return f"    /** {doc} */\n    public static final String {name} = \"{text}\";\n"


def config(name, layer, doc):
    return string(name, layer.get_config(), f"{doc}.get_config() as JSON.")


parts = []

# ---- constraints -------------------------------------------------------------------------------------------
W = arr((4, 3))
W[:, 1] = 0.0  # a zero column: the norm constraints must give zeros, not NaN
W4 = arr((3, 3, 2, 4), -0.5, 0.5)
parts.append(floats("W", W, "A (4, 3) weight; its column 1 is zero."))
parts.append(floats("W4", W4, "A (3, 3, 2, 4) weight, shaped like a Conv2D kernel."))
CONSTRAINTS = [
    ("MAX_NORM", constraints.MaxNorm(), "W"),
    ("MAX_NORM_1_5_AXIS_1", constraints.MaxNorm(max_value=1.5, axis=1), "W"),
    ("MAX_NORM_ALL", constraints.MaxNorm(max_value=1.0, axis=None), "W"),
    ("MAX_NORM_CONV", constraints.MaxNorm(max_value=0.8, axis=[0, 1, 2]), "W4"),
    ("MIN_MAX_NORM", constraints.MinMaxNorm(), "W"),
    ("MIN_MAX_NORM_RATE", constraints.MinMaxNorm(min_value=0.5, max_value=1.5, rate=0.7, axis=1), "W"),
    ("MIN_MAX_NORM_CONV", constraints.MinMaxNorm(min_value=1.0, max_value=2.0, axis=[0, 1, 2]), "W4"),
    ("NON_NEG", constraints.NonNeg(), "W"),
    ("UNIT_NORM", constraints.UnitNorm(), "W"),
    ("UNIT_NORM_AXIS_1", constraints.UnitNorm(axis=1), "W"),
    ("UNIT_NORM_CONV", constraints.UnitNorm(axis=[0, 1, 2]), "W4"),
]
for name, c, on in CONSTRAINTS:
    value = W if on == "W" else W4
    parts.append(floats(name, c(value), f"{type(c).__name__}({c.get_config()}) on {on}."))
    parts.append(string(name + "_CONFIG", constraints.serialize(c), f"keras.constraints.serialize of it."))

# One SGD step of a model whose weights carry constraints: Keras assigns constraint(variable) after the update.
keras.utils.set_random_seed(3)
keras.backend.clear_session()
TX = arr((8, 4))
TY = arr((8, 6))
step_model = keras.Sequential([
    keras.Input((4,)),
    layers.Dense(6, kernel_constraint=constraints.MaxNorm(0.5), bias_constraint="non_neg"),
    layers.GroupNormalization(groups=2, gamma_constraint=constraints.MinMaxNorm(0.5, 1.5, rate=0.8),
                              beta_constraint=constraints.NonNeg()),
])
dense, gn = step_model.layers
dense.kernel.assign(arr((4, 6), -1, 1))
dense.bias.assign(arr((6,), -0.2, 0.2))
gn.gamma.assign(arr((6,), 0.5, 1.5))
gn.beta.assign(arr((6,), -0.2, 0.2))
parts.append(floats("STEP_X", TX, "Inputs of the constrained training step (8, 4)."))
parts.append(floats("STEP_Y", TY, "Targets of the constrained training step (8, 6)."))
for v, n in zip(step_model.weights, ["KERNEL", "BIAS", "GAMMA", "BETA"]):
    parts.append(floats("STEP_" + n + "_BEFORE", v.numpy(), f"{v.path} before the step."))
step_model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
step_model.train_on_batch(TX, TY)
for v, n in zip(step_model.weights, ["KERNEL", "BIAS", "GAMMA", "BETA"]):
    parts.append(floats("STEP_" + n + "_AFTER", v.numpy(), f"{v.path} after one SGD(0.1) step on mse."))


# ---- GroupNormalization --------------------------------------------------------------------------------------
def grads(layer, x, r):
    """jax.grad of sum(layer(x) * r) by the trainable weights and by x."""
    tv = [v.value for v in layer.trainable_variables]
    ntv = [v.value for v in layer.non_trainable_variables]

    def f(tv, x):
        y, _ = layer.stateless_call(tv, ntv, x)
        return jnp.sum(y * r)

    return jax.grad(f, argnums=(0, 1))(tv, jnp.asarray(x))


GN_CASES = [
    ("GN", {"groups": 3}, (2, 4, 6)),
    ("GN_4D", {"groups": 2, "epsilon": 1e-4}, (2, 3, 3, 4)),
    ("GN_AXIS_1", {"groups": 2, "axis": 1}, (2, 4, 3)),
    ("GN_INSTANCE", {"groups": -1}, (2, 5, 4)),
    ("GN_NO_AFFINE", {"groups": 2, "center": False, "scale": False}, (2, 3, 4)),
]
for name, kwargs, shape in GN_CASES:
    layer = layers.GroupNormalization(**kwargs)
    x = arr(shape, -3, 3)
    layer.build(x.shape)
    parts.append(floats(name + "_X", x, f"Input {list(shape)} of GroupNormalization({kwargs})."))
    if layer.scale:
        layer.gamma.assign(arr(tuple(layer.gamma.shape), 0.5, 1.5))
        parts.append(floats(name + "_GAMMA", layer.gamma.numpy()))
    if layer.center:
        layer.beta.assign(arr(tuple(layer.beta.shape), -0.5, 0.5))
        parts.append(floats(name + "_BETA", layer.beta.numpy()))
    parts.append(floats(name + "_Y", layer(x), f"GroupNormalization({kwargs}) on {name}_X with those weights."))
    if name in ("GN", "GN_AXIS_1"):
        r = arr(shape, -1, 1)
        gw, gx = grads(layer, x, r)
        parts.append(floats(name + "_R", r, "Weights r of the scalar sum(y * r) differentiated below."))
        parts.append(floats(name + "_DX", gx, "d sum(y * r) / dx."))
        parts.append(floats(name + "_DGAMMA", gw[0], "d sum(y * r) / dgamma."))
        parts.append(floats(name + "_DBETA", gw[1], "d sum(y * r) / dbeta."))

# ---- UnitNormalization ---------------------------------------------------------------------------------------
UX = arr((3, 5))
UX[1] = 0.0  # a zero row: Keras caps 1 / norm at 1e12, so it stays zero
parts.append(floats("UN_X", UX, "A (3, 5) input of UnitNormalization; its row 1 is zero."))
parts.append(floats("UN_Y", layers.UnitNormalization()(UX), "UnitNormalization() on UN_X."))
UX3 = arr((2, 3, 4))
parts.append(floats("UN3_X", UX3, "A (2, 3, 4) input of UnitNormalization."))
parts.append(floats("UN3_AXIS_1_Y", layers.UnitNormalization(axis=1)(UX3), "UnitNormalization(axis=1) on UN3_X."))
parts.append(floats("UN3_AXES_Y", layers.UnitNormalization(axis=[1, 2])(UX3),
                    "UnitNormalization(axis=[1, 2]) on UN3_X."))
un_r = arr((2, 3, 4), -1, 1)
_, un_dx = grads(layers.UnitNormalization(axis=[1, 2]), UX3, un_r)
parts.append(floats("UN3_R", un_r, "Weights r of sum(y * r) for the gradient below."))
parts.append(floats("UN3_AXES_DX", un_dx, "d sum(UnitNormalization(axis=[1, 2])(x) * r) / dx at UN3_X."))

# ---- ActivityRegularization --------------------------------------------------------------------------------
AX = arr((4, 5))
act = layers.ActivityRegularization(l1=0.01, l2=0.002)
act(AX)
parts.append(floats("ACT_X", AX, "A (4, 5) input of ActivityRegularization(l1=0.01, l2=0.002)."))
parts.append(floats("ACT_LOSS", [float(act.losses[0])],
                    "Its activity loss: (0.01 sum|x| + 0.002 sum x^2) / batch size (Keras 3 divides by the batch)."))

# ---- random layers in training: Keras's own draws, to check Strata's formulas element by element -------------
ADX = arr((4, 5))
parts.append(floats("ADROP_X", ADX, "A (4, 5) input of AlphaDropout(0.2) in training."))
parts.append(floats("ADROP_Y", layers.AlphaDropout(0.2, seed=1)(ADX, training=True),
                    "AlphaDropout(0.2, seed=1) on ADROP_X in training: each value is a*x+b (kept) or a*alpha'+b."))
SDX = arr((2, 3, 3, 4))
parts.append(floats("SD2_X", SDX, "A (2, 3, 3, 4) input of SpatialDropout2D(0.5) in training."))
parts.append(floats("SD2_Y", layers.SpatialDropout2D(0.5, seed=1)(SDX, training=True),
                    "SpatialDropout2D(0.5, seed=1) on SD2_X in training: x / 0.5 or 0, one choice per (sample, channel)."))

# ---- configs -----------------------------------------------------------------------------------------------
keras.backend.clear_session()
parts.append(config("GN_CONFIG", layers.GroupNormalization(groups=2), "GroupNormalization(groups=2)"))
parts.append(config("GN_ALL_CONFIG", layers.GroupNormalization(
    groups=4, axis=1, epsilon=1e-5, center=False, scale=True, beta_initializer="ones",
    gamma_initializer=keras.initializers.Constant(0.5), beta_regularizer=keras.regularizers.L2(0.01),
    gamma_regularizer=keras.regularizers.L1(0.5), beta_constraint="non_neg", gamma_constraint=constraints.MaxNorm(3, axis=0)),
    "GroupNormalization(4, axis=1, epsilon=1e-5, center=False, ..., constraints)"))
keras.backend.clear_session()
parts.append(config("UN_CONFIG", layers.UnitNormalization(), "UnitNormalization()"))
parts.append(config("UN_AXES_CONFIG", layers.UnitNormalization(axis=[1, 2]), "UnitNormalization(axis=[1, 2])"))
keras.backend.clear_session()
parts.append(config("SD1_CONFIG", layers.SpatialDropout1D(0.2), "SpatialDropout1D(0.2)"))
parts.append(config("SD1_SEED_CONFIG", layers.SpatialDropout1D(0.5, seed=4), "SpatialDropout1D(0.5, seed=4)"))
keras.backend.clear_session()
parts.append(config("SD2_CONFIG", layers.SpatialDropout2D(0.2), "SpatialDropout2D(0.2)"))
parts.append(config("SD2_FIRST_CONFIG", layers.SpatialDropout2D(0.3, data_format="channels_first", seed=5),
                    "SpatialDropout2D(0.3, data_format='channels_first', seed=5)"))
keras.backend.clear_session()
parts.append(config("SD3_CONFIG", layers.SpatialDropout3D(0.1), "SpatialDropout3D(0.1)"))
keras.backend.clear_session()
parts.append(config("GNOISE_CONFIG", layers.GaussianNoise(0.1), "GaussianNoise(0.1)"))
parts.append(config("GNOISE_SEED_CONFIG", layers.GaussianNoise(0.5, seed=3), "GaussianNoise(0.5, seed=3)"))
keras.backend.clear_session()
parts.append(config("GDROP_CONFIG", layers.GaussianDropout(0.3), "GaussianDropout(0.3)"))
keras.backend.clear_session()
parts.append(config("ADROP_CONFIG", layers.AlphaDropout(0.2), "AlphaDropout(0.2)"))
parts.append(config("ADROP_ALL_CONFIG", layers.AlphaDropout(0.1, noise_shape=[None, 1, 4], seed=7),
                    "AlphaDropout(0.1, noise_shape=[None, 1, 4], seed=7)"))
keras.backend.clear_session()
parts.append(config("ACTREG_CONFIG", layers.ActivityRegularization(), "ActivityRegularization()"))
parts.append(config("ACTREG_L1L2_CONFIG", layers.ActivityRegularization(l1=0.01, l2=0.002),
                    "ActivityRegularization(l1=0.01, l2=0.002)"))
keras.backend.clear_session()
parts.append(config("DENSE_CONSTRAINED_CONFIG", layers.Dense(3, kernel_constraint=constraints.MaxNorm(),
                                                             bias_constraint="non_neg"),
                    "Dense(3, kernel_constraint=MaxNorm(), bias_constraint='non_neg')"))

print(f"""package dev.strata.layers;

/**
 * Reference values of the constraints and the regularization and normalization layers from Keras {keras.__version__}
 * (jax backend, float32). Generated by {{@code tools/golden/regularization.py}}; do not edit by hand.
 */
public final class RegularizationGolden {{
{"".join(parts)}
    private RegularizationGolden() {{
    }}
}}""")


# ---- the interop model ---------------------------------------------------------------------------------------
def interop():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.join(root, "strata-core/src/test/resources/keras-golden")
    keras.backend.clear_session()
    keras.utils.set_random_seed(23)
    r = np.random.default_rng(23)
    x = r.normal(size=(64, 5, 6)).astype("float32")
    y = r.uniform(size=(64, 5, 2)).astype("float32")
    probe = r.normal(size=(4, 5, 6)).astype("float32")
    model = keras.Sequential([
        keras.Input((5, 6)),
        layers.Dense(6, kernel_constraint=constraints.MaxNorm(1.5, axis=0), bias_constraint="non_neg"),
        layers.GroupNormalization(groups=3, gamma_constraint=constraints.UnitNorm()),
        layers.UnitNormalization(),
        layers.SpatialDropout1D(0.2),
        layers.GaussianNoise(0.1),
        layers.GaussianDropout(0.2),
        layers.AlphaDropout(0.1),
        layers.ActivityRegularization(l1=0.01),
        layers.Dense(2),
    ], name="regularization_layers")
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
    model.fit(x, y, epochs=3, verbose=0)
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "regularization_layers.keras")
    model.save(path)
    golden = {"generated_by": "tools/golden/regularization.py --interop, keras " + keras.__version__ + " "
              + keras.backend.backend(),
              "inputs": [probe.tolist()],
              "outputs": [np.asarray(model.predict(probe, verbose=0), dtype="float32").tolist()]}
    with open(os.path.join(out, "regularization_layers_golden.json"), "w") as f:
        json.dump(golden, f)
    print("wrote", path, file=sys.stderr)


if "--interop" in sys.argv:
    interop()

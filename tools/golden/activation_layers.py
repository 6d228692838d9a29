"""Reference values for Strata's activation layers, from Keras 3 (JAX backend, float32).

Writes the Java test class ActivationLayerGolden: forward outputs of keras.layers.ReLU, LeakyReLU, PReLU, ELU,
Softmax and Identity for several argument combinations (values at and around ReLU's threshold and max_value,
negative inputs, PReLU with shared_axes and a non-trivial alpha, Softmax over one axis and over several), and each
layer's get_config() as Keras's JSON (nested dicts and key order kept, so the Java test compares them exactly):

    KERAS_BACKEND=jax python tools/golden/activation_layers.py \
        > strata-core/src/test/java/dev/strata/layers/activations/ActivationLayerGolden.java

Layers are named automatically from a cleared session for each class (re_lu, re_lu_1, ...), as a Java test that
resets Strata's counters and makes the layers in the same order gets them.
"""
import json
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

# Around ReLU's thresholds (0.5, 2) and max values (2, 6), both signs, and far out.
X = np.array([-100, -10, -3, -1, -0.5, -0.001, 0, 0.001, 0.25, 0.4999, 0.5, 0.5001, 0.75, 1, 1.5, 1.9999, 2,
              2.0001, 3, 5.9999, 6, 6.0001, 7, 100], dtype=np.float32)

rng = np.random.default_rng(23)


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


def config(name, layer, doc):
    text = json.dumps(layer.get_config()).replace("\\", "\\\\").replace('"', '\\"')
    return f"    /** {doc}.get_config() as JSON. */\n    public static final String {name} = \"{text}\";\n"


parts = []

# ---- ReLU --------------------------------------------------------------------------------------------------
parts.append(floats("X", X, "Inputs of the ReLU, LeakyReLU and ELU references: edges of thresholds and max values."))
RELU = [("DEFAULT", {}),
        ("MAX6", {"max_value": 6.0}),
        ("MAX2", {"max_value": 2.0}),
        ("MAX0", {"max_value": 0.0}),
        ("SLOPE", {"negative_slope": 0.1}),
        ("THRESHOLD", {"threshold": 0.5}),
        ("SLOPE_THRESHOLD", {"negative_slope": 0.1, "threshold": 0.5}),
        ("MAX2_SLOPE_THRESHOLD", {"max_value": 2.0, "negative_slope": 0.1, "threshold": 0.5}),
        ("MAX6_SLOPE", {"max_value": 6.0, "negative_slope": 0.2}),
        ("MAX6_THRESHOLD", {"max_value": 6.0, "threshold": 0.5}),
        ("MAX1_SLOPE_THRESHOLD2", {"max_value": 1.0, "negative_slope": 0.3, "threshold": 2.0})]
for name, kwargs in RELU:
    parts.append(floats("RELU_" + name, layers.ReLU(**kwargs)(X), f"ReLU({kwargs}) on X."))

# ---- LeakyReLU ---------------------------------------------------------------------------------------------
for name, kwargs in [("DEFAULT", {}), ("SLOPE_0", {"negative_slope": 0.0}), ("SLOPE_1_5", {"negative_slope": 1.5})]:
    parts.append(floats("LEAKY_RELU_" + name, layers.LeakyReLU(**kwargs)(X), f"LeakyReLU({kwargs}) on X."))

# ---- ELU ---------------------------------------------------------------------------------------------------
for name, kwargs in [("DEFAULT", {}), ("ALPHA_0_5", {"alpha": 0.5}), ("ALPHA_2", {"alpha": 2.0}),
                     ("ALPHA_NEG", {"alpha": -0.5})]:
    parts.append(floats("ELU_" + name, layers.ELU(**kwargs)(X), f"ELU({kwargs}) on X."))

# ---- PReLU -------------------------------------------------------------------------------------------------
PX = arr((2, 3, 4), -3, 3)
parts.append(floats("PRELU_X", PX, "A (2, 3, 4) input for PReLU."))
for name, shared in [("FULL", None), ("SHARED_1", [1]), ("SHARED_1_2", [1, 2]), ("SHARED_2", 2)]:
    layer = layers.PReLU(shared_axes=shared)
    layer.build((None, 3, 4))
    alpha = arr(tuple(layer.alpha.shape), -1.5, 1.5)
    layer.alpha.assign(alpha)
    shape = list(layer.alpha.shape)
    parts.append(f"    /** PReLU(shared_axes={shared}): its alpha has shape {shape}. */\n")
    parts.append(f"    public static final int[] PRELU_{name}_ALPHA_SHAPE = {{" + ", ".join(map(str, shape)) + "};\n")
    parts.append(floats(f"PRELU_{name}_ALPHA", alpha))
    parts.append(floats(f"PRELU_{name}_Y", layer(PX), f"PReLU(shared_axes={shared}) with that alpha on PRELU_X."))
parts.append(floats("PRELU_DEFAULT_Y", layers.PReLU()(PX), "PReLU() (alpha zeros) on PRELU_X."))

# ---- Softmax -----------------------------------------------------------------------------------------------
SX = arr((2, 3, 4), -4, 4)
SX[1, 2] = [1000.0, 1001.0, 999.0, 1000.5]  # stable for large logits
parts.append(floats("SOFTMAX_X", SX, "A (2, 3, 4) input for Softmax; one row of logits near 1000."))
for name, axis in [("DEFAULT", -1), ("AXIS_1", 1), ("AXIS_0", 0), ("AXES_1_2", [1, 2]), ("AXES_0_2", [0, 2]),
                   ("AXES_NEG", [-1, -2]), ("AXIS_LIST_1", [1])]:
    parts.append(floats("SOFTMAX_" + name, layers.Softmax(axis=axis)(SX), f"Softmax(axis={axis}) on SOFTMAX_X."))

# ---- Identity ----------------------------------------------------------------------------------------------
parts.append(floats("IDENTITY_Y", layers.Identity()(SX), "Identity() on SOFTMAX_X."))

# ---- configs -----------------------------------------------------------------------------------------------
keras.backend.clear_session()
parts.append(config("RELU_CONFIG", layers.ReLU(), "ReLU()"))
parts.append(config("RELU_ALL_CONFIG", layers.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5),
                    "ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5)"))
keras.backend.clear_session()
parts.append(config("LEAKY_RELU_CONFIG", layers.LeakyReLU(), "LeakyReLU()"))
parts.append(config("LEAKY_RELU_SLOPE_CONFIG", layers.LeakyReLU(negative_slope=0.1), "LeakyReLU(negative_slope=0.1)"))
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    parts.append(config("LEAKY_RELU_ALPHA_CONFIG", layers.LeakyReLU(alpha=0.25), "LeakyReLU(alpha=0.25) (Keras 2's name)"))
keras.backend.clear_session()
parts.append(config("PRELU_CONFIG", layers.PReLU(), "PReLU()"))
parts.append(config("PRELU_ALL_CONFIG", layers.PReLU(alpha_initializer=keras.initializers.Constant(0.25),
                                                     alpha_regularizer=keras.regularizers.L2(0.5), shared_axes=[1, 2]),
                    "PReLU(Constant(0.25), L2(0.5), shared_axes=[1, 2])"))
parts.append(config("PRELU_INT_AXIS_CONFIG", layers.PReLU(alpha_initializer="ones", shared_axes=1),
                    "PReLU(alpha_initializer='ones', shared_axes=1)"))
built = layers.PReLU(shared_axes=[1])
built.build((None, 3, 4))
parts.append(f"    /** PReLU(shared_axes=[1]) built for (None, 3, 4): get_build_config() as JSON. */\n"
             f"    public static final String PRELU_BUILD_CONFIG = \""
             + json.dumps(built.get_build_config()).replace('"', '\\"') + "\";\n")
keras.backend.clear_session()
parts.append(config("ELU_CONFIG", layers.ELU(), "ELU()"))
parts.append(config("ELU_ALPHA_CONFIG", layers.ELU(alpha=0.5), "ELU(alpha=0.5)"))
keras.backend.clear_session()
parts.append(config("SOFTMAX_CONFIG", layers.Softmax(), "Softmax()"))
parts.append(config("SOFTMAX_AXES_CONFIG", layers.Softmax(axis=[1, 2]), "Softmax(axis=[1, 2])"))
parts.append(config("SOFTMAX_ONE_AXIS_LIST_CONFIG", layers.Softmax(axis=(1,)), "Softmax(axis=(1,))"))
keras.backend.clear_session()
parts.append(config("IDENTITY_CONFIG", layers.Identity(), "Identity()"))

print(f"""package dev.strata.layers.activations;

/**
 * Reference values of the activation layers from Keras {keras.__version__} (jax backend, float32). Generated by
 * {{@code tools/golden/activation_layers.py}}; do not edit by hand.
 */
public final class ActivationLayerGolden {{
{"".join(parts)}
    private ActivationLayerGolden() {{
    }}
}}""")

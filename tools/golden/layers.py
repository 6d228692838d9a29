"""Reference values for Strata's layer library, from Keras 3 (JAX backend, float32).

Writes the Java test class LayerGolden: activation outputs by name (keras.activations), regularizer values,
layer outputs (BatchNormalization in training and inference with its moving statistics after several training
calls, LayerNormalization, Normalization after adapt, merges), and each layer's get_config():

    KERAS_BACKEND=jax python tools/golden/layers.py \
        > strata-core/src/test/java/dev/strata/layers/LayerGolden.java

Configs are flattened to simple values: the dtype policy becomes its name ("float32"), an initializer or
regularizer becomes its class name (as Strata's configs show them), tuples become lists. Keras's L1 config shows
its factor as float32 (0.009999999776); the Java test compares that one with a tolerance.
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, regularizers  # noqa: E402

X = np.array([-100, -10, -5, -3.5, -3, -2, -1, -0.75, -0.5, -0.1, -1e-3, 0, 1e-3, 0.1, 0.5, 0.75, 1, 2, 3,
              3.5, 5, 6, 6.5, 10, 100], dtype=np.float32)

ACTIVATIONS = ["relu", "leaky_relu", "relu6", "elu", "selu", "softplus", "softsign", "silu", "swish", "gelu",
               "tanh", "sigmoid", "hard_sigmoid", "exponential", "linear", "mish", "log_sigmoid", "celu",
               "hard_silu", "hard_swish", "hard_tanh", "tanh_shrink", "soft_shrink", "hard_shrink", "squareplus",
               "sparse_plus", "sparse_sigmoid"]

rng = np.random.default_rng(11)


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
    out = ""
    if doc:
        out += f"    /** {doc} */\n"
    out += f"    public static final float[] {name} = {{" + ", ".join(lit(v) for v in values) + "};\n"
    return out


def jvalue(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "Boolean.TRUE" if v else "Boolean.FALSE"
    if isinstance(v, int):
        return f"Integer.valueOf({v})"
    if isinstance(v, float):
        return f"Double.valueOf({v!r})"
    if isinstance(v, str):
        return '"' + v + '"'
    if isinstance(v, (list, tuple)):
        return "java.util.Arrays.asList(" + ", ".join(jvalue(e) for e in v) + ")"
    if isinstance(v, dict):
        if v.get("class_name") == "DTypePolicy":
            return '"' + v["config"]["name"] + '"'
        if "class_name" in v:
            return '"' + v["class_name"] + '"'
        if not v:
            return "java.util.Map.of()"
        return '"<dict>"'
    raise TypeError(f"cannot write {v!r}")


def config(name, layer):
    out = f"    /** {type(layer).__name__}'s get_config(), flattened. */\n"
    out += f"    public static Map<String, Object> {name}() {{\n"
    out += "        Map<String, Object> c = new LinkedHashMap<>();\n"
    for k, v in layer.get_config().items():
        out += f'        c.put("{k}", {jvalue(v)});\n'
    out += "        return c;\n    }\n"
    return out


parts = []

# ---- activations by name ----------------------------------------------------------------------------------
parts.append(floats("ACT_X", X, "Inputs of the activation references."))
for name in ACTIVATIONS:
    fn = keras.activations.get(name)
    parts.append(floats("ACT_" + name.upper(), np.asarray(fn(X)), f"keras.activations.get(\"{name}\") on ACT_X."))
    parts.append(f'    public static final String ACT_{name.upper()}_SERIALIZED = '
                 f'"{keras.activations.serialize(fn)}";\n')
S = arr((2, 5), -3, 3)
parts.append(floats("SOFTMAX_X", S, "A (2, 5) input for softmax and log_softmax."))
parts.append(floats("SOFTMAX", keras.activations.softmax(S), "softmax over the last axis."))
parts.append(floats("LOG_SOFTMAX", keras.activations.log_softmax(S), "log_softmax over the last axis."))

# ---- regularizers -----------------------------------------------------------------------------------------
W = arr((3, 4))
parts.append(floats("REG_W", W, "A (3, 4) weight for the regularizer references."))
parts.append(f"    public static final float REG_L1 = {lit(regularizers.L1()(W))};\n")
parts.append(f"    public static final float REG_L2 = {lit(regularizers.L2()(W))};\n")
parts.append(f"    public static final float REG_L1L2 = {lit(regularizers.L1L2(l1=0.01, l2=0.02)(W))};\n")
parts.append(f"    public static final float REG_L1_0_3 = {lit(regularizers.L1(0.3)(W))};\n")

# Dense with an L2 kernel regularizer: the layer's loss after a call.
dense = layers.Dense(4, kernel_regularizer=regularizers.L2(0.05), bias_regularizer="l1")
dense.build((None, 3))
dense.set_weights([W, np.array([0.5, -1.0, 0.25, 2.0], dtype=np.float32)])
dense(np.ones((2, 3), dtype=np.float32))
parts.append(f"    /** Dense(4, kernel L2(0.05), bias 'l1') with kernel REG_W and bias (0.5, -1, 0.25, 2): losses. */\n")
parts.append(floats("DENSE_LOSSES", [float(v) for v in dense.losses]))

# ---- BatchNormalization ------------------------------------------------------------------------------------
BN_BATCHES = [arr((6, 3), -1, 3) for _ in range(3)]
BN_GAMMA = np.array([1.5, 0.5, -1.0], dtype=np.float32)
BN_BETA = np.array([0.1, -0.2, 0.3], dtype=np.float32)
bn = layers.BatchNormalization()
bn.build((None, 3))
bn.gamma.assign(BN_GAMMA)
bn.beta.assign(BN_BETA)
for i, b in enumerate(BN_BATCHES):
    parts.append(floats(f"BN_X{i}", b, f"BatchNormalization training batch {i}, shape (6, 3)."))
parts.append(floats("BN_GAMMA", BN_GAMMA))
parts.append(floats("BN_BETA", BN_BETA))
parts.append(floats("BN_TRAIN_Y0", bn(BN_BATCHES[0], training=True), "Output of the first training call."))
bn(BN_BATCHES[1], training=True)
bn(BN_BATCHES[2], training=True)
parts.append(floats("BN_MOVING_MEAN", bn.moving_mean, "moving_mean after the three training calls."))
parts.append(floats("BN_MOVING_VARIANCE", bn.moving_variance, "moving_variance after the three training calls."))
parts.append(floats("BN_INFER_Y0", bn(BN_BATCHES[0], training=False), "Inference on batch 0 after training."))

BN3 = arr((4, 3, 2), -1, 2)
bn1 = layers.BatchNormalization(axis=1, momentum=0.9, epsilon=0.01)
bn1.build((None, 3, 2))
parts.append(floats("BN_AXIS1_X", BN3, "A (4, 3, 2) input for BatchNormalization(axis=1, momentum=0.9, eps=0.01)."))
parts.append(floats("BN_AXIS1_TRAIN_Y", bn1(BN3, training=True)))
parts.append(floats("BN_AXIS1_MOVING_MEAN", bn1.moving_mean))
parts.append(floats("BN_AXIS1_MOVING_VARIANCE", bn1.moving_variance))

# ---- LayerNormalization ------------------------------------------------------------------------------------
LN_X = arr((4, 5), -2, 4)
ln = layers.LayerNormalization()
ln.build((None, 5))
LN_GAMMA = arr((5,), 0.5, 1.5)
LN_BETA = arr((5,), -0.5, 0.5)
ln.set_weights([LN_GAMMA, LN_BETA])
parts.append(floats("LN_X", LN_X, "A (4, 5) input for LayerNormalization."))
parts.append(floats("LN_GAMMA", LN_GAMMA))
parts.append(floats("LN_BETA", LN_BETA))
parts.append(floats("LN_Y", ln(LN_X)))
LN3 = arr((2, 3, 4), -2, 2)
ln2 = layers.LayerNormalization(axis=(-2, -1), epsilon=0.01)
ln2.build((None, 3, 4))
parts.append(floats("LN_AXES_X", LN3, "A (2, 3, 4) input for LayerNormalization(axis=(-2, -1), eps=0.01)."))
parts.append(floats("LN_AXES_Y", ln2(LN3)))

# ---- Normalization -----------------------------------------------------------------------------------------
NORM_DATA = (rng.normal(size=(20, 6)) * np.array([1, 10, 0.1, 3, 100, 0.5]) + np.array([0, 5, -1, 2, 1000, 0])
             ).astype(np.float32)
NORM_X = arr((3, 6), -5, 5)
norm = layers.Normalization()
norm.adapt(NORM_DATA)
parts.append(floats("NORM_DATA", NORM_DATA, "(20, 6) data for Normalization.adapt."))
parts.append(floats("NORM_MEAN", norm.mean))
parts.append(floats("NORM_VARIANCE", norm.variance))
parts.append(floats("NORM_X", NORM_X, "A (3, 6) input."))
parts.append(floats("NORM_Y", norm(NORM_X)))
parts.append(f"    public static final int NORM_PARAMS = {norm.count_params()};\n")
inv = layers.Normalization(invert=True)
inv.adapt(NORM_DATA)
parts.append(floats("NORM_INVERT_Y", inv(NORM_X)))
glob = layers.Normalization(axis=None)
glob.adapt(NORM_DATA)
parts.append(floats("NORM_GLOBAL_Y", glob(NORM_X), "Normalization(axis=None) adapted to NORM_DATA, on NORM_X."))
fixed = layers.Normalization(mean=[1.0, 2.0], variance=[4.0, 0.0])
parts.append(floats("NORM_FIXED_Y", fixed(np.array([[3, 2], [-1, 5]], dtype=np.float32)),
                    "Normalization(mean=[1, 2], variance=[4, 0]) on [[3, 2], [-1, 5]]."))

# ---- merges ------------------------------------------------------------------------------------------------
A = arr((2, 3))
B = arr((2, 4, 3))
C = arr((2, 3))
parts.append(floats("MERGE_A", A, "(2, 3)"))
parts.append(floats("MERGE_B", B, "(2, 4, 3): merged with A, A gets an axis after the batch axis."))
parts.append(floats("MERGE_C", C, "(2, 3)"))
parts.append(floats("MERGE_ADD_AB", layers.Add()([A, B])))
parts.append(floats("MERGE_AVERAGE_ABC", layers.Average()([A, C, C])))
parts.append(floats("MERGE_MAXIMUM_AC", layers.Maximum()([A, C])))
parts.append(floats("MERGE_MINIMUM_AC", layers.Minimum()([A, C])))
parts.append(floats("MERGE_MULTIPLY_AB", layers.Multiply()([A, B])))
parts.append(floats("MERGE_SUBTRACT_AC", layers.Subtract()([A, C])))
parts.append(floats("MERGE_CONCAT_AC", layers.Concatenate()([A, C])))
parts.append(floats("MERGE_CONCAT0_AC", layers.Concatenate(axis=0)([A, C])))

# ---- configs -----------------------------------------------------------------------------------------------
keras.backend.clear_session()
parts.append(config("activationConfig", layers.Activation("relu")))
parts.append(config("dropoutConfig", layers.Dropout(0.5)))
parts.append(config("dropoutNoiseConfig", layers.Dropout(0.25, noise_shape=(None, 1, 3), seed=7)))
parts.append(config("flattenConfig", layers.Flatten()))
parts.append(config("reshapeConfig", layers.Reshape((3, -1))))
parts.append(config("concatenateConfig", layers.Concatenate(axis=1)))
parts.append(config("addConfig", layers.Add()))
parts.append(config("subtractConfig", layers.Subtract()))
parts.append(config("multiplyConfig", layers.Multiply()))
parts.append(config("averageConfig", layers.Average()))
parts.append(config("maximumConfig", layers.Maximum()))
parts.append(config("minimumConfig", layers.Minimum()))
parts.append(config("batchNormalizationConfig", layers.BatchNormalization()))
parts.append(config("layerNormalizationConfig", layers.LayerNormalization()))
built_ln = layers.LayerNormalization()
built_ln.build((None, 3))
parts.append(config("layerNormalizationBuiltConfig", built_ln))
parts.append(config("normalizationConfig", layers.Normalization()))
parts.append(config("normalizationFixedConfig", layers.Normalization(mean=[1.0, 2.0], variance=[4.0, 0.5])))
parts.append(config("lambdaConfig", layers.Lambda(lambda x: x)))
parts.append(config("denseRegularizedConfig", layers.Dense(3, kernel_regularizer="l2")))
for name, reg in [("l1", regularizers.L1()), ("l2", regularizers.L2()), ("l1l2", regularizers.L1L2())]:
    cfg = reg.get_config()
    parts.append(f"    /** keras.regularizers.{type(reg).__name__}().get_config() */\n")
    parts.append(f"    public static Map<String, Object> reg_{name}Config() {{\n"
                 "        Map<String, Object> c = new LinkedHashMap<>();\n")
    for k, v in cfg.items():
        parts.append(f'        c.put("{k}", {jvalue(float(v))});\n')
    parts.append("        return c;\n    }\n")

print(f"""package dev.strata.layers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reference values of the layer library from Keras {keras.__version__} (jax backend, float32). Generated by
 * {{@code tools/golden/layers.py}}; do not edit by hand.
 */
public final class LayerGolden {{
{"".join(parts)}
    private LayerGolden() {{
    }}
}}""")

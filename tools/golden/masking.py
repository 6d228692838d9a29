"""Reference values for Strata's masks (Keras's _keras_mask), Embedding and Masking, from Keras 3 (JAX backend,
float32).

Writes the Java test class MaskingGolden (strata-core/src/test/java/dev/strata/layers/): Embedding's output, mask
and gradient; Masking's output and mask; how Softmax, BatchNormalization (training), GlobalAveragePooling1D and the
merging layers (Add, Maximum, Minimum, Multiply, Concatenate) treat masked inputs and which mask they give on; the
losses and a metric on a masked prediction; one SGD step of a model whose per-step output is masked; and
get_config() of Embedding and Masking as Keras's JSON.

With --interop it also writes, to strata-core/src/test/resources/keras-golden/:
  masked_text.keras          Functional: int32 ids (None, 8) -> Embedding(30, 6, mask_zero) -> Dense(5, tanh)
                             -> GlobalAveragePooling1D -> Dense(1); Adam(1e-2), mse; trained 3 epochs
  masked_text_golden.json    inputs (padded ids) and Keras's predictions
  masked_lstm.keras          Functional: int32 ids (None, 8) -> Embedding(30, 6, mask_zero)
                             -> Bidirectional(LSTM(4, return_sequences)) -> GRU(3) -> Dense(1); trained 2 epochs
  masked_lstm_golden.json    inputs (padded ids) and Keras's predictions
  masked_steps.keras         Functional: float steps (None, 6, 3) -> Masking(0.0) -> LSTM(4) -> Dense(1); trained
                             2 epochs (its graph holds Masking's Any and NotEqual nodes)
  masked_steps_golden.json   inputs (zero-padded steps) and Keras's predictions
  init_state.keras           Functional: x (None, 5, 3), h, c (None, 4) -> LSTM(4)(x, initial_state=[h, c]) and
                             GRU(4)(x, initial_state=h), untrained (Keras's initial_state keyword in a saved graph)
  init_state_golden.json     inputs and Keras's predictions

Run:
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/masking.py \
        > strata-core/src/test/java/dev/strata/layers/MaskingGolden.java
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/masking.py --interop > /dev/null
(--steps writes only masked_steps.keras and its golden, --initial-state only init_state.keras.)
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402
from keras.src.backend.common.masking import get_keras_mask, set_keras_mask  # noqa: E402

rng = np.random.default_rng(41)


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


def masked(x, m):
    x = jnp.asarray(x)
    set_keras_mask(x, jnp.asarray(m).astype(bool))
    return x


def mask_of(y):
    m = get_keras_mask(y)
    return None if m is None else np.asarray(m).astype(np.float32)


parts = []

# ---- Embedding ------------------------------------------------------------------------------------------------
IDS = np.array([[1, 2, 0, 0, 3], [6, 0, 5, 4, 0]], dtype=np.int32)
TABLE = arr((7, 3), -1, 1)
ER = arr((2, 5, 3))
keras.backend.clear_session()
emb = layers.Embedding(7, 3, mask_zero=True)
emb.build()
emb.embeddings.assign(TABLE)
ey = emb(IDS)
parts.append(floats("EMB_IDS", IDS, "Ids (2, 5); 0 is padding."))
parts.append(floats("EMB_TABLE", TABLE, "The (7, 3) table."))
parts.append(floats("EMB_Y", ey, "Embedding(7, 3, mask_zero=True)(ids)."))
parts.append(floats("EMB_MASK", mask_of(ey), "Its mask (ids != 0)."))
parts.append(floats("EMB_R", ER, "Cotangent r (2, 5, 3)."))
grad = jax.grad(lambda t: jnp.sum(jnp.take(t, jnp.asarray(IDS), axis=0) * ER))(jnp.asarray(TABLE))
parts.append(floats("EMB_DTABLE", grad, "jax.grad of sum(embedding(ids) * r) by the table (repeated ids add)."))
keras.backend.clear_session()
parts.append(string("EMB_CONFIG", layers.Embedding(7, 3).get_config(), "Embedding(7, 3).get_config() as JSON."))
keras.backend.clear_session()
parts.append(string("EMB_MASK_ZERO_CONFIG", layers.Embedding(50, 8, mask_zero=True, embeddings_regularizer="l2",
                                                            embeddings_constraint="unit_norm").get_config(),
                    "Embedding(50, 8, mask_zero, l2, unit_norm).get_config() as JSON."))

# ---- Masking --------------------------------------------------------------------------------------------------
MX = arr((2, 4, 3))
MX[0, 1, :] = 0.0
MX[1, 3, :] = 0.0
MX[1, 0, :] = 1.5
MX[0, 2, 0] = 0.0  # one zero feature alone does not mask a step
keras.backend.clear_session()
my = layers.Masking()(MX)
parts.append(floats("MASKING_X", MX, "(2, 4, 3): steps [0,1] and [1,3] all zero, step [1,0] all 1.5."))
parts.append(floats("MASKING_Y", my, "Masking()(x)."))
parts.append(floats("MASKING_MASK", mask_of(my), "Its mask."))
my15 = layers.Masking(1.5)(MX)
parts.append(floats("MASKING_15_Y", my15, "Masking(1.5)(x)."))
parts.append(floats("MASKING_15_MASK", mask_of(my15), "Its mask."))
keras.backend.clear_session()
parts.append(string("MASKING_CONFIG", layers.Masking(0.5).get_config(), "Masking(0.5).get_config() as JSON."))

# ---- consumers: Softmax, BatchNormalization, GlobalAveragePooling1D ------------------------------------------
SX = arr((2, 3, 4))
SM = (rng.uniform(size=(2, 3, 4)) > 0.4).astype(np.float32)
SM[1, 2, :] = 0.0  # a whole row masked: Keras gives 0 there
parts.append(floats("SOFTMAX_X", SX, "Logits (2, 3, 4)."))
parts.append(floats("SOFTMAX_MASK", SM, "A full-shape mask; row [1, 2] entirely masked."))
parts.append(floats("SOFTMAX_Y", layers.Softmax()(SX, mask=SM.astype(bool)), "Softmax()(x, mask)."))
SM2 = np.array([[1, 0, 1, 1]], dtype=np.float32)
parts.append(floats("SOFTMAX_MASK_ROW", SM2, "A (1, 4) mask broadcast over the logits."))
parts.append(floats("SOFTMAX_Y_ROW", layers.Softmax()(SX, mask=SM2.astype(bool)), "Softmax()(x, row mask)."))

BX = arr((2, 4, 3))
BM = np.array([[1, 1, 0, 0], [1, 0, 1, 1]], dtype=np.float32)
keras.backend.clear_session()
bn = layers.BatchNormalization()
by = bn(BX, training=True, mask=BM.astype(bool))
parts.append(floats("BN_X", BX, "BatchNormalization input (2, 4, 3)."))
parts.append(floats("BN_MASK", BM, "Its (2, 4) mask."))
parts.append(floats("BN_Y", by, "BatchNormalization()(x, training=True, mask): moments over unmasked steps."))
parts.append(floats("BN_MOVING_MEAN", bn.moving_mean.numpy(), "moving_mean after that call."))
parts.append(floats("BN_MOVING_VAR", bn.moving_variance.numpy(), "moving_variance after that call."))

parts.append(floats("GAP_Y", layers.GlobalAveragePooling1D()(BX, mask=BM.astype(bool)),
                    "GlobalAveragePooling1D()(x, mask) on BN_X, BN_MASK."))
parts.append(floats("GAP_KEEPDIMS_Y", layers.GlobalAveragePooling1D(keepdims=True)(BX, mask=BM.astype(bool)),
                    "The same with keepdims=True."))

# ---- merging --------------------------------------------------------------------------------------------------
A = arr((2, 3, 2))
B = arr((2, 3, 2))
MA = np.array([[1, 0, 1], [0, 0, 1]], dtype=np.float32)
MB = np.array([[1, 1, 0], [0, 1, 1]], dtype=np.float32)
parts.append(floats("MERGE_A", A, "(2, 3, 2)."))
parts.append(floats("MERGE_B", B, "(2, 3, 2)."))
parts.append(floats("MERGE_MA", MA, "A's mask (2, 3)."))
parts.append(floats("MERGE_MB", MB, "B's mask (2, 3)."))
for name, layer in [("ADD", layers.Add()), ("MAXIMUM", layers.Maximum()), ("MINIMUM", layers.Minimum()),
                    ("MULTIPLY", layers.Multiply()), ("CONCAT", layers.Concatenate()),
                    ("CONCAT_1", layers.Concatenate(axis=1))]:
    y = layer([masked(A, MA), masked(B, MB)])
    parts.append(floats("MERGE_" + name + "_Y", y, f"{type(layer).__name__}({layer.get_config().get('axis', '')}) "
                        "of A, B both masked."))
    m = mask_of(y)
    parts.append(floats("MERGE_" + name + "_MASK", m if m is not None else [], "Its output mask (empty: none)."))
    y1 = layer([masked(A, MA), jnp.asarray(B)])
    parts.append(floats("MERGE_" + name + "_ONE_Y", y1, "The same with only A masked."))
    m1 = mask_of(y1)
    parts.append(floats("MERGE_" + name + "_ONE_MASK", m1 if m1 is not None else [], "Its output mask (empty: none)."))

# ---- losses and metrics on a masked prediction ---------------------------------------------------------------
YP = arr((2, 4, 1), -1, 1)
YT = arr((2, 4, 1), -1, 1)
LM = np.array([[1, 1, 1, 0], [1, 0, 0, 0]], dtype=np.float32)
SW = np.array([0.5, 2.0], dtype=np.float32)
parts.append(floats("LOSS_PRED", YP, "Predictions (2, 4, 1)."))
parts.append(floats("LOSS_TRUE", YT, "Targets (2, 4, 1)."))
parts.append(floats("LOSS_MASK", LM, "The predictions' mask (2, 4)."))
parts.append(floats("LOSS_SW", SW, "Per-sample weights (2,)."))
parts.append(floats("LOSS_MSE", [keras.losses.MeanSquaredError()(YT, masked(YP, LM))], "mse on masked predictions."))
parts.append(floats("LOSS_MSE_SUM", [keras.losses.MeanSquaredError(reduction="sum")(YT, masked(YP, LM))],
                    "mse, reduction sum."))
parts.append(floats("LOSS_MSE_SW", [keras.losses.MeanSquaredError()(YT, masked(YP, LM), sample_weight=SW[:, None])],
                    "mse with sample weights (2, 1) on masked predictions."))
CP = arr((2, 4, 3))
CT = np.array([[0, 2, 1, 1], [2, 2, 0, 1]], dtype=np.float32)
parts.append(floats("SCCE_LOGITS", CP, "Logits (2, 4, 3)."))
parts.append(floats("SCCE_TRUE", CT, "Sparse labels (2, 4)."))
parts.append(floats("SCCE", [keras.losses.SparseCategoricalCrossentropy(from_logits=True)(CT, masked(CP, LM))],
                    "sparse categorical crossentropy from logits on masked predictions."))
metric = keras.metrics.MeanSquaredError()
metric.update_state(YT, masked(YP, LM))
parts.append(floats("METRIC_MSE", [metric.result()], "keras.metrics.MeanSquaredError on masked predictions."))
acc = keras.metrics.SparseCategoricalAccuracy()
acc.update_state(CT, masked(CP, LM))
parts.append(floats("METRIC_SPARSE_ACC", [acc.result()], "SparseCategoricalAccuracy on masked predictions."))

# ---- one training step of a model with a masked per-step output ---------------------------------------------
keras.backend.clear_session()
TIDS = np.array([[3, 1, 4, 0, 0], [2, 2, 0, 0, 0], [5, 4, 3, 2, 1]], dtype=np.int32)
TY = arr((3, 5, 1), -1, 1)
tin = keras.Input((5,), dtype="int32")
th = layers.Embedding(6, 2, mask_zero=True)(tin)
tout = layers.Dense(1)(th)
tmodel = keras.Model(tin, tout)
T_TABLE = arr((6, 2), -1, 1)
T_KERNEL = arr((2, 1), -1, 1)
T_BIAS = arr((1,), -0.1, 0.1)
tmodel.layers[1].embeddings.assign(T_TABLE)
tmodel.layers[2].kernel.assign(T_KERNEL)
tmodel.layers[2].bias.assign(T_BIAS)
tmodel.compile(optimizer=keras.optimizers.SGD(0.5), loss="mse")
tloss = tmodel.train_on_batch(TIDS, TY)
parts.append(floats("STEP_IDS", TIDS, "Ids (3, 5) of the masked training step."))
parts.append(floats("STEP_Y", TY, "Targets (3, 5, 1)."))
parts.append(floats("STEP_TABLE", T_TABLE, "Embedding(6, 2, mask_zero) table before the step."))
parts.append(floats("STEP_KERNEL", T_KERNEL, "Dense(1) kernel before the step."))
parts.append(floats("STEP_BIAS", T_BIAS, "Dense(1) bias before the step."))
parts.append(floats("STEP_LOSS", [tloss], "The step's loss (masked mse)."))
parts.append(floats("STEP_TABLE_AFTER", tmodel.layers[1].embeddings.numpy(), "The table after one SGD(0.5) step."))
parts.append(floats("STEP_KERNEL_AFTER", tmodel.layers[2].kernel.numpy(), "The kernel after the step."))
parts.append(floats("STEP_BIAS_AFTER", tmodel.layers[2].bias.numpy(), "The bias after the step."))


def interop():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.join(root, "strata-core/src/test/resources/keras-golden")
    keras.backend.clear_session()
    keras.utils.set_random_seed(43)
    r = np.random.default_rng(43)

    def padded(n):
        ids = r.integers(1, 30, size=(n, 8))
        for i in range(n):
            ids[i, r.integers(2, 9):] = 0
        return ids.astype("int32")

    x = padded(64)
    y = r.uniform(size=(64, 1)).astype("float32")
    probe = padded(5)
    inp = keras.Input((8,), dtype="int32", name="ids")
    h = layers.Embedding(30, 6, mask_zero=True)(inp)
    h = layers.Dense(5, activation="tanh")(h)
    h = layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, layers.Dense(1)(h), name="masked_text")
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
    model.fit(x, y, epochs=3, verbose=0)
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "masked_text.keras")
    model.save(path)
    golden = {"generated_by": "tools/golden/masking.py --interop, keras " + keras.__version__ + " "
              + keras.backend.backend(),
              "inputs": [probe.astype("float32").tolist()],
              "outputs": [np.asarray(model.predict(probe, verbose=0), dtype="float32").tolist()]}
    with open(os.path.join(out, "masked_text_golden.json"), "w") as f:
        json.dump(golden, f)
    print("wrote", path, file=sys.stderr)

    keras.backend.clear_session()
    keras.utils.set_random_seed(44)
    inp = keras.Input((8,), dtype="int32", name="ids")
    h = layers.Embedding(30, 6, mask_zero=True)(inp)
    h = layers.Bidirectional(layers.LSTM(4, return_sequences=True))(h)
    h = layers.GRU(3)(h)
    model = keras.Model(inp, layers.Dense(1)(h), name="masked_lstm")
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
    model.fit(x, y, epochs=2, verbose=0)
    path = os.path.join(out, "masked_lstm.keras")
    model.save(path)
    golden = {"generated_by": "tools/golden/masking.py --interop, keras " + keras.__version__ + " "
              + keras.backend.backend(),
              "inputs": [probe.astype("float32").tolist()],
              "outputs": [np.asarray(model.predict(probe, verbose=0), dtype="float32").tolist()]}
    with open(os.path.join(out, "masked_lstm_golden.json"), "w") as f:
        json.dump(golden, f)
    print("wrote", path, file=sys.stderr)
    interop_steps()
    interop_initial_state()


def interop_steps():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.join(root, "strata-core/src/test/resources/keras-golden")
    keras.backend.clear_session()
    keras.utils.set_random_seed(45)
    r = np.random.default_rng(45)

    def padded(n):
        x = r.normal(size=(n, 6, 3)).astype("float32")
        for i in range(n):
            x[i, r.integers(2, 7):] = 0.0
        return x

    x = padded(64)
    y = r.uniform(size=(64, 1)).astype("float32")
    probe = padded(5)
    inp = keras.Input((6, 3), name="steps")
    h = layers.Masking(0.0)(inp)
    h = layers.LSTM(4)(h)
    model = keras.Model(inp, layers.Dense(1)(h), name="masked_steps")
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
    model.fit(x, y, epochs=2, verbose=0)
    path = os.path.join(out, "masked_steps.keras")
    model.save(path)
    golden = {"generated_by": "tools/golden/masking.py --interop, keras " + keras.__version__ + " "
              + keras.backend.backend(),
              "inputs": [probe.tolist()],
              "outputs": [np.asarray(model.predict(probe, verbose=0), dtype="float32").tolist()]}
    with open(os.path.join(out, "masked_steps_golden.json"), "w") as f:
        json.dump(golden, f)
    print("wrote", path, file=sys.stderr)


def interop_initial_state():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.join(root, "strata-core/src/test/resources/keras-golden")
    keras.backend.clear_session()
    keras.utils.set_random_seed(46)
    x = keras.Input((5, 3))
    h = keras.Input((4,))
    c = keras.Input((4,))
    y = layers.LSTM(4)(x, initial_state=[h, c])
    z = layers.GRU(4)(x, initial_state=h)
    model = keras.Model([x, h, c], [y, z], name="init_state")
    path = os.path.join(out, "init_state.keras")
    model.save(path)
    r = np.random.default_rng(0)
    xs = [r.normal(size=(2, 5, 3)).astype("float32"), r.normal(size=(2, 4)).astype("float32"),
          r.normal(size=(2, 4)).astype("float32")]
    golden = {"generated_by": "tools/golden/masking.py --interop, keras " + keras.__version__ + " "
              + keras.backend.backend(),
              "inputs": [a.tolist() for a in xs],
              "outputs": [np.asarray(o, dtype="float32").tolist() for o in model.predict(xs, verbose=0)]}
    with open(os.path.join(out, "init_state_golden.json"), "w") as f:
        json.dump(golden, f)
    print("wrote", path, file=sys.stderr)


if "--initial-state" in sys.argv:  # only the initial_state model
    interop_initial_state()
elif "--steps" in sys.argv:  # only the Masking model (the others are committed)
    interop_steps()
elif "--interop" in sys.argv:
    interop()
else:
    print(f"""package dev.strata.layers;

/**
 * Generated by tools/golden/masking.py (Keras {keras.__version__}, {keras.backend.backend()} backend): masks,
 * Embedding and Masking. Do not edit.
 */
public final class MaskingGolden {{
{"".join(parts)}
    private MaskingGolden() {{
    }}
}}""")

"""Reference values for Strata's recurrent layers (dev.strata.layers.rnn), from Keras 3 (JAX backend, float32).

Writes to strata-core/src/test/resources/keras-golden/ (read by the test class RnnGolden):
  rnn_cases_golden.json: each case is a layer with some arguments: Keras's class name and get_config() (JSON), its
      weights (set to random values, in Keras's order), the inputs (the sequence, then initial states), an optional
      mask (batch, time) passed as `mask=`, the outputs, and the gradients of sum(sum_k outputs[k] * r_k)
      (r[i] = ((7 i) mod 11 - 5) / 4 over each output's flat index) with respect to the sequence and each weight
      (jax.grad through stateless_call; training=False). Stateful cases run two batches and record both outputs.
      Keras's get_config() is kept for the first case of each class only (file size).
  rnn_models.keras, rnn_models_golden.json: a small Functional model with LSTM, GRU, SimpleRNN, Bidirectional,
      TimeDistributed and a stacked RNN (RNN over [LSTMCell, GRUCell]), its inputs and Keras's predictions.

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/rnn.py   (Keras 3.15.1, JAX)
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")

rng = np.random.default_rng(13)


def arr(shape, lo=-1.0, hi=1.0):
    return np.round(rng.uniform(lo, hi, size=shape), 3).astype(np.float32)


def flat(a):
    return [float(str(v)) for v in np.asarray(a, dtype=np.float32).ravel()]


def tensor(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "values": flat(a)}


def weights_of(shape):
    n = int(np.prod(shape))
    return (((np.arange(n) * 7) % 11 - 5) / 4.0).astype(np.float32).reshape(shape)


def as_list(y):
    return list(y) if isinstance(y, (list, tuple)) else [y]


def run_case(name, make, x_shape, states=(), mask=None, stateful_batches=1):
    layer = make()
    x = arr(x_shape)
    init = [arr(s) for s in states]
    kwargs = {}
    if init:
        kwargs["initial_state"] = [jnp.asarray(s) for s in init]
    if mask is not None:
        kwargs["mask"] = jnp.asarray(np.asarray(mask, dtype=bool))
    layer(x, **kwargs)  # build
    ws = [arr(w.shape, -0.8, 0.8) for w in layer.weights]
    layer.set_weights(ws)
    case = {
        "name": name,
        "class_name": layer.__class__.__name__,
        "config": json.loads(json.dumps(layer.get_config())),
        "weight_names": [w.path for w in layer.weights],
        "weights": [tensor(w) for w in ws],
        "x": tensor(x),
        "states": [tensor(s) for s in init],
        "mask": None if mask is None else tensor(np.asarray(mask, dtype=np.float32)),
    }
    if stateful_batches > 1:
        layer.reset_states()  # forget the states of the call that built it
        x2 = arr(x_shape)
        y1 = [np.asarray(t) for t in as_list(layer(x))]
        y2 = [np.asarray(t) for t in as_list(layer(x2))]
        case["x2"] = tensor(x2)
        case["outputs"] = [tensor(t) for t in y1]
        case["outputs2"] = [tensor(t) for t in y2]
        return case
    trainable = [v.value for v in layer.trainable_variables]
    non_trainable = [v.value for v in layer.non_trainable_variables]

    def loss(tv, xin):
        out, _ = layer.stateless_call(tv, non_trainable, xin, **kwargs)
        return sum(jnp.sum(o * weights_of(o.shape)) for o in as_list(out))

    out, _ = layer.stateless_call(trainable, non_trainable, x, **kwargs)
    dtv, dx = jax.grad(loss, argnums=(0, 1))(trainable, jnp.asarray(x))
    case["outputs"] = [tensor(o) for o in as_list(out)]
    case["dx"] = tensor(dx)
    case["dweights"] = [tensor(d) for d in dtv]
    return case


MASK = [[1, 1, 0, 1, 0], [0, 1, 1, 1, 1]]  # batch 2, time 5: masked steps in the middle, the end and the start

CASES = [
    ("simple_rnn_seq", lambda: layers.SimpleRNN(4, return_sequences=True), (2, 5, 3), (), None),
    ("simple_rnn_relu_last", lambda: layers.SimpleRNN(3, activation="relu"), (2, 4, 3), (), None),
    ("lstm_state", lambda: layers.LSTM(4, return_state=True), (2, 5, 3), (), None),
    ("lstm_seq_backwards", lambda: layers.LSTM(3, return_sequences=True, go_backwards=True), (2, 5, 3), (), None),
    ("lstm_hard_sigmoid", lambda: layers.LSTM(3, recurrent_activation="hard_sigmoid", return_sequences=True),
     (2, 4, 3), (), None),
    ("lstm_initial_state", lambda: layers.LSTM(3, return_state=True), (2, 4, 3), [(2, 3), (2, 3)], None),
    ("lstm_unroll", lambda: layers.LSTM(3, unroll=True, return_sequences=True), (2, 4, 3), (), None),
    ("gru_seq", lambda: layers.GRU(4, return_sequences=True), (2, 5, 3), (), None),
    ("gru_reset_before", lambda: layers.GRU(3, reset_after=False, return_state=True), (2, 4, 3), (), None),
    ("gru_no_bias_backwards", lambda: layers.GRU(3, use_bias=False, go_backwards=True), (2, 4, 3), (), None),
    ("rnn_stacked", lambda: layers.RNN([layers.LSTMCell(3), layers.GRUCell(2)], return_sequences=True),
     (2, 4, 3), (), None),
    ("rnn_simple_cell", lambda: layers.RNN(layers.SimpleRNNCell(3), return_state=True), (2, 4, 3), (), None),
    ("bidirectional_concat", lambda: layers.Bidirectional(layers.LSTM(3, return_sequences=True)), (2, 4, 3), (), None),
    ("bidirectional_sum", lambda: layers.Bidirectional(layers.GRU(2), merge_mode="sum"), (2, 4, 3), (), None),
    ("bidirectional_mul", lambda: layers.Bidirectional(layers.SimpleRNN(2, return_sequences=True), merge_mode="mul"),
     (2, 4, 3), (), None),
    ("bidirectional_ave", lambda: layers.Bidirectional(layers.LSTM(2), merge_mode="ave"), (2, 4, 3), (), None),
    ("bidirectional_none", lambda: layers.Bidirectional(layers.LSTM(2, return_sequences=True), merge_mode=None),
     (2, 4, 3), (), None),
    ("bidirectional_state", lambda: layers.Bidirectional(layers.LSTM(2, return_state=True)), (2, 4, 3), (), None),
    ("time_distributed_dense", lambda: layers.TimeDistributed(layers.Dense(2, activation="tanh")), (2, 4, 3), (),
     None),
    # masks (Keras's backend rnn: a masked step keeps the previous output and states)
    ("lstm_masked_seq", lambda: layers.LSTM(3, return_sequences=True), (2, 5, 3), (), MASK),
    ("lstm_masked_last", lambda: layers.LSTM(3, return_state=True), (2, 5, 3), (), MASK),
    ("gru_masked_backwards", lambda: layers.GRU(3, return_sequences=True, go_backwards=True), (2, 5, 3), (), MASK),
    ("simple_rnn_masked_zero_output", lambda: layers.SimpleRNN(3, return_sequences=True, zero_output_for_mask=True),
     (2, 5, 3), (), MASK),
    ("bidirectional_masked", lambda: layers.Bidirectional(layers.LSTM(2, return_sequences=True)), (2, 5, 3), (), MASK),
]

STATEFUL = [
    ("lstm_stateful", lambda: layers.LSTM(3, stateful=True, return_sequences=True), (2, 4, 3)),
    ("gru_stateful", lambda: layers.GRU(2, stateful=True), (2, 4, 3)),
]


def main():
    keras.utils.set_random_seed(1)
    cases = [run_case(n, f, s, st, m) for n, f, s, st, m in CASES]
    cases += [run_case(n, f, s, stateful_batches=2) for n, f, s in STATEFUL]
    seen = set()
    for c in cases:  # Keras's config once per class, to keep the file small
        if c["class_name"] in seen:
            c["config"] = None
        seen.add(c["class_name"])
    with open(os.path.join(OUT, "rnn_cases_golden.json"), "w") as f:
        json.dump({"cases": cases}, f)

    # a model of every recurrent layer, saved as .keras
    keras.utils.set_random_seed(2)
    inp = keras.Input((6, 3), name="seq")
    a = layers.LSTM(4, return_sequences=True, name="lstm")(inp)
    b = layers.GRU(3, return_sequences=True, name="gru")(a)
    c = layers.Bidirectional(layers.LSTM(2, return_sequences=True), name="bidi")(b)
    d = layers.TimeDistributed(layers.Dense(2), name="td")(c)
    e = layers.RNN([layers.LSTMCell(3), layers.GRUCell(2)], name="stacked")(d)
    f = layers.SimpleRNN(2, name="simple")(inp)
    g = layers.Bidirectional(layers.GRU(2), merge_mode="sum", name="bidi_gru")(inp)
    out = layers.Dense(1, name="out")(layers.Concatenate()([e, f, g]))
    model = keras.Model(inp, out, name="rnn_models")
    for w in model.weights:  # weights away from the initializers' values
        w.assign(rng.uniform(-0.7, 0.7, size=w.shape).astype(np.float32))
    x = arr((3, 6, 3))
    model.save(os.path.join(OUT, "rnn_models.keras"))
    y = model.predict(x, verbose=0)
    with open(os.path.join(OUT, "rnn_models_golden.json"), "w") as f:
        json.dump({"x": tensor(x), "y": tensor(y)}, f)


if __name__ == "__main__":
    main()

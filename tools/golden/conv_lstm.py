"""Reference values for Strata's convolutional LSTM layers (dev.strata.layers.rnn.ConvLSTM1D/2D/3D), from Keras 3
(JAX backend, float32).

Writes:
  strata-core/src/test/java/dev/strata/layers/rnn/ConvLstmGolden.java: one RnnGolden.Case per layer case (made by
      rnn.py's run_case: Keras's config, weights set to random values in Keras's order, the inputs, an optional mask,
      the outputs and, through jax.grad of stateless_call, the gradients of sum_k sum(outputs[k] * r) with respect
      to the sequence and every weight; stateful cases run two batches), and the inputs and predictions of the two
      saved models below.
  strata-core/src/test/resources/keras-golden/conv_lstm1d_model.keras, conv_lstm2d_model.keras: small Functional
      models of ConvLSTM1D and ConvLSTM2D layers, saved by Keras.

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/conv_lstm.py   (Keras 3.15.1, JAX)
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

from _common import arr, java_class, shp  # noqa: E402
import rnn  # noqa: E402  (run_case: the recurrent layers' golden recipe)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")
JAVA = os.path.join(ROOT, "strata-core/src/test/java/dev/strata/layers/rnn/ConvLstmGolden.java")

MASK = [[1, 1, 0, 1], [0, 1, 1, 1]]  # batch 2, time 4
# The masked cases unroll: Keras 3.15's JAX scan loop selects with a (batch, 1) mask against (batch, *spatial,
# filters) outputs, which broadcasts the batch onto the last spatial axis (a per-column, not per-sample, mask; an
# error when that axis is neither 1 nor the batch). Its unrolled loop tiles the mask to the outputs' shape, the
# per-sample semantics of Keras's RNN (and of Strata, unrolled or not).

CASES = [
    ("conv_lstm2d_last", lambda: layers.ConvLSTM2D(3, 2), (2, 3, 4, 4, 2), (), None),
    ("conv_lstm2d_same_seq_state",
     lambda: layers.ConvLSTM2D(2, 3, padding="same", return_sequences=True, return_state=True), (2, 3, 4, 4, 2), (),
     None),
    ("conv_lstm2d_strides_backwards", lambda: layers.ConvLSTM2D(2, 2, strides=2, go_backwards=True,
                                                                return_sequences=True), (2, 3, 5, 5, 1), (), None),
    ("conv_lstm2d_channels_first", lambda: layers.ConvLSTM2D(2, (2, 3), data_format="channels_first",
                                                             return_state=True), (2, 3, 2, 4, 5), (), None),
    ("conv_lstm2d_masked", lambda: layers.ConvLSTM2D(2, 2, return_sequences=True, unroll=True), (2, 4, 3, 3, 1), (),
     MASK),
    ("conv_lstm2d_masked_last", lambda: layers.ConvLSTM2D(2, 2, return_state=True, unroll=True), (2, 4, 3, 3, 1), (), MASK),
    ("conv_lstm2d_relu_hard_sigmoid_no_bias",
     lambda: layers.ConvLSTM2D(2, 2, activation="relu", recurrent_activation="hard_sigmoid", use_bias=False),
     (2, 3, 3, 3, 2), (), None),
    ("conv_lstm1d_dilated_same", lambda: layers.ConvLSTM1D(3, 2, dilation_rate=2, padding="same",
                                                           return_sequences=True), (2, 3, 6, 2), (), None),
    ("conv_lstm1d_initial_state", lambda: layers.ConvLSTM1D(2, 3, return_state=True), (2, 3, 6, 2),
     [(2, 4, 2), (2, 4, 2)], None),
    ("conv_lstm1d_channels_first_unroll", lambda: layers.ConvLSTM1D(2, 2, data_format="channels_first", unroll=True,
                                                                    return_sequences=True), (2, 3, 2, 5), (), None),
    ("conv_lstm3d_last", lambda: layers.ConvLSTM3D(2, 2), (1, 2, 3, 3, 3, 1), (), None),
    ("bidirectional_conv_lstm2d", lambda: layers.Bidirectional(layers.ConvLSTM2D(2, 2, return_sequences=True)),
     (2, 3, 4, 4, 1), (), None),
    ("bidirectional_conv_lstm1d_sum", lambda: layers.Bidirectional(layers.ConvLSTM1D(2, 3, padding="same"),
                                                                   merge_mode="sum"), (2, 3, 5, 2), (), None),
]

STATEFUL = [
    ("conv_lstm1d_stateful", lambda: layers.ConvLSTM1D(2, 2, stateful=True, return_sequences=True), (2, 3, 5, 1)),
]


def t(d):
    """An rnn.py tensor dict as a Java Tensor expression."""
    if d is None:
        return "null"
    a = np.asarray(d["values"], dtype=np.float32).reshape(d["shape"])
    return f"Tensor.of({arr(a)}, {shp(a)})"


def ts(ds):
    return "List.of(" + ", ".join(t(d) for d in (ds or [])) + ")"


def jstr(s):
    return json.dumps(s)  # a JSON string literal is a valid Java string literal for this ASCII text


def case_method(c):
    cfg = "null" if c["config"] is None else f"KerasConfig.parseJson({jstr(json.dumps(c['config']))})"
    names = "List.of(" + ", ".join(jstr(n) for n in c["weight_names"]) + ")"
    return [
        f"static RnnGolden.Case {c['name']}() {{",
        f"    return new RnnGolden.Case({jstr(c['name'])}, {jstr(c['class_name'])}, config({cfg}), {names},",
        f"            {ts(c['weights'])},",
        f"            {t(c['x'])}, {ts(c['states'])}, {t(c['mask'])},",
        f"            {ts(c['outputs'])},",
        f"            {t(c.get('dx'))}, {ts(c.get('dweights'))},",
        f"            {t(c.get('x2'))}, {ts(c.get('outputs2'))});",
        "}",
        "",
    ]


def model_1d():
    inp = keras.Input((4, 6, 2), name="seq")
    h = layers.ConvLSTM1D(3, 2, padding="same", return_sequences=True, name="clstm_a")(inp)
    h = layers.ConvLSTM1D(2, 3, go_backwards=True, recurrent_activation="hard_sigmoid", name="clstm_b")(h)
    out = layers.Dense(1, name="out")(layers.Flatten(name="flat")(h))
    return keras.Model(inp, out, name="conv_lstm1d_model"), (3, 4, 6, 2)


def model_2d():
    inp = keras.Input((3, 5, 5, 1), name="frames")
    h = layers.ConvLSTM2D(2, 3, padding="same", return_sequences=True, name="clstm_a")(inp)
    h = layers.ConvLSTM2D(2, 2, strides=2, name="clstm_b")(h)
    out = layers.Dense(2, name="out")(layers.Flatten(name="flat")(h))
    return keras.Model(inp, out, name="conv_lstm2d_model"), (2, 3, 5, 5, 1)


def main():
    keras.utils.set_random_seed(1)
    cases = [rnn.run_case(n, f, s, st, m) for n, f, s, st, m in CASES]
    cases += [rnn.run_case(n, f, s, stateful_batches=2) for n, f, s in STATEFUL]
    seen = set()
    for c in cases:  # Keras's config once per class, to keep the file small
        if c["class_name"] in seen:
            c["config"] = None
        seen.add(c["class_name"])
    body = []
    for c in cases:
        body += case_method(c)
    body += ["/** Every case. */", "static List<RnnGolden.Case> cases() {",
             "    return List.of(" + ", ".join(c["name"] + "()" for c in cases) + ");", "}", ""]

    keras.utils.set_random_seed(2)
    rng = np.random.default_rng(2)  # the models' own: adding layer cases leaves the .keras files as they are
    for name, make in (("conv_lstm1d_model", model_1d), ("conv_lstm2d_model", model_2d)):
        model, x_shape = make()
        for w in model.weights:  # weights away from the initializers' values
            w.assign(rng.uniform(-0.7, 0.7, size=w.shape).astype(np.float32))
        x = np.round(rng.uniform(-1, 1, size=x_shape), 3).astype(np.float32)
        model.save(os.path.join(OUT, name + ".keras"))
        y = model.predict(x, verbose=0)
        body += [f"/** The input of {name}.keras. */",
                 f"static Tensor {name}X() {{", f"    return Tensor.of({arr(x)}, {shp(x)});", "}", "",
                 f"/** Keras's predictions of {name}.keras. */",
                 f"static Tensor {name}Y() {{", f"    return Tensor.of({arr(y)}, {shp(y)});", "}", ""]

    body += ["@SuppressWarnings(\"unchecked\")", "private static Map<String, Object> config(Object parsed) {",
             "    return (Map<String, Object>) parsed;", "}"]
    text = java_class("dev.strata.layers.rnn", "ConvLstmGolden", "tools/golden/conv_lstm.py", body,
                      doc="Golden values of the convolutional LSTM layers (RnnGolden.Case each) from Keras")
    imports = "import dev.strata.saving.KerasConfig;\nimport dev.strata.tensor.Tensor;\nimport java.util.List;\n" \
              "import java.util.Map;\n\n"
    text = text.replace("package dev.strata.layers.rnn;\n\n", "package dev.strata.layers.rnn;\n\n" + imports, 1)
    with open(JAVA, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()

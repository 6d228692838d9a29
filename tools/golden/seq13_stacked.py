"""Reference values for StackedRNNCells with nested states (issue 13), from Keras 3 (JAX backend, float32).

Keras nests a stack's states one entry per cell (state_size [[3, 3], 2, 2] for LSTMCell(3), GRUCell(2),
SimpleRNNCell(2)): initial_state is given nested ([[h1, c1], [h2], [h3]]), and RNN's return_state gives the output
then each cell's states (flattened in that order they are Strata's flat list). A cell with two states written by a
user (TwoStateCell here, RNNTest's Java twin) runs inside a stack too.

Writes the Java test class Seq13StackedGolden:

    cd tools/golden && KERAS_BACKEND=jax /work/venv/bin/python seq13_stacked.py \
        > ../../strata-core/src/test/java/dev/strata/layers/rnn/Seq13StackedGolden.java

Each case: the weights (random, Keras's order), the sequence, the initial states (flat, Strata's order), an optional
(batch, time) mask, the outputs (flat), and the gradients of sum_k sum(outputs[k] * W) (W[i] = ((7 i) mod 11 - 5) / 4
over each output's flat index) with respect to the sequence, each initial state and each trainable weight (jax.grad
through stateless_call).

With --interop it writes, instead, strata-core/src/test/resources/keras-golden/seq13_stacked.keras: a Functional
model x (5, 3), h1, c1 (3), h2 (2) -> RNN(StackedRNNCells([LSTMCell(3), GRUCell(2)]), return_state=True) with
initial_state=[[h1, c1], [h2]] -> outputs [Dense(1)(y), [h, c], g] (nested, as Keras writes them); its inputs and
Keras's predictions are in Seq13StackedGolden (written by the default mode from the same seed).
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, ops  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import arr, java_class, shp  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")

rng = np.random.default_rng(1314)


def r(*shape, lo=-1.0, hi=1.0):
    return np.round(rng.uniform(lo, hi, size=shape), 3).astype(np.float32)


def out_weights(shape):
    n = int(np.prod(shape))
    return (((np.arange(n) * 7) % 11 - 5) / 4.0).astype(np.float32).reshape(shape)


class TwoStateCell(layers.Layer):
    """A user's cell with two states: h' = tanh(x K + h R), c' = c + h' / 2, output h' * sigmoid(c')."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = [units, units]
        self.output_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units), name="recurrent_kernel")

    def call(self, inputs, states):
        h, c = states
        h2 = ops.tanh(ops.matmul(inputs, self.kernel) + ops.matmul(h, self.recurrent_kernel))
        c2 = c + h2 * 0.5
        return h2 * ops.sigmoid(c2), [h2, c2]


MASK = np.array([[1, 1, 0, 1, 0], [0, 1, 1, 1, 1]], dtype=bool)

# (name, layer, x shape, nested initial state shapes (or None), mask)
CASES = [
    ("lstm_gru_simple", lambda: layers.RNN(layers.StackedRNNCells(
        [layers.LSTMCell(3), layers.GRUCell(2), layers.SimpleRNNCell(2)]), return_sequences=True, return_state=True),
     (2, 4, 3), [[(2, 3), (2, 3)], [(2, 2)], [(2, 2)]], None),
    ("lstm_two_state", lambda: layers.RNN([layers.LSTMCell(2), TwoStateCell(3)], return_state=True, go_backwards=True),
     (2, 4, 3), None, None),
    ("two_state_lstm_initial", lambda: layers.RNN([TwoStateCell(3), layers.LSTMCell(2)], return_state=True),
     (2, 4, 3), [[(2, 3), (2, 3)], [(2, 2), (2, 2)]], None),
    ("two_lstms_masked", lambda: layers.RNN([layers.LSTMCell(3), layers.LSTMCell(2)], return_sequences=True,
                                            return_state=True),
     (2, 5, 3), [[(2, 3), (2, 3)], [(2, 2), (2, 2)]], MASK),
]


def flat(nested):
    return list(keras.tree.flatten(nested))


def run_case(name, make, x_shape, state_shapes, mask):
    layer = make()
    x = r(*x_shape)
    init = None if state_shapes is None else [[r(*s) for s in cell] for cell in state_shapes]
    kwargs = {}
    if mask is not None:
        kwargs["mask"] = jnp.asarray(mask)
    layer(x, initial_state=init, **kwargs)  # build
    weights = [r(*w.shape, lo=-0.8, hi=0.8) for w in layer.weights]
    layer.set_weights(weights)
    trainable = [v.value for v in layer.trainable_variables]
    non_trainable = [v.value for v in layer.non_trainable_variables]

    def run(tv, xin, states):
        out, _ = layer.stateless_call(tv, non_trainable, xin, initial_state=states, **kwargs)
        return flat(out)

    def loss(tv, xin, states):
        return sum(jnp.sum(o * out_weights(o.shape)) for o in run(tv, xin, states))

    states = None if init is None else [[jnp.asarray(s) for s in cell] for cell in init]
    outs = run(trainable, x, states)
    if states is None:
        dtv, dx = jax.grad(loss, argnums=(0, 1))(trainable, jnp.asarray(x), None)
        dstates = []
    else:
        dtv, dx, ds = jax.grad(loss, argnums=(0, 1, 2))(trainable, jnp.asarray(x), states)
        dstates = flat(ds)
    p = name.upper()
    flat_init = [] if init is None else flat(init)

    def many(key, values, fn):
        return f"static final {'int' if fn is shp else 'float'}[][] {p}_{key} = {{" + ", ".join(
            fn(v) for v in values) + "};"

    return [
        f"static final float[] {p}_X = {arr(x)};",
        f"static final int[] {p}_X_SHAPE = {shp(x)};",
        many("STATES", flat_init, arr),
        many("STATE_SHAPES", flat_init, shp),
        f"static final float[] {p}_MASK = {'null' if mask is None else arr(mask.astype(np.float32))};",
        many("WEIGHTS", weights, arr),
        many("WEIGHT_SHAPES", weights, shp),
        f"static final String[] {p}_WEIGHT_PATHS = {{" + ", ".join(f'"{w.path}"' for w in layer.weights) + "};",
        many("OUTPUTS", outs, arr),
        many("OUTPUT_SHAPES", outs, shp),
        f"static final float[] {p}_DX = {arr(dx)};",
        many("DSTATES", dstates, arr),
        many("DWEIGHTS", dtv, arr),
        "",
    ]


def interop_model():
    keras.utils.set_random_seed(14)
    x = keras.Input((5, 3), name="x")
    h1 = keras.Input((3,), name="h1")
    c1 = keras.Input((3,), name="c1")
    h2 = keras.Input((2,), name="h2")
    rnn = layers.RNN(layers.StackedRNNCells([layers.LSTMCell(3), layers.GRUCell(2)]), return_state=True,
                     name="stack")
    y, (h, c), g = rnn(x, initial_state=[[h1, c1], [h2]])
    out = layers.Dense(1, name="out")(y)
    model = keras.Model([x, h1, c1, h2], [out, [h, c], g], name="seq13_stacked")
    wrng = np.random.default_rng(8)
    for w in model.weights:
        w.assign(wrng.uniform(-0.7, 0.7, size=w.shape).astype(np.float32))
    ins = [r(3, 5, 3), r(3, 3), r(3, 3), r(3, 2)]
    ys = flat(model.predict(ins, verbose=0))
    return model, ins, ys


def main():
    model, ins, ys = interop_model()
    if "--interop" in sys.argv:
        model.save(os.path.join(OUT, "seq13_stacked.keras"))
        return
    keras.utils.set_random_seed(1)
    body = []
    for case in CASES:
        body += run_case(*case)
    body += [
        "static final float[][] MODEL_INPUTS = {" + ", ".join(arr(v) for v in ins) + "};",
        "static final int[][] MODEL_INPUT_SHAPES = {" + ", ".join(shp(v) for v in ins) + "};",
        "static final float[][] MODEL_OUTPUTS = {" + ", ".join(arr(v) for v in ys) + "};",
        "static final int[][] MODEL_OUTPUT_SHAPES = {" + ", ".join(shp(v) for v in ys) + "};",
    ]
    print(java_class("dev.strata.layers.rnn", "Seq13StackedGolden", "tools/golden/seq13_stacked.py", body,
                     doc="StackedRNNCells with nested states: golden values from Keras"), end="")


if __name__ == "__main__":
    main()

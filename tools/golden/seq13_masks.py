"""Reference values for TimeDistributed with masks (issue 13), from Keras 3 (JAX backend, float32).

Keras 3's TimeDistributed.call gives its layer each step's slice of the mask (`mask[:, i]`, so (batch, ...) for a
mask of (batch, time, ...)) when the layer's call takes a mask, calls it once per step, and passes its own input's
mask on unchanged (it has no compute_mask).

Writes the Java test class Seq13MasksGolden:

    cd tools/golden && KERAS_BACKEND=jax /work/venv/bin/python seq13_masks.py \
        > ../../strata-core/src/test/java/dev/strata/layers/rnn/Seq13MasksGolden.java

Each case: the inner layer's weights (random, Keras's order), the input x and its mask, the outputs, and the
gradients of sum(outputs * W) (W[i] = ((7 i) mod 11 - 5) / 4 over the flat index) with respect to x and each
trainable weight (jax.grad through stateless_call).

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  seq13_td_masks.keras  a Functional model: word ids (sentences, words) -> Embedding(mask_zero) ->
                        TimeDistributed(LSTM) (per-sentence masks of the words) -> LSTM over the sentences; and
                        ids (time) -> Embedding(mask_zero) -> TimeDistributed(Dense) -> LSTM; concatenated -> Dense
  (its inputs and Keras's predictions are in Seq13MasksGolden, written by the default mode from the same seed)
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import arr, java_class, shp  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")

rng = np.random.default_rng(1313)


def r(*shape, lo=-1.0, hi=1.0):
    return np.round(rng.uniform(lo, hi, size=shape), 3).astype(np.float32)


def out_weights(shape):
    n = int(np.prod(shape))
    return (((np.arange(n) * 7) % 11 - 5) / 4.0).astype(np.float32).reshape(shape)


# masks of (batch 2, sentences 3, words 4): words padded at the end, no sentence without a word (GlobalAveragePooling1D
# of no step is NaN in Keras)
MASK3 = np.array([[[1, 1, 0, 0], [1, 1, 1, 1], [1, 0, 0, 0]],
                  [[1, 1, 1, 0], [1, 0, 0, 0], [1, 1, 0, 0]]], dtype=bool)
# a sentence that is all padding (the inner LSTM then outputs its zero initial state)
MASK3_EMPTY = np.array([[[1, 1, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0]],
                        [[1, 1, 1, 1], [1, 0, 1, 0], [0, 0, 0, 0]]], dtype=bool)
MASK2 = np.array([[1, 1, 0, 1], [0, 1, 1, 1], [1, 1, 1, 0]], dtype=bool)

# (name, layer, x shape, mask, training)
CASES = [
    ("td_lstm", lambda: layers.TimeDistributed(layers.LSTM(3)), (2, 3, 4, 2), MASK3, False),
    ("td_lstm_empty_sentence", lambda: layers.TimeDistributed(layers.LSTM(3, return_sequences=True)),
     (2, 3, 4, 2), MASK3_EMPTY, False),
    ("td_gru_backwards", lambda: layers.TimeDistributed(layers.GRU(2, go_backwards=True)), (2, 3, 4, 2), MASK3,
     False),
    ("td_gap1d", lambda: layers.TimeDistributed(layers.GlobalAveragePooling1D()), (2, 3, 4, 2), MASK3, False),
    ("td_bidirectional", lambda: layers.TimeDistributed(layers.Bidirectional(layers.SimpleRNN(2))), (2, 3, 4, 2),
     MASK3, False),
    ("td_batchnorm_training", lambda: layers.TimeDistributed(layers.BatchNormalization()), (3, 4, 2), MASK2, True),
    ("td_dense", lambda: layers.TimeDistributed(layers.Dense(2, activation="tanh")), (3, 4, 3), MASK2, False),
]


def run_case(name, make, x_shape, mask, training):
    layer = make()
    x = r(*x_shape)
    m = jnp.asarray(mask)
    layer(x, mask=m)  # build
    weights = [r(*w.shape, lo=-0.8, hi=0.8) for w in layer.weights]
    layer.set_weights(weights)
    trainable = [v.value for v in layer.trainable_variables]
    non_trainable = [v.value for v in layer.non_trainable_variables]

    def loss(tv, xin):
        out, _ = layer.stateless_call(tv, non_trainable, xin, mask=m, training=training)
        return jnp.sum(out * out_weights(out.shape))

    out, _ = layer.stateless_call(trainable, non_trainable, x, mask=m, training=training)
    dtv, dx = jax.grad(loss, argnums=(0, 1))(trainable, jnp.asarray(x))
    # Keras's output mask: its input's, passed on
    out_mask = layer.compute_mask(x, m)
    assert out_mask is m
    p = name.upper()
    lines = [
        f"static final int[] {p}_X_SHAPE = {shp(x)};",
        f"static final float[] {p}_X = {arr(x)};",
        f"static final int[] {p}_MASK_SHAPE = {shp(mask)};",
        f"static final float[] {p}_MASK = {arr(mask.astype(np.float32))};",
        f"static final float[][] {p}_WEIGHTS = {{" + ", ".join(arr(w) for w in weights) + "};",
        f"static final int[][] {p}_WEIGHT_SHAPES = {{" + ", ".join(shp(w) for w in weights) + "};",
        f"static final int[] {p}_Y_SHAPE = {shp(out)};",
        f"static final float[] {p}_Y = {arr(out)};",
        f"static final float[] {p}_DX = {arr(dx)};",
        f"static final float[][] {p}_DWEIGHTS = {{" + ", ".join(arr(d) for d in dtv) + "};",
        "",
    ]
    return lines


def interop_model():
    keras.utils.set_random_seed(13)
    words = keras.Input((3, 4), dtype="int32", name="words")
    e = layers.Embedding(12, 5, mask_zero=True, name="word_embedding")(words)
    s = layers.TimeDistributed(layers.LSTM(3), name="sentence_encoder")(e)
    a = layers.LSTM(2, name="document_lstm")(s)
    ids = keras.Input((5,), dtype="int32", name="ids")
    f = layers.Embedding(9, 4, mask_zero=True, name="id_embedding")(ids)
    g = layers.TimeDistributed(layers.Dense(3, activation="tanh"), name="per_step")(f)
    b = layers.LSTM(2, name="sequence_lstm")(g)
    out = layers.Dense(1, name="out")(layers.Concatenate(name="concat")([a, b]))
    model = keras.Model([words, ids], out, name="seq13_td_masks")
    wrng = np.random.default_rng(7)
    for w in model.weights:  # weights away from the initializers' values
        w.assign(wrng.uniform(-0.7, 0.7, size=w.shape).astype(np.float32))
    # the second sample has an all-padding sentence; the third an all-padding sequence tail
    wx = np.array([[[3, 1, 0, 0], [2, 5, 7, 11], [4, 0, 0, 0]],
                   [[1, 2, 3, 0], [0, 0, 0, 0], [6, 6, 0, 0]],
                   [[9, 0, 0, 0], [8, 7, 0, 0], [0, 0, 0, 0]]], dtype=np.int32)
    ix = np.array([[1, 2, 3, 0, 0], [4, 5, 6, 7, 8], [2, 0, 0, 0, 0]], dtype=np.int32)
    y = model.predict([wx, ix], verbose=0)
    return model, wx, ix, y


def main():
    model, wx, ix, y = interop_model()
    if "--interop" in sys.argv:
        model.save(os.path.join(OUT, "seq13_td_masks.keras"))
        return
    keras.utils.set_random_seed(1)
    body = []
    for case in CASES:
        body += run_case(*case)
    body += [
        f"static final float[] MODEL_WORDS = {arr(wx)};",
        f"static final int[] MODEL_WORDS_SHAPE = {shp(wx)};",
        f"static final float[] MODEL_IDS = {arr(ix)};",
        f"static final int[] MODEL_IDS_SHAPE = {shp(ix)};",
        f"static final float[] MODEL_Y = {arr(y)};",
        f"static final int[] MODEL_Y_SHAPE = {shp(y)};",
    ]
    print(java_class("dev.strata.layers.rnn", "Seq13MasksGolden", "tools/golden/seq13_masks.py", body,
                     doc="TimeDistributed with masks: golden values from Keras"), end="")


if __name__ == "__main__":
    main()

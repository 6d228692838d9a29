"""Goldens for compile's weighted_metrics (issue 14): Keras 3's fit/evaluate logs with sample and class weights.

Run from tools/golden/:

    KERAS_BACKEND=jax /work/venv/bin/python train14_weighted.py

Writes strata-core/src/test/java/dev/strata/models/WeightedMetricsGolden.java (data, initial weights, Keras's
History and evaluate() logs per case) and strata-core/src/test/resources/keras-golden/train14_weighted.keras (the
"multi" case's model after its fit, compiled with metrics and weighted_metrics, for the interop test). Keras 3
updates `metrics` without sample weights and `weighted_metrics` with them (class weights become sample weights);
a weighted metric whose log name is taken is logged as weighted_<name> (<output>_weighted_<name>). The cases:

- single: one output, metrics ["mae"], weighted_metrics ["mae", "mse"], sample weights, weighted validation data;
- classWeight: a sigmoid output, metrics ["accuracy"], weighted_metrics ["accuracy", "binary_crossentropy"],
  class_weight {0: 1, 1: 3}, unweighted validation data (class weights weigh training only);
- multi: a Functional model with outputs a (1 unit) and b (2 units), loss weights [1, 0.5], metrics {"a": ["mae"]},
  weighted_metrics [["mae"], ["mae", "mse"]], one weight vector per output; evaluate() also with one vector for
  both outputs (Keras repeats it);
- objects: metric objects, metrics [MeanSquaredError(name="msq")], weighted_metrics ["mae",
  MeanSquaredError(name="msq")].
CI never runs this script.
"""
import os
import pathlib
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.simplefilter("ignore")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from _common import arr, dlit, java_class, shp  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "strata-core/src/test/java/dev/strata/models/WeightedMetricsGolden.java"
KERAS_FILE = ROOT / "strata-core/src/test/resources/keras-golden/train14_weighted.keras"

rng = np.random.default_rng(1414)
lines = []


def f32(*shape):
    return rng.normal(size=shape).astype("float32")


def weights(n):
    """Sample weights with a zero, a fraction and a large one, so weighting shows."""
    w = rng.uniform(0.2, 3.0, size=n).astype("float32")
    w[1] = 0.0
    w[2] = 5.0
    return w


def emit_array(name, a):
    lines.append(f"static final float[] {name} = {arr(a)};")
    lines.append(f"static final int[] {name}_SHAPE = {shp(a)};")


def emit_weights(name, model):
    ws = model.get_weights()
    lines.append(f"static final float[][] {name}_WEIGHTS = {{" + ", ".join(arr(w) for w in ws) + "};")
    lines.append(f"static final int[][] {name}_WEIGHT_SHAPES = {{" + ", ".join(shp(w) for w in ws) + "};")


def emit_logs(name, logs):
    keys = sorted(logs)
    lines.append(f"static final String[] {name}_KEYS = {{" + ", ".join(f'"{k}"' for k in keys) + "};")
    vals = []
    for k in keys:
        v = logs[k]
        vals.append("{" + ", ".join(dlit(float(x)) for x in (v if isinstance(v, list) else [v])) + "}")
    lines.append(f"static final double[][] {name} = {{" + ", ".join(vals) + "};")


def init(model):
    """Initial weights drawn here (so Java starts from the same ones), biases included."""
    model.set_weights([rng.uniform(-0.6, 0.6, size=w.shape).astype("float32") for w in model.get_weights()])


def sequential(units, activation, name):
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"),
                          keras.layers.Dense(units, activation=activation)], name=name)
    init(m)
    return m


def case_single():
    x, y, w = f32(12, 3), f32(12, 1), weights(12)
    xv, yv, wv = f32(6, 3), f32(6, 1), weights(6)
    m = sequential(1, None, "single")
    emit_weights("SINGLE", m)
    m.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"], weighted_metrics=["mae", "mse"])
    for n, a in [("X", x), ("Y", y), ("W", w), ("XV", xv), ("YV", yv), ("WV", wv)]:
        emit_array("SINGLE_" + n, a)
    h = m.fit(x, y, sample_weight=w, batch_size=4, epochs=2, shuffle=False, validation_data=(xv, yv, wv), verbose=0)
    emit_logs("SINGLE_HISTORY", h.history)
    emit_logs("SINGLE_EVAL_WEIGHTED", m.evaluate(x, y, sample_weight=w, batch_size=4, verbose=0, return_dict=True))
    emit_logs("SINGLE_EVAL", m.evaluate(x, y, batch_size=4, verbose=0, return_dict=True))


def case_class_weight():
    x = f32(12, 3)
    y = (rng.random((12, 1)) < 0.4).astype("float32")
    xv = f32(6, 3)
    yv = (rng.random((6, 1)) < 0.4).astype("float32")
    m = sequential(1, "sigmoid", "class_weight")
    emit_weights("CLASS", m)
    m.compile(optimizer=keras.optimizers.SGD(0.1), loss="binary_crossentropy", metrics=["accuracy"],
              weighted_metrics=["accuracy", "binary_crossentropy"])
    for n, a in [("X", x), ("Y", y), ("XV", xv), ("YV", yv)]:
        emit_array("CLASS_" + n, a)
    h = m.fit(x, y, class_weight={0: 1.0, 1: 3.0}, batch_size=4, epochs=2, shuffle=False,
              validation_data=(xv, yv), verbose=0)
    emit_logs("CLASS_HISTORY", h.history)


def multi_model():
    i = keras.Input((3,), name="x")
    h = keras.layers.Dense(4, activation="relu", name="h")(i)
    m = keras.Model(i, [keras.layers.Dense(1, name="a")(h), keras.layers.Dense(2, name="b")(h)], name="multi")
    init(m)
    return m


def case_multi():
    x, ya, yb, wa, wb = f32(12, 3), f32(12, 1), f32(12, 2), weights(12), weights(12)
    m = multi_model()
    emit_weights("MULTI", m)
    m.compile(optimizer=keras.optimizers.SGD(0.05), loss=["mse", "mse"], loss_weights=[1.0, 0.5],
              metrics={"a": ["mae"]}, weighted_metrics=[["mae"], ["mae", "mse"]])
    for n, a in [("X", x), ("YA", ya), ("YB", yb), ("WA", wa), ("WB", wb)]:
        emit_array("MULTI_" + n, a)
    h = m.fit(x, [ya, yb], sample_weight=[wa, wb], batch_size=4, epochs=2, shuffle=False, verbose=0)
    emit_logs("MULTI_HISTORY", h.history)
    emit_logs("MULTI_EVAL_ONE_WEIGHT",
              m.evaluate(x, [ya, yb], sample_weight=wa, batch_size=4, verbose=0, return_dict=True))
    m.save(KERAS_FILE)
    emit_logs("MULTI_EVAL_SAVED",
              m.evaluate(x, [ya, yb], sample_weight=[wa, wb], batch_size=4, verbose=0, return_dict=True))


def case_objects():
    x, y, w = f32(8, 3), f32(8, 1), weights(8)
    m = sequential(1, None, "objects")
    emit_weights("OBJECTS", m)
    m.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse",
              metrics=[keras.metrics.MeanSquaredError(name="msq")],
              weighted_metrics=["mae", keras.metrics.MeanSquaredError(name="msq")])
    for n, a in [("X", x), ("Y", y), ("W", w)]:
        emit_array("OBJECTS_" + n, a)
    h = m.fit(x, y, sample_weight=w, batch_size=4, epochs=1, shuffle=False, verbose=0)
    emit_logs("OBJECTS_HISTORY", h.history)


keras.utils.clear_session()
case_single()
case_class_weight()
case_multi()
case_objects()
OUT.write_text(java_class("dev.strata.models", "WeightedMetricsGolden", "tools/golden/train14_weighted.py", lines,
                          doc="Keras's logs with weighted_metrics, from Keras"))
print("wrote", OUT, "and", KERAS_FILE)

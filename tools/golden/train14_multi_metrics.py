"""Goldens for compile's metrics on a model with two outputs (issue 14): how Keras 3 maps them to the outputs.

Run from tools/golden/:

    KERAS_BACKEND=jax /work/venv/bin/python train14_multi_metrics.py

Writes strata-core/src/test/java/dev/strata/models/MultiOutputMetricsGolden.java and
strata-core/src/test/resources/keras-golden/train14_multi_metrics.keras. Keras 3's CompileMetrics
(keras/src/trainers/compile_utils.py) reads, for a model of n outputs, a list as one entry per output (a metric, a
list of metrics or None), a list of lists as one list per output, a dict by output name; a list of another length is
an error ("Invalid `metrics`..."); for one output every metric given applies to it. Logs are <output>_<metric>
(output_1_mae), a name taken twice gets _1, a weighted twin <output>_weighted_<metric>.

The model: a Functional model, input "x" (3), hidden Dense(4, relu), outputs "output_1" (Dense 2) and "output_2"
(Dense 1), loss ["mse", "mse"], SGD(0.05); each case fits 2 epochs (batch 4, no shuffle, sample weights for both
outputs) and evaluates with and without them. The cases (name: metrics / weighted_metrics):

- LIST: ["mae", "mse"] / ["mse", ["mae", "mse"]]
- LISTS: [["mae"], ["mse", "mae"]] / None
- DICT: {"output_2": ["mae", "mse"]} / {"output_1": "mae"}
- NONE_ENTRY: [None, "mae"] / ["mae", None]
- TWICE: [["mae"], ["mae", "mae"]] / [["mae"], ["mae"]]
- SINGLE: a one-output model (output_1 only), metrics [["mae"], ["mse"]] (flattened: both), weighted {"z": "mae"}
  (a dict for one output: its values, whatever the keys)

The errors Keras raises (recorded as ERROR_* strings): ["mae"] and ["mae", "mse", "mae"] for two outputs, a dict
naming an output the model lacks. The .keras file: the LIST case's model after its fit, for the interop test.
CI never runs this script.
"""
import json
import os
import pathlib
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.simplefilter("ignore")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from _common import arr, dlit, java_class, shp  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "strata-core/src/test/java/dev/strata/models/MultiOutputMetricsGolden.java"
KERAS_FILE = ROOT / "strata-core/src/test/resources/keras-golden/train14_multi_metrics.keras"

rng = np.random.default_rng(1415)
lines = []


def emit_array(name, a):
    lines.append(f"static final float[] {name} = {arr(a)};")
    lines.append(f"static final int[] {name}_SHAPE = {shp(a)};")


def emit_logs(name, logs):
    keys = sorted(logs)
    lines.append(f"static final String[] {name}_KEYS = {{" + ", ".join(f'"{k}"' for k in keys) + "};")
    vals = []
    for k in keys:
        v = logs[k]
        vals.append("{" + ", ".join(dlit(float(x)) for x in (v if isinstance(v, list) else [v])) + "}")
    lines.append(f"static final double[][] {name} = {{" + ", ".join(vals) + "};")


def jstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


X = rng.normal(size=(12, 3)).astype("float32")
Y1 = rng.normal(size=(12, 2)).astype("float32")
Y2 = rng.normal(size=(12, 1)).astype("float32")
W1 = rng.uniform(0.2, 3.0, size=12).astype("float32")
W1[1] = 0.0
W2 = rng.uniform(0.2, 3.0, size=12).astype("float32")
W2[2] = 5.0
for n, a in [("X", X), ("Y1", Y1), ("Y2", Y2), ("W1", W1), ("W2", W2)]:
    emit_array(n, a)


def model(two=True):
    keras.utils.clear_session()
    i = keras.Input((3,), name="x")
    h = keras.layers.Dense(4, activation="relu", name="h")(i)
    outs = [keras.layers.Dense(2, name="output_1")(h)]
    if two:
        outs.append(keras.layers.Dense(1, name="output_2")(h))
    m = keras.Model(i, outs if two else outs[0], name="two_outputs" if two else "one_output")
    m.set_weights([rng.uniform(-0.6, 0.6, size=w.shape).astype("float32") for w in m.get_weights()])
    return m


def case(name, metrics, weighted, two=True, save=None):
    m = model(two)
    ws = m.get_weights()
    lines.append(f"static final float[][] {name}_WEIGHTS = {{" + ", ".join(arr(w) for w in ws) + "};")
    lines.append(f"static final int[][] {name}_WEIGHT_SHAPES = {{" + ", ".join(shp(w) for w in ws) + "};")
    m.compile(optimizer=keras.optimizers.SGD(0.05), loss=["mse", "mse"] if two else "mse", metrics=metrics,
              weighted_metrics=weighted)
    y = [Y1, Y2] if two else Y1
    sw = [W1, W2] if two else W1
    h = m.fit(X, y, sample_weight=sw, batch_size=4, epochs=2, shuffle=False, verbose=0)
    emit_logs(name + "_HISTORY", h.history)
    emit_logs(name + "_EVAL_WEIGHTED", m.evaluate(X, y, sample_weight=sw, batch_size=4, verbose=0,
                                                  return_dict=True))
    emit_logs(name + "_EVAL", m.evaluate(X, y, batch_size=4, verbose=0, return_dict=True))
    if save:
        m.save(save)
        lines.append(f"static final String {name}_COMPILE_CONFIG = "
                     f"{jstr(json.dumps(m.get_compile_config()))};")


def error(name, metrics):
    m = model()
    m.compile(optimizer="sgd", loss=["mse", "mse"], metrics=metrics)
    try:
        m.evaluate(X, [Y1, Y2], batch_size=4, verbose=0)
    except ValueError as e:
        lines.append(f"static final String ERROR_{name} = {jstr(str(e))};")
        return
    raise AssertionError(f"Keras accepted metrics={metrics}")


case("LIST", ["mae", "mse"], ["mse", ["mae", "mse"]], save=KERAS_FILE)
case("LISTS", [["mae"], ["mse", "mae"]], None)
case("DICT", {"output_2": ["mae", "mse"]}, {"output_1": "mae"})
case("NONE_ENTRY", [None, "mae"], ["mae", None])
case("TWICE", [["mae"], ["mae", "mae"]], [["mae"], ["mae"]])
case("SINGLE", [["mae"], ["mse"]], {"z": "mae"}, two=False)
error("ONE_FOR_TWO", ["mae"])
error("THREE_FOR_TWO", ["mae", "mse", "mae"])
error("UNKNOWN_OUTPUT", {"output_3": "mae"})
OUT.write_text(java_class("dev.strata.models", "MultiOutputMetricsGolden", "tools/golden/train14_multi_metrics.py",
                          lines, doc="Keras's logs for metrics on two outputs, from Keras"))
print("wrote", OUT, "and", KERAS_FILE)

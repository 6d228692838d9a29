"""Expected outputs for the Keras fixtures that have no NAME.io.json (FixtureGoldenTest).

- k3_haiderareeb_subclassed_wide_deep.keras and its checkpoint .weights.h5: Hands-On ML's subclassed
  WideAndDeepModel (Normalization + Dense), which Python Keras 3.15.1 loads when the class is given; the
  outputs are Keras's predictions.
- k2.15_homl3e_custom_layer_sequential.keras: Keras 2.15 wrote it (InputLayer with batch_input_shape,
  group names with backslashes), and Keras 3.15.1 cannot read its config; the outputs are computed here with
  numpy from the weights in the file (x @ kernel + bias, then the activation in its config): an oracle
  independent of Strata.

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/fixture_outputs.py
Writes strata-core/src/test/resources/keras-golden/fixture_outputs.json.
"""
import io
import json
import os
import sys
import zipfile

os.environ.setdefault("KERAS_BACKEND", "jax")
import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "strata-core/src/test/resources/keras-fixtures")
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden/fixture_outputs.json")


class WideAndDeepModel(keras.Model):
    """Hands-On ML 3rd edition, chapter 10."""

    def __init__(self, units=30, activation="relu", **kwargs):
        super().__init__(**kwargs)
        self.norm_layer_wide = keras.layers.Normalization()
        self.norm_layer_deep = keras.layers.Normalization()
        self.hidden1 = keras.layers.Dense(units, activation=activation)
        self.hidden2 = keras.layers.Dense(units, activation=activation)
        self.main_output = keras.layers.Dense(1)
        self.aux_output = keras.layers.Dense(1)

    def call(self, inputs):
        input_wide, input_deep = inputs
        norm_wide = self.norm_layer_wide(input_wide)
        norm_deep = self.norm_layer_deep(input_deep)
        hidden1 = self.hidden1(norm_deep)
        hidden2 = self.hidden2(hidden1)
        concat = keras.layers.concatenate([norm_wide, hidden2])
        return self.main_output(concat), self.aux_output(hidden2)


def arrays(xs):
    return [np.asarray(x, dtype=np.float32).tolist() for x in xs]


rng = np.random.default_rng(5)
wide = rng.normal(size=(4, 5)).astype("float32")
deep = rng.normal(size=(4, 6)).astype("float32")
x8 = rng.normal(size=(4, 8)).astype("float32")
result = {"generated_by": "tools/golden/fixture_outputs.py, keras " + keras.__version__ + " "
          + keras.backend.backend()}

m = keras.saving.load_model(os.path.join(FIX, "k3_haiderareeb_subclassed_wide_deep.keras"),
                            custom_objects={"WideAndDeepModel": WideAndDeepModel})
result["k3_haiderareeb_subclassed_wide_deep.keras"] = {
    "inputs": arrays([wide, deep]), "outputs": arrays(m.predict([wide, deep], verbose=0))}

# The same architecture, built (loading the .keras file builds it), then the checkpoint's weights.
c = keras.saving.load_model(os.path.join(FIX, "k3_haiderareeb_subclassed_wide_deep.keras"),
                            custom_objects={"WideAndDeepModel": WideAndDeepModel})
c.load_weights(os.path.join(FIX, "k3_haiderareeb_subclassed_wide_deep_checkpoint.weights.h5"))
result["k3_haiderareeb_subclassed_wide_deep_checkpoint.weights.h5"] = {
    "inputs": arrays([wide, deep]), "outputs": arrays(c.predict([wide, deep], verbose=0))}

name = "k2.15_homl3e_custom_layer_sequential.keras"
with zipfile.ZipFile(os.path.join(FIX, name)) as z:
    config = json.loads(z.read("config.json"))
    h5 = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
acts = {"relu": lambda v: np.maximum(v, 0), "linear": lambda v: v, None: lambda v: v}
x = x8
for layer, path in zip(config["config"]["layers"][1:], ["layers\\my_dense", "layers\\my_dense_1"]):
    kernel = np.asarray(h5[path]["vars"]["0"], dtype=np.float64)
    bias = np.asarray(h5[path]["vars"]["1"], dtype=np.float64)
    x = acts[layer["config"]["activation"]](x.astype(np.float64) @ kernel + bias)
result[name] = {"inputs": arrays([x8]), "outputs": arrays([x])}

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(result, f)
print("wrote", OUT, file=sys.stderr)

"""Python Keras's .keras files of the three Wide & Deep styles, for KerasGoldenWideDeepTest.

Writes to strata-core/src/test/resources/keras-golden/:
  wide_deep_functional.keras   Functional (Hands-On ML ch. 10 names), Adam(1e-2), mse x2 weighted 0.9 / 0.1
  wide_deep_sequential.keras   Sequential 8-30-30-1, SGD(1e-2, momentum 0.9), mse
  wide_deep_subclassed.keras   the seed's WideAndDeepModel registered as Custom>WideAndDeepModel, Adam(1e-2)
  wide_deep_golden.json        per file: inputs and Keras's predictions, the weights listing, and a training batch
                               with the predictions after one train_on_batch of the model loaded from the file
                               (so the step starts from the optimizer state in the file)
Each model is trained 2 epochs on random data first, so that the files hold optimizer slots.

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/make_wide_deep_keras.py   (Keras 3.15.1, JAX)
"""
import io
import json
import os
import zipfile

os.environ.setdefault("KERAS_BACKEND", "jax")
import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")


@keras.saving.register_keras_serializable()  # Custom>WideAndDeepModel, as the seed
class WideAndDeepModel(keras.Model):
    def __init__(self, units=30, activation="relu", **kwargs):
        super().__init__(**kwargs)
        self.hidden1 = keras.layers.Dense(units, activation=activation)
        self.hidden2 = keras.layers.Dense(units, activation=activation)
        self.main_output = keras.layers.Dense(1)
        self.aux_output = keras.layers.Dense(1)
        self.units = units
        self.activation = activation

    def call(self, inputs):
        input_a, input_b = inputs
        hidden2 = self.hidden2(self.hidden1(input_b))
        concat = keras.layers.concatenate([input_a, hidden2])
        return self.main_output(concat), self.aux_output(hidden2)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "activation": self.activation}


def listing(path):
    with zipfile.ZipFile(path) as z:
        f = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
    rows = []

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            rows.append(f"{name} {list(obj.shape)} {obj.dtype}")
        elif "name" in obj.attrs:
            rows.append(f"{name}/ name={obj.attrs['name']}")
    f.visititems(visit)
    return rows


def as_list(x):
    return [np.asarray(v, dtype="float32").tolist() for v in (x if isinstance(x, (list, tuple)) else [x])]


keras.utils.set_random_seed(11)
rng = np.random.default_rng(11)
xa = rng.normal(size=(64, 5)).astype("float32")
xb = rng.normal(size=(64, 6)).astype("float32")
x8 = rng.normal(size=(64, 8)).astype("float32")
y = rng.normal(size=(64, 1)).astype("float32")
probe = {"two": [rng.normal(size=(4, 5)).astype("float32"), rng.normal(size=(4, 6)).astype("float32")],
         "one": [rng.normal(size=(4, 8)).astype("float32")]}
batch = {"two": [rng.normal(size=(8, 5)).astype("float32"), rng.normal(size=(8, 6)).astype("float32")],
         "one": [rng.normal(size=(8, 8)).astype("float32")]}
by = rng.normal(size=(8, 1)).astype("float32")

ia = keras.layers.Input(shape=[5], name="wide_input")
ib = keras.layers.Input(shape=[6], name="deep_input")
h2 = keras.layers.Dense(30, activation="relu")(keras.layers.Dense(30, activation="relu")(ib))
main = keras.layers.Dense(1, name="main_output")(keras.layers.concatenate([ia, h2]))
aux = keras.layers.Dense(1, name="aux_output")(h2)
functional = keras.Model(inputs=[ia, ib], outputs=[main, aux])
functional.compile(loss=["mse", "mse"], loss_weights=[0.9, 0.1], optimizer=keras.optimizers.Adam(1e-2))
functional.fit([xa, xb], [y, y], epochs=2, verbose=0)

sequential = keras.Sequential([keras.layers.Input(shape=[8]), keras.layers.Dense(30, activation="relu"),
                               keras.layers.Dense(30, activation="relu"), keras.layers.Dense(1)])
sequential.compile(loss="mse", optimizer=keras.optimizers.SGD(1e-2, momentum=0.9))
sequential.fit(x8, y, epochs=2, verbose=0)

subclassed = WideAndDeepModel(30, "relu")
subclassed.compile(loss=["mse", "mse"], loss_weights=[0.9, 0.1], optimizer=keras.optimizers.Adam(1e-2))
subclassed.fit([xa, xb], [y, y], epochs=2, verbose=0)

os.makedirs(OUT, exist_ok=True)
golden = {"generated_by": "tools/golden/make_wide_deep_keras.py, keras " + keras.__version__ + " "
          + keras.backend.backend()}
for name, model, kind, outputs in [("wide_deep_functional", functional, "two", 2),
                                   ("wide_deep_sequential", sequential, "one", 1),
                                   ("wide_deep_subclassed", subclassed, "two", 2)]:
    path = os.path.join(OUT, name + ".keras")
    model.save(path)
    x = probe[kind] if kind == "two" else probe[kind][0]
    entry = {"inputs": as_list(probe[kind]), "outputs": as_list(model.predict(x, verbose=0)), "listing": listing(path)}
    loaded = keras.saving.load_model(path)
    bx = batch[kind] if kind == "two" else batch[kind][0]
    ys = [by] * outputs
    loaded.train_on_batch(bx, ys if outputs > 1 else by)
    entry["train_on_batch"] = {"x": as_list(batch[kind]), "y": as_list(ys),
                               "outputs_after": as_list(loaded.predict(x, verbose=0))}
    golden[name + ".keras"] = entry
with open(os.path.join(OUT, "wide_deep_golden.json"), "w") as f:
    json.dump(golden, f)
print("wrote", OUT)

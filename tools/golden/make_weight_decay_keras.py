"""Python Keras's .keras files of models compiled with weight decay, for KerasGoldenWeightDecayTest.

Writes to strata-core/src/test/resources/keras-golden/:
  adamw_sequential.keras             Sequential 8-16-1, AdamW(1e-2, weight_decay=0.05, amsgrad=True), mse
  adam_weight_decay_functional.keras Functional two inputs (5 and 6) to one output, Adam(1e-2, weight_decay=0.02), mse
  weight_decay_golden.json           per file: inputs and Keras's predictions, the optimizer's config and variables
                                     (name, values), and a training batch with the predictions after one
                                     train_on_batch of the model loaded from the file (so the step starts from the
                                     optimizer state in the file)
Each model is trained 2 epochs on random data first, so that the files hold optimizer slots.

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/make_weight_decay_keras.py   (Keras 3.15.1, JAX)
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")


def as_list(x):
    return [np.asarray(v, dtype="float32").tolist() for v in (x if isinstance(x, (list, tuple)) else [x])]


keras.utils.set_random_seed(13)
rng = np.random.default_rng(13)
x8 = rng.normal(size=(64, 8)).astype("float32")
xa = rng.normal(size=(64, 5)).astype("float32")
xb = rng.normal(size=(64, 6)).astype("float32")
y = rng.normal(size=(64, 1)).astype("float32")
probe = {"one": [rng.normal(size=(4, 8)).astype("float32")],
         "two": [rng.normal(size=(4, 5)).astype("float32"), rng.normal(size=(4, 6)).astype("float32")]}
batch = {"one": [rng.normal(size=(8, 8)).astype("float32")],
         "two": [rng.normal(size=(8, 5)).astype("float32"), rng.normal(size=(8, 6)).astype("float32")]}
by = rng.normal(size=(8, 1)).astype("float32")

sequential = keras.Sequential([keras.layers.Input(shape=[8]), keras.layers.Dense(16, activation="relu"),
                               keras.layers.Dense(1)])
sequential.compile(loss="mse", optimizer=keras.optimizers.AdamW(1e-2, weight_decay=0.05, amsgrad=True))
sequential.fit(x8, y, epochs=2, verbose=0)

ia = keras.layers.Input(shape=[5], name="wide_input")
ib = keras.layers.Input(shape=[6], name="deep_input")
hidden = keras.layers.Dense(10, activation="relu")(ib)
out = keras.layers.Dense(1, name="output")(keras.layers.concatenate([ia, hidden]))
functional = keras.Model(inputs=[ia, ib], outputs=out)
functional.compile(loss="mse", optimizer=keras.optimizers.Adam(1e-2, weight_decay=0.02))
functional.fit([xa, xb], y, epochs=2, verbose=0)

os.makedirs(OUT, exist_ok=True)
golden = {"generated_by": "tools/golden/make_weight_decay_keras.py, keras " + keras.__version__ + " "
          + keras.backend.backend()}
for name, model, kind in [("adamw_sequential", sequential, "one"),
                          ("adam_weight_decay_functional", functional, "two")]:
    path = os.path.join(OUT, name + ".keras")
    model.save(path)
    x = probe[kind] if kind == "two" else probe[kind][0]
    entry = {"inputs": as_list(probe[kind]), "outputs": as_list(model.predict(x, verbose=0)),
             "optimizer_config": model.optimizer.get_config(),
             "optimizer_variables": [[v.name, np.asarray(v.numpy(), "float32").ravel().tolist()]
                                     for v in model.optimizer.variables]}
    loaded = keras.saving.load_model(path)
    bx = batch[kind] if kind == "two" else batch[kind][0]
    loaded.train_on_batch(bx, by)
    entry["train_on_batch"] = {"x": as_list(batch[kind]), "y": as_list(by),
                               "outputs_after": as_list(loaded.predict(x, verbose=0))}
    golden[name + ".keras"] = entry
with open(os.path.join(OUT, "weight_decay_golden.json"), "w") as f:
    json.dump(golden, f)
print("wrote", OUT)

"""Python Keras's .keras files of models compiled with the optimizers of issue 14, for Optimizers14InteropTest.

Writes to strata-core/src/test/resources/keras-golden/:
  opt14_<name>.keras      Sequential 4-6(relu)-1, mse, compiled with one optimizer and trained 2 epochs (4 steps) on
                          random data, so that the file holds non-zero optimizer state: Nadam (its u_product),
                          Ftrl (accumulators and linears, l1 and shrinkage), Lamb (weight decay), Muon (the kernels take
                          the Muon step, the biases AdamW), Adagrad and Adafactor (factored kernels, unfactored
                          biases, clip_threshold 0.5)
  opt14_golden.json       per file: inputs and Keras's predictions, the optimizer's config and variables (name,
                          values), and a training batch with the predictions after one train_on_batch of the model
                          loaded from the file (so the step starts from the optimizer state in the file)

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/make_optimizers14_keras.py   (Keras 3.15.1, JAX)
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")
O = keras.optimizers

OPTIMIZERS = {
    "nadam": lambda: O.Nadam(1e-2),
    "ftrl": lambda: O.Ftrl(0.05, l1_regularization_strength=0.01, l2_shrinkage_regularization_strength=0.01),
    "lamb": lambda: O.Lamb(1e-2, weight_decay=0.01),
    "muon": lambda: O.Muon(1e-2),
    "adagrad": lambda: O.Adagrad(0.05),
    "adafactor": lambda: O.Adafactor(0.05, clip_threshold=0.5),
}

keras.utils.set_random_seed(14)
rng = np.random.default_rng(14)
x = rng.normal(size=(32, 4)).astype("float32")
y = rng.normal(size=(32, 1)).astype("float32")
probe = rng.normal(size=(4, 4)).astype("float32")
bx = rng.normal(size=(8, 4)).astype("float32")
by = rng.normal(size=(8, 1)).astype("float32")


def flat(a):
    return np.asarray(a, "float32").tolist()


golden = {"generated_by": "tools/golden/make_optimizers14_keras.py, keras " + keras.__version__ + " "
          + keras.backend.backend()}
for name, make in OPTIMIZERS.items():
    model = keras.Sequential([keras.layers.Input(shape=[4]), keras.layers.Dense(6, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=make())
    model.fit(x, y, epochs=2, batch_size=16, verbose=0)
    path = os.path.join(OUT, "opt14_" + name + ".keras")
    model.save(path)
    entry = {"inputs": [flat(probe)], "outputs": [flat(model.predict(probe, verbose=0))],
             "optimizer_config": model.optimizer.get_config(),
             "optimizer_variables": [[v.name, np.asarray(v.numpy(), "float32").ravel().tolist()]
                                     for v in model.optimizer.variables]}
    loaded = keras.saving.load_model(path)
    loaded.train_on_batch(bx, by)
    entry["train_on_batch"] = {"x": [flat(bx)], "y": [flat(by)],
                               "outputs_after": [flat(loaded.predict(probe, verbose=0))]}
    golden["opt14_" + name + ".keras"] = entry
with open(os.path.join(OUT, "opt14_golden.json"), "w") as f:
    json.dump(golden, f)
print("wrote", OUT)

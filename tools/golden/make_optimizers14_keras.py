"""Python Keras's .keras files of models compiled with the optimizers of issue 14, for Optimizers14InteropTest.

Writes to strata-core/src/test/resources/keras-golden/:
  opt14_<name>.keras      Sequential 4-6(relu)-1, mse, compiled with one optimizer and trained 2 epochs (4 steps) on
                          random data, so that the file holds non-zero optimizer state: Nadam (its u_product),
                          Ftrl (accumulators and linears, l1 and shrinkage), Lamb (weight decay), Muon (the kernels take
                          the Muon step, the biases AdamW), Adagrad and Adafactor (factored kernels, unfactored
                          biases, clip_threshold 0.5); and the base options: Adam with a CosineDecay (warm-up) and
                          with an ExponentialDecay schedule, SGD with use_ema and ema_overwrite_frequency 3 (fit's end
                          writes the averages into the weights), RMSprop with gradient_accumulation_steps 2 (trained 3
                          steps, so a micro-batch's gradients are pending)
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
    # Keras's base options (the files keep the schedule's serialized form, EMA averages and gradient accumulators)
    "adam_cosine": lambda: O.Adam(O.schedules.CosineDecay(1e-3, decay_steps=10, alpha=0.1, warmup_target=1e-2,
                                                         warmup_steps=3)),
    "adam_expdecay": lambda: O.Adam(O.schedules.ExponentialDecay(1e-2, decay_steps=3, decay_rate=0.5,
                                                                staircase=True)),
    "sgd_ema": lambda: O.SGD(0.05, momentum=0.5, use_ema=True, ema_momentum=0.8, ema_overwrite_frequency=3),
    "rmsprop_accum": lambda: O.RMSprop(1e-2, gradient_accumulation_steps=2),
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
    # 3 steps with gradient accumulation, so that the file holds a micro-batch's gradients not yet applied
    fit = dict(epochs=1, batch_size=12) if name.endswith("_accum") else dict(epochs=2, batch_size=16)
    model.fit(x, y, verbose=0, **fit)
    path = os.path.join(OUT, "opt14_" + name + ".keras")
    model.save(path)
    # what the file holds, read from the loaded model: after a fit with use_ema, JAX has deleted the buffers of the
    # trained model's EMA averages (finalize_variable_values donates them), so the trained model cannot be read
    loaded = keras.saving.load_model(path)
    entry = {"inputs": [flat(probe)], "outputs": [flat(loaded.predict(probe, verbose=0))],
             "optimizer_config": loaded.optimizer.get_config(),
             "optimizer_variables": [[v.name, np.asarray(v.numpy(), "float32").ravel().tolist()]
                                     for v in loaded.optimizer.variables]}
    loaded.train_on_batch(bx, by)
    entry["train_on_batch"] = {"x": [flat(bx)], "y": [flat(by)],
                               "outputs_after": [flat(loaded.predict(probe, verbose=0))]}
    golden["opt14_" + name + ".keras"] = entry
with open(os.path.join(OUT, "opt14_golden.json"), "w") as f:
    json.dump(golden, f)
print("wrote", OUT)

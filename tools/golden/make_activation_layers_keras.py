"""Python Keras's .keras file of a model using all six activation layers, for ActivationLayersInteropTest.

Writes to strata-core/src/test/resources/keras-golden/:
  activation_layers.keras        Functional: Input (4, 3) -> Dense(6) -> ReLU(max_value=2, negative_slope=0.1,
                                 threshold=0.5) -> LeakyReLU(0.2) -> PReLU(shared_axes=[1]) -> ELU(0.7) -> Identity,
                                 then two outputs: Softmax() and Softmax(axis=[1, 2]); Adam(1e-2), mse x2
  activation_layers_golden.json  inputs and Keras's predictions
The model is trained 3 epochs on random data first, so that PReLU's alpha (starting at 0.25) is no longer uniform and
the file holds optimizer slots.

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/make_activation_layers_keras.py   (Keras 3.15.1, JAX)
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")

keras.utils.set_random_seed(17)
rng = np.random.default_rng(17)
x = rng.normal(size=(64, 4, 3)).astype("float32") * 2
y1 = rng.uniform(size=(64, 4, 6)).astype("float32")
y2 = rng.uniform(size=(64, 4, 6)).astype("float32") / 24
probe = rng.normal(size=(5, 4, 3)).astype("float32") * 2

inputs = keras.Input(shape=(4, 3), name="x")
h = layers.Dense(6)(inputs)
h = layers.ReLU(max_value=2.0, negative_slope=0.1, threshold=0.5)(h)
h = layers.LeakyReLU(negative_slope=0.2)(h)
h = layers.PReLU(alpha_initializer=keras.initializers.Constant(0.25), shared_axes=[1])(h)
h = layers.ELU(alpha=0.7)(h)
h = layers.Identity()(h)
last = layers.Softmax(name="last_axis")(h)
both = layers.Softmax(axis=[1, 2], name="axes_1_2")(h)
model = keras.Model(inputs, [last, both])
model.compile(optimizer=keras.optimizers.Adam(1e-2), loss=["mse", "mse"])
model.fit(x, [y1, y2], epochs=3, verbose=0)

os.makedirs(OUT, exist_ok=True)
path = os.path.join(OUT, "activation_layers.keras")
model.save(path)
golden = {"generated_by": "tools/golden/make_activation_layers_keras.py, keras " + keras.__version__ + " "
          + keras.backend.backend(),
          "inputs": [probe.tolist()],
          "outputs": [np.asarray(o, dtype="float32").tolist() for o in model.predict(probe, verbose=0)],
          "prelu_alpha": np.asarray(model.layers[4].alpha, dtype="float32").tolist()}
with open(os.path.join(OUT, "activation_layers_golden.json"), "w") as f:
    json.dump(golden, f)
print("wrote", path)

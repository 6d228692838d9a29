"""Keras 3's weight paths for subclassed models with lists, dicts and custom layers holding sublayers, for
WalkListingTest (which saves the Java twins of these classes in the native form and compares the paths).

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/walk_listings.py
Writes strata-core/src/test/resources/keras-golden/walk_listings.json: {model: [listing lines]} (the form of the
fixtures' MANIFEST.json; `name` attributes are left out, since Python's layer names are its auto names).
"""
import io
import json
import os
import tempfile
import zipfile

os.environ.setdefault("KERAS_BACKEND", "jax")
import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden/walk_listings.json")


class Block(keras.layers.Layer):
    """A custom layer holding two sublayers."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units, activation="relu")
        self.norm = keras.layers.LayerNormalization()

    def call(self, x):
        return self.norm(self.dense(x))


class Tower(keras.Model):
    """Sublayers in a list, in a dict and in an attribute, assigned in this order."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [Block(8), Block(8)]
        self.heads = {"a": keras.layers.Dense(1), "b": keras.layers.Dense(2)}
        self.gate = keras.layers.Dense(8)

    def call(self, x):
        h = self.gate(x)
        for b in self.blocks:
            h = b(h)
        return self.heads["a"](h), self.heads["b"](h)


class Shared(keras.Model):
    """One layer under two attributes and in a list, and an attribute sorting after 'layers'."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.zeta = keras.layers.Dense(3)
        self.alpha = self.zeta
        self.stack = [keras.layers.Dense(3), self.zeta, keras.layers.BatchNormalization()]

    def call(self, x):
        h = self.alpha(x)
        for layer in self.stack:
            h = layer(h)
        return h


def listing(model, x, y):
    model.compile(optimizer=keras.optimizers.Adam(), loss="mse")
    model.fit(x, y, epochs=1, verbose=0)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "m.keras")
        model.save(path)
        with zipfile.ZipFile(path) as z:
            f = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
    rows = []

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            rows.append(f"{name} {list(obj.shape)} {obj.dtype}")
        elif "name" in obj.attrs:
            rows.append(f"{name}/")
    f.visititems(visit)
    return rows


keras.utils.set_random_seed(1)
x = np.random.default_rng(1).normal(size=(16, 4)).astype("float32")
result = {
    "tower": listing(Tower(), x, (np.zeros((16, 1), "float32"), np.zeros((16, 2), "float32"))),
    "shared": listing(Shared(), x[:, :3], np.zeros((16, 3), "float32")),
}
with open(OUT, "w") as f:
    json.dump(result, f, indent=1)
print(json.dumps(result, indent=1))

"""Loads the .keras files Strata's TextLayersInteropTest writes (Discretization and CategoryEncoding inside a
Functional model) in Python Keras and checks that they predict what Strata predicted.

The lookup layers (StringLookup, IntegerLookup, TextVectorization, Hashing) need TensorFlow in Python Keras, which
this machine does not have, so their files are checked on the Java side only (assets written where Keras's object
walk puts them).

Run, after `-Dtest=TextLayersInteropTest`:
    KERAS_BACKEND=jax /work/venv/bin/python tools/keras-interop/check_text_saved.py strata-core/target/keras-saved-text
"""
import json
import os
import sys
import types

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.utils import module_utils  # noqa: E402

# Discretization touches tf only for isinstance checks in adapt; calling the layer does not need it.
module_utils.tensorflow.module = types.SimpleNamespace(data=types.SimpleNamespace(Dataset=type("D", (), {})),
                                                       is_tensor=lambda x: False)


def main(folder):
    failures = 0
    for name in ["categorical"]:
        m = keras.saving.load_model(os.path.join(folder, name + ".keras"))
        with open(os.path.join(folder, name + "_golden.json")) as f:
            g = json.load(f)
        x = np.asarray(g["x"], dtype=np.float32).reshape(g["x_shape"])
        y = np.asarray(m.predict(x, verbose=0)).ravel()
        diff = float(np.max(np.abs(y - np.asarray(g["y"], dtype=np.float32))))
        ok = diff <= 1e-5
        failures += not ok
        print(f"{name}: {[type(l).__name__ for l in m.layers]} max |diff| {diff:.2e} {'OK' if ok else 'FAIL'}")
    print(f"{1 - failures} passed, {failures} failed")
    return failures


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

"""Python Keras's .keras file of a model using the pooling and reshaping layers, for PoolingInteropTest.

Writes to strata-core/src/test/resources/keras-golden/:
  pooling_layers.keras        Functional, three inputs (an image, a sequence, a volume), every pooling and reshaping
                              layer of issue 12 at least once (channels_first too), two outputs; random Dense weights
                              (not trained or compiled: optimizer slots would take the file past 100 KB)
  pooling_layers_golden.json  inputs and Keras's predictions
Every layer is named, so that PoolingInteropTest can build the same model in Strata and compare the configs key by key.

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/make_pooling_keras.py   (Keras 3.15.1, JAX)
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")

keras.utils.set_random_seed(23)
rng = np.random.default_rng(23)

img = keras.Input(shape=(8, 8, 3), name="img")
h = L.Dense(4, activation="relu", name="proj")(img)
h = L.ZeroPadding2D(1, name="zpad2d")(h)                                              # 10x10
h = L.MaxPooling2D(2, name="max2d")(h)                                                 # 5x5
h = L.AveragePooling2D(3, strides=1, padding="same", name="avg2d")(h)                  # 5x5
h = L.UpSampling2D(2, interpolation="bilinear", name="up2d_bilinear")(h)               # 10x10
h = L.Cropping2D(((1, 0), (0, 1)), name="crop2d")(h)                                   # 9x9
h = L.MaxPooling2D((3, 2), strides=(2, 2), padding="same", name="max2d_same")(h)       # 5x5
h = L.UpSampling2D((1, 2), name="up2d_nearest")(h)                                     # 5x10
cf = L.Permute((3, 1, 2), name="to_cf")(h)                                             # (4, 5, 10)
cf = L.AveragePooling2D(2, data_format="channels_first", name="avg2d_cf")(cf)          # (4, 2, 5)
g1 = L.GlobalMaxPooling2D(data_format="channels_first", name="gmax2d_cf")(cf)         # 4
g2 = L.GlobalAveragePooling2D(name="gavg2d")(h)                                        # 4

seq = keras.Input(shape=(6, 3), name="seq")
s = L.UpSampling1D(2, name="up1d")(seq)                                                # 12
s = L.MaxPooling1D(3, strides=2, padding="same", name="max1d")(s)                      # 6
s = L.ZeroPadding1D((1, 2), name="zpad1d")(s)                                          # 9
s = L.Cropping1D((2, 1), name="crop1d")(s)                                             # 6
s = L.AveragePooling1D(2, name="avg1d")(s)                                             # 3
g3 = L.GlobalMaxPooling1D(name="gmax1d")(s)                                            # 3
g4 = L.GlobalAveragePooling1D(data_format="channels_first", name="gavg1d_cf")(s)      # 3 (steps)

vol = keras.Input(shape=(4, 4, 4, 2), name="vol")
v = L.MaxPooling3D(2, name="max3d")(vol)                                               # 2x2x2
v = L.UpSampling3D((1, 2, 2), name="up3d")(v)                                          # 2x4x4
v = L.ZeroPadding3D(1, name="zpad3d")(v)                                               # 4x6x6
v = L.Cropping3D(((1, 1), (1, 1), (0, 2)), name="crop3d")(v)                           # 2x4x4
v = L.AveragePooling3D(2, strides=1, padding="same", name="avg3d")(v)                  # 2x4x4
g5 = L.GlobalAveragePooling3D(name="gavg3d")(v)                                        # 2
g6 = L.GlobalMaxPooling3D(keepdims=True, name="gmax3d")(v)                             # (1, 1, 1, 2)
g6 = L.Flatten(name="flat")(g6)

features = L.Concatenate(name="features")([g1, g2, g3, g4, g5, g6])                    # 18
out = L.Dense(3, name="out")(features)
repeated = L.RepeatVector(2, name="repeated")(L.Dense(2, name="small")(features))
model = keras.Model([img, seq, vol], [out, repeated], name="pooling_interop")


def data(n):
    return [rng.normal(size=(n, 8, 8, 3)).astype("float32"), rng.normal(size=(n, 6, 3)).astype("float32"),
            rng.normal(size=(n, 4, 4, 4, 2)).astype("float32")]


os.makedirs(OUT, exist_ok=True)
path = os.path.join(OUT, "pooling_layers.keras")
model.save(path)
probe = data(3)
golden = {"generated_by": "tools/golden/make_pooling_keras.py, keras " + keras.__version__ + " "
          + keras.backend.backend(),
          "inputs": [p.tolist() for p in probe],
          "outputs": [np.asarray(o, dtype="float32").tolist() for o in model.predict(probe, verbose=0)]}
with open(os.path.join(OUT, "pooling_layers_golden.json"), "w") as f:
    json.dump(golden, f)
print("wrote", path, os.path.getsize(path), "bytes")

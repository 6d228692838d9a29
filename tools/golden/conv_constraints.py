"""Keras's configs of convolution layers with weight constraints, and one SGD step's effect on them.

Prints the JSON that ConvConstraintsTest holds (strata-core/src/test/resources/keras-golden/conv_constraints.json):

    KERAS_BACKEND=jax python tools/golden/conv_constraints.py \
        > strata-core/src/test/resources/keras-golden/conv_constraints.json

For each layer: its get_config() (serialized as Keras saves it), its weights before and after one SGD(0.5) step
on a fixed batch with mean squared error against zeros, and the input batch.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import constraints, layers  # noqa: E402

keras.utils.set_random_seed(3)
rng = np.random.default_rng(5)

CASES = {
    "conv2d": (layers.Conv2D(3, 2, kernel_constraint=constraints.MaxNorm(0.5, axis=[0, 1, 2]),
                             bias_constraint="non_neg", bias_initializer="ones"), (2, 4, 4, 2)),
    "conv1d_transpose": (layers.Conv1DTranspose(2, 3, kernel_constraint=constraints.UnitNorm(axis=0),
                                                bias_constraint=constraints.MinMaxNorm(0.1, 0.2, rate=0.5, axis=0)),
                         (2, 5, 3)),
    "depthwise_conv2d": (layers.DepthwiseConv2D(2, depthwise_constraint="non_neg"), (2, 3, 3, 2)),
    "separable_conv1d": (layers.SeparableConv1D(2, 2, depthwise_constraint=constraints.MaxNorm(0.3),
                                                pointwise_constraint="non_neg", bias_constraint="unit_norm"),
                         (2, 4, 3)),
}

out = {}
for name, (layer, shape) in CASES.items():
    x = rng.uniform(-1, 1, size=shape).astype("float32")
    model = keras.Sequential([keras.Input(shape[1:]), layer])
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="mse")
    y = np.zeros(model.output_shape[:0] + tuple(model(x).shape), dtype="float32")
    before = [w.numpy().ravel().tolist() for w in layer.weights]
    model.train_on_batch(x, y)
    out[name] = {
        "config": keras.saving.serialize_keras_object(layer),
        "x": x.ravel().tolist(),
        "x_shape": list(shape),
        "before": before,
        "after": [w.numpy().ravel().tolist() for w in layer.weights],
    }
print(json.dumps(out, indent=1))

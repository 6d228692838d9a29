"""Reference values for Strata's convolution ops and layers, from Keras 3 (JAX backend, float32).

Writes to strata-core/src/test/resources/keras-golden/ (read by the test class ConvGolden):
  conv_ops_golden.json: keras.ops.conv / conv_transpose / depthwise_conv / separable_conv on small random inputs: the inputs,
            the output, and the gradients of sum(output * r) (r[i] = ((7 i) mod 11 - 5) / 4) with respect to the input and the
            kernel(s), by jax.grad.
  conv_layers_cases_golden.json: each convolution layer with some arguments: its get_config() as Keras writes it (JSON), its weights
            (set to random values, in Keras's order), an input, the output, and the gradients of sum(output * r)
            with respect to the input and each trainable weight (jax.grad through stateless_call); and Keras's
            get_config() of each layer class with default arguments.
Also writes keras-golden/conv_layers.keras (a tiny Functional model with Conv1D, Conv2D, Conv2DTranspose,
DepthwiseConv2D and SeparableConv2D, trained a few steps) with its inputs and predictions in conv_layers_golden.json.

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/conv.py   (Keras 3.15.1, JAX 0.10.2)

The other direction: ConvInteropTest saves the model it loaded from conv_layers.keras again with Strata, to
strata-core/target/keras-saved-conv/conv_layers_strata.keras; keras.saving.load_model reads that file and predicts
conv_layers_golden.json's outputs (checked by hand 2026-12-07: max difference 0.0 on both outputs, Adam restored).
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, ops  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")

rng = np.random.default_rng(12)


def arr(shape, lo=-1.0, hi=1.0):
    return np.round(rng.uniform(lo, hi, size=shape), 3).astype(np.float32)


def flat(a):
    # the shortest decimal that reads back as the same float32, to keep the file small
    return [float(str(v)) for v in np.asarray(a, dtype=np.float32).ravel()]


def weights_of(shape):
    """The output weights r of the loss sum(y * r): r[i] = ((7 i) mod 11 - 5) / 4, which the Java test recomputes."""
    n = int(np.prod(shape))
    return (((np.arange(n) * 7) % 11 - 5) / 4.0).astype(np.float32).reshape(shape)


def tensor(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "values": flat(a)}


# ---- ops ----------------------------------------------------------------------------------------------------
OP_CASES = [
    # name, op, x shape, kernel shape(s), keyword arguments
    ("conv2d_valid", "conv", (2, 5, 6, 3), [(3, 3, 3, 4)], {}),
    ("conv2d_same_s2", "conv", (1, 7, 6, 3), [(3, 2, 3, 4)], {"strides": 2, "padding": "same"}),
    ("conv2d_same_dilated", "conv", (1, 7, 7, 2), [(3, 3, 2, 3)], {"padding": "same", "dilation_rate": 2}),
    ("conv2d_groups", "conv", (1, 5, 5, 4), [(3, 3, 2, 6)], {}),
    ("conv2d_channels_first", "conv", (1, 3, 5, 6), [(3, 3, 3, 4)],
     {"padding": "same", "strides": (1, 2), "data_format": "channels_first"}),
    ("conv2d_pointwise", "conv", (1, 4, 4, 3), [(1, 1, 3, 5)], {}),
    ("conv2d_wide", "conv", (1, 6, 5, 8), [(3, 3, 8, 6)], {"padding": "same"}),
    ("conv1d_same_s2", "conv", (2, 9, 3), [(4, 3, 2)], {"strides": 2, "padding": "same"}),
    ("conv1d_dilated", "conv", (1, 10, 2), [(3, 2, 3)], {"dilation_rate": 3}),
    ("conv3d_same", "conv", (1, 4, 5, 4, 2), [(2, 3, 2, 2, 3)], {"strides": (1, 2, 1), "padding": "same"}),
    ("conv_transpose2d_valid_s2", "conv_transpose", (1, 3, 4, 3), [(3, 3, 5, 3)], {"strides": 2}),
    ("conv_transpose2d_same_s2", "conv_transpose", (1, 3, 4, 3), [(3, 3, 5, 3)], {"strides": 2, "padding": "same"}),
    ("conv_transpose2d_same_outpad", "conv_transpose", (1, 3, 3, 2), [(3, 3, 2, 2)],
     {"strides": 2, "padding": "same", "output_padding": 1}),
    ("conv_transpose2d_valid_dilated", "conv_transpose", (1, 4, 3, 2), [(2, 3, 3, 2)], {"dilation_rate": 2}),
    ("conv_transpose2d_valid_s3_k2", "conv_transpose", (1, 3, 2, 2), [(2, 2, 3, 2)], {"strides": 3}),
    ("conv_transpose2d_channels_first", "conv_transpose", (1, 3, 3, 4), [(3, 3, 2, 3)],
     {"strides": 2, "padding": "same", "data_format": "channels_first"}),
    ("conv_transpose1d_same_s3", "conv_transpose", (1, 4, 2), [(4, 3, 2)], {"strides": 3, "padding": "same"}),
    ("conv_transpose3d_valid", "conv_transpose", (1, 2, 3, 2, 2), [(2, 2, 3, 3, 2)], {"strides": (2, 1, 2)}),
    ("depthwise2d_same_s2", "depthwise_conv", (1, 5, 6, 3), [(3, 3, 3, 2)], {"strides": 2, "padding": "same"}),
    ("depthwise2d_valid", "depthwise_conv", (1, 5, 5, 3), [(3, 3, 3, 1)], {}),
    ("depthwise1d_dilated", "depthwise_conv", (1, 8, 3), [(3, 3, 2)], {"dilation_rate": 2}),
    ("depthwise2d_channels_first", "depthwise_conv", (1, 3, 5, 4), [(2, 3, 3, 2)],
     {"padding": "same", "data_format": "channels_first"}),
    ("separable2d_same", "separable_conv", (1, 6, 6, 3), [(3, 3, 3, 2), (1, 1, 6, 4)], {"padding": "same"}),
    ("separable1d_valid_s2", "separable_conv", (1, 9, 3), [(3, 3, 1), (1, 3, 5)], {"strides": 2}),
]


def run_op(op, x, kernels, kwargs):
    fn = getattr(ops, op)
    return fn(x, *kernels, **kwargs)


op_out = []
for name, op, xs, ks, kwargs in OP_CASES:
    x = arr(xs)
    kernels = [arr(k) for k in ks]
    y = np.asarray(run_op(op, x, kernels, kwargs))
    r = weights_of(y.shape)

    def loss(x, *kernels):
        return jnp.sum(run_op(op, x, list(kernels), kwargs) * r)

    grads = jax.grad(loss, argnums=tuple(range(1 + len(kernels))))(x, *kernels)
    args = {k: (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()}
    op_out.append({"name": name, "op": op, "args": args, "x": tensor(x),
                   "kernels": [tensor(k) for k in kernels], "y": tensor(y),
                   "dx": tensor(grads[0]), "dkernels": [tensor(g) for g in grads[1:]]})

# ---- layers -------------------------------------------------------------------------------------------------
LAYER_CASES = [
    # name, layer, sample input shape
    ("conv2d_relu_same_s2", lambda: layers.Conv2D(4, 3, strides=2, padding="same", activation="relu"), (6, 7, 3)),
    ("conv2d_groups_dilated", lambda: layers.Conv2D(6, (2, 3), dilation_rate=(2, 1), groups=2), (6, 6, 4)),
    ("conv2d_channels_first_nobias", lambda: layers.Conv2D(3, 2, data_format="channels_first", use_bias=False),
     (2, 5, 4)),
    ("conv1d_causal_dilated", lambda: layers.Conv1D(3, 3, padding="causal", dilation_rate=2, activation="tanh"),
     (8, 2)),
    ("conv1d_s2", lambda: layers.Conv1D(4, 2, strides=2), (9, 3)),
    ("conv3d_same", lambda: layers.Conv3D(2, 2, padding="same"), (3, 4, 3, 2)),
    ("conv1d_transpose_same_s2", lambda: layers.Conv1DTranspose(3, 3, strides=2, padding="same"), (5, 2)),
    ("conv2d_transpose_same_outpad", lambda: layers.Conv2DTranspose(4, 3, strides=2, padding="same",
                                                                     output_padding=1), (3, 4, 2)),
    ("conv2d_transpose_valid_channels_first", lambda: layers.Conv2DTranspose(2, (2, 3), strides=(2, 1),
                                                                              data_format="channels_first"),
     (3, 3, 4)),
    ("conv3d_transpose_s2", lambda: layers.Conv3DTranspose(2, 2, strides=2), (2, 2, 3, 2)),
    ("depthwise_conv1d_m2", lambda: layers.DepthwiseConv1D(3, depth_multiplier=2), (7, 3)),
    ("depthwise_conv2d_same_s2", lambda: layers.DepthwiseConv2D(3, strides=2, padding="same", activation="relu"),
     (6, 5, 4)),
    ("separable_conv1d_same", lambda: layers.SeparableConv1D(4, 3, depth_multiplier=2, padding="same"), (7, 3)),
    ("separable_conv2d_s2", lambda: layers.SeparableConv2D(5, 3, strides=2), (7, 7, 3)),
]

layer_out = []
for name, make, sample in LAYER_CASES:
    keras.backend.clear_session()
    layer = make()
    layer.build((None,) + sample)
    weights = [arr(w.shape, -0.5, 0.5) for w in layer.weights]
    layer.set_weights(weights)
    x = arr((2,) + sample)
    y = np.asarray(layer(x))
    r = weights_of(y.shape)
    tv = [v.value for v in layer.trainable_variables]
    ntv = [v.value for v in layer.non_trainable_variables]

    def loss(tv, x):
        out, _ = layer.stateless_call(tv, ntv, x)
        return jnp.sum(out * r)

    gw, gx = jax.grad(loss, argnums=(0, 1))(tv, x)
    layer_out.append({"name": name, "class_name": type(layer).__name__,
                      "config": layer.get_config(), "weight_names": [w.name for w in layer.weights],
                      "weights": [tensor(w) for w in weights], "x": tensor(x), "y": tensor(y),
                      "dx": tensor(gx), "dweights": [tensor(g) for g in gw]})

# Keras's get_config() of each layer with default arguments.
keras.backend.clear_session()
DEFAULTS = {
    "Conv1D": layers.Conv1D(2, 3), "Conv2D": layers.Conv2D(2, 3), "Conv3D": layers.Conv3D(2, 3),
    "Conv1DTranspose": layers.Conv1DTranspose(2, 3), "Conv2DTranspose": layers.Conv2DTranspose(2, 3),
    "Conv3DTranspose": layers.Conv3DTranspose(2, 3), "DepthwiseConv1D": layers.DepthwiseConv1D(3),
    "DepthwiseConv2D": layers.DepthwiseConv2D(3), "SeparableConv1D": layers.SeparableConv1D(2, 3),
    "SeparableConv2D": layers.SeparableConv2D(2, 3),
}
default_configs = {k: v.get_config() for k, v in DEFAULTS.items()}

os.makedirs(OUT, exist_ok=True)
GENERATED = "tools/golden/conv.py, keras " + keras.__version__ + " " + keras.backend.backend()
with open(os.path.join(OUT, "conv_ops_golden.json"), "w") as f:
    json.dump({"generated_by": GENERATED, "ops": op_out}, f)
with open(os.path.join(OUT, "conv_layers_cases_golden.json"), "w") as f:
    json.dump({"generated_by": GENERATED, "layers": layer_out, "default_configs": default_configs}, f)

# ---- a tiny model saved as .keras ---------------------------------------------------------------------------
keras.backend.clear_session()
keras.utils.set_random_seed(5)
image = keras.Input(shape=(8, 8, 2), name="image")
h = layers.Conv2D(4, 3, padding="same", activation="relu")(image)
h = layers.DepthwiseConv2D(3, strides=2, padding="same", depth_multiplier=2)(h)
h = layers.SeparableConv2D(4, 3, activation="relu")(h)
h = layers.Conv2DTranspose(3, 3, strides=2, padding="same", name="up")(h)
image_out = layers.Conv2D(1, 1, name="image_out")(h)
seq = keras.Input(shape=(10, 3), name="seq")
s = layers.Conv1D(4, 3, padding="causal", activation="relu")(seq)
seq_out = layers.Conv1D(2, 2, strides=2, name="seq_out")(s)
model = keras.Model([image, seq], [image_out, seq_out])
model.compile(optimizer=keras.optimizers.Adam(1e-2), loss=["mse", "mse"])
xi = rng.normal(size=(32, 8, 8, 2)).astype("float32")
xs = rng.normal(size=(32, 10, 3)).astype("float32")
yi = rng.normal(size=(32, 4, 4, 1)).astype("float32")
ys = rng.normal(size=(32, 5, 2)).astype("float32")
model.fit([xi, xs], [yi, ys], epochs=2, batch_size=16, verbose=0)
probe = [rng.normal(size=(3, 8, 8, 2)).astype("float32"), rng.normal(size=(3, 10, 3)).astype("float32")]
path = os.path.join(OUT, "conv_layers.keras")
model.save(path)
with open(os.path.join(OUT, "conv_layers_golden.json"), "w") as f:
    json.dump({"generated_by": "tools/golden/conv.py, keras " + keras.__version__ + " " + keras.backend.backend(),
               "inputs": [tensor(p) for p in probe],
               "outputs": [tensor(o) for o in model.predict(probe, verbose=0)],
               "layer_configs": {l.name: {"class_name": type(l).__name__, "config": l.get_config()}
                                 for l in model.layers}}, f)
print("wrote conv_ops_golden.json, conv_layers_cases_golden.json, conv_layers.keras, conv_layers_golden.json")

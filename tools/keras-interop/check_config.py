"""Checks that Python Keras 3 loads the model configs Strata writes and computes what Strata computes.

Usage (from the repository root; a venv with keras, jax and numpy):

    mvn -q test -pl strata-core -Dtest=InteropExportTest      # writes strata-core/target/keras-interop/*.json
    KERAS_BACKEND=jax python tools/keras-interop/check_config.py strata-core/target/keras-interop

Each JSON file holds a model's config (what Strata puts in config.json), its weights by layer name, inputs, and
the outputs Strata computed. For each file this script
  1. rebuilds the model with keras.saving.deserialize_keras_object(config) (which also compiles it from
     compile_config) and with keras.Model.from_config / keras.Sequential.from_config,
  2. sets the weights layer by layer and predicts,
  3. compares with Strata's outputs (rtol 1e-5, atol 1e-6).
A subclassed model is written as its traced Functional graph (the Java class under the extra key
"strata_subclass", which Keras ignores), so Keras loads it without the class.
Exit status 0 when every file passes.
"""
import copy
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402


def patch_conv_transpose():
    """Keras 3.15's ops.ConvTranspose.call hands backend.nn.conv_transpose its output_padding where the backend
    takes padding (positional order: strides, padding, output_padding), so a keras.ops.conv_transpose node fails
    inside Keras itself, whoever wrote the file. Pass them by keyword while that bug is there."""
    import inspect

    from keras.src import backend
    from keras.src.ops import nn

    if "self.output_padding,\n            self.padding," not in inspect.getsource(nn.ConvTranspose.call):
        return

    def call(self, inputs, kernel):
        return backend.nn.conv_transpose(inputs, kernel, strides=self.strides, padding=self.padding,
                                         output_padding=self.output_padding, data_format=self.data_format,
                                         dilation_rate=self.dilation_rate)

    nn.ConvTranspose.call = call


patch_conv_transpose()


def patch_norm():
    """Keras 3.15's ops.Norm keeps axis as a list (an int becomes [axis], and a config read from JSON holds a list),
    which jnp.linalg.norm, jitted with axis static, cannot hash: a keras.ops.norm node with an axis fails inside
    Keras itself, also when Keras saved the file. Pass the axis as a tuple while that bug is there."""
    from keras.src import backend
    from keras.src.ops import linalg

    try:
        linalg.Norm(axis=-1).call(np.ones((2, 2), "float32"))
        return
    except (TypeError, ValueError):
        pass

    def call(self, x):
        axis = tuple(self.axis) if isinstance(self.axis, list) else self.axis
        return backend.linalg.norm(backend.convert_to_tensor(x), ord=self.ord, axis=axis, keepdims=self.keepdims)

    linalg.Norm.call = call


patch_norm()


def patch_rot90():
    """Keras 3.15's ops.Rot90 keeps its axes as given, and a config gives them as a JSON list, which JAX's rot90
    cannot take as a static argument ("unhashable type: 'list'"): a Rot90 node that Keras itself saved fails after
    loading, whoever wrote the file. Make them a tuple while that bug is there."""
    from keras.src.ops import numpy as knp

    init = knp.Rot90.__init__
    if getattr(init, "_strata_patched", False):
        return

    def __init__(self, k=1, axes=(0, 1), *, name=None):
        init(self, k=k, axes=tuple(axes), name=name)

    __init__._strata_patched = True
    knp.Rot90.__init__ = __init__


patch_rot90()


def patch_adaptive_pools():
    """Keras 3.15's ops.AdaptiveAveragePool / AdaptiveMaxPool concatenate output_size to a shape tuple, so the list
    a config holds (Keras's own files too) fails to load. Take it as a tuple while that bug is there."""
    from keras.src.ops import nn

    for cls in (nn.AdaptiveAveragePool, nn.AdaptiveMaxPool):
        init = cls.__init__

        def patched(self, output_size, *args, _init=init, **kwargs):
            if isinstance(output_size, list):
                output_size = tuple(output_size)
            _init(self, output_size, *args, **kwargs)

        cls.__init__ = patched


patch_adaptive_pools()


def patch_axis_tuples():
    """Keras 3.15's quantile-family and nan* reduction ops keep a list axis as a list (Quantile and Median make an int
    [axis]; a config read from JSON holds a list), and the JAX backend passes it to jnp functions that take the axis
    as a hashable static argument ("Non-hashable static arguments are not supported"): such a node fails inside Keras
    itself, also when Keras saved the file. Make the axis a tuple while that bug is there. Keras 3.15's Quantile.call
    also drops its method (always linear): pass it."""
    from keras.src import backend
    from keras.src.ops import numpy as knp

    names = ["Quantile", "Percentile", "Nanquantile", "Nanpercentile", "Nanmedian", "Nansum", "Nanmean", "Nanmax",
             "Nanmin", "Nanprod", "Nanstd", "Nanvar"]
    for cls in (getattr(knp, n) for n in names):
        init = cls.__init__
        if getattr(init, "_strata_patched", False):
            continue

        def patched(self, *args, _init=init, **kwargs):
            _init(self, *args, **kwargs)
            if isinstance(self.axis, list):
                self.axis = tuple(self.axis)

        patched._strata_patched = True
        cls.__init__ = patched

    import inspect

    if "method=self.method" not in inspect.getsource(knp.Quantile.call):
        def call(self, x, q):
            return backend.numpy.quantile(x, q, axis=self.axis, method=self.method, keepdims=self.keepdims)

        knp.Quantile.call = call


patch_axis_tuples()


def patch_histogram():
    """Keras 3.15's Histogram.call calls backend.math.histogram, which the JAX backend lacks (it is
    backend.numpy.histogram), so a histogram node fails inside Keras itself; and Histogram.__init__ takes range only
    as a tuple, so the list a config holds (Keras's own files too) fails to load. Fix both while those bugs are there."""
    from keras.src import backend
    from keras.src.ops import numpy as knp

    if not hasattr(backend.math, "histogram"):
        def call(self, x):
            return backend.numpy.histogram(backend.convert_to_tensor(x), bins=self.bins, range=self.range)

        knp.Histogram.call = call
    init = knp.Histogram.__init__
    if getattr(init, "_strata_patched", False):
        return

    def patched(self, bins=10, range=None, *, name=None):
        init(self, bins=bins, range=tuple(range) if isinstance(range, list) else range, name=name)

    patched._strata_patched = True
    knp.Histogram.__init__ = patched


patch_histogram()


def as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def predict(m, x):
    """m.predict, or a plain (eager) call for a graph Keras cannot jit: keras.ops.image.elastic_transform takes
    int(6 * sigma) of a tensor, which fails while predict traces it."""
    try:
        return as_list(m.predict(x, verbose=0))
    except Exception:
        return as_list(m(x))


def check(path):
    with open(path) as f:
        doc = json.load(f)
    config = doc["config"]
    problems = []
    # Keras pops keys out of the configs it reads: give each reader its own copy.
    model = keras.saving.deserialize_keras_object(copy.deepcopy(config))
    cls = keras.Sequential if config["class_name"] == "Sequential" else keras.Model
    again = cls.from_config(copy.deepcopy(config["config"]))
    inputs = [np.array(x, dtype="float32") for x in doc["inputs"]]
    expected = [np.array(y, dtype="float32") for y in doc["outputs"]]
    for m in (model, again):
        for name, ws in doc["weights"].items():
            layer = m.get_layer(name)
            layer.set_weights([np.array(w, dtype="float32") for w in ws])
            if hasattr(layer, "finalize_state"):
                layer.finalize_state()  # Normalization reads its statistics then, as when Keras loads weights
        got = predict(m, inputs[0] if len(inputs) == 1 else inputs)
        if len(got) != len(expected):
            problems.append(f"{len(got)} outputs, Strata has {len(expected)}")
            continue
        for i, (g, e) in enumerate(zip(got, expected)):
            g = np.asarray(g, dtype="float32")
            if g.shape != e.shape:
                problems.append(f"output {i}: shape {g.shape}, Strata {e.shape}")
            elif not np.allclose(g, e, rtol=1e-5, atol=1e-6):
                problems.append(f"output {i}: max difference {np.max(np.abs(g - e))}")
    compiled = ""
    if config.get("compile_config"):
        if not model.compiled:
            problems.append("compile_config present but the model is not compiled")
        else:
            opt = model.optimizer
            compiled = (f", compiled: {type(opt).__name__}(learning_rate={float(opt.learning_rate):.6g}), "
                        f"loss={config['compile_config']['loss']}, loss_weights={config['compile_config']['loss_weights']}")
    kind = type(model).__name__ + (" (traced graph of a subclassed model)" if "strata_subclass" in config else "")
    status = "OK  " if not problems else "FAIL"
    print(f"{status} {os.path.basename(path)}: {kind}, {len(model.layers)} layers, {len(expected)} output(s)"
          f"{compiled}" + ("" if not problems else "; " + "; ".join(problems)))
    return not problems


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "strata-core/target/keras-interop"
    files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    if not files:
        print(f"no .json files in {folder}; run InteropExportTest first")
        return 1
    print(f"Keras {keras.__version__}, backend {keras.backend.backend()}")
    ok = all([check(os.path.join(folder, f)) for f in files])
    print("all passed" if ok else "some failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

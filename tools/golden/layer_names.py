"""Keras 3's automatic names for every public class in keras.layers and keras.optimizers, for NamesGoldenTest.

Keras names an object it is not given a name for with `naming.auto_name(cls.__name__)`: the class name through
`to_snake_case` (`Conv2D` -> `conv2d`, `PReLU` -> `p_re_lu`, `RMSprop` -> `rm_sprop`), made unique by a
session-wide counter (`conv2d`, `conv2d_1`, ...) that `keras.backend.clear_session()` resets. This script lists
every class exported by `keras.layers` (inspect over the module, aliases included: `Convolution2D` is `Conv2D`),
makes two instances of each in a fresh session with the fewest arguments it accepts, and records both names.
Classes that cannot be made here are kept with the reason. The optimizers get the same treatment.

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/layer_names.py
Writes strata-core/src/test/resources/keras-golden/layer_names.json (generated, do not edit). CI never runs it.
"""
import inspect
import json
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras.src.utils import naming  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden/layer_names.json")

# The required constructor arguments, by argument name (made afresh for every instance, inside the session, so a
# wrapped layer is a new one each time).
BY_ARGUMENT = {
    "activation": lambda: "relu",
    "output_size": lambda: 2,
    "rate": lambda: 0.5,
    "pool_size": lambda: 2,
    "height": lambda: 2,
    "width": lambda: 2,
    "filters": lambda: 2,
    "kernel_size": lambda: 3,
    "units": lambda: 2,
    "axes": lambda: 1,
    "equation": lambda: "ab,bc->ac",
    "output_shape": lambda: 4,
    "input_dim": lambda: 10,
    "output_dim": lambda: 4,
    "stddev": lambda: 0.1,
    "head_dim": lambda: 2,
    "num_query_heads": lambda: 2,
    "num_key_value_heads": lambda: 1,
    "num_bins": lambda: 4,
    "max_number": lambda: 2,
    "function": lambda: (lambda x: x),
    "call_fn": lambda: (lambda inputs: inputs),
    "num_heads": lambda: 2,
    "key_dim": lambda: 2,
    "dims": lambda: (1,),
    "layers": lambda: [],
    "cell": lambda: keras.layers.SimpleRNNCell(2),
    "cells": lambda: [keras.layers.SimpleRNNCell(2)],
    "factor": lambda: 0.1,
    "height_factor": lambda: 0.1,
    "width_factor": lambda: 0.1,
    "n": lambda: 2,
    "scale": lambda: 1.0 / 255,
    "target_shape": lambda: (2,),
    "layer": lambda: keras.layers.Dense(1),
    "shape": lambda: (2,),
    "learning_rate": lambda: 0.01,
    "optimizer_map": lambda: (lambda variable: keras.optimizers.SGD()),
}
# Classes whose arguments differ from the table above.
BY_CLASS = {
    "Bidirectional": {"layer": lambda: keras.layers.LSTM(2)},
    "RandomPosterization": {"factor": lambda: 4},
    "CategoryEncoding": {"num_tokens": lambda: 4},  # optional in the signature, required by the constructor
    "Discretization": {"num_bins": lambda: 4},
    "InputLayer": {"shape": lambda: (2,)},
    "LossScaleOptimizer": {"inner_optimizer": lambda: keras.optimizers.SGD()},
}
# Classes that cannot be made in this environment, and why.
IMPOSSIBLE = {
    "TFSMLayer": "needs a TensorFlow SavedModel on disk (and the TensorFlow backend)",
    "FlaxLayer": "needs a Flax module (flax is not installed)",
    "TorchModuleWrapper": "needs a torch.nn.Module and the torch backend (this runs on jax)",
    "Hashing": "needs TensorFlow (not installed)",
    "HashedCrossing": "needs TensorFlow (not installed)",
    "IntegerLookup": "needs TensorFlow (not installed)",
    "StringLookup": "needs TensorFlow (not installed)",
    "TextVectorization": "needs TensorFlow (not installed)",
}


def required(cls):
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    return [p.name for p in params
            if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def make(cls):
    args = {}
    overrides = BY_CLASS.get(cls.__name__, {})
    for name in required(cls) + [n for n in overrides if n not in required(cls)]:
        factory = overrides.get(name, BY_ARGUMENT.get(name))
        if factory is None:
            raise TypeError(f"no value for the required argument {name!r}")
        args[name] = factory()
    return cls(**args)


def names(module, base):
    """[{exported_as, class_name, name, second_name} or {..., skipped}] for the classes exported by module."""
    out = []
    for exported, cls in sorted(inspect.getmembers(module, inspect.isclass)):
        entry = {"exported_as": exported, "class_name": cls.__name__, "snake_case": naming.to_snake_case(cls.__name__)}
        if not issubclass(cls, base):
            entry["skipped"] = f"not a subclass of {base.__name__}: it has no name"
        elif cls.__name__ in IMPOSSIBLE:
            entry["skipped"] = IMPOSSIBLE[cls.__name__]
        else:
            keras.backend.clear_session()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    entry["name"] = make(cls).name
                    entry["second_name"] = make(cls).name
            except Exception as e:  # recorded, so the list still names every class
                entry.pop("name", None)
                entry["skipped"] = f"{type(e).__name__}: {e}".splitlines()[0]
        out.append(entry)
    return out


# Java identifiers Strata snake-cases besides class names (field names become layer names and weight paths, constructor
# parameters become config keys), and strings at the edges of the three regular expressions.
STRINGS = ["mainOutput", "numUnits", "hidden1", "hidden1Units", "conv2D", "conv2DLayer", "block2Dense", "blocks",
           "x", "X", "ABC", "ABCDef", "HTTPServer", "getHTTPResponseCode", "already_snake", "Mixed_Case",
           "with$dollar", "Dense2", "dense_2", "AB1C", "a1B", "Über", "schichtÄhnlich", "MyLayerété",
           "Layer٠", "tab\there", "", "_private", "__dunder__", "Trailing_"]

result = {
    "generated_by": "tools/golden/layer_names.py (generated, do not edit)",
    "source": "keras.layers and keras.optimizers, every class inspect.getmembers finds; names of a first and a "
              "second instance made after keras.backend.clear_session()",
    "keras_version": keras.__version__,
    "backend": keras.backend.backend(),
    "layers": names(keras.layers, keras.layers.Layer),
    "optimizers": names(keras.optimizers, keras.optimizers.Optimizer),
    "strings": {text: naming.to_snake_case(text) for text in STRINGS},
}
with open(OUT, "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")
made = sum("name" in e for e in result["layers"])
print(f"wrote {OUT}: {len(result['layers'])} layer classes ({made} made), {len(result['optimizers'])} optimizers")
for e in result["layers"] + result["optimizers"]:
    if "skipped" in e:
        print("skipped", e["exported_as"], "-", e["skipped"])

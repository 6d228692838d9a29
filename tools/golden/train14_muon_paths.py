"""Goldens for Muon's exclude_layers and exclude_embeddings (issue 14): Keras matches them against variable.path.

Run from tools/golden/:

    KERAS_BACKEND=jax /work/venv/bin/python train14_muon_paths.py

Writes strata-core/src/test/java/dev/strata/optimizers/MuonPathsGolden.java: for a Sequential model, a Functional
one and a Functional model holding a Sequential block, built as Keras builds them, every trainable variable's
`variable.path` in model.trainable_variables order and, for several exclude_layers lists, Keras's
Muon._should_use_adamw(variable) for each. A Dense layer named "embedding_proj" shows that exclude_embeddings
reads the path (its variables are named kernel and bias). CI never runs this script.
"""
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402

from _common import java_class  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "strata-core/src/test/java/dev/strata/optimizers/MuonPathsGolden.java"
L = keras.layers


def sequential():
    return keras.Sequential([keras.Input((5,)), L.Dense(4, name="embedding_proj"), L.Dense(4, name="hidden"),
                             L.Dense(3, name="output_dense")], name="seq")


def functional():
    i = keras.Input((5,), name="x")
    h = L.Dense(4, name="hidden")(i)
    return keras.Model(i, L.Dense(3, name="output_dense")(h), name="func")


def nested():
    block = keras.Sequential([keras.Input((5,)), L.Dense(4, name="inner_a"), L.Dense(4, name="inner_b")],
                             name="block")
    i = keras.Input((5,), name="x")
    return keras.Model(i, L.Dense(2, name="head")(block(i)), name="outer")


EXCLUDES = [[], ["output"], ["hidden"], ["^seq/hidden"], ["block/inner_b", "head"], ["inner"]]
lines = []
for name, make in [("SEQUENTIAL", sequential), ("FUNCTIONAL", functional), ("NESTED", nested)]:
    keras.utils.clear_session()
    model = make()
    vs = model.trainable_variables
    lines.append(f"static final String[] {name}_PATHS = {{" + ", ".join(f'"{v.path}"' for v in vs) + "};")
    rows = []
    for ex in EXCLUDES:
        muon = keras.optimizers.Muon(exclude_layers=ex)
        rows.append("{" + ", ".join("true" if muon._should_use_adamw(v) else "false" for v in vs) + "}")
    lines.append(f"static final boolean[][] {name}_ADAMW = {{" + ", ".join(rows) + "};")
lines.append("static final String[][] EXCLUDES = {" + ", ".join(
    "{" + ", ".join(f'"{e}"' for e in ex) + "}" for ex in EXCLUDES) + "};")
OUT.write_text(java_class("dev.strata.optimizers", "MuonPathsGolden", "tools/golden/train14_muon_paths.py", lines,
                          doc="Keras's variable paths and Muon's AdamW choice, from Keras"))
print("wrote", OUT)

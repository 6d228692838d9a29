"""Checks that Python Keras 3 loads the .keras and .weights.h5 files Strata saves, and treats them as its own.

Usage (from the repository root; a venv with keras, jax, h5py and numpy):

    mvn -q test -pl strata-core -Dtest=SavedFilesExportTest    # writes strata-core/target/keras-saved/
    KERAS_BACKEND=jax python tools/keras-interop/check_saved.py strata-core/target/keras-saved

For each NAME.json that SavedFilesExportTest wrote next to NAME.keras and NAME.weights.h5:
  1. keras.saving.load_model(NAME.keras) loads the model, compiled from its compile_config (no custom classes: a
     subclassed model loads as the Functional graph Strata traced) and predicts Strata's outputs (rtol 1e-5);
  2. a model loaded without compiling takes NAME.weights.h5 with load_weights and predicts the same;
  3. each Adam (and AdamW) moment, and AMSGrad maximum, is the one Strata had for that variable (by Keras path,
     e.g. hidden/kernel), whatever order the model's variables come in;
  4. if the file records a training step: the loaded model's train_on_batch on that batch, from the optimizer state
     in the file (step count, slots), gives the predictions Strata's reloaded model gave after the same step;
  5. Keras saving the loaded model again writes the same model.weights.h5 listing as Strata did (every group,
     name attribute, dataset path, shape and dtype): Strata's object walk is Keras's. (A subclassed model's own
     weights, which its graph holds as constants, are also kept under strata_subclass/ for Strata; Keras ignores
     that group.)
  6. if the file records an evaluation ("evaluate": targets, sample weights, batch size, Strata's logs): the
     loaded model, compiled from Strata's compile_config, evaluates to the same log names and values.
Exit status 0 when every file passes.
"""
import io
import json
import os
import re
import sys
import tempfile
import zipfile

os.environ.setdefault("KERAS_BACKEND", "jax")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402


def as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def listing(keras_path):
    """The weights' listing in the form of the fixtures' MANIFEST.json (and of WeightsFile.listing in Java)."""
    with zipfile.ZipFile(keras_path) as z:
        f = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
    rows = []

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            rows.append(f"{name} {list(obj.shape)} {obj.dtype}")
        elif "name" in obj.attrs:
            rows.append(f"{name}/ name={obj.attrs['name']}")
    f.visititems(visit)
    return rows


def session_free(row):
    """A listing row without the session counter in the name of a weightless sublayer a Keras layer makes in its
    own build and keeps privately (MultiHeadAttention's _softmax and _dropout_layer): Keras names those from the
    Python session's counters (softmax_4 when four were made before), which no file can predict."""
    path, sep, name = row.partition("/ name=")
    if sep and path.endswith("/vars") and path.split("/")[-2].startswith("_"):
        return path + sep + re.sub(r"_\d+$", "", name)
    return row


def compare(got, expected, what, problems):
    got = [np.asarray(g, dtype="float32") for g in as_list(got)]
    expected = [np.asarray(e, dtype="float32") for e in expected]
    if len(got) != len(expected):
        problems.append(f"{what}: {len(got)} outputs, Strata has {len(expected)}")
        return
    for i, (g, e) in enumerate(zip(got, expected)):
        if g.shape != e.shape:
            problems.append(f"{what}: output {i} has shape {g.shape}, Strata's {e.shape}")
        elif not np.allclose(g, e, rtol=1e-5, atol=1e-6):
            problems.append(f"{what}: output {i} differs by up to {np.max(np.abs(g - e)):.3g}")


def inputs_of(doc):
    xs = [np.array(x, dtype="float32") for x in doc]
    return xs[0] if len(xs) == 1 else xs


def check(json_path):
    folder = os.path.dirname(json_path)
    with open(json_path) as f:
        doc = json.load(f)
    path = os.path.join(folder, doc["file"])
    problems = []
    model = keras.saving.load_model(path)
    x = inputs_of(doc["inputs"])
    compare(model.predict(x, verbose=0), doc["outputs"], "load_model + predict", problems)

    bare = keras.saving.load_model(path, compile=False)
    for v in bare.weights:
        v.assign(np.zeros(v.shape, dtype=v.dtype))
    bare.load_weights(os.path.join(folder, doc["weights_file"]))
    compare(bare.predict(x, verbose=0), doc["outputs"], "load_weights + predict", problems)

    with tempfile.TemporaryDirectory() as tmp:
        again = os.path.join(tmp, "again.keras")
        model.save(again)  # before training: the state Strata saved
        # strata_subclass/ holds a subclassed model's own weights for Strata (the graph has them as constants)
        theirs = [session_free(row) for row in listing(again)]
        ours = [session_free(row) for row in doc["listing"] if not row.startswith("strata_subclass/")]
        if sorted(theirs) != sorted(ours):
            only_keras = sorted(set(theirs) - set(ours))
            only_strata = sorted(set(ours) - set(theirs))
            problems.append(f"weights listing differs: Keras only {only_keras[:6]}, Strata only {only_strata[:6]}")

    slots = doc.get("adam_slots")
    if slots is not None:
        opt = model.optimizer
        for v in model.trainable_variables:
            i = opt._get_variable_index(v)
            expected = slots.get(v.path)
            if expected is None:
                problems.append(f"no Adam slots recorded by Strata for {v.path}")
                continue
            got = [opt._momentums[i], opt._velocities[i]] + ([opt._velocity_hats[i]] if opt.amsgrad else [])
            compare(got, expected, f"Adam slots of {v.path}", problems)
    summary = f"{type(model).__name__}, {len(model.layers)} layers, {len(model.weights)} weights"
    if getattr(model, "optimizer", None) is not None:
        summary += f", {type(model.optimizer).__name__} at iteration {int(model.optimizer.iterations)}" \
                   f" with {len(model.optimizer.variables)} variables"
    step = doc.get("train_on_batch")
    if step is not None:
        ys = [np.array(y, dtype="float32") for y in step["y"]]
        model.train_on_batch(inputs_of(step["x"]), ys[0] if len(ys) == 1 else ys)
        compare(model.predict(x, verbose=0), step["outputs_after"], "train_on_batch from the saved state", problems)
        summary += ", one more training step matches"
    evaluate = doc.get("evaluate")
    if evaluate is not None:
        # compiled from Strata's compile_config, Keras maps the metrics to the outputs and names them as Strata did
        ys = [np.array(y, dtype="float32") for y in evaluate["y"]]
        sws = [np.array(w, dtype="float32") for w in evaluate.get("sample_weight") or []]
        logs = model.evaluate(x, ys[0] if len(ys) == 1 else ys, sample_weight=(sws[0] if len(sws) == 1 else sws)
                              if sws else None, batch_size=evaluate["batch_size"], verbose=0, return_dict=True)
        if sorted(logs) != sorted(evaluate["logs"]):
            problems.append(f"evaluate logs {sorted(logs)}, Strata's {sorted(evaluate['logs'])}")
        else:
            compare([logs[k] for k in sorted(logs)], [evaluate["logs"][k] for k in sorted(logs)], "evaluate logs",
                    problems)
            summary += f", evaluate logs {sorted(logs)} match"
    return summary, problems


def main(folder):
    files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    if not files:
        print(f"no .json files in {folder}; run SavedFilesExportTest first")
        return 1
    failed = 0
    for name in files:
        try:
            summary, problems = check(os.path.join(folder, name))
        except Exception as e:  # report every file, not only the first failure
            summary, problems = "", [f"{type(e).__name__}: {str(e)[:500]}"]
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            print(f"OK   {name}: {summary}")
    print("all passed" if failed == 0 else f"{failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "strata-core/target/keras-saved"))

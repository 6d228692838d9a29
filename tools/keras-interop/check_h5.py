"""Checks that Python (h5py, zipfile, Keras 3) reads the HDF5 and .keras files Strata writes.

Run after `mvn test -pl strata-core -Dtest=WeightsFileRoundTripTest` (its writeInteropFiles test leaves the
files in strata-core/target/interop):

    KERAS_BACKEND=jax python tools/keras-interop/check_h5.py strata-core/target/interop

Needs h5py, numpy, and (for the .keras part) keras + jax: `python3 -m venv venv && venv/bin/pip install keras
jax h5py`. CI does not run this; the result of the last run is recorded in the saving notes / report.

What it checks:
1. strata_tree.weights.h5: h5py opens it, and its listing (h5py visititems order: "path [shape] dtype" for
   datasets, "path/ name=..." for groups with a name attribute) equals strata_tree.listing.txt, which Java
   wrote from the same tree; the root has no attributes; string attributes come back as Python str; the int64
   scalar is exact; the empty groups exist.
2. strata_*.keras: real Keras models whose archive and weights Strata re-encoded: zipfile sees members
   metadata.json, config.json, model.weights.h5 in that order, all STORED; keras.saving.load_model loads each
   and predicts the same outputs as recorded in the matching .io.json (rtol 1e-5).
"""
import io
import json
import os
import sys
import zipfile

import h5py
import numpy as np


def listing(f):
    rows = []

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            rows.append(f"{name} {list(obj.shape)} {obj.dtype}")
        elif "name" in obj.attrs:
            rows.append(f"{name}/ name={obj.attrs['name']}")

    f.visititems(visit)
    return rows


def check_tree(d):
    path = os.path.join(d, "strata_tree.weights.h5")
    expected = open(os.path.join(d, "strata_tree.listing.txt"), encoding="utf-8").read().splitlines()
    with h5py.File(path, "r") as f:
        got = listing(f)
        assert got == expected, "listing differs:\n" + "\n".join(
            f"  h5py: {g!r}\n  java: {e!r}" for g, e in zip(got, expected) if g != e) + f"\n({len(got)} vs {len(expected)} rows)"
        assert dict(f.attrs) == {}, f"root attributes {dict(f.attrs)}"
        name = f["layers/dense/vars"].attrs["name"]
        assert isinstance(name, str) and name == "dense_7", repr(name)
        assert f["unicode/vars"].attrs["name"] == "dénse ✓ 層"
        assert list(f["unicode/vars"].attrs["names"]) == ["a", "", "ccc"], f["unicode/vars"].attrs["names"]
        assert f["optimizer/vars/0"][()] == 7 and f["optimizer/vars/0"].dtype == np.int64
        assert f["big/max"][()] == np.iinfo(np.int64).max and f["big/min"][()] == np.iinfo(np.int64).min
        assert len(f["layers/dropout/vars"]) == 0 and "layers\\dense_bs" in f
        np.testing.assert_array_equal(f["layers/dense/vars/0"][()], np.arange(1, 7, dtype=np.float32).reshape(3, 2))
        assert f["layers/lstm/cell/vars/1"].shape == (0,)
    print(f"OK {path}: h5py {h5py.__version__} (HDF5 {h5py.version.hdf5_version}) reads {len(got)} rows as Java wrote them")


def check_keras(d):
    import keras

    names = sorted(n for n in os.listdir(d) if n.startswith("strata_") and n.endswith(".keras"))
    assert names, "no strata_*.keras files"
    for n in names:
        path = os.path.join(d, n)
        z = zipfile.ZipFile(path)
        infos = z.infolist()
        assert [i.filename for i in infos] == ["metadata.json", "config.json", "model.weights.h5"], infos
        assert all(i.compress_type == zipfile.ZIP_STORED for i in infos)
        assert z.testzip() is None
        with h5py.File(io.BytesIO(z.read("model.weights.h5")), "r") as f:
            rows = listing(f)
        model = keras.saving.load_model(path)
        io_json = json.load(open(os.path.join(d, n.replace(".keras", ".io.json"))))
        inputs = [np.asarray(x, dtype=np.float32) for x in io_json["inputs"]]
        pred = model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
        preds = pred if isinstance(pred, (list, tuple)) else [pred]
        for p, e in zip(preds, io_json["outputs"]):
            np.testing.assert_allclose(np.asarray(p), np.asarray(e, dtype=np.float32), rtol=1e-5, atol=1e-6)
        print(f"OK {n}: Keras {keras.__version__} loads it ({len(rows)} weight rows) and predicts as recorded")


if __name__ == "__main__":
    directory = sys.argv[1] if len(sys.argv) > 1 else "strata-core/target/interop"
    check_tree(directory)
    check_keras(directory)
    print("ALL OK")

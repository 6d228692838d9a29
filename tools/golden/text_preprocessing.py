"""Reference values for Strata's text and categorical preprocessing, from Keras 3 (JAX backend) and from the C
FarmHash library TensorFlow links.

Writes the Java test class TextGolden (strata-core/src/test/java/dev/strata/layers/preprocessing/):
  * FarmHash Fingerprint64 of strings of every length class (0-3, 4-7, 8-16, 17-32, 33-64, > 64 bytes, UTF-8),
    computed by Debian's libfarmhash (util::Fingerprint64, what tf.strings.to_hash_bucket_fast applies), so
    Hashing's bins and the lookups' extra OOV buckets are TensorFlow's. The script checks these against the bins
    Keras's docstrings show (Hashing, StringLookup num_oov_indices=2), which TensorFlow computed.
  * CategoryEncoding (one_hot / multi_hot / count) and Discretization (given boundaries in every output mode;
    boundaries learnt by adapt, one batch and several) outputs, run by Keras.
  * keras.utils.pad_sequences for every padding / truncating / maxlen / value case, run by Keras.
  * timeseries_dataset_from_array windows: Keras's own index arithmetic (_timeseries_dataset_tf: start positions
    np.arange(0, num_seqs, stride), shuffled by np.random.RandomState(seed).shuffle) done with numpy here, since
    the function itself needs tf.data.

TensorFlow is not installed here (and cannot be), so StringLookup, IntegerLookup, TextVectorization and Hashing
cannot run in Keras on this machine; their tests use the outputs Keras's docstrings print (executed with
TensorFlow by Keras's doctests) and the FarmHash values above. Discretization.adapt and the Discretization /
CategoryEncoding layers only touch tf for isinstance checks, which a stub answers (TF_STUB below).

With --interop it also writes, to strata-core/src/test/resources/keras-golden/:
  categorical.keras          Functional: x (None, 3) -> Discretization(bin_boundaries=[-0.5, 0, 0.5])
                             -> CategoryEncoding(4, count) -> Dense(2); and the golden inputs/predictions
  categorical_golden.json

Run:
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/text_preprocessing.py \
        > strata-core/src/test/java/dev/strata/layers/preprocessing/TextGolden.java
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/text_preprocessing.py --interop > /dev/null
"""
import json
import os
import subprocess
import sys
import tempfile
import types

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.utils import module_utils  # noqa: E402

# Discretization.adapt asks isinstance(data, tf.data.Dataset) and tf.is_tensor(data); nothing else of tf runs.
TF_STUB = types.SimpleNamespace(data=types.SimpleNamespace(Dataset=type("Dataset", (), {})),
                                is_tensor=lambda x: False)
module_utils.tensorflow.module = TF_STUB

FARM_SRC = r"""
#include <farmhash.h>
#include <cstdio>
#include <iostream>
#include <string>
int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::string s;
    for (size_t i = 0; i + 1 < line.size(); i += 2) s.push_back((char) std::stoi(line.substr(i, 2), nullptr, 16));
    std::printf("%016llx\n", (unsigned long long) util::Fingerprint64(s.data(), s.size()));
  }
}
"""


def fingerprints(strings):
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "fp.cc")
        exe = os.path.join(d, "fp")
        with open(src, "w") as f:
            f.write(FARM_SRC)
        subprocess.run(["g++", "-O1", "-o", exe, src, "-lfarmhash"], check=True)
        data = "".join(s.encode("utf-8").hex() + "\n" for s in strings)
        out = subprocess.run([exe], input=data, capture_output=True, text=True, check=True).stdout.split()
    return [int(h, 16) for h in out]


def lit(v):
    return str(np.float32(v)) + "f"


def floats(name, values, doc):
    values = np.asarray(values, dtype=np.float32).ravel()
    return (f"    /** {doc} */\n    public static final float[] {name} = {{"
            + ", ".join(lit(v) for v in values) + "};\n")


def ints(name, values, doc):
    values = np.asarray(values).ravel()
    return f"    /** {doc} */\n    public static final int[] {name} = {{" + ", ".join(str(int(v)) for v in values) + "};\n"


def jstr(s):
    return json.dumps(s, ensure_ascii=True)


def main():
    out = []
    # ---- FarmHash ----------------------------------------------------------------------------------------------
    rng = np.random.default_rng(13)
    strings = ["", "a", "ab", "abc", "omar", "stringer", "marlo", "wire", "skywalker", "A", "B", "C", "D", "E",
               "m", "z", "0", "1", "-1", "12", "1138", "héllo wörld", "日本語のテキスト", "[UNK]"]
    for n in [5, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 48, 63, 64, 65, 100, 127, 128, 129, 200, 300]:
        strings.append("".join(chr(ord("a") + int(c)) for c in rng.integers(0, 26, n)))
    fps = fingerprints(strings)
    # Cross-checks against bins TensorFlow computed for Keras's docstrings.
    assert [fps[strings.index(s)] % 3 for s in "ABCDE"] == [1, 0, 1, 1, 2], "Hashing docstring"
    assert [fps[strings.index(s)] % 2 for s in ["m", "z"]] == [0, 1], "StringLookup num_oov_indices=2 docstring"
    out.append("    /** Strings whose FarmHash Fingerprint64 libfarmhash gave (FARM_FINGERPRINTS). */\n")
    out.append("    public static final String[] FARM_STRINGS = {" + ", ".join(jstr(s) for s in strings) + "};\n")
    out.append("    /** util::Fingerprint64 of FARM_STRINGS' UTF-8 bytes, as unsigned 64-bit hex. */\n")
    out.append("    public static final String[] FARM_FINGERPRINTS = {"
               + ", ".join('"%016x"' % f for f in fps) + "};\n")

    # ---- CategoryEncoding -------------------------------------------------------------------------------------
    ce_x = np.array([[0, 1, 1, 3], [2, 2, 0, 0]], dtype=np.float32)
    out.append(floats("CE_X", ce_x, "CategoryEncoding input (2, 4)"))
    for mode in ["multi_hot", "count"]:
        y = keras.layers.CategoryEncoding(num_tokens=5, output_mode=mode)(ce_x)
        out.append(floats("CE_" + mode.upper(), y, f"CategoryEncoding(5, {mode}) of CE_X, shape (2, 5)"))
    ce_x1 = np.array([[3], [0], [4]], dtype=np.float32)
    out.append(floats("CE_ONE_HOT", keras.layers.CategoryEncoding(5, "one_hot")(ce_x1),
                      "CategoryEncoding(5, one_hot) of [[3], [0], [4]], shape (3, 5)"))
    ce_v = np.array([1, 1, 4], dtype=np.float32)
    out.append(floats("CE_COUNT_VECTOR", keras.layers.CategoryEncoding(5, "count")(ce_v),
                      "CategoryEncoding(5, count) of the vector [1, 1, 4], shape (5)"))

    # ---- Discretization ---------------------------------------------------------------------------------------
    dx = np.array([[-1.5, 1.0, 3.4, 0.5], [0.0, 3.0, 1.3, 0.0]], dtype=np.float32)
    out.append(floats("DISC_X", dx, "Discretization input (2, 4)"))
    for mode in ["int", "one_hot", "multi_hot", "count"]:
        y = keras.layers.Discretization(bin_boundaries=[0.0, 1.0, 2.0], output_mode=mode)(
            dx if mode != "one_hot" else dx.reshape(8, 1))
        out.append(floats("DISC_" + mode.upper(), y, f"Discretization([0, 1, 2], {mode}) of DISC_X"
                          + (" reshaped (8, 1)" if mode == "one_hot" else "") + f", shape {tuple(y.shape)}"))
    data = np.round(rng.normal(size=(300,)), 3).astype(np.float32)
    out.append(floats("DISC_ADAPT_DATA", data, "300 values for Discretization.adapt"))
    d = keras.layers.Discretization(num_bins=4)
    d.adapt(data)
    out.append(floats("DISC_ADAPT_BOUNDARIES", d.bin_boundaries, "boundaries of num_bins=4 adapted on the data"))
    d = keras.layers.Discretization(num_bins=5, epsilon=0.05)
    d.adapt([data[:100], data[100:220], data[220:]])
    out.append(floats("DISC_ADAPT_BATCHES_BOUNDARIES", d.bin_boundaries,
                      "num_bins=5, epsilon=0.05 adapted on batches data[:100], [100:220], [220:]"))
    small = np.array([1, 2, 3, 4, 5, 6, 7, 8], dtype=np.float32)
    d = keras.layers.Discretization(num_bins=4)
    d.adapt(small)
    out.append(floats("DISC_ADAPT_SMALL_BOUNDARIES", d.bin_boundaries, "num_bins=4 adapted on 1..8"))
    out.append(f"    /** Discretization(num_bins=4).get_config() after adapt on 1..8 (Keras's JSON). */\n"
               f"    public static final String DISC_CONFIG = {jstr(json.dumps(d.get_config()))};\n")
    out.append(f"    /** CategoryEncoding(5, count).get_config() (Keras's JSON). */\n"
               f"    public static final String CE_CONFIG = "
               f"{jstr(json.dumps(keras.layers.CategoryEncoding(5, 'count', name='ce').get_config()))};\n")

    # ---- pad_sequences ----------------------------------------------------------------------------------------
    seqs = [[1, 2, 3], [4, 5], [], [6, 7, 8, 9, 10]]
    cases = [dict(), dict(maxlen=3), dict(maxlen=4, padding="post"), dict(maxlen=3, truncating="post"),
             dict(maxlen=6, padding="post", truncating="post", value=-1), dict(maxlen=2, value=9.7)]
    for i, kw in enumerate(cases):
        y = keras.utils.pad_sequences(seqs, **kw)
        out.append(floats(f"PAD_{i}", y, f"pad_sequences([[1,2,3],[4,5],[],[6..10]], {kw}), shape {y.shape}"))
    fy = keras.utils.pad_sequences([[0.5, 1.5], [2.25]], maxlen=3, dtype="float32", value=-0.5)
    out.append(floats("PAD_FLOAT", fy, "pad_sequences([[0.5, 1.5], [2.25]], maxlen=3, dtype='float32', "
                      "value=-0.5)"))

    # ---- timeseries_dataset_from_array -------------------------------------------------------------------------
    def windows(n, seq_len, stride, rate, start, end, ntargets, shuffle, seed):
        start = 0 if start is None else start
        end = n if end is None else end
        num_seqs = end - start - (seq_len - 1) * rate
        if ntargets is not None:
            num_seqs = min(num_seqs, ntargets)
        pos = np.arange(0, num_seqs, stride, dtype="int32")
        if shuffle:
            np.random.RandomState(seed).shuffle(pos)
        return [[start + p + k * rate for k in range(seq_len)] for p in pos], [start + p for p in pos]

    ts_cases = [(100, 10, 3, 2, None, None, None, False, None), (30, 5, 1, 1, 2, 25, 30, False, None),
                (50, 4, 2, 3, None, None, 40, True, 7)]
    for i, c in enumerate(ts_cases):
        w, t = windows(*c)
        out.append(ints(f"TS_{i}_WINDOWS", w, f"timeseries windows (data indices) for (n, sequence_length, "
                        f"stride, sampling_rate, start, end, len(targets), shuffle, seed) = {c}"))
        out.append(ints(f"TS_{i}_TARGETS", t, "the target index of each window"))

    print("package dev.strata.layers.preprocessing;\n")
    print("/** Generated by tools/golden/text_preprocessing.py from Keras " + keras.__version__
          + " (JAX) and libfarmhash; do not edit. */")
    print("final class TextGolden {")
    print("    private TextGolden() {\n    }\n")
    print("\n".join(out), end="")
    print("}")


def interop():
    root = os.path.join(os.path.dirname(__file__), "..", "..", "strata-core", "src", "test", "resources",
                        "keras-golden")
    keras.utils.set_random_seed(5)
    x = keras.Input((3,), name="x")
    h = keras.layers.Discretization(bin_boundaries=[-0.5, 0.0, 0.5], name="disc")(x)
    h = keras.layers.CategoryEncoding(4, "count", name="encode")(h)
    y = keras.layers.Dense(2, name="dense")(h)
    m = keras.Model(x, y, name="categorical")
    xs = np.round(np.random.default_rng(3).normal(size=(6, 3)), 3).astype(np.float32)
    m.save(os.path.join(root, "categorical.keras"))
    with open(os.path.join(root, "categorical_golden.json"), "w") as f:
        json.dump({"x": xs.ravel().tolist(), "x_shape": list(xs.shape),
                   "y": np.asarray(m.predict(xs, verbose=0)).ravel().tolist(), "y_shape": [6, 2]}, f)


if __name__ == "__main__":
    if "--interop" in sys.argv:
        interop()
    else:
        main()

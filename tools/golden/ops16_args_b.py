"""Reference values for issue 16's second round of missing arguments (keras.ops.numpy and keras.ops.nn), from Keras 3
(JAX backend, float32), with gradients from jax.grad of sum(W * f(inputs)) through the same Keras ops:

  1. quantile / percentile / median and the nan* reductions over several axes (a tuple), with keepdims;
  2. histogram: counts and edges, and the edges' gradient (through x's min and max when no range is given);
  3. bincount with weights on 2-D x (per row), its gradient in the weights (the Java test runs it traced);
  4. ctc_decode's beam search: jax.grad of sum(W * scores) through the decode (log_softmax, the path scores and their
     merges). JAX's gradient is NaN for every step of a sample once a pruning step runs: _merge_scores takes
     log(0) for path groups whose scores are all -inf, and the NaN spreads through the max it subtracts.

Writes the Java test class Ops16ArgsBGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_args_b.py > strata-core/src/test/java/dev/strata/ops/Ops16ArgsBGolden.java

Each case is NAME (the output, flattened), NAME_SHAPE and, for the differentiable ones, NAME_GRAD<i> for its i-th
input; inputs are IN_<name> and IN_<name>_SHAPE. W is fixed by the output's shape: w[i] = 0.5 + ((7 i) mod 11) / 10,
which the Java test computes again.

With --interop it writes instead strata-core/src/test/resources/keras-golden/ops16_args_b.keras (a Functional model of
these ops as Keras writes them, axis tuples included) and ops16_args_b_golden.json (its inputs and Keras's
predictions).
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import arr, java_class, lit, shp  # noqa: E402

nan, inf = np.nan, np.inf
rng = np.random.default_rng(1602)


def distinct(shape, step=0.1):
    n = int(np.prod(shape))
    return (rng.permutation(np.arange(n)) - n / 2).reshape(shape).astype(np.float32) * np.float32(step)


N3 = distinct((2, 3, 4), 0.25)
N3[:, 1, :] = nan  # slice 1 of axes (0, 2) all NaN
N3[0, 0, 2] = nan
N3[1, 2, 0] = nan
N3[1, 2, 3] = nan

IN = {
    # distinct finite values: finite differences apply
    "A": distinct((2, 3, 4)),
    "A4": distinct((2, 3, 2, 3), 0.2),
    # NaNs: in slices 0 and 2 of axes (0, 2) some, slice 1 all
    "N3": N3,
    # histogram inputs: distinct, ties at the min and the max, constant
    "H": np.array([0.1, 0.5, 0.3, 1.0, -0.5, 0.75, 0.5, 2.0, 0.0, 1.0], np.float32),
    "HT": np.array([2.0, 0.0, 2.0, -1.0, -1.0, 0.5], np.float32),
    "HC": np.array([2.0, 2.0, 2.0], np.float32),
}

# bincount: whole numbers (rows with one length, as Keras's JAX backend needs: max 4 in each, or minlength above it)
IN["BX"] = np.array([[0, 1, 1, 4, 2], [3, 4, 0, 0, 1], [4, 2, 2, 2, 0]], np.float32)
IN["BW"] = np.round(rng.uniform(-1, 2, (3, 5)), 2).astype(np.float32)
IN["BX1"] = np.array([3, 0, 1, 3, 5, 1], np.float32)
IN["BW1"] = np.round(rng.uniform(-1, 2, (6,)), 2).astype(np.float32)
BINCOUNTS = [
    ("BINCOUNT_W2", ["BX", "BW"], lambda x, w: ops.bincount(ops.cast(x, "int32"), weights=w)),
    ("BINCOUNT_W2_MIN7", ["BX", "BW"], lambda x, w: ops.bincount(ops.cast(x, "int32"), weights=w, minlength=7)),
    ("BINCOUNT_W1_MIN3", ["BX1", "BW1"], lambda x, w: ops.bincount(ops.cast(x, "int32"), weights=w, minlength=3)),
    ("BINCOUNT_2_MIN6", ["BX"], lambda x: ops.bincount(ops.cast(x, "int32"), minlength=6)),
]

# name, input, keyword arguments of histogram
HISTOGRAMS = [
    ("HIST_H", "H", {"bins": 5}),
    ("HIST_HT", "HT", {"bins": 3}),
    ("HIST_HC", "HC", {"bins": 4}),
    ("HIST_H_RANGE", "H", {"bins": 4, "range": (0.0, 1.0)}),
    ("HIST_H_DEFAULT", "H", {}),
]

# name, inputs, function, differentiable
CASES = []
for m in ["linear", "lower", "higher", "midpoint", "nearest"]:
    u = m.upper()
    CASES.append((f"QUANTILE_{u}_AXES02", ["A"], lambda x, m=m: ops.quantile(x, 0.3, axis=(0, 2), method=m), True))
    CASES.append((f"NANQUANTILE_{u}_AXES02_KEEP", ["N3"],
                  lambda x, m=m: ops.nanquantile(x, 0.4, axis=(0, 2), method=m, keepdims=True), True))
CASES += [
    ("QUANTILE_AXES12_KEEP", ["A"], lambda x: ops.quantile(x, 0.7, axis=(1, 2), keepdims=True), True),
    ("QUANTILES_AXES_M1_0", ["A"], lambda x: ops.quantile(x, np.array([0.0, 0.35, 1.0], np.float32), axis=(-1, 0)),
     True),
    ("QUANTILE_A4_AXES13", ["A4"], lambda x: ops.quantile(x, 0.5, axis=(1, 3)), True),
    ("QUANTILE_N3_AXES02", ["N3"], lambda x: ops.quantile(x, 0.3, axis=(0, 2)), True),
    ("PERCENTILE_AXES02_MIDPOINT", ["A"], lambda x: ops.percentile(x, 40.0, axis=(0, 2), method="midpoint"), True),
    ("PERCENTILES_AXES12_KEEP", ["A"], lambda x: ops.percentile(x, np.array([10.0, 90.0], np.float32), axis=(1, 2),
                                                               keepdims=True), True),
    ("NANPERCENTILE_AXES02", ["N3"], lambda x: ops.nanpercentile(x, 75.0, axis=(0, 2), method="higher"), True),
    ("NANPERCENTILES_AXES_M1_0_KEEP", ["N3"], lambda x: ops.nanpercentile(x, np.array([20.0, 60.0], np.float32),
                                                                         axis=(-1, 0), keepdims=True), True),
    ("MEDIAN_AXES01", ["A"], lambda x: ops.median(x, axis=(0, 1)), True),
    ("MEDIAN_A4_AXES023_KEEP", ["A4"], lambda x: ops.median(x, axis=(0, 2, 3), keepdims=True), True),
    ("NANMEDIAN_AXES02", ["N3"], lambda x: ops.nanmedian(x, axis=(0, 2)), True),
    ("NANMEDIAN_AXES12_KEEP", ["N3"], lambda x: ops.nanmedian(x, axis=(1, 2), keepdims=True), True),
    ("NANMEDIAN_A_AXES_M1_0", ["A"], lambda x: ops.nanmedian(x, axis=(-1, 0)), True),
]
for name in ["nansum", "nanmean", "nanmax", "nanmin", "nanprod", "nanstd", "nanvar"]:
    f = getattr(ops, name)
    u = name.upper()
    CASES.append((f"{u}_AXES02", ["N3"], lambda x, f=f: f(x, axis=(0, 2)), True))
    CASES.append((f"{u}_AXES12_KEEP", ["N3"], lambda x, f=f: f(x, axis=(1, 2), keepdims=True), True))
    CASES.append((f"{u}_A_AXES_M1_0", ["A"], lambda x, f=f: f(x, axis=(-1, 0)), True))
    CASES.append((f"{u}_A4_AXES013_KEEP", ["A4"], lambda x, f=f: f(x, axis=(0, 1, 3), keepdims=True), True))


def weights(shape):
    n = int(np.prod(shape))
    return (0.5 + ((7 * np.arange(n)) % 11) / 10).astype(np.float32).reshape(shape)


def patch_histogram():
    """Keras 3.15's Histogram.call calls backend.math.histogram, which the JAX backend does not have (the function is
    backend.numpy.histogram), so a histogram node cannot run in Keras, whoever wrote it; and Histogram.__init__ takes
    range only as a tuple, so a config read from JSON (a list) fails to load. Patch both to compute Keras's values."""
    from keras.src import backend
    from keras.src.ops import numpy as knp

    def call(self, x):
        return backend.numpy.histogram(backend.convert_to_tensor(x), bins=self.bins, range=self.range)

    knp.Histogram.call = call


def interop():
    keras.utils.clear_session()
    patch_histogram()
    a = keras.Input((3, 4), name="a")
    b = keras.Input((3, 4), name="b")
    # NaN where b > 0.6 (the square root of a negative number), from ops Strata reads
    nan_a = ops.where(ops.greater(b, 0.6), ops.sqrt(ops.subtract(ops.abs(a), 5.0)), a)
    outs = [
        # Keras 3.15's Quantile.call ignores method (always linear): linear here
        ops.quantile(a, 0.3, axis=(0, 2)), ops.quantile(a, 0.6, axis=(1, 2), keepdims=True),
        ops.percentile(a, 25.0, axis=(-1, 1), method="midpoint"),
        ops.percentile(a, 70.0, axis=(0, 1), method="nearest", keepdims=True),
        ops.nanquantile(nan_a, 0.3, axis=(1, 2), method="lower"),
        ops.nanpercentile(nan_a, 75.0, axis=(0, 2), method="higher", keepdims=True),
        ops.median(a, axis=(0, 2)), ops.nanmedian(nan_a, axis=(1, 2), keepdims=True),
        ops.nansum(nan_a, axis=(1, 2)), ops.nanmean(nan_a, axis=(0, 2), keepdims=True),
        ops.nanmax(nan_a, axis=(-1, 1)), ops.nanmin(nan_a, axis=(1, 2), keepdims=True),
        ops.nanprod(nan_a, axis=(0, 1)), ops.nanstd(nan_a, axis=(1, 2)), ops.nanvar(nan_a, axis=(0, 2)),
        *ops.histogram(ops.reshape(a, (-1,)), bins=5), *ops.histogram(ops.reshape(b, (-1,)), bins=4, range=(-0.5, 0.5)),
        # integers for jnp.bincount; minlength 6 above every value + 1, so the rows share a length
        ops.bincount(ops.cast(ops.reshape(ops.clip(ops.floor(ops.abs(a) * 2.0), 0.0, 4.0), (-1, 12)), "int32"),
                     minlength=6),
    ]
    model = keras.Model([a, b], outs, name="ops16_args_b")
    xa = np.round(rng.uniform(-1, 1, size=(2, 3, 4)), 3).astype(np.float32)
    xb = np.round(rng.uniform(-1, 1, size=(2, 3, 4)), 3).astype(np.float32)
    ys = [np.asarray(y) for y in model([xa, xb])]  # not predict: it cannot concatenate outputs of other batch sizes
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_args_b.keras"))
    doc = {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "shape": list(xa.shape),
           "outputs": [np.asarray(y, dtype=np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_args_b_golden.json"), "w") as f:
        json.dump(doc, f)


if "--interop" in sys.argv:
    interop()
    sys.exit(0)

lines = []
for name, v in IN.items():
    lines.append(f"static final float[] IN_{name} = {arr(v)};")
    lines.append(f"static final int[] IN_{name}_SHAPE = {shp(v)};")
lines.append("")
for name, inputs, f, differentiable in CASES:
    xs = [jnp.asarray(IN[i]) for i in inputs]
    y = np.asarray(f(*xs), np.float32)
    lines.append(f"static final float[] {name} = {arr(y)};")
    lines.append(f"static final int[] {name}_SHAPE = {shp(y)};")
    if differentiable:
        w = jnp.asarray(weights(y.shape))
        for i in range(len(inputs)):
            g = jax.grad(lambda v, i=i: jnp.sum(w * f(*[v if j == i else xs[j] for j in range(len(xs))])))(xs[i])
            lines.append(f"static final float[] {name}_GRAD{i} = {arr(g)};")
for name, inputs, f in BINCOUNTS:
    xs = [jnp.asarray(IN[i]) for i in inputs]
    y = np.asarray(f(*xs), np.float32)
    lines.append(f"static final float[] {name} = {arr(y)};")
    lines.append(f"static final int[] {name}_SHAPE = {shp(y)};")
    if len(xs) == 2:
        w = jnp.asarray(weights(y.shape))
        g = jax.grad(lambda v: jnp.sum(w * f(xs[0], v)))(xs[1])
        lines.append(f"static final float[] {name}_GRAD1 = {arr(g)};")
# ctc_decode beam search: the inputs of tools/golden/ops16_ctc_beam.py, and a batch of length-1 samples
crng = np.random.default_rng(1616)
CX = crng.normal(size=(3, 7, 5)).astype(np.float32)
CX[1, :, 2] += 1.5
IN_CTC = {"CX": CX, "CL": np.array([7, 4, 1], np.float32), "CL1": np.array([1, 1, 1], np.float32)}
CTC = [("CTC_W4_TOP2_MASK0", "CL", 4, 2, 0), ("CTC_W4_TOP1_MASKNONE", "CL", 4, 1, None),
       ("CTC_W3_TOP3_MASK2", "CL", 3, 3, 2), ("CTC_W10_TOP2_MASK0", "CL", 10, 2, 0), ("CTC_W1_TOP1_MASK0", "CL", 1, 1, 0),
       ("CTC_L1_W10_TOP3_MASK4", "CL1", 10, 3, 4), ("CTC_L1_W5_TOP2_MASK0", "CL1", 5, 2, 0)]
for name, v in IN_CTC.items():
    lines.append(f"static final float[] IN_{name} = {arr(v)};")
for name, lengths, width, top, mask in CTC:
    ln = jnp.asarray(IN_CTC[lengths].astype(np.int32))
    f = lambda x: ops.ctc_decode(x, ln, strategy="beam_search", beam_width=width, top_paths=top, mask_index=mask)[1]
    y = f(jnp.asarray(CX))
    w = jnp.asarray(weights(y.shape))
    g = jax.grad(lambda v: jnp.sum(w * f(v)))(jnp.asarray(CX))
    lines.append(f"static final float[] {name}_SCORES = {arr(y)};")
    lines.append(f"static final float[] {name}_GRAD = {arr(g)};")
for name, inp, kw in HISTOGRAMS:
    x = jnp.asarray(IN[inp])
    counts, edges = ops.histogram(x, **kw)
    lines.append(f"static final float[] {name}_COUNTS = {arr(counts)};")
    lines.append(f"static final float[] {name}_EDGES = {arr(edges)};")
    w = jnp.asarray(weights(edges.shape))
    g = jax.grad(lambda v: jnp.sum(w * ops.histogram(v, **kw)[1]))(x)
    lines.append(f"static final float[] {name}_EDGES_GRAD = {arr(g)};")
print(java_class("dev.strata.ops", "Ops16ArgsBGolden", "tools/golden/ops16_args_b.py", lines,
                 doc="Reference values of issue 16's second round of op arguments, from Keras"), end="")

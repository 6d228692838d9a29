"""Reference values for issue 16's statistics, products, searching and counting ops (keras.ops.numpy), from Keras 3
(JAX backend, float32), with gradients from jax.grad of sum(W * f(inputs)) through the same Keras ops.

Writes the Java test class Ops16StatsGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_stats.py > strata-core/src/test/java/dev/strata/ops/Ops16StatsGolden.java

Each case is NAME (the output, flattened), NAME_SHAPE and, for the differentiable ones, NAME_GRAD<i> for its i-th
input; inputs are IN_<name> and IN_<name>_SHAPE. W is fixed by the output's shape: w[i] = 0.5 + ((7 i) mod 11) / 10,
which the Java test computes again. Integer results (indices, counts) and booleans are written as floats.

With --interop it writes instead strata-core/src/test/resources/keras-golden/ops16_stats.keras (a Functional model of
these ops as Keras writes them) and ops16_stats_golden.json (its inputs and Keras's predictions).
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
rng = np.random.default_rng(16)


def distinct(shape, step=0.1):
    n = int(np.prod(shape))
    return (rng.permutation(np.arange(n)) - n / 2).reshape(shape).astype(np.float32) * np.float32(step)


IN = {
    "A": distinct((2, 3, 4)),
    "B": np.round(rng.uniform(-1, 1, (2, 3, 4)), 2).astype(np.float32),
    "WPOS": np.round(rng.uniform(0.5, 2, (2, 3, 4)), 2).astype(np.float32),
    "WV": np.array([0.5, 1.5, 2.0], np.float32),
    "C": distinct((4, 5), 0.2),
    "D": distinct((3, 4, 2), 0.15),
    "E": distinct((4, 2, 3), 0.15),
    "M": distinct((3, 4), 0.3),
    "V5": np.array([0.5, -1.0, 2.0, 0.25, 1.5], np.float32),
    "F": distinct((5, 4), 0.1),
    "K": np.array([[1.0, -2.0, 0.5], [3.0, 0.25, -1.0]], np.float32),
    "V2": np.array([-0.5, 2.0], np.float32),
    "P3": distinct((4, 3), 0.2),
    "Q3": distinct((4, 3), 0.3),
    "P2": distinct((4, 2), 0.2),
    "Q2": distinct((4, 2), 0.3),
    "PA": distinct((3, 4), 0.2),
    # ties (for routing the gradient of max, median and quantile among equal values) and signed zeros
    "T": np.array([[1, 2, 2, 0], [3, 3, 3, 3], [-1, 5, 0, -0.0]], np.float32),
    # NaN: a row with some, a row of all, a row of none
    "N": np.array([[1.5, nan, -3.0, 2.0], [nan, nan, nan, nan], [0.5, -1.0, 4.0, 0.25]], np.float32),
    # non-finite values for the value-only cases
    "NI": np.array([[inf, 1.0, nan, -inf], [-inf, 2.0, 0.0, 5.0], [inf, inf, nan, 1.0]], np.float32),
    "XS": np.array([0.0, 0.5, 1.5, 3.5], np.float32),
    "C5": np.array([1.0, -2.0, 0.5, 3.0, 1.5], np.float32),
    "C3": np.array([0.25, -1.0, 2.0], np.float32),
    "I": np.round(rng.uniform(-0.4, 4.4, (2, 3, 4))).astype(np.float32),
    "I1": np.array([0, 3, 1, 3, 3, 7, 0, 2], np.float32),
    "IW": np.array([0.5, 1.0, -2.0, 0.25, 1.5, 3.0, 2.0, -1.0], np.float32),
    "I2": np.array([[0, 1, 1, 4, 2], [3, 3, 0, 0, 0], [1, 2, 1, 2, 1]], np.float32),
    "SS": np.array([-1.0, 0.0, 0.0, 1.5, 3.0], np.float32),
    "SV": np.array([[-2.0, -1.0, -0.0, 0.0, 0.5], [1.5, 2.0, 3.0, 4.0, nan]], np.float32),
    "BI": np.array([-1.0, 0.0, 1.5, 3.0], np.float32),
    "BD": np.array([3.0, 1.5, 0.0, -1.0], np.float32),
    "SET": np.array([0.0, 2.0, 4.0, nan], np.float32),
    # no value on an inner edge of the computed range: XLA fuses linspace, so its edges can be an ulp from the
    # float32 formula (0.25 here) and a value on one can fall either side
    "H": np.array([0.1, 0.5, 0.3, 1.0, -0.5, 0.75, 0.5, 2.0, 0.0, 1.0], np.float32),
    "HC": np.array([2.0, 2.0, 2.0], np.float32),
}

# name, inputs, function, differentiable
CASES = [
    ("TENSORDOT_1", ["A", "C"], lambda a, c: ops.tensordot(a, c, axes=1), True),
    ("TENSORDOT_2", ["A", "D"], lambda a, d: ops.tensordot(a, d, axes=2), True),
    ("TENSORDOT_0", ["M", "V2"], lambda m, v: ops.tensordot(m, v, axes=0), True),
    ("TENSORDOT_LISTS", ["A", "E"], lambda a, e: ops.tensordot(a, e, axes=([1, 2], [2, 0])), True),
    ("OUTER", ["M", "V5"], ops.outer, True),
    ("INNER", ["A", "F"], ops.inner, True),
    ("VDOT", ["A", "B"], ops.vdot, True),
    ("KRON", ["M", "K"], ops.kron, True),
    ("KRON_RANKS", ["A", "V2"], ops.kron, True),
    ("CROSS3", ["P3", "Q3"], ops.cross, True),
    ("CROSS_MIXED", ["P2", "Q3"], ops.cross, True),
    ("CROSS2", ["P2", "Q2"], ops.cross, True),
    ("CROSS_AXES", ["PA", "Q3"], lambda a, b: ops.cross(a, b, axisa=0, axisb=-1, axisc=0), True),
    ("DIFF", ["A"], ops.diff, True),
    ("DIFF_2_AXIS1", ["A"], lambda a: ops.diff(a, n=2, axis=1), True),
    ("DIFF_0", ["A"], lambda a: ops.diff(a, n=0), True),
    ("DIFF_5", ["A"], lambda a: ops.diff(a, n=5), False),
    ("TRAPEZOID", ["A"], ops.trapezoid, True),
    ("TRAPEZOID_DX_AXIS1", ["A"], lambda a: ops.trapezoid(a, dx=0.5, axis=1), True),
    ("TRAPEZOID_X", ["A", "XS"], lambda a, x: ops.trapezoid(a, x=x), True),
    ("CORRELATE_VALID", ["C5", "C3"], lambda a, b: ops.correlate(a, b, mode="valid"), True),
    ("CORRELATE_SAME", ["C5", "C3"], lambda a, b: ops.correlate(a, b, mode="same"), True),
    ("CORRELATE_FULL", ["C5", "C3"], lambda a, b: ops.correlate(a, b, mode="full"), True),
    ("CORRELATE_SWAPPED_SAME", ["C3", "C5"], lambda a, b: ops.correlate(a, b, mode="same"), True),
    ("CORRELATE_SWAPPED_VALID", ["C3", "C5"], lambda a, b: ops.correlate(a, b), True),
    ("AVERAGE", ["A"], ops.average, True),
    ("AVERAGE_AXIS1_WV", ["A", "WV"], lambda a, w: ops.average(a, axis=1, weights=w), True),
    ("AVERAGE_W", ["A", "WPOS"], lambda a, w: ops.average(a, weights=w), True),
    ("AVERAGE_AXISM1_W", ["A", "WPOS"], lambda a, w: ops.average(a, axis=-1, weights=w), True),
    ("AMAX_T_AXIS1", ["T"], lambda x: ops.amax(x, axis=1), True),
    ("AMAX", ["A"], ops.amax, True),
    ("AMIN_KEEP", ["A"], lambda x: ops.amin(x, axis=(0, 2), keepdims=True), True),
    ("AMIN_T_AXIS0", ["T"], lambda x: ops.amin(x, axis=0), True),
    ("PTP_T_AXIS1", ["T"], lambda x: ops.ptp(x, axis=1), True),
    ("PTP", ["A"], ops.ptp, True),
    ("MEDIAN", ["A"], ops.median, True),
    ("MEDIAN_AXIS1", ["A"], lambda x: ops.median(x, axis=1), True),
    ("MEDIAN_AXISM1", ["A"], lambda x: ops.median(x, axis=-1), True),
    ("MEDIAN_T_AXIS1", ["T"], lambda x: ops.median(x, axis=1), True),
    ("MEDIAN_T_AXIS0", ["T"], lambda x: ops.median(x, axis=0), True),
    ("MEDIAN_KEEP", ["A"], lambda x: ops.median(x, axis=[0, 2], keepdims=True), True),
    ("MEDIAN_N_AXIS1", ["N"], lambda x: ops.median(x, axis=1), True),
    ("MEDIAN_NI_AXIS1", ["NI"], lambda x: ops.median(x, axis=1), False),
    ("QUANTILE", ["A"], lambda x: ops.quantile(x, 0.3), True),
    ("QUANTILE_KEEP", ["A"], lambda x: ops.quantile(x, 0.3, keepdims=True), True),
    ("QUANTILE_T_HALF", ["T"], lambda x: ops.quantile(x, 0.5, axis=1), True),
    ("QUANTILES_AXIS1_KEEP", ["A"], lambda x: ops.quantile(x, np.array([0.0, 0.25, 0.5, 1.0], np.float32), axis=1,
                                                           keepdims=True), True),
    ("QUANTILE_N_AXIS1", ["N"], lambda x: ops.quantile(x, 0.3, axis=1), True),
    ("PERCENTILE_AXIS1", ["A"], lambda x: ops.percentile(x, 30.0, axis=1), True),
    ("PERCENTILES_AXISM1", ["A"], lambda x: ops.percentile(x, np.array([10.0, 50.0, 95.0], np.float32), axis=-1),
     True),
    ("COUNT_NONZERO", ["I"], ops.count_nonzero, False),
    ("COUNT_NONZERO_AXIS1", ["I"], lambda x: ops.count_nonzero(x, axis=1), False),
    ("COUNT_NONZERO_NI_AXISM1", ["NI"], lambda x: ops.count_nonzero(x, axis=-1), False),
    ("NANCUMSUM_AXIS1", ["N"], lambda x: ops.nancumsum(x, axis=1), True),
    ("NANCUMSUM", ["N"], ops.nancumsum, True),
    ("NANCUMPROD_AXIS1", ["N"], lambda x: ops.nancumprod(x, axis=1), True),
    ("NANCUMPROD_AXIS0", ["N"], lambda x: ops.nancumprod(x, axis=0), True),
    ("NANMEDIAN_AXIS1", ["N"], lambda x: ops.nanmedian(x, axis=1), True),
    ("NANMEDIAN", ["N"], ops.nanmedian, True),
    ("NANMEDIAN_AXIS0_KEEP", ["N"], lambda x: ops.nanmedian(x, axis=0, keepdims=True), True),
    ("NANPERCENTILES_AXIS1", ["N"], lambda x: ops.nanpercentile(x, np.array([10.0, 90.0], np.float32), axis=1),
     True),
    ("NANPERCENTILE_AXIS0", ["N"], lambda x: ops.nanpercentile(x, 50.0, axis=0, method="lower"), True),
    ("NANARGMAX_AXIS1", ["N"], lambda x: ops.nanargmax(x, axis=1), False),
    ("NANARGMAX", ["N"], ops.nanargmax, False),
    ("NANARGMIN_AXIS1_KEEP", ["N"], lambda x: ops.nanargmin(x, axis=1, keepdims=True), False),
    ("NANARGMIN_NI_AXIS0", ["NI"], lambda x: ops.nanargmin(x, axis=0), False),
    ("SEARCHSORTED_LEFT", ["SS", "SV"], ops.searchsorted, False),
    ("SEARCHSORTED_RIGHT", ["SS", "SV"], lambda s, v: ops.searchsorted(s, v, side="right"), False),
    ("DIGITIZE_INCREASING", ["SV", "BI"], ops.digitize, False),
    ("DIGITIZE_DECREASING", ["SV", "BD"], ops.digitize, False),
    ("ISIN", ["I", "SET"], ops.isin, False),
    ("ISIN_INVERT", ["SV", "SS"], lambda a, b: ops.isin(a, b, invert=True), False),
    ("BINCOUNT", ["I1"], lambda x: ops.bincount(ops.cast(x, "int32")), False),
    ("BINCOUNT_MINLENGTH", ["I1"], lambda x: ops.bincount(ops.cast(x, "int32"), minlength=10), False),
    ("BINCOUNT_WEIGHTS", ["I1", "IW"], lambda x, w: ops.bincount(ops.cast(x, "int32"), weights=w, minlength=9), True),
    ("BINCOUNT_2D", ["I2"], lambda x: ops.bincount(ops.cast(x, "int32"), minlength=6), False),
    ("ARGPARTITION_1", ["A"], lambda x: ops.argpartition(x, 1), False),
    ("ARGPARTITION_T_2", ["T"], lambda x: ops.argpartition(x, 2), False),
    ("ARGPARTITION_AXIS0", ["A"], lambda x: ops.argpartition(x, 0, axis=0), False),
    ("ARGPARTITION_FLAT", ["A"], lambda x: ops.argpartition(x, 5, axis=None), False),
    ("CORRCOEF", ["M"], ops.corrcoef, True),
    ("CORRCOEF_VECTOR", ["V5"], ops.corrcoef, False),
]
for m in ["linear", "lower", "higher", "midpoint", "nearest"]:
    CASES.append((f"QUANTILE_{m.upper()}_AXISM1", ["A"], lambda x, m=m: ops.quantile(x, 0.3, axis=-1, method=m), True))
    CASES.append((f"QUANTILE_{m.upper()}_HALF", ["A"], lambda x, m=m: ops.quantile(x, 0.5, axis=-1, method=m), True))
    CASES.append((f"NANQUANTILE_{m.upper()}_AXISM1", ["N"], lambda x, m=m: ops.nanquantile(x, 0.3, axis=-1, method=m),
                  True))
    CASES.append((f"PERCENTILE_{m.upper()}_AXIS0", ["T"], lambda x, m=m: ops.percentile(x, 50.0, axis=0, method=m),
                  True))
for name in ["nansum", "nanmean", "nanmax", "nanmin", "nanprod", "nanstd", "nanvar"]:
    f = getattr(ops, name)
    CASES.append((f"{name.upper()}_AXIS1", ["N"], lambda x, f=f: f(x, axis=1), True))
    CASES.append((f"{name.upper()}", ["N"], f, True))
    CASES.append((f"{name.upper()}_AXIS0_KEEP", ["N"], lambda x, f=f: f(x, axis=0, keepdims=True), True))
    CASES.append((f"{name.upper()}_NI_AXIS1", ["NI"], lambda x, f=f: f(x, axis=1), False))

# gradients through these keras ops need float inputs at the grad positions
INTEGER_INPUTS = {"I", "I1", "I2", "SS", "SV", "BI", "BD", "SET", "H", "HC"}


def weights(shape):
    n = int(np.prod(shape))
    return (0.5 + ((7 * np.arange(n)) % 11) / 10).astype(np.float32).reshape(shape)


def interop():
    keras.utils.clear_session()
    a = keras.Input((3, 4), name="a")
    b = keras.Input((3, 4), name="b")
    # NaN where b > 0.6 (the square root of a negative number), from ops Strata reads
    nan_a = ops.where(ops.greater(b, 0.6), ops.sqrt(ops.subtract(ops.abs(a), 5.0)), a)
    va = ops.reshape(ops.slice(a, [0, 0, 0], [1, 1, 4]), (4,))
    vb = ops.reshape(ops.slice(b, [0, 1, 0], [1, 1, 4]), (4,))
    ma = ops.reshape(ops.slice(a, [0, 0, 0], [1, 3, 4]), (3, 4))
    mb = ops.reshape(ops.slice(b, [1, 0, 0], [1, 3, 4]), (3, 4))
    outs = [
        ops.tensordot(a, IN["C"], axes=1), ops.tensordot(ma, mb, axes=2), ops.tensordot(ma, ops.transpose(mb), axes=1),
        ops.outer(va, vb), ops.inner(a, b),
        ops.vdot(ma, mb), ops.kron(ma, ops.slice(mb, [0, 0], [2, 2])),
        ops.cross(ops.slice(a, [0, 0, 0], [2, 3, 3]), ops.slice(b, [0, 0, 1], [2, 3, 3])),
        ops.cross(ops.slice(a, [0, 0, 0], [2, 3, 2]), ops.slice(b, [0, 0, 1], [2, 3, 3]), axisa=-1, axisb=2,
                  axisc=1),
        ops.diff(a, n=2, axis=1), ops.diff(a), ops.trapezoid(a, dx=0.5, axis=1), ops.trapezoid(a),
        ops.correlate(va, ops.slice(vb, [0], [3]), mode="full"), ops.correlate(ops.slice(va, [0], [2]), vb),
        ops.average(a, axis=1), ops.average(a), ops.amax(a, axis=1), ops.amin(a, axis=[1, 2], keepdims=True),
        ops.ptp(a, axis=-1), ops.median(a, axis=1), ops.median(a, axis=[1, 2], keepdims=True),
        # Keras 3.15's Quantile node fails with an axis and ignores its method (always linear): axis None, linear
        ops.quantile(a, 0.3), ops.quantile(a, 0.7, keepdims=True),
        ops.percentile(a, 25.0, axis=2, method="midpoint"), ops.count_nonzero(ops.floor(b * 2), axis=1),
        ops.nansum(nan_a, axis=1), ops.nanmean(nan_a, axis=-1), ops.nanmax(nan_a, axis=1),
        ops.nanmin(nan_a, axis=1, keepdims=True), ops.nanprod(nan_a, axis=2), ops.nanstd(nan_a, axis=1),
        ops.nanvar(nan_a, axis=-1), ops.nanmedian(nan_a, axis=1), ops.nanquantile(nan_a, 0.3, axis=-1),
        ops.nanpercentile(nan_a, 75.0, axis=1, method="higher"), ops.nanargmax(nan_a, axis=1),
        ops.nanargmin(nan_a, axis=-1), ops.nancumsum(nan_a, axis=1), ops.nancumprod(nan_a, axis=2),
        ops.searchsorted(IN["SS"], a, side="right"), ops.digitize(a, IN["BI"] / 3), ops.digitize(b, IN["BD"] / 3),
        ops.isin(ops.round(a * 2), ops.round(b * 2)), ops.isin(ops.round(a * 2), ops.round(b * 2), invert=True),
        ops.argpartition(a, 1), ops.argpartition(a, 0, axis=1), ops.corrcoef(ma),
    ]
    model = keras.Model([a, b], outs, name="ops16_stats")
    xa = np.round(rng.uniform(-1, 1, size=(2, 3, 4)), 3).astype(np.float32)
    xb = np.round(rng.uniform(-1, 1, size=(2, 3, 4)), 3).astype(np.float32)
    ys = [np.asarray(y) for y in model([xa, xb])]  # not predict: it cannot concatenate the scalar outputs
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_stats.keras"))
    doc = {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "shape": list(xa.shape),
           "outputs": [np.asarray(y, dtype=np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_stats_golden.json"), "w") as f:
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
        for i, inp in enumerate(inputs):
            if inp in INTEGER_INPUTS:
                continue
            g = jax.grad(lambda v, i=i: jnp.sum(w * f(*[v if j == i else xs[j] for j in range(len(xs))])))(xs[i])
            lines.append(f"static final float[] {name}_GRAD{i} = {arr(g)};")
# histogram: two outputs
for name, inp, kw in [("HISTOGRAM", "H", {}), ("HISTOGRAM_4_RANGE", "H", {"bins": 4, "range": (0.0, 1.0)}),
                      ("HISTOGRAM_CONSTANT", "HC", {"bins": 3})]:
    counts, edges = ops.histogram(jnp.asarray(IN[inp]), **kw)
    lines.append(f"static final float[] {name}_COUNTS = {arr(counts)};")
    lines.append(f"static final float[] {name}_EDGES = {arr(edges)};")
# unique of I, flattened, sorted, with index, inverse and counts
u = ops.unique(jnp.asarray(IN["I"]), return_index=True, return_inverse=True, return_counts=True)
for part, v in zip(["VALUES", "INDEX", "INVERSE", "COUNTS"], u):
    lines.append(f"static final float[] UNIQUE_{part} = {arr(v)};")
    lines.append(f"static final int[] UNIQUE_{part}_SHAPE = {shp(v)};")
u = ops.unique(jnp.asarray(IN["I"]), return_counts=True, size=8, fill_value=-1)
for part, v in zip(["VALUES", "COUNTS"], u):
    lines.append(f"static final float[] UNIQUE_SIZE8_{part} = {arr(v)};")
print(java_class("dev.strata.ops", "Ops16StatsGolden", "tools/golden/ops16_stats.py", lines,
                 doc="Reference values of issue 16's statistics, products and searching ops, from Keras"), end="")

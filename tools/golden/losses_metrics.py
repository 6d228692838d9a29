"""Reference values for Strata's losses and metrics, from Keras 3 (JAX backend, float32, eager).

Writes the Java test data classes:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/losses_metrics.py losses \
        > strata-core/src/test/java/dev/strata/losses/LossGolden.java
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/losses_metrics.py metrics \
        > strata-core/src/test/java/dev/strata/metrics/MetricGolden.java

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/losses_metrics.py configs \
        > strata-core/src/test/resources/keras-golden/loss_metric_configs.json

Each loss case is (id, Java constructor, Keras constructor, y_true, y_pred, sample_weight) and records the
value of `loss(y_true, y_pred, sample_weight)`. Each metric case is a list of update_state calls and the
result after each. The configs are `keras.saving.serialize_keras_object` of each loss and metric class Strata has,
with its defaults and with other arguments, and of `MeanMetricWrapper`s around Keras's functions with the metric
class Keras would save for the same thing. Produced with Keras 3.15.1 on the JAX backend (CPU). CI never runs this
script.
"""
import json
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.simplefilter("ignore")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from _common import arr, lit, shp  # noqa: E402

L = keras.losses
M = keras.metrics


def f32(a):
    return None if a is None else np.asarray(a, "float32")


# ---- inputs -------------------------------------------------------------------------------------------------

# regression: zeros in y_true (MAPE's epsilon), negatives (MSLE's clamp), errors on both sides of Huber's delta
REG_T = f32([[1.0, -2.0], [0.0, 3.5], [2.0, 0.25]])
REG_P = f32([[1.5, -1.0], [0.3, 1.0], [-0.5, 4.0]])
# per-sample MSE exactly 0.125, 0.5, 2.0 (keras-reference.md item 10)
MSE_T = f32([[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]])
MSE_P = f32([[0.5, 0.0], [1.0, 0.0], [2.0, 0.0]])
# large errors: log-cosh must stay finite (log(cosh(100)) overflows if computed naively)
BIG_T = f32([[0.0, 0.0], [1.0, -1.0]])
BIG_P = f32([[100.0, -100.0], [51.0, -49.0]])
# rank 3: per-sample values are (2, 2), so sum_over_batch_size divides by 4
R3_T = f32(np.arange(12).reshape(2, 2, 3) * 0.25 - 1.0)
R3_P = f32(np.cos(np.arange(12)).reshape(2, 2, 3))
W3 = f32([1.0, 0.0, 2.0])
# weights whose sum (3.5) differs from the batch size, so mean_with_sample_weight differs from mean
WR = f32([1.0, 0.0, 2.5])

# binary: probabilities exactly 0 and 1 (clipped to [eps, 1-eps]), logits of +-100 both right and wrong
BIN_T = f32([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
BIN_P = f32([[0.0, 1.0], [0.6, 0.4], [1.0, 0.2]])
BIN_WRONG = f32([[1.0, 0.0], [0.0, 1.0], [0.0, 0.3]])
BIN_LOGITS = f32([[-100.0, 100.0], [0.5, -0.3], [100.0, -2.0]])
BIN_LOGITS_WRONG = f32([[100.0, -100.0], [-100.0, 100.0], [0.0, 3.0]])

# categorical: unnormalised probabilities (Keras divides by their sum first), zeros at the target
CAT_T = f32([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
CAT_SOFT = f32([[0.1, 0.6, 0.3], [0.5, 0.25, 0.25], [0.0, 0.0, 1.0]])
CAT_P = f32([[0.2, 0.5, 0.3], [0.0, 2.0, 2.0], [1.0, 1.0, 0.0]])
CAT_LOGITS = f32([[1.0, 2.0, 3.0], [-100.0, 100.0, 0.0], [100.0, -100.0, 5.0]])
SPARSE = f32([1.0, 0.0, 2.0])
SPARSE_COL = SPARSE.reshape(3, 1)
SPARSE_IGN = f32([1.0, -1.0, 2.0])
SEQ_T = f32([[0.0, 2.0], [1.0, 1.0]])
SEQ_LOGITS = f32(np.sin(np.arange(12)).reshape(2, 2, 3) * 3)

REDUCTIONS = [("sum_over_batch_size", "SUM_OVER_BATCH_SIZE"), ("sum", "SUM"), ("none", "NONE"),
              ("mean", "MEAN"), ("mean_with_sample_weight", "MEAN_WITH_SAMPLE_WEIGHT")]

REGRESSION = [
    ("MeanSquaredError", "mse", lambda r: L.MeanSquaredError(reduction=r)),
    ("MeanAbsoluteError", "mae", lambda r: L.MeanAbsoluteError(reduction=r)),
    ("MeanAbsolutePercentageError", "mape", lambda r: L.MeanAbsolutePercentageError(reduction=r)),
    ("MeanSquaredLogarithmicError", "msle", lambda r: L.MeanSquaredLogarithmicError(reduction=r)),
    ("Huber", "huber", lambda r: L.Huber(reduction=r)),
    ("LogCosh", "logcosh", lambda r: L.LogCosh(reduction=r)),
]


def loss_cases():
    cases = []

    def add(cid, java, make, yt, yp, w=None):
        cases.append((cid, java, make, f32(yt), f32(yp), f32(w)))

    for cls, short, make in REGRESSION:
        add(f"{short}_default", f"new {cls}()", lambda m=make: m("sum_over_batch_size"), REG_T, REG_P)
        for kr, jr in REDUCTIONS:
            add(f"{short}_weighted_{kr}", f"new {cls}(Reduction.{jr})", lambda m=make, r=kr: m(r),
                REG_T, REG_P, WR)
        add(f"{short}_big", f"new {cls}()", lambda m=make: m("sum_over_batch_size"), BIG_T, BIG_P)
        add(f"{short}_rank3", f"new {cls}()", lambda m=make: m("sum_over_batch_size"), R3_T, R3_P)
        add(f"{short}_rank3_weights2d", f"new {cls}(Reduction.SUM)", lambda m=make: m("sum"), R3_T, R3_P,
            [[1.0, 0.5], [0.0, 2.0]])
        add(f"{short}_expand_true", f"new {cls}()", lambda m=make: m("sum_over_batch_size"),
            REG_T[:, 0], REG_P[:, :1])
        add(f"{short}_squeeze_weight", f"new {cls}()", lambda m=make: m("sum_over_batch_size"), REG_T, REG_P,
            WR.reshape(3, 1))
        add(f"{short}_scalar_weight", f"new {cls}(Reduction.MEAN_WITH_SAMPLE_WEIGHT)",
            lambda m=make: m("mean_with_sample_weight"), REG_T, REG_P, 2.5)
    add("mse_reference_1_375", "new MeanSquaredError()", lambda: L.MeanSquaredError(), MSE_T, MSE_P, W3)
    add("mse_zero_weights_mean_with_sample_weight", "new MeanSquaredError(Reduction.MEAN_WITH_SAMPLE_WEIGHT)",
        lambda: L.MeanSquaredError(reduction="mean_with_sample_weight"), MSE_T, MSE_P, [0.0, 0.0, 0.0])
    for delta in (0.5, 2.0):
        add(f"huber_delta_{delta}", f"new Huber({delta})", lambda d=delta: L.Huber(delta=d), REG_T, REG_P)
        add(f"huber_delta_{delta}_weighted_sum", f"new Huber({delta}, Reduction.SUM)",
            lambda d=delta: L.Huber(delta=d, reduction="sum"), REG_T, REG_P, WR)

    # binary crossentropy
    for logits, p, wrong, tag in ((False, BIN_P, BIN_WRONG, "probs"), (True, BIN_LOGITS, BIN_LOGITS_WRONG, "logits")):
        jl = "true" if logits else "false"
        add(f"bce_{tag}", f"new BinaryCrossentropy({jl})", lambda fl=logits: L.BinaryCrossentropy(from_logits=fl),
            BIN_T, p)
        add(f"bce_{tag}_wrong", f"new BinaryCrossentropy({jl})",
            lambda fl=logits: L.BinaryCrossentropy(from_logits=fl), BIN_T, wrong)
        add(f"bce_{tag}_smoothing", f"new BinaryCrossentropy({jl}, 0.1)",
            lambda fl=logits: L.BinaryCrossentropy(from_logits=fl, label_smoothing=0.1), BIN_T, p)
        add(f"bce_{tag}_axis0", f"new BinaryCrossentropy({jl}, 0.0, 0, Reduction.NONE)",
            lambda fl=logits: L.BinaryCrossentropy(from_logits=fl, axis=0, reduction=None), BIN_T, wrong)
        for kr, jr in REDUCTIONS:
            add(f"bce_{tag}_weighted_{kr}", f"new BinaryCrossentropy({jl}, 0.0, -1, Reduction.{jr})",
                lambda fl=logits, r=kr: L.BinaryCrossentropy(from_logits=fl, reduction=r), BIN_T, wrong, WR)
        add(f"bce_{tag}_column", f"new BinaryCrossentropy({jl})",
            lambda fl=logits: L.BinaryCrossentropy(from_logits=fl), BIN_T[:, 0], wrong[:, :1])
    add("bce_default_keras_docstring", "new BinaryCrossentropy()", lambda: L.BinaryCrossentropy(),
        [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]])
    add("bce_logits_keras_docstring", "new BinaryCrossentropy(true)", lambda: L.BinaryCrossentropy(from_logits=True),
        [0.0, 1.0, 0.0, 0.0], [-18.6, 0.51, 2.94, -12.8])

    # categorical crossentropy
    for logits, p, tag in ((False, CAT_P, "probs"), (True, CAT_LOGITS, "logits")):
        jl = "true" if logits else "false"
        add(f"cce_{tag}", f"new CategoricalCrossentropy({jl})",
            lambda fl=logits: L.CategoricalCrossentropy(from_logits=fl), CAT_T, p)
        add(f"cce_{tag}_soft_labels", f"new CategoricalCrossentropy({jl})",
            lambda fl=logits: L.CategoricalCrossentropy(from_logits=fl), CAT_SOFT, p)
        add(f"cce_{tag}_smoothing", f"new CategoricalCrossentropy({jl}, 0.2)",
            lambda fl=logits: L.CategoricalCrossentropy(from_logits=fl, label_smoothing=0.2), CAT_T, p)
        add(f"cce_{tag}_axis0", f"new CategoricalCrossentropy({jl}, 0.0, 0, Reduction.NONE)",
            lambda fl=logits: L.CategoricalCrossentropy(from_logits=fl, axis=0, reduction=None), CAT_SOFT, p)
        for kr, jr in REDUCTIONS:
            add(f"cce_{tag}_weighted_{kr}", f"new CategoricalCrossentropy({jl}, 0.0, -1, Reduction.{jr})",
                lambda fl=logits, r=kr: L.CategoricalCrossentropy(from_logits=fl, reduction=r), CAT_T, p, WR)

    # sparse categorical crossentropy
    for logits, p, tag in ((False, CAT_P, "probs"), (True, CAT_LOGITS, "logits")):
        jl = "true" if logits else "false"
        add(f"scce_{tag}", f"new SparseCategoricalCrossentropy({jl})",
            lambda fl=logits: L.SparseCategoricalCrossentropy(from_logits=fl), SPARSE, p)
        add(f"scce_{tag}_column_labels", f"new SparseCategoricalCrossentropy({jl})",
            lambda fl=logits: L.SparseCategoricalCrossentropy(from_logits=fl), SPARSE_COL, p)
        for kr, jr in REDUCTIONS:
            add(f"scce_{tag}_weighted_{kr}", f"new SparseCategoricalCrossentropy({jl}, null, Reduction.{jr})",
                lambda fl=logits, r=kr: L.SparseCategoricalCrossentropy(from_logits=fl, reduction=r),
                SPARSE, p, WR)
            add(f"scce_{tag}_ignore_weighted_{kr}", f"new SparseCategoricalCrossentropy({jl}, -1, Reduction.{jr})",
                lambda fl=logits, r=kr: L.SparseCategoricalCrossentropy(from_logits=fl, ignore_class=-1,
                                                                        reduction=r),
                SPARSE_IGN, p, WR)
        add(f"scce_{tag}_ignore_2", f"new SparseCategoricalCrossentropy({jl}, 2, Reduction.SUM_OVER_BATCH_SIZE)",
            lambda fl=logits: L.SparseCategoricalCrossentropy(from_logits=fl, ignore_class=2), SPARSE, p)
    add("scce_all_ignored", "new SparseCategoricalCrossentropy(true, 0, Reduction.SUM_OVER_BATCH_SIZE)",
        lambda: L.SparseCategoricalCrossentropy(from_logits=True, ignore_class=0), [0.0, 0.0], CAT_LOGITS[:2])
    add("scce_sequence_logits", "new SparseCategoricalCrossentropy(true)",
        lambda: L.SparseCategoricalCrossentropy(from_logits=True), SEQ_T, SEQ_LOGITS)
    add("scce_sequence_logits_ignore", "new SparseCategoricalCrossentropy(true, 1, Reduction.SUM_OVER_BATCH_SIZE)",
        lambda: L.SparseCategoricalCrossentropy(from_logits=True, ignore_class=1), SEQ_T, SEQ_LOGITS)
    add("scce_sequence_weights_ignore", "new SparseCategoricalCrossentropy(true, 1, Reduction.SUM)",
        lambda: L.SparseCategoricalCrossentropy(from_logits=True, ignore_class=1, reduction="sum"), SEQ_T,
        SEQ_LOGITS, [0.5, 2.0])
    add("scce_keras_docstring", "new SparseCategoricalCrossentropy()", lambda: L.SparseCategoricalCrossentropy(),
        [1.0, 2.0], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]])
    return cases


def emit_losses():
    print("package dev.strata.losses;")
    print()
    print("import java.util.List;")
    print("import java.util.function.Supplier;")
    print()
    print("/**")
    print(" * Reference values of Keras 3 losses (Keras " + keras.__version__ + ", jax backend, float32). Generated by")
    print(" * {@code tools/golden/losses_metrics.py losses}; do not edit by hand.")
    print(" */")
    print("final class LossGolden {")
    print("    /** One call {@code loss(yTrue, yPred, sampleWeight)} and Keras's result. */")
    print("    record Case(String id, Supplier<Loss> loss, float[] yTrue, int[] yTrueShape, float[] yPred,")
    print("                int[] yPredShape, float[] weight, int[] weightShape, float[] expected, int[] expectedShape) {")
    print("        @Override")
    print("        public String toString() {")
    print("            return id;")
    print("        }")
    print("    }")
    print()
    print("    static final List<Case> CASES = List.of(")
    lines = []
    for cid, java, make, yt, yp, w in loss_cases():
        loss = make()
        out = loss(yt, yp, sample_weight=w) if w is not None else loss(yt, yp)
        out = np.asarray(out, "float32")
        assert np.all(np.isfinite(out)), (cid, out)
        wj = "null, null" if w is None else f"{arr(w)}, {shp(w)}"
        lines.append(f"        new Case(\"{cid}\", () -> {java},\n"
                     f"                {arr(yt)}, {shp(yt)},\n"
                     f"                {arr(yp)}, {shp(yp)},\n"
                     f"                {wj},\n"
                     f"                {arr(out)}, {shp(out)})")
    print(",\n".join(lines) + ");")
    print()
    print("    private LossGolden() {")
    print("    }")
    print("}")


# ---- metrics ------------------------------------------------------------------------------------------------

def metric_cases():
    """(id, Java constructor, Keras constructor, [(y_true, y_pred, sample_weight)]): results after each update."""
    reg_batches = [(REG_T, REG_P, None), (REG_T[:2], REG_P[:2] * 2.0, [2.0, 0.5]),
                   (REG_T[:1], REG_P[:1], [[3.0]])]
    bin_batches = [(BIN_T, f32([[0.2, 0.7], [0.5, 0.51], [0.9, 0.4]]), None),
                   (BIN_T[:, :1], f32([[0.2], [0.6], [0.5]]), [1.0, 2.0, 0.5]),
                   (f32([0.0, 1.0]), f32([0.3, 0.2]), [3.0, 1.0])]
    cat_batches = [(CAT_T, CAT_P, None), (CAT_T, CAT_LOGITS, [0.5, 1.0, 2.0]),
                   (CAT_SOFT, f32([[0.3, 0.3, 0.4], [0.5, 0.5, 0.0], [0.1, 0.1, 0.8]]), [1.0, 0.0, 1.0])]
    sparse_batches = [(SPARSE, CAT_P, None), (SPARSE_COL, CAT_LOGITS, [0.5, 1.0, 2.0]),
                      (SEQ_T, SEQ_LOGITS, [[1.0, 2.0], [0.0, 1.0]])]
    acc_batches = [(f32([[1.0], [2.0], [3.0], [4.0]]), f32([[0.0], [2.0], [3.0], [4.0]]), None),
                   (f32([1.0, 2.0]), f32([[1.0], [2.5]]), [0.5, 2.0]),
                   (f32([[1.0, 2.0], [3.0, 4.0]]), f32([[1.0, 0.0], [3.0, 4.0]]), [[1.0, 1.0], [0.0, 2.0]])]
    return [
        ("mse", "new MeanSquaredError()", M.MeanSquaredError, reg_batches),
        ("rmse", "new RootMeanSquaredError()", M.RootMeanSquaredError, reg_batches),
        ("mae", "new MeanAbsoluteError()", M.MeanAbsoluteError, reg_batches),
        ("mape", "new MeanAbsolutePercentageError()", M.MeanAbsolutePercentageError, reg_batches),
        ("msle", "new MeanSquaredLogarithmicError()", M.MeanSquaredLogarithmicError, reg_batches),
        ("logcosh", "new LogCoshError()", M.LogCoshError, reg_batches),
        ("rmse_rank3", "new RootMeanSquaredError()", M.RootMeanSquaredError,
         [(R3_T, R3_P, None), (R3_T, R3_P * 0.5, [[1.0, 0.5], [0.0, 2.0]]), (R3_T, R3_P, [2.0, 1.0])]),
        ("mse_rank3", "new MeanSquaredError()", M.MeanSquaredError,
         [(R3_T, R3_P, None), (R3_T, R3_P * 0.5, [[1.0, 0.5], [0.0, 2.0]]), (R3_T, R3_P, [2.0, 1.0])]),
        ("accuracy", "new Accuracy()", M.Accuracy, acc_batches),
        ("binary_accuracy", "new BinaryAccuracy()", M.BinaryAccuracy, bin_batches),
        ("binary_accuracy_0_7", "new BinaryAccuracy(\"binary_accuracy\", 0.7)",
         lambda: M.BinaryAccuracy(threshold=0.7), bin_batches),
        ("categorical_accuracy", "new CategoricalAccuracy()", M.CategoricalAccuracy, cat_batches),
        ("sparse_categorical_accuracy", "new SparseCategoricalAccuracy()", M.SparseCategoricalAccuracy,
         sparse_batches),
        ("bce", "new BinaryCrossentropy()", M.BinaryCrossentropy, bin_batches[:2]),
        ("bce_logits_smoothing", "new BinaryCrossentropy(\"binary_crossentropy\", true, 0.1)",
         lambda: M.BinaryCrossentropy(from_logits=True, label_smoothing=0.1),
         [(BIN_T, BIN_LOGITS, None), (BIN_T, BIN_LOGITS_WRONG, [1.0, 0.0, 2.0])]),
        ("cce", "new CategoricalCrossentropy()", M.CategoricalCrossentropy, cat_batches[:1] + cat_batches[2:]),
        ("cce_logits", "new CategoricalCrossentropy(\"categorical_crossentropy\", true, 0.0)",
         lambda: M.CategoricalCrossentropy(from_logits=True), [(CAT_T, CAT_LOGITS, [0.5, 1.0, 2.0])]),
        ("scce", "new SparseCategoricalCrossentropy()", M.SparseCategoricalCrossentropy, sparse_batches[:1]),
        ("scce_logits", "new SparseCategoricalCrossentropy(\"sparse_categorical_crossentropy\", true)",
         lambda: M.SparseCategoricalCrossentropy(from_logits=True), sparse_batches[1:]),
        # ignored labels count as zeros without weights, and are left out (weight 0) with weights
        ("scce_ignore", "new SparseCategoricalCrossentropy(\"scce\", true, -1)",
         lambda: M.SparseCategoricalCrossentropy(name="scce", from_logits=True, ignore_class=-1),
         [(SPARSE_IGN, CAT_LOGITS, None), (SPARSE_IGN, CAT_LOGITS, [1.0, 1.0, 2.0]),
          (SPARSE_IGN.reshape(3, 1), CAT_LOGITS, [0.5, 3.0, 1.0])]),
    ]


def mean_cases():
    """keras.metrics.Mean: (id, [(values, sample_weight)]): results after each update_state."""
    return [
        ("vector", [([1.0, 3.0, 5.0, 7.0], None), ([2.0, 4.0], [1.0, 0.5]), (6.0, None), ([1.0, 2.0], 3.0)]),
        ("matrix", [([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], None),
                    ([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [1.0, 0.0, 2.0]),
                    ([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [[1.0], [0.0], [2.0]]),
                    ([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [[1.0, 0.0], [0.5, 0.5], [2.0, 1.0]]),
                    (np.arange(12.0).reshape(2, 3, 2), [[1.0, 2.0, 0.0], [1.0, 1.0, 1.0]])]),
        ("zero_weights", [([1.0, 2.0], [0.0, 0.0])]),
    ]


def emit_metrics():
    print("package dev.strata.metrics;")
    print()
    print("import java.util.List;")
    print("import java.util.function.Supplier;")
    print()
    print("/**")
    print(" * Results of Keras 3 metrics after each of several updates (Keras " + keras.__version__ + ", jax backend).")
    print(" * Generated by {@code tools/golden/losses_metrics.py metrics}; do not edit by hand.")
    print(" */")
    print("final class MetricGolden {")
    print("    /** One {@code update(yTrue, yPred, sampleWeight)} and Keras's {@code result()} after it. */")
    print("    record Update(float[] yTrue, int[] yTrueShape, float[] yPred, int[] yPredShape, float[] weight,")
    print("                  int[] weightShape, double result) {")
    print("    }")
    print()
    print("    /** A metric and a sequence of updates. */")
    print("    record Case(String id, Supplier<Metric> metric, List<Update> updates) {")
    print("        @Override")
    print("        public String toString() {")
    print("            return id;")
    print("        }")
    print("    }")
    print()
    print("    /** One {@code Mean.updateState(values, sampleWeight)} and Keras's {@code result()} after it. */")
    print("    record MeanUpdate(float[] values, int[] valuesShape, float[] weight, int[] weightShape, double result) {")
    print("    }")
    print()
    print("    /** keras.metrics.Mean fed with a sequence of updates. */")
    print("    static final List<List<MeanUpdate>> MEAN_CASES = List.of(")
    mblocks = []
    for cid, updates in mean_cases():
        m = M.Mean()
        ups = []
        for v, w in updates:
            v, w = f32(v), f32(w)
            m.update_state(v, sample_weight=w)
            r = float(np.asarray(m.result(), "float32"))
            wj = "null, null" if w is None else f"{arr(w)}, {shp(w)}"
            ups.append(f"                new MeanUpdate({arr(v)}, {shp(v)}, {wj}, {r!r})")
        mblocks.append(f"        // {cid}\n        List.of(\n" + ",\n".join(ups) + ")")
    print(",\n".join(mblocks) + ");")
    print()
    print("    static final List<Case> CASES = List.of(")
    blocks = []
    for cid, java, make, batches in metric_cases():
        m = make()
        ups = []
        for yt, yp, w in batches:
            yt, yp, w = f32(yt), f32(yp), f32(w)
            m.update_state(yt, yp, sample_weight=w)
            r = float(np.asarray(m.result(), "float32"))
            wj = "null, null" if w is None else f"{arr(w)}, {shp(w)}"
            ups.append(f"                new Update({arr(yt)}, {shp(yt)},\n"
                       f"                        {arr(yp)}, {shp(yp)},\n"
                       f"                        {wj}, {r!r})")
        blocks.append(f"        new Case(\"{cid}\", () -> {java}, List.of(\n" + ",\n".join(ups) + "))")
    print(",\n".join(blocks) + ");")
    print()
    print("    private MetricGolden() {")
    print("    }")
    print("}")


# ---- configs --------------------------------------------------------------------------------------------------

# Every loss and metric class Strata has: Keras's class, then other arguments than the defaults (name, reduction and
# each class's own). Huber's delta is left at its default: Keras 3.15's Huber.get_config does not write it.
LOSS_CONFIGS = {
    "MeanSquaredError": [dict(name="m", reduction="sum")],
    "MeanAbsoluteError": [dict(reduction="mean_with_sample_weight")],
    "MeanAbsolutePercentageError": [dict(reduction="mean")],
    "MeanSquaredLogarithmicError": [dict(reduction=None)],
    "Huber": [dict(name="h", reduction="sum")],
    "LogCosh": [dict(name="lc", reduction="none")],
    "BinaryCrossentropy": [dict(from_logits=True, label_smoothing=0.2, axis=0, reduction="sum", name="b")],
    "CategoricalCrossentropy": [dict(from_logits=True, label_smoothing=0.1, axis=0, name="c")],
    "SparseCategoricalCrossentropy": [dict(from_logits=True, ignore_class=3, reduction="mean", name="s")],
}
METRIC_CONFIGS = {
    "Mean": [dict(name="avg")],
    "MeanSquaredError": [dict(name="m")],
    "RootMeanSquaredError": [dict(name="r")],
    "MeanAbsoluteError": [dict(name="mae")],
    "MeanAbsolutePercentageError": [dict(name="mape")],
    "MeanSquaredLogarithmicError": [dict(name="msle")],
    "LogCoshError": [dict(name="lce")],
    "Accuracy": [dict(name="acc")],
    "BinaryAccuracy": [dict(name="ba", threshold=0.7)],
    "CategoricalAccuracy": [dict(name="ca")],
    "SparseCategoricalAccuracy": [dict(name="sca")],
    "BinaryCrossentropy": [dict(name="b", from_logits=True, label_smoothing=0.1)],
    "CategoricalCrossentropy": [dict(name="c", from_logits=True, label_smoothing=0.2, axis=0)],
    "SparseCategoricalCrossentropy": [dict(name="s", from_logits=True, ignore_class=2)],
}
# MeanMetricWrapper around one of Keras's functions, and the metric class that saves the same metric
WRAPPERS = [("binary_accuracy", "acc", lambda: M.BinaryAccuracy(name="acc")),
            ("mean_squared_error", "m", lambda: M.MeanSquaredError(name="m")),
            ("sparse_categorical_accuracy", "sparse_categorical_accuracy", M.SparseCategoricalAccuracy)]


def serialized(obj):
    return keras.saving.serialize_keras_object(obj)


def emit_configs():
    from keras.src.metrics.reduction_metrics import MeanMetricWrapper
    out = {"generated_by": "tools/golden/losses_metrics.py configs (generated, do not edit)",
           "keras_version": keras.__version__}
    for kind, module, table in (("losses", L, LOSS_CONFIGS), ("metrics", M, METRIC_CONFIGS)):
        out[kind] = {name: [serialized(getattr(module, name)())] + [serialized(getattr(module, name)(**kw))
                                                                  for kw in cases]
                     for name, cases in table.items()}
    out["metric_wrappers"] = [{"wrapper": serialized(MeanMetricWrapper(fn=getattr(M, fn), name=name)),
                               "metric": serialized(make())} for fn, name, make in WRAPPERS]
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    {"losses": emit_losses, "metrics": emit_metrics, "configs": emit_configs}[sys.argv[1]]()

"""Reference values for the keras.metrics classes added in issue 14, from Keras 3 (JAX backend, float32, eager).

Writes the Java test data class and the config golden:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/metrics14.py metrics \
        > strata-core/src/test/java/dev/strata/metrics/Metric14Golden.java
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/metrics14.py configs \
        > strata-core/src/test/resources/keras-golden/metric14_configs.json
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/metrics14.py interop   # writes the two files below

Each metric case is a Java constructor, the Keras metric, and a list of update_state calls (y_true, y_pred,
sample_weight or none) with Keras's result() after each (a scalar or a vector, kept with its shape) and after
reset_state(). The configs are keras.saving.serialize_keras_object of each class with its defaults (made after
clear_session, so the automatic names carry no _1 suffix) and with other arguments. The interop files are a Keras
model compiled with these metrics (keras-golden/metrics14_compiled.keras) and Keras's evaluate() logs on fixed
data (metrics14_compiled.json). CI never runs this script.
"""
import json
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.simplefilter("ignore")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from _common import arr, java_class, lit, shp  # noqa: E402

M = keras.metrics


def f32(a):
    return None if a is None else np.asarray(a, "float32")


rng = np.random.default_rng(14)


def probs(*shape):
    """Probabilities with some values exactly on the 0.1 grid (edges of thresholds and buckets), 0 and 1."""
    p = rng.random(shape).astype("float32")
    flat = p.reshape(-1)
    for i in range(0, flat.size, 3):
        flat[i] = np.float32(round(float(flat[i]) * 10) / 10)
    flat[0] = 0.0
    if flat.size > 5:
        flat[5] = 1.0
    return p


def labels(*shape):
    return (rng.random(shape) < 0.5).astype("float32")


# binary data, flat and (N, 3) multi-label, with weights of every accepted shape
B1 = [(labels(8), probs(8), None), (labels(6), probs(6), f32(rng.random(6) * 2)),
      (labels(5, 1), probs(5, 1), f32([1.0, 0.0, 2.0, 0.5, 1.0]))]
B3 = [(labels(6, 3), probs(6, 3), None), (labels(4, 3), probs(4, 3), f32([0.5, 2.0, 1.0, 0.0])),
      (labels(5, 3), probs(5, 3), f32(rng.random((5, 3)) * 2))]
LOGITS3 = [(t, f32((p - 0.5) * 8), w) for t, p, w in B3]
B3_SCALAR_W = [(labels(4, 3), probs(4, 3), f32(2.0)), (labels(3, 3), probs(3, 3), None)]

CASES = []


def case(cid, java, make, updates, values=False):
    CASES.append((cid, java, make, updates, values))


def confusion_cases():
    for cls in ("TruePositives", "FalsePositives", "TrueNegatives", "FalseNegatives"):
        case(f"{cls}_default", f"new {cls}()", getattr(M, cls), B1)
        case(f"{cls}_thresholds", f"new {cls}(List.of(0.15, 0.5, 0.85), \"t\")",
             lambda c=cls: getattr(M, c)(thresholds=[0.15, 0.5, 0.85]), B3)
        case(f"{cls}_even_thresholds", f"new {cls}(List.of(0.0, 0.5, 1.0), \"t\")",
             lambda c=cls: getattr(M, c)(thresholds=[0.0, 0.5, 1.0]), B3)
        case(f"{cls}_one_threshold", f"new {cls}(0.3)", lambda c=cls: getattr(M, c)(thresholds=0.3), B3_SCALAR_W)
    for cls in ("Precision", "Recall"):
        case(f"{cls}_default", f"new {cls}()", getattr(M, cls), B1 + B3)
        case(f"{cls}_thresholds", f"new {cls}(List.of(0.2, 0.6, 0.4), null, null, \"p\")",
             lambda c=cls: getattr(M, c)(thresholds=[0.2, 0.6, 0.4]), B3)
        case(f"{cls}_even", f"new {cls}(List.of(0.0, 0.25, 0.5, 0.75, 1.0), null, null, \"p\")",
             lambda c=cls: getattr(M, c)(thresholds=[0.0, 0.25, 0.5, 0.75, 1.0]), B3)
        case(f"{cls}_top_k", f"new {cls}(null, 2, null, \"p\")", lambda c=cls: getattr(M, c)(top_k=2), B3)
        case(f"{cls}_top_k_threshold", f"new {cls}(List.of(0.5), 1, null, \"p\")",
             lambda c=cls: getattr(M, c)(thresholds=[0.5], top_k=1), B3)
        case(f"{cls}_class_id", f"new {cls}(null, null, 1, \"p\")", lambda c=cls: getattr(M, c)(class_id=1),
             B3[:2])
        case(f"{cls}_top_k_class_id", f"new {cls}(null, 2, 2, \"p\")",
             lambda c=cls: getattr(M, c)(top_k=2, class_id=2), B3[:2])
        case(f"{cls}_scalar_weight", f"new {cls}(0.4)", lambda c=cls: getattr(M, c)(thresholds=0.4), B3_SCALAR_W)
    for cls, key, v in (("PrecisionAtRecall", "recall", 0.5), ("RecallAtPrecision", "precision", 0.6),
                        ("SensitivityAtSpecificity", "specificity", 0.5),
                        ("SpecificityAtSensitivity", "sensitivity", 0.7)):
        case(f"{cls}_default", f"new {cls}({v})", lambda c=cls, k=key, x=v: getattr(M, c)(**{k: x}), B1 + B3)
        case(f"{cls}_7", f"new {cls}({v}, 7, null, \"s\")",
             lambda c=cls, k=key, x=v: getattr(M, c)(**{k: x}, num_thresholds=7), B3)
        case(f"{cls}_1", f"new {cls}({v}, 1, null, \"s\")",
             lambda c=cls, k=key, x=v: getattr(M, c)(**{k: x}, num_thresholds=1), B3)
        case(f"{cls}_class_id", f"new {cls}({v}, 50, 0, \"s\")",
             lambda c=cls, k=key, x=v: getattr(M, c)(**{k: x}, num_thresholds=50, class_id=0), B3[:2])
    auc = "new AUC({n}, \"{curve}\", \"{method}\", \"auc\", {thr}, {multi}, {nl}, {lw}, {logits})"

    def add_auc(cid, data, num_thresholds=200, curve="ROC", summation_method="interpolation", thresholds=None,
                multi_label=False, num_labels=None, label_weights=None, from_logits=False):
        java = auc.format(n=num_thresholds, curve=curve, method=summation_method,
                          thr="null" if thresholds is None else "List.of(" + ", ".join(map(str, thresholds)) + ")",
                          multi=str(multi_label).lower(), nl="null" if num_labels is None else num_labels,
                          lw="null" if label_weights is None else arr(label_weights),
                          logits=str(from_logits).lower())
        case("AUC_" + cid, java, lambda: M.AUC(num_thresholds=num_thresholds, curve=curve,
                                               summation_method=summation_method, thresholds=thresholds,
                                               multi_label=multi_label, num_labels=num_labels,
                                               label_weights=label_weights, from_logits=from_logits), data)

    case("AUC_default", "new AUC()", M.AUC, B1 + B3)
    for curve in ("ROC", "PR", "PRGAIN"):
        for method in ("interpolation", "minoring", "majoring"):
            add_auc(f"{curve}_{method}", B1 + B3, num_thresholds=11, curve=curve, summation_method=method)
    add_auc("PR_200", B3, curve="PR")
    add_auc("thresholds", B3, thresholds=[0.7, 0.1, 0.45, 0.3])
    add_auc("thresholds_pr", B3, thresholds=[0.7, 0.1, 0.45, 0.3], curve="PR")
    add_auc("thresholds_even", B3, thresholds=[0.25, 0.5, 0.75])
    add_auc("num_thresholds_2", B3, num_thresholds=2)
    add_auc("multi_label", B3, num_thresholds=21, multi_label=True)
    add_auc("multi_label_pr", B3, num_thresholds=21, curve="PR", multi_label=True, num_labels=3)
    add_auc("multi_label_weights", B3, multi_label=True, label_weights=[0.5, 2.0, 1.0])
    add_auc("multi_label_thresholds", B3, thresholds=[0.3, 0.6], multi_label=True)
    add_auc("label_weights_flat", B3, num_thresholds=31, label_weights=[0.5, 2.0, 1.0])
    add_auc("label_weights_flat_uneven", B3, thresholds=[0.2, 0.55], label_weights=[0.5, 2.0, 1.0])
    add_auc("from_logits", LOGITS3, num_thresholds=51, from_logits=True)
    add_auc("scalar_weight", B3_SCALAR_W, num_thresholds=9)


confusion_cases()


def other_cases():
    vals = [(None, f32([1.0, 3.0, 5.0, 7.0]), None), (None, f32([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), f32([1.0, 0.0, 2.0])),
            (None, f32([[1.0, 2.0], [3.0, 4.0]]), f32([[0.5, 1.0], [2.0, 0.0]])), (None, f32(6.0), None),
            (None, f32(np.arange(12).reshape(2, 3, 2)), f32([[1.0], [0.5]])), (None, f32([0.1, 0.2]), f32(3.0))]
    case("Sum", "new Sum()", M.Sum, vals, values=True)

    # F-scores: one-hot-ish labels (some rows with two labels), scores with ties and a zero row
    def fdata(n, c=4):
        t = labels(n, c)
        p = probs(n, c)
        p[1] = [0.3, 0.3, 0.1, 0.3][:c]
        p[2] = 0.0
        return t, p
    F = [(*fdata(6), None), (*fdata(5), f32([1.0, 0.5, 2.0, 0.0, 1.0])), (*fdata(4), None)]
    for cls, extra_j, extra_k in (("F1Score", "", {}), ("FBetaScore", ", 2.0", {"beta": 2.0})):
        for avg in (None, "micro", "macro", "weighted"):
            for thr in (None, 0.45):
                jargs = (f"{'null' if avg is None else chr(34) + avg + chr(34)}{extra_j}, "
                         f"{'null' if thr is None else thr}, \"f\"")
                case(f"{cls}_{avg}_{thr}", f"new {cls}({jargs})",
                     lambda c=cls, a=avg, t=thr, e=extra_k: getattr(M, c)(average=a, threshold=t, **e), F)
    case("FBetaScore_beta_0.5", "new FBetaScore(\"macro\", 0.5, null, \"f\")",
         lambda: M.FBetaScore(average="macro", beta=0.5), F)

    # R2: two or three outputs, weights per row and per element, a constant column
    R = [(f32(rng.normal(size=(6, 3))), f32(rng.normal(size=(6, 3))), None),
         (f32(rng.normal(size=(5, 3))), f32(rng.normal(size=(5, 3))), f32(rng.random(5) * 2)),
         (f32(rng.normal(size=(4, 3))), f32(rng.normal(size=(4, 3))), f32(rng.random((4, 3)) * 2))]
    for agg in ("uniform_average", "variance_weighted_average", None):
        for nr in (0, 2, 40):
            jagg = "null" if agg is None else f"\"{agg}\""
            case(f"R2Score_{agg}_{nr}", f"new R2Score({jagg}, {nr}, \"r2\")",
                 lambda a=agg, n=nr: M.R2Score(class_aggregation=a, num_regressors=n), R)
    RC = [(f32([[1.0, 2.0], [1.0, 3.0], [1.0, 5.0]]), f32([[1.5, 2.0], [0.5, 2.5], [1.0, 6.0]]), None)]
    case("R2Score_constant_column", "new R2Score(null, 0, \"r2\")", lambda: M.R2Score(class_aggregation=None), RC)
    R1 = [(f32([1.0, 2.0, 4.0]), f32([[1.5], [2.0], [3.0]]), None), (f32([[0.0], [1.0]]), f32([0.5, 1.0]), None)]
    case("R2Score_rank_aligned", "new R2Score()", M.R2Score, R1)

    # top-k: one-hot targets, ties at the target's score, rank 3
    def onehot(idx, c):
        return np.eye(c, dtype="float32")[idx]
    P5 = probs(6, 5)
    P5[1] = [0.2, 0.2, 0.2, 0.2, 0.2]
    P5[3] = [0.1, 0.5, 0.5, 0.5, 0.0]
    L6 = np.array([0, 2, 4, 1, 3, 0])
    TK = [(onehot(L6, 5), P5, None), (onehot(np.array([1, 4, 2]), 5), probs(3, 5), f32([1.0, 0.0, 2.0])),
          (onehot(np.array([[1, 0], [3, 2]]), 5), probs(2, 2, 5), None)]
    STK = [(f32(L6), P5, None), (f32([[1], [4], [2]]), probs(3, 5), f32([1.0, 0.0, 2.0])),
           (f32([[1, 0], [3, 2]]), probs(2, 2, 5), f32([[1.0, 2.0], [0.5, 0.0]]))]
    SORTED = [(f32([3, 1, 0, 2]), f32([[3, 1, 0], [0, 2, 1], [2, 1, 0], [1, 1, 2]]), None),
              (f32([4, 2]), f32([[4, 0, 1], [0, 1, 2]]), f32([2.0, 1.0]))]
    for k in (1, 2, 5):
        case(f"TopK_{k}", f"new TopKCategoricalAccuracy({k}, \"t\")", lambda k=k: M.TopKCategoricalAccuracy(k=k), TK)
        case(f"SparseTopK_{k}", f"new SparseTopKCategoricalAccuracy({k}, \"t\", false)",
             lambda k=k: M.SparseTopKCategoricalAccuracy(k=k), STK)
    case("TopK_default", "new TopKCategoricalAccuracy()", M.TopKCategoricalAccuracy, TK)
    case("SparseTopK_default", "new SparseTopKCategoricalAccuracy()", M.SparseTopKCategoricalAccuracy, STK)
    for k in (1, 2):
        case(f"SparseTopK_sorted_{k}", f"new SparseTopKCategoricalAccuracy({k}, \"t\", true)",
             lambda k=k: M.SparseTopKCategoricalAccuracy(k=k, from_sorted_ids=True), SORTED)

    # correlations: along the last axis and along the batch axis, weighted
    C = [(f32(rng.normal(size=(4, 5))), f32(rng.normal(size=(4, 5))), None),
         (f32(rng.normal(size=(3, 5))), f32(rng.normal(size=(3, 5))), f32([1.0, 0.5, 2.0])),
         (f32(rng.normal(size=(2, 3, 4))), f32(rng.normal(size=(2, 3, 4))), None)]
    C0 = [(f32(rng.normal(size=(5, 3))), f32(rng.normal(size=(5, 3))), None),
          (f32(rng.normal(size=(4, 3))), f32(rng.normal(size=(4, 3))), f32([1.0, 0.0, 2.0]))]
    for cls in ("PearsonCorrelation", "ConcordanceCorrelation"):
        case(f"{cls}_default", f"new {cls}()", getattr(M, cls), C)
        case(f"{cls}_axis0", f"new {cls}(\"c\", 0)", lambda c=cls: getattr(M, c)(axis=0), C0)

    # IoU: class ids with some out of range (-1, 3), weights that int32 truncates (0.5 counts 0, 2.7 counts 2)
    IDS = [(f32([0, 1, 2, 2, 1, 0, -1, 3]), f32([0, 2, 2, 1, 1, 0, 1, 0]), None),
           (f32([2, 2, 0, 1, 0]), f32([2, 0, 0, 1, 3]), f32([1.0, 0.5, 2.7, 1.0, 1.0])),
           (f32([[0, 1], [2, 2]]), f32([[0, 1], [1, 2]]), f32([[1.0, 2.0], [3.0, 0.0]]))]
    case("IoU_0_2", "new IoU(3, new int[] {0, 2})", lambda: M.IoU(3, [0, 2]), IDS)
    case("IoU_1", "new IoU(3, new int[] {1}, \"i\", \"int32\", null, true, true, -1)", lambda: M.IoU(3, [1]), IDS)
    case("IoU_float32", "new IoU(3, new int[] {0, 1, 2}, \"i\", \"float32\", null, true, true, -1)",
         lambda: M.IoU(3, [0, 1, 2], dtype="float32"), IDS)
    case("IoU_ignore", "new IoU(3, new int[] {0, 1, 2}, \"i\", \"int32\", 2, true, true, -1)",
         lambda: M.IoU(3, [0, 1, 2], ignore_class=2), IDS)
    case("MeanIoU", "new MeanIoU(3)", lambda: M.MeanIoU(3), IDS)
    case("MeanIoU_4", "new MeanIoU(4, \"m\", \"float32\", 0, true, true, -1)",
         lambda: M.MeanIoU(4, dtype="float32", ignore_class=0), IDS)
    SCORES = [(f32([0, 2, 1, 1]), probs(4, 3), None), (f32([[2], [0], [1]]), probs(3, 3), f32([1.0, 2.0, 1.0]))]
    case("MeanIoU_scores", "new MeanIoU(3, \"m\", \"int32\", null, true, false, -1)",
         lambda: M.MeanIoU(3, sparse_y_pred=False), SCORES)
    HOT = [(onehot(np.array([0, 2, 1, 1, 0]), 3), probs(5, 3), None),
           (onehot(np.array([2, 2, 1]), 3), probs(3, 3), f32([1.0, 3.0, 1.0]))]
    HOT_IDS = [(onehot(np.array([0, 2, 1, 1, 0]), 3), f32([0, 1, 1, 1, 2]), None)]
    case("OneHotIoU", "new OneHotIoU(3, new int[] {1, 2})", lambda: M.OneHotIoU(3, [1, 2]), HOT)
    case("OneHotIoU_sparse_pred", "new OneHotIoU(3, new int[] {0, 1}, \"o\", \"int32\", 1, true, -1)",
         lambda: M.OneHotIoU(3, [0, 1], ignore_class=1, sparse_y_pred=True), HOT_IDS)
    case("OneHotMeanIoU", "new OneHotMeanIoU(3)", lambda: M.OneHotMeanIoU(3), HOT)
    # axis=0 on (classes, batch) scores; Keras 3.15's result() also sums its 1-D IoU vector along this axis, so any
    # axis other than -1 or 0 fails there (Strata's result() does not use the axis)
    AX = [(np.transpose(onehot(np.array([0, 2, 1, 1]), 3)), np.transpose(probs(4, 3)), None)]
    case("OneHotMeanIoU_axis0", "new OneHotMeanIoU(3, \"o\", \"int32\", null, false, 0)",
         lambda: M.OneHotMeanIoU(3, axis=0), AX)
    BIN = [(f32([0, 1, 1, 0, 1, 0]), f32([0.2, 0.5, 0.9, 0.6, 0.3, 0.0]), None),
           (f32([[1], [0], [1]]), f32([[0.7], [0.1], [0.5]]), f32([2.0, 1.0, 0.4]))]
    case("BinaryIoU", "new BinaryIoU()", M.BinaryIoU, BIN)
    case("BinaryIoU_1_0.3", "new BinaryIoU(new int[] {1}, 0.3, \"b\", \"int32\")",
         lambda: M.BinaryIoU(target_class_ids=[1], threshold=0.3), BIN)


other_cases()


def values_of(m):
    r = np.asarray(m.result(), "float32")
    return r


def emit_metrics():
    entries = []
    for cid, java, make, updates, values in CASES:
        keras.utils.clear_session()
        m = make()
        ups = []
        for yt, yp, w in updates:
            if values:
                m.update_state(yp, sample_weight=w)
            else:
                m.update_state(yt, yp, sample_weight=w)
            r = values_of(m)
            ups.append(f"        new Update({'null' if yt is None or values else arr(yt)}, "
                       f"{'null' if yt is None or values else shp(yt)}, {arr(yp)}, {shp(yp)}, "
                       f"{'null' if w is None else arr(w)}, {'null' if w is None else shp(w)}, {arr(r)}, {shp(r)})")
        m.reset_state()
        r = values_of(m)
        entries.append(f"    new Case(\"{cid}\", () -> {java}, List.of(\n" + ",\n".join(ups)
                       + f"),\n        {arr(r)})")
    # a method per chunk of cases: one class initializer would pass the JVM's 64 KB limit on a method's code
    chunk = 12
    parts = [entries[i:i + chunk] for i in range(0, len(entries), chunk)]
    lines = ["static final List<Case> CASES = java.util.stream.Stream.of("
             + ", ".join(f"part{i}()" for i in range(len(parts)))
             + ").flatMap(List::stream).toList();", ""]
    for i, part in enumerate(parts):
        lines.append(f"private static List<Case> part{i}() {{")
        lines.append("    return List.of(")
        lines.append(",\n".join(part) + ");")
        lines.append("}")
        lines.append("")
    body = [
        "/** One {@code update(yTrue, yPred, sampleWeight)} (yTrue null: Sum's values) and Keras's result after it. */",
        "record Update(float[] yTrue, int[] yTrueShape, float[] yPred, int[] yPredShape, float[] weight,",
        "              int[] weightShape, float[] result, int[] resultShape) {",
        "}",
        "",
        "/** A metric, a sequence of updates, and Keras's result after reset_state(). */",
        "record Case(String id, Supplier<Metric> metric, List<Update> updates, float[] afterReset) {",
        "    @Override",
        "    public String toString() {",
        "        return id;",
        "    }",
        "}",
        "",
    ] + "\n".join(lines).split("\n")
    text = java_class("dev.strata.metrics", "Metric14Golden", "tools/golden/metrics14.py metrics", body,
                      doc="Results of Keras metrics after each of several updates and after a reset, from Keras")
    text = text.replace("package dev.strata.metrics;\n",
                        "package dev.strata.metrics;\n\nimport java.util.List;\nimport java.util.function.Supplier;\n",
                        1)
    print(text, end="")


# ---- configs --------------------------------------------------------------------------------------------------

# each class: the constructor with its required arguments only (Keras's defaults), then others
CONFIGS = {
    "TruePositives": [dict(), dict(thresholds=[0.2, 0.7], name="tp"), dict(thresholds=0.3)],
    "FalsePositives": [dict(), dict(thresholds=[0.0, 0.5, 1.0], name="fp")],
    "TrueNegatives": [dict(), dict(thresholds=0.25, name="tn")],
    "FalseNegatives": [dict(), dict(thresholds=[0.1], name="fn")],
    "Precision": [dict(), dict(thresholds=[0.3, 0.6], top_k=2, class_id=1, name="p"), dict(thresholds=0.4)],
    "Recall": [dict(), dict(top_k=3, name="r"), dict(class_id=0, thresholds=[0.5])],
    "PrecisionAtRecall": [dict(recall=0.5), dict(recall=0.25, num_thresholds=7, class_id=2, name="par")],
    "RecallAtPrecision": [dict(precision=0.8), dict(precision=1.0, num_thresholds=1, name="rap")],
    "SensitivityAtSpecificity": [dict(specificity=0.5), dict(specificity=0.9, num_thresholds=50, class_id=0)],
    "SpecificityAtSensitivity": [dict(sensitivity=0.5), dict(sensitivity=0.0, num_thresholds=3, name="sas")],
    "Sum": [dict(), dict(name="total")],
    "F1Score": [dict(), dict(average="macro", threshold=0.4, name="f1")],
    "FBetaScore": [dict(), dict(average="weighted", beta=0.5, threshold=1.0, name="fb"), dict(average="micro")],
    "R2Score": [dict(), dict(class_aggregation=None, num_regressors=3, name="r2"),
                dict(class_aggregation="variance_weighted_average")],
    "TopKCategoricalAccuracy": [dict(), dict(k=2, name="top2")],
    "SparseTopKCategoricalAccuracy": [dict(), dict(k=3, from_sorted_ids=True, name="s3"), dict(k=1)],
    "PearsonCorrelation": [dict(), dict(axis=0, name="pc")],
    "IoU": [dict(num_classes=3, target_class_ids=[0, 2]),
            dict(num_classes=4, target_class_ids=[1], ignore_class=0, sparse_y_true=False, sparse_y_pred=False,
                 axis=1, dtype="float32", name="iou")],
    "MeanIoU": [dict(num_classes=3), dict(num_classes=2, ignore_class=1, sparse_y_pred=False, name="m")],
    "BinaryIoU": [dict(), dict(target_class_ids=[1], threshold=0.3, name="b")],
    "OneHotIoU": [dict(num_classes=3, target_class_ids=[1, 2]),
                  dict(num_classes=5, target_class_ids=[0], ignore_class=4, sparse_y_pred=True, axis=0, name="o")],
    "OneHotMeanIoU": [dict(num_classes=3), dict(num_classes=4, sparse_y_pred=True, name="om")],
    "ConcordanceCorrelation": [dict(), dict(axis=1, name="cc")],
    "AUC": [dict(), dict(num_thresholds=50, curve="PR", summation_method="minoring", name="pr_auc"),
            dict(thresholds=[0.8, 0.2, 0.5], multi_label=True, num_labels=3, label_weights=[0.3, 1.0, 2.0]),
            dict(curve="PRGAIN", summation_method="majoring", from_logits=True),
            dict(label_weights=[1.0, 0.5])],
}


def emit_configs():
    out = {"generated_by": "tools/golden/metrics14.py configs (generated, do not edit)",
           "keras_version": keras.__version__, "metrics": {}}
    for name, forms in CONFIGS.items():
        made = []
        for kw in forms:
            keras.utils.clear_session()
            made.append(keras.saving.serialize_keras_object(getattr(M, name)(**kw)))
        out["metrics"][name] = made
    print(json.dumps(out, indent=1))


def emit_interop():
    """A Keras-compiled model with the new metrics, saved, with Keras's evaluate() logs on fixed data.

    Writes strata-core/src/test/resources/keras-golden/metrics14_compiled.keras and metrics14_compiled.json.
    """
    out = "strata-core/src/test/resources/keras-golden"
    keras.utils.clear_session()
    keras.utils.set_random_seed(14)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="sigmoid")], name="metrics14")
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=["AUC", "precision", "AUC", M.AUC(num_thresholds=50, curve="PR", name="pr_auc"),
                           M.Recall(thresholds=[0.3, 0.7], name="recalls"), M.F1Score(average="macro"),
                           M.FBetaScore(beta=2.0, threshold=0.5, average="weighted"), M.R2Score(),
                           M.TruePositives(), M.PrecisionAtRecall(0.5), M.BinaryIoU(target_class_ids=[1])])
    r = np.random.default_rng(3)
    x = r.normal(size=(16, 4)).astype("float32")
    y = (r.random((16, 3)) < 0.5).astype("float32")
    model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    model.save(os.path.join(out, "metrics14_compiled.keras"))
    logs = model.evaluate(x, y, batch_size=8, verbose=0, return_dict=True)
    golden = {"generated_by": "tools/golden/metrics14.py interop (generated, do not edit)",
              "keras_version": keras.__version__, "x": x.tolist(), "y": y.tolist(),
              "logs": {k: np.asarray(v).tolist() for k, v in logs.items()}}
    with open(os.path.join(out, "metrics14_compiled.json"), "w") as f:
        json.dump(golden, f, indent=1)


if __name__ == "__main__":
    {"metrics": emit_metrics, "configs": emit_configs, "interop": emit_interop}[sys.argv[1]]()

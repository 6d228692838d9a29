"""Reference values for the losses and metrics issue 14 adds, from Keras 3 (JAX backend, float32, eager).

Writes three generated files:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/losses14.py losses \
        > strata-core/src/test/java/dev/strata/losses/Loss14Golden.java
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/losses14.py metrics \
        > strata-core/src/test/java/dev/strata/metrics/MetricWrapper14Golden.java
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/losses14.py configs \
        > strata-core/src/test/resources/keras-golden/losses14_configs.json
    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/losses14.py keras_files \
        strata-core/src/test/resources/keras-golden/losses14

The last writes small `.keras` files of models compiled with these losses and metrics (saved before training) and
`expected.json`: per file the compile config's loss and metrics, an input batch, the predictions, targets, and the
predictions after one `train_on_batch` on them (Losses14InteropTest repeats it in Strata).

Each loss case is (id, Java constructor, Keras constructor, y_true, y_pred, sample_weight, y_pred's mask) and
records `loss(y_true, y_pred, sample_weight)` and the gradient of the sum of that value with respect to y_pred
(jax.grad through the Keras loss; None where it is not finite, or where inputs sit on a kink on purpose). A mask is set on y_pred as a model's output carries
it (Keras's `_keras_mask`). Each metric case is a list of update_state calls and the result after each. The configs
are `keras.saving.serialize_keras_object` of each class, with its defaults and with other arguments. CI never runs
this script.
"""
import json
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.simplefilter("ignore")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.backend import set_keras_mask  # noqa: E402

from _common import arr, java_class, shp  # noqa: E402

L = keras.losses
M = keras.metrics
SCRIPT = "tools/golden/losses14.py"


def f32(a):
    return None if a is None else np.asarray(a, "float32")


def rng(seed):
    return np.random.RandomState(seed)


def normalized(x):
    x = np.asarray(x, "float32")
    return f32(x / np.linalg.norm(x, axis=-1, keepdims=True))


# ---- inputs -------------------------------------------------------------------------------------------------

S = (4, 3)
PRED = f32(rng(1).uniform(-2, 2, S))
BIN = f32([[0, 1, 1], [1, 0, 0], [0, 0, 1], [1, 1, 0]])
PM1 = f32(2 * BIN - 1)
MIXED = f32([[-1, 0, 1], [1, 1, -1], [0, 0, 1], [-1, 1, 0]])  # not all 0/1: used as given
ONE_HOT = f32([[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]])
PROBS = f32(rng(2).uniform(0.05, 0.95, S))
PROBS_EDGE = f32([[0.0, 1.0, 0.3], [0.6, 0.4, 0.0], [1.0, 0.2, 0.5], [0.1, 0.9, 1.0]])
UNNORM = f32(rng(3).uniform(0.1, 1.0, S))
LOGITS = f32(rng(4).uniform(-4, 4, S))
SOFT = f32(rng(5).uniform(0, 1, S))
DIST_T = f32(SOFT / SOFT.sum(-1, keepdims=True))
DIST_T0 = f32([[0.0, 0.5, 0.5], [1.0, 0.0, 0.0], [0.2, 0.3, 0.5], [0.0, 0.0, 1.0]])
COUNTS = f32([[0, 2, 1], [3, 0, 1], [1, 1, 4], [0, 0, 2]])
RATES = f32(rng(6).uniform(0.2, 3.0, S))
VEC_T = f32(rng(7).normal(size=S))
VEC_P = f32(rng(8).normal(size=S))
VEC_Z = f32(np.vstack([VEC_P[:3], np.zeros((1, 3))]))
R3 = (2, 4, 3)
R3_P = f32(rng(9).uniform(-2, 2, R3))
R3_BIN = f32(rng(10).randint(0, 2, R3))
R3_PROBS = f32(rng(11).uniform(0.05, 0.95, R3))
R3_MASK = f32([[1, 1, 1, 0], [1, 0, 1, 0]])
R3_ONE_HOT = f32(np.eye(3)[rng(12).randint(0, 3, (2, 4))])
W4 = f32([1.0, 0.0, 2.5, 0.5])
W2 = f32([0.5, 2.0])
SPARSE = f32([1, 0, 2, 1])
SEG_T = f32([[[[1.0], [1.0]], [[0.0], [0.0]]], [[[1.0], [1.0]], [[0.0], [0.0]]]])
SEG_P = f32([[[[0.0], [1.0]], [[0.0], [1.0]]], [[[0.4], [0.0]], [[0.0], [0.9]]]])
SEG_T2 = f32(rng(13).randint(0, 2, (2, 3, 3, 2)))
SEG_P2 = f32(rng(14).uniform(0.05, 0.95, (2, 3, 3, 2)))
CIRCLE_Y = f32([0, 1, 0, 2, 1, 3])  # classes 2 and 3 have one sample: no positive pair
CIRCLE_E = normalized(rng(15).normal(size=(6, 4)))
CIRCLE_MASK = f32([1, 1, 0, 1, 1, 1])
CTC_Y = f32([[1, 2, 0], [3, 3, 0], [2, 0, 0]])
CTC_P = f32(rng(16).uniform(-2, 2, (3, 5, 4)))
CTC_Y_EMPTY = f32([[1, 2, 1], [0, 0, 0]])
CTC_Y_LONG = f32([[1, 1, 1, 1], [2, 3, 2, 3]])  # 4 repeated labels need 7 steps: no alignment fits in 5
CTC_P2 = f32(rng(17).uniform(-2, 2, (2, 5, 4)))

REDUCTIONS = [("sum_over_batch_size", "SUM_OVER_BATCH_SIZE"), ("sum", "SUM"), ("none", "NONE"),
              ("mean", "MEAN"), ("mean_with_sample_weight", "MEAN_WITH_SAMPLE_WEIGHT")]


def loss_cases():
    cases = []

    def add(cid, java, make, yt, yp, w=None, mask=None, grad=True):
        cases.append((cid, java, make, f32(yt), f32(yp), f32(w), f32(mask), grad))

    # simple classes: (Java class, Keras class, y_true, y_pred)
    simple = [
        ("Hinge", L.Hinge, BIN, PRED), ("SquaredHinge", L.SquaredHinge, BIN, PRED),
        ("CategoricalHinge", L.CategoricalHinge, ONE_HOT, PRED), ("KLDivergence", L.KLDivergence, DIST_T, PROBS),
        ("Poisson", L.Poisson, COUNTS, RATES), ("CosineSimilarity", L.CosineSimilarity, VEC_T, VEC_P),
        ("CTC", L.CTC, CTC_Y, CTC_P),
    ]
    for cls, kcls, yt, yp in simple:
        short = cls.lower()
        add(f"{short}_default", f"new {cls}()", kcls, yt, yp)
        w = W4 if yt.shape[0] == 4 else f32([1.0, 0.0, 2.5])
        for kr, jr in REDUCTIONS:
            if cls == "CosineSimilarity":
                java = f"new CosineSimilarity(-1, Reduction.{jr})"
            else:
                java = f"new {cls}(Reduction.{jr})"
            add(f"{short}_weighted_{kr}", java, lambda k=kcls, r=kr: k(reduction=r), yt, yp, w)
    add("hinge_pm1", "new Hinge()", L.Hinge, PM1, PRED)
    add("hinge_mixed_labels", "new Hinge()", L.Hinge, MIXED, PRED)
    add("hinge_rank3_masked", "new Hinge()", L.Hinge, R3_BIN, R3_P, mask=R3_MASK)
    add("hinge_column", "new Hinge()", L.Hinge, BIN[:, 0], PRED[:, :1])
    add("squared_hinge_mixed_labels", "new SquaredHinge()", L.SquaredHinge, MIXED, PRED)
    add("squared_hinge_rank3_masked_weighted", "new SquaredHinge(Reduction.SUM)",
        lambda: L.SquaredHinge(reduction="sum"), R3_BIN, R3_P, W2.reshape(2, 1), R3_MASK)
    add("categorical_hinge_rank3_masked", "new CategoricalHinge()", L.CategoricalHinge, R3_ONE_HOT, R3_P,
        mask=R3_MASK)
    # predictions of exactly 0 and 1 sit on clip's bounds, where JAX halves the gradient (a tie of maximum or
    # minimum) and Strata's clip passes it whole: values only
    add("kld_zeros", "new KLDivergence()", L.KLDivergence, DIST_T0, PROBS_EDGE, grad=False)
    add("kld_rank3_masked", "new KLDivergence()", L.KLDivergence, R3_PROBS, f32(R3_PROBS[::-1]), mask=R3_MASK)
    add("poisson_rank3_masked", "new Poisson(Reduction.MEAN_WITH_SAMPLE_WEIGHT)",
        lambda: L.Poisson(reduction="mean_with_sample_weight"), f32(np.abs(R3_P).round()), f32(np.abs(R3_P) + 0.1),
        W2.reshape(2, 1), R3_MASK)
    add("cosine_zero_vector", "new CosineSimilarity()", L.CosineSimilarity, VEC_T, VEC_Z)
    add("cosine_axis0", "new CosineSimilarity(0, Reduction.NONE)",
        lambda: L.CosineSimilarity(axis=0, reduction=None), VEC_T, VEC_P)
    add("cosine_rank3_axis1", "new CosineSimilarity(1)", lambda: L.CosineSimilarity(axis=1), R3_P,
        f32(R3_P[::-1]))
    add("cosine_rank3_masked", "new CosineSimilarity()", L.CosineSimilarity, R3_P, f32(R3_P[::-1]), mask=R3_MASK)

    # binary focal crossentropy
    for logits, p, tag in ((False, PROBS, "probs"), (True, LOGITS, "logits")):
        jl = "true" if logits else "false"
        add(f"bfce_{tag}", f"new BinaryFocalCrossentropy(false, 0.25, 2.0, {jl}, 0.0, -1, "
            "Reduction.SUM_OVER_BATCH_SIZE)", lambda fl=logits: L.BinaryFocalCrossentropy(from_logits=fl), BIN, p)
        add(f"bfce_{tag}_balanced", f"new BinaryFocalCrossentropy(true, 0.3, 3.0, {jl}, 0.1, -1, "
            "Reduction.SUM_OVER_BATCH_SIZE)",
            lambda fl=logits: L.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.3, gamma=3.0,
                                                        from_logits=fl, label_smoothing=0.1), BIN, p)
        add(f"bfce_{tag}_axis0_gamma0", f"new BinaryFocalCrossentropy(false, 0.25, 0.0, {jl}, 0.0, 0, "
            "Reduction.NONE)",
            lambda fl=logits: L.BinaryFocalCrossentropy(gamma=0.0, from_logits=fl, axis=0, reduction=None),
            BIN, p)
        for kr, jr in REDUCTIONS:
            add(f"bfce_{tag}_weighted_{kr}", f"new BinaryFocalCrossentropy(true, 0.25, 2.0, {jl}, 0.0, -1, "
                f"Reduction.{jr})",
                lambda fl=logits, r=kr: L.BinaryFocalCrossentropy(apply_class_balancing=True, from_logits=fl,
                                                                  reduction=r), BIN, p, W4)
    add("bfce_edges", "new BinaryFocalCrossentropy()", L.BinaryFocalCrossentropy, BIN, PROBS_EDGE)
    add("bfce_rank3_masked", "new BinaryFocalCrossentropy()", L.BinaryFocalCrossentropy, R3_BIN, R3_PROBS,
        mask=R3_MASK)
    add("bfce_keras_docstring", "new BinaryFocalCrossentropy(true, 0.25, 2.0, true, 0.0, -1, "
        "Reduction.SUM_OVER_BATCH_SIZE)",
        lambda: L.BinaryFocalCrossentropy(apply_class_balancing=True, gamma=2, from_logits=True),
        [0.0, 1.0, 0.0, 0.0], [-18.6, 0.51, 2.94, -12.8])

    # categorical focal crossentropy
    for logits, p, tag in ((False, UNNORM, "probs"), (True, LOGITS, "logits")):
        jl = "true" if logits else "false"
        add(f"cfce_{tag}", f"new CategoricalFocalCrossentropy(0.25, 2.0, {jl}, 0.0, -1, "
            "Reduction.SUM_OVER_BATCH_SIZE)", lambda fl=logits: L.CategoricalFocalCrossentropy(from_logits=fl),
            ONE_HOT, p)
        add(f"cfce_{tag}_smoothing_gamma3", f"new CategoricalFocalCrossentropy(0.5, 3.0, {jl}, 0.2, -1, "
            "Reduction.SUM_OVER_BATCH_SIZE)",
            lambda fl=logits: L.CategoricalFocalCrossentropy(alpha=0.5, gamma=3.0, from_logits=fl,
                                                             label_smoothing=0.2), ONE_HOT, p)
        add(f"cfce_{tag}_alpha_list", f"new CategoricalFocalCrossentropy(new double[] {{0.1, 0.3, 0.6}}, 2.0, {jl}, "
            "0.0, -1, Reduction.SUM_OVER_BATCH_SIZE, \"categorical_focal_crossentropy\")",
            lambda fl=logits: L.CategoricalFocalCrossentropy(alpha=[0.1, 0.3, 0.6], from_logits=fl), ONE_HOT, p)
        add(f"cfce_{tag}_axis0", f"new CategoricalFocalCrossentropy(0.25, 2.0, {jl}, 0.0, 0, Reduction.NONE)",
            lambda fl=logits: L.CategoricalFocalCrossentropy(from_logits=fl, axis=0, reduction=None), SOFT, p)
        for kr, jr in REDUCTIONS:
            add(f"cfce_{tag}_weighted_{kr}", f"new CategoricalFocalCrossentropy(0.25, 2.0, {jl}, 0.0, -1, "
                f"Reduction.{jr})",
                lambda fl=logits, r=kr: L.CategoricalFocalCrossentropy(from_logits=fl, reduction=r), ONE_HOT, p, W4)
    add("cfce_rank3_masked", "new CategoricalFocalCrossentropy()", L.CategoricalFocalCrossentropy, R3_ONE_HOT,
        R3_PROBS, mask=R3_MASK)
    add("cfce_keras_docstring", "new CategoricalFocalCrossentropy()", L.CategoricalFocalCrossentropy,
        [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]])

    # generalized crossentropy
    gce_p = f32(PROBS / PROBS.sum(-1, keepdims=True))
    add("gce_default", "new CategoricalGeneralizedCrossEntropy()", L.CategoricalGeneralizedCrossEntropy, SPARSE,
        gce_p)
    add("gce_q_0_8_out_of_range", "new CategoricalGeneralizedCrossEntropy(0.8)",
        lambda: L.CategoricalGeneralizedCrossEntropy(q=0.8), [1, 5, 2, -1], gce_p)
    add("gce_truncated_labels", "new CategoricalGeneralizedCrossEntropy(0.3)",
        lambda: L.CategoricalGeneralizedCrossEntropy(q=0.3), [1.7, 0.2, 2.9, 1.0], gce_p)
    for kr, jr in REDUCTIONS:
        add(f"gce_weighted_{kr}", f"new CategoricalGeneralizedCrossEntropy(0.5, Reduction.{jr})",
            lambda r=kr: L.CategoricalGeneralizedCrossEntropy(reduction=r), SPARSE, gce_p, W4)
    add("gce_sequence_masked", "new CategoricalGeneralizedCrossEntropy()", L.CategoricalGeneralizedCrossEntropy,
        np.argmax(R3_ONE_HOT, -1), R3_PROBS, mask=R3_MASK)

    # dice and tversky
    add("dice_default", "new Dice()", L.Dice, SEG_T, SEG_P)
    add("dice_axes_123", "new Dice(new int[] {1, 2, 3}, Reduction.NONE, \"dice\")",
        lambda: L.Dice(axis=(1, 2, 3), reduction=None), SEG_T, SEG_P)
    add("dice_axis_last", "new Dice(-1)", lambda: L.Dice(axis=-1), SEG_T2, SEG_P2)
    add("dice_default_weighted", "new Dice(Reduction.SUM)", lambda: L.Dice(reduction="sum"), SEG_T2, SEG_P2,
        W2)
    for kr, jr in REDUCTIONS:
        add(f"dice_axes_weighted_{kr}", f"new Dice(new int[] {{1, 2}}, Reduction.{jr}, \"dice\")",
            lambda r=kr: L.Dice(axis=(1, 2), reduction=r), SEG_T2, SEG_P2, W2)
    add("dice_rank3_axis_last_masked", "new Dice(-1)", lambda: L.Dice(axis=-1), R3_BIN, R3_PROBS, mask=R3_MASK)
    add("tversky_default", "new Tversky()", L.Tversky, SEG_T, SEG_P)
    add("tversky_0_3_0_7", "new Tversky(0.3, 0.7)", lambda: L.Tversky(alpha=0.3, beta=0.7), SEG_T2, SEG_P2)
    add("tversky_axes", "new Tversky(0.7, 0.3, new int[] {1, 2, 3}, Reduction.NONE, \"tversky\")",
        lambda: L.Tversky(alpha=0.7, beta=0.3, axis=(1, 2, 3), reduction=None), SEG_T2, SEG_P2)
    for kr, jr in REDUCTIONS:
        add(f"tversky_axis_weighted_{kr}", f"new Tversky(0.4, 0.6, new int[] {{-1}}, Reduction.{jr}, \"tversky\")",
            lambda r=kr: L.Tversky(alpha=0.4, beta=0.6, axis=(-1,), reduction=r), BIN, PROBS, W4)
    add("tversky_rank3_axis_masked", "new Tversky(0.5, 0.5, -1)", lambda: L.Tversky(axis=-1), R3_BIN, R3_PROBS,
        mask=R3_MASK)

    # circle
    add("circle_default", "new Circle()", L.Circle, CIRCLE_Y, CIRCLE_E)
    add("circle_gamma_margin", "new Circle(16.0, 0.25, true)", lambda: L.Circle(gamma=16.0, margin=0.25), CIRCLE_Y,
        CIRCLE_E)
    add("circle_keep_diagonal", "new Circle(32.0, 0.4, false)", lambda: L.Circle(gamma=32.0, remove_diagonal=False),
        CIRCLE_Y, CIRCLE_E)
    add("circle_column_labels", "new Circle(16.0, 0.4, true)", lambda: L.Circle(gamma=16.0),
        CIRCLE_Y.reshape(6, 1), CIRCLE_E)
    for kr, jr in REDUCTIONS:
        add(f"circle_weighted_{kr}", f"new Circle(16.0, 0.4, true, Reduction.{jr}, \"circle\")",
            lambda r=kr: L.Circle(gamma=16.0, reduction=r), CIRCLE_Y, CIRCLE_E, [1.0, 0.5, 2.0, 1.0, 0.0, 3.0])
    add("circle_masked", "new Circle(16.0, 0.4, true)", lambda: L.Circle(gamma=16.0), CIRCLE_Y, CIRCLE_E,
        mask=CIRCLE_MASK)

    # ctc
    add("ctc_empty_label", "new CTC()", L.CTC, CTC_Y_EMPTY, CTC_P2)
    add("ctc_no_alignment", "new CTC(Reduction.NONE)", lambda: L.CTC(reduction=None), CTC_Y_LONG, CTC_P2)
    return cases


def value_and_grad(make, yt, yp, w, mask):
    loss = make()

    def f(p):
        if mask is not None:
            set_keras_mask(p, jnp.asarray(mask).astype(bool))
        return loss(yt, p, sample_weight=w) if w is not None else loss(yt, p)

    out = np.asarray(f(jnp.asarray(yp)), "float32")
    grad = np.asarray(jax.grad(lambda p: jnp.sum(f(p)))(jnp.asarray(yp)), "float32")
    return out, (grad if np.all(np.isfinite(grad)) else None)


def emit_losses():
    body = [
        "/** One call {@code loss(yTrue, yPred, sampleWeight)} (yPred carrying {@code mask} if not null), Keras's",
        " * result and the gradient of its sum with respect to yPred (null where Keras's is not finite, or the",
        " * inputs sit on a kink on purpose). */",
        "record Case(String id, java.util.function.Supplier<Loss> loss, float[] yTrue, int[] yTrueShape,",
        "            float[] yPred, int[] yPredShape, float[] weight, int[] weightShape, float[] mask,",
        "            int[] maskShape, float[] expected, int[] expectedShape, float[] gradient) {",
        "    @Override",
        "    public String toString() {",
        "        return id;",
        "    }",
        "}",
        "",
        "static final java.util.List<Case> CASES = java.util.List.of(",
    ]
    entries = []
    for cid, java, make, yt, yp, w, mask, with_grad in loss_cases():
        out, grad = value_and_grad(make, yt, yp, w, mask)
        grad = grad if with_grad else None
        assert np.all(np.isfinite(out)), (cid, out)
        wj = "null, null" if w is None else f"{arr(w)}, {shp(w)}"
        mj = "null, null" if mask is None else f"{arr(mask)}, {shp(mask)}"
        gj = "null" if grad is None else arr(grad)
        entries.append([f"    new Case(\"{cid}\", () -> {java},",
                        f"            {arr(yt)}, {shp(yt)},",
                        f"            {arr(yp)}, {shp(yp)},",
                        f"            {wj}, {mj},",
                        f"            {arr(out)}, {shp(out)},",
                        f"            {gj})"])
    for i, e in enumerate(entries):
        e[-1] += "," if i < len(entries) - 1 else ");"
        body += e
    print(java_class("dev.strata.losses", "Loss14Golden", SCRIPT, body,
                     doc="Values and gradients of the losses issue 14 adds, from Keras"), end="")


# ---- metrics ------------------------------------------------------------------------------------------------

def metric_cases():
    """(id, Java constructor, Keras constructor, [(y_true, y_pred, sample_weight, mask)])."""
    bin_batches = [(BIN, PRED, None, None), (PM1[:2], PRED[2:], [2.0, 0.5], None),
                   (R3_BIN, R3_P, [[1.0, 2.0, 0.0, 1.0], [0.5, 1.0, 1.0, 3.0]], R3_MASK)]
    cat_batches = [(ONE_HOT, PRED, None, None), (ONE_HOT[:2], LOGITS[:2], [2.0, 0.5], None),
                   (R3_ONE_HOT, R3_P, W2.reshape(2, 1), R3_MASK)]
    prob_batches = [(DIST_T, PROBS, None, None), (DIST_T0, PROBS_EDGE, W4, None),
                    (R3_PROBS, f32(R3_PROBS[::-1]), [[1.0, 2.0, 0.0, 1.0], [0.5, 1.0, 1.0, 3.0]], R3_MASK)]
    count_batches = [(COUNTS, RATES, None, None), (COUNTS[:2], RATES[2:], [3.0, 1.0], None),
                     (f32(np.abs(R3_P).round()), f32(np.abs(R3_P) + 0.1), W2.reshape(2, 1), R3_MASK)]
    vec_batches = [(VEC_T, VEC_P, None, None), (VEC_T, VEC_Z, W4, None),
                   (R3_P, f32(R3_P[::-1]), W2.reshape(2, 1), R3_MASK)]
    return [
        ("hinge", "new Hinge()", M.Hinge, bin_batches),
        ("squared_hinge", "new SquaredHinge(\"sq\")", lambda: M.SquaredHinge(name="sq"), bin_batches),
        ("categorical_hinge", "new CategoricalHinge()", M.CategoricalHinge, cat_batches),
        ("kl_divergence", "new KLDivergence()", M.KLDivergence, prob_batches),
        ("poisson", "new Poisson()", M.Poisson, count_batches),
        ("cosine_similarity", "new CosineSimilarity()", M.CosineSimilarity, vec_batches),
        ("cosine_similarity_axis0", "new CosineSimilarity(\"cos\", 0)",
         lambda: M.CosineSimilarity(name="cos", axis=0),
         [(VEC_T, VEC_P, None, None), (VEC_T, VEC_Z, [1.0, 2.0, 0.5], None)]),
    ]


def emit_metrics():
    body = [
        "/** One {@code update(yTrue, yPred, sampleWeight)} (yPred carrying {@code mask} if not null) and Keras's",
        " * {@code result()} after it. */",
        "record Update(float[] yTrue, int[] yTrueShape, float[] yPred, int[] yPredShape, float[] weight,",
        "              int[] weightShape, float[] mask, int[] maskShape, double result) {",
        "}",
        "",
        "/** A metric and a sequence of updates. */",
        "record Case(String id, java.util.function.Supplier<Metric> metric, java.util.List<Update> updates) {",
        "    @Override",
        "    public String toString() {",
        "        return id;",
        "    }",
        "}",
        "",
        "static final java.util.List<Case> CASES = java.util.List.of(",
    ]
    blocks = []
    for cid, java, make, batches in metric_cases():
        m = make()
        ups = []
        for yt, yp, w, mask in batches:
            yt, yp, w, mask = f32(yt), f32(yp), f32(w), f32(mask)
            p = jnp.asarray(yp)
            if mask is not None:
                set_keras_mask(p, jnp.asarray(mask).astype(bool))
            m.update_state(yt, p, sample_weight=w)
            r = float(np.asarray(m.result(), "float32"))
            wj = "null, null" if w is None else f"{arr(w)}, {shp(w)}"
            mj = "null, null" if mask is None else f"{arr(mask)}, {shp(mask)}"
            ups.append([f"            new Update({arr(yt)}, {shp(yt)},",
                        f"                    {arr(yp)}, {shp(yp)},",
                        f"                    {wj}, {mj}, {r!r})"])
        lines = [f"    new Case(\"{cid}\", () -> {java}, java.util.List.of("]
        for i, u in enumerate(ups):
            u[-1] += "," if i < len(ups) - 1 else "))"
            lines += u
        blocks.append(lines)
    for i, b in enumerate(blocks):
        b[-1] += "," if i < len(blocks) - 1 else ");"
        body += b
    print(java_class("dev.strata.metrics", "MetricWrapper14Golden", SCRIPT, body,
                     doc="Results after each update of the metrics issue 14 adds, from Keras"), end="")


# ---- configs ------------------------------------------------------------------------------------------------

# each class with its defaults first, then with other arguments
LOSS_CONFIGS = {
    "Hinge": [dict(name="h", reduction="sum")],
    "SquaredHinge": [dict(reduction=None)],
    "CategoricalHinge": [dict(name="ch", reduction="mean")],
    "KLDivergence": [dict(reduction="mean_with_sample_weight")],
    "Poisson": [dict(name="p", reduction="none")],
    "CosineSimilarity": [dict(name="cos", reduction="sum")],
    "BinaryFocalCrossentropy": [dict(apply_class_balancing=True, alpha=0.4, gamma=3.0, from_logits=True,
                                     label_smoothing=0.1, axis=0, reduction="sum", name="bf")],
    "CategoricalFocalCrossentropy": [dict(alpha=0.5, gamma=1.5, from_logits=True, label_smoothing=0.2, axis=1),
                                     dict(alpha=[0.1, 0.2, 0.7], name="cf")],
    "CategoricalGeneralizedCrossEntropy": [dict(q=0.7, reduction="sum", name="g")],
    "Dice": [dict(axis=(1, 2, 3), name="d"), dict(axis=-1, reduction=None)],
    "Tversky": [dict(alpha=0.3, beta=0.7, axis=(1, 2)), dict(axis=2, name="t")],
    "Circle": [dict(gamma=16.0, margin=0.25, remove_diagonal=False, reduction="sum", name="c")],
    "CTC": [dict(name="ctc_loss", reduction="mean")],
}
METRIC_CONFIGS = {
    "Hinge": [dict(name="h")],
    "SquaredHinge": [dict(name="sh")],
    "CategoricalHinge": [dict(name="ch")],
    "KLDivergence": [dict(name="kld")],
    "Poisson": [dict(name="p")],
    "CosineSimilarity": [dict(name="cos")],
}


def serialized(obj):
    return keras.saving.serialize_keras_object(obj)


def emit_configs():
    out = {"generated_by": f"{SCRIPT} configs (generated, do not edit)", "keras_version": keras.__version__}
    for kind, module, table in (("losses", L, LOSS_CONFIGS), ("metrics", M, METRIC_CONFIGS)):
        out[kind] = {name: [serialized(getattr(module, name)())] + [serialized(getattr(module, name)(**kw))
                                                                  for kw in cases]
                     for name, cases in table.items()}
    print(json.dumps(out, indent=1))


# ---- saved models ---------------------------------------------------------------------------------------------

def keras_models():
    """(name, model, loss, metrics, x, y): small models compiled with the new losses and metrics."""
    keras.utils.set_random_seed(7)
    r = rng(70)
    x = f32(r.uniform(-1, 1, (8, 4)))
    binary = f32(r.randint(0, 2, (8, 3)))
    one_hot = f32(np.eye(3)[r.randint(0, 3, 8)])
    dense = lambda units, act=None: keras.Sequential([keras.Input((4,)), keras.layers.Dense(units, activation=act)])
    circle = keras.Sequential([keras.Input((4,)), keras.layers.Dense(5), keras.layers.UnitNormalization()])
    ctc = keras.Sequential([keras.Input((6, 3)), keras.layers.Dense(4)])
    return [
        ("bfce", dense(3, "sigmoid"),
         L.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.4, gamma=1.5, label_smoothing=0.1),
         [M.Hinge(), "squared_hinge"], x, binary),
        ("kld", dense(3, "softmax"), L.KLDivergence(), [M.KLDivergence(name="kld_metric"), M.CosineSimilarity()],
         x, one_hot),
        ("cfce", dense(3, "softmax"), L.CategoricalFocalCrossentropy(alpha=[0.2, 0.3, 0.5], gamma=1.0),
         ["categorical_hinge", M.Poisson()], x, one_hot),
        ("hinge_string", dense(3), "hinge", ["kl_divergence"], x, binary),
        ("dice", dense(3, "sigmoid"), L.Dice(axis=(1,)), [], x, binary),
        ("circle", circle, L.Circle(gamma=16.0), [], x, f32([0, 1, 0, 2, 1, 1, 2, 0])),
        ("ctc", ctc, L.CTC(), [], f32(r.uniform(-1, 1, (4, 6, 3))), f32([[1, 2, 0], [3, 3, 0], [2, 0, 0], [1, 3, 2]])),
    ]


def emit_keras_files(folder):
    os.makedirs(folder, exist_ok=True)
    expected = {}
    for name, model, loss, metrics, x, y in keras_models():
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss=loss, metrics=metrics)
        model.save(os.path.join(folder, name + ".keras"))
        compile_config = model.get_compile_config()
        outputs = model.predict(x, verbose=0)
        model.train_on_batch(x, y)
        expected[name] = {"loss": compile_config["loss"], "metrics": compile_config["metrics"],
                          "x": x.tolist(), "outputs": np.asarray(outputs).tolist(), "y": y.tolist(),
                          "outputs_after": np.asarray(model.predict(x, verbose=0)).tolist()}
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump({"generated_by": f"{SCRIPT} keras_files (generated, do not edit)",
                   "keras_version": keras.__version__, "models": expected}, f, indent=1)


if __name__ == "__main__":
    if sys.argv[1] == "keras_files":
        emit_keras_files(sys.argv[2])
    else:
        {"losses": emit_losses, "metrics": emit_metrics, "configs": emit_configs}[sys.argv[1]]()

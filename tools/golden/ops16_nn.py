"""Reference values for the keras.ops.nn functions issue 16 adds to Strata (normalizations, moments, multi_hot, the
crossentropies, dot_product_attention, the activations as ops, psnr, depth_to_space, space_to_depth and the adaptive pools), from Keras 3 (keras.ops, JAX backend, float32),
with gradients from jax.grad of sum(W * f(...)) through the same ops.

Writes the Java test class Ops16NnGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_nn.py > strata-core/src/test/java/dev/strata/ops/Ops16NnGolden.java

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops16_nn.keras         a Functional model (inputs a (3, 4), b (3, 4), q (3, 2, 2)) whose outputs are these ops as
                         Keras writes them (None arguments, keyword tensors), for Strata to load
  ops16_nn_golden.json   its inputs and Keras's predictions
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
from _common import arr, java_class  # noqa: E402

inf, nan = np.inf, np.nan
rng = np.random.default_rng(16)
lines = []


def put(name, values, comment=None):
    if comment:
        lines.append(f"/** {comment} */")
    lines.append(f"static final float[] {name} = {arr(np.asarray(values, dtype=np.float32))};")


def r(*shape, lo=-2.0, hi=2.0):
    return np.round(rng.uniform(lo, hi, size=shape), 2).astype(np.float32)


def grads(f, args, w):
    """jax.grad of sum(w * f(*args)) with respect to every argument."""
    return jax.grad(lambda *a: jnp.sum(jnp.asarray(w) * f(*a)), argnums=tuple(range(len(args))))(
        *[jnp.asarray(a) for a in args])


def elementwise_grad(f, x):
    return jax.vmap(jax.grad(f))(jnp.asarray(x))


# ---- activations ---------------------------------------------------------------------------------------------------
X = np.array([-inf, -10, -3, -2, -1.5, -1.0, -0.999, -0.75, -0.5, -0.25, -0.0, 0.0, 0.25, 0.5, 0.75, 1.0, 1.001,
              1.5, 2, 3, 10, inf, nan], dtype=np.float32)
ACTIVATIONS = [
    ("CELU", lambda v: ops.celu(v)), ("CELU_A05", lambda v: ops.celu(v, alpha=0.5)),
    ("HARD_SHRINK", lambda v: ops.hard_shrink(v)), ("HARD_SHRINK_T1", lambda v: ops.hard_shrink(v, 1.0)),
    ("HARD_SILU", ops.hard_silu), ("HARD_TANH", ops.hard_tanh), ("LOG_SIGMOID", ops.log_sigmoid),
    ("SOFT_SHRINK", lambda v: ops.soft_shrink(v)), ("SOFT_SHRINK_T1", lambda v: ops.soft_shrink(v, 1.0)),
    ("SPARSE_PLUS", ops.sparse_plus), ("SPARSE_SIGMOID", ops.sparse_sigmoid),
    ("SQUAREPLUS", lambda v: ops.squareplus(v)), ("SQUAREPLUS_B1", lambda v: ops.squareplus(v, 1)),
    ("TANH_SHRINK", ops.tanh_shrink), ("THRESHOLD", lambda v: ops.threshold(v, 0.5, -2.0)),
]


def activations():
    put("X", X, "Arguments of the elementwise activations (edges, signed zeros, infinities, NaN).")
    for name, f in ACTIVATIONS:
        put(name, f(X))
        put(name + "_GRAD", elementwise_grad(f, X))
    t = r(2, 3, 4)
    w = r(2, 3, 2, lo=0.5, hi=1.5)
    w0 = r(1, 3, 4, lo=0.5, hi=1.5)
    put("T", t, "(2, 3, 4) for glu and sparsemax; W_GLU (2, 3, 2), W_GLU0 (1, 3, 4) and W_T (2, 3, 4) weight gradients.")
    put("W_GLU", w)
    put("W_GLU0", w0)
    wt = r(2, 3, 4, lo=0.5, hi=1.5)
    put("W_T", wt)
    put("GLU", ops.glu(t))
    put("GLU_GRAD", grads(lambda v: ops.glu(v), [t], w)[0])
    put("GLU_AXIS0", ops.glu(t, axis=0))
    put("GLU_AXIS0_GRAD", grads(lambda v: ops.glu(v, axis=0), [t], w0)[0])
    s = np.array([[1.0, 0.5, 0.2, 3.0, -1.0], [0.1, 0.2, 0.15, 0.05, 0.0], [2.0, 2.0, -1.0, 0.0, 1.5]], np.float32)
    ws = r(3, 5, lo=0.5, hi=1.5)
    put("S", s, "(3, 5) for sparsemax (ties, a near-uniform row); WS weights.")
    put("WS", ws)
    put("SPARSEMAX", ops.sparsemax(s))
    put("SPARSEMAX_GRAD", grads(lambda v: ops.sparsemax(v), [s], ws)[0])
    put("SPARSEMAX_AXIS0", ops.sparsemax(s, axis=0))
    put("SPARSEMAX_T_AXIS1", ops.sparsemax(t, axis=1))
    put("SPARSEMAX_T_AXIS1_GRAD", grads(lambda v: ops.sparsemax(v, axis=1), [t], wt)[0])


# ---- statistics and normalizations ---------------------------------------------------------------------------------
def normalizations():
    x = r(2, 3, 4)
    w = r(2, 3, 4, lo=0.5, hi=1.5)
    put("NX", x, "(2, 3, 4) input of the normalizations; NW (2, 3, 4) weights.")
    put("NW", w)
    for tag, axes, keep in [("A1", [1], False), ("A02", [0, 2], False), ("A02_KEEP", [0, 2], True),
                            ("ALL", None, False)]:
        m, v = ops.moments(x, axes, keepdims=keep)
        put(f"MOMENTS_{tag}_MEAN", m)
        put(f"MOMENTS_{tag}_VAR", v)
        wm = np.linspace(0.5, 1.5, np.size(m)).reshape(np.shape(m)).astype(np.float32)
        wv = np.linspace(1.5, 0.5, np.size(v)).reshape(np.shape(v)).astype(np.float32)
        g = jax.grad(lambda a: jnp.sum(wm * ops.moments(a, axes, keepdims=keep)[0])
                     + jnp.sum(wv * ops.moments(a, axes, keepdims=keep)[1]))(jnp.asarray(x))
        put(f"MOMENTS_{tag}_GRAD", g)
    mean, var, off, sc = r(4), r(4, lo=0.1, hi=2), r(4), r(4)
    put("BN_MEAN", mean, "batch_normalization's vectors for axis -1 (4) and BN3_* for axis 1 (3).")
    put("BN_VAR", var)
    put("BN_OFFSET", off)
    put("BN_SCALE", sc)
    put("BN", ops.batch_normalization(x, mean, var, -1, off, sc))
    put("BN_PLAIN", ops.batch_normalization(x, mean, var, -1))
    put("BN_EPS", ops.batch_normalization(x, mean, var, -1, epsilon=0.5))
    for i, g in enumerate(grads(lambda a, m, v, o, s: ops.batch_normalization(a, m, v, -1, o, s),
                                [x, mean, var, off, sc], w)):
        put(f"BN_GRAD{i}", g)
    m3, v3, s3 = r(3), r(3, lo=0.1, hi=2), r(3)
    put("BN3_MEAN", m3)
    put("BN3_VAR", v3)
    put("BN3_SCALE", s3)
    put("BN_AXIS1_SCALE_ONLY", ops.batch_normalization(x, m3, v3, 1, scale=s3))
    gamma, beta = r(4), r(4)
    put("LN_GAMMA", gamma, "layer_normalization's gamma and beta (4,), and (3, 4) ones for axes [1, 2].")
    put("LN_BETA", beta)
    put("LN", ops.layer_normalization(x, gamma, beta))
    put("LN_PLAIN", ops.layer_normalization(x))
    put("LN_EPS", ops.layer_normalization(x, epsilon=0.1))
    for i, g in enumerate(grads(lambda a, gm, bt: ops.layer_normalization(a, gm, bt), [x, gamma, beta], w)):
        put(f"LN_GRAD{i}", g)
    g2, b2 = r(3, 4), r(3, 4)
    put("LN_GAMMA2", g2)
    put("LN_BETA2", b2)
    put("LN_AXES12", ops.layer_normalization(x, g2, b2, axis=[1, 2]))
    for i, g in enumerate(grads(lambda a, gm, bt: ops.layer_normalization(a, gm, bt, axis=[1, 2]), [x, g2, b2], w)):
        put(f"LN_AXES12_GRAD{i}", g)
    put("LN_AXIS0", ops.layer_normalization(x, axis=0))
    put("RMS", ops.rms_normalization(x, gamma))
    put("RMS_PLAIN", ops.rms_normalization(x))
    put("RMS_AXES12_EPS", ops.rms_normalization(x, g2, axis=[1, 2], epsilon=0.5))
    for i, g in enumerate(grads(lambda a, s: ops.rms_normalization(a, s), [x, gamma], w)):
        put(f"RMS_GRAD{i}", g)
    xz = x.copy()
    xz[0, 1, :] = 0.0
    put("NXZ", xz, "NX with a row of zeros (normalize caps the inverse norm at 1/epsilon).")
    put("NORMALIZE", ops.normalize(xz))
    put("NORMALIZE_GRAD", grads(lambda a: ops.normalize(a), [x], w)[0])
    put("NORMALIZE_AXES01", ops.normalize(xz, axis=[0, 1]))
    put("NORMALIZE_O1", ops.normalize(xz, order=1))
    put("NORMALIZE_O1_GRAD", grads(lambda a: ops.normalize(a, order=1), [x], w)[0])
    put("NORMALIZE_O3_AXIS1", ops.normalize(xz, axis=1, order=3))
    put("NORMALIZE_O3_AXIS1_GRAD", grads(lambda a: ops.normalize(a, axis=1, order=3), [x], w)[0])
    put("NORMALIZE_EPS", ops.normalize(xz, epsilon=1.0))


# ---- multi_hot and crossentropies ----------------------------------------------------------------------------------
def encodings():
    labels = np.array([[0, 2, 2, 7], [1.7, -1, 3, 4], [-0.5, 4.9, 0, 0]], np.float32)
    put("MH_LABELS", labels, "multi_hot's labels: repeats, out of range, negative and fractional values.")
    put("MH", ops.multi_hot(labels, 5))
    put("MH_VECTOR", ops.multi_hot(labels[0], 5))
    put("MH_AXIS0", ops.multi_hot(labels, 5, axis=0))
    l3 = np.array([[[0, 1], [2, 1]], [[3, 3], [0, 5]]], np.float32)
    put("MH_L3", l3)
    put("MH_L3_OUT", ops.multi_hot(l3, 4))
    t, p = r(3, 4, lo=0, hi=1), r(3, 4, lo=0, hi=1)
    p[0, 0], p[1, 1], t[2, 2] = 0.0, 1.0, 1.0
    logits = r(3, 4, lo=-4, hi=4)
    w = r(3, 4, lo=0.5, hi=1.5)
    put("CE_T", t, "crossentropy targets (3, 4), probabilities (with 0 and 1) and logits; CE_W weights.")
    put("CE_P", p)
    put("CE_L", logits)
    put("CE_W", w)
    put("BCE", ops.binary_crossentropy(t, p))
    put("BCE_LOGITS", ops.binary_crossentropy(t, logits, from_logits=True))
    for i, g in enumerate(grads(lambda a, b: ops.binary_crossentropy(a, b), [t, p * 0.8 + 0.1], w)):
        put(f"BCE_GRAD{i}", g)
    for i, g in enumerate(grads(lambda a, b: ops.binary_crossentropy(a, b, from_logits=True), [t, logits], w)):
        put(f"BCE_LOGITS_GRAD{i}", g)
    w3 = w[:, 0]
    put("CCE", ops.categorical_crossentropy(t, p))
    put("CCE_LOGITS", ops.categorical_crossentropy(t, logits, from_logits=True))
    put("CCE_AXIS0", ops.categorical_crossentropy(t, p, axis=0))
    for i, g in enumerate(grads(lambda a, b: ops.categorical_crossentropy(a, b, from_logits=True), [t, logits], w3)):
        put(f"CCE_LOGITS_GRAD{i}", g)
    for i, g in enumerate(grads(lambda a, b: ops.categorical_crossentropy(a, b), [t, p * 0.8 + 0.1], w3)):
        put(f"CCE_GRAD{i}", g)
    sl = np.array([2, 0, 5], np.float32)
    put("SCE_LABELS", sl, "sparse labels (one out of range)")
    put("SCE", ops.sparse_categorical_crossentropy(sl, p))
    put("SCE_LOGITS", ops.sparse_categorical_crossentropy(sl[:, None], logits, from_logits=True))
    put("SCE_LOGITS_GRAD", grads(lambda b: ops.sparse_categorical_crossentropy(sl, b, from_logits=True), [logits],
                                 w3)[0])


# ---- dot_product_attention -----------------------------------------------------------------------------------------
def attention():
    q, k, v = r(2, 3, 4, 2), r(2, 5, 2, 2), r(2, 5, 2, 2)
    bias = r(1, 4, 3, 5)
    mask = (rng.uniform(size=(2, 1, 3, 5)) > 0.3).astype(np.float32)
    mask[:, :, :, 0] = 1.0
    w = r(2, 3, 4, 2, lo=0.5, hi=1.5)
    put("Q", q, "query (2, 3, 4, 2), key and value (2, 5, 2, 2): grouped heads; bias (1, 4, 3, 5), mask (2, 1, 3, 5).")
    put("K", k)
    put("V", v)
    put("BIAS", bias)
    put("MASK", mask)
    put("WQ", w)
    put("DPA", ops.dot_product_attention(q, k, v))
    put("DPA_ALL", ops.dot_product_attention(q, k, v, bias=bias, mask=mask.astype(bool), scale=0.7))
    put("DPA_CAUSAL", ops.dot_product_attention(q, k, v, is_causal=True))
    put("DPA_CAUSAL_MASK", ops.dot_product_attention(q, k, v, mask=mask.astype(bool), is_causal=True))
    for i, g in enumerate(grads(lambda a, b, c, d: ops.dot_product_attention(a, b, c, bias=d, mask=mask.astype(bool)),
                                [q, k, v, bias], w)):
        put(f"DPA_GRAD{i}", g)


# ---- psnr, depth_to_space, space_to_depth --------------------------------------------------------------------------
def rearrangements():
    x1, x2 = r(2, 3, 4), r(2, 3, 4)
    put("P1", x1, "psnr's signals (2, 3, 4)")
    put("P2", x2)
    put("PSNR", [ops.psnr(x1, x2, 2.0)])
    for i, g in enumerate(grads(lambda a, b: ops.psnr(a, b, 2.0), [x1, x2], 1.0)):
        put(f"PSNR_GRAD{i}", g)
    put("PSNR_SAME", [ops.psnr(x1, x1, 1.0)])
    d = r(2, 2, 3, 8)
    put("D", d, "(2, 2, 3, 8) for depth_to_space (block 2) and space_to_depth (block 2, channels first: (2, 2, 2, 4))")
    put("DTS", ops.depth_to_space(d, 2))
    put("DTS_CF", ops.depth_to_space(d.reshape(2, 8, 2, 3), 2, data_format="channels_first"))
    put("STD", ops.space_to_depth(d.reshape(2, 4, 6, 2), 2))
    put("STD_CF", ops.space_to_depth(d.reshape(2, 2, 4, 6), 2, data_format="channels_first"))


# ---- adaptive pooling ----------------------------------------------------------------------------------------------
def adaptive_pools():
    x1, x2, x3 = r(2, 7, 3), r(2, 5, 7, 2), r(1, 3, 5, 4, 2)
    put("AP1", x1, "adaptive pooling inputs: 1D (2, 7, 3), 2D (2, 5, 7, 2), 3D (1, 3, 5, 4, 2), channels last")
    put("AP2", x2)
    put("AP3", x3)
    for tag, f in [("AVG", ops.adaptive_average_pool), ("MAX", ops.adaptive_max_pool)]:
        put(f"AP1_{tag}", f(x1, 3))
        put(f"AP2_{tag}", f(x2, (2, 3)))
        put(f"AP2_{tag}_CF", f(x2, 2, data_format="channels_first"))
        put(f"AP3_{tag}", f(x3, (2, 2, 3)))
        w = np.linspace(0.5, 1.5, 2 * 2 * 3 * 2).reshape(2, 2, 3, 2).astype(np.float32)
        put(f"AP2_{tag}_GRAD", grads(lambda v: f(v, (2, 3)), [x2], w)[0])


def interop():
    keras.utils.clear_session()
    a = keras.Input((3, 4), name="a")
    b = keras.Input((3, 4), name="b")
    q = keras.Input((3, 2, 2), name="q")
    vec = ops.mean(b, axis=[0, 1])  # a (4,) tensor of the graph
    pos = ops.add(ops.abs(vec), 0.5)
    m, v = ops.moments(a, [1])
    # keys with a positive sum are attended (batch, 1, 1, 3): boolean, so JAX's jax.nn path computes it
    key_mask = ops.expand_dims(ops.expand_dims(ops.greater(ops.sum(q, axis=[2, 3]), 0), 1), 1)
    outs = [
        m, v, *ops.moments(a, [0, 2], keepdims=True),
        ops.batch_normalization(a, vec, pos, -1), ops.batch_normalization(a, vec, pos, 2, offset=vec, scale=pos,
                                                                         epsilon=0.01),
        ops.layer_normalization(a), ops.layer_normalization(a, pos, vec, axis=-1, epsilon=0.001),
        ops.rms_normalization(a), ops.rms_normalization(a, pos, epsilon=0.01),
        ops.normalize(a), ops.normalize(a, axis=1, order=1), ops.multi_hot(ops.floor(ops.abs(b) * 3), 6),
        ops.binary_crossentropy(ops.sigmoid(b), ops.sigmoid(a)), ops.binary_crossentropy(ops.sigmoid(b), a, True),
        ops.categorical_crossentropy(ops.softmax(b), a, from_logits=True),
        ops.categorical_crossentropy(ops.softmax(b, axis=1), ops.softmax(a, axis=1), axis=1),
        ops.sparse_categorical_crossentropy(ops.floor(ops.abs(ops.mean(b, axis=-1)) * 6), a, from_logits=True),
        ops.dot_product_attention(q, q, q), ops.dot_product_attention(q, q, q, mask=key_mask, is_causal=True, scale=0.5),
        ops.celu(a), ops.celu(a, 0.5), ops.glu(a), ops.glu(ops.concatenate([a, b], axis=1), axis=1),
        ops.hard_shrink(a), ops.hard_shrink(a, 0.3), ops.hard_silu(a), ops.hard_tanh(a * 2), ops.log_sigmoid(a),
        ops.soft_shrink(a, 0.25), ops.sparse_plus(a), ops.sparse_sigmoid(a), ops.sparsemax(a), ops.sparsemax(a, axis=1),
        ops.squareplus(a), ops.squareplus(a, 2), ops.tanh_shrink(a), ops.threshold(a, 0.1, -1.0),
        ops.softmax(a, axis=1), ops.log_softmax(a), ops.add(a, ops.psnr(a, b, 2.0)),
        ops.space_to_depth(ops.reshape(a, (-1, 2, 6, 1)), 2), ops.depth_to_space(ops.reshape(a, (-1, 1, 3, 4)), 2),
        ops.depth_to_space(ops.reshape(a, (-1, 4, 1, 3)), 2, data_format="channels_first"),
        ops.adaptive_average_pool(a, (2,)), ops.adaptive_max_pool(ops.reshape(a, (-1, 3, 2, 2)), (2, 1)),
        ops.adaptive_max_pool(a, (2,), data_format="channels_first"),
    ]
    model = keras.Model([a, b, q], outs, name="ops16_nn")
    xa = np.round(rng.uniform(-1, 1, size=(2, 3, 4)), 3).astype(np.float32)
    xb = np.round(rng.uniform(-1, 1, size=(2, 3, 4)), 3).astype(np.float32)
    xq = np.round(rng.uniform(-1, 1, size=(2, 3, 2, 2)), 3).astype(np.float32)
    ys = model.predict([xa, xb, xq], verbose=0)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_nn.keras"))
    doc = {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "q": xq.ravel().tolist(),
           "outputs": [np.asarray(y, dtype=np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_nn_golden.json"), "w") as f:
        json.dump(doc, f)


if "--interop" in sys.argv:
    interop()
    sys.exit(0)

activations()
normalizations()
encodings()
attention()
rearrangements()
adaptive_pools()
sys.stdout.write(java_class("dev.strata.ops", "Ops16NnGolden", "tools/golden/ops16_nn.py", lines,
                            doc="Reference values of issue 16's keras.ops.nn functions: Keras"))

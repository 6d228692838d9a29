"""Reference values for the keras.ops.linalg ops of issue 16 (inv, solve, det, slogdet, logdet, cholesky,
cholesky_inverse, solve_triangular, qr, svd, eigh, lstsq, lu_factor, norm, pinv, matrix_rank), from Keras 3 (JAX
backend, float32), with gradients from jax.grad of sum(W * f(x)) through the same keras.ops.

    KERAS_BACKEND=jax python tools/golden/ops16_linalg.py > \
        strata-core/src/test/java/dev/strata/ops/Ops16LinalgGolden.java

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops16_linalg.keras         a Functional model (inputs a (3, 3) and b (3, 2)) whose outputs use these ops as Keras
                             writes them, for Strata to load
  ops16_linalg_golden.json   its inputs and Keras's predictions

Eigen- and singular vectors are unique only up to sign, which LAPACK and Strata choose differently: their values and
gradients are given for a sign-fixed form (each vector times the sign of its sum), which is unique and still
differentiable (sign has a zero gradient in both).
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

from _common import arr, java_class, shp  # noqa: E402

inf, nan = np.inf, np.nan
rng = np.random.default_rng(16)
lines = []


def r(*shape, lo=-1.0, hi=1.0):
    return np.round(rng.uniform(lo, hi, size=shape), 2).astype(np.float32)


def put(name, value, doc=None):
    a = np.asarray(value, dtype=np.float32)
    if doc:
        lines.append(f"/** {doc} */")
    lines.append(f"static final float[] {name} = {arr(a)};")
    lines.append(f"static final int[] {name}_SHAPE = {shp(a)};")


def grad(f, *xs, argnums=0, w=None):
    """jax.grad of sum(W * f(*xs)), W a fixed weight of f's shape (put as <name>_W by the caller)."""
    return jax.grad(lambda *v: jnp.sum(jnp.asarray(w) * f(*v)), argnums=argnums)(*[jnp.asarray(x) for x in xs])


def weights(name, like):
    w = np.round(rng.uniform(0.5, 1.5, size=np.shape(like)), 2).astype(np.float32)
    put(name, w)
    return w


def case(name, f, *xs, grads=True, doc=None):
    """f(*xs) as NAME; with grads, the weights NAME_W and the gradients NAME_GRAD<i> for every input."""
    y = f(*xs)
    put(name, y, doc)
    if grads:
        w = weights(name + "_W", y)
        for i in range(len(xs)):
            put(f"{name}_GRAD{i}", grad(f, *xs, argnums=i, w=w))


def signfix_cols(v):
    """v (..., M, K) with each column times the sign of its sum."""
    return v * ops.sign(ops.sum(v, axis=-2, keepdims=True))


def golden():
    # inputs
    G = r(2, 3, 3) + 2.5 * np.eye(3, dtype=np.float32)  # well conditioned, general
    M = r(2, 3, 3)
    A = (M @ np.swapaxes(M, -1, -2) + np.eye(3)).astype(np.float32)  # symmetric positive definite
    B = r(2, 3, 2)
    BV = r(3)
    B1 = r(3, 2)
    TALL = r(2, 4, 3)
    WIDE = r(3, 5)
    SQ = r(3, 3)
    INT = np.array([[2, 1, 0], [1, 3, 1], [0, 1, 4]], dtype=np.float32)  # whole numbers, det 18
    SING = np.array([[1, 2], [2, 4]], dtype=np.float32)
    NOTPD = np.array([[[4, 2], [2, 3]], [[1, 2], [2, 1]]], dtype=np.float32)
    for n, v in [("G", G), ("A", A), ("B", B), ("BV", BV), ("B1", B1), ("TALL", TALL), ("WIDE", WIDE), ("SQ", SQ),
                 ("INT", INT), ("SING", SING), ("NOTPD", NOTPD)]:
        put(n, v)

    case("INV_G", ops.inv, G)
    case("INV_INT", ops.inv, INT, grads=False)
    put("INV_SING", ops.inv(SING), "Singular: JAX divides by the zero pivot.")
    put("SOLVE_SING", ops.solve(SING, np.array([1, 1], np.float32)))
    put("DET_SING", ops.det(SING))
    s, l = ops.slogdet(SING)
    put("SLOGDET_SING_SIGN", s)
    put("SLOGDET_SING_LOG", l)

    case("SOLVE_GB", ops.solve, G, B)
    case("SOLVE_GBV", ops.solve, G, BV, doc="a (2, 3, 3), b (3,): a vector, broadcast over a's batch")
    case("SOLVE_GB1", ops.solve, G, B1, doc="a (2, 3, 3), b (3, 2): b broadcast over a's batch")
    B3 = r(2, 3, 3)
    put("B3", B3)
    case("SOLVE_SQB3", ops.solve, SQ + 2 * np.eye(3, dtype=np.float32), B3, doc="a (3, 3), b (2, 3, 3)")

    case("DET_G", ops.det, G)
    put("DET_INT", ops.det(INT))
    case("SLOGDET_LOG_G", lambda x: ops.slogdet(x)[1], G)
    put("SLOGDET_SIGN_G", ops.slogdet(G)[0])
    NEG = G.copy()
    NEG[:, [0, 1]] = NEG[:, [1, 0]]  # rows swapped: negative determinants
    put("NEG", NEG)
    put("SLOGDET_SIGN_NEG", ops.slogdet(NEG)[0])
    put("SLOGDET_LOG_NEG", ops.slogdet(NEG)[1])
    case("LOGDET_A", ops.logdet, A)
    put("LOGDET_NEG", ops.logdet(NEG))

    case("CHOLESKY_A", ops.cholesky, A)
    case("CHOLESKY_UPPER_A", lambda x: ops.cholesky(x, upper=True), A)
    put("CHOLESKY_NOTPD", jnp.linalg.cholesky(NOTPD), "Not positive definite (second matrix): JAX gives NaN.")
    L = np.asarray(ops.cholesky(A))
    put("L", L)
    # one matrix: Keras's JAX cholesky_inverse fails on a batch (its identity right-hand side is taken for vectors)
    case("CHOLESKY_INVERSE_L", ops.cholesky_inverse, L[0])
    case("CHOLESKY_INVERSE_U", lambda x: ops.cholesky_inverse(x, upper=True), L[0].T.copy())

    case("SOLVE_TRI_LOWER", lambda a, b: ops.solve_triangular(a, b, lower=True), G, B)
    case("SOLVE_TRI_UPPER", lambda a, b: ops.solve_triangular(a, b), G, B)
    BB = r(2, 3)
    put("BB", BB)
    case("SOLVE_TRI_BATCHED_VECTOR", lambda a, b: ops.solve_triangular(a, b, lower=True), G, BB)

    for nm, x in [("TALL", TALL), ("WIDE", WIDE), ("SQ", SQ)]:
        for mode in ["reduced", "complete"]:
            q, rr = ops.qr(x, mode=mode)
            put(f"QR_{nm}_{mode.upper()}_Q", q)
            put(f"QR_{nm}_{mode.upper()}_R", rr)
        wq = weights(f"QR_{nm}_WQ", ops.qr(x)[0])
        wr = weights(f"QR_{nm}_WR", ops.qr(x)[1])
        put(f"QR_{nm}_GRAD", jax.grad(lambda v: jnp.sum(wq * ops.qr(v)[0]) + jnp.sum(wr * ops.qr(v)[1]))(x))

    for nm, x in [("TALL", TALL), ("WIDE", WIDE), ("SQ", SQ)]:
        case(f"SVD_S_{nm}", lambda v: ops.svd(v, compute_uv=False), x)

        def fixed(v, part):
            u, s, vh = ops.svd(v, full_matrices=False)
            sg = ops.sign(ops.sum(u, axis=-2))  # (..., K)
            return u * sg[..., None, :] if part == 0 else vh * sg[..., :, None]

        put(f"SVD_U_{nm}", fixed(x, 0))
        put(f"SVD_VH_{nm}", fixed(x, 1))
        wu = weights(f"SVD_U_{nm}_W", fixed(x, 0))
        wv = weights(f"SVD_VH_{nm}_W", fixed(x, 1))
        put(f"SVD_UV_{nm}_GRAD", jax.grad(lambda v: jnp.sum(wu * fixed(v, 0)) + jnp.sum(wv * fixed(v, 1)))(x))
    put("SVD_FULL_TALL_U_SHAPE_PROBE", ops.svd(TALL)[0])

    case("EIGH_W_A", lambda v: ops.eigh(v)[0], A)
    case("EIGH_V_A", lambda v: signfix_cols(ops.eigh(v)[1]), A)
    case("EIGH_W_G", lambda v: ops.eigh(v)[0], G, doc="Not symmetric: its symmetric part is used.")

    LA = r(4, 3)
    LB = r(4, 2)
    LBV = r(4)
    put("LA", LA)
    put("LB", LB)
    put("LBV", LBV)
    case("LSTSQ_M", ops.lstsq, LA, LB)
    case("LSTSQ_V", ops.lstsq, LA, LBV)
    LWB = r(3, 2)
    put("LWB", LWB)
    case("LSTSQ_WIDE", ops.lstsq, WIDE, LWB, doc="Under-determined: the least-norm solution.")
    RANK2 = np.array([[1, 2, 3], [2, 4, 6], [1, 0, 1], [0, 2, 2]], dtype=np.float32)  # rank 2
    put("RANK2", RANK2)
    put("LSTSQ_RANK2", ops.lstsq(RANK2, LBV))
    put("LSTSQ_RANK2_RCOND", ops.lstsq(RANK2, LBV, rcond=0.5))

    for nm, x in [("G", G), ("TALL", TALL), ("WIDE", WIDE), ("INT", INT)]:
        lu, piv = ops.lu_factor(x)
        put(f"LU_{nm}", lu)
        put(f"LU_{nm}_PIV", piv)

    X = r(2, 3, 4)
    put("X", X)
    for o in [None, 2, 1, inf, -inf, 0, 3, -1, 0.5]:
        tag = "NONE" if o is None else str(o).replace("-", "M").replace(".", "_").upper()
        case(f"NORM_V_{tag}", lambda v: ops.norm(v, ord=o, axis=-1), X, grads=o != 0)
        put(f"NORM_V_{tag}_KEEP", ops.norm(X, ord=o, axis=1, keepdims=True))
    for o in [None, "fro", "nuc", 1, -1, inf, -inf, 2, -2]:
        tag = "NONE" if o is None else str(o).replace("-", "M").upper()
        case(f"NORM_M_{tag}", lambda v: ops.norm(v, ord=o, axis=(-2, -1)), X)
        put(f"NORM_M_{tag}_02_KEEP", ops.norm(X, ord=o, axis=(2, 0), keepdims=True))
    case("NORM_ALL", ops.norm, X)
    put("NORM_ALL_KEEP", ops.norm(X, keepdims=True))
    put("NORM_ALL_2D_INF", ops.norm(X[0], ord=inf))
    put("NORM_ZERO_GRAD", grad(lambda v: ops.norm(v, axis=-1), np.zeros((2, 3), np.float32),
                                w=np.ones((2,), np.float32)), "The 2-norm's gradient at a zero vector (NaN in JAX).")
    put("NORM_NAN_INF", ops.norm(np.array([[1, nan, 2], [1, inf, 2], [-inf, 0, 0]], np.float32), axis=-1))

    case("PINV_TALL", ops.pinv, TALL)
    case("PINV_WIDE", ops.pinv, WIDE)
    put("PINV_RANK2", ops.pinv(RANK2))
    put("PINV_RANK2_RCOND", ops.pinv(RANK2, rcond=0.3))

    RANKS = np.stack([RANK2, np.zeros((4, 3), np.float32), r(4, 3), np.outer([1, 2, 3, 4], [1, -1, 2])]).astype(
        np.float32)
    put("RANKS", RANKS)
    put("MATRIX_RANK", ops.matrix_rank(RANKS))
    put("MATRIX_RANK_TOL", ops.matrix_rank(RANKS, tol=2.0))

    ONE = np.array([[[2.5]], [[-0.5]]], dtype=np.float32)  # size-1 matrices, one negative
    put("ONE", ONE)
    case("ONE_INV", ops.inv, ONE)
    case("ONE_DET", ops.det, ONE)
    put("ONE_SLOGDET_SIGN", ops.slogdet(ONE)[0])
    put("ONE_SLOGDET_LOG", ops.slogdet(ONE)[1])
    put("ONE_CHOLESKY", jnp.linalg.cholesky(ONE), "The second is not positive definite: NaN.")
    put("ONE_QR_Q", ops.qr(ONE)[0])
    put("ONE_QR_R", ops.qr(ONE)[1])
    put("ONE_SVD_S", ops.svd(ONE, compute_uv=False))
    put("ONE_EIGH_W", ops.eigh(ONE)[0])
    put("ONE_PINV", ops.pinv(ONE))
    put("ONE_NORM_M2", ops.norm(ONE, ord=-2, axis=(1, 2)))


def interop():
    # Norm's axes are given as tuples: Keras 3.15's Norm node turns an int axis into a list, which its JAX norm
    # cannot hash (so Keras could not predict with it); the saved file holds lists either way.
    keras.utils.clear_session()
    a = keras.Input((3, 3), name="a")
    b = keras.Input((3, 2), name="b")
    spd = ops.matmul(a, ops.transpose(a, (0, 2, 1))) + 3 * ops.eye(3)
    sv = ops.svd(a, full_matrices=False)
    # Keras's JAX cholesky_inverse takes one matrix only: the first sample's, then made batch-shaped by a matmul
    spd0 = ops.reshape(ops.slice(spd, (0, 0, 0), (1, 3, 3)), (3, 3))
    outs = [
        ops.inv(spd), ops.solve(spd, b), ops.det(a), *ops.slogdet(spd), ops.logdet(spd),
        ops.cholesky(spd), ops.cholesky(spd, upper=True), ops.matmul(ops.cholesky_inverse(ops.cholesky(spd0)), a),
        ops.solve_triangular(spd, b, lower=True), ops.solve_triangular(spd, b),
        ops.qr(a)[1], ops.qr(a, mode="complete")[1], ops.svd(a, compute_uv=False), sv[1],
        ops.matmul(sv[0] * ops.expand_dims(sv[1], -2), sv[2]),
        ops.eigh(spd)[0], *ops.lu_factor(spd),
        ops.norm(a, keepdims=True), ops.norm(a, ord=inf, axis=(-2, -1)), ops.norm(a, ord=1, axis=(-1,), keepdims=True),
        ops.norm(a, ord="fro", axis=(1, 2)), ops.norm(a, ord="nuc", axis=(1, 2)), ops.norm(a, ord=-2, axis=(1, 2)),
        ops.norm(a, ord=3, axis=(1,)), ops.norm(a, ord=0.5, axis=(-1,)),
        ops.pinv(b), ops.pinv(b, rcond=0.1), ops.matrix_rank(a), ops.matrix_rank(a, tol=0.5),
    ]
    model = keras.Model([a, b], outs, name="ops16_linalg")
    xa = np.round(rng.uniform(-1, 1, size=(4, 3, 3)), 3).astype(np.float32)
    xb = np.round(rng.uniform(-1, 1, size=(4, 3, 2)), 3).astype(np.float32)
    ys = model.predict([xa, xb], verbose=0)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_linalg.keras"))
    doc = {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "a_shape": list(xa.shape), "b_shape": list(xb.shape),
           "outputs": [np.asarray(y, dtype=np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_linalg_golden.json"), "w") as f:
        json.dump(doc, f)


if "--interop" in sys.argv:
    interop()
    sys.exit(0)

golden()
print(java_class("dev.strata.ops", "Ops16LinalgGolden", "tools/golden/ops16_linalg.py", lines,
                 doc="Reference values of the keras.ops.linalg ops (issue 16); gradients by jax.grad of sum(W * f(x)). "
                     "From Keras"), end="")

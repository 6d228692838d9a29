"""Reference values for issue 16's keras.ops.math part (segment reductions, in_top_k, cdist, extract_sequences, the
Fourier transforms fft/fft2/ifft2/rfft/irfft, stft/istft) and keras.ops.rearrange, from Keras 3 (JAX backend,
float32), with gradients from jax.grad of sum(W * f(x)) (two-part results: sum(W1 * real + W2 * imag)).

Writes the Java test class Ops16MathGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_math.py > strata-core/src/test/java/dev/strata/ops/Ops16MathGolden.java

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops16_math.keras        a Functional model (inputs a (4, 3, 8) and ids (4,) int32, batch fixed since Keras's
                          rearrange needs known dimensions) whose outputs are these ops, for Strata to load
  ops16_math_golden.json  its inputs and Keras's predictions
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
LINES = []


def put(name, values, comment=None):
    if comment:
        LINES.append(f"/** {comment} */")
    LINES.append(f"static final float[] {name} = {arr(values)};")


def r(*shape, lo=-1.0, hi=1.0):
    return np.round(rng.uniform(lo, hi, size=shape), 3).astype(np.float32)


def grad1(f, x, w):
    return jax.grad(lambda v: jnp.sum(jnp.asarray(w) * f(v)))(jnp.asarray(x))


def grad_pair_out(f, args, w1, w2):
    """Gradients with respect to every argument of sum(w1 * f(...)[0] + w2 * f(...)[1])."""
    def loss(*a):
        y = f(*a)
        return jnp.sum(jnp.asarray(w1) * y[0]) + jnp.sum(jnp.asarray(w2) * y[1])
    return jax.grad(loss, argnums=tuple(range(len(args))))(*[jnp.asarray(a) for a in args])


# ---- segments -----------------------------------------------------------------------------------------------------
SEG = np.array([[1, 5], [3, 5], [3, 0], [2, 2], [-1, 4], [7, -2]], dtype=np.float32)  # ties in segment 0
SEG_IDS = np.array([0, 0, 0, 2, -1, 5], dtype=np.float32)  # -1 and 5 (>= num_segments 3) are dropped
SEG_SORTED_IDS = np.array([0, 0, 1, 1, 1, 2], dtype=np.float32)
SEG_NAN = SEG.copy()
SEG_NAN[1, 0] = nan
SEG_W = r(3, 2, lo=0.5, hi=1.5)
put("SEG", SEG, "Segment data (6, 2) with ties, ids with dropped rows (-1, 5), 3 segments; SEG_W weights gradients.")
put("SEG_IDS", SEG_IDS)
put("SEG_SORTED_IDS", SEG_SORTED_IDS)
put("SEG_NAN", SEG_NAN)
put("SEG_W", SEG_W)
ids_i = SEG_IDS.astype(np.int32)
sorted_i = SEG_SORTED_IDS.astype(np.int32)
for name, f in [("SUM", ops.segment_sum), ("MAX", ops.segment_max), ("MIN", ops.segment_min),
                ("PROD", ops.segment_prod)]:
    put(f"SEGMENT_{name}", f(SEG, ids_i, num_segments=3))
    put(f"SEGMENT_{name}_SORTED", f(SEG, sorted_i, num_segments=3, sorted=True))
    put(f"SEGMENT_{name}_NAN", f(SEG_NAN, ids_i, num_segments=3))
    if name != "PROD":
        put(f"SEGMENT_{name}_GRAD", grad1(lambda v: f(v, ids_i, num_segments=3), SEG, SEG_W))
SEG3 = r(4, 2, 3)
put("SEG3", SEG3, "Rank-3 data (4, 2, 3) into 2 segments by ids SEG3_IDS.")
put("SEG3_IDS", [1, 0, 1, 1])
put("SEGMENT_SUM3", ops.segment_sum(SEG3, np.array([1, 0, 1, 1], np.int32), num_segments=2))
put("SEGMENT_MAX3", ops.segment_max(SEG3, np.array([1, 0, 1, 1], np.int32), num_segments=2))

# ---- in_top_k -----------------------------------------------------------------------------------------------------
PRED = np.array([[0.1, 0.4, 0.6, 0.9, 0.5], [0.1, 0.7, 0.9, 0.8, 0.3], [0.1, 0.6, 0.9, 0.9, 0.5],
                 [nan, 0.2, 0.2, 0.2, 0.1], [0.3, nan, 0.3, -inf, 0.3], [0.5, 0.5, 0.5, 0.5, 0.5]], dtype=np.float32)
TARGETS = np.array([2, 4, 3, 0, 1, -2], dtype=np.float32)
TARGETS_OUT = np.array([5, -6, 4, 1, 0, 3], dtype=np.float32)
put("PRED", PRED, "Predictions (6, 5) with ties, NaN and -inf; targets (one negative), and targets out of range.")
put("TARGETS", TARGETS)
put("TARGETS_OUT", TARGETS_OUT)
for k in [0, 1, 2, 3, 5]:
    put(f"IN_TOP_K{k}", ops.in_top_k(TARGETS.astype(np.int32), PRED, k))
    put(f"IN_TOP_K{k}_OUT", ops.in_top_k(TARGETS_OUT.astype(np.int32), PRED, k))

# ---- cdist --------------------------------------------------------------------------------------------------------
CX = r(2, 3, 4)
CY = r(5, 4)
CW = r(2, 3, 5, lo=0.5, hi=1.5)
put("CX", CX, "cdist of (2, 3, 4) and (5, 4) (batch broadcast), weights (2, 3, 5); and (1, 2, 2) with (3, 4, 2).")
put("CY", CY)
put("CW", CW)
put("CDIST", ops.cdist(CX, CY))
gx, gy = jax.grad(lambda a, b: jnp.sum(CW * ops.cdist(a, b)), argnums=(0, 1))(jnp.asarray(CX), jnp.asarray(CY))
put("CDIST_GRAD_X", gx)
put("CDIST_GRAD_Y", gy)
CX2 = r(1, 2, 2)
CY2 = r(3, 4, 2)
put("CX2", CX2)
put("CY2", CY2)
put("CDIST2", ops.cdist(CX2, CY2))

# ---- extract_sequences ---------------------------------------------------------------------------------------------
ES = r(2, 10)
put("ES", ES, "extract_sequences of (2, 10): (3, 2), (4, 3), (10, 1), (1, 5) (one frame of 10 with stride 5 ...).")
for length, stride in [(3, 2), (4, 3), (10, 1), (1, 5), (2, 2)]:
    y = ops.extract_sequences(ES, length, stride)
    put(f"ES_{length}_{stride}", y)
    put(f"ES_{length}_{stride}_GRAD", grad1(lambda v: ops.extract_sequences(v, length, stride), ES,
                                            np.arange(1, y.size + 1, dtype=np.float32).reshape(y.shape) / 10))

# ---- fft, fft2, ifft2 ----------------------------------------------------------------------------------------------
for n in [1, 2, 5, 8, 12]:
    re, im = r(2, n), r(2, n)
    w1, w2 = r(2, n, lo=0.5, hi=1.5), r(2, n, lo=0.5, hi=1.5)
    put(f"FFT{n}_RE", re, f"fft of (2, {n}): input, output, weights and gradients of sum(W1*real + W2*imag).")
    put(f"FFT{n}_IM", im)
    put(f"FFT{n}_W1", w1)
    put(f"FFT{n}_W2", w2)
    yr, yi = ops.fft((re, im))
    put(f"FFT{n}_OUT_RE", yr)
    put(f"FFT{n}_OUT_IM", yi)
    g = grad_pair_out(lambda a, b: ops.fft((a, b)), (re, im), w1, w2)
    put(f"FFT{n}_GRAD_RE", g[0])
    put(f"FFT{n}_GRAD_IM", g[1])
for tag, shape in [("A", (2, 3, 4)), ("B", (4, 6)), ("C", (5, 3))]:
    re, im = r(*shape), r(*shape)
    w1, w2 = r(*shape, lo=0.5, hi=1.5), r(*shape, lo=0.5, hi=1.5)
    put(f"F2{tag}_RE", re, f"fft2 and ifft2 of {shape}.")
    put(f"F2{tag}_IM", im)
    put(f"F2{tag}_W1", w1)
    put(f"F2{tag}_W2", w2)
    for name, f in [("FFT2", ops.fft2), ("IFFT2", ops.ifft2)]:
        yr, yi = f((re, im))
        put(f"{name}{tag}_OUT_RE", yr)
        put(f"{name}{tag}_OUT_IM", yi)
        g = grad_pair_out(lambda a, b: f((a, b)), (re, im), w1, w2)
        put(f"{name}{tag}_GRAD_RE", g[0])
        put(f"{name}{tag}_GRAD_IM", g[1])

# ---- rfft, irfft ---------------------------------------------------------------------------------------------------
RX = r(2, 7)
put("RX", RX, "rfft of (2, 7) with fft_length None, 4, 7, 8, 12; weights of the bins RW<n>_1/2.")
for n in [None, 4, 7, 8, 12]:
    tag = "D" if n is None else str(n)
    bins = (7 if n is None else n) // 2 + 1
    w1, w2 = r(2, bins, lo=0.5, hi=1.5), r(2, bins, lo=0.5, hi=1.5)
    yr, yi = ops.rfft(RX, n)
    put(f"RFFT_{tag}_RE", yr)
    put(f"RFFT_{tag}_IM", yi)
    put(f"RW{tag}_1", w1)
    put(f"RW{tag}_2", w2)
    put(f"RFFT_{tag}_GRAD", grad_pair_out(lambda a: ops.rfft(a, n), (RX,), w1, w2)[0])
IR_RE, IR_IM = r(2, 5), r(2, 5)
put("IR_RE", IR_RE, "irfft of a (2, 5)-bin spectrum with fft_length None (8), 4, 7, 8, 9, 12; weights IRW<n>.")
put("IR_IM", IR_IM)
for n in [None, 4, 7, 8, 9, 12]:
    tag = "D" if n is None else str(n)
    length = 8 if n is None else n
    w = r(2, length, lo=0.5, hi=1.5)
    put(f"IRW{tag}", w)
    put(f"IRFFT_{tag}", ops.irfft((IR_RE, IR_IM), n))
    g = jax.grad(lambda a, b: jnp.sum(w * ops.irfft((a, b), n)), argnums=(0, 1))(jnp.asarray(IR_RE),
                                                                               jnp.asarray(IR_IM))
    put(f"IRFFT_{tag}_GRAD_RE", g[0])
    put(f"IRFFT_{tag}_GRAD_IM", g[1])

# ---- stft, istft ---------------------------------------------------------------------------------------------------
SX = r(2, 16)
put("SX", SX, "stft of (2, 16) for each case of STFT_CASES (sequence_length, sequence_stride, fft_length, window "
              "(0 hann, 1 hamming, 2 none), center); weights SW<i>_1/2.")
STFT_CASES = [(8, 4, 8, "hann", True), (5, 3, 8, "hamming", False), (4, 2, 4, None, True), (6, 4, 7, "hann", True),
              (3, 5, 4, "hann", False), (8, 8, 8, "hann", True)]
WIN = {"hann": 0, "hamming": 1, None: 2}
LINES.append("static final int[][] STFT_CASES = {" + ", ".join(
    "{" + f"{a}, {b}, {c}, {WIN[d]}, {int(e)}" + "}" for a, b, c, d, e in STFT_CASES) + "};")
for i, (sl, ss, fl, win, center) in enumerate(STFT_CASES):
    yr, yi = ops.stft(SX, sl, ss, fl, win, center)
    put(f"STFT{i}_RE", yr)
    put(f"STFT{i}_IM", yi)
    LINES.append(f"static final int[] STFT{i}_SHAPE = {{{', '.join(str(d) for d in yr.shape)}}};")
    w1, w2 = r(*yr.shape, lo=0.5, hi=1.5), r(*yr.shape, lo=0.5, hi=1.5)
    put(f"SW{i}_1", w1)
    put(f"SW{i}_2", w2)
    put(f"STFT{i}_GRAD", grad_pair_out(lambda a: ops.stft(a, sl, ss, fl, win, center), (SX,), w1, w2)[0])
    # istft of the stft (a round trip) and of random spectra of the same shape, with gradients
    back = ops.istft((yr, yi), sl, ss, fl, None, win, center)
    put(f"ISTFT{i}_BACK", back)
    LINES.append(f"static final int[] ISTFT{i}_SHAPE = {{{', '.join(str(d) for d in back.shape)}}};")
    zr, zi = r(*yr.shape), r(*yr.shape)
    put(f"ISTFT{i}_RE", zr)
    put(f"ISTFT{i}_IM", zi)
    out = ops.istft((zr, zi), sl, ss, fl, None, win, center)
    put(f"ISTFT{i}", out)
    wo = r(*out.shape, lo=0.5, hi=1.5)
    put(f"ISTFT{i}_W", wo)
    g = jax.grad(lambda a, b: jnp.sum(wo * ops.istft((a, b), sl, ss, fl, None, win, center)), argnums=(0, 1))(
        jnp.asarray(zr), jnp.asarray(zi))
    put(f"ISTFT{i}_GRAD_RE", g[0])
    put(f"ISTFT{i}_GRAD_IM", g[1])
put("ISTFT0_LEN10", ops.istft((ops.stft(SX, 8, 4, 8)), 8, 4, 8, 10), "istft of case 0 with length 10.")

# ---- rearrange -----------------------------------------------------------------------------------------------------
RA = np.arange(2 * 6 * 4, dtype=np.float32).reshape(2, 6, 4)
REARRANGE = [("b h w -> b w h", {}), ("b h w -> (b h) w", {}), ("b h w -> h (b w)", {}), ("b h w -> b (w h)", {}),
             ("b (h h1) w -> b h (h1 w)", {"h1": 3}), ("b (h1 h) (w1 w) -> (b h1 w1) h w", {"h1": 2, "w1": 2}),
             ("b h w -> w h b", {})]
LINES.append("/** rearrange of a (2, 6, 4) ramp: patterns, their axes_lengths, results and shapes. */")
LINES.append("static final String[] REARRANGE_PATTERNS = {" + ", ".join(f'"{p}"' for p, _ in REARRANGE) + "};")
for i, (p, lengths) in enumerate(REARRANGE):
    y = ops.rearrange(RA, p, **lengths)
    put(f"REARRANGE{i}", y)
    LINES.append(f"static final int[] REARRANGE{i}_SHAPE = {{{', '.join(str(d) for d in y.shape)}}};")


def interop():
    """The Keras-saved model for Strata to load (see the module docstring)."""
    keras.utils.clear_session()
    a = keras.Input(batch_shape=(4, 3, 8), name="a")
    ids = keras.Input(batch_shape=(4,), dtype="int32", name="ids")
    pred = ops.mean(a, axis=1)  # (4, 8)
    b = a * 0.5 - 0.25
    sr, si = ops.stft(a, 4, 2, 4)
    outs = [
        ops.segment_sum(a, ids, num_segments=3), ops.segment_max(a, ids, num_segments=3),
        ops.segment_min(a, ids, num_segments=3, sorted=True), ops.segment_prod(a, ids, num_segments=3),
        ops.in_top_k(ids, pred, 3), ops.cdist(a, b), ops.extract_sequences(a, 3, 2),
        *ops.fft((a, b)), *ops.fft2((a, b)), *ops.ifft2((a, b)), *ops.rfft(a), *ops.rfft(a, 5),
        ops.irfft((a, b)), ops.irfft((a, b), 7), sr, si, ops.istft((sr, si), 4, 2, 4),
        *ops.stft(a, 5, 3, 6, "hamming", False), *ops.stft(a, 3, 2, 4, None, True),
        ops.istft(ops.stft(a, 3, 2, 4, None, True), 3, 2, 4, 6, None, True),
        # (a decomposed input axis, "b h (w w1) -> ...", w1=2, fails inside Keras's jitted predict: the product of
        # axes_lengths becomes a tracer in the reshape)
        ops.rearrange(a, "b h w -> w (b h)"), ops.rearrange(a, "b h w -> (h w) b"),
    ]
    model = keras.Model([a, ids], outs, name="ops16_math")
    xa = np.round(rng.uniform(-1, 1, size=(4, 3, 8)), 3).astype(np.float32)
    xi = np.array([0, 2, 0, 1], dtype=np.int32)
    ys = model.predict([xa, xi], verbose=0, batch_size=4)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_math.keras"))
    doc = {"a": xa.ravel().tolist(), "ids": xi.astype(np.float32).ravel().tolist(), "shape": list(xa.shape),
           "outputs": [np.asarray(y, dtype=np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_math_golden.json"), "w") as f:
        json.dump(doc, f)


if "--interop" in sys.argv:
    interop()
    sys.exit(0)

sys.stdout.write(java_class("dev.strata.ops", "Ops16MathGolden", "tools/golden/ops16_math.py", LINES,
                            doc="Reference values of issue 16's keras.ops.math part, gradients by jax.grad, from Keras"))

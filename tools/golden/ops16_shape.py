"""Reference values for the array creation and manipulation ops of keras.ops.numpy that issue 16 adds to Strata
(flip, roll, rot90, moveaxis, swapaxes, ravel, the stacks and splits, append, the diagonals, copy, meshgrid, vander,
select, nonzero, unravel_index and the creation functions), from Keras 3 (keras.ops, JAX backend, float32), with
gradients from jax.grad through the same ops.

Writes the Java test class Ops16ShapeGolden:

    KERAS_BACKEND=jax python tools/golden/ops16_shape.py > strata-core/src/test/java/dev/strata/ops/Ops16ShapeGolden.java

With --interop it writes, instead, to strata-core/src/test/resources/keras-golden/:
  ops16_shape.keras         a Functional model (inputs a, b of shape (3, 4)) whose outputs are each of these ops as
                            Keras writes them, for Strata to load
  ops16_shape_golden.json   its inputs and Keras's predictions

Every case is f(inputs) -> one tensor, or a list of tensors (then the golden value is the raveled outputs
concatenated, and the shapes are listed). Its gradient with respect to input i is of sum(W * f(inputs)) with the
weights W[j] = 0.5 + 0.25 * (j % 7) over the flattened (concatenated) output, which the Java test makes the same way.
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

nan, inf = np.nan, np.inf
rng = np.random.default_rng(16)


def r(*shape):
    return np.round(rng.uniform(-2, 2, size=shape), 2).astype(np.float32)


T = r(2, 3, 4)
U = r(2, 2, 4)
V = r(1, 3, 4)
D = r(2, 3, 1)
ONE = r(1, 3, 1)
M = r(3, 4)
M2 = r(2, 2)
A = r(3)
B = r(2)
C = r(4)
I = np.arange(24, dtype=np.float32).reshape(2, 3, 4)  # integer values
TN = T.copy()
TN[0, 0, 0], TN[1, 1, 1], TN[0, 2, 3], TN[1, 0, 0] = nan, inf, -inf, -0.0
VZ = np.array([0.0, -1.5, 2.0], dtype=np.float32)
VN = np.array([0.5, -1.5, 2.0], dtype=np.float32)
E = np.zeros((0, 3), dtype=np.float32)
NZ = np.array([[0, 1.5, 0, nan], [0, 0, 0, 0], [-2, 0, inf, 0.0]], dtype=np.float32)
IDX = np.array([[0, 5, 11], [-1, 7, 3]], dtype=np.float32)

INPUTS = dict(T=T, U=U, V=V, D=D, ONE=ONE, M=M, M2=M2, A=A, B=B, C=C, I=I, TN=TN, VZ=VZ, VN=VN, E=E, NZ=NZ, IDX=IDX)

# name, f, input names, differentiable
CASES = [
    ("FLIP_ALL", lambda x: ops.flip(x), ["T"], True),
    ("FLIP_1", lambda x: ops.flip(x, 1), ["T"], True),
    ("FLIP_0M1", lambda x: ops.flip(x, (0, -1)), ["T"], True),
    ("FLIP_NAN", lambda x: ops.flip(x, 2), ["TN"], False),
    ("FLIP_ONE", lambda x: ops.flip(x), ["ONE"], True),
    ("FLIPLR", lambda x: ops.fliplr(x), ["T"], True),
    ("FLIPUD", lambda x: ops.flipud(x), ["T"], True),
    ("FLIPUD_VEC", lambda x: ops.flipud(x), ["A"], True),
    ("ROLL_2", lambda x: ops.roll(x, 2), ["T"], True),
    ("ROLL_M1_AXIS1", lambda x: ops.roll(x, -1, 1), ["T"], True),
    ("ROLL_PAIRS", lambda x: ops.roll(x, (1, -2), (0, 2)), ["T"], True),
    ("ROLL_SAME_AXIS", lambda x: ops.roll(x, (1, 2), (2, 2)), ["T"], True),
    ("ROLL_ONE_SHIFT_TWO_AXES", lambda x: ops.roll(x, 1, (1, 2)), ["T"], True),
    ("ROLL_BIG", lambda x: ops.roll(x, 7, 2), ["I"], True),
    ("ROLL_NEG_BIG", lambda x: ops.roll(x, -25), ["I"], True),
    ("ROLL_NAN", lambda x: ops.roll(x, 5), ["TN"], False),
    ("ROLL_EMPTY", lambda x: ops.roll(x, 1, 1), ["E"], False),
    ("ROT90", lambda x: ops.rot90(x), ["T"], True),
    ("ROT90_K2", lambda x: ops.rot90(x, 2), ["T"], True),
    ("ROT90_K3_12", lambda x: ops.rot90(x, 3, (1, 2)), ["T"], True),
    ("ROT90_KM1_20", lambda x: ops.rot90(x, -1, (2, 0)), ["T"], True),
    ("ROT90_K5_M", lambda x: ops.rot90(x, 5), ["M"], True),
    ("MOVEAXIS", lambda x: ops.moveaxis(x, 0, -1), ["T"], True),
    ("MOVEAXIS_2", lambda x: ops.moveaxis(x, (0, 1), (2, 0)), ["T"], True),
    ("SWAPAXES", lambda x: ops.swapaxes(x, 0, 2), ["T"], True),
    ("SWAPAXES_M", lambda x: ops.swapaxes(x, -1, 1), ["T"], True),
    ("RAVEL", lambda x: ops.ravel(x), ["T"], True),
    ("HSTACK", lambda x, y: ops.hstack([x, y]), ["T", "U"], True),
    ("HSTACK_VEC", lambda x, y: ops.hstack([x, y]), ["A", "B"], True),
    ("VSTACK", lambda x, y: ops.vstack([x, y]), ["T", "V"], True),
    ("VSTACK_VEC", lambda x, y: ops.vstack([x, y]), ["A", "A"], True),
    ("DSTACK", lambda x, y: ops.dstack([x, y]), ["T", "D"], True),
    ("DSTACK_MAT", lambda x, y: ops.dstack([x, y]), ["M2", "M2"], True),
    ("DSTACK_VEC", lambda x, y: ops.dstack([x, y]), ["A", "A"], True),
    ("APPEND", lambda x, y: ops.append(x, y), ["T", "U"], True),
    ("APPEND_AXIS1", lambda x, y: ops.append(x, y, axis=1), ["T", "U"], True),
    ("ARRAY_SPLIT", lambda x: ops.array_split(x, 3, axis=2), ["T"], True),
    ("ARRAY_SPLIT_VEC", lambda x: ops.array_split(x, 3), ["C"], True),
    ("ARRAY_SPLIT_MORE", lambda x: ops.array_split(x, 3), ["B"], True),
    ("HSPLIT", lambda x: ops.hsplit(x, 3), ["T"], True),
    ("HSPLIT_IDX", lambda x: ops.hsplit(x, [1]), ["T"], True),
    ("HSPLIT_VEC", lambda x: ops.hsplit(x, 2), ["C"], True),
    ("VSPLIT", lambda x: ops.vsplit(x, 2), ["T"], True),
    ("DSPLIT", lambda x: ops.dsplit(x, [1, 3]), ["T"], True),
    ("DIAG_V", lambda x: ops.diag(x), ["A"], True),
    ("DIAG_V_K1", lambda x: ops.diag(x, 1), ["A"], True),
    ("DIAG_V_KM2", lambda x: ops.diag(x, -2), ["A"], True),
    ("DIAG_M", lambda x: ops.diag(x), ["M"], True),
    ("DIAG_M_K1", lambda x: ops.diag(x, 1), ["M"], True),
    ("DIAG_M_KM1", lambda x: ops.diag(x, -1), ["M"], True),
    ("DIAG_M_K5", lambda x: ops.diag(x, 5), ["M"], True),
    ("DIAGFLAT", lambda x: ops.diagflat(x), ["M2"], True),
    ("DIAGFLAT_K1", lambda x: ops.diagflat(x, 1), ["M2"], True),
    ("DIAGONAL", lambda x: ops.diagonal(x), ["T"], True),
    ("DIAGONAL_1_12", lambda x: ops.diagonal(x, 1, 1, 2), ["T"], True),
    ("DIAGONAL_M1_20", lambda x: ops.diagonal(x, -1, 2, 0), ["T"], True),
    ("DIAGONAL_NAN", lambda x: ops.diagonal(x, 0, 1, 2), ["TN"], False),
    ("TRACE", lambda x: ops.trace(x), ["T"], True),
    ("TRACE_1_12", lambda x: ops.trace(x, 1, 1, 2), ["T"], True),
    ("TRACE_M1_M1M2", lambda x: ops.trace(x, -1, -1, -2), ["T"], True),
    ("TRACE_NAN", lambda x: ops.trace(x, 0, 1, 2), ["TN"], False),
    ("TRACE_INT", lambda x: ops.trace(x), ["I"], False),
    ("COPY", lambda x: ops.copy(x), ["TN"], False),
    ("MESHGRID", lambda x, y: ops.meshgrid(x, y), ["A", "B"], True),
    ("MESHGRID_IJ", lambda x, y: ops.meshgrid(x, y, indexing="ij"), ["A", "B"], True),
    ("MESHGRID_3", lambda x, y, z: ops.meshgrid(x, y, z), ["A", "B", "C"], True),
    ("VANDER", lambda x: ops.vander(x), ["VN"], True),
    ("VANDER_4_INC", lambda x: ops.vander(x, 4, True), ["VN"], True),
    ("VANDER_ZERO", lambda x: ops.vander(x), ["VZ"], True),
    ("SELECT", lambda x: ops.select([x > 0.5, x < -0.5], [x, x * 2]), ["T"], True),
    ("SELECT_BROADCAST", lambda x, y: ops.select([x > 0, y > 1], [x, y], -1.0), ["T", "C"], True),
]
# x[key] (Keras's GetItem), the key as Python writes it, the same string the Java test gives Ops.getItem
GET_ITEM_KEYS = ["0", "-1", "1:3", "1:3, None, ...", "..., ::-1", ":, -1, 1::2", "None", "::-2, 1:, -3:-1",
                 "0, 2, 3", "..., 1", "1, ..., None, 2", ":, 5:9", "::, None, 2:0:-1"]
for n, key in enumerate(GET_ITEM_KEYS):
    CASES.append((f"GET_ITEM_{n}", eval(f"lambda x: x[{key}]"), ["T"], True))
CASES.append(("GET_ITEM_NAN", lambda x: x[:, 1], ["TN"], False))

ENUM_CASES = [
    ("NONZERO", lambda x: ops.nonzero(x), ["NZ"]),
    ("UNRAVEL", lambda x: ops.unravel_index(x.astype("int32"), (3, 4)), ["IDX"]),
    ("UNRAVEL_3D", lambda x: ops.unravel_index(x.astype("int32"), (2, 3, 2)), ["IDX"]),
]
CREATION = [
    ("ARANGE_5", ops.arange(5.0)),
    ("ARANGE_15_4", ops.arange(1.5, 4)),
    ("ARANGE_0_1_01", ops.arange(0, 1, 0.1)),
    ("ARANGE_10_0_M3", ops.arange(10.0, 0, -3)),
    ("ARANGE_EMPTY", ops.arange(3.0, 1)),
    ("LINSPACE_0_1_5", ops.linspace(0, 1, 5)),
    ("LINSPACE_M2_35_7_OPEN", ops.linspace(-2, 3.5, 7, endpoint=False)),
    ("LINSPACE_1_1_1", ops.linspace(1, 1, 1)),
    ("LINSPACE_0_1_0", ops.linspace(0, 1, 0)),
    ("LINSPACE_2_3", ops.linspace(2, 3)),
    ("LINSPACE_3_M1_4", ops.linspace(3, -1, 4)),
    ("LOGSPACE_0_2_5", ops.logspace(0, 2, 5)),
    ("LOGSPACE_1_M1_4_BASE2", ops.logspace(1, -1, 4, True, 2)),
    ("LOGSPACE_0_3", ops.logspace(0, 3)),
    ("GEOMSPACE_1_1000_4", ops.geomspace(1, 1000, 4)),
    ("GEOMSPACE_M1_M16_5", ops.geomspace(-1, -16, 5)),
    ("GEOMSPACE_2_05_3_OPEN", ops.geomspace(2, 0.5, 3, endpoint=False)),
    ("GEOMSPACE_1_2", ops.geomspace(1, 2)),
    ("EYE_3", ops.eye(3)),
    ("EYE_3_4_1", ops.eye(3, 4, 1)),
    ("EYE_4_3_M2", ops.eye(4, 3, -2)),
    ("EYE_2_3_5", ops.eye(2, 3, 5)),
    ("IDENTITY_3", ops.identity(3)),
    ("TRI_3", ops.tri(3)),
    ("TRI_3_5_1", ops.tri(3, 5, 1)),
    ("TRI_4_2_M1", ops.tri(4, 2, -1)),
    ("TRI_2_3_M5", ops.tri(2, 3, -5)),
]
for m in [0, 1, 2, 5, 6]:
    for w in ["bartlett", "blackman", "hamming", "hanning"]:
        CREATION.append((f"{w.upper()}_{m}", getattr(ops, w)(m)))
for m, beta in [(0, 1.0), (1, 3.0), (5, 14.0), (6, 0.5), (7, 0.0)]:
    CREATION.append((f"KAISER_{m}_{str(beta).replace('.', '_')}", ops.kaiser(m, beta)))


def flat(y):
    if isinstance(y, (list, tuple)):
        return jnp.concatenate([jnp.ravel(jnp.asarray(o, dtype=jnp.float32)) for o in y])
    return jnp.ravel(jnp.asarray(y, dtype=jnp.float32))


def shapes(y):
    return [np.shape(o) for o in y] if isinstance(y, (list, tuple)) else None


def weights(n):
    return 0.5 + 0.25 * (np.arange(n) % 7).astype(np.float32)


def golden():
    lines = []
    for name, value in INPUTS.items():
        lines.append(f"static final float[] IN_{name} = {arr(value)};")
        lines.append(f"static final int[] IN_{name}_SHAPE = {shp(value)};")
    lines.append("")
    for name, f, args, differentiable in CASES:
        xs = [jnp.asarray(INPUTS[a]) for a in args]
        y = f(*xs)
        out = flat(y)
        lines.append(f"static final float[] {name} = {arr(out)};")
        if shapes(y) is None:
            lines.append(f"static final int[] {name}_SHAPE = {shp(y)};")
        else:
            lines.append(f"static final int[][] {name}_SHAPES = {{{', '.join(shp(np.zeros(s)) for s in shapes(y))}}};")
        if differentiable:
            w = jnp.asarray(weights(out.shape[0]))
            for i in range(len(xs)):
                def loss(v, i=i):
                    vs = list(xs)
                    vs[i] = v
                    return jnp.sum(w * flat(f(*vs)))
                lines.append(f"static final float[] {name}_GRAD{i} = {arr(jax.grad(loss)(xs[i]))};")
    lines.append("")
    for name, f, args in ENUM_CASES:
        y = f(*[jnp.asarray(INPUTS[a]) for a in args])
        lines.append(f"static final float[] {name} = {arr(flat(y))};")
        lines.append(f"static final int[][] {name}_SHAPES = {{{', '.join(shp(np.zeros(s)) for s in shapes(y))}}};")
    lines.append("")
    for name, y in CREATION:
        lines.append(f"static final float[] {name} = {arr(y)};")
        lines.append(f"static final int[] {name}_SHAPE = {shp(y)};")
    return java_class("dev.strata.ops", "Ops16ShapeGolden", "tools/golden/ops16_shape.py", lines,
                      doc="Array creation and manipulation ops (issue 16) from Keras")


def interop():
    """The Keras-saved model for Strata to load (see the module docstring)."""
    keras.utils.clear_session()
    a = keras.Input((3, 4), name="a")
    b = keras.Input((3, 4), name="b")
    ta = ops.trace(a, 0, 1, 2)  # vectors (batch,) for the ops that take vectors
    tb = ops.trace(b, 1, 1, 2)
    outs = [
        ops.flip(a), ops.flip(a, 1), ops.flip(a, (1, 2)), ops.fliplr(a), ops.flipud(a), ops.roll(a, 2),
        ops.roll(a, -1, 1), ops.roll(a, (1, 2), (1, 2)), ops.rot90(a, 1, (1, 2)), ops.rot90(a, 2, (1, 2)),
        ops.moveaxis(a, 1, 2), ops.moveaxis(a, (1, 2), (2, 1)), ops.swapaxes(a, 1, -1), ops.ravel(a),
        ops.hstack([a, b]), ops.vstack([a, b]), ops.dstack([a, b]), ops.append(a, b), ops.append(a, b, axis=2),
        *ops.array_split(a, 3, axis=2), *ops.hsplit(a, 3), *ops.hsplit(a, [1]), *ops.vsplit(a, 2),
        *ops.dsplit(a, [1, 3]), ops.diagflat(ops.trace(a, 0, 1, 2)), ops.diagonal(a, 1, 1, 2),
        ops.trace(a, 0, 1, 2), ops.diagonal(a), ops.trace(a), ops.zeros_like(a), ops.ones_like(a),
        ops.full_like(a, 2.5), ops.empty_like(a) * 0, ops.copy(a), *ops.meshgrid(ta, tb),
        *ops.meshgrid(ta, tb, indexing="ij"), ops.vander(ta), ops.vander(ta, 3, True), ops.diag(ops.diagonal(a, 0, 1, 2)),
        ops.diag(ta, 1), *ops.unravel_index(ops.argmax(a, axis=-1), (2, 2)), a * ops.size(b),
        a[0], a[:, 1:3, None, ...], a[..., ::-1], a[:, -1, 1::2], a[1:3, None, ...], a[0, 0],
        *ops.meshgrid(a[0, 0], b[0, :, 1]), ops.vander(b[:, 0, 0]), ops.diag(b[0]),
        ops.select([a > 0.5, b > 0], [a, b]), ops.select([a < 0], [b * 2], -1.5),
    ]
    model = keras.Model([a, b], outs, name="ops16_shape")
    xa = np.round(rng.uniform(-1, 1, size=(2, 3, 4)), 3).astype(np.float32)
    xb = np.round(rng.uniform(-1, 1, size=(2, 3, 4)), 3).astype(np.float32)
    ys = model.predict([xa, xb], verbose=0)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strata-core", "src", "test",
                       "resources", "keras-golden")
    model.save(os.path.join(out, "ops16_shape.keras"))
    doc = {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "shape": list(xa.shape),
           "outputs": [np.asarray(y, dtype=np.float32).ravel().tolist() for y in ys],
           "output_shapes": [list(np.shape(y)) for y in ys]}
    with open(os.path.join(out, "ops16_shape_golden.json"), "w") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    if "--interop" in sys.argv:
        interop()
    else:
        sys.stdout.write(golden())

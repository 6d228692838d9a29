"""Reference values for keras.ops.ctc_decode with strategy="beam_search", from Keras 3 (JAX backend, float32):
decoded paths and their scores for several beam widths, top_paths and mask indices, with sequence lengths shorter
than the time axis.

    KERAS_BACKEND=jax python tools/golden/ops16_ctc_beam.py > strata-core/src/test/java/dev/strata/ops/Ops16CtcBeamGolden.java
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

from _common import arr, java_class  # noqa: E402

rng = np.random.default_rng(1616)
X = rng.normal(size=(3, 7, 5)).astype(np.float32)
X[1, :, 2] += 1.5  # a class that wins often, so merges and repeats happen
LENGTHS = np.array([7, 4, 1], dtype=np.int32)

lines = [f"static final float[] X = {arr(X)};", f"static final float[] LENGTHS = {arr(LENGTHS)};"]
CASES = [("W4_TOP2_MASK0", 4, 2, 0), ("W4_TOP1_MASKNONE", 4, 1, None), ("W3_TOP3_MASK2", 3, 3, 2),
         ("W10_TOP2_MASK0", 10, 2, 0), ("W1_TOP1_MASK0", 1, 1, 0)]
for name, width, top, mask in CASES:
    paths, scores = ops.ctc_decode(X, LENGTHS, strategy="beam_search", beam_width=width, top_paths=top,
                                   mask_index=mask)
    lines.append(f"static final float[] {name}_PATHS = {arr(np.asarray(paths))};")
    lines.append(f"static final float[] {name}_SCORES = {arr(np.asarray(scores))};")
print(java_class("dev.strata.ops", "Ops16CtcBeamGolden", "tools/golden/ops16_ctc_beam.py", lines))

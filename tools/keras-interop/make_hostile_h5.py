"""Makes the small hostile or unusual HDF5 files that Strata's reader must reject with a clear error.

    python tools/keras-interop/make_hostile_h5.py strata-core/src/test/resources/keras-hostile

Needs h5py and numpy. The outputs are committed (CI does not run Python); H5SafetyTest asserts the messages.
"""
import os
import sys

import h5py
import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


# A group that contains itself through a hard link: a naive walk never ends.
with h5py.File(path("cycle.h5"), "w") as f:
    g = f.create_group("layers/dense/vars")
    g.create_dataset("0", data=np.ones((2, 2), np.float32))
    g["loop"] = f["layers"]

# An external link: following it would open another file on the reader's machine.
with h5py.File(path("external_link.h5"), "w") as f:
    f.create_group("vars")
    f["layers"] = h5py.ExternalLink("/etc/passwd", "/")

# A soft link.
with h5py.File(path("soft_link.h5"), "w") as f:
    f.create_dataset("layers/dense/vars/0", data=np.ones(3, np.float32))
    f["layers/dense/vars/1"] = h5py.SoftLink("/layers/dense/vars/0")

# Datasets of types weights never have.
with h5py.File(path("string_dataset.h5"), "w") as f:
    f.create_dataset("layers/dense/vars/0", data=np.array([b"abc", b"def"]))
with h5py.File(path("compound_dataset.h5"), "w") as f:
    f.create_dataset("layers/dense/vars/0", data=np.zeros(3, dtype=[("a", "<f4"), ("b", "<i4")]))

# A chunked, gzip-compressed dataset that inflates to 400 MB from a file of a few hundred KB.
with h5py.File(path("gzip_bomb.h5"), "w") as f:
    f.create_dataset("layers/dense/vars/0", shape=(10000, 10000), dtype="f4", chunks=(1000, 1000),
                     compression="gzip", compression_opts=9, fillvalue=0)
    f["layers/dense/vars/0"][0, 0] = 1.0

# Legitimate but unusual: a compressed chunked dataset within limits, float64/float16/uint8 data, a user block.
with h5py.File(path("unusual_ok.h5"), "w", userblock_size=512) as f:
    f.create_dataset("chunked", data=np.arange(1000, dtype=np.float32).reshape(10, 100), chunks=(5, 50),
                     compression="gzip")
    f.create_dataset("f64", data=np.array([1.5, -2.25], np.float64))
    f.create_dataset("f16", data=np.array([0.5, 65504], np.float16))
    f.create_dataset("u8", data=np.array([0, 255], np.uint8))
    f.create_dataset("bf16", data=np.array([0x3F80, 0xC000], np.uint16)).attrs["dtype"] = "bfloat16"
    f.attrs["numbers"] = np.array([1, 2, 3], np.int64)
    f.attrs["fixed"] = np.bytes_(b"fixed-length")

print("wrote", sorted(os.listdir(out)))

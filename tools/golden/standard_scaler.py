"""Reference values for strata-core's StandardScalerTest (dev.strata.data).

Run from the repository root with the venv that has scikit-learn:
    /work/venv/bin/python tools/golden/standard_scaler.py [path/to/california_housing.csv]
and paste the printed Java literals into StandardScalerTest. Uses float32 input, as Strata's tensors are.
"""
import sys

import numpy as np
import sklearn
from sklearn.preprocessing import StandardScaler


def floats(values):
    return ", ".join(repr(float(v)) + "f" if np.isfinite(v) else "Float.NaN" for v in values)


def doubles(values):
    return ", ".join(repr(float(v)) if np.isfinite(v) else "Double.NaN" for v in values)


print("// scikit-learn", sklearn.__version__, "numpy", np.__version__)

# Small case: mixed signs and magnitudes, a constant column (0.1 is not exact in binary, so the computed
# variance is tiny but not zero), a column with a NaN, and a column with a large offset.
X = np.array([
    [1.5, -2.0, 0.1, 3.0, 1000.25],
    [2.25, 7.5, 0.1, np.nan, 1000.5],
    [-0.75, 3.125, 0.1, 4.5, 999.75],
    [10.0, 0.0, 0.1, -1.0, 1001.0],
    [3.3, -4.4, 0.1, 2.2, 1000.0],
    [0.001, 1e4, 0.1, 0.5, 1000.125],
], dtype=np.float32)
s = StandardScaler().fit(X)
print("// small X")
print("float[] x = {" + floats(X.ravel()) + "};")
print("double[] mean = {" + doubles(s.mean_) + "};")
print("double[] var = {" + doubles(s.var_) + "};")
print("double[] scale = {" + doubles(s.scale_) + "};")
print("long[] seen = {" + ", ".join(str(int(v)) for v in np.broadcast_to(s.n_samples_seen_, (X.shape[1],))) + "};")
T = s.transform(X)
print("float[] transformed = {" + floats(T.ravel()) + "};")
print("float[] inverse = {" + floats(s.inverse_transform(T).ravel()) + "};")
s2 = StandardScaler(with_mean=False).fit(X)
print("float[] noMean = {" + floats(s2.transform(X).ravel()) + "};")

if len(sys.argv) > 1:
    data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
    features = data[:, :8].astype(np.float32)
    s = StandardScaler().fit(features)
    print("// California housing features (float32)")
    print("double[] housingMean = {" + doubles(s.mean_) + "};")
    print("double[] housingScale = {" + doubles(s.scale_) + "};")
    print("float[] housingRow0 = {" + floats(s.transform(features[:1]).ravel()) + "};")
    print("float[] housingRowLast = {" + floats(s.transform(features[-1:]).ravel()) + "};")

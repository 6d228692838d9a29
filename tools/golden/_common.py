"""Shared helpers for the golden scripts in tools/golden/: Java literals for float32 values and arrays.

Import from a script in this directory (Python puts the script's directory on sys.path):

    from _common import lit, arr, shp, java_class

Older scripts carry their own copies of these functions; new scripts use this module.
"""
import numpy as np


def lit(x):
    """A float32 as the shortest Java float literal that parses back to it (NaN and infinities as constants)."""
    x = np.float32(x)
    if np.isnan(x):
        return "Float.NaN"
    if np.isinf(x):
        return "Float.POSITIVE_INFINITY" if x > 0 else "Float.NEGATIVE_INFINITY"
    if "e" in repr(float(x)):
        s = np.format_float_scientific(x, unique=True, trim="0")
    else:
        s = np.format_float_positional(x, unique=True, trim="0")
    if s.endswith("."):
        s += "0"
    return s + "f"


def dlit(x):
    """A float64 as a Java double literal that parses back to it."""
    x = float(x)
    if np.isnan(x):
        return "Double.NaN"
    if np.isinf(x):
        return "Double.POSITIVE_INFINITY" if x > 0 else "Double.NEGATIVE_INFINITY"
    return repr(x)


def arr(a):
    """A float32 array, flattened, as a Java {@code new float[] {...}} expression."""
    a = np.asarray(a, "float32")
    return "new float[] {" + ", ".join(lit(x) for x in a.ravel()) + "}"


def shp(a):
    """The shape of an array as a Java {@code new int[] {...}} expression."""
    return "new int[] {" + ", ".join(str(d) for d in np.shape(a)) + "}"


def java_class(package, name, script, body_lines, doc="Golden values from Keras"):
    """The text of a generated Java test class holding constants: one `static final` line per entry of body_lines."""
    import keras

    out = [
        f"package {package};",
        "",
        f"/** {doc} {keras.__version__} ({keras.backend.backend()} backend), written by {script}. Do not edit. */",
        f"final class {name} {{",
        f"    private {name}() {{",
        "    }",
        "",
    ]
    out += ["    " + line if line else "" for line in body_lines]
    out.append("}")
    return "\n".join(out) + "\n"

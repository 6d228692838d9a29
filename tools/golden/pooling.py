"""Reference values for Strata's pooling and reshaping layers (and the max_pool / average_pool ops), from Keras 3
(JAX backend, float32).

Writes the Java test class PoolingGolden: for each case a Keras layer's get_config() as JSON (Strata makes the layer
from it, and compares its own config with it), an input X, Keras's output Y, and the gradient GX of sum(W * Y) with
respect to X for a fixed random W (jax.grad through the layer call):

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/pooling.py \
        > strata-core/src/test/java/dev/strata/layers/pooling/PoolingGolden.java

Arrays are written as strings of float32 literals (parsed by the class), so that the class stays far below the JVM's
limits on a static initializer. Layer names are dropped from the configs (the tests compare everything else).
Cases named *_ties use small integers, so that windows hold tied maxima: Keras/JAX sends a window's gradient to its
first maximum (max_pool) or shares it equally (global max).
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

rng = np.random.default_rng(12)


def arr(shape, lo=-2.0, hi=2.0):
    return np.round(rng.uniform(lo, hi, size=shape), 3).astype(np.float32)


def ints(shape, hi=3):
    return rng.integers(0, hi, size=shape).astype(np.float32)


CASES = [
    # ---- windowed pooling ----------------------------------------------------------------------------------------
    ("max2d_default", lambda: L.MaxPooling2D(), arr((2, 5, 6, 3))),
    ("max2d_same", lambda: L.MaxPooling2D(pool_size=(3, 2), strides=(2, 1), padding="same"), arr((2, 5, 6, 3))),
    ("max2d_valid_strided", lambda: L.MaxPooling2D(pool_size=3, strides=(2, 1)), arr((2, 7, 6, 2))),
    ("max2d_cf", lambda: L.MaxPooling2D(pool_size=2, strides=1, padding="same", data_format="channels_first"),
     arr((2, 3, 5, 4))),
    ("max2d_ties", lambda: L.MaxPooling2D(pool_size=3, strides=1), ints((1, 5, 5, 2))),
    ("max2d_ties_same", lambda: L.MaxPooling2D(pool_size=2, strides=2, padding="same"), ints((2, 5, 5, 3), 2)),
    ("max1d_default", lambda: L.MaxPooling1D(), arr((2, 7, 3))),
    ("max1d_same", lambda: L.MaxPooling1D(pool_size=3, strides=2, padding="same"), arr((2, 7, 3))),
    ("max1d_cf", lambda: L.MaxPooling1D(pool_size=2, strides=1, data_format="channels_first"), arr((2, 3, 7))),
    ("max3d_default", lambda: L.MaxPooling3D(), arr((1, 4, 5, 4, 2))),
    ("max3d_same", lambda: L.MaxPooling3D(pool_size=(2, 3, 2), strides=(1, 2, 2), padding="same"),
     arr((1, 4, 5, 4, 2))),
    ("max3d_cf", lambda: L.MaxPooling3D(pool_size=2, strides=1, data_format="channels_first"), arr((1, 2, 3, 4, 3))),
    ("avg2d_valid", lambda: L.AveragePooling2D(2), arr((2, 5, 6, 3))),
    ("avg2d_same", lambda: L.AveragePooling2D(pool_size=(3, 2), strides=(2, 1), padding="same"), arr((2, 5, 6, 3))),
    ("avg2d_same_s1", lambda: L.AveragePooling2D(pool_size=3, strides=1, padding="same"), arr((1, 4, 5, 2))),
    ("avg2d_cf", lambda: L.AveragePooling2D(pool_size=2, strides=1, padding="same", data_format="channels_first"),
     arr((2, 3, 5, 4))),
    ("avg1d_valid", lambda: L.AveragePooling1D(3, strides=2), arr((2, 7, 3))),
    ("avg1d_same", lambda: L.AveragePooling1D(pool_size=4, strides=3, padding="same"), arr((2, 8, 3))),
    ("avg1d_cf", lambda: L.AveragePooling1D(2, data_format="channels_first"), arr((2, 3, 7))),
    ("avg3d_valid", lambda: L.AveragePooling3D(2), arr((1, 4, 5, 4, 2))),
    ("avg3d_same", lambda: L.AveragePooling3D(pool_size=(2, 3, 2), strides=(1, 2, 2), padding="same"),
     arr((1, 4, 5, 4, 2))),
    ("avg3d_cf", lambda: L.AveragePooling3D(2, strides=1, padding="same", data_format="channels_first"),
     arr((1, 2, 3, 4, 3))),
    # ---- global pooling ------------------------------------------------------------------------------------------
    ("gavg2d", lambda: L.GlobalAveragePooling2D(), arr((2, 3, 4, 5))),
    ("gavg2d_keep", lambda: L.GlobalAveragePooling2D(keepdims=True), arr((2, 3, 4, 5))),
    ("gavg2d_cf", lambda: L.GlobalAveragePooling2D(data_format="channels_first"), arr((2, 3, 4, 5))),
    ("gavg1d", lambda: L.GlobalAveragePooling1D(), arr((2, 6, 3))),
    ("gavg1d_cf_keep", lambda: L.GlobalAveragePooling1D(data_format="channels_first", keepdims=True), arr((2, 3, 6))),
    ("gavg3d", lambda: L.GlobalAveragePooling3D(), arr((2, 2, 3, 4, 3))),
    ("gavg3d_cf", lambda: L.GlobalAveragePooling3D(data_format="channels_first", keepdims=True),
     arr((2, 3, 2, 3, 4))),
    ("gmax2d", lambda: L.GlobalMaxPooling2D(), arr((2, 3, 4, 5))),
    ("gmax2d_keep_cf", lambda: L.GlobalMaxPooling2D(data_format="channels_first", keepdims=True), arr((2, 3, 4, 5))),
    ("gmax2d_ties", lambda: L.GlobalMaxPooling2D(), ints((2, 2, 3, 2))),
    ("gmax1d", lambda: L.GlobalMaxPooling1D(), arr((2, 6, 3))),
    ("gmax1d_cf", lambda: L.GlobalMaxPooling1D(data_format="channels_first"), arr((2, 3, 6))),
    ("gmax3d", lambda: L.GlobalMaxPooling3D(keepdims=True), arr((2, 2, 3, 4, 3))),
    ("gmax3d_cf", lambda: L.GlobalMaxPooling3D(data_format="channels_first"), arr((2, 3, 2, 3, 4))),
    # ---- reshaping -----------------------------------------------------------------------------------------------
    ("up2d_nearest", lambda: L.UpSampling2D(), arr((2, 3, 4, 2))),
    ("up2d_nearest_23", lambda: L.UpSampling2D(size=(2, 3)), arr((1, 2, 3, 2))),
    ("up2d_nearest_cf", lambda: L.UpSampling2D(size=(3, 2), data_format="channels_first"), arr((1, 2, 3, 2))),
    ("up2d_bilinear", lambda: L.UpSampling2D(interpolation="bilinear"), arr((2, 3, 4, 2))),
    ("up2d_bilinear_32", lambda: L.UpSampling2D(size=(3, 2), interpolation="bilinear"), arr((1, 3, 3, 2))),
    ("up2d_bilinear_cf", lambda: L.UpSampling2D(size=(2, 3), data_format="channels_first",
                                                interpolation="bilinear"), arr((1, 2, 3, 4))),
    ("up2d_bilinear_one", lambda: L.UpSampling2D(size=(4, 1), interpolation="bilinear"), arr((1, 1, 3, 2))),
    ("up1d", lambda: L.UpSampling1D(), arr((2, 4, 3))),
    ("up1d_3", lambda: L.UpSampling1D(size=3), arr((1, 3, 2))),
    ("up3d", lambda: L.UpSampling3D(), arr((1, 2, 3, 2, 2))),
    ("up3d_cf", lambda: L.UpSampling3D(size=(1, 2, 3), data_format="channels_first"), arr((1, 2, 2, 3, 2))),
    ("zpad2d", lambda: L.ZeroPadding2D(), arr((2, 3, 4, 2))),
    ("zpad2d_sym", lambda: L.ZeroPadding2D(padding=(2, 1)), arr((1, 3, 2, 2))),
    ("zpad2d_pairs_cf", lambda: L.ZeroPadding2D(padding=((1, 2), (0, 3)), data_format="channels_first"),
     arr((1, 2, 3, 2))),
    ("zpad1d", lambda: L.ZeroPadding1D(), arr((2, 3, 2))),
    ("zpad1d_pair", lambda: L.ZeroPadding1D(padding=(2, 0)), arr((1, 3, 2))),
    ("zpad1d_cf", lambda: L.ZeroPadding1D(padding=(1, 2), data_format="channels_first"), arr((1, 2, 3))),
    ("zpad3d", lambda: L.ZeroPadding3D(), arr((1, 2, 2, 2, 2))),
    ("zpad3d_pairs_cf", lambda: L.ZeroPadding3D(padding=((1, 0), (0, 2), (1, 1)), data_format="channels_first"),
     arr((1, 2, 2, 2, 3))),
    ("crop1d", lambda: L.Cropping1D(), arr((2, 5, 2))),
    ("crop1d_pair", lambda: L.Cropping1D(cropping=(2, 0)), arr((1, 5, 2))),
    ("crop2d", lambda: L.Cropping2D(cropping=((1, 0), (2, 1))), arr((2, 4, 5, 2))),
    ("crop2d_int_cf", lambda: L.Cropping2D(cropping=1, data_format="channels_first"), arr((1, 2, 4, 5))),
    ("crop2d_sym", lambda: L.Cropping2D(cropping=(1, 2)), arr((1, 4, 5, 2))),
    ("crop3d", lambda: L.Cropping3D(), arr((1, 3, 4, 5, 2))),
    ("crop3d_cf", lambda: L.Cropping3D(cropping=((0, 1), (1, 0), (2, 1)), data_format="channels_first"),
     arr((1, 2, 3, 4, 5))),
    ("permute_21", lambda: L.Permute((2, 1)), arr((2, 3, 4))),
    ("permute_312", lambda: L.Permute((3, 1, 2)), arr((2, 2, 3, 4))),
    ("repeat_vector", lambda: L.RepeatVector(3), arr((2, 4))),
]


def weights(n):
    """The projection of the output whose gradient is checked; PoolingGolden.weights(n) computes the same."""
    i = np.arange(n)
    return ((0.5 + (i * 37 % 11) / 10.0) * np.where(i % 3 == 0, -1.0, 1.0)).astype(np.float32)


def lit(v):
    v = np.float32(v)
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return str(v)  # the shortest decimal that reads back as this float32


def values(a):
    return " ".join(lit(v) for v in np.asarray(a, dtype=np.float32).ravel())


def jstring(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def shape(a):
    return "new int[] {" + ", ".join(str(d) for d in np.shape(a)) + "}"


out = []
for name, make, x in CASES:
    keras.backend.clear_session()
    layer = make()
    y = np.asarray(layer(x))
    w = weights(y.size).reshape(y.shape)
    gx = np.asarray(jax.grad(lambda t: jnp.sum(layer(t) * w))(jnp.asarray(x)))
    config = layer.get_config()
    config.pop("name")
    out.append(f"        put(new Case({jstring(name)}, {jstring(type(layer).__name__)},\n"
               f"                {jstring(json.dumps(config))},\n"
               f"                {shape(x)}, {jstring(values(x))},\n"
               f"                {shape(y)}, {jstring(values(y))},\n"
               f"                {jstring(values(gx))}));\n")

print(f"""package dev.strata.layers.pooling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generated by tools/golden/pooling.py from Keras {keras.__version__} ({keras.backend.backend()} backend); do not edit.
 * Each case: a Keras layer's get_config() without its name (JSON), an input X, Keras's output Y, and the gradient GX of
 * sum(W * Y) with respect to X.
 */
public final class PoolingGolden {{
    /** One layer call in Keras. */
    public record Case(String name, String className, String config, int[] xShape, String x, int[] yShape, String y,
                       String gx) {{
        /** The input. */
        public float[] xValues() {{
            return parse(x);
        }}

        /** Keras's output. */
        public float[] yValues() {{
            return parse(y);
        }}

        /** The weights of the projected output whose gradient is {{@link #gxValues()}}. */
        public float[] wValues() {{
            return weights(yValues().length);
        }}

        /** The gradient of sum(W * Y) with respect to X. */
        public float[] gxValues() {{
            return parse(gx);
        }}
    }}

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    private PoolingGolden() {{
    }}

    /** Every case, by name, in the order the script wrote them. */
    public static Map<String, Case> all() {{
        return CASES;
    }}

    /** The case called {{@code name}}. */
    public static Case get(String name) {{
        Case c = CASES.get(name);
        if (c == null) {{
            throw new IllegalArgumentException("no golden case " + name);
        }}
        return c;
    }}

    private static void put(Case c) {{
        CASES.put(c.name(), c);
    }}

    /** {{@code (0.5 + (i·37 mod 11) / 10) · (i mod 3 == 0 ? -1 : 1)}}, as the script computes them. */
    static float[] weights(int n) {{
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {{
            w[i] = (float) ((0.5 + (i * 37 % 11) / 10.0) * (i % 3 == 0 ? -1 : 1));
        }}
        return w;
    }}

    static float[] parse(String s) {{
        String[] parts = s.isEmpty() ? new String[0] : s.split(" ");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {{
            out[i] = Float.parseFloat(parts[i]);
        }}
        return out;
    }}

    static {{
{"".join(out)}    }}
}}""")

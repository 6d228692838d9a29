package dev.strata.ops;

/** Reference values of issue 16's keras.ops.core ops (gradients by jax.grad of sum(W * f(x))), from Keras 3.15.1 (jax backend), written by tools/golden/ops16_core.py. Do not edit. */
final class Ops16CoreGolden {
    private Ops16CoreGolden() {
    }

    /** Arguments of the casts: halves, type edges, overflow, infinities, NaN. */
    static final float[] X = new float[] {-300.7f, -129.0f, -128.5f, -1.5f, -0.5f, -0.0f, 0.4f, 0.5f, 1.5f, 2.5f, 127.9f, 128.0f, 255.5f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 3000000000.0f, -3000000000.0f, 1.0e+20f, 2147483600.0f, 4294967300.0f, 3.3961e+38f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
    static final float[] CAST_BOOL = new float[] {1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 0.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f};
    static final float[] SATURATE_BOOL = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 0.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 0.0f, 1.0f};
    static final float[] CAST_INT8 = new float[] {-128.0f, -128.0f, -128.0f, -1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 127.0f, 127.0f, 127.0f, 127.0f, 127.0f, 127.0f, 127.0f, -128.0f, 127.0f, 127.0f, 127.0f, 127.0f, 127.0f, -128.0f, 0.0f};
    static final float[] SATURATE_INT8 = new float[] {-128.0f, -128.0f, -128.0f, -1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 127.0f, 127.0f, 127.0f, 127.0f, 127.0f, 127.0f, 127.0f, -128.0f, 127.0f, 127.0f, 127.0f, 127.0f, 127.0f, -128.0f, 0.0f};
    static final float[] CAST_INT16 = new float[] {-300.0f, -129.0f, -128.0f, -1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 32767.0f, 32767.0f, 32767.0f, 32767.0f, -32768.0f, 32767.0f, 32767.0f, 32767.0f, 32767.0f, 32767.0f, -32768.0f, 0.0f};
    static final float[] SATURATE_INT16 = new float[] {-300.0f, -129.0f, -128.0f, -1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 32767.0f, 32767.0f, 32767.0f, 32767.0f, -32768.0f, 32767.0f, 32767.0f, 32767.0f, 32767.0f, 32767.0f, -32768.0f, 0.0f};
    static final float[] CAST_INT32 = new float[] {-300.0f, -129.0f, -128.0f, -1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 2147483600.0f, -2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, -2147483600.0f, 0.0f};
    static final float[] SATURATE_INT32 = new float[] {-300.0f, -129.0f, -128.0f, -1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 2147483600.0f, -2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, -2147483600.0f, 0.0f};
    static final float[] CAST_INT64 = new float[] {-300.0f, -129.0f, -128.0f, -1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 2147483600.0f, -2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, -2147483600.0f, 0.0f};
    static final float[] SATURATE_INT64 = new float[] {-300.0f, -129.0f, -128.0f, -1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 2147483600.0f, -2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, 2147483600.0f, -2147483600.0f, 0.0f};
    static final float[] CAST_UINT8 = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 255.0f, 255.0f, 255.0f, 255.0f, 255.0f, 0.0f, 255.0f, 255.0f, 255.0f, 255.0f, 255.0f, 0.0f, 0.0f};
    static final float[] SATURATE_UINT8 = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 255.0f, 255.0f, 255.0f, 255.0f, 255.0f, 0.0f, 255.0f, 255.0f, 255.0f, 255.0f, 255.0f, 0.0f, 0.0f};
    static final float[] CAST_UINT16 = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 65535.0f, 65519.0f, 65520.0f, 65535.0f, 0.0f, 65535.0f, 65535.0f, 65535.0f, 65535.0f, 65535.0f, 0.0f, 0.0f};
    static final float[] SATURATE_UINT16 = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 65535.0f, 65519.0f, 65520.0f, 65535.0f, 0.0f, 65535.0f, 65535.0f, 65535.0f, 65535.0f, 65535.0f, 0.0f, 0.0f};
    static final float[] CAST_UINT32 = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 3000000000.0f, 0.0f, 4294967300.0f, 2147483600.0f, 4294967300.0f, 4294967300.0f, 4294967300.0f, 0.0f, 0.0f};
    static final float[] SATURATE_UINT32 = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 3000000000.0f, 0.0f, 4294967300.0f, 2147483600.0f, 4294967300.0f, 4294967300.0f, 4294967300.0f, 0.0f, 0.0f};
    static final float[] CAST_UINT64 = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 3000000000.0f, 0.0f, 4294967300.0f, 2147483600.0f, 4294967300.0f, 4294967300.0f, 4294967300.0f, 0.0f, 0.0f};
    static final float[] SATURATE_UINT64 = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 2.0f, 127.0f, 128.0f, 255.0f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 3000000000.0f, 0.0f, 4294967300.0f, 2147483600.0f, 4294967300.0f, 4294967300.0f, 4294967300.0f, 0.0f, 0.0f};
    static final float[] CAST_BFLOAT16 = new float[] {-300.0f, -129.0f, -128.0f, -1.5f, -0.5f, -0.0f, 0.40039062f, 0.5f, 1.5f, 2.5f, 128.0f, 128.0f, 256.0f, 256.0f, 70144.0f, 65536.0f, 65536.0f, 3003121700.0f, -3003121700.0f, 9.972771e+19f, 2147483600.0f, 4294967300.0f, 3.3895314e+38f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
    static final float[] SATURATE_BFLOAT16 = new float[] {-300.0f, -129.0f, -128.0f, -1.5f, -0.5f, -0.0f, 0.40039062f, 0.5f, 1.5f, 2.5f, 128.0f, 128.0f, 256.0f, 256.0f, 70144.0f, 65536.0f, 65536.0f, 3003121700.0f, -3003121700.0f, 9.972771e+19f, 2147483600.0f, 4294967300.0f, 3.3895314e+38f, 3.3895314e+38f, -3.3895314e+38f, Float.NaN};
    static final float[] CAST_FLOAT16 = new float[] {-300.75f, -129.0f, -128.5f, -1.5f, -0.5f, -0.0f, 0.39990234f, 0.5f, 1.5f, 2.5f, 127.875f, 128.0f, 255.5f, 256.0f, Float.POSITIVE_INFINITY, 65504.0f, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
    static final float[] SATURATE_FLOAT16 = new float[] {-300.75f, -129.0f, -128.5f, -1.5f, -0.5f, -0.0f, 0.39990234f, 0.5f, 1.5f, 2.5f, 127.875f, 128.0f, 255.5f, 256.0f, 65504.0f, 65504.0f, 65504.0f, 65504.0f, -65504.0f, 65504.0f, 65504.0f, 65504.0f, 65504.0f, 65504.0f, -65504.0f, Float.NaN};
    static final float[] CAST_FLOAT32 = new float[] {-300.7f, -129.0f, -128.5f, -1.5f, -0.5f, -0.0f, 0.4f, 0.5f, 1.5f, 2.5f, 127.9f, 128.0f, 255.5f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 3000000000.0f, -3000000000.0f, 1.0e+20f, 2147483600.0f, 4294967300.0f, 3.3961e+38f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
    static final float[] SATURATE_FLOAT32 = new float[] {-300.7f, -129.0f, -128.5f, -1.5f, -0.5f, -0.0f, 0.4f, 0.5f, 1.5f, 2.5f, 127.9f, 128.0f, 255.5f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 3000000000.0f, -3000000000.0f, 1.0e+20f, 2147483600.0f, 4294967300.0f, 3.3961e+38f, 3.4028235e+38f, -3.4028235e+38f, Float.NaN};
    static final float[] CAST_FLOAT64 = new float[] {-300.7f, -129.0f, -128.5f, -1.5f, -0.5f, -0.0f, 0.4f, 0.5f, 1.5f, 2.5f, 127.9f, 128.0f, 255.5f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 3000000000.0f, -3000000000.0f, 1.0e+20f, 2147483600.0f, 4294967300.0f, 3.3961e+38f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
    static final float[] SATURATE_FLOAT64 = new float[] {-300.7f, -129.0f, -128.5f, -1.5f, -0.5f, -0.0f, 0.4f, 0.5f, 1.5f, 2.5f, 127.9f, 128.0f, 255.5f, 256.0f, 70000.0f, 65519.0f, 65520.0f, 3000000000.0f, -3000000000.0f, 1.0e+20f, 2147483600.0f, 4294967300.0f, 3.3961e+38f, 3.4028235e+38f, -3.4028235e+38f, Float.NaN};
    /** Arguments of the cast gradients, with weights WG (not representable in float16 or bfloat16). */
    static final float[] XG = new float[] {-300.7f, -1.5f, 0.4f, 2.5f, 1000.3f, 70000.0f, -70000.0f, 1.0e-09f};
    static final float[] WG = new float[] {0.3f, 0.33333334f, 1.2345678f, -2.7182817f, 1.0e-08f, 5.5f, 0.7f, 65536.7f};
    static final float[] CAST_GRAD_FLOAT16 = new float[] {0.30004883f, 0.33325195f, 1.234375f, -2.71875f, 0.0f, 5.5f, 0.7001953f, Float.POSITIVE_INFINITY};
    static final float[] SATURATE_GRAD_FLOAT16 = new float[] {0.30004883f, 0.33325195f, 1.234375f, -2.71875f, 0.0f, 0.0f, 0.0f, Float.POSITIVE_INFINITY};
    static final float[] CAST_GRAD_BFLOAT16 = new float[] {0.30078125f, 0.33398438f, 1.234375f, -2.71875f, 1.0011718e-08f, 5.5f, 0.69921875f, 65536.0f};
    static final float[] SATURATE_GRAD_BFLOAT16 = new float[] {0.30078125f, 0.33398438f, 1.234375f, -2.71875f, 1.0011718e-08f, 5.5f, 0.69921875f, 65536.0f};
    static final float[] CAST_GRAD_FLOAT32 = new float[] {0.3f, 0.33333334f, 1.2345678f, -2.7182817f, 1.0e-08f, 5.5f, 0.7f, 65536.7f};
    static final float[] SATURATE_GRAD_FLOAT32 = new float[] {0.3f, 0.33333334f, 1.2345678f, -2.7182817f, 1.0e-08f, 5.5f, 0.7f, 65536.7f};
    static final float[] CAST_GRAD_INT32 = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    static final float[] SATURATE_GRAD_INT32 = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    static final float[] CAST_GRAD_BOOL = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    static final float[] SATURATE_GRAD_BOOL = new float[] {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    /** A (2, 3, 4) tensor and weights W of its shape. */
    static final float[] T = new float[] {0.27f, -0.28f, -1.62f, -0.61f, 0.49f, -1.91f, 1.5f, 1.42f, -1.82f, 1.21f, -1.26f, 0.78f, -1.38f, 0.77f, 1.83f, 1.94f, 0.65f, -1.35f, -0.42f, -0.89f, 1.82f, -0.8f, 0.24f, -0.37f};
    static final float[] W = new float[] {0.64f, 0.88f, 1.27f, 0.91f, 1.18f, 1.08f, 0.58f, 1.23f, 1.17f, 1.3f, 0.65f, 1.47f, 1.37f, 1.4f, 1.46f, 1.12f, 0.87f, 0.56f, 1.2f, 1.13f, 1.15f, 0.51f, 1.45f, 0.89f};
    /** unstack(T, axis=0), stacked on axis 0. */
    static final float[] UNSTACK_AXIS0 = new float[] {0.27f, -0.28f, -1.62f, -0.61f, 0.49f, -1.91f, 1.5f, 1.42f, -1.82f, 1.21f, -1.26f, 0.78f, -1.38f, 0.77f, 1.83f, 1.94f, 0.65f, -1.35f, -0.42f, -0.89f, 1.82f, -0.8f, 0.24f, -0.37f};
    static final float[] UNSTACK_AXIS0_GRAD = new float[] {0.64f, 0.88f, 1.27f, 0.91f, 1.18f, 1.08f, 0.58f, 1.23f, 1.17f, 1.3f, 0.65f, 1.47f, 0.25980794f, 1.005075f, -0.374214f, -0.40417767f, 0.6925929f, 0.12264373f, 1.0957067f, 0.71123564f, -0.2836272f, 0.35532042f, 1.4084401f, 0.82977134f};
    /** unstack(T, axis=1), stacked on axis 0. */
    static final float[] UNSTACK_AXIS1 = new float[] {0.27f, -0.28f, -1.62f, -0.61f, -1.38f, 0.77f, 1.83f, 1.94f, 0.49f, -1.91f, 1.5f, 1.42f, 0.65f, -1.35f, -0.42f, -0.89f, -1.82f, 1.21f, -1.26f, 0.78f, 1.82f, -0.8f, 0.24f, -0.37f};
    static final float[] UNSTACK_AXIS1_GRAD = new float[] {0.64f, 0.88f, 1.27f, 0.91f, 0.0f, 0.0f, 0.0f, 0.0f, -0.28855985f, 0.45892516f, 0.19878098f, 1.0450429f, 1.37f, 1.4f, 1.46f, 1.12f, 0.0f, 0.0f, 0.0f, 0.0f, -0.2836272f, 0.35532042f, 1.4084401f, 0.82977134f};
    /** unstack(T, axis=2), stacked on axis 0. */
    static final float[] UNSTACK_AXIS2 = new float[] {0.27f, 0.49f, -1.82f, -1.38f, 0.65f, 1.82f, -0.28f, -1.91f, 1.21f, 0.77f, -1.35f, -0.8f, -1.62f, 1.5f, -1.26f, 1.83f, -0.42f, 0.24f, -0.61f, 1.42f, 0.78f, 1.94f, -0.89f, -0.37f};
    static final float[] UNSTACK_AXIS2_GRAD = new float[] {0.64f, 0.0f, 0.0f, 0.7458797f, 1.18f, 0.0f, 0.0f, 0.18477738f, 1.17f, 0.0f, 0.0f, 1.0450429f, 1.37f, 0.0f, 0.0f, -0.40417767f, 0.87f, 0.0f, 0.0f, 0.71123564f, 1.15f, 0.0f, 0.0f, 0.82977134f};
    /** unstack(T, axis=-1), stacked on axis 0. */
    static final float[] UNSTACK_AXISM1 = new float[] {0.27f, 0.49f, -1.82f, -1.38f, 0.65f, 1.82f, -0.28f, -1.91f, 1.21f, 0.77f, -1.35f, -0.8f, -1.62f, 1.5f, -1.26f, 1.83f, -0.42f, 0.24f, -0.61f, 1.42f, 0.78f, 1.94f, -0.89f, -0.37f};
    static final float[] UNSTACK_AXISM1_GRAD = new float[] {0.64f, 0.0f, 0.0f, 0.7458797f, 1.18f, 0.0f, 0.0f, 0.18477738f, 1.17f, 0.0f, 0.0f, 1.0450429f, 1.37f, 0.0f, 0.0f, -0.40417767f, 0.87f, 0.0f, 0.0f, 0.71123564f, 1.15f, 0.0f, 0.0f, 0.82977134f};
    /** scatter(SI1 (6, 1), SV1 (6, 3), (4, 3)) and its gradient w.r.t. SV1 for weights SW1. */
    static final float[] SI1 = new float[] {0.0f, 2.0f, 0.0f, -1.0f, 4.0f, -5.0f};
    static final float[] SV1 = new float[] {-1.72f, 1.96f, 0.94f, 0.09f, 1.06f, 1.21f, 0.67f, -0.59f, -0.72f, 0.68f, -1.42f, -1.19f, -1.21f, -0.16f, 0.46f, 0.01f, 1.08f, 1.82f};
    static final float[] SW1 = new float[] {0.59f, 0.66f, 1.26f, 0.85f, 1.15f, 0.58f, 0.64f, 1.38f, 0.93f, 0.62f, 1.42f, 0.73f};
    static final float[] SCATTER1 = new float[] {-1.05f, 1.3700001f, 0.21999997f, 0.0f, 0.0f, 0.0f, 0.09f, 1.06f, 1.21f, 0.68f, -1.42f, -1.19f};
    static final float[] SCATTER1_GRAD = new float[] {0.59f, 0.66f, 1.26f, 0.64f, 1.38f, 0.93f, 0.59f, 0.66f, 1.26f, 0.62f, 1.42f, 0.73f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    /** scatter(SI2 (5, 2), SV2 (5, 2), (2, 3, 2)), gradient for weights SW2. */
    static final float[] SI2 = new float[] {0.0f, 1.0f, 1.0f, 2.0f, 0.0f, 1.0f, 1.0f, -3.0f, 0.0f, 3.0f};
    static final float[] SV2 = new float[] {-1.68f, 0.15f, 0.3f, -1.67f, 0.71f, -0.79f, 1.97f, -0.62f, 0.87f, 0.51f};
    static final float[] SW2 = new float[] {1.09f, 0.56f, 1.31f, 0.82f, 1.04f, 1.35f, 1.17f, 0.72f, 1.49f, 1.3f, 1.01f, 1.25f};
    static final float[] SCATTER2 = new float[] {0.0f, 0.0f, -0.96999997f, -0.64f, 0.0f, 0.0f, 1.97f, -0.62f, 0.0f, 0.0f, 0.3f, -1.67f};
    static final float[] SCATTER2_GRAD = new float[] {1.31f, 0.82f, 1.01f, 1.25f, 1.31f, 0.82f, 1.17f, 0.72f, 0.0f, 0.0f};
    /** scatter_update arguments. */
    static final float[] UX = new float[] {-0.78f, -0.62f, -0.25f, -0.79f, -0.7f, 0.66f, -0.1f, -0.89f, 0.49f, -0.39f, -0.1f, 0.79f};
    static final float[] UW = new float[] {1.13f, 1.49f, 0.83f, 1.1f, 1.32f, 0.82f, 0.86f, 1.02f, 1.43f, 0.56f, 1.13f, 0.95f};
    static final float[] UI = new float[] {1.0f, 2.0f, 3.0f, 0.0f, 1.0f, 2.0f, 0.0f, -1.0f, 5.0f, 0.0f};
    static final float[] UU = new float[] {1.5f, -2.25f, 3.0f, 0.75f, 9.0f};
    static final float[] UIR = new float[] {2.0f, 0.0f, 2.0f};
    static final float[] UUR = new float[] {0.85f, 1.76f, -1.9f, 1.38f, 1.96f, -0.58f, 0.91f, 1.81f, 0.06f};
    static final float[] SCATTER_UPDATE = new float[] {-0.78f, -0.62f, 0.75f, -0.79f, -0.7f, 3.0f, -0.1f, -0.89f, 0.49f, -2.25f, -0.1f, 0.79f};
    static final float[] SCATTER_UPDATE_GRAD_INPUTS = new float[] {1.13f, 1.49f, 0.0f, 1.1f, 1.32f, 0.0f, 0.86f, 1.02f, 1.43f, 0.0f, 1.13f, 0.95f};
    static final float[] SCATTER_UPDATE_GRAD_UPDATES = new float[] {0.0f, 0.56f, 0.82f, 0.83f, 0.0f};
    static final float[] SCATTER_UPDATE_ADD = new float[] {-0.78f, -0.62f, 0.5f, -0.79f, -0.7f, 5.16f, -0.1f, -0.89f, 0.49f, -2.6399999f, -0.1f, 0.79f};
    static final float[] SCATTER_UPDATE_ADD_GRAD_INPUTS = new float[] {1.13f, 1.49f, 0.83f, 1.1f, 1.32f, 0.82f, 0.86f, 1.02f, 1.43f, 0.56f, 1.13f, 0.95f};
    static final float[] SCATTER_UPDATE_ADD_GRAD_UPDATES = new float[] {0.82f, 0.56f, 0.82f, 0.83f, 0.0f};
    static final float[] SCATTER_UPDATE_ROWS = new float[] {1.38f, 1.96f, -0.58f, -0.79f, -0.7f, 0.66f, 0.91f, 1.81f, 0.06f, -0.39f, -0.1f, 0.79f};
    static final float[] SCATTER_UPDATE_ROWS_GRAD_INPUTS = new float[] {0.0f, 0.0f, 0.0f, 1.1f, 1.32f, 0.82f, 0.0f, 0.0f, 0.0f, 0.56f, 1.13f, 0.95f};
    static final float[] SCATTER_UPDATE_ROWS_GRAD_UPDATES = new float[] {0.0f, 0.0f, 0.0f, 1.13f, 1.49f, 0.83f, 0.86f, 1.02f, 1.43f};
    static final float[] SCATTER_UPDATE_ROWS_ADD = new float[] {0.6f, 1.34f, -0.83f, -0.79f, -0.7f, 0.66f, 1.6600001f, 2.6799998f, -1.35f, -0.39f, -0.1f, 0.79f};
    static final float[] SCATTER_UPDATE_ROWS_ADD_GRAD_INPUTS = new float[] {1.13f, 1.49f, 0.83f, 1.1f, 1.32f, 0.82f, 0.86f, 1.02f, 1.43f, 0.56f, 1.13f, 0.95f};
    static final float[] SCATTER_UPDATE_ROWS_ADD_GRAD_UPDATES = new float[] {0.86f, 1.02f, 1.43f, 1.13f, 1.49f, 0.83f, 0.86f, 1.02f, 1.43f};
    /** slice_update(LX (4, 5), start, LU (2, 3)); starts out of range are clamped, as JAX clamps them. */
    static final float[] LX = new float[] {-0.69f, 1.99f, -0.26f, -0.59f, 0.82f, -0.02f, -1.75f, -1.78f, 0.25f, -0.26f, 0.61f, -0.87f, 0.55f, 1.66f, -1.71f, -0.93f, 1.52f, 0.73f, -1.42f, 0.42f};
    static final float[] LU = new float[] {0.9f, 0.05f, -0.2f, -1.97f, -1.32f, 1.18f};
    static final float[] LW = new float[] {0.98f, 0.9f, 1.44f, 0.66f, 0.52f, 0.87f, 0.58f, 0.68f, 1.24f, 0.6f, 1.38f, 0.88f, 0.65f, 0.78f, 0.67f, 0.95f, 0.77f, 1.32f, 1.32f, 1.0f};
    static final float[] SLICE_UPDATE_1_2 = new float[] {-0.69f, 1.99f, -0.26f, -0.59f, 0.82f, -0.02f, -1.75f, 0.9f, 0.05f, -0.2f, 0.61f, -0.87f, -1.97f, -1.32f, 1.18f, -0.93f, 1.52f, 0.73f, -1.42f, 0.42f};
    static final float[] SLICE_UPDATE_1_2_GRAD_INPUTS = new float[] {0.98f, 0.9f, 1.44f, 0.66f, 0.52f, 0.87f, 0.58f, 0.0f, 0.0f, 0.0f, 1.38f, 0.88f, 0.0f, 0.0f, 0.0f, 0.95f, 0.77f, 1.32f, 1.32f, 1.0f};
    static final float[] SLICE_UPDATE_1_2_GRAD_UPDATES = new float[] {0.68f, 1.24f, 0.6f, 0.65f, 0.78f, 0.67f};
    static final float[] SLICE_UPDATE_3_4 = new float[] {-0.69f, 1.99f, -0.26f, -0.59f, 0.82f, -0.02f, -1.75f, -1.78f, 0.25f, -0.26f, 0.61f, -0.87f, 0.9f, 0.05f, -0.2f, -0.93f, 1.52f, -1.97f, -1.32f, 1.18f};
    static final float[] SLICE_UPDATE_3_4_GRAD_INPUTS = new float[] {0.98f, 0.9f, 1.44f, 0.66f, 0.52f, 0.87f, 0.58f, 0.68f, 1.24f, 0.6f, 1.38f, 0.88f, 0.0f, 0.0f, 0.0f, 0.95f, 0.77f, 0.0f, 0.0f, 0.0f};
    static final float[] SLICE_UPDATE_3_4_GRAD_UPDATES = new float[] {0.65f, 0.78f, 0.67f, 1.32f, 1.32f, 1.0f};
    static final float[] SLICE_UPDATE_M1_0 = new float[] {-0.69f, 1.99f, -0.26f, -0.59f, 0.82f, -0.02f, -1.75f, -1.78f, 0.25f, -0.26f, 0.9f, 0.05f, -0.2f, 1.66f, -1.71f, -1.97f, -1.32f, 1.18f, -1.42f, 0.42f};
    static final float[] SLICE_UPDATE_M1_0_GRAD_INPUTS = new float[] {0.98f, 0.9f, 1.44f, 0.66f, 0.52f, 0.87f, 0.58f, 0.68f, 1.24f, 0.6f, 0.0f, 0.0f, 0.0f, 0.78f, 0.67f, 0.0f, 0.0f, 0.0f, 1.32f, 1.0f};
    static final float[] SLICE_UPDATE_M1_0_GRAD_UPDATES = new float[] {1.38f, 0.88f, 0.65f, 0.95f, 0.77f, 1.32f};
    static final float[] SLICE_UPDATE_0_0 = new float[] {0.9f, 0.05f, -0.2f, -0.59f, 0.82f, -1.97f, -1.32f, 1.18f, 0.25f, -0.26f, 0.61f, -0.87f, 0.55f, 1.66f, -1.71f, -0.93f, 1.52f, 0.73f, -1.42f, 0.42f};
    static final float[] SLICE_UPDATE_0_0_GRAD_INPUTS = new float[] {0.0f, 0.0f, 0.0f, 0.66f, 0.52f, 0.0f, 0.0f, 0.0f, 1.24f, 0.6f, 1.38f, 0.88f, 0.65f, 0.78f, 0.67f, 0.95f, 0.77f, 1.32f, 1.32f, 1.0f};
    static final float[] SLICE_UPDATE_0_0_GRAD_UPDATES = new float[] {0.98f, 0.9f, 1.44f, 0.87f, 0.58f, 0.68f};
    /** vectorized_map(lambda e: tanh(e @ M) * sum(e), T) and its gradient for weights VW. */
    static final float[] M = new float[] {-0.43f, 0.3f, -0.82f, 0.75f, -0.48f, -0.99f, -0.52f, -0.71f};
    static final float[] VW = new float[] {0.59f, 0.69f, 1.15f, 0.84f, 0.96f, 0.56f, 1.05f, 0.64f, 0.9f, 0.61f, 1.1f, 0.59f};
    static final float[] VMAP = new float[] {-1.530189f, -1.7511426f, 0.18764505f, 1.8280895f, 0.01903123f, -1.4343197f, -1.9550209f, -2.0304143f, 1.8434942f, 0.46148488f, -0.10069418f, -0.05893945f};
    static final float[] VMAP_GRAD = new float[] {0.73321766f, 0.8119733f, 0.88681465f, 0.8699926f, 1.5199565f, 2.3306384f, 1.6282132f, 1.7106099f, 1.2622652f, 1.7694798f, 1.8599706f, 1.8195643f, -0.8347617f, -0.89740145f, -0.8592894f, -0.8628515f, -0.55385077f, -0.15383065f, -2.093811f, -1.776677f, -1.3650867f, -1.6969465f, -3.0283613f, -2.7811756f};
    /** custom_gradient: log1pexp (Keras's example, stable gradient) and clip_grad, weights CW. */
    static final float[] CX = new float[] {-100.0f, -3.0f, -0.5f, 0.0f, 0.5f, 3.0f, 50.0f, 100.0f};
    static final float[] CW = new float[] {1.0f, -2.0f, 0.25f, 0.75f, -0.3f, 0.9f, 1.5f, -1.0f};
    static final float[] LOG1PEXP = new float[] {0.0f, 0.04858733f, 0.474077f, 0.6931472f, 0.974077f, 3.0485873f, 50.0f, Float.POSITIVE_INFINITY};
    static final float[] LOG1PEXP_GRAD = new float[] {0.0f, -0.09485173f, 0.09438516f, 0.375f, -0.18673779f, 0.8573167f, 1.5f, -1.0f};
    static final float[] CLIP_GRAD = new float[] {0.5f, -0.5f, 0.25f, 0.5f, -0.3f, 0.5f, 0.5f, -0.5f};
    /** jvp(lambda x, w: tanh(x @ w) * sum(x), (JX, JW), (JTX, JTW)). */
    static final float[] JX = new float[] {-0.92f, -0.36f, 0.0f, -0.56f, -0.6f, -0.82f};
    static final float[] JW = new float[] {0.23f, -0.55f, -0.62f, -0.8f, -0.73f, 0.62f};
    static final float[] JTX = new float[] {-0.87f, -0.85f, -0.15f, -0.08f, -0.9f, -0.01f};
    static final float[] JTW = new float[] {-0.98f, -0.52f, -0.75f, -0.49f, 0.79f, -0.93f};
    static final float[] JVP_PRIMAL = new float[] {-0.03781431f, -2.1537812f, -2.238842f, -0.8884637f};
    static final float[] JVP_TANGENT = new float[] {-5.2745495f, -5.0498133f, -3.5107253f, -7.133861f};
}

package dev.strata.layers.normalization;

/** RMSNormalization's values, gradients and configs from Keras 3.15.1 (jax backend), written by tools/golden/dot_rms.py. Do not edit. */
final class RMSNormalizationGolden {
    private RMSNormalizationGolden() {
    }

    // RMSNormalization({}) on (2, 3, 4)
    static final float[] LAST_X = new float[] {0.0f, 0.0f, 0.0f, 0.0f, -1.281f, -0.262f, -1.309f, 0.469f, 1.896f, -0.243f, -1.118f, -1.529f, 0.55f, -1.112f, -1.262f, 1.276f, -0.97f, -1.14f, -1.979f, 0.9f, -0.217f, -0.477f, -1.27f, 1.329f};
    static final float[] LAST_SCALE = new float[] {-0.312f, 1.238f, -0.143f, -0.697f};
    static final float[] LAST_Y = new float[] {-0.0f, 0.0f, -0.0f, -0.0f, 0.4187946f, -0.33987504f, 0.1961431f, -0.34253347f, -0.43964756f, -0.22358294f, 0.11882001f, 0.792049f, -0.15730767f, -1.2619962f, 0.16543521f, -0.8152974f, 0.22931641f, -1.0693856f, 0.21443252f, -0.4753178f, 0.07083928f, -0.6178725f, 0.19002013f, -0.9692093f};
    static final float[] LAST_R = new float[] {1.049f, -0.626f, 0.276f, -0.454f, 1.369f, -0.131f, 1.643f, 0.769f, -0.836f, -0.632f, 1.403f, -0.577f, -0.678f, 1.235f, -1.588f, 0.002f, 0.858f, -0.493f, 1.554f, 0.94f, -1.12f, 0.107f, -1.894f, 1.198f};
    static final float[] LAST_DX = new float[] {-327.288f, -774.988f, -39.468002f, 316.43802f, -0.20961444f, -0.121270195f, -0.0030394047f, -0.64875627f, 0.1366345f, -0.5741663f, -0.11536993f, 0.3450392f, 0.3922294f, 1.0006366f, -0.24686535f, 0.45880592f, -0.11785471f, -0.36258435f, 0.0050026476f, -0.57529414f, 0.26664948f, -0.07895701f, -0.29585633f, -0.26752365f};
    static final float[] LAST_DSCALE = new float[] {-3.7337923f, -0.7363832f, -1.39571f, 3.3428442f};

    // RMSNormalization({'axis': [1, 2], 'epsilon': 0.001}) on (2, 3, 4)
    static final float[] TWO_AXES_X = new float[] {0.0f, 0.0f, 0.0f, 0.0f, -1.084f, -0.869f, -0.341f, -1.802f, -1.631f, -1.539f, -0.875f, -1.513f, -0.115f, 0.76f, -1.025f, -1.814f, 0.939f, -0.127f, -1.703f, 0.494f, 1.816f, -0.878f, -0.576f, -0.829f};
    static final float[] TWO_AXES_SCALE = new float[] {1.039f, -0.986f, -0.036f, 1.517f, 1.145f, 1.356f, 0.456f, 0.545f, -1.86f, -0.441f, 1.482f, 1.119f};
    static final float[] TWO_AXES_Y = new float[] {0.0f, -0.0f, -0.0f, 0.0f, -1.1750284f, -1.1155604f, -0.14720848f, -0.92974734f, 2.8719742f, 0.6425262f, -1.2276367f, -1.6028122f, -0.11033082f, -0.6919488f, 0.034072954f, -2.5410097f, 0.9927834f, -0.1590182f, -0.7170723f, 0.2486033f, -3.1189773f, 0.35753337f, -0.788232f, -0.8565802f};
    static final float[] TWO_AXES_R = new float[] {0.331f, 0.126f, 0.523f, 0.688f, -1.073f, 0.619f, -1.678f, -0.944f, -1.494f, -0.294f, 0.791f, -0.047f, 0.276f, -0.135f, -1.52f, 0.585f, -1.044f, -0.531f, 1.648f, -1.086f, -1.513f, 1.472f, 0.69f, -1.37f};
    static final float[] TWO_AXES_DX = new float[] {0.3255796f, -0.11761456f, -0.017824518f, 0.9880699f, -1.4610723f, 0.5557593f, -0.81812f, -0.9823896f, 2.1824093f, -0.30029333f, 0.8692654f, -0.4656802f, 0.28110254f, 0.01513353f, 0.19588676f, 1.0767046f, -1.2369606f, -0.6468611f, 0.93542254f, -0.61658067f, 2.3410418f, -0.47490564f, 1.0259211f, -1.2980152f};
    static final float[] TWO_AXES_DSCALE = new float[] {-0.029308282f, -0.09473944f, 1.4386358f, -0.9798883f, 0.1959297f, -0.44697142f, -2.049823f, 1.1150428f, -0.2302599f, -0.7650485f, -1.0222273f, 1.1160384f};

    // RMSNormalization({'axis': -1}) on (3, 5)
    static final float[] VECTOR_X = new float[] {0.0f, 1.874f, -1.123f, -0.155f, 1.213f, -1.064f, 1.309f, 0.854f, -1.61f, 1.464f, 0.915f, -1.409f, 0.086f, 1.011f, 0.795f};
    static final float[] VECTOR_SCALE = new float[] {-1.757f, -1.859f, 0.192f, 1.502f, 0.623f};
    static final float[] VECTOR_Y = new float[] {-0.0f, -3.1113973f, -0.19256951f, -0.20792568f, 0.6749248f, 1.4500741f, -1.8875384f, 0.12718499f, -1.8757399f, 0.70746654f, -1.6976277f, 2.7659223f, 0.017436098f, 1.6035063f, 0.52300376f};
    static final float[] VECTOR_R = new float[] {0.439f, 0.501f, -0.12f, -1.996f, 1.53f, 1.129f, -1.726f, 0.323f, 1.101f, 1.632f, 1.607f, 0.019f, -0.049f, -0.947f, 0.404f};
    static final float[] VECTOR_DX = new float[] {-0.6888788f, -0.80548644f, -0.03635115f, -2.6797235f, 0.8683446f, -1.0232582f, 1.854761f, -0.36557314f, 2.0626094f, 0.07949054f, -2.168634f, -1.2890483f, 0.066467576f, -0.6038297f, 0.9720532f};
    static final float[] VECTOR_DSCALE = new float[] {0.6209187f, -0.9422452f, 0.32986835f, -2.1096473f, 3.849942f};

    static final String CONFIG_UNBUILT = "{\"name\": \"rms_normalization\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"axis\": -1, \"epsilon\": 1e-06}";
    static final String CONFIG_TWO_AXES_UNBUILT = "{\"name\": \"rms_normalization_1\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"axis\": [2, 1], \"epsilon\": 0.001}";
    static final String CONFIG_TWO_AXES_BUILT = "{\"name\": \"rms_normalization_1\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"axis\": [1, 2], \"epsilon\": 0.001}";
}

package dev.strata.ops;

/** Golden values from Keras 3.15.1 (jax backend), written by tools/golden/ops16_control.py. Do not edit. */
final class Ops16ControlGolden {
    private Ops16ControlGolden() {
    }

    static final float[] X = new float[] {0.5f, -1.25f, 2.0f, 1.5f, 0.25f, -0.75f};
    static final float[] COND_POS = new float[] {0.5f, 3.125f, 8.0f, 4.5f, 0.125f, 1.125f};
    static final float[] COND_NEG = new float[] {-0.47942555f, 0.9489846f, -0.9092974f, -0.997495f, -0.24740396f, 0.6816388f};
    static final float[] COND_POS_GRAD = new float[] {2.0f, -5.0f, 8.0f, 6.0f, 1.0f, -3.0f};
    static final float[] COND_NEG_GRAD = new float[] {0.87758255f, 0.31532237f, -0.41614684f, 0.0707372f, 0.9689124f, 0.73168886f};
    static final float[] SWITCH_M1 = new float[] {1.5f, -0.25f, 3.0f, 2.5f, 1.25f, 0.25f};
    static final float[] SWITCH_0 = new float[] {1.5f, -0.25f, 3.0f, 2.5f, 1.25f, 0.25f};
    static final float[] SWITCH_1 = new float[] {1.5f, -3.75f, 6.0f, 4.5f, 0.75f, -2.25f};
    static final float[] SWITCH_2 = new float[] {1.6487212f, 0.2865048f, 7.389056f, 4.481689f, 1.2840254f, 0.47236654f};
    static final float[] SWITCH_5 = new float[] {1.6487212f, 0.2865048f, 7.389056f, 4.481689f, 1.2840254f, 0.47236654f};
    static final float[] SWITCH_1_GRAD = new float[] {3.0f, 3.0f, 3.0f, 3.0f, 3.0f, 3.0f};
    static final float[] WHILE_VALUE = new float[] {0.125f, -0.3125f, 0.5f, 0.375f, 0.0625f, -0.1875f};
    static final float[] WHILE_STEPS = new float[] {2.0f};
    static final float[] WHILE_CAPPED = new float[] {0.25f, -0.625f, 1.0f, 0.75f, 0.125f, -0.375f};
    static final float[] WHILE_TANH = new float[] {1.5766047f, -2.3827374f, 2.7006712f, 2.5102084f, 0.9303416f, -1.9668995f};
    static final float[] WHILE_TANH_GRAD = new float[] {1.9920207f, 0.57911646f, 0.32987285f, 0.45186833f, 3.2240353f, 1.210841f};
    static final float[] FORI = new float[] {1.200145f, 0.1667876f, 2.0858798f, 1.7906348f, 1.0525225f, 0.4620326f};
    static final float[] FORI_GRAD = new float[] {30.572094f, 12.619884f, -16.667309f, 2.738276f, 78.87127f, 20.852808f};
    static final float[] FORI_SIN = new float[] {34.81564f, -50.12179f, 48.52964f, 52.03686f, 20.666645f, -40.555576f};
    static final float[] SCAN_FWD_CARRY = new float[] {1.5f, 1.625f};
    static final float[] SCAN_FWD_YS = new float[] {0.7615942f, 1.9280552f, 0.3807971f, 2.8920827f, 1.1423912f, 0.21207091f, 1.8102964f, 0.9253462f};
    static final float[] SCAN_FWD_GRAD = new float[] {1.2992483f, -0.8388602f, 0.99695396f, 1.4969655f, -0.7108489f, 1.4902546f, 2.2665615f, 2.0690806f};
    static final float[] SCAN_REV_CARRY = new float[] {1.125f, -0.3125f};
    static final float[] SCAN_REV_YS = new float[] {0.809301f, 0.60541946f, 0.12245933f, 2.9929829f, 0.69317573f, 0.15878725f, 1.9280552f, 0.7615942f};
    static final float[] SCAN_REV_GRAD = new float[] {2.1543329f, -1.1194434f, 1.387442f, 0.60331184f, -1.0705272f, 0.5871209f, 0.8011242f, 1.1575544f};
    static final float[] XS = new float[] {1.0f, -2.0f, 0.5f, 3.0f, -1.5f, 0.25f, 2.0f, 1.0f};
    static final float[] MAP = new float[] {5.0f, 9.25f, 2.3125f, 5.0f};
    static final float[] E = new float[] {0.5f, -1.0f, 2.0f, 0.25f, 3.0f, -0.5f, 1.5f};
    static final float[] ASSOC_SUM = new float[] {0.5f, -0.5f, 1.5f, 1.75f, 4.75f, 4.25f, 5.75f};
    static final float[] ASSOC_SUM_REV = new float[] {5.75f, 5.25f, 6.25f, 4.25f, 4.0f, 1.0f, 1.5f};
    static final float[] ASSOC_MAX = new float[] {0.5f, 0.5f, 2.0f, 2.0f, 3.0f, 3.0f, 3.0f};
    static final float[] ASSOC_PROD_GRAD = new float[] {-2.125f, 1.5625f, -0.53125f, -0.25f, 0.0625f, -1.875f, 0.375f};
}


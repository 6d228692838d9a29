package dev.strata.ops;

/** Golden values from Keras 3.15.1 (jax backend), written by tools/golden/ops16_vectorize.py. Do not edit. */
final class Ops16VectorizeGolden {
    private Ops16VectorizeGolden() {
    }

    static final float[] A = new float[] {0.27f, -0.28f, -1.62f, -0.61f, 0.49f, -1.91f, 1.5f, 1.42f, -1.82f, 1.21f, -1.26f, 0.78f, -1.38f, 0.77f, 1.83f, 1.94f, 0.65f, -1.35f, -0.42f, -0.89f, 1.82f, -0.8f, 0.24f, -0.37f};
    static final float[] V = new float[] {-1.45f, -0.46f, 1.08f, -0.35f};
    static final float[] B = new float[] {0.72f, 0.33f, -1.69f};
    static final float[] C = new float[] {0.92f, 0.7f, 1.21f, -1.4f, 1.9f};
    static final float[] DOC = new float[] {3.0f, 4.0f, 5.0f, 6.0f};
    static final float[] ELEMENTWISE = new float[] {-0.19866931f, 0.504f, -0.4706259f, -1.008f, -0.92460597f, -0.556361f, -0.36161542f, -0.7707389f, -0.462f, -0.9999997f, -0.50690675f, -0.68280315f, -0.23924924f, -0.2859523f, 0.43353102f};
    static final float[] ELEMENTWISE_GRAD_B = new float[] {1.5433242f, 1.0012156f, -2.5064564f};
    static final float[] MATVEC = new float[] {-1.7988f, 1.2911f, 0.44860008f, 2.9442003f, -0.4636f, -1.8823f};
    static final float[] MATVEC_GRAD_A = new float[] {-1.45f, -0.46f, 1.08f, -0.35f, -1.45f, -0.46f, 1.08f, -0.35f, -1.45f, -0.46f, 1.08f, -0.35f, -1.45f, -0.46f, 1.08f, -0.35f, -1.45f, -0.46f, 1.08f, -0.35f, -1.45f, -0.46f, 1.08f, -0.35f};
    static final float[] NORM = new float[] {1.774204f, 2.855626f, 2.6405492f, 3.0999677f, 1.7926238f, 2.036394f};
}


package dev.strata.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorPoolKernels} gives the same bits as {@link PoolKernels}' scalar loops, forward and backward, on W5's
 * shapes, overlapping and padded windows, channel counts with a vector tail, ties (ReLU zeros and few distinct
 * values) and infinite or NaN maxima.
 */
class PoolKernelParityTest {
    private static PoolKernels.Geometry geometry(int batch, int inD, int inH, int inW, int c, int pD, int pH, int pW,
                                                 int sD, int sH, int sW, int padD, int padH, int padW) {
        int outD = (inD + 2 * padD - pD) / sD + 1;
        int outH = (inH + 2 * padH - pH) / sH + 1;
        int outW = (inW + 2 * padW - pW) / sW + 1;
        return new PoolKernels.Geometry(batch, inD, inH, inW, c, pD, pH, pW, sD, sH, sW, padD, padH, padW, outD,
                outH, outW);
    }

    @Test
    void vectorLoopsGiveTheScalarLoopsBits() {
        PoolKernels.Geometry[] cases = {
            geometry(3, 1, 26, 26, 32, 1, 2, 2, 1, 2, 2, 0, 0, 0), // W5's first pooling
            geometry(2, 1, 11, 11, 64, 1, 2, 2, 1, 2, 2, 0, 0, 0), // W5's second: a last row and column unused
            geometry(2, 1, 7, 9, 19, 1, 3, 3, 1, 1, 1, 0, 1, 1),   // overlapping, "same" padding, a vector tail
            geometry(2, 1, 1, 13, 5, 1, 1, 3, 1, 1, 2, 0, 0, 1),   // 1-D, narrower than a vector
            geometry(1, 4, 5, 6, 40, 2, 2, 2, 2, 2, 2, 1, 0, 1),   // 3-D
        };
        SplittableRandom random = new SplittableRandom(12);
        for (PoolKernels.Geometry g : cases) {
            float[] x = new float[g.inSize()];
            for (int i = 0; i < x.length; i++) {
                int v = random.nextInt(6);
                x[i] = v < 2 ? 0f : v * 0.25f; // ReLU zeros and ties
            }
            x[random.nextInt(x.length)] = Float.POSITIVE_INFINITY;
            x[random.nextInt(x.length)] = Float.NaN;
            float[] gy = new float[g.outSize()];
            for (int i = 0; i < gy.length; i++) {
                gy[i] = (float) random.nextGaussian();
            }
            int[][] bd = PoolKernels.bounds(g.outD(), g.strideD(), g.padD(), g.poolD(), g.inD());
            int[][] bh = PoolKernels.bounds(g.outH(), g.strideH(), g.padH(), g.poolH(), g.inH());
            int[][] bw = PoolKernels.bounds(g.outW(), g.strideW(), g.padW(), g.poolW(), g.inW());

            float[] yScalar = new float[g.outSize()];
            float[] yVector = new float[g.outSize()];
            PoolKernels.maxPool(x, g, yScalar, bd, bh, bw, 0, g.batch());
            VectorPoolKernels.maxPool(x, g, yVector, bd, bh, bw, 0, g.batch());
            assertThat(Arrays.mismatch(bits(yScalar), bits(yVector))).as("forward %s", g).isEqualTo(-1);

            float[] gxScalar = new float[g.inSize()];
            float[] gxVector = new float[g.inSize()];
            Arrays.fill(gxVector, 7f); // overwritten, as the scalar loop's
            PoolKernels.maxPoolBackward(x, yScalar, gy, g, gxScalar, new float[g.outSize()], bd, bh, bw, 0,
                    g.batch());
            VectorPoolKernels.maxPoolBackward(x, yScalar, gy, g, gxVector, bd, bh, bw, 0, g.batch());
            assertThat(Arrays.mismatch(bits(gxScalar), bits(gxVector))).as("backward %s", g).isEqualTo(-1);
        }
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }
}

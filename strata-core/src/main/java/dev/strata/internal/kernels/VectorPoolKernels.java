package dev.strata.internal.kernels;

import static dev.strata.internal.kernels.VectorConstants.LANES;
import static dev.strata.internal.kernels.VectorConstants.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Max pooling's loops of {@link PoolKernels} on the Vector API, over the channels. C2 does not vectorize the plain
 * loops: each reads one float array and writes another, and without proof that the two are different arrays its
 * SuperWord pass keeps them scalar (the profile of W5, the Fashion-MNIST CNN, had the two max-pooling loops at 27%
 * of a training step). Every lane does the same IEEE operations in the same order as the scalar loop, so the
 * results are the same bits ({@code PoolKernelParityTest}). Used by {@link PoolKernels} only when the Vector API
 * kernels are in use, so this class loads only when the incubator module is present.
 */
final class VectorPoolKernels {
    private static final float SCALE = 0x1p100f;

    private VectorPoolKernels() {
    }

    /** {@link PoolKernels#maxPool} over images {@code [from, to)}. */
    static void maxPool(float[] x, PoolKernels.Geometry g, float[] y, int[][] bd, int[][] bh, int[][] bw, int from,
                        int to) {
        int c = g.channels();
        int full = SPECIES.loopBound(c);
        int o = from * g.outImage();
        for (int b = from; b < to; b++) {
            for (int od = 0; od < g.outD(); od++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++, o += c) {
                        int first = PoolKernels.in(g, b, bd[0][od], bh[0][oh], bw[0][ow]);
                        for (int ch = 0; ch < full; ch += LANES) {
                            // the window's first element, then the maximum with every element (the first again
                            // included), as the scalar loop does
                            FloatVector m = FloatVector.fromArray(SPECIES, x, first + ch);
                            for (int d = bd[0][od]; d < bd[1][od]; d++) {
                                for (int h = bh[0][oh]; h < bh[1][oh]; h++) {
                                    for (int w = bw[0][ow]; w < bw[1][ow]; w++) {
                                        int p = PoolKernels.in(g, b, d, h, w);
                                        m = m.max(FloatVector.fromArray(SPECIES, x, p + ch));
                                    }
                                }
                            }
                            m.intoArray(y, o + ch);
                        }
                        for (int ch = full; ch < c; ch++) {
                            float m = x[first + ch];
                            for (int d = bd[0][od]; d < bd[1][od]; d++) {
                                for (int h = bh[0][oh]; h < bh[1][oh]; h++) {
                                    for (int w = bw[0][ow]; w < bw[1][ow]; w++) {
                                        m = Math.max(m, x[PoolKernels.in(g, b, d, h, w) + ch]);
                                    }
                                }
                            }
                            y[o + ch] = m;
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link PoolKernels#maxPoolBackward} over images {@code [from, to)}. The loop over a window's elements runs
     * inside the loop over its channels, so the gradient still to be given ({@code remaining} in the scalar loop)
     * stays in a register; each (window, channel) pair still visits the elements in the same order, so every
     * element of {@code gx} sums the same terms in the same order.
     */
    static void maxPoolBackward(float[] x, float[] y, float[] gy, PoolKernels.Geometry g, float[] gx, int[][] bd,
                                int[][] bh, int[][] bw, int from, int to) {
        int c = g.channels();
        int full = SPECIES.loopBound(c);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int o = from * g.outImage();
        for (int b = from; b < to; b++) {
            Arrays.fill(gx, b * g.inImage(), (b + 1) * g.inImage(), 0f);
            for (int od = 0; od < g.outD(); od++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++, o += c) {
                        for (int ch = 0; ch < full; ch += LANES) {
                            FloatVector max = FloatVector.fromArray(SPECIES, y, o + ch);
                            FloatVector remaining = FloatVector.fromArray(SPECIES, gy, o + ch);
                            for (int d = bd[0][od]; d < bd[1][od]; d++) {
                                for (int h = bh[0][oh]; h < bh[1][oh]; h++) {
                                    for (int w = bw[0][ow]; w < bw[1][ow]; w++) {
                                        int p = PoolKernels.in(g, b, d, h, w) + ch;
                                        FloatVector miss = max.sub(FloatVector.fromArray(SPECIES, x, p))
                                                .mul(SCALE).mul(SCALE).min(one);
                                        FloatVector take = remaining.mul(one.sub(miss));
                                        FloatVector.fromArray(SPECIES, gx, p).add(take).intoArray(gx, p);
                                        remaining = remaining.sub(take);
                                    }
                                }
                            }
                        }
                        for (int ch = full; ch < c; ch++) {
                            float remaining = gy[o + ch];
                            for (int d = bd[0][od]; d < bd[1][od]; d++) {
                                for (int h = bh[0][oh]; h < bh[1][oh]; h++) {
                                    for (int w = bw[0][ow]; w < bw[1][ow]; w++) {
                                        int p = PoolKernels.in(g, b, d, h, w) + ch;
                                        float miss = Math.min(1f, (y[o + ch] - x[p]) * SCALE * SCALE);
                                        float take = remaining * (1f - miss);
                                        gx[p] += take;
                                        remaining -= take;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

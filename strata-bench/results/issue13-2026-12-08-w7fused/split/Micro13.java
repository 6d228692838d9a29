package dev.strata.bench.workloads;

import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.UnaryOp;

public final class Micro13 {
    public static void main(String[] args) {
        Kernels k = KernelProvider.get();
        int b = 64, u = 128, g4 = 512, steps = 100;
        float[] x = new float[b * steps * g4];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextDouble(-3, 3);
        float[] block = new float[b * g4];
        float[] out = new float[b * steps * 2 * u];
        float[] tc = new float[b * u];
        float[] c0 = new float[b * u];
        float[] r = new float[u * g4];
        for (int i = 0; i < r.length; i++) r[i] = (float) rnd.nextDouble(-0.1, 0.1);
        Split13.time("copyRows x100", () -> { for (int s = 0; s < steps; s++) k.copyRows(x, s * g4, steps * g4, block, 0, g4, b, g4); }, 2, 20);
        Split13.time("lstmGates x100", () -> { for (int s = 0; s < steps; s++) { k.copyRows(x, s * g4, steps * g4, block, 0, g4, b, g4); k.lstmGates(b, u, block, 0, g4, c0, 0, u, out, s * 2 * u + u, steps * 2 * u, tc, 0, u, out, s * 2 * u, steps * 2 * u);} }, 2, 20);
        Split13.time("sigmoid unary 64x512 x100", () -> { for (int s = 0; s < steps; s++) { k.copyRows(x, s * g4, steps * g4, block, 0, g4, b, g4); k.unary(UnaryOp.SIGMOID, block, 0, block, 0, b * g4);} }, 2, 20);
        Split13.time("exp unary 64x512 x100", () -> { for (int s = 0; s < steps; s++) { k.copyRows(x, s * g4, steps * g4, block, 0, g4, b, g4); k.unary(UnaryOp.EXP, block, 0, block, 0, b * g4);} }, 2, 20);
        Split13.time("tanh unary 64x512 x100", () -> { for (int s = 0; s < steps; s++) { k.copyRows(x, s * g4, steps * g4, block, 0, g4, b, g4); k.unary(UnaryOp.TANH, block, 0, block, 0, b * g4);} }, 2, 20);
        Split13.time("old per-row gates x100", () -> { for (int s = 0; s < steps; s++) { k.copyRows(x, s * g4, steps * g4, block, 0, g4, b, g4);
            for (int row = 0; row < b; row++) { int zo = row * g4; int so = s * 2 * u + row * steps * 2 * u;
                k.unary(UnaryOp.SIGMOID, block, zo, block, zo, 2 * u);
                k.unary(UnaryOp.TANH, block, zo + 2 * u, block, zo + 2 * u, u);
                k.unary(UnaryOp.SIGMOID, block, zo + 3 * u, block, zo + 3 * u, u);
                for (int j = 0; j < u; j++) out[so + u + j] = block[zo + u + j] * c0[row * u + j] + block[zo + j] * block[zo + 2 * u + j];
                k.unary(UnaryOp.TANH, out, so + u, tc, row * u, u);
                for (int j = 0; j < u; j++) out[so + j] = block[zo + 3 * u + j] * tc[row * u + j];
            } } }, 2, 20);
        Split13.time("lstmGates x100 again", () -> { for (int s = 0; s < steps; s++) { k.copyRows(x, s * g4, steps * g4, block, 0, g4, b, g4); k.lstmGates(b, u, block, 0, g4, c0, 0, u, out, s * 2 * u + u, steps * 2 * u, tc, 0, u, out, s * 2 * u, steps * 2 * u);} }, 2, 20);
        Split13.time("gemm in place x100", () -> { for (int s = 0; s < steps; s++) { k.gemm(false, false, b, g4, u, 1f, out, s==0?0:(s-1)*2*u, s==0?u:steps*2*u, r, 0, g4, 1f, block, 0, g4);} }, 2, 20);
    }
}

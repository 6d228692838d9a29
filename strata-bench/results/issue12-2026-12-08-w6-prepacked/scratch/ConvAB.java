package p;

import dev.strata.internal.kernels.ConvEpilogue;
import dev.strata.internal.kernels.ConvGeometry;
import dev.strata.internal.kernels.Convolution;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.PackedKernel;
import java.util.Arrays;
import java.util.Random;

/**
 * In-process A/B of an inference convolution (ConvEpilogue: scale, shift, relu) with the kernel packed per GEMM call
 * (A, as before) and packed ahead (B), on ResNet50's convolution shapes, alternating A and B, medians.
 */
public class ConvAB {
    public static void main(String[] args) {
        Kernels k = KernelProvider.get();
        System.out.println("kernels: " + k.name() + ", threads " + Runtime.getRuntime().availableProcessors());
        int[][] shapes = { // hw, channels, filters, kernel
            {56, 64, 64, 3}, {28, 128, 128, 3}, {14, 256, 256, 3}, {7, 512, 512, 3},
            {56, 64, 256, 1}, {56, 256, 64, 1}, {14, 1024, 256, 1}, {7, 512, 2048, 1}};
        int reps = 7;
        for (int batch : new int[] {1, 8}) {
            double totalA = 0, totalB = 0;
            for (int[] s : shapes) {
                int hw = s[0], c = s[1], f = s[2], kk = s[3];
                int pad = kk / 2;
                ConvGeometry g = ConvGeometry.of(batch, new int[] {hw, hw}, c, new int[] {hw, hw}, f,
                        new int[] {kk, kk}, new int[] {1, 1}, new int[] {1, 1}, new int[] {pad, pad}, 1);
                Random r = new Random(1);
                float[] x = new float[g.inputSize()];
                float[] w = new float[g.kernelSize()];
                for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
                for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
                float[] sc = new float[f], sh = new float[f];
                Arrays.fill(sc, 1.1f);
                Arrays.fill(sh, 0.1f);
                ConvEpilogue e = new ConvEpilogue(null, sc, sh, 0f, Float.POSITIVE_INFINITY);
                PackedKernel packed = Convolution.pack(k, g, w);
                float[] ya = new float[g.outputSize()], yb = new float[g.outputSize()];
                for (int i = 0; i < 3; i++) {
                    Convolution.forward(k, g, x, w, null, e, ya);
                    Convolution.forward(k, g, x, w, packed, e, yb);
                }
                if (Arrays.mismatch(ya, yb) != -1) throw new AssertionError("bits differ " + Arrays.toString(s));
                double[] ta = new double[reps], tb = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    Convolution.forward(k, g, x, w, null, e, ya);
                    long t1 = System.nanoTime();
                    Convolution.forward(k, g, x, w, packed, e, yb);
                    long t2 = System.nanoTime();
                    ta[i] = (t1 - t0) / 1e6;
                    tb[i] = (t2 - t1) / 1e6;
                }
                Arrays.sort(ta);
                Arrays.sort(tb);
                double a = ta[reps / 2], b = tb[reps / 2];
                double gflop = 2.0 * batch * hw * hw * kk * kk * c * f / 1e9;
                totalA += a;
                totalB += b;
                System.out.printf("batch %d, %dx%dx%d -> %d, %dx%d: packed per call %.2f ms (%.0f GFLOP/s), "
                                + "packed ahead %.2f ms (%.0f GFLOP/s), %.2fx%n", batch, hw, hw, c, f, kk, kk, a,
                        gflop / a * 1e3, b, gflop / b * 1e3, a / b);
            }
            System.out.printf("batch %d, all eight: %.1f ms -> %.1f ms (%.2fx)%n", batch, totalA, totalB,
                    totalA / totalB);
        }
    }
}

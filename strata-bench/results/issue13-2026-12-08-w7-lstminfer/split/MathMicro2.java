package dev.strata.internal.kernels;

import static dev.strata.internal.kernels.VectorConstants.LANES;
import static dev.strata.internal.kernels.VectorConstants.SPECIES;
import static jdk.incubator.vector.FloatVector.fromArray;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.LSHL;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;

public final class MathMicro2 {
    static void expNoClamp(float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector x = fromArray(SPECIES, a, aOff + i);
            FloatVector shifted = x.mul(1.44269504088896341f).add(0x1.8p23f);
            IntVector k = shifted.reinterpretAsInts().sub(Float.floatToRawIntBits(0x1.8p23f));
            FloatVector kf = shifted.sub(0x1.8p23f);
            FloatVector r = x.sub(kf.mul(0.693359375f)).sub(kf.mul(-2.12194440e-4f));
            FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f).mul(r).add(8.3334519073e-3f).mul(r).add(4.1665795894e-2f).mul(r).add(1.6666665459e-1f)
                    .mul(r).add(5.0000001201e-1f).mul(r.mul(r)).add(r).add(1f);
            IntVector half = k.lanewise(ASHR, 1);
            FloatVector scale1 = half.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
            FloatVector scale2 = k.sub(half).add(127).lanewise(LSHL, 23).reinterpretAsFloats();
            p.mul(scale1).mul(scale2).intoArray(out, outOff + i);
        }
    }
    static void clampOnly(float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            fromArray(SPECIES, a, aOff + i).max(-104f).min(89f).intoArray(out, outOff + i);
        }
    }
    static void divOnly(float[] a, int aOff, float[] out, int outOff, int n) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (int i = 0; i < n; i += LANES) {
            one.div(fromArray(SPECIES, a, aOff + i).add(one)).intoArray(out, outOff + i);
        }
    }
    static void polyOnly(float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector r = fromArray(SPECIES, a, aOff + i);
            r.mul(1.9875691500e-4f).add(1.3981999507e-3f).mul(r).add(8.3334519073e-3f).mul(r).add(4.1665795894e-2f).mul(r).add(1.6666665459e-1f)
                    .mul(r).add(5.0000001201e-1f).mul(r.mul(r)).add(r).add(1f).intoArray(out, outOff + i);
        }
    }
    public static void main(String[] args) {
        int n = 64 * 512;
        float[] a = new float[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextDouble(-3, 3);
        float[] out = new float[n];
        String[] ops = {"exp", "noclamp", "clamp", "div", "poly", "copy"};
        for (int pass = 0; pass < 2; pass++) for (String op : ops) {
            Runnable r = switch (op) {
                case "exp" -> () -> VectorMath.exp(a, 0, out, 0, n);
                case "noclamp" -> () -> expNoClamp(a, 0, out, 0, n);
                case "clamp" -> () -> clampOnly(a, 0, out, 0, n);
                case "div" -> () -> divOnly(a, 0, out, 0, n);
                case "poly" -> () -> polyOnly(a, 0, out, 0, n);
                default -> () -> System.arraycopy(a, 0, out, 0, n);
            };
            long end = System.nanoTime() + 1_000_000_000L;
            do { r.run(); } while (System.nanoTime() < end);
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 5; rep++) {
                long s = System.nanoTime();
                for (int i = 0; i < 100; i++) r.run();
                best = Math.min(best, System.nanoTime() - s);
            }
            System.out.printf("%-8s %.3f ns/element%n", op, best / 100.0 / n);
        }
    }
}

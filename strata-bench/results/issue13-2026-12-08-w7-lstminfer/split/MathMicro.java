package dev.strata.internal.kernels;

public final class MathMicro {
    public static void main(String[] args) {
        int n = 64 * 512;
        float[] a = new float[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextDouble(-3, 3);
        float[] out = new float[n];
        for (String op : new String[] {"exp", "sigmoid", "tanh", "exp", "sigmoid", "tanh"}) {
            Runnable r = switch (op) {
                case "exp" -> () -> VectorMath.exp(a, 0, out, 0, n);
                case "sigmoid" -> () -> VectorMath.sigmoid(a, 0, out, 0, n);
                default -> () -> VectorMath.tanh(a, 0, out, 0, n);
            };
            long end = System.nanoTime() + 1_500_000_000L;
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

package dev.strata.layers.regularization;

import static org.assertj.core.api.Assertions.assertThat;

/** Statistics the random regularization layers' tests share. */
final class RandomLayerChecks {
    private RandomLayerChecks() {
    }

    static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** The fraction of exact zeros. */
    static double zeros(float[] v) {
        int n = 0;
        for (float x : v) {
            n += x == 0f ? 1 : 0;
        }
        return (double) n / v.length;
    }

    /** Within {@code sigmas} standard errors of a binomial proportion {@code p} over {@code n} draws. */
    static void assertProportion(double observed, double p, int n, double sigmas) {
        double se = Math.sqrt(p * (1 - p) / n);
        assertThat(Math.abs(observed - p)).as("proportion %s against %s (n=%d)", observed, p, n)
                .isLessThanOrEqualTo(sigmas * se);
    }
}

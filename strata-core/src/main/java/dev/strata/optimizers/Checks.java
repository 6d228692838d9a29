package dev.strata.optimizers;

/**
 * The argument checks of Strata's optimizers: each failure names the optimizer, the argument (by its Keras name),
 * the range it must be in and the value given.
 */
final class Checks {
    private Checks() {
    }

    /**
     * Checks that {@code value} is finite and at least 0 (Keras's "needs to be positive or zero").
     *
     * @return {@code value} as the decimal the user wrote ({@link Optimizer#asDecimal})
     * @throws IllegalArgumentException naming {@code owner} and {@code name} otherwise
     */
    static double nonNegative(String owner, String name, float value) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be >= 0 and finite, got " + value);
        }
        return Optimizer.asDecimal(value);
    }

    /**
     * Checks that {@code value} lies between {@code low} and {@code high}, each bound included or not.
     *
     * @return {@code value} as the decimal the user wrote ({@link Optimizer#asDecimal})
     * @throws IllegalArgumentException naming {@code owner} and {@code name} otherwise
     */
    static double inRange(String owner, String name, float value, double low, boolean lowIncluded, double high,
            boolean highIncluded) {
        boolean ok = (lowIncluded ? value >= low : value > low) && (highIncluded ? value <= high : value < high);
        if (!ok) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in " + (lowIncluded ? "[" : "(")
                    + format(low) + ", " + format(high) + (highIncluded ? "]" : ")") + ", got " + value);
        }
        return Optimizer.asDecimal(value);
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}

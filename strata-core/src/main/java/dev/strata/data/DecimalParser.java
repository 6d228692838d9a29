package dev.strata.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers from ASCII bytes to the nearest float, exactly as {@link Float#parseFloat} rounds,
 * without making a String per field. It accepts {@code [+-]digits[.digits][(e|E)[+-]digits]} (digits on at
 * least one side of the point), {@code nan}, {@code inf} and {@code infinity} (any case, as numpy and pandas
 * write them), with spaces or tabs around.
 *
 * <p>Exactness: with at most 15 significant digits and a power of ten up to 10^22, {@code m * 10^e} (or
 * {@code m / 10^-e}) in double is the correctly rounded double {@code d} of the decimal (both operands are
 * exact; Clinger's fast path). Rounding {@code d} to float then gives the correctly rounded float unless
 * {@code d} lies exactly halfway between two floats, which is checked. Longer numbers are truncated to 15
 * digits, and the bounds {@code m15} and {@code m15 + 1} are rounded; when both give the same float, so does
 * every value between them. Everything else (ties, huge or tiny exponents, float subnormals) goes to
 * {@link Float#parseFloat}.
 */
final class DecimalParser {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p; // exact: every power of ten up to 1e22 is a double
            p *= 10;
        }
    }

    private static final long[] LONG_POW10 = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < LONG_POW10.length; i++) {
            LONG_POW10[i] = p;
            p *= 10;
        }
    }

    private DecimalParser() {
    }

    /**
     * The float nearest to the decimal in {@code s[from, to)}.
     *
     * @throws NumberFormatException if the text is not a number of the accepted form (no message: the caller
     *     knows where the text came from)
     */
    static float parse(byte[] s, int from, int to) {
        if (to - from <= 9 && to > from) {
            // whole numbers of up to 9 digits (pixels, labels, counts): int to float rounds as parseFloat does
            int v = 0;
            int i = from;
            while (i < to) {
                int d = s[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                v = v * 10 + d;
                i++;
            }
            if (i == to) {
                return v;
            }
        }
        while (from < to && (s[from] == ' ' || s[from] == '\t')) {
            from++;
        }
        while (to > from && (s[to - 1] == ' ' || s[to - 1] == '\t')) {
            to--;
        }
        int i = from;
        boolean negative = false;
        if (i < to && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        if (i == to) {
            throw new NumberFormatException();
        }
        if (s[i] != '.' && (s[i] < '0' || s[i] > '9')) {
            float special = special(s, i, to);
            return negative ? -special : special;
        }
        long m = 0;
        int digits = 0; // significant digits held in m, at most 18, so m < 10^18 fits a long
        int exp10 = 0;
        boolean anyDigit = false;
        boolean droppedNonZero = false;
        while (i < to && s[i] >= '0' && s[i] <= '9') {
            int dgt = s[i++] - '0';
            anyDigit = true;
            if (digits < 18) {
                if (m != 0 || dgt != 0) {
                    m = m * 10 + dgt;
                    digits++;
                }
            } else {
                exp10++;
                droppedNonZero |= dgt != 0;
            }
        }
        if (i < to && s[i] == '.') {
            i++;
            while (i < to && s[i] >= '0' && s[i] <= '9') {
                int dgt = s[i++] - '0';
                anyDigit = true;
                if (digits < 18) {
                    if (m != 0 || dgt != 0) {
                        m = m * 10 + dgt;
                        digits++;
                    }
                    exp10--;
                } else {
                    droppedNonZero |= dgt != 0;
                }
            }
        }
        if (!anyDigit) {
            throw new NumberFormatException();
        }
        if (i < to && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < to && (s[i] == '+' || s[i] == '-')) {
                expNegative = s[i] == '-';
                i++;
            }
            if (i == to || s[i] < '0' || s[i] > '9') {
                throw new NumberFormatException();
            }
            int e = 0;
            while (i < to && s[i] >= '0' && s[i] <= '9') {
                if (e < 1_000_000) { // beyond any float; keeps the sum below from overflowing
                    e = e * 10 + (s[i] - '0');
                }
                i++;
            }
            exp10 += expNegative ? -e : e;
        }
        if (i != to) {
            throw new NumberFormatException();
        }
        float r = m == 0 ? 0f : fast(m, digits, exp10, droppedNonZero);
        if (Float.isNaN(r)) {
            r = Float.parseFloat(new String(s, from, to - from, StandardCharsets.ISO_8859_1));
            return r; // parseFloat has seen the sign
        }
        return negative ? -r : r;
    }

    /** The float for {@code m * 10^exp10} (m > 0), or NaN when the fast paths cannot prove the rounding. */
    private static float fast(long m, int digits, int exp10, boolean droppedNonZero) {
        if (digits <= 15 && !droppedNonZero) {
            return exact(m, exp10);
        }
        int extra = digits - 15;
        long low = m / LONG_POW10[extra];
        int e = exp10 + extra;
        float a = exact(low, e);
        float b = exact(low + 1, e);
        return a == b ? a : Float.NaN;
    }

    /** The correctly rounded float of {@code m * 10^e} for {@code 0 < m <= 10^15}, or NaN if not provable. */
    private static float exact(long m, int e) {
        if (e < -22 || e > 22) {
            return Float.NaN;
        }
        double d = e >= 0 ? m * POW10[e] : m / POW10[-e];
        if (!(d >= Float.MIN_NORMAL && d < 0x1p127)) {
            return Float.NaN;
        }
        // d is a float midpoint when the 29 bits that float drops from the double's mantissa are 1000...0.
        if ((Double.doubleToRawLongBits(d) & 0x1FFF_FFFFL) == 0x1000_0000L) {
            return Float.NaN;
        }
        return (float) d;
    }

    private static float special(byte[] s, int from, int to) {
        if (matches(s, from, to, "nan")) {
            return Float.NaN;
        }
        if (matches(s, from, to, "inf") || matches(s, from, to, "infinity")) {
            return Float.POSITIVE_INFINITY;
        }
        throw new NumberFormatException();
    }

    private static boolean matches(byte[] s, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (Character.toLowerCase((char) (s[from + k] & 0xFF)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}

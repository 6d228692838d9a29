package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast decimal parser must round exactly as {@link Float#parseFloat} does. */
class DecimalParserTest {

    private static float parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return DecimalParser.parse(b, 0, b.length);
    }

    private static void same(String s) {
        float expected = Float.parseFloat(s);
        float actual = parse(s);
        if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) {
            throw new AssertionError("\"" + s + "\": parsed " + actual + " (0x"
                    + Integer.toHexString(Float.floatToIntBits(actual)) + "), Float.parseFloat gives " + expected
                    + " (0x" + Integer.toHexString(Float.floatToIntBits(expected)) + ")");
        }
    }

    @Test
    void acceptedForms() {
        for (String s : new String[] {"0", "-0", "+0", "0.0", "-0.0", "1", "-1", "+3", "1.", ".5", "-.5", "1e5",
            "1E5", "1e+5", "1e-5", "2.5E-3", "007", "00.0100", " 2.5 ", "\t-7\t", "123456789", "3.4028235e38",
            "3.4028236e38", "1e39", "-1e39", "1.4e-45", "7e-46", "1e-50", "1.17549435e-38", "1.1754942e-38",
            "9007199254740993", "0.1", "0.2", "0.3", "16777217", "33554431", "1e22", "1e23", "1e-22", "1e-23",
            "123456789012345678901234567890", "0.000000000000000000000000000001234567",
            "1.00000005960464477539062500000000000000001", "1.000000059604644775390625",
            "1.0000000596046447753906249999999999999", "1e2147483648", "1e-2147483648"}) {
            same(s);
        }
        assertThat(Float.isNaN(parse("nan"))).isTrue();
        assertThat(Float.isNaN(parse("NaN"))).isTrue();
        assertThat(Float.isNaN(parse("-nan"))).isTrue();
        assertThat(parse("inf")).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(parse("-Infinity")).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(parse("+INF")).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float.floatToIntBits(parse("-0"))).isEqualTo(Float.floatToIntBits(-0f));
    }

    @Test
    void rejectedForms() {
        for (String s : new String[] {"", " ", "-", "+", ".", "-.", "e5", ".e5", "1e", "1e+", "1.5f", "1d", "0x10",
            "0x1p3", "1,5", "1..2", "--1", "+-1", "1 2", "abc", "infinit", "nana", "1e5.5", "١"}) {
            assertThatThrownBy(() -> parse(s)).as("\"%s\"", s).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void randomFloatsDoublesAndIntegersRoundTrip() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (!Float.isFinite(f)) {
                continue;
            }
            same(Float.toString(f));
            same(Double.toString(Double.longBitsToDouble(r.nextLong())).replace("Infinity", "1e999"));
            same(Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(-12, 12))));
            same(Long.toString(r.nextLong() >> r.nextInt(64)));
        }
    }

    @Test
    void decimalsNearFloatMidpointsRoundCorrectly() {
        // The hard cases: decimals exactly at, just below and just above the midpoint between two floats.
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 50_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt(0x0080_0000, 0x7F00_0000)); // positive normal floats
            BigDecimal lo = new BigDecimal(f);
            BigDecimal hi = new BigDecimal(Math.nextUp(f));
            BigDecimal mid = lo.add(hi).divide(BigDecimal.valueOf(2));
            BigDecimal tiny = mid.ulp().multiply(BigDecimal.valueOf(r.nextInt(1, 1000)));
            same(mid.toString());
            same(mid.subtract(tiny).toString());
            same(mid.add(tiny).toString());
            // Short decimals near the midpoint (the fast path's territory).
            same(mid.round(new java.math.MathContext(r.nextInt(9, 18))).toString());
        }
    }

    @Test
    void randomShortDecimalsOverAllExponents() {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 300_000; i++) {
            int digits = r.nextInt(1, 21);
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? "-" : "");
            for (int d = 0; d < digits; d++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
            int point = r.nextInt(digits + 1);
            sb.insert(sb.length() - digits + point, '.');
            if (r.nextBoolean()) {
                sb.append('e').append(r.nextInt(-50, 45));
            }
            String s = sb.toString();
            if (s.equals(".") || s.equals("-.") || s.startsWith(".e") || s.startsWith("-.e")) {
                continue;
            }
            same(s);
        }
    }
}

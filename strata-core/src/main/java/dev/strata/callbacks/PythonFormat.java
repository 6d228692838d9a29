package dev.strata.callbacks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * Python's {@code str.format} for the file name templates of {@link ModelCheckpoint}
 * ({@code "model-{epoch:02d}-{val_loss:.2f}.keras"}), which Keras fills with {@code filepath.format(epoch=...,
 * **logs)}: replacement fields by name, {@code {{} and {@code }}} for braces, conversions {@code !s} and {@code !r},
 * and the format-spec mini-language ({@code [[fill]align][sign][z][#][0][width][,|_][.precision][type]}) for
 * integers ({@code d}, {@code b}, {@code o}, {@code x}, {@code X}, {@code n}, and the float types) and floats
 * ({@code e}, {@code E}, {@code f}, {@code F}, {@code g}, {@code G}, {@code n}, {@code %}, none). Floats are rounded
 * as Python rounds them (correctly, half to even on the exact binary value); without a type they print as Python's
 * {@code repr} ({@code 0.1}, {@code 1e-05}, {@code 3.0}).
 */
final class PythonFormat {
    private PythonFormat() {
    }

    /**
     * {@code template.format(**values)}; values are Integers/Longs (Python ints) or Doubles/Floats (Python floats).
     *
     * @throws IllegalArgumentException for a name not in {@code values} (Python's KeyError), a bad format spec or
     *     a spec that does not fit the value's type (Python's ValueError), with Python's wording
     */
    static String format(String template, Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{') {
                if (i + 1 < n && template.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("Single '{' encountered in format string");
                }
                String field = template.substring(i + 1, close);
                if (field.indexOf('{') >= 0) {
                    throw new IllegalArgumentException("nested replacement fields are not supported: '{" + field + "}'");
                }
                out.append(field(field, values));
                i = close + 1;
            } else if (c == '}') {
                if (i + 1 < n && template.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new IllegalArgumentException("Single '}' encountered in format string");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String field(String field, Map<String, ?> values) {
        String name = field;
        String spec = "";
        int colon = field.indexOf(':');
        if (colon >= 0) {
            name = field.substring(0, colon);
            spec = field.substring(colon + 1);
        }
        String conversion = null;
        int bang = name.indexOf('!');
        if (bang >= 0) {
            conversion = name.substring(bang + 1);
            name = name.substring(0, bang);
            if (!conversion.equals("s") && !conversion.equals("r") && !conversion.equals("a")) {
                throw new IllegalArgumentException("Unknown conversion specifier " + conversion);
            }
        }
        if (name.isEmpty() || name.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("Replacement index " + (name.isEmpty() ? "0" : name)
                    + " out of range for positional args tuple");
        }
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("KeyError: '" + name + "'");
        }
        Object v = values.get(name);
        if (conversion != null) {
            return formatString(repr(v), Spec.parse(spec), spec);
        }
        return formatValue(v, spec);
    }

    private static String repr(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return pythonRepr(((Number) v).doubleValue());
        }
        if (v instanceof String s) {
            return s;
        }
        return String.valueOf(v);
    }

    /** One value formatted with a spec, as Python's {@code format(value, spec)}. */
    static String formatValue(Object v, String specText) {
        Spec spec = Spec.parse(specText);
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return formatInt(((Number) v).longValue(), spec, specText);
        }
        if (v instanceof Double || v instanceof Float) {
            return formatFloat(((Number) v).doubleValue(), spec, specText);
        }
        if (v instanceof Boolean b) {
            return spec.type == 0 && specText.isEmpty() ? (b ? "True" : "False") : formatInt(b ? 1 : 0, spec, specText);
        }
        if (v == null) {
            return formatString("None", spec, specText);
        }
        return formatString(String.valueOf(v), spec, specText);
    }

    /** A parsed format spec. */
    private static final class Spec {
        char fill = ' ';
        char align; // 0 = default
        char sign = '-';
        boolean alternate;
        boolean zeroPad;
        int width = -1;
        char grouping; // 0, ',' or '_'
        int precision = -1;
        char type; // 0 = none

        static Spec parse(String s) {
            Spec sp = new Spec();
            int i = 0;
            int n = s.length();
            if (n >= 2 && "<>=^".indexOf(s.charAt(1)) >= 0) {
                sp.fill = s.charAt(0);
                sp.align = s.charAt(1);
                i = 2;
            } else if (n >= 1 && "<>=^".indexOf(s.charAt(0)) >= 0) {
                sp.align = s.charAt(0);
                i = 1;
            }
            if (i < n && "+- ".indexOf(s.charAt(i)) >= 0) {
                sp.sign = s.charAt(i++);
            }
            if (i < n && s.charAt(i) == 'z') {
                i++; // negative zero to positive: applied for floats below
            }
            if (i < n && s.charAt(i) == '#') {
                sp.alternate = true;
                i++;
            }
            if (i < n && s.charAt(i) == '0') {
                sp.zeroPad = true;
                i++;
            }
            int start = i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                sp.width = Integer.parseInt(s.substring(start, i));
            }
            if (i < n && (s.charAt(i) == ',' || s.charAt(i) == '_')) {
                sp.grouping = s.charAt(i++);
            }
            if (i < n && s.charAt(i) == '.') {
                i++;
                start = i;
                while (i < n && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    throw new IllegalArgumentException("Format specifier missing precision");
                }
                sp.precision = Integer.parseInt(s.substring(start, i));
            }
            if (i < n) {
                sp.type = s.charAt(i++);
            }
            if (i != n) {
                throw new IllegalArgumentException("Invalid format specifier '" + s + "'");
            }
            if (sp.zeroPad && sp.align == 0) {
                sp.fill = '0';
                sp.align = '=';
            }
            return sp;
        }
    }

    private static String formatString(String s, Spec spec, String specText) {
        if (spec.type != 0 && spec.type != 's') {
            throw new IllegalArgumentException("Unknown format code '" + spec.type + "' for object of type 'str'");
        }
        if (spec.sign != '-' || spec.align == '=') {
            throw new IllegalArgumentException("Sign not allowed in string format specifier");
        }
        if (spec.precision >= 0 && s.length() > spec.precision) {
            s = s.substring(0, spec.precision);
        }
        return pad("", s, spec, '<');
    }

    private static String formatInt(long v, Spec spec, String specText) {
        switch (spec.type) {
            case 'e', 'E', 'f', 'F', 'g', 'G', '%' -> {
                return formatFloat((double) v, spec, specText);
            }
            case 0, 'd', 'n', 'b', 'o', 'x', 'X', 'c' -> {
            }
            default -> throw new IllegalArgumentException("Unknown format code '" + spec.type
                    + "' for object of type 'int'");
        }
        if (spec.precision >= 0) {
            throw new IllegalArgumentException("Precision not allowed in integer format specifier");
        }
        if (spec.type == 'c') {
            return pad("", String.valueOf((char) v), spec, '<');
        }
        long abs = Math.abs(v);
        String digits = switch (spec.type) {
            case 'b' -> Long.toBinaryString(abs);
            case 'o' -> Long.toOctalString(abs);
            case 'x' -> Long.toHexString(abs);
            case 'X' -> Long.toHexString(abs).toUpperCase(Locale.ROOT);
            default -> Long.toString(abs);
        };
        if (v == Long.MIN_VALUE) {
            digits = digits.startsWith("-") ? digits.substring(1) : digits;
        }
        if (spec.grouping != 0) {
            digits = group(digits, spec.grouping, spec.type == 0 || spec.type == 'd' || spec.type == 'n' ? 3 : 4);
        }
        String prefix = spec.alternate ? switch (spec.type) {
            case 'b' -> "0b";
            case 'o' -> "0o";
            case 'x' -> "0x";
            case 'X' -> "0X";
            default -> "";
        } : "";
        return pad(sign(v < 0, spec) + prefix, digits, spec, '>');
    }

    private static String formatFloat(double v, Spec spec, String specText) {
        char type = spec.type;
        if ("eEfFgGn%".indexOf(type) < 0 && type != 0) {
            throw new IllegalArgumentException("Unknown format code '" + type + "' for object of type 'float'");
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        String body;
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            body = Double.isNaN(v) ? "nan" : "inf";
            negative = !Double.isNaN(v) && v < 0;
            if (type == 'E' || type == 'F' || type == 'G') {
                body = body.toUpperCase(Locale.ROOT);
            }
            if (type == '%') {
                body = body + "%";
            }
        } else {
            body = switch (type) {
                case 'f', 'F' -> fixed(a, spec.precision < 0 ? 6 : spec.precision, spec.alternate);
                case 'e', 'E' -> {
                    String s = scientific(a, spec.precision < 0 ? 6 : spec.precision, spec.alternate);
                    yield type == 'E' ? s.toUpperCase(Locale.ROOT) : s;
                }
                case 'g', 'G', 'n' -> {
                    String s = general(a, spec.precision < 0 ? 6 : spec.precision, spec.alternate, false);
                    yield type == 'G' ? s.toUpperCase(Locale.ROOT) : s;
                }
                case '%' -> fixed(a * 100, spec.precision < 0 ? 6 : spec.precision, spec.alternate) + "%";
                default -> spec.precision < 0 ? pythonRepr(a) : general(a, spec.precision, spec.alternate, true);
            };
            if (spec.grouping != 0) {
                int end = body.length();
                for (int k = 0; k < body.length(); k++) {
                    if (!Character.isDigit(body.charAt(k))) {
                        end = k;
                        break;
                    }
                }
                body = group(body.substring(0, end), spec.grouping, 3) + body.substring(end);
            }
        }
        return pad(sign(negative, spec), body, spec, '>');
    }

    private static String sign(boolean negative, Spec spec) {
        if (negative) {
            return "-";
        }
        return spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
    }

    private static String group(String digits, char separator, int every) {
        StringBuilder sb = new StringBuilder();
        int first = digits.length() % every;
        for (int k = 0; k < digits.length(); k++) {
            if (k > 0 && (k - first) % every == 0) {
                sb.append(separator);
            }
            sb.append(digits.charAt(k));
        }
        return sb.toString();
    }

    private static String pad(String sign, String body, Spec spec, char defaultAlign) {
        int len = sign.length() + body.length();
        if (spec.width <= len) {
            return sign + body;
        }
        String fill = String.valueOf(spec.fill).repeat(spec.width - len);
        char align = spec.align == 0 ? defaultAlign : spec.align;
        return switch (align) {
            case '<' -> sign + body + fill;
            case '^' -> {
                int left = (spec.width - len) / 2;
                String f = String.valueOf(spec.fill);
                yield f.repeat(left) + sign + body + f.repeat(spec.width - len - left);
            }
            case '=' -> sign + fill + body;
            default -> fill + sign + body;
        };
    }

    /** {@code %.{p}f} of a non-negative finite value, correctly rounded. */
    private static String fixed(double a, int p, boolean alternate) {
        String s = new BigDecimal(a).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
        return p == 0 && alternate ? s + "." : s;
    }

    /** {@code %.{p}e} of a non-negative finite value. */
    private static String scientific(double a, int p, boolean alternate) {
        if (a == 0) {
            return (p == 0 ? "0" + (alternate ? "." : "") : "0." + "0".repeat(p)) + "e+00";
        }
        BigDecimal r = new BigDecimal(a).round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        String digits = r.unscaledValue().toString();
        digits = (digits + "0".repeat(p + 1)).substring(0, p + 1);
        String mantissa = p == 0 ? digits + (alternate ? "." : "") : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + exponent(exp);
    }

    private static String exponent(int exp) {
        String e = Integer.toString(Math.abs(exp));
        return "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    /**
     * {@code %.{p}g} of a non-negative finite value; {@code noType} for a spec with precision but no type, which
     * keeps one digit after the point in fixed notation and switches to scientific at {@code exp >= p} too.
     */
    private static String general(double a, int p, boolean alternate, boolean noType) {
        if (p == 0) {
            p = 1;
        }
        int exp = 0;
        if (a != 0) {
            BigDecimal r = new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN));
            exp = r.precision() - r.scale() - 1;
        }
        // 'g' goes scientific from exp >= p; no type with a precision from exp >= p - 1 (Python's rule)
        String s;
        if (exp >= -4 && exp < (noType ? p - 1 : p)) {
            s = fixed(a, Math.max(p - 1 - exp, 0), alternate);
            if (!alternate) {
                s = stripZeros(s);
                if (noType && !s.contains(".")) {
                    s = s + ".0";
                }
            }
        } else {
            s = scientific(a, p - 1, alternate);
            if (!alternate) {
                int e = s.indexOf('e');
                s = stripZeros(s.substring(0, e)) + s.substring(e);
            }
        }
        return s;
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code repr(float)}: the shortest digits that read back the same, as Python lays them out. */
    static String pythonRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exp = shortest.precision() - shortest.scale() - 1;
        String body;
        if (exp >= -4 && exp < 16) {
            body = shortest.toPlainString();
            if (!body.contains(".")) {
                body = body + ".0";
            }
        } else {
            body = (digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1)) + exponent(exp);
        }
        return (v < 0 ? "-" : "") + body;
    }
}

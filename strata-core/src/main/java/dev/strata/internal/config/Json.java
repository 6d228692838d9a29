package dev.strata.internal.config;

import dev.strata.config.KerasConfigException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * JSON in and out. Parsing gives plain Java values ({@code LinkedHashMap}, {@code ArrayList}, {@code String},
 * {@code Integer}/{@code Long}, {@code Double}, {@code Boolean}, null); writing gives what Python's
 * {@code json.dumps} gives for the same data (Keras writes {@code config.json} with it): {@code ", "} and
 * {@code ": "} separators, floats as Python's {@code repr} ({@code 0.001}, {@code 1e-07}, {@code 30.0}), non-ASCII
 * escaped, {@code NaN} and {@code Infinity} bare.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python writes NaN and Infinity
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)         // as json.dumps's ensure_ascii
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)    // \u00e9, as Python writes it
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(500).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    /**
     * Parses JSON text into plain Java values.
     *
     * @throws KerasConfigException if the text is not valid JSON (with the line and column)
     */
    public static Object parse(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new KerasConfigException("the config is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
    }

    /** Writes plain Java values (maps, collections, strings, numbers, booleans, null) as Python would. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new PythonSeparators());
            write(g, value);
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string failed", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Short s -> g.writeNumber(s);
            case Byte b -> g.writeNumber(b);
            case BigInteger b -> g.writeNumber(b);
            case Float f -> g.writeNumber(pythonFloat(Double.parseDouble(Float.toString(f))));
            case Double d -> g.writeNumber(pythonFloat(d));
            case BigDecimal d -> g.writeNumber(pythonFloat(d.doubleValue()));
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object o : c) {
                    write(g, o);
                }
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("cannot write a " + v.getClass().getName()
                    + " as JSON: " + v);
        }
    }

    /**
     * Python's {@code repr} of a float: the shortest digits that read back as the same double, in fixed notation
     * when the decimal exponent is in (-4, 16], else as {@code 1.5e-07} / {@code 1e+16}; integral values keep
     * {@code .0}.
     */
    public static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest round-tripping digits (JDK 19+), as Python's repr does.
        BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = b.unscaledValue().toString();
        int decpt = digits.length() - b.scale(); // value = 0.digits x 10^decpt
        StringBuilder s = new StringBuilder(d < 0 ? "-" : "");
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                s.append("0.").append("0".repeat(-decpt)).append(digits);
            } else if (decpt >= digits.length()) {
                s.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
            } else {
                s.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
        } else {
            s.append(digits.charAt(0));
            if (digits.length() > 1) {
                s.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            s.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            s.append(a < 10 ? "0" : "").append(a);
        }
        return s.toString();
    }

    /** Python's default {@code json.dumps} separators: {@code ", "} and {@code ": "}, on one line. */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}

package dev.strata.testing;

import dev.strata.internal.config.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's serialized objects from a generated golden file under {@code keras-golden/}, and a canonical text form of
 * a serialized object for comparing Strata's with Keras's: key order kept, every number as a double (Keras writes
 * some floats as ints, {@code "label_smoothing": 0}, where Strata writes {@code 0.0}).
 */
public final class KerasConfigGolden {
    private KerasConfigGolden() {
    }

    /** The JSON object of {@code /keras-golden/<file>}. */
    public static Map<String, Object> load(String file) {
        try (InputStream in = KerasConfigGolden.class.getResourceAsStream("/keras-golden/" + file)) {
            if (in == null) {
                throw new AssertionError("no test resource /keras-golden/" + file);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> all = (Map<String, Object>) Json.parse(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
            return all;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * One section (e.g. {@code "losses"}: class name to Keras's serialized forms) of several golden files together, so
     * that classes added later can bring their configs in a file of their own.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> section(String section, String... files) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String file : files) {
            Object part = load(file).get(section);
            if (part != null) {
                out.putAll((Map<String, Object>) part);
            }
        }
        return out;
    }

    /** {@code json} as JSON text with every number a double, for comparing configs written by Keras and Strata. */
    public static String canonical(Object json) {
        return Json.write(numbersAsDoubles(json));
    }

    private static Object numbersAsDoubles(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), numbersAsDoubles(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(numbersAsDoubles(x)));
            return out;
        }
        return v;
    }
}

package dev.strata.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.KerasConfigException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON as Python's json.dumps writes it (Keras's config.json), and parsing with clear errors. */
class JsonTest {
    @Test
    void floatsAsPythonRepr() {
        // Values checked against Python 3.11: repr(float(x)).
        assertThat(Json.pythonFloat(0.001)).isEqualTo("0.001");
        assertThat(Json.pythonFloat((double) 0.001f)).isEqualTo("0.0010000000474974513");
        assertThat(Json.pythonFloat(1e-7)).isEqualTo("1e-07");
        assertThat(Json.pythonFloat(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(Json.pythonFloat(0.0001)).isEqualTo("0.0001");
        assertThat(Json.pythonFloat(0.00001)).isEqualTo("1e-05");
        assertThat(Json.pythonFloat(30.0)).isEqualTo("30.0");
        assertThat(Json.pythonFloat(-2.5)).isEqualTo("-2.5");
        assertThat(Json.pythonFloat(1e15)).isEqualTo("1000000000000000.0");
        assertThat(Json.pythonFloat(1e16)).isEqualTo("1e+16");
        assertThat(Json.pythonFloat(1.2345678901234568e17)).isEqualTo("1.2345678901234568e+17");
        assertThat(Json.pythonFloat(0.99)).isEqualTo("0.99");
        assertThat(Json.pythonFloat(0.0)).isEqualTo("0.0");
        assertThat(Json.pythonFloat(-0.0)).isEqualTo("-0.0");
        assertThat(Json.pythonFloat(Double.NaN)).isEqualTo("NaN");
        assertThat(Json.pythonFloat(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void writesLikeJsonDumps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "d\u00e9nse");
        m.put("shape", Arrays.asList(null, 6));
        m.put("rate", 0.5f);
        m.put("ok", true);
        m.put("empty", Map.of());
        assertThat(Json.write(m)).isEqualTo("{\"name\": \"d\\u00e9nse\", \"shape\": [null, 6], \"rate\": 0.5, "
                + "\"ok\": true, \"empty\": {}}");
    }

    @Test
    void parsesToPlainValues() {
        Object v = Json.parse("{\"a\": [1, 2.5, null, true, \"x\"], \"b\": NaN}");
        assertThat(v).isEqualTo(Map.of("a", Arrays.asList(1, 2.5, null, true, "x"), "b", Double.NaN));
        assertThat(Json.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void badJsonFailsWithWhere() {
        assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}")).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("line 1");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}")).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> Json.parse("[".repeat(600) + "]".repeat(600)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("nesting depth");
    }
}

package dev.strata.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every weights file in the fixtures reads with exactly the dataset paths, shapes, dtypes and attributes that
 * h5py reported when the fixtures were made: MANIFEST.json (the files made locally with Keras 3.15.1) and
 * MANIFEST.md (the files from public projects, Keras 2.1 to 3.12).
 */
class FixtureManifestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> manifestJson() throws IOException {
        JsonNode files = JSON.readTree(Fixtures.file("MANIFEST.json").toFile()).path("files");
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : files.properties()) {
            List<String> rows = new ArrayList<>();
            e.getValue().path("weights").forEach(r -> rows.add(r.asText()));
            out.add(Arguments.of(e.getKey(), rows));
        }
        assertThat(out).hasSize(4);
        return out.stream();
    }

    /** The listing is the manifest's, row for row and in h5py's order. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestJson")
    void matchesManifestJson(String file, List<String> rows) {
        assertThat(Fixtures.weights(file).listing()).containsExactlyElementsOf(rows);
    }

    /** One file's entry in MANIFEST.md. */
    record MdEntry(String file, int declaredCount, Map<String, String> datasets, Map<String, String> groups,
            String rootAttrs) {
    }

    private static final Pattern SECTION = Pattern.compile("^### `([^`]+)`$");
    private static final Pattern COUNT = Pattern.compile("(\\d+) datasets");
    private static final Pattern DATASET = Pattern.compile("^    - `([^`]+)` \\(([\\d, ]*)\\) (\\w+)$");
    private static final Pattern GROUP = Pattern.compile("^    - `([^`]*)/` ?(\\(empty\\))? ?(?:attrs (\\{.*}))?$");
    private static final Pattern ROOT = Pattern.compile("^- Root attrs: `(\\{.*})`$");

    static List<MdEntry> manifestMd() throws IOException {
        List<MdEntry> out = new ArrayList<>();
        MdEntry cur = null;
        for (String line : Files.readAllLines(Fixtures.file("MANIFEST.md"))) {
            Matcher m;
            if ((m = SECTION.matcher(line)).matches()) {
                String f = m.group(1);
                cur = f.endsWith(".keras") || f.endsWith(".h5")
                        ? new MdEntry(f, -1, new TreeMap<>(), new TreeMap<>(), null) : null;
                if (cur != null) {
                    out.add(cur);
                }
            } else if (cur == null) {
                continue;
            } else if ((m = ROOT.matcher(line)).matches()) {
                cur = replaceLast(out, new MdEntry(cur.file(), cur.declaredCount(), cur.datasets(), cur.groups(), m.group(1)));
            } else if (line.startsWith("- ") && (m = COUNT.matcher(line)).find() && line.endsWith(":")) {
                cur = replaceLast(out, new MdEntry(cur.file(), Integer.parseInt(m.group(1)), cur.datasets(), cur.groups(), cur.rootAttrs()));
            } else if ((m = DATASET.matcher(line)).matches()) {
                cur.datasets().put(m.group(1), "[" + m.group(2).replaceAll(",$", "").replaceAll(",\\s*$", "") + "] " + m.group(3));
            } else if ((m = GROUP.matcher(line)).matches()) {
                cur.groups().put(m.group(1), (m.group(2) == null ? "" : "empty ") + (m.group(3) == null ? "{}" : m.group(3)));
            }
        }
        return out;
    }

    private static MdEntry replaceLast(List<MdEntry> list, MdEntry e) {
        list.set(list.size() - 1, e);
        return e;
    }

    static Stream<Arguments> mdEntries() throws IOException {
        return manifestMd().stream().map(e -> Arguments.of(e.file(), e));
    }

    @Test
    void markdownManifestCoversThePublicFiles() throws IOException {
        List<MdEntry> entries = manifestMd();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(14);
        for (MdEntry e : entries) {
            assertThat(e.datasets()).as(e.file()).hasSize(e.declaredCount());
        }
    }

    /** Dataset paths, shapes and dtypes, and the attributes of the listed groups, as MANIFEST.md says. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("mdEntries")
    void matchesManifestMd(String file, MdEntry e) throws IOException {
        WeightsFile w = Fixtures.weights(file);
        Map<String, String> datasets = new TreeMap<>();
        w.root().walk(n -> {
            if (n instanceof H5Dataset d) {
                datasets.put(d.path().substring(1), Arrays.toString(d.shape()) + " " + d.dataType().numpyName());
            }
        });
        assertThat(datasets).isEqualTo(e.datasets());
        for (Map.Entry<String, String> g : e.groups().entrySet()) {
            H5Group group = g.getKey().isEmpty() ? w.root() : w.root().group(g.getKey());
            assertThat(group).as("group %s", g.getKey()).isNotNull();
            String spec = g.getValue();
            if (spec.startsWith("empty ")) {
                assertThat(group.isEmpty()).as("%s is empty", g.getKey()).isTrue();
                spec = spec.substring(6);
            }
            assertAttributes(group, JSON.readTree(spec), g.getKey());
        }
        if (e.rootAttrs() != null) {
            assertAttributes(w.root(), JSON.readTree(e.rootAttrs()), "/");
        }
    }

    private static void assertAttributes(H5Group g, JsonNode expected, String where) throws IOException {
        Map<String, Object> attrs = new LinkedHashMap<>(g.attributes());
        assertThat(attrs.keySet()).as("attribute names of %s", where)
                .containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());
        for (Map.Entry<String, JsonNode> a : expected.properties()) {
            JsonNode v = a.getValue();
            if (v.isArray()) {
                List<String> want = new ArrayList<>();
                v.forEach(x -> want.add(x.asText()));
                List<String> got = g.stringListAttribute(a.getKey());
                assertThat(got).as("%s %s", where, a.getKey()).isEqualTo(want);
            } else {
                Matcher chars = Pattern.compile("<(\\d+) chars JSON>").matcher(v.asText());
                String got = g.stringAttribute(a.getKey());
                if (chars.matches()) {
                    assertThat(got).as("%s %s", where, a.getKey()).hasSize(Integer.parseInt(chars.group(1)));
                    assertThat(JSON.readTree(got).isObject()).isTrue();
                } else {
                    assertThat(got).as("%s %s", where, a.getKey()).isEqualTo(v.asText());
                }
            }
        }
    }
}

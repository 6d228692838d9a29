package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's statistics, products and searching ops in a model Python Keras saved ({@code
 * keras-golden/ops16_stats.keras}, made by {@code tools/golden/ops16_stats.py --interop}): Strata reads every op entry
 * as Keras wrote it, predicts Keras's values, writes the same op configs back, and its own saved file reloads with the
 * same predictions. (Python Keras loading Strata's configs is {@code OpSpecRoundTripTest.everyOp} through
 * {@code tools/keras-interop/check_config.py}.)
 */
class Ops16StatsInteropTest {
    private static final Path FILE = resource("/keras-golden/ops16_stats.keras");
    /** The Keras classes of issue 13's ops (the model also uses others to make their inputs). */
    private static final java.util.Set<Object> OURS = java.util.Set.of("Tensordot", "Outer", "Inner", "Vdot", "Kron",
            "Cross", "Diff", "Trapezoid", "Correlate", "Average", "Amax", "Amin", "Ptp", "Median", "Quantile",
            "Percentile", "CountNonzero", "Nansum", "Nanmean", "Nanmax", "Nanmin", "Nanprod", "Nanstd", "Nanvar",
            "Nanmedian", "Nanquantile", "Nanpercentile", "Nanargmax", "Nanargmin", "Nancumsum", "Nancumprod",
            "SearchSorted", "Digitize", "IsIn", "Argpartition", "Corrcoef");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Path resource(String name) {
        try {
            return Path.of(Ops16StatsInteropTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = Ops16StatsInteropTest.class.getResourceAsStream("/keras-golden/ops16_stats_golden.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static float[] floats(Object list) {
        List<?> v = (List<?>) list;
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) v.get(i)).floatValue();
        }
        return out;
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(d -> ((Number) d).intValue()).toArray();
    }

    private static List<Tensor> inputs() {
        Map<?, ?> g = golden();
        int[] shape = ints(g.get("shape"));
        return List.of(Tensor.of(floats(g.get("a")), shape), Tensor.of(floats(g.get("b")), shape));
    }

    private static void assertPredictsKeras(Model m) {
        Tensors got = m.predictOnBatch(inputs()); // one batch: the flattened (axis None) outputs mix samples
        List<?> expected = (List<?>) golden().get("outputs");
        List<?> shapes = (List<?>) golden().get("output_shapes");
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Tensor y = got.get(i);
            assertThat(y.shape().toArray()).as("output " + i + " shape").containsExactly(ints(shapes.get(i)));
            Ops13Checks.assertGolden("output " + i, y, y.shape(),
                    floats(expected.get(i)), 1e-5, 1e-6);
        }
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        assertPredictsKeras(Saving.loadModel(FILE));
    }

    @Test
    void writesKerassOpConfigsBack() throws IOException {
        Model m = Saving.loadModel(FILE);
        Map<String, Object> kerasOps = opConfigs(KerasArchive.read(FILE).configJson());
        Map<String, Object> strataOps = opConfigs(KerasConfig.modelToJson(m));
        assertThat(kerasOps).hasSize(strataOps.size()).hasSizeGreaterThan(45);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        Path file = dir.resolve("ops16_stats.keras");
        Saving.saveModel(Saving.loadModel(FILE), file);
        Strata.clearSession();
        assertPredictsKeras(Saving.loadModel(file));
    }

    /** Each op entry's class and config (name included), in order. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> opConfigs(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) KerasConfig.parseJson(json))
                .get("config");
        for (Object l : (List<Object>) config.get("layers")) {
            Map<String, Object> e = (Map<String, Object>) l;
            if (String.valueOf(e.get("module")).startsWith("keras.src.ops") && OURS.contains(e.get("class_name"))) {
                Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) e.get("config"));
                // Strata writes a lone axis of amax, amin, median and ptp as a list of one, which Keras reads the same
                if (c.get("axis") instanceof Number n && List.of("Amax", "Amin", "Median", "Ptp")
                        .contains(e.get("class_name"))) {
                    c.put("axis", List.of(n));
                }
                out.put(e.get("class_name") + " " + e.get("name"), c);
            }
        }
        return out;
    }
}

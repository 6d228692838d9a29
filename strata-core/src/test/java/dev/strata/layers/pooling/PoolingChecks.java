package dev.strata.layers.pooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * What the pooling and reshaping layer tests share: a layer made from a golden case's Keras config, its output and
 * gradient against Keras's, its config against Keras's, and inputs whose values are far apart (for finite differences
 * through a maximum).
 */
public final class PoolingChecks {
    private PoolingChecks() {
    }

    /** The golden cases whose names start with {@code prefix}. */
    public static List<PoolingGolden.Case> cases(String prefix) {
        List<PoolingGolden.Case> out = new ArrayList<>();
        for (PoolingGolden.Case c : PoolingGolden.all().values()) {
            if (c.name().startsWith(prefix)) {
                out.add(c);
            }
        }
        assertThat(out).as("golden cases named " + prefix + "*").isNotEmpty();
        return out;
    }

    /** The case's Keras config as a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> kerasConfig(PoolingGolden.Case c) {
        return (Map<String, Object>) KerasConfig.parseJson(c.config());
    }

    /** The layer Strata makes from the case's Keras config (its class found in the pooling or reshaping package). */
    public static Layer fromKeras(PoolingGolden.Case c) {
        Class<? extends Layer> type;
        try {
            type = Class.forName("dev.strata.layers.pooling." + c.className()).asSubclass(Layer.class);
        } catch (ClassNotFoundException e) {
            try {
                type = Class.forName("dev.strata.layers.reshaping." + c.className()).asSubclass(Layer.class);
            } catch (ClassNotFoundException e2) {
                throw new AssertionError("no Strata layer " + c.className(), e2);
            }
        }
        return KerasConfig.fromConfig(type, kerasConfig(c), new LoadOptions());
    }

    /** The case's input. */
    public static Tensor x(PoolingGolden.Case c) {
        return Tensor.of(c.xValues(), c.xShape());
    }

    /**
     * {@code f} on the case's input gives Keras's output, and the tape's gradient of {@code sum(W·f(x))} is Keras's
     * (both within 1e-6 relative, 1e-6 absolute).
     */
    public static void assertMatchesKeras(PoolingGolden.Case c, Function<Tensor, Tensor> f) {
        Tensor x = x(c);
        Tensor y = f.apply(x);
        assertThat(y.shape()).as(c.name() + " output shape").isEqualTo(Shape.of(c.yShape()));
        LayerChecks.assertClose(y.toFloatArray(), c.yValues(), 1e-6, 1e-6);
        Tensor g;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor out = f.apply(x);
            g = tape.gradient(out, List.of(x), Tensor.of(c.wValues(), out.shape())).getFirst();
        }
        assertThat(g.shape()).as(c.name() + " gradient shape").isEqualTo(x.shape());
        LayerChecks.assertClose(g.toFloatArray(), c.gxValues(), 1e-6, 1e-6);
    }

    /** Every case named {@code prefix*}: the layer made from Keras's config gives Keras's output and gradient. */
    public static void assertGoldens(String prefix) {
        for (PoolingGolden.Case c : cases(prefix)) {
            Layer layer = fromKeras(c);
            try {
                assertMatchesKeras(c, layer::apply);
                assertConfigIsKeras(layer, c);
            } catch (AssertionError e) {
                throw new AssertionError("golden case " + c.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The layer's config, its name left out, is the case's Keras config: the same keys in order, same values. */
    public static void assertConfigIsKeras(Layer layer, PoolingGolden.Case c) {
        Map<String, Object> strata = new LinkedHashMap<>(KerasConfig.getConfig(layer));
        strata.remove("name");
        Object actual = KerasConfig.parseJson(KerasConfig.toJson(strata));
        Object expected = KerasConfig.parseJson(c.config());
        assertThat(actual).as(c.name() + " config").isEqualTo(expected);
        assertThat(KerasConfig.toJson(actual)).as(c.name() + " config key order").isEqualTo(
                KerasConfig.toJson(expected));
    }

    /** The layer's config is that of golden case {@code name}. */
    public static void assertConfigIsKeras(Layer layer, String name) {
        assertConfigIsKeras(layer, PoolingGolden.get(name));
    }

    /**
     * Inputs for a batch of samples of {@code sample} shape whose values are all different and at least 0.05 apart
     * (a shuffled ramp), so that a maximum never changes place under a finite-difference step.
     */
    public static IntFunction<List<Tensor>> distinct(Shape sample) {
        return batch -> {
            Shape full = sample.prepend(batch);
            int n = full.size();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom r = new SplittableRandom(31);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (order[i] - n / 2f) * 0.05f;
            }
            return List.of(Tensor.of(v, full.toArray()));
        };
    }
}

package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.convolutional.ConvGolden.LayerCaseGolden;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks every convolution layer's test uses: Keras's golden cases, configs and bad inputs. */
final class ConvLayerChecks {
    private ConvLayerChecks() {
    }

    /**
     * The golden case {@code name}: the layer made from Keras's config (so from_config reads what Keras writes) has
     * Keras's config back, Keras's weight names and shapes, and with Keras's weights gives Keras's output and the
     * gradients of {@code sum(y * r)} with respect to the input and each weight.
     */
    static <L extends Layer> L matchesKeras(Class<L> type, String name) {
        Strata.clearSession();
        LayerCaseGolden g = ConvGolden.layer(name);
        assertThat(g.className()).isEqualTo(type.getSimpleName());
        L layer = KerasConfig.fromConfig(type, g.config(), new LoadOptions());
        LayerChecks.assertConfigMatches(KerasConfig.getConfig(layer), g.config());
        layer.buildForSamples(g.x().shape().subShape(1, g.x().rank()));
        assertThat(layer.weights()).extracting(Variable::name).containsExactlyElementsOf(g.weightNames());
        for (int i = 0; i < g.weights().size(); i++) {
            assertThat(layer.weights().get(i).shape()).as(g.weightNames().get(i))
                    .isEqualTo(g.weights().get(i).shape());
        }
        layer.setWeights(g.weights());
        Tensor y = layer.apply(g.x());
        assertThat(y.shape()).isEqualTo(g.y().shape());
        LayerChecks.assertClose(y.toFloatArray(), g.y().toFloatArray(), 1e-5, 1e-5);

        List<Variable> weights = layer.trainableWeights();
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(g.x());
            Tensor out = layer.apply(g.x());
            List<Tensor> sources = new ArrayList<>();
            sources.add(g.x());
            sources.addAll(weights);
            List<Tensor> grads = tape.gradient(out, sources, ConvGolden.outputWeights(out.shape()));
            LayerChecks.assertClose(grads.get(0).toFloatArray(), g.dx().toFloatArray(), 1e-5, 1e-5);
            for (int i = 0; i < weights.size(); i++) {
                LayerChecks.assertClose(grads.get(i + 1).toFloatArray(), g.dweights().get(i).toFloatArray(), 1e-5,
                        1e-5);
            }
        }
        return layer;
    }

    /** Finite differences of the input and of every weight, on the golden case's data. */
    static void finiteDifferences(Layer layer, Tensor x) {
        GradientCheck.of().tolerance(1e-2, 2e-3).verify(xs -> layer.apply(xs.get(0)), x);
        LayerChecks.checkWeightGradients(() -> layer.apply(x), layer.trainableWeights(), 1e-2, 1e-2, 2e-3);
    }

    /** The layer's config with default arguments is Keras's. */
    static void defaultConfigMatchesKeras(Layer layer) {
        Map<String, Object> keras = ConvGolden.defaultConfig(layer.getClass().getSimpleName());
        LayerChecks.assertConfigMatches(KerasConfig.getConfig(layer), keras, "name");
    }

    /** A built layer called on a wrong channel count names itself, both shapes and the data format. */
    static void wrongChannelsAreNamed(Layer layer, Tensor good, Tensor bad, String format) {
        layer.apply(good);
        assertThatThrownBy(() -> layer.apply(bad)).isInstanceOf(ShapeException.class)
                .hasMessageContaining(layer.name()).hasMessageContaining(bad.shape().toString())
                .hasMessageContaining(layer.buildInputShapes().getFirst().toString())
                .hasMessageContaining(format);
    }
}

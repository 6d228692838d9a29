package dev.strata.layers.normalization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LayerNormalization and GroupNormalization take their shared options from one base ({@code BaseNormalization}):
 * what sharing could change is checked for both, namely which of gamma and beta exist and in which order, the
 * shared keys surviving a config round trip, and masks passing through.
 */
class NormalizationOptionsTest {
    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void gammaThenBetaAsCenterAndScaleSay() {
        check(() -> new LayerNormalization(), 4);
        check(() -> new GroupNormalization(2), 4);
    }

    private static void check(java.util.function.Supplier<BaseNormalization<?>> make, int channels) {
        Tensor x = Tensor.uniform(3, 5, channels);
        Function<BaseNormalization<?>, List<String>> built = l -> {
            l.apply(x);
            return l.weights().stream().map(Variable::name).toList();
        };
        assertThat(built.apply(make.get())).containsExactly("gamma", "beta");
        assertThat(built.apply(make.get().center(false))).containsExactly("gamma");
        assertThat(built.apply(make.get().scale(false))).containsExactly("beta");
        assertThat(built.apply(make.get().scale(false).center(false))).isEmpty();
        BaseNormalization<?> masked = make.get();
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1}, 3, 5);
        assertThat(masked.apply(x.withMask(mask)).mask()).isPresent();
    }

    @Test
    void theSharedKeysSurviveAConfigRoundTrip() {
        LayerNormalization ln = new LayerNormalization().epsilon(0.01).center(false).betaConstraint("non_neg")
                .gammaConstraint("unit_norm").gammaRegularizer(dev.strata.regularizers.Regularizers.get("l2"));
        Map<String, Object> lc = withoutName(ln.getConfig());
        assertThat(withoutName(LayerNormalization.fromConfig(new Config(lc, "layer_normalization")).getConfig()))
                .isEqualTo(lc);
        GroupNormalization gn = new GroupNormalization(2).epsilon(0.01).scale(false).betaConstraint("non_neg")
                .gammaConstraint("unit_norm").betaRegularizer(dev.strata.regularizers.Regularizers.get("l1"));
        Map<String, Object> gc = withoutName(gn.getConfig());
        assertThat(withoutName(GroupNormalization.fromConfig(new Config(gc, "group_normalization")).getConfig()))
                .isEqualTo(gc);
        assertThat(gc).containsEntry("epsilon", 0.01).containsEntry("scale", false);
        assertThat(gn.betaConstraint()).isNotNull();
    }

    private static Map<String, Object> withoutName(Map<String, Object> config) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(config);
        out.remove("name");
        return out;
    }
}

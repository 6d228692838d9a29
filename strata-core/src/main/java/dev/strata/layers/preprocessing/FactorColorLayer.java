package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import java.util.Map;
import java.util.function.Function;

/**
 * What the colour layers with one random {@code factor} and a {@code value_range} share (RandomColorDegeneration,
 * RandomSaturation, RandomHue, RandomSharpness, as Keras gives them the same arguments): the factor checked against
 * the layer's bounds, the value range (sorted, or kept as given where Keras keeps it), and their config keys read and
 * written in Keras's order. What the factor does is each layer's own.
 *
 * @param <L> the concrete layer
 */
abstract class FactorColorLayer<L extends FactorColorLayer<L>> extends RandomImageLayer<L> {
    final Number[] factor;
    double[] valueRange = {0, 255};
    private final boolean sortsValueRange;

    /** {@code factor} as given (a number or a pair), checked against Keras's bounds {@code [lo, hi]}. */
    FactorColorLayer(Number[] factor, Number lo, Number hi, boolean sortsValueRange) {
        this.factor = ColorLayers.baseFactor(describe(), "factor", factor, lo, hi);
        this.sortsValueRange = sortsValueRange;
    }

    @SuppressWarnings("unchecked")
    private L me() {
        return (L) this;
    }

    /** The range of the values (default [0, 255]); the outputs stay within it. */
    public L valueRange(double low, double high) {
        requireNotBuilt("valueRange");
        this.valueRange = sortsValueRange ? ColorLayers.sortedRange(describe(), low, high) : new double[] {low, high};
        return me();
    }

    /** The factor's range as numbers: the draws are made in it. */
    final double[] factorRange() {
        return ColorLayers.doubles(factor);
    }

    /** Keras's {@code from_config} of such a layer: the factor (required), data format, value range and seed. */
    static <L extends FactorColorLayer<L>> L readConfig(Config c, Function<Number[], L> make) {
        Number[] f = ColorLayers.readNumbers(c, "factor");
        if (f == null) {
            throw c.error("'factor' is required");
        }
        L layer = make.apply(f).dataFormat(c.string("data_format", null));
        double[] range = ColorLayers.readRange(c);
        if (range != null) {
            layer.valueRange(range[0], range[1]);
        }
        return layer.readSeed(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        return ColorLayers.factorConfig(super.getConfig(), dataFormat, factor, valueRange, seed);
    }
}

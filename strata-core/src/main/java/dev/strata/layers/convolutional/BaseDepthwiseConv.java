package dev.strata.layers.convolutional;

import dev.strata.config.Config;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializers;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.Map;

/**
 * The depthwise convolution layers, like Keras's {@code BaseDepthwiseConv} ({@link DepthwiseConv1D},
 * {@link DepthwiseConv2D}): each input channel convolved on its own by {@code depth_multiplier} filters, then bias
 * and activation. The kernel has shape (*kernel_size, input_channels, depth_multiplier) and is named {@code kernel}
 * as in Keras; the bias has input_channels · depth_multiplier values.
 *
 * @param <L> the concrete layer
 */
public abstract class BaseDepthwiseConv<L extends BaseDepthwiseConv<L>> extends DepthwiseConvolution<L> {
    Variable kernel;

    BaseDepthwiseConv(int rank, int... kernelSize) {
        super(rank, kernelSize);
    }

    /** The kernel, shape (*kernel_size, input_channels, depth_multiplier); null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    @Override
    void createWeights(int inputChannels) {
        int[] shape = new int[rank + 2];
        System.arraycopy(kernelSize, 0, shape, 0, rank);
        shape[rank] = inputChannels;
        shape[rank + 1] = depthMultiplier;
        channels = inputChannels; // outputChannels() needs it for the bias, made right after
        kernel = addWeight("kernel", Shape.of(shape), depthwiseInitializer, true, depthwiseRegularizer,
                depthwiseConstraint);
    }

    @Override
    Tensor convolve(Tensor x) {
        return Ops.depthwiseConv(x, kernel, strides, padding, dataFormat, dilationRate);
    }

    @Override
    int outputChannels() {
        return channels * depthMultiplier;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = baseConfig();
        config.put("depth_multiplier", depthMultiplier);
        putGeometry(config, Map.of());
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("depthwise_initializer", Initializers.serialize(depthwiseInitializer));
        config.put("bias_initializer", Initializers.serialize(biasInitializer));
        config.put("depthwise_regularizer", Regularizers.serialize(depthwiseRegularizer));
        config.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        config.put("activity_regularizer", activityRegularizerConfig());
        config.put("depthwise_constraint", Constraints.serialize(depthwiseConstraint));
        config.put("bias_constraint", Constraints.serialize(biasConstraint));
        return config;
    }

    /** Reads the keys after kernel_size (Keras's {@code BaseDepthwiseConv.from_config}). */
    static <L extends BaseDepthwiseConv<L>> L read(L layer, Config c) {
        layer.depthMultiplier(c.integer("depth_multiplier", 1));
        readCommon(layer, c);
        readDepthwise(layer, c);
        return layer;
    }
}

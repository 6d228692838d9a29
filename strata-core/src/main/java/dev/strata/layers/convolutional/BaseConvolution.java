package dev.strata.layers.convolutional;

import dev.strata.ShapeException;
import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.internal.ConvArguments;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every convolution layer shares: the spatial rank, kernel size, strides, padding, data format and dilation
 * rate (each size given as one integer for every spatial axis or one per axis, as Keras's
 * {@code standardize_tuple}), the activation and the bias; the checks of the input (its rank and, once built, its
 * channel count, named with the layer, both shapes and the data format); and {@code call}: the family's convolution,
 * then the bias, then the activation, as Keras's layers compute it.
 *
 * @param <L> the concrete layer, so that the fluent setters return it
 */
public abstract class BaseConvolution<L extends BaseConvolution<L>> extends Layer {
    static final String CHANNELS_LAST = ConvArguments.CHANNELS_LAST;
    static final String CHANNELS_FIRST = ConvArguments.CHANNELS_FIRST;

    final int rank;
    final int[] kernelSize;
    int[] strides;
    String padding = "valid";
    String dataFormat = CHANNELS_LAST;
    int[] dilationRate;
    Activation activation = Activations.LINEAR;
    boolean useBias = true;
    Initializer biasInitializer = Initializers.zeros();
    Regularizer biasRegularizer;
    Constraint biasConstraint;
    Variable bias;
    /** The input channels the layer was built for. */
    int channels;

    BaseConvolution(int rank, int... kernelSize) {
        this.rank = rank;
        this.kernelSize = tuple("kernel_size", kernelSize, false);
        this.strides = tuple("strides", new int[] {1}, false);
        this.dilationRate = tuple("dilation_rate", new int[] {1}, false);
    }

    /** {@code filters}, checked positive (the layers with filters call it). */
    final int requirePositiveFilters(int filters) {
        if (filters <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": filters must be a positive integer, got "
                    + filters);
        }
        return filters;
    }

    @SuppressWarnings("unchecked")
    final L self() {
        return (L) this;
    }

    /**
     * One value per spatial axis from one value for all or one each (Keras's {@code standardize_tuple}).
     *
     * @throws IllegalArgumentException for a wrong count, or a value below 1 (below 0 if {@code allowZero})
     */
    final int[] tuple(String what, int[] values, boolean allowZero) {
        return ConvArguments.tuple(getClass().getSimpleName(), rank, what, values, allowZero);
    }

    @Override
    public L named(String name) {
        super.named(name);
        return self();
    }

    /** The strides along each spatial axis (default 1). */
    public L strides(int... values) {
        requireNotBuilt("strides");
        int[] s = tuple("strides", values, false);
        checkStridesAndDilation(s, dilationRate);
        this.strides = s;
        return self();
    }

    /** "valid" (the default, no padding) or "same" (the output keeps the input's size at stride 1). */
    public L padding(String value) {
        requireNotBuilt("padding");
        this.padding = ConvArguments.padding(getClass().getSimpleName(), value, allowsCausal());
        return self();
    }

    /** "channels_last" (the default: (batch, *spatial, channels)) or "channels_first" ((batch, channels, ...)). */
    public L dataFormat(String value) {
        requireNotBuilt("dataFormat");
        this.dataFormat = ConvArguments.dataFormat(getClass().getSimpleName(), value);
        return self();
    }

    /** The dilation rate along each spatial axis (default 1). */
    public L dilationRate(int... values) {
        requireNotBuilt("dilationRate");
        int[] d = tuple("dilation_rate", values, false);
        checkStridesAndDilation(strides, d);
        this.dilationRate = d;
        return self();
    }

    /** The activation by Keras name ({@code "relu"}, ...; null for none). */
    public L activation(String name) {
        this.activation = Activations.get(name);
        return self();
    }

    /** The activation applied to the output (null for none). */
    public L activation(Activation value) {
        this.activation = value == null ? Activations.LINEAR : value;
        return self();
    }

    /** Whether to add a bias (default true). */
    public L useBias(boolean use) {
        requireNotBuilt("useBias");
        this.useBias = use;
        return self();
    }

    /** The bias initializer (default {@code zeros}). */
    public L biasInitializer(Initializer initializer) {
        requireNotBuilt("biasInitializer");
        this.biasInitializer = initializer == null ? Initializers.zeros() : initializer;
        return self();
    }

    /** The bias initializer by Keras name. */
    public L biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /** A penalty on the bias, added to the loss (null for none). */
    public L biasRegularizer(Regularizer regularizer) {
        requireNotBuilt("biasRegularizer");
        this.biasRegularizer = regularizer;
        return self();
    }

    /**
     * A constraint the optimizer applies to the bias after each update (Keras's {@code bias_constraint}; null for
     * none).
     */
    public L biasConstraint(Constraint constraint) {
        requireNotBuilt("biasConstraint");
        this.biasConstraint = constraint;
        return self();
    }

    /** The bias's constraint by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public L biasConstraint(String name) {
        return biasConstraint(name == null ? null : Constraints.get(name));
    }

    /** The bias's constraint, or null. */
    public Constraint biasConstraint() {
        return biasConstraint;
    }

    /** The size of the convolution window along each spatial axis. */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** The strides along each spatial axis. */
    public int[] strides() {
        return strides.clone();
    }

    /** "valid", "same" or (1-D convolutions) "causal". */
    public String padding() {
        return padding;
    }

    /** "channels_last" or "channels_first". */
    public String dataFormat() {
        return dataFormat;
    }

    /** The dilation rate along each spatial axis. */
    public int[] dilationRate() {
        return dilationRate.clone();
    }

    /** The activation applied to the output. */
    public Activation activation() {
        return activation;
    }

    /** Whether the layer adds a bias. */
    public boolean useBias() {
        return useBias;
    }

    /** The bias; null before the layer is built or without a bias. */
    public Variable bias() {
        return bias;
    }

    // ---- what each family says -----------------------------------------------------------------------------

    /** Whether "causal" padding is allowed (1-D convolutions). */
    boolean allowsCausal() {
        return false;
    }

    /** Whether strides and dilation above 1 may be combined (Keras refuses it for plain and transposed ones). */
    boolean allowsStridesWithDilation() {
        return true;
    }

    /** Checks the channel count against the layer's arguments and creates the weights for it. */
    abstract void createWeights(int inputChannels);

    /** The family's convolution of x (before bias and activation). */
    abstract Tensor convolve(Tensor x);

    /** The number of output channels (the bias's size). */
    abstract int outputChannels();

    // ---- building and calling ------------------------------------------------------------------------------

    /** Checked before either is set, so that a refused value leaves the layer as it was. */
    private void checkStridesAndDilation(int[] s, int[] d) {
        if (!allowsStridesWithDilation()) {
            ConvArguments.checkStridesAndDilation(getClass().getSimpleName(), s, d, "are not supported with");
        }
    }

    final int channelAxis() {
        return dataFormat.equals(CHANNELS_LAST) ? rank + 1 : 1;
    }

    private String expectedLayout() {
        String spatial = rank + " spatial ax" + (rank == 1 ? "is" : "es");
        return dataFormat.equals(CHANNELS_LAST) ? "(batch, " + spatial + ", channels)"
                : "(batch, channels, " + spatial + ")";
    }

    final void checkInput(Shape s) {
        String built = isBuilt() ? ", built for shape " + buildInputShapes().getFirst() : "";
        if (s.rank() != rank + 2) {
            throw new ShapeException(describe() + " expects inputs of rank " + (rank + 2) + " " + expectedLayout()
                    + " with data_format '" + dataFormat + "'" + built + ", but received shape " + s);
        }
        int c = s.get(channelAxis());
        if (isBuilt() && c != Shape.UNKNOWN && c != channels) {
            throw new ShapeException(describe() + " expects " + channels + " input channels on axis " + channelAxis()
                    + " (data_format '" + dataFormat + "')" + built + ", but received shape " + s + " with " + c
                    + " channels");
        }
    }

    @Override
    protected void build(Shape inputShape) {
        checkInput(inputShape);
        int c = inputShape.get(channelAxis());
        if (c == Shape.UNKNOWN) {
            throw new ShapeException(describe() + " needs the channel axis (" + channelAxis() + ", data_format '"
                    + dataFormat + "') of its input to be known, got shape " + inputShape);
        }
        if (c <= 0) {
            throw new ShapeException(describe() + " needs at least one input channel, got shape " + inputShape
                    + " (data_format '" + dataFormat + "')");
        }
        createWeights(c);
        if (useBias) {
            bias = addWeight("bias", Shape.of(outputChannels()), biasInitializer, true, biasRegularizer,
                    biasConstraint);
        }
        channels = c;
    }

    @Override
    protected Tensor call(Tensor inputs) {
        checkInput(inputs.shape());
        Tensor y = convolve(inputs);
        if (useBias) {
            if (dataFormat.equals(CHANNELS_LAST)) {
                y = Ops.add(y, bias);
            } else {
                int[] shape = new int[rank + 1];
                Arrays.fill(shape, 1);
                shape[0] = outputChannels();
                y = Ops.add(y, Ops.reshape(bias, shape));
            }
        }
        return activation == Activations.LINEAR ? y : activation.apply(y);
    }

    // ---- config --------------------------------------------------------------------------------------------

    /** The base config (name, trainable, dtype) without the activity regularizer, which Keras puts later. */
    final Map<String, Object> baseConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.remove("activity_regularizer");
        return config;
    }

    /** Puts kernel_size, strides, padding (and output_padding via {@code between}), data_format, dilation_rate. */
    final void putGeometry(Map<String, Object> config, Map<String, Object> afterPadding) {
        config.put("kernel_size", list(kernelSize));
        config.put("strides", list(strides));
        config.put("padding", padding);
        config.putAll(afterPadding);
        config.put("data_format", dataFormat);
        config.put("dilation_rate", list(dilationRate));
    }

    static List<Integer> list(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    final Object activityRegularizerConfig() {
        return Regularizers.serialize(activityRegularizer());
    }

    /** Reads strides, padding, data_format, dilation_rate, activation, use_bias and the bias's keys. */
    static <L extends BaseConvolution<L>> L readCommon(L layer, Config c) {
        int[] s = c.ints("strides");
        if (s != null) {
            layer.strides(s);
        }
        layer.padding(c.string("padding", "valid"));
        layer.dataFormat(c.string("data_format", CHANNELS_LAST));
        int[] d = c.ints("dilation_rate");
        if (d != null) {
            layer.dilationRate(d);
        }
        layer.activation(c.object("activation", Activation.class));
        layer.useBias(c.bool("use_bias", true));
        Initializer bi = c.object("bias_initializer", Initializer.class);
        if (bi != null) {
            layer.biasInitializer(bi);
        }
        layer.biasRegularizer(c.object("bias_regularizer", Regularizer.class));
        layer.biasConstraint(c.object("bias_constraint", Constraint.class));
        return layer;
    }
}

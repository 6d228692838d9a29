package dev.strata.layers.rnn;

import dev.strata.ShapeException;
import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.initializers.Initializer;
import dev.strata.internal.ConvArguments;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cell of the convolutional LSTM layers ({@link ConvLSTM1D}, {@link ConvLSTM2D}, {@link ConvLSTM3D}), like
 * Keras's {@code ConvLSTMCell} (which Keras does not export either; its layers make it, named
 * {@code conv_lstm_cell}). An LSTM step ({@link LSTMCell#lstmStep}) whose input and recurrent transformations are
 * convolutions: a step is an image (batch, *spatial, channels) or, channels first, (batch, channels, *spatial); the
 * states h and c are images of {@code filters} channels with the spatial size the input convolution gives. Weights
 * as Keras: {@code kernel} (*kernel_size, channels, 4 filters), {@code recurrent_kernel} (*kernel_size, filters,
 * 4 filters), {@code bias} (4 filters), gates i, f, c, o. The input convolution uses the layer's strides, padding
 * and dilation; the recurrent one stride 1 and "same" padding. Dropout draws four masks per sequence (one per gate)
 * of the step's full shape, as Keras's {@code dropout_mask_count = 4}.
 *
 * <p>An {@link RNN} computes the input convolution of all steps at once (one convolution over batch × time).
 */
final class ConvLSTMCell extends BaseCell<ConvLSTMCell> {
    static final String CHANNELS_LAST = ConvArguments.CHANNELS_LAST;
    static final String CHANNELS_FIRST = ConvArguments.CHANNELS_FIRST;

    private final String kind;
    private final int rank;
    private final int[] kernelSize;
    private int[] strides;
    private String padding = "valid";
    private String dataFormat = CHANNELS_LAST;
    private int[] dilationRate;
    private Activation recurrentActivation = Activations.SIGMOID;
    private boolean unitForgetBias = true;
    /** The per-sample shape of a step the cell was built for. */
    private Shape stepShape;

    /**
     * A cell of {@code filters} output channels and this kernel (one size for every spatial axis or one each), for
     * the layer {@code kind} (named in messages) of {@code rank} spatial axes.
     */
    ConvLSTMCell(String kind, int rank, int filters, int[] kernelSize, String name) {
        super(kind, positive(kind, filters), name);
        this.kind = kind;
        this.rank = rank;
        this.kernelSize = tuple("kernel_size", kernelSize);
        this.strides = tuple("strides", new int[] {1});
        this.dilationRate = tuple("dilation_rate", new int[] {1});
    }

    private static int positive(String kind, int filters) {
        if (filters <= 0) {
            throw new IllegalArgumentException(kind + ": filters must be a positive integer, got " + filters);
        }
        return filters;
    }

    /** One value per spatial axis from one for all or one each (Keras's {@code standardize_tuple}); all positive. */
    private int[] tuple(String what, int[] values) {
        return ConvArguments.tuple(kind, rank, what, values, false);
    }

    /** Checked before either is set, so that a refused value leaves the cell as it was. */
    private void checkStridesAndDilation(int[] s, int[] d) {
        ConvArguments.checkStridesAndDilation(kind, s, d, "are not compatible with");
    }

    // ---- settings ------------------------------------------------------------------------------------------------

    ConvLSTMCell strides(int... values) {
        requireNotBuilt("strides");
        int[] s = tuple("strides", values);
        checkStridesAndDilation(s, dilationRate);
        strides = s;
        return this;
    }

    ConvLSTMCell dilationRate(int... values) {
        requireNotBuilt("dilationRate");
        int[] d = tuple("dilation_rate", values);
        checkStridesAndDilation(strides, d);
        dilationRate = d;
        return this;
    }

    ConvLSTMCell padding(String value) {
        requireNotBuilt("padding");
        padding = ConvArguments.padding(kind, value, false);
        return this;
    }

    ConvLSTMCell dataFormat(String value) {
        requireNotBuilt("dataFormat");
        dataFormat = ConvArguments.dataFormat(kind, value);
        return this;
    }

    ConvLSTMCell recurrentActivation(Activation a) {
        requireNotBuilt("recurrentActivation");
        recurrentActivation = a == null ? Activations.LINEAR : a;
        return this;
    }

    ConvLSTMCell unitForgetBias(boolean unitForget) {
        requireNotBuilt("unitForgetBias");
        unitForgetBias = unitForget;
        return this;
    }

    int rank() {
        return rank;
    }

    int[] kernelSize() {
        return kernelSize.clone();
    }

    int[] strides() {
        return strides.clone();
    }

    String padding() {
        return padding;
    }

    String dataFormat() {
        return dataFormat;
    }

    int[] dilationRate() {
        return dilationRate.clone();
    }

    Activation recurrentActivation() {
        return recurrentActivation;
    }

    boolean unitForgetBias() {
        return unitForgetBias;
    }

    // ---- shapes --------------------------------------------------------------------------------------------------

    @Override
    int gates() {
        return 4;
    }

    /** Keras's ConvLSTMCell always draws one mask per gate. */
    @Override
    int dropoutMaskCount() {
        return 4;
    }

    @Override
    int stepRank() {
        return rank + 1;
    }

    private String layout(String channels) {
        String spatial = rank + " spatial ax" + (rank == 1 ? "is" : "es");
        return dataFormat.equals(CHANNELS_LAST) ? spatial + ", " + channels : channels + ", " + spatial;
    }

    @Override
    String stepLayout() {
        return layout("channels");
    }

    @Override
    String stateLayout() {
        return layout("filters");
    }

    /** The axis of the channels (the gate blocks) in a step (rank + 2) or a sequence (rank + 3) of this rank. */
    @Override
    int channelAxis(int tensorRank) {
        return dataFormat.equals(CHANNELS_LAST) ? tensorRank - 1 : tensorRank - 1 - rank;
    }

    @Override
    public List<Integer> stateSize() {
        return List.of(units, units); // the channels of h and c; their spatial size follows the input's
    }

    @Override
    List<Shape> stateShapes(Shape step) {
        Shape out = outputShape(step);
        return List.of(out, out);
    }

    /** Keras's {@code compute_conv_output_shape} for one step (without the batch axis). */
    @Override
    Shape outputShape(Shape step) {
        boolean last = dataFormat.equals(CHANNELS_LAST);
        int[] out = new int[rank + 1];
        for (int i = 0; i < rank; i++) {
            int n = step.get(last ? i : i + 1);
            int size;
            if (n == Shape.UNKNOWN) {
                size = Shape.UNKNOWN;
            } else if (padding.equals("same")) {
                size = (n + strides[i] - 1) / strides[i];
            } else {
                size = Math.floorDiv(n - dilationRate[i] * (kernelSize[i] - 1) - 1, strides[i]) + 1;
            }
            if (size != Shape.UNKNOWN && size <= 0) {
                throw new ShapeException(kind + " cannot convolve steps of shape " + step + " (" + stepLayout()
                        + ") with kernel_size " + Arrays.toString(kernelSize) + ", strides " + Arrays.toString(strides)
                        + ", dilation_rate " + Arrays.toString(dilationRate) + " and padding '" + padding
                        + "': spatial axis " + i + " would have size " + size);
            }
            out[last ? i : i + 1] = size;
        }
        out[last ? rank : 0] = units;
        return Shape.of(out);
    }

    // ---- weights -------------------------------------------------------------------------------------------------

    @Override
    protected void build(Shape inputShape) {
        Shape step = inputShape.subShape(1, inputShape.rank());
        int channels = step.get(channelAxis(step.rank() + 1) - 1);
        for (int i = 0; i < step.rank(); i++) {
            if (step.get(i) == Shape.UNKNOWN) {
                throw new ShapeException(kind + " supports only static spatial and channel sizes (data_format '"
                        + dataFormat + "': " + stepLayout() + "), got steps of shape " + inputShape);
            }
        }
        outputShape(step); // the checks of the spatial sizes
        int[] k = Arrays.copyOf(kernelSize, rank + 2);
        k[rank] = channels;
        k[rank + 1] = 4 * units;
        kernel = addWeight("kernel", Shape.of(k), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        k[rank] = units;
        recurrentKernel = addWeight("recurrent_kernel", Shape.of(k), recurrentInitializer, true,
                recurrentRegularizer, recurrentConstraint);
        if (useBias) {
            bias = addWeight("bias", Shape.of(4 * units), biasInitializerForBuild(), true, biasRegularizer,
                    biasConstraint);
        }
        stepShape = step;
    }

    @Override
    Initializer biasInitializerForBuild() {
        return unitForgetBias ? new LSTMCell.UnitForgetBias(biasInitializer, units) : biasInitializer;
    }

    // ---- one step ------------------------------------------------------------------------------------------------

    /**
     * The input convolution plus bias, of one step or of a whole sequence (batch, time, *step): the latter as one
     * convolution over batch × time images.
     */
    @Override
    Tensor project(Tensor x, Tensor w, Tensor b) {
        Shape s = x.shape();
        boolean sequence = s.rank() == rank + 3;
        Tensor in = sequence ? Ops.reshape(x, s.subShape(2, s.rank()).prepend(s.get(0) * s.get(1))) : x;
        Tensor y = Ops.conv(in, w, strides, padding, dataFormat, dilationRate);
        if (b != null) {
            int[] shape = new int[rank + 1];
            Arrays.fill(shape, 1);
            shape[dataFormat.equals(CHANNELS_LAST) ? rank : 0] = b.shape().get(0);
            y = Ops.add(y, Ops.reshape(b, shape));
        }
        if (sequence) {
            Shape ys = y.shape();
            y = Ops.reshape(y, ys.subShape(1, ys.rank()).prepend(s.get(1)).prepend(s.get(0)));
        }
        return y;
    }

    /** Keras's {@code recurrent_conv}: stride 1, "same" padding, no dilation. */
    @Override
    Tensor recurrentTransform(Tensor h, Tensor w) {
        return Ops.conv(h, w, new int[] {1}, "same", dataFormat, new int[] {1});
    }

    @Override
    Tensors recur(Tensor projected, List<Tensor> states) {
        Tensor h = states.get(0);
        Tensor z = Ops.add(projected, recurrentProduct(h, recurrentKernel, 0, 4));
        return LSTMCell.lstmStep(z, states.get(1), activation, recurrentActivation, channelAxis(z.shape().rank()));
    }

    /** Zero states for a batch of this size, of the shape the built cell's steps give (Keras's get_initial_state). */
    @Override
    public List<Tensor> getInitialState(int batchSize) {
        if (stepShape == null) {
            throw new IllegalStateException(describe() + " must be built (from the shape of its steps) before it can "
                    + "make initial states");
        }
        Shape state = outputShape(stepShape).prepend(batchSize);
        return List.of(Tensor.zeros(state), Tensor.zeros(state));
    }

    /** Zero states for the batch of {@code stepInput} (symbolic: a zero convolution of it, to join the graph). */
    @Override
    public List<Tensor> getInitialState(Tensor stepInput) {
        Shape s = stepInput.shape();
        if (!stepInput.isSymbolic()) {
            Shape state = outputShape(s.subShape(1, s.rank())).prepend(s.get(0));
            return List.of(Tensor.zeros(state), Tensor.zeros(state));
        }
        int[] k = Arrays.copyOf(kernelSize, rank + 2);
        k[rank] = s.get(channelAxis(s.rank()));
        k[rank + 1] = units;
        Tensor zero = Ops.conv(Ops.multiply(stepInput, 0f), Tensor.zeros(Shape.of(k)), strides, padding, dataFormat,
                dilationRate);
        return List.of(zero, zero);
    }

    // ---- config --------------------------------------------------------------------------------------------------

    /** Keras's ConvLSTMCell config: filters and the convolution's geometry, then an LSTM cell's keys and seed. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("filters", units);
        config.put("kernel_size", list(kernelSize));
        config.put("strides", list(strides));
        config.put("padding", padding);
        config.put("data_format", dataFormat);
        config.put("dilation_rate", list(dilationRate));
        for (Map.Entry<String, Object> e : cellConfig(true, recurrentActivation, Map.of()).entrySet()) {
            if (!e.getKey().equals("units")) {
                config.put(e.getKey(), e.getValue());
            }
            if (e.getKey().equals("bias_initializer")) {
                config.put("unit_forget_bias", unitForgetBias);
            }
        }
        config.put("seed", seedConfig());
        return config;
    }

    private static List<Integer> list(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}

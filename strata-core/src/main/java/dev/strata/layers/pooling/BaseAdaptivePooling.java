package dev.strata.layers.pooling;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the adaptive pooling layers share, like Keras's {@code BaseAdaptivePooling}: the input's spatial axes pooled
 * to a fixed {@code output_size} whatever their length (position i of an axis of length L takes the window
 * {@code [floor(i·L/O), ceil((i+1)·L/O))}, as {@link Ops#adaptiveAveragePool} and {@link Ops#adaptiveMaxPool}), and
 * {@code data_format}. Inputs have exactly {@code dims + 2} axes; an output size larger than the input repeats
 * positions, as Keras's does.
 *
 * @param <L> the concrete layer, which the fluent setters return
 */
public abstract class BaseAdaptivePooling<L extends BaseAdaptivePooling<L>> extends Layer {
    private final int[] outputSize;
    private final boolean max;
    private String dataFormat = DataFormat.CHANNELS_LAST;

    /**
     * A layer pooling {@code outputSize.length} spatial axes to these sizes: max pooling, or average.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    BaseAdaptivePooling(int[] outputSize, boolean max) {
        for (int s : outputSize) {
            if (s < 1) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": output_size must be positive, "
                        + "got " + Arrays.toString(outputSize));
            }
        }
        this.outputSize = outputSize.clone();
        this.max = max;
    }

    /** One size for every spatial axis, or one per axis ({@code dims} of them), as Keras's constructors take it. */
    static int[] sizes(String who, int dims, int... outputSize) {
        if (outputSize.length == 1) {
            int[] all = new int[dims];
            Arrays.fill(all, outputSize[0]);
            return all;
        }
        if (outputSize.length != dims) {
            throw new IllegalArgumentException(who + ": output_size must be one integer or " + dims + " of them, got "
                    + Arrays.toString(outputSize));
        }
        return outputSize;
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    @Override
    public L named(String name) {
        super.named(name);
        return self();
    }

    /**
     * "channels_last" (default, null too): inputs {@code (batch, spatial..., channels)}; or "channels_first":
     * {@code (batch, channels, spatial...)}.
     *
     * @throws IllegalArgumentException for another value
     */
    public L dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = DataFormat.standardize(describe(), dataFormat);
        return self();
    }

    /** "channels_last" or "channels_first". */
    public String dataFormat() {
        return dataFormat;
    }

    /** The output size of each spatial axis. */
    public List<Integer> outputSize() {
        return Arrays.stream(outputSize).boxed().toList();
    }

    @Override
    protected Tensor call(Tensor input) {
        BasePooling.requireRank(this, input.shape(), outputSize.length, dataFormat);
        return max ? Ops.adaptiveMaxPool(input, outputSize, dataFormat)
                : Ops.adaptiveAveragePool(input, outputSize, dataFormat);
    }

    /** Keras's {@code compute_output_shape}: the batch, the output sizes, the channels where the format puts them. */
    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        BasePooling.requireRank(this, inputShape, outputSize.length, dataFormat);
        boolean first = dataFormat.equals(DataFormat.CHANNELS_FIRST);
        int[] out = new int[outputSize.length + 2];
        out[0] = inputShape.get(0);
        out[first ? 1 : out.length - 1] = inputShape.get(first ? 1 : inputShape.rank() - 1);
        System.arraycopy(outputSize, 0, out, first ? 2 : 1, outputSize.length);
        return Shape.of(out);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("output_size", outputSize());
        config.put("data_format", dataFormat);
        return config;
    }

    /** The output size from a config: an integer or a list of {@code dims} integers. */
    static int[] readOutputSize(Config c, String who, int dims) {
        int[] sizes = c.ints("output_size");
        if (sizes == null) {
            throw c.error(who + " needs 'output_size'");
        }
        return sizes(who, dims, sizes);
    }
}

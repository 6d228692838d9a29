package dev.strata.layers.normalization;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Group normalization, like {@code keras.layers.GroupNormalization}: the channels along {@code axis} are split into
 * {@code groups} groups of consecutive channels, and each sample is normalized by the mean and variance of each group
 * (over the group's channels and every other non-batch axis); then each channel is scaled by {@code gamma} and shifted
 * by {@code beta}. It behaves the same in training and inference. With {@code groups} equal to the number of channels
 * it is instance normalization ({@code groups(-1)} says so whatever the count); with one group it is layer
 * normalization over all non-batch axes. Defaults are Keras's: 32 groups, axis -1, epsilon 1e-3, center and scale on.
 *
 * <pre>{@code
 * Tensor y = new GroupNormalization(8).apply(images);           // (batch, h, w, 64): 8 groups of 8 channels
 * Layer channelsFirst = new GroupNormalization(4).axis(1);
 * }</pre>
 *
 * <p>The output is computed as Keras does: {@code x·inv + (beta - mean·inv)} with
 * {@code inv = gamma / √(variance + epsilon)}, the population variance per group. Weights: {@code gamma}, then
 * {@code beta}, each of shape (channels).
 */
public class GroupNormalization extends BaseNormalization<GroupNormalization> {
    private int groups;
    private int axis = -1;
    private int builtRank;
    private int channelAxis; // non-negative
    private int channels;

    /** Keras's defaults: 32 groups. */
    public GroupNormalization() {
        this(32);
    }

    /**
     * {@code groups} groups of channels; -1 makes one group per channel (instance normalization).
     *
     * @throws IllegalArgumentException if {@code groups} is neither positive nor -1
     */
    public GroupNormalization(int groups) {
        if (groups <= 0 && groups != -1) {
            throw new IllegalArgumentException("GroupNormalization: invalid value for argument groups: expected a "
                    + "positive integer (or -1 for instance normalization), got " + groups);
        }
        this.groups = groups;
    }

    /** The channel axis (default -1; 1 for channels-first images). */
    public GroupNormalization axis(int axis) {
        requireNotBuilt("axis");
        this.axis = axis;
        return this;
    }

    /** The number of groups (-1 until built if one group per channel was asked, then the channel count, as Keras). */
    public int groups() {
        return groups;
    }

    /** The channel axis. */
    public int axis() {
        return axis;
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank();
        int a = checkAxis(inputShape);
        int dim = inputShape.get(a);
        if (dim == Shape.UNKNOWN) {
            throw new ShapeException(describe() + " needs the size of the channel axis " + axis + " to be known, "
                    + "got input shape " + inputShape);
        }
        if (groups == -1) {
            groups = dim; // as Keras, which then shows the count in its config
        }
        if (dim < groups || dim % groups != 0) {
            throw new ShapeException(describe() + ": the " + dim + " channels (axis " + axis + " of input shape "
                    + inputShape + ") cannot be split into " + groups + " groups; the number of channels must be a "
                    + "multiple of groups");
        }
        builtRank = rank;
        channelAxis = a;
        channels = dim;
        Shape shape = Shape.of(dim);
        addGammaAndBeta(shape);
    }

    private int checkAxis(Shape inputShape) {
        int rank = inputShape.rank();
        if (rank < 2) {
            throw new ShapeException(describe() + " needs inputs of rank >= 2 (batch, ..., channels), got shape "
                    + inputShape);
        }
        if (axis < -rank || axis >= rank || axis == 0 || axis == -rank) {
            throw new ShapeException(describe() + ": axis " + axis + " is out of bounds for input shape " + inputShape
                    + (axis == 0 || axis == -rank ? " (axis 0 is the batch)" : ""));
        }
        return axis < 0 ? axis + rank : axis;
    }

    /** The input's shape; computed here so that unknown sizes (a time axis) trace. */
    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        checkInput(inputShape);
        return inputShape;
    }

    private void checkInput(Shape in) {
        if (in.rank() != builtRank || (in.get(channelAxis) != Shape.UNKNOWN && in.get(channelAxis) != channels)) {
            throw new ShapeException(describe() + " expected inputs of rank " + builtRank + " with " + channels
                    + " channels on axis " + axis + " (built for shape " + buildInputShapes().getFirst()
                    + "), but received shape " + in);
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape in = input.shape();
        checkInput(in);
        // (..., channels, ...) -> (..., groups, channels / groups, ...), as Keras's _reshape_into_groups.
        int[] grouped = new int[builtRank + 1];
        int[] broadcast = new int[builtRank + 1];
        for (int i = 0, j = 0; i < builtRank; i++, j++) {
            if (i == channelAxis) {
                grouped[j] = groups;
                broadcast[j] = groups;
                j++;
                grouped[j] = channels / groups;
                broadcast[j] = channels / groups;
            } else {
                grouped[j] = in.get(i);
                broadcast[j] = 1;
            }
        }
        int[] reduce = new int[builtRank - 1]; // every axis but the batch and the group axis
        for (int i = 1, j = 0; i <= builtRank; i++) {
            if (i != channelAxis) {
                reduce[j++] = i;
            }
        }
        Tensor x = Ops.reshape(input, grouped);
        Tensor mean = Ops.mean(x, reduce, true);
        Tensor variance = Ops.variance(x, reduce, true);
        Tensor inv = Ops.rsqrt(Ops.add(variance, (float) epsilon));
        Shape bshape = Shape.of(broadcast);
        if (gamma != null) {
            inv = Ops.multiply(inv, Ops.reshape(gamma, bshape));
        }
        Tensor res = Ops.multiply(Ops.negative(mean), inv);
        if (beta != null) {
            res = Ops.add(res, Ops.reshape(beta, bshape));
        }
        return Ops.reshape(Ops.add(Ops.multiply(x, inv), res), in);
    }

    /** Keras's {@code GroupNormalization.from_config}. */
    public static GroupNormalization fromConfig(Config c) {
        GroupNormalization gn = new GroupNormalization(c.integer("groups", 32));
        gn.axis(c.integer("axis", -1));
        return gn.readCommon(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("groups", groups);
        config.put("axis", axis);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        putWeightOptions(config);
        return config;
    }

}

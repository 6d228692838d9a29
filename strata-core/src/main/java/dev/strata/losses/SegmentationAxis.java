package dev.strata.losses;

import dev.strata.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code axis} argument of Keras's Dice and Tversky losses: null (every element), one integer, or a tuple of
 * integers; kept as given so that the config says it as Keras does ({@code null}, {@code 1} or {@code [1, 2, 3]}).
 *
 * @param axes the axes, or null for all
 * @param single whether one integer was given rather than a list
 */
record SegmentationAxis(int[] axes, boolean single) {
    /** Every element. */
    static final SegmentationAxis ALL = new SegmentationAxis(null, false);

    static SegmentationAxis of(int axis) {
        return new SegmentationAxis(new int[] {axis}, true);
    }

    static SegmentationAxis of(int[] axes) {
        return axes == null ? ALL : new SegmentationAxis(axes.clone(), false);
    }

    /** The {@code axis} of a config: null, an integer or a list of integers. */
    static SegmentationAxis read(Config config) {
        Object raw = config.raw("axis");
        int[] axes = config.ints("axis");
        return axes == null ? ALL : new SegmentationAxis(axes, raw instanceof Number);
    }

    @Override
    public int[] axes() {
        return axes == null ? null : axes.clone();
    }

    /** The value Keras writes. */
    Object config() {
        if (axes == null) {
            return null;
        }
        if (single) {
            return axes[0];
        }
        List<Integer> list = new ArrayList<>();
        for (int a : axes) {
            list.add(a);
        }
        return list;
    }
}

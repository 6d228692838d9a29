package dev.strata.constraints;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code axis} argument of the norm constraints as Keras keeps it: an integer, a list of integers, or None (all
 * axes); written back in the form it was given. Also the norm over those axes, computed as Keras does
 * ({@code sqrt(sum(square(w), axis, keepdims=True))}, float32).
 */
final class Axes {
    /** Keras's {@code backend.epsilon()}, added to the norm before dividing by it. */
    static final float EPSILON = 1e-7f;

    private final int[] axes; // null: every axis
    private final boolean asList;

    private Axes(int[] axes, boolean asList) {
        this.axes = axes;
        this.asList = asList;
    }

    static Axes of(int axis) {
        return new Axes(new int[] {axis}, false);
    }

    /** Several axes (a list in the config); an empty array or null means every axis (Keras's None). */
    static Axes ofList(int... axes) {
        return axes == null || axes.length == 0 ? new Axes(null, false) : new Axes(axes.clone(), true);
    }

    /** Reads {@code axis} from a config: absent means {@code dflt}; null means every axis. */
    static Axes read(Config c, int dflt) {
        if (!c.has("axis")) {
            return of(dflt);
        }
        Object v = c.raw("axis");
        if (v == null) {
            return new Axes(null, false);
        }
        int[] given = c.ints("axis");
        return v instanceof List<?> ? new Axes(given, true) : of(given[0]);
    }

    /** The axes as given; null for every axis. */
    int[] axes() {
        return axes == null ? null : axes.clone();
    }

    /** The config value: an integer, a list, or null. */
    Object configValue() {
        if (axes == null) {
            return null;
        }
        return asList ? Arrays.stream(axes).boxed().toList() : (Object) axes[0];
    }

    /** {@code sqrt(sum(square(w), axes, keepdims=True))}. */
    Tensor norms(Tensor w, String constraint) {
        int rank = w.shape().rank();
        int[] reduce = axes;
        if (reduce == null) {
            reduce = new int[rank];
            for (int i = 0; i < rank; i++) {
                reduce[i] = i;
            }
        }
        for (int a : reduce) {
            if (a < -rank || a >= rank) {
                throw new ShapeException(constraint + ": axis " + a + " is out of range for a weight of shape "
                        + w.shape() + " (rank " + rank + ")");
            }
        }
        return Ops.sqrt(Ops.sum(Ops.square(w), reduce, true));
    }

    @Override
    public String toString() {
        return String.valueOf(configValue());
    }
}

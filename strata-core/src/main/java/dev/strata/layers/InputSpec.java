package dev.strata.layers;

import dev.strata.tensor.Shape;

/**
 * What a layer accepts, like Keras's {@code InputSpec}: a minimum rank and, optionally, the size of the last
 * axis. Layers set it in {@code build}; {@code apply} checks every later input against it before any
 * computation, so a wrong shape fails with the layer's name, the expected and the received shape.
 *
 * @param minRank  the least number of dimensions (batch included)
 * @param lastAxis the required size of the last axis, or {@link Shape#UNKNOWN} for any
 */
public record InputSpec(int minRank, int lastAxis) {

    /** Any input of at least {@code minRank} dimensions whose last axis has size {@code lastAxis}. */
    public static InputSpec lastAxis(int minRank, int lastAxis) {
        return new InputSpec(minRank, lastAxis);
    }

    /** Whether a shape satisfies the spec (unknown dimensions pass). */
    public boolean accepts(Shape shape) {
        if (shape.rank() < minRank) {
            return false;
        }
        if (lastAxis == Shape.UNKNOWN || shape.rank() == 0) {
            return true;
        }
        int last = shape.get(-1);
        return last == Shape.UNKNOWN || last == lastAxis;
    }

    /** The expectation in words, e.g. "rank >= 2 with last axis 8". */
    public String describe() {
        return "rank >= " + minRank + (lastAxis == Shape.UNKNOWN ? "" : " with last axis " + lastAxis);
    }
}

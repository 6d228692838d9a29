package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Windows of the last axis, like {@code keras.ops.extract_sequences(x, sequence_length, sequence_stride)}: x of shape
 * {@code (..., n)} gives {@code (..., 1 + (n − sequence_length) // sequence_stride, sequence_length)}, frame f holding
 * {@code x[..., f·stride : f·stride + sequence_length]} (none when n is shorter than a frame, as JAX's). A gather
 * ({@link Gather}), so its gradient is the overlap-add of g ({@link ScatterAdd}), as JAX's.
 */
final class ExtractSequences {
    /** {@code keras.ops.extract_sequences(x, sequence_length, sequence_stride)}. */
    static final OpSpec SPEC = OpSpec.op("extract_sequences").math("ExtractSequences")
            .config("sequence_length", Type.INT).config("sequence_stride", Type.INT)
            .rebuild((in, args) -> apply(in.get(0), args.integer("sequence_length"), args.integer("sequence_stride")));

    private ExtractSequences() {
    }

    static Tensor apply(Tensor x, int sequenceLength, int sequenceStride) {
        Shape s = x.shape();
        if (s.rank() < 1) {
            throw new ShapeException("extractSequences: x must have rank >= 1, got shape " + s);
        }
        if (sequenceLength <= 0 || sequenceStride <= 0) {
            throw new IllegalArgumentException("extractSequences: sequence_length and sequence_stride must be "
                    + "positive, got " + sequenceLength + " and " + sequenceStride + " (x shape " + s + ")");
        }
        int n = s.get(-1);
        int frames = n == Shape.UNKNOWN ? Shape.UNKNOWN : count(n, sequenceLength, sequenceStride);
        Shape out = frameShape(s, frames, sequenceLength);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(sequenceLength, sequenceStride), out,
                    in -> apply(in.get(0), sequenceLength, sequenceStride), x);
        }
        return Gather.apply(x, starts(s.size() / Math.max(n, 1), frames, sequenceStride, n), sequenceLength, out);
    }

    /** How many whole frames of {@code length} at {@code stride} fit in n (zero if none). */
    static int count(int n, int length, int stride) {
        return n < length ? 0 : 1 + (n - length) / stride;
    }

    /** {@code s} with its last axis replaced by (frames, length). */
    static Shape frameShape(Shape s, int frames, int length) {
        int[] dims = new int[s.rank() + 1];
        for (int i = 0; i < s.rank() - 1; i++) {
            dims[i] = s.get(i);
        }
        dims[s.rank() - 1] = frames;
        dims[s.rank()] = length;
        return Shape.of(dims);
    }

    /**
     * The flat start of every frame of {@code lines} rows {@code pitch} elements apart: frame f of
     * row b starts at {@code b·pitch + f·stride}.
     */
    static int[] starts(int lines, int frames, int stride, int pitch) {
        int[] map = new int[lines * frames];
        for (int b = 0; b < lines; b++) {
            for (int f = 0; f < frames; f++) {
                map[b * frames + f] = b * pitch + f * stride;
            }
        }
        return map;
    }
}

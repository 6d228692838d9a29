package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Pixel shuffle and unshuffle, {@code keras.ops.depth_to_space} and {@code space_to_depth}, as JAX's backend: a
 * reshape, a transpose and a reshape of a 4D (batch, height, width, channels) tensor (or channels first), so the
 * gradient is the inverse rearrangement. depth_to_space: channels divisible by {@code blockSize²} become
 * {@code blockSize × blockSize} blocks of space; space_to_depth the reverse (height and width divisible by
 * blockSize).
 */
final class DepthSpace {
    /** {@code keras.ops.depth_to_space(x, block_size, data_format="channels_last")}. */
    static final OpSpec DEPTH_TO_SPACE = OpSpec.op("depth_to_space").nn("DepthToSpace")
            .config("block_size", Type.INT).config("data_format", Type.STRING, "channels_last")
            .rebuild((in, args) -> depthToSpace(in.get(0), args.integer("block_size"), args.string("data_format")));
    /** {@code keras.ops.space_to_depth(x, block_size, data_format="channels_last")}. */
    static final OpSpec SPACE_TO_DEPTH = OpSpec.op("space_to_depth").nn("SpaceToDepth")
            .config("block_size", Type.INT).config("data_format", Type.STRING, "channels_last")
            .rebuild((in, args) -> spaceToDepth(in.get(0), args.integer("block_size"), args.string("data_format")));

    private DepthSpace() {
    }

    static Tensor depthToSpace(Tensor x, int blockSize, String dataFormat) {
        boolean last = channelsLast("depthToSpace", x, blockSize, dataFormat);
        Shape s = x.shape();
        int n = s.get(0);
        int c = s.get(last ? 3 : 1);
        int h = s.get(last ? 1 : 2);
        int w = s.get(last ? 2 : 3);
        int b2 = blockSize * blockSize;
        if (c != Shape.UNKNOWN && c % b2 != 0) {
            throw new ShapeException("depthToSpace: the channels (" + c + ") of x " + s + " must be divisible by "
                    + "blockSize² = " + b2);
        }
        int nc = known(c) ? c / b2 : Shape.UNKNOWN;
        int nh = known(h) ? h * blockSize : Shape.UNKNOWN;
        int nw = known(w) ? w * blockSize : Shape.UNKNOWN;
        Shape out = last ? Shape.of(n, nh, nw, nc) : Shape.of(n, nc, nh, nw);
        if (x.isSymbolic()) {
            return OpSupport.record(DEPTH_TO_SPACE.args(blockSize, dataFormat), out,
                    in -> depthToSpace(in.get(0), blockSize, dataFormat), x);
        }
        Tensor y = last ? Transpose.apply(Reshape.apply(x, n, h, w, blockSize, blockSize, nc), new int[] {0, 1, 3, 2, 4, 5})
                : Transpose.apply(Reshape.apply(x, n, nc, blockSize, blockSize, h, w), new int[] {0, 1, 4, 2, 5, 3});
        return Reshape.apply(y, out);
    }

    static Tensor spaceToDepth(Tensor x, int blockSize, String dataFormat) {
        boolean last = channelsLast("spaceToDepth", x, blockSize, dataFormat);
        Shape s = x.shape();
        int n = s.get(0);
        int c = s.get(last ? 3 : 1);
        int h = s.get(last ? 1 : 2);
        int w = s.get(last ? 2 : 3);
        if ((known(h) && h % blockSize != 0) || (known(w) && w % blockSize != 0)) {
            throw new ShapeException("spaceToDepth: the height and width of x " + s + " must be divisible by "
                    + "blockSize = " + blockSize);
        }
        int nc = known(c) ? c * blockSize * blockSize : Shape.UNKNOWN;
        int nh = known(h) ? h / blockSize : Shape.UNKNOWN;
        int nw = known(w) ? w / blockSize : Shape.UNKNOWN;
        Shape out = last ? Shape.of(n, nh, nw, nc) : Shape.of(n, nc, nh, nw);
        if (x.isSymbolic()) {
            return OpSupport.record(SPACE_TO_DEPTH.args(blockSize, dataFormat), out,
                    in -> spaceToDepth(in.get(0), blockSize, dataFormat), x);
        }
        Tensor y = last ? Transpose.apply(Reshape.apply(x, n, nh, blockSize, nw, blockSize, c), new int[] {0, 1, 3, 2, 4, 5})
                : Transpose.apply(Reshape.apply(x, n, c, nh, blockSize, nw, blockSize), new int[] {0, 1, 3, 5, 2, 4});
        return Reshape.apply(y, out);
    }

    private static boolean known(int d) {
        return d != Shape.UNKNOWN;
    }

    private static boolean channelsLast(String op, Tensor x, int blockSize, String dataFormat) {
        if (x.rank() != 4) {
            throw new ShapeException(op + ": x must be 4D (batch, height, width, channels) or channels first, got "
                    + "shape " + x.shape());
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException(op + ": blockSize must be >= 1, got " + blockSize + " (x of shape "
                    + x.shape() + ")");
        }
        if (!"channels_last".equals(dataFormat) && !"channels_first".equals(dataFormat)) {
            throw new IllegalArgumentException(op + ": dataFormat must be 'channels_last' or 'channels_first', got '"
                    + dataFormat + "'");
        }
        return "channels_last".equals(dataFormat);
    }
}

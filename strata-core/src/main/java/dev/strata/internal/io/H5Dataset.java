package dev.strata.internal.io;

import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HDF5 dataset held in memory: its element type as stored, its shape ({@code []} for a scalar) and its
 * values. Floating-point values are held as float32 (float64 and float16 files are converted when read, since
 * Strata computes in float32); integer values are held exactly as {@code long}s, so a saved int64 iteration
 * count comes back to the last bit.
 */
public final class H5Dataset implements H5Node {
    private final String name;
    private final H5Group parent;
    private final H5DataType type;
    private final int[] shape;
    private final float[] floats;
    private final long[] longs;
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    H5Dataset(String name, H5Group parent, H5DataType type, int[] shape, float[] floats, long[] longs) {
        this.name = name;
        this.parent = parent;
        this.type = type;
        this.shape = shape;
        this.floats = floats;
        this.longs = longs;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public H5Group parent() {
        return parent;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** The element type as stored in the file (or as it will be written). */
    public H5DataType dataType() {
        return type;
    }

    /** The dimensions ({@code []} for a scalar); a copy. */
    public int[] shape() {
        return shape.clone();
    }

    /** Whether this is a scalar dataset (rank 0). */
    public boolean isScalar() {
        return shape.length == 0;
    }

    /** The number of elements. */
    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    /**
     * The values as float32, row-major (a copy). Integers are converted; a dataset that Keras marked with
     * attribute {@code dtype="bfloat16"} (stored as 16-bit integers) is decoded from its bfloat16 bits.
     */
    public float[] toFloatArray() {
        if (floats != null) {
            return floats.clone();
        }
        float[] out = new float[longs.length];
        boolean bf16 = "bfloat16".equals(stringAttribute("dtype"))
                && (type == H5DataType.UINT16 || type == H5DataType.INT16);
        for (int i = 0; i < out.length; i++) {
            out[i] = bf16 ? Float.intBitsToFloat(((int) longs[i] & 0xFFFF) << 16) : (float) longs[i];
        }
        return out;
    }

    /**
     * The values as longs (a copy), exactly as stored.
     *
     * @throws IllegalStateException if the dataset holds floating-point values
     */
    public long[] toLongArray() {
        if (longs == null) {
            throw new IllegalStateException(path() + " holds " + type + " values, not integers");
        }
        return longs.clone();
    }

    /**
     * The single value of a one-element integer dataset (an iteration count).
     *
     * @throws IllegalStateException if the dataset is not integer or has more than one element
     */
    public long longValue() {
        long[] v = toLongArray();
        if (v.length != 1) {
            throw new IllegalStateException(path() + " has " + v.length + " elements, not 1");
        }
        return v[0];
    }

    /** The values as a float32 tensor of this dataset's shape (a scalar tensor for a scalar dataset). */
    public Tensor toTensor() {
        return TensorAccess.wrap(toFloatArray(), Shape.of(shape));
    }

    @Override
    public String toString() {
        return "H5Dataset[" + path() + " " + Arrays.toString(shape) + " " + type + "]";
    }

    float[] rawFloats() {
        return floats;
    }

    long[] rawLongs() {
        return longs;
    }
}

package dev.strata.internal.io;

/**
 * The element types of HDF5 datasets that Strata reads. Keras saves float32 variables and int64 (or int32)
 * counters (the optimizer's {@code iterations}, Normalization's {@code count}); the other types are read so
 * that files written with other dtype policies still load, converted to float32 on the way to a tensor.
 */
public enum H5DataType {
    FLOAT16("float16", 2, false),
    FLOAT32("float32", 4, false),
    FLOAT64("float64", 8, false),
    INT8("int8", 1, true),
    INT16("int16", 2, true),
    INT32("int32", 4, true),
    INT64("int64", 8, true),
    UINT8("uint8", 1, true),
    UINT16("uint16", 2, true),
    UINT32("uint32", 4, true),
    UINT64("uint64", 8, true);

    private final String numpyName;
    private final int bytes;
    private final boolean integer;

    H5DataType(String numpyName, int bytes, boolean integer) {
        this.numpyName = numpyName;
        this.bytes = bytes;
        this.integer = integer;
    }

    /** NumPy's name for the type ({@code "float32"}, {@code "int64"}), as h5py reports it. */
    public String numpyName() {
        return numpyName;
    }

    /** The size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Whether elements are integers (held exactly as {@code long}s) rather than floating point. */
    public boolean isInteger() {
        return integer;
    }

    @Override
    public String toString() {
        return numpyName;
    }
}

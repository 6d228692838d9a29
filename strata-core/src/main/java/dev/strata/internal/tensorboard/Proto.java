package dev.strata.internal.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format, the part event files use: varints, 64- and 32-bit little-endian values and
 * length-delimited fields ({@code https://protobuf.dev/programming-guides/encoding/}). {@link Writer} encodes one
 * message; {@link Reader} walks the fields of one.
 */
final class Proto {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private Proto() {
    }

    /** Encodes one message, field by field, in the order written (protobuf readers accept any order). */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer varint(int field, long value) {
            tag(field, VARINT);
            rawVarint(value);
            return this;
        }

        Writer fixed64(int field, double value) {
            tag(field, FIXED64);
            long bits = Double.doubleToRawLongBits(value);
            for (int i = 0; i < 8; i++) {
                out.write((int) (bits >>> (8 * i)));
            }
            return this;
        }

        Writer fixed32(int field, float value) {
            tag(field, FIXED32);
            int bits = Float.floatToRawIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write(bits >>> (8 * i));
            }
            return this;
        }

        Writer bytes(int field, byte[] value) {
            tag(field, LENGTH_DELIMITED);
            rawVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Writer string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Writer message(int field, Writer message) {
            return bytes(field, message.toByteArray());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            rawVarint(((long) field << 3) | wireType);
        }

        private void rawVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }

    /**
     * Walks the fields of one message: {@link #next()} reads a tag, then exactly one of the typed reads (or
     * {@link #skip()}) reads its value.
     *
     * @throws IllegalArgumentException from any read, naming what is wrong, for bytes that are not a message
     */
    static final class Reader {
        private final byte[] data;
        private int pos;
        private int field;
        private int wireType;

        Reader(byte[] data) {
            this.data = data;
        }

        /** Reads the next tag; false at the end of the message. */
        boolean next() {
            if (pos >= data.length) {
                return false;
            }
            long tag = rawVarint();
            field = (int) (tag >>> 3);
            wireType = (int) (tag & 7);
            if (field == 0) {
                throw new IllegalArgumentException("protobuf field number 0 at byte " + pos);
            }
            return true;
        }

        int field() {
            return field;
        }

        int wireType() {
            return wireType;
        }

        long varint() {
            expect(VARINT);
            return rawVarint();
        }

        double fixed64() {
            expect(FIXED64);
            return Double.longBitsToDouble(rawLong(8));
        }

        float fixed32() {
            expect(FIXED32);
            return Float.intBitsToFloat((int) rawLong(4));
        }

        byte[] bytes() {
            expect(LENGTH_DELIMITED);
            long n = rawVarint();
            if (n < 0 || n > data.length - pos) {
                throw new IllegalArgumentException("protobuf field " + field + " claims " + n + " bytes, "
                        + (data.length - pos) + " remain");
            }
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + (int) n);
            pos += (int) n;
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        /** Skips the value of the current field. */
        void skip() {
            switch (wireType) {
                case VARINT -> rawVarint();
                case FIXED64 -> rawLong(8);
                case LENGTH_DELIMITED -> bytes();
                case FIXED32 -> rawLong(4);
                default -> throw new IllegalArgumentException("protobuf wire type " + wireType + " of field "
                        + field + " is not supported");
            }
        }

        private void expect(int type) {
            if (wireType != type) {
                throw new IllegalArgumentException("protobuf field " + field + " has wire type " + wireType
                        + ", expected " + type);
            }
        }

        private long rawVarint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= data.length) {
                    throw new IllegalArgumentException("protobuf varint runs past the end of the message");
                }
                int b = data[pos++] & 0xFF;
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("protobuf varint longer than 10 bytes");
        }

        private long rawLong(int n) {
            if (n > data.length - pos) {
                throw new IllegalArgumentException("protobuf field " + field + " runs past the end of the message");
            }
            long v = 0;
            for (int i = 0; i < n; i++) {
                v |= (long) (data[pos++] & 0xFF) << (8 * i);
            }
            return v;
        }
    }
}

package dev.strata.internal.tensorboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Event} protobuf messages of an event file (TensorFlow's {@code event.proto}, {@code summary.proto},
 * {@code tensor.proto}), as TF 2's summary writer makes them: the file-version record first, then one event per
 * summary with a {@code tensor} value and its plugin's metadata: {@code scalars} (a float32 scalar),
 * {@code histograms} (a float64 {@code [k, 3]} tensor of left edge, right edge, count) and
 * {@code graph_keras_model} (the model's JSON as a string scalar). Numeric tensors go in {@code tensor_content},
 * strings in {@code string_val}, as TF's {@code SummaryFileWriter::WriteTensor} writes them.
 */
public final class Events {
    /** TensorFlow's {@code kVersionPrefix + kCurrentVersion}, the payload of every event file's first record. */
    public static final String FILE_VERSION = "brain.Event:2";
    /** The scalars plugin's name. */
    public static final String SCALARS = "scalars";
    /** The histograms plugin's name. */
    public static final String HISTOGRAMS = "histograms";
    /** The images plugin's name. */
    public static final String IMAGES = "images";
    /** The plugin name Keras gives its model summary (the graph dashboard's conceptual graph). */
    public static final String KERAS_MODEL = "graph_keras_model";
    /** tf.summary.histogram's default number of buckets. */
    public static final int DEFAULT_BUCKETS = 30;

    /** TensorFlow's {@code DataType} values used here. */
    public static final int DT_FLOAT = 1;
    /** float64. */
    public static final int DT_DOUBLE = 2;
    /** Byte strings. */
    public static final int DT_STRING = 7;

    // Field numbers: Event, Summary, Summary.Value, SummaryMetadata (+ PluginData), TensorProto, TensorShapeProto.
    private static final int EVENT_WALL_TIME = 1, EVENT_STEP = 2, EVENT_FILE_VERSION = 3, EVENT_SUMMARY = 5;
    private static final int SUMMARY_VALUE = 1;
    private static final int VALUE_TAG = 1, VALUE_SIMPLE = 2, VALUE_TENSOR = 8, VALUE_METADATA = 9;
    private static final int META_PLUGIN_DATA = 1, PLUGIN_NAME = 1, PLUGIN_CONTENT = 2;
    private static final int TENSOR_DTYPE = 1, TENSOR_SHAPE = 2, TENSOR_CONTENT = 4, TENSOR_FLOAT_VAL = 5,
            TENSOR_DOUBLE_VAL = 6, TENSOR_STRING_VAL = 8;
    private static final int SHAPE_DIM = 2, DIM_SIZE = 1;

    private Events() {
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /** The first event of every file: its wall time and {@value #FILE_VERSION}. */
    public static byte[] fileVersion(double wallTime) {
        return new Proto.Writer().fixed64(EVENT_WALL_TIME, wallTime).string(EVENT_FILE_VERSION, FILE_VERSION)
                .toByteArray();
    }

    /** A scalar, as {@code tf.summary.scalar} writes it: a float32 scalar tensor of the {@code scalars} plugin. */
    public static byte[] scalar(double wallTime, long step, String tag, float value) {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        return summaryEvent(wallTime, step, tag, SCALARS, new byte[0], tensor(DT_FLOAT, new long[0], b.array()));
    }

    /**
     * A histogram, as {@code tf.summary.histogram} writes it: a float64 {@code [k, 3]} tensor (left edge, right
     * edge, count per bucket) of the {@code histograms} plugin; see {@link #histogramBuckets}.
     */
    public static byte[] histogram(double wallTime, long step, String tag, double[][] buckets) {
        ByteBuffer b = ByteBuffer.allocate(buckets.length * 24).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : buckets) {
            b.putDouble(row[0]).putDouble(row[1]).putDouble(row[2]);
        }
        return summaryEvent(wallTime, step, tag, HISTOGRAMS, new byte[0],
                tensor(DT_DOUBLE, new long[] {buckets.length, 3}, b.array()));
    }

    /**
     * A model's JSON config, as Keras's {@code keras_model_summary} writes it: a string scalar whose metadata names
     * the {@code graph_keras_model} plugin with content {@code "1"} (its version).
     */
    public static byte[] kerasModel(double wallTime, long step, String tag, String json) {
        Proto.Writer t = new Proto.Writer().varint(TENSOR_DTYPE, DT_STRING).message(TENSOR_SHAPE, new Proto.Writer())
                .bytes(TENSOR_STRING_VAL, json.getBytes(StandardCharsets.UTF_8));
        return summaryEvent(wallTime, step, tag, KERAS_MODEL, "1".getBytes(StandardCharsets.US_ASCII), t);
    }

    /**
     * Images, as {@code tf.summary.image} writes them: a string tensor {@code [2 + k]} holding the width and the
     * height as decimal text, then {@code k} PNG files, of the {@code images} plugin.
     */
    public static byte[] image(double wallTime, long step, String tag, int width, int height, List<byte[]> pngs) {
        Proto.Writer t = new Proto.Writer().varint(TENSOR_DTYPE, DT_STRING)
                .message(TENSOR_SHAPE, new Proto.Writer().message(SHAPE_DIM,
                        new Proto.Writer().varint(DIM_SIZE, 2 + pngs.size())))
                .bytes(TENSOR_STRING_VAL, Integer.toString(width).getBytes(StandardCharsets.US_ASCII))
                .bytes(TENSOR_STRING_VAL, Integer.toString(height).getBytes(StandardCharsets.US_ASCII));
        for (byte[] png : pngs) {
            t.bytes(TENSOR_STRING_VAL, png);
        }
        return summaryEvent(wallTime, step, tag, IMAGES, new byte[0], t);
    }

    /**
     * tf.summary.histogram's buckets ({@code tensorboard.plugins.histogram.summary_v2}): {@code count} buckets of
     * equal width between the minimum and the maximum, each value in bucket {@code floor((x - min) / width)}
     * (the last bucket closed), edges {@code min + i * width} with the last edge the maximum; all counts in the
     * last bucket when every value is the same; all zeros for no data. Computed in float64, as TF does.
     */
    public static double[][] histogramBuckets(float[] data, int count) {
        double[][] out = new double[count][3];
        if (count == 0 || data.length == 0) {
            return out;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float f : data) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        double range = max - min;
        if (range == 0) {
            for (double[] row : out) {
                row[0] = max;
                row[1] = max;
            }
            out[count - 1][2] = data.length;
            return out;
        }
        double width = range / count;
        for (float f : data) {
            int i = (int) Math.min(Math.floor((f - min) / width), count - 1);
            out[i][2]++;
        }
        double step = range / count; // numpy's and TF's linspace: i * step + start, the last edge the stop itself
        for (int i = 0; i < count; i++) {
            out[i][0] = i * step + min;
            out[i][1] = i + 1 == count ? max : (i + 1) * step + min;
        }
        return out;
    }

    private static Proto.Writer tensor(int dtype, long[] shape, byte[] content) {
        Proto.Writer s = new Proto.Writer();
        for (long d : shape) {
            s.message(SHAPE_DIM, new Proto.Writer().varint(DIM_SIZE, d));
        }
        return new Proto.Writer().varint(TENSOR_DTYPE, dtype).message(TENSOR_SHAPE, s).bytes(TENSOR_CONTENT, content);
    }

    private static byte[] summaryEvent(double wallTime, long step, String tag, String plugin, byte[] content,
                                       Proto.Writer tensor) {
        Proto.Writer pluginData = new Proto.Writer().string(PLUGIN_NAME, plugin);
        if (content.length > 0) {
            pluginData.bytes(PLUGIN_CONTENT, content);
        }
        Proto.Writer value = new Proto.Writer().string(VALUE_TAG, tag).message(VALUE_TENSOR, tensor)
                .message(VALUE_METADATA, new Proto.Writer().message(META_PLUGIN_DATA, pluginData));
        Proto.Writer event = new Proto.Writer().fixed64(EVENT_WALL_TIME, wallTime);
        if (step != 0) {
            event.varint(EVENT_STEP, step); // proto3 leaves default values out
        }
        return event.message(EVENT_SUMMARY, new Proto.Writer().message(SUMMARY_VALUE, value)).toByteArray();
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /** One decoded event: a file version or a summary of values (fields Strata does not write are skipped). */
    public record Event(double wallTime, long step, String fileVersion, List<Value> values) {
    }

    /** One summary value: its tag, plugin, and a tensor or an old-style {@code simple_value}. */
    public record Value(String tag, String pluginName, byte[] pluginContent, TensorValue tensor, Float simpleValue) {
    }

    /** A decoded {@code TensorProto}. */
    public record TensorValue(int dtype, long[] shape, byte[] content, List<byte[]> strings, float[] floatVal,
                              double[] doubleVal) {
        /** The elements as doubles, from {@code tensor_content} or the typed repeated field. */
        public double[] doubles() {
            ByteBuffer b = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
            if (dtype == DT_FLOAT) {
                if (content.length == 0) {
                    double[] out = new double[floatVal.length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = floatVal[i];
                    }
                    return out;
                }
                double[] out = new double[content.length / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getFloat();
                }
                return out;
            }
            if (dtype == DT_DOUBLE) {
                if (content.length == 0) {
                    return doubleVal.clone();
                }
                double[] out = new double[content.length / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getDouble();
                }
                return out;
            }
            throw new IllegalStateException("a tensor of dtype " + dtype + " has no numbers");
        }

        /** The first string element (UTF-8). */
        public String string() {
            return new String(strings.getFirst(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The events of one file, each record's checksums checked.
     *
     * @throws IllegalArgumentException naming the file and the record for a corrupt or truncated record or a
     *     payload that is not an Event
     */
    public static List<Event> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event file " + file + ": " + e.getMessage(), e);
        }
        List<Event> out = new ArrayList<>();
        List<byte[]> records = Records.read(bytes, file.toString());
        for (int i = 0; i < records.size(); i++) {
            try {
                out.add(parse(records.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": record " + i + " is not an Event: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Decodes one Event payload. */
    public static Event parse(byte[] payload) {
        Proto.Reader r = new Proto.Reader(payload);
        double wall = 0;
        long step = 0;
        String version = null;
        List<Value> values = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case EVENT_WALL_TIME -> wall = r.fixed64();
                case EVENT_STEP -> step = r.varint();
                case EVENT_FILE_VERSION -> version = r.string();
                case EVENT_SUMMARY -> {
                    Proto.Reader s = new Proto.Reader(r.bytes());
                    while (s.next()) {
                        if (s.field() == SUMMARY_VALUE) {
                            values.add(value(s.bytes()));
                        } else {
                            s.skip();
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new Event(wall, step, version, List.copyOf(values));
    }

    private static Value value(byte[] bytes) {
        Proto.Reader r = new Proto.Reader(bytes);
        String tag = null;
        String plugin = null;
        byte[] content = new byte[0];
        TensorValue tensor = null;
        Float simple = null;
        while (r.next()) {
            switch (r.field()) {
                case VALUE_TAG -> tag = r.string();
                case VALUE_SIMPLE -> simple = r.fixed32();
                case VALUE_TENSOR -> tensor = tensorValue(r.bytes());
                case VALUE_METADATA -> {
                    Proto.Reader m = new Proto.Reader(r.bytes());
                    while (m.next()) {
                        if (m.field() == META_PLUGIN_DATA) {
                            Proto.Reader p = new Proto.Reader(m.bytes());
                            while (p.next()) {
                                switch (p.field()) {
                                    case PLUGIN_NAME -> plugin = p.string();
                                    case PLUGIN_CONTENT -> content = p.bytes();
                                    default -> p.skip();
                                }
                            }
                        } else {
                            m.skip();
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new Value(tag, plugin, content, tensor, simple);
    }

    private static TensorValue tensorValue(byte[] bytes) {
        Proto.Reader r = new Proto.Reader(bytes);
        int dtype = 0;
        List<Long> shape = new ArrayList<>();
        byte[] content = new byte[0];
        List<byte[]> strings = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        List<Double> doubles = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case TENSOR_DTYPE -> dtype = (int) r.varint();
                case TENSOR_SHAPE -> {
                    Proto.Reader s = new Proto.Reader(r.bytes());
                    while (s.next()) {
                        if (s.field() == SHAPE_DIM) {
                            Proto.Reader d = new Proto.Reader(s.bytes());
                            long size = 0;
                            while (d.next()) {
                                if (d.field() == DIM_SIZE) {
                                    size = d.varint();
                                } else {
                                    d.skip();
                                }
                            }
                            shape.add(size);
                        } else {
                            s.skip();
                        }
                    }
                }
                case TENSOR_CONTENT -> content = r.bytes();
                case TENSOR_STRING_VAL -> strings.add(r.bytes());
                case TENSOR_FLOAT_VAL -> {
                    if (r.wireType() == Proto.LENGTH_DELIMITED) { // packed
                        ByteBuffer b = ByteBuffer.wrap(r.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                        while (b.remaining() >= 4) {
                            floats.add(b.getFloat());
                        }
                    } else {
                        floats.add(r.fixed32());
                    }
                }
                case TENSOR_DOUBLE_VAL -> {
                    if (r.wireType() == Proto.LENGTH_DELIMITED) {
                        ByteBuffer b = ByteBuffer.wrap(r.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                        while (b.remaining() >= 8) {
                            doubles.add(b.getDouble());
                        }
                    } else {
                        doubles.add(r.fixed64());
                    }
                }
                default -> r.skip();
            }
        }
        float[] fv = new float[floats.size()];
        for (int i = 0; i < fv.length; i++) {
            fv[i] = floats.get(i);
        }
        return new TensorValue(dtype, shape.stream().mapToLong(Long::longValue).toArray(), content,
                List.copyOf(strings), fv, doubles.stream().mapToDouble(Double::doubleValue).toArray());
    }
}

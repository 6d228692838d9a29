package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The inputs and expected outputs of a model, as the fixtures' {@code NAME.io.json} files hold them. */
record IoJson(List<Tensor> inputs, List<Tensor> outputs) {
    static IoJson read(Path file) {
        try {
            Object parsed = KerasConfig.parseJson(Files.readString(file));
            Map<?, ?> m = (Map<?, ?>) parsed;
            return new IoJson(tensors((List<?>) m.get("inputs")), tensors((List<?>) m.get("outputs")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Tensor> tensors(List<?> arrays) {
        List<Tensor> out = new ArrayList<>();
        for (Object a : arrays) {
            out.add(tensor(a));
        }
        return out;
    }

    /** A nested list of numbers as a tensor. */
    static Tensor tensor(Object nested) {
        List<Integer> dims = new ArrayList<>();
        Object o = nested;
        while (o instanceof List<?> l) {
            dims.add(l.size());
            o = l.isEmpty() ? null : l.getFirst();
        }
        List<Float> flat = new ArrayList<>();
        flatten(nested, flat);
        float[] data = new float[flat.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = flat.get(i);
        }
        return Tensor.of(data, Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static void flatten(Object o, List<Float> out) {
        if (o instanceof List<?> l) {
            for (Object x : l) {
                flatten(x, out);
            }
        } else {
            out.add(((Number) o).floatValue());
        }
    }

    /** Every value within {@code rel} relative error of the expected one (absolute near zero: {@code rel} too). */
    static void assertClose(Tensor actual, Tensor expected, double rel, String what) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            double tol = rel * Math.max(1.0, Math.abs(e[i]));
            assertThat((double) a[i]).as("%s[%d]", what, i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(tol));
        }
    }
}

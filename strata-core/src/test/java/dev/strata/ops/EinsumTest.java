package dev.strata.ops;

import static dev.strata.ops.OpsTesting.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.attention.AttentionGolden;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * einsum against a plain reference (a float64 sum over every label), its gradients, shape rule and saved form.
 * Keras's own numbers for the equations attention uses are in the attention golden tests.
 */
class EinsumTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "ij,jk->ik; 3,4; 4,5",
        "ij,kj->ik; 3,4; 5,4",
        "ji,jk->ik; 4,3; 4,5",
        "abc,cd->abd; 2,3,4; 4,5",
        "abc,cde->abde; 2,3,4; 4,2,3",
        "abcd,cde->abe; 2,3,2,4; 2,4,5",
        "aecd,abcd->acbe; 2,5,3,4; 2,6,3,4",
        "acbe,aecd->abcd; 2,3,6,5; 2,5,3,4",
        "bij,bjk->bik; 3,2,4; 3,4,2",
        "bij,bjk; 3,2,4; 3,4,2",
        "ij,jk; 3,4; 4,2",
        "i,i->; 5; 5",
        "i,j->ij; 3; 4",
        "ij->ji; 3,4; ",
        "ij->; 3,4; ",
        "ij->j; 3,4; ",
        "abc->cab; 2,3,4; ",
        "...ij,...jk->...ik; 2,3,4; 4,5",
        "...ij,...jk->...ik; 2,1,3,4; 5,4,2",
        "ij,ik->jk; 3,4; 3,2",
        "ijk,ij->ik; 2,3,4; 1,3",
        "abc,bd->ad; 2,3,4; 3,5",
        "BTNH,BSNH->BNTS; 2,3,2,4; 2,5,2,4"})
    void matchesTheReference(String eq, String shapeA, String shapeB) {
        List<Tensor> operands = new ArrayList<>();
        operands.add(random(1, dims(shapeA)));
        if (shapeB != null) {
            operands.add(random(2, dims(shapeB)));
        }
        Tensor y = Ops.einsum(eq, operands.toArray(Tensor[]::new));
        Reference ref = reference(eq, operands);
        assertThat(y.shape()).isEqualTo(ref.shape);
        float[] got = y.toFloatArray();
        for (int i = 0; i < got.length; i++) {
            assertThat((double) got[i]).as(eq + " at " + i).isCloseTo(ref.values[i],
                    org.assertj.core.data.Offset.offset(1e-5 + 1e-5 * Math.abs(ref.values[i])));
        }
        GradientCheck.check(in -> Ops.einsum(eq, in.toArray(Tensor[]::new)), operands.toArray(Tensor[]::new));
        // symbolic: the same shape rule, with an unknown batch where the first axis allows it
        Tensor in = Input.of(Arrays.copyOfRange(dims(shapeA), 1, dims(shapeA).length));
        if (shapeB != null && dims(shapeA).length > 1) {
            Tensor sym = Ops.einsum(eq, in, operands.get(1));
            Shape s = sym.shape();
            assertThat(s.rank()).isEqualTo(ref.shape.rank());
        }
    }

    /**
     * Products large enough for the GEMM's packed path, in the layouts attention uses, which run as GEMMs over the
     * operands' storage (strided, transposed or not) when no tape records: the plain reference's values.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "aecd,abcd->acbe; 2,90,3,64; 2,100,3,64",
        "acbe,aecd->abcd; 2,3,100,90; 2,90,3,64",
        "abc,cde->abde; 3,40,96; 96,3,32",
        "abcd,cde->abe; 3,40,3,32; 3,32,70",
        "bkm,bkn->bmn; 3,70,90; 3,70,100",
        "xbd,ybd->bxy; 90,2,70; 100,2,70",
        "aecd,abcd->acbe; 2,1,3,4; 2,5,3,4"})
    void largeProductsInPlaceMatchTheReference(String eq, String shapeA, String shapeB) {
        List<Tensor> operands = List.of(random(3, dims(shapeA)), random(4, dims(shapeB)));
        Tensor y = Ops.einsum(eq, operands.toArray(Tensor[]::new));
        Reference ref = reference(eq, operands);
        assertThat(y.shape()).isEqualTo(ref.shape);
        float[] got = y.toFloatArray();
        for (int i = 0; i < got.length; i++) {
            assertThat((double) got[i]).as(eq + " at " + i).isCloseTo(ref.values[i],
                    org.assertj.core.data.Offset.offset(1e-4 + 1e-5 * Math.abs(ref.values[i])));
        }
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        for (AttentionGolden.EinsumCase c : AttentionGolden.einsum()) {
            Tensor[] xs = c.operands().toArray(Tensor[]::new);
            List<Tensor> grads;
            Tensor y;
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(xs);
                y = Ops.einsum(c.equation(), xs);
                Tensor loss = Ops.sum(Ops.multiply(y, AttentionGolden.outputWeights(y.shape())));
                grads = tape.gradient(loss, List.of(xs));
            }
            // (the golden reader makes a 0-d array a vector of one)
            assertThat(y.rank() == 0 ? Shape.of(1) : y.shape()).as(c.equation()).isEqualTo(c.y().shape());
            LayerChecks.assertClose(y.toFloatArray(), c.y().toFloatArray(), 1e-5, 1e-5);
            for (int i = 0; i < xs.length; i++) {
                LayerChecks.assertClose(grads.get(i).toFloatArray(), c.grads().get(i).toFloatArray(), 1e-5, 1e-5);
            }
        }
    }

    @Test
    void threeOperandsContractLeftToRight() {
        Tensor a = random(1, 2, 3);
        Tensor b = random(2, 3, 4);
        Tensor c = random(3, 4, 5);
        Tensor y = Ops.einsum("ij,jk,kl->il", a, b, c);
        Tensor expected = Ops.matmul(Ops.matmul(a, b), c);
        assertClose(y.toFloatArray(), expected.toFloatArray());
        GradientCheck.check(in -> Ops.einsum("ij,jk,kl->li", in.get(0), in.get(1), in.get(2)), a, b, c);
    }

    @Test
    void symbolicShapesKeepUnknownDimensions() {
        Tensor x = Input.of(7, 4);
        assertThat(Ops.einsum("abc,cd->abd", x, Tensor.ones(4, 6)).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 7, 6));
        Tensor q = Input.of(Shape.UNKNOWN, 2, 8);
        Tensor k = Input.of(5, 2, 8);
        assertThat(Ops.einsum("aecd,abcd->acbe", k, q).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, 2, Shape.UNKNOWN, 5));
    }

    @Test
    void badSubscriptsSayWhatIsWrong() {
        Tensor a = Tensor.ones(2, 3);
        Tensor b = Tensor.ones(4, 5);
        assertThatThrownBy(() -> Ops.einsum("ij,jk->ik", a, b)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("label 'j' the sizes 3 and 4");
        assertThatThrownBy(() -> Ops.einsum("ijk,jk->ik", a, b)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("operand 0 has shape (2, 3) (rank 2), but its subscripts 'ijk'");
        assertThatThrownBy(() -> Ops.einsum("ij->ik", a)).hasMessageContaining("output label 'k'");
        assertThatThrownBy(() -> Ops.einsum("ij,jk->ik", a)).hasMessageContaining("name 2 operand(s), but 1");
        assertThatThrownBy(() -> Ops.einsum("ii->i", Tensor.ones(3, 3))).hasMessageContaining("diagonals");
        assertThatThrownBy(() -> Ops.einsum("i1->i", a)).hasMessageContaining("'1'");
        assertThatThrownBy(() -> Ops.einsum("ij->i->j", a)).hasMessageContaining("at most one '->'");
    }

    @Test
    void savedAsKerasEinsumAndLoadedAgain(@TempDir Path dir) {
        Tensor x = Input.of(3, 4);
        Tensor w = Input.of(4, 2);
        Model m = Model.of(List.of(x, w), List.of(Ops.einsum("abc,acd->abd", x, w)));
        Path file = dir.resolve("einsum.keras");
        m.save(file);
        Model back = Saving.loadModel(file);
        Tensor a = random(1, 2, 3, 4);
        Tensor b = random(2, 2, 4, 2);
        assertThat(back.predict(List.of(a, b)).get(0).toFloatArray())
                .containsExactly(m.predict(List.of(a, b)).get(0).toFloatArray());
    }

    private static void assertClose(float[] got, float[] expected) {
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    private static int[] dims(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private record Reference(Shape shape, double[] values) {
    }

    /** A plain evaluation: every combination of label values, summed in double; '...' only as a prefix here. */
    private static Reference reference(String eq, List<Tensor> operands) {
        String[] sides = eq.split("->", -1);
        String[] ins = sides[0].split(",");
        int ell = 0;
        for (int i = 0; i < ins.length; i++) {
            if (ins[i].startsWith("...")) {
                ell = Math.max(ell, operands.get(i).rank() - (ins[i].length() - 3));
            }
        }
        // the ellipsis axes become labels '0'..'9', right-aligned
        String[] labels = new String[ins.length];
        for (int i = 0; i < ins.length; i++) {
            if (ins[i].startsWith("...")) {
                int fill = operands.get(i).rank() - (ins[i].length() - 3);
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < fill; k++) {
                    sb.append((char) ('0' + ell - fill + k));
                }
                labels[i] = sb + ins[i].substring(3);
            } else {
                labels[i] = ins[i];
            }
        }
        String out;
        if (sides.length == 2) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < ell && sides[1].startsWith("..."); k++) {
                sb.append((char) ('0' + k));
            }
            out = sb + sides[1].replace("...", "");
        } else {
            StringBuilder sb = new StringBuilder();
            String all = String.join("", ins);
            for (char c = 'A'; c <= 'z'; c++) {
                if (Character.isLetter(c) && all.indexOf(c) >= 0 && all.indexOf(c) == all.lastIndexOf(c)) {
                    sb.append(c);
                }
            }
            out = sb.toString();
        }
        Map<Character, Integer> size = new HashMap<>();
        for (int i = 0; i < ins.length; i++) {
            for (int a = 0; a < labels[i].length(); a++) {
                size.merge(labels[i].charAt(a), operands.get(i).shape().get(a), Math::max);
            }
        }
        StringBuilder allLabels = new StringBuilder(out);
        for (char c : size.keySet()) {
            if (out.indexOf(c) < 0) {
                allLabels.append(c);
            }
        }
        String order = allLabels.toString();
        int[] outDims = out.chars().map(c -> size.get((char) c)).toArray();
        Shape outShape = Shape.of(outDims);
        double[] values = new double[Math.max(1, outShape.size())];
        int[] idx = new int[order.length()];
        float[][] data = operands.stream().map(Tensor::toFloatArray).toArray(float[][]::new);
        while (true) {
            double p = 1;
            for (int i = 0; i < ins.length; i++) {
                Shape s = operands.get(i).shape();
                int flat = 0;
                for (int a = 0; a < labels[i].length(); a++) {
                    int v = idx[order.indexOf(labels[i].charAt(a))];
                    flat = flat * s.get(a) + (s.get(a) == 1 ? 0 : v);
                }
                p *= data[i][flat];
            }
            int o = 0;
            for (int a = 0; a < out.length(); a++) {
                o = o * outDims[a] + idx[a];
            }
            values[o] += p;
            int d = order.length() - 1;
            while (d >= 0) {
                idx[d]++;
                if (idx[d] < size.get(order.charAt(d))) {
                    break;
                }
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                break;
            }
        }
        return new Reference(outShape, values);
    }
}

package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplitTest {

    /** Row i holds features (i, 1000 + i, -i) and targets (10 i, 10 i + 1): pairing is checkable from values. */
    private static Table numbered(int n) {
        float[] x = new float[n * 3];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = 1000 + i;
            x[3 * i + 2] = -i;
            y[2 * i] = 10 * i;
            y[2 * i + 1] = 10 * i + 1;
        }
        return new Table(Tensor.of(x, n, 3), Tensor.of(y, n, 2), List.of("a", "b", "c"), List.of("t", "u"));
    }

    // Sizes as scikit-learn's train_test_split(range(n), test_size=f) gives them: test = ceil(f * n).
    @ParameterizedTest
    @CsvSource({"20640, 0.2, 4128", "16512, 0.25, 4128", "10, 0.25, 3", "10, 0.7, 7", "30, 0.1, 3", "7, 0.5, 4",
            "2, 0.5, 1", "1000, 0.001, 1", "1000, 0.0011, 2"})
    void testSizeIsTheCeilingOfTheFraction(int n, double fraction, int expectedTest) {
        Split s = numbered(n).split(fraction, 7);
        assertThat(s.test().size()).isEqualTo(expectedTest);
        assertThat(s.train().size()).isEqualTo(n - expectedTest);
        assertThat(s.train().features().shape()).isEqualTo(Shape.of(n - expectedTest, 3));
        assertThat(s.test().targets().shape()).isEqualTo(Shape.of(expectedTest, 2));
        assertThat(s.train().featureNames()).containsExactly("a", "b", "c");
        assertThat(s.test().targetNames()).containsExactly("t", "u");
    }

    @Test
    void splitIsDisjointCompleteShuffledAndKeepsRowsPaired() {
        int n = 1000;
        Split s = numbered(n).split(0.2, 42);
        Set<Integer> seen = new HashSet<>();
        boolean inOrder = true;
        int previous = -1;
        for (Table part : List.of(s.test(), s.train())) {
            for (int r = 0; r < part.size(); r++) {
                int i = (int) part.features().get(r, 0);
                assertThat(part.features().get(r, 1)).isEqualTo(1000f + i);
                assertThat(part.features().get(r, 2)).isEqualTo(-i);
                assertThat(part.targets().get(r, 0)).isEqualTo(10f * i);
                assertThat(part.targets().get(r, 1)).isEqualTo(10f * i + 1);
                assertThat(seen.add(i)).as("row %d appears twice", i).isTrue();
                inOrder &= i > previous;
                previous = i;
            }
        }
        assertThat(seen).hasSize(n);
        assertThat(inOrder).as("rows are shuffled").isFalse();
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Table d = numbered(500);
        Split a = d.split(0.3, 123);
        Split b = d.split(0.3, 123);
        Split c = d.split(0.3, 124);
        assertThat(a.test().features().toFloatArray()).isEqualTo(b.test().features().toFloatArray());
        assertThat(a.train().targets().toFloatArray()).isEqualTo(b.train().targets().toFloatArray());
        assertThat(a.test().features().toFloatArray()).isNotEqualTo(c.test().features().toFloatArray());
        // Independent of the global seed: the permutation is a pure function of (n, seed).
        dev.strata.Strata.setRandomSeed(1);
        int[] p1 = Splits.permutation(500, 123);
        dev.strata.Strata.setRandomSeed(2);
        assertThat(Splits.permutation(500, 123)).isEqualTo(p1);
    }

    @Test
    void trainTestSplitOnTensorsUsesOnePermutationForXAndY() {
        int n = 50;
        Tensor x = Tensor.of(range(n * 2), n, 2);
        Tensor y = Tensor.of(range(n)); // shape (n,)
        Splits.TensorSplit s = Splits.trainTestSplit(x, y, 0.25, 9);
        assertThat(s.xTest().shape()).isEqualTo(Shape.of(13, 2));
        assertThat(s.xTrain().shape()).isEqualTo(Shape.of(37, 2));
        assertThat(s.yTest().shape()).isEqualTo(Shape.of(13));
        assertThat(s.yTrain().shape()).isEqualTo(Shape.of(37));
        Set<Float> all = new HashSet<>();
        for (int r = 0; r < 37; r++) {
            float i = s.yTrain().get(r);
            assertThat(s.xTrain().get(r, 0)).isEqualTo(2 * i);
            assertThat(s.xTrain().get(r, 1)).isEqualTo(2 * i + 1);
            all.add(i);
        }
        for (int r = 0; r < 13; r++) {
            float i = s.yTest().get(r);
            assertThat(s.xTest().get(r, 0)).isEqualTo(2 * i);
            all.add(i);
        }
        assertThat(all).hasSize(n);
        // The same rows as Table.split with the same seed.
        Split ds = Table.of(x, y).split(0.25, 9);
        assertThat(ds.test().features().toFloatArray()).isEqualTo(s.xTest().toFloatArray());
        assertThat(ds.train().targets().toFloatArray()).isEqualTo(s.yTrain().toFloatArray());
    }

    @Test
    void trainTestSplitAcceptsRank3Features() {
        Tensor x = Tensor.of(range(4 * 2 * 3), 4, 2, 3);
        Tensor y = Tensor.of(range(4), 4, 1);
        Splits.TensorSplit s = Splits.trainTestSplit(x, y, 0.5, 1);
        assertThat(s.xTrain().shape()).isEqualTo(Shape.of(2, 2, 3));
        int i = (int) s.yTrain().get(0, 0);
        assertThat(s.xTrain().get(0, 1, 2)).isEqualTo(i * 6 + 5);
    }

    @Test
    void badArgumentsAreExplained() {
        Table d = numbered(4);
        assertThatThrownBy(() -> d.split(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testFraction=0.0 must be in (0, 1)");
        assertThatThrownBy(() -> d.split(1.0, 1)).hasMessageContaining("must be in (0, 1)");
        assertThatThrownBy(() -> d.split(Double.NaN, 1)).hasMessageContaining("must be in (0, 1)");
        assertThatThrownBy(() -> numbered(1).split(0.25, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("with 1 rows").hasMessageContaining("training set would be empty");
        assertThatThrownBy(() -> Splits.trainTestSplit(Tensor.zeros(5, 2), Tensor.zeros(4), 0.2, 1))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("x (5, 2) and y (4,) have different numbers of rows (5 and 4)");
        assertThatThrownBy(() -> Splits.trainTestSplit(Tensor.scalar(1), Tensor.zeros(4), 0.2, 1))
                .isInstanceOf(ShapeException.class).hasMessageContaining("a scalar has no rows");
    }

    @Test
    void datasetChecksShapesAndNames() {
        assertThatThrownBy(() -> new Table(Tensor.zeros(3, 2), Tensor.zeros(4, 1), List.of("a", "b"),
                List.of("y"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("features (3, 2) and targets (4, 1) have different numbers of rows");
        assertThatThrownBy(() -> new Table(Tensor.zeros(3), Tensor.zeros(3), List.of(), List.of("y")))
                .isInstanceOf(ShapeException.class).hasMessageContaining("features must be a matrix");
        assertThatThrownBy(() -> new Table(Tensor.zeros(3, 2), Tensor.zeros(3), List.of("a"), List.of("y")))
                .hasMessageContaining("1 feature names for 2 feature columns");
        Table d = Table.of(Tensor.zeros(3, 2), Tensor.zeros(3, 2));
        assertThat(d.featureNames()).containsExactly("x0", "x1");
        assertThat(d.targetNames()).containsExactly("y0", "y1");
        assertThatThrownBy(d::targetName).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has 2: [y0, y1]");
        assertThat(Table.of(Tensor.zeros(3, 2), Tensor.zeros(3)).targetName()).isEqualTo("y");
        assertThat(d.featureIndex("x1")).isEqualTo(1);
        assertThatThrownBy(() -> d.featureIndex("z")).hasMessageContaining("no feature named 'z'; features are [x0, x1]");
        assertThat(d.toString()).isEqualTo("Table[3 rows, features (3, 2) [x0, x1], targets (3, 2) [y0, y1]]");
    }

    @Test
    void rowsSelectAndTake() {
        Table d = numbered(6);
        Tensor first3 = Rows.select(d.features(), 0, 3);
        assertThat(first3.shape()).isEqualTo(Shape.of(3, 3));
        assertThat(first3.toFloatArray()).containsExactly(0, 1000, 0, 1, 1001, -1, 2, 1002, -2);
        assertThat(Rows.select(d.features(), 2, 2).shape()).isEqualTo(Shape.of(0, 3));
        assertThat(Rows.take(d.targets(), 5, 0, 5).toFloatArray()).containsExactly(50, 51, 0, 1, 50, 51);
        assertThat(Rows.take(Tensor.of(new float[] {7, 8, 9}), 2).toFloatArray()).containsExactly(9);
        Table picked = d.rows(4, 1);
        assertThat(picked.features().get(0, 0)).isEqualTo(4f);
        assertThat(picked.targets().get(1, 1)).isEqualTo(11f);
        assertThatThrownBy(() -> Rows.select(d.features(), 4, 7)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("rows 4 to 7 are not a range of a tensor of shape (6, 3)");
        assertThatThrownBy(() -> Rows.take(d.features(), 6)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("row 6 is out of bounds for a tensor of shape (6, 3) (rows 0 to 5)");
    }

    @Test
    void columnsSelectAndTakeLikeNumpySlices() {
        Tensor x = Tensor.of(range(4 * 8), 4, 8);
        Tensor wide = Columns.select(x, 0, 5); // x[:, :5]
        Tensor deep = Columns.select(x, 2); // x[:, 2:]
        assertThat(wide.shape()).isEqualTo(Shape.of(4, 5));
        assertThat(deep.shape()).isEqualTo(Shape.of(4, 6));
        assertThat(wide.get(3, 4)).isEqualTo(3 * 8 + 4);
        assertThat(deep.get(1, 0)).isEqualTo(8 + 2);
        assertThat(deep.get(2, 5)).isEqualTo(2 * 8 + 7);
        assertThat(Columns.select(x, 8).shape()).isEqualTo(Shape.of(4, 0));
        Tensor picked = Columns.take(x, 7, 0, 7);
        assertThat(picked.toFloatArray()).startsWith(7, 0, 7, 15, 8, 15);
        assertThatThrownBy(() -> Columns.select(x, 3, 9)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("columns 3 to 9 are not a range of a matrix of shape (4, 8); need 0 <= from <= to <= 8");
        assertThatThrownBy(() -> Columns.take(x, -1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("column -1 is out of bounds");
        assertThatThrownBy(() -> Columns.select(Tensor.zeros(2, 3, 4), 0, 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("need a matrix (rank 2, rows by columns), got shape (2, 3, 4)");
        // The input is untouched.
        assertThat(x.get(0, 0)).isEqualTo(0f);
    }

    private static float[] range(int n) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}

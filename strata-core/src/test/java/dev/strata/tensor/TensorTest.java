package dev.strata.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.Strata;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void creation() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(t.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.get(1, 2)).isEqualTo(6f);
        assertThat(t.get(-1, -1)).isEqualTo(6f);
        assertThat(Tensor.of(new float[] {1, 2, 3}).shape()).isEqualTo(Shape.of(3));
        assertThat(Tensor.of(new float[][] {{1, 2}, {3, 4}}).get(1, 0)).isEqualTo(3f);
        assertThat(Tensor.zeros(2, 2).toFloatArray()).containsOnly(0f);
        assertThat(Tensor.ones(3).toFloatArray()).containsExactly(1f, 1f, 1f);
        assertThat(Tensor.full(Shape.of(2), 7f).toFloatArray()).containsExactly(7f, 7f);
        assertThat(Tensor.arange(4).toFloatArray()).containsExactly(0f, 1f, 2f, 3f);
        assertThat(Tensor.arange(1, 2, 0.25f).toFloatArray()).containsExactly(1f, 1.25f, 1.5f, 1.75f);
        assertThat(Tensor.arange(3, 0, -1).toFloatArray()).containsExactly(3f, 2f, 1f);
        assertThat(Tensor.eye(2, 3).toFloatArray()).containsExactly(1, 0, 0, 0, 1, 0);
    }

    @Test
    void scalarsAreRankZero() {
        Tensor s = Tensor.scalar(2.5f);
        assertThat(s.rank()).isZero();
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.item()).isEqualTo(2.5f);
        assertThat(s.get()).isEqualTo(2.5f);
        assertThat(s).hasToString("Tensor(2.5, shape=())");
    }

    @Test
    void immutableToUsers() {
        float[] data = {1, 2};
        Tensor t = Tensor.of(data, 2);
        data[0] = 99;
        t.toFloatArray()[1] = 99;
        assertThat(t.toFloatArray()).containsExactly(1f, 2f);
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("5 values cannot fill shape (2, 3) of 6 elements");
        assertThatThrownBy(() -> Tensor.of(new float[][] {{1, 2}, {3}})).hasMessageContaining("row 1 has 1 values");
        assertThatThrownBy(() -> Tensor.zeros(2, 2).item()).hasMessageContaining("has 4 elements");
        assertThatThrownBy(() -> Tensor.zeros(2, 2).get(2, 0)).hasMessageContaining("index 2 is out of bounds for axis 0");
        assertThatThrownBy(() -> Tensor.zeros(2, 2).get(0)).hasMessageContaining("index of length 1");
        assertThatThrownBy(() -> Tensor.zeros(Shape.of(Shape.UNKNOWN, 2))).hasMessageContaining("unknown dimension");
    }

    @Test
    void toStringIsNumpyLike() {
        assertThat(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)).hasToString("Tensor([[1., 2.],\n        [3., 4.]], shape=(2, 2))");
        assertThat(Tensor.of(new float[] {0.5f, -1.25f, 3f})).hasToString("Tensor([ 0.5 , -1.25,  3.  ], shape=(3,))");
        assertThat(Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1f}).toString()).contains("nan", "inf");
        assertThat(Tensor.of(new float[] {1e-6f, 1f}).toString()).contains("1.0000e-06");
    }

    @Test
    void largeTensorsAreElided() {
        String s = Tensor.arange(2000).toString();
        assertThat(s).startsWith("Tensor([0.0000e+00, 1.0000e+00, 2.0000e+00, ..., 1.9970e+03, 1.9980e+03, 1.9990e+03]");
        assertThat(Tensor.arange(1500, 3500, 1).toString()).startsWith("Tensor([1500., 1501., 1502., ..., 3497.,");
        String m = Tensor.zeros(100, 100).toString();
        assertThat(m.lines().count()).isLessThan(10);
        assertThat(m).contains("...");
    }

    @Test
    void randomIsSeededAndHasTheRightDistribution() {
        Strata.setRandomSeed(7);
        float[] a = Tensor.normal(Shape.of(10_000), 1f, 2f).toFloatArray();
        Strata.setRandomSeed(7);
        float[] b = Tensor.normal(Shape.of(10_000), 1f, 2f).toFloatArray();
        assertThat(a).containsExactly(b);
        double mean = 0;
        for (float v : a) {
            mean += v;
        }
        mean /= a.length;
        double var = 0;
        for (float v : a) {
            var += (v - mean) * (v - mean);
        }
        assertThat(mean).isCloseTo(1.0, within(0.1));
        assertThat(Math.sqrt(var / a.length)).isCloseTo(2.0, within(0.1));

        float[] u = Tensor.uniform(Shape.of(10_000), -1f, 3f).toFloatArray();
        for (float v : u) {
            assertThat(v).isBetween(-1f, 3f);
        }
        float[] t = Tensor.truncatedNormal(Shape.of(10_000), 0f, 1f).toFloatArray();
        for (float v : t) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(2f);
        }
    }

    @Test
    void aGivenGeneratorIsDrawnFromInsteadOfTheGlobalOne() {
        java.util.random.RandomGeneratorFactory<?> algorithm =
                java.util.random.RandomGeneratorFactory.of("L64X128MixRandom");
        Strata.setRandomSeed(1);
        float[] a = Tensor.uniform(Shape.of(2, 3), -1f, 3f, algorithm.create(5)).toFloatArray();
        float[] globalAfter = Tensor.uniform(2).toFloatArray();
        Strata.setRandomSeed(2);
        assertThat(Tensor.uniform(Shape.of(2, 3), -1f, 3f, algorithm.create(5)).toFloatArray()).containsExactly(a);
        Strata.setRandomSeed(1);
        assertThat(Tensor.uniform(2).toFloatArray()).as("the global generator was not drawn from")
                .containsExactly(globalAfter);
        java.util.random.RandomGenerator g = algorithm.create(5);
        float[] expected = new float[6];
        for (int i = 0; i < 6; i++) {
            expected[i] = -1f + 4f * g.nextFloat();
        }
        assertThat(a).containsExactly(expected);
        g = algorithm.create(9);
        float first = (float) (1.0 + 2.0 * g.nextGaussian());
        assertThat(Tensor.normal(Shape.of(3), 1f, 2f, algorithm.create(9)).get(0)).isEqualTo(first);
        assertThatThrownBy(() -> Tensor.uniform(Shape.of(1), 2f, 1f, algorithm.create(1)))
                .hasMessageContaining("max (1.0) must be >= min (2.0)");
    }

    @Test
    void variablesAssignInPlaceAndCheckShapes() {
        Variable v = new Variable(Tensor.zeros(2), "w", true);
        Tensor snapshot = v.value();
        v.assign(Tensor.of(new float[] {1, 2}));
        v.assignAdd(Tensor.ones(2));
        v.assignSub(Tensor.of(new float[] {0.5f, 0.5f}));
        assertThat(v.toFloatArray()).containsExactly(1.5f, 2.5f);
        assertThat(snapshot.toFloatArray()).containsExactly(0f, 0f);
        assertThatThrownBy(() -> v.assign(Tensor.zeros(3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Variable 'w'.assign: value of shape (3,) does not match the variable's shape (2,)");
        assertThat(v).hasToString("Variable 'w'([1.5, 2.5], shape=(2,))");
    }

    @Test
    void tensorsAreAnImmutableNamedList() {
        Tensor a = Tensor.scalar(1);
        Tensor b = Tensor.scalar(2);
        Tensors ts = Tensors.of(a, b).withNames("main", "aux");
        assertThat(ts).containsExactly(a, b);
        assertThat(ts.get("aux")).isSameAs(b);
        assertThat(ts.name(0)).contains("main");
        assertThatThrownBy(() -> ts.get("nope")).hasMessageContaining("names are [main, aux]");
        assertThatThrownBy(() -> ts.add(a)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(ts::single).hasMessageContaining("exactly one");
        assertThat(Tensors.of(a).single()).isSameAs(a);
    }
}

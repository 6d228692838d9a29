package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * numpy's legacy permutation, and through it scikit-learn's train_test_split. Expected values printed by
 * numpy 2 / scikit-learn 1.9 in the venv:
 * {@code np.random.RandomState(42).permutation(10)},
 * {@code np.random.RandomState(42).permutation(20640)[:8]},
 * {@code r = np.random.RandomState(7); r.permutation(100000)[:5], r.permutation(5)},
 * {@code train_test_split(np.arange(20640), random_state=42)}.
 */
class Mt19937Test {

    @Test
    void permutationsMatchNumpy() {
        assertThat(new Mt19937(42).permutation(10)).containsExactly(8, 1, 5, 0, 7, 2, 9, 4, 3, 6);
        assertThat(Arrays.copyOf(new Mt19937(42).permutation(20640), 8))
                .containsExactly(20046, 3024, 15663, 20484, 9814, 13311, 7113, 7668);
        Mt19937 r = new Mt19937(7);
        assertThat(Arrays.copyOf(r.permutation(100000), 5)).containsExactly(33909, 92307, 89107, 9538, 31008);
        assertThat(r.permutation(5)).containsExactly(3, 0, 2, 4, 1);
    }

    @Test
    void splitsMatchScikitLearn() {
        float[] ids = new float[20640];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        Tensor x = Tensor.of(ids, 20640, 1);
        Split s = Table.of(x, x).split(0.25, 42);
        assertThat(s.test().size()).isEqualTo(5160);
        assertThat(Arrays.copyOf(s.test().features().toFloatArray(), 5)).containsExactly(20046, 3024, 15663, 20484, 9814);
        assertThat(Arrays.copyOf(s.train().features().toFloatArray(), 5)).containsExactly(8158, 18368, 19197, 3746, 13073);
    }

    @Test
    void seedsOutsideNumpysRangeAreRejected() {
        assertThatThrownBy(() -> new Mt19937(-1)).hasMessageContaining("between 0 and 2**32 - 1");
    }
}

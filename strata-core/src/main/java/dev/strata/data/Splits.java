package dev.strata.data;

import dev.strata.ShapeException;
import dev.strata.tensor.Tensor;

/**
 * Splitting plain tensors into training and test sets, like scikit-learn's {@code train_test_split}.
 *
 * <pre>{@code
 * Splits.TensorSplit s = Splits.trainTestSplit(x, y, 0.2, 42);
 * model.fit(s.xTrain(), s.yTrain(), ...);
 * model.evaluate(s.xTest(), s.yTest());
 * }</pre>
 *
 * <p>For a {@link Table}, {@link Table#split} does the same and keeps the column names.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * The four parts of a split, in scikit-learn's order.
     *
     * @param xTrain the training rows of {@code x}
     * @param xTest the test rows of {@code x}
     * @param yTrain the training rows of {@code y}, paired with {@code xTrain}
     * @param yTest the test rows of {@code y}, paired with {@code xTest}
     */
    public record TensorSplit(Tensor xTrain, Tensor xTest, Tensor yTrain, Tensor yTest) {
    }

    /**
     * Splits the rows (first axis) of {@code x} and {@code y} with one shuffle, like
     * {@code train_test_split(x, y, test_size=testFraction, random_state=seed)}: the test part has
     * {@code ceil(testFraction * n)} rows, the training part the rest, both in shuffled order, and row
     * {@code i} of {@code x} stays paired with row {@code i} of {@code y}. {@code y} may have shape
     * {@code (n,)} or {@code (n, k)} (any rank from 1). The rows are exactly scikit-learn's for the same seed (numpy's
     * {@code RandomState(seed).permutation}); the global Strata seed plays no part.
     *
     * @param testFraction the share of rows for the test part, in {@code (0, 1)}
     * @throws ShapeException if {@code x} or {@code y} is a scalar or their row counts differ
     * @throws IllegalArgumentException if {@code testFraction} is not in {@code (0, 1)}, the training part
     *     would be empty, or a tensor is symbolic
     */
    public static TensorSplit trainTestSplit(Tensor x, Tensor y, double testFraction, long seed) {
        int n = Rows.rowCount(x, "trainTestSplit");
        int ny = Rows.rowCount(y, "trainTestSplit");
        if (n != ny) {
            throw new ShapeException("trainTestSplit: x " + x.shape() + " and y " + y.shape()
                    + " have different numbers of rows (" + n + " and " + ny + ")");
        }
        int nTest = testSize(n, testFraction);
        int nTrain = n - nTest;
        int[] order = permutation(n, seed);
        return new TensorSplit(
                Rows.gather(x, order, nTest, nTrain, "trainTestSplit"),
                Rows.gather(x, order, 0, nTest, "trainTestSplit"),
                Rows.gather(y, order, nTest, nTrain, "trainTestSplit"),
                Rows.gather(y, order, 0, nTest, "trainTestSplit"));
    }

    /**
     * The test size for {@code n} rows: {@code ceil(testFraction * n)}, computed in double as scikit-learn
     * does, so the sizes agree with it exactly.
     */
    static int testSize(int n, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("split: testFraction=" + testFraction + " must be in (0, 1)");
        }
        int nTest = (int) Math.ceil(testFraction * n);
        if (n - nTest <= 0) {
            throw new IllegalArgumentException("split: with " + n + " rows and testFraction=" + testFraction
                    + " the training set would be empty (the test set takes ceil(" + testFraction + " * " + n
                    + ") = " + nTest + " rows)");
        }
        return nTest;
    }

    /**
     * The permutation scikit-learn's {@code ShuffleSplit} draws for {@code random_state=seed}: numpy's
     * {@code RandomState(seed).permutation(n)}. The first rows become the test set, so splits agree with
     * {@code train_test_split} row for row.
     */
    static int[] permutation(int n, long seed) {
        return new Mt19937(seed).permutation(n);
    }
}

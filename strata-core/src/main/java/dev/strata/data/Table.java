package dev.strata.data;

import dev.strata.ShapeException;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table of examples in memory: a feature matrix {@code (n, d)} and the targets {@code (n, k)} (or
 * {@code (n,)}), row {@code i} of one paired with row {@code i} of the other, with column names. This is the
 * form of scikit-learn's {@code Bunch} ({@code data}, {@code target}, {@code feature_names}), with the targets
 * kept as a matrix so they can have several columns.
 *
 * <pre>{@code
 * Table housing = Datasets.californiaHousing();
 * housing.features();      // (20640, 8)
 * housing.targets();       // (20640, 1)
 * housing.featureNames();  // [MedInc, HouseAge, ...]
 * housing.targetName();    // MedHouseVal
 * Split split = housing.split(0.2, 42);
 * }</pre>
 *
 * @param features the feature matrix, {@code (n, d)}, concrete
 * @param targets the targets, {@code (n, k)} or {@code (n,)}, concrete; {@code k} may be 0 (no targets)
 * @param featureNames one name per feature column
 * @param targetNames one name per target column (one name for targets of shape {@code (n,)})
 */
public record Table(Tensor features, Tensor targets, List<String> featureNames, List<String> targetNames) {

    /**
     * Checks the shapes and names and copies the name lists.
     *
     * @throws ShapeException if the features are not a matrix, the targets are not of rank 1 or 2, the row
     *     counts differ or the name counts do not match the column counts
     * @throws IllegalArgumentException if a tensor is symbolic
     */
    public Table {
        Objects.requireNonNull(features, "Table: features is null");
        Objects.requireNonNull(targets, "Table: targets is null");
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        if (features.isSymbolic() || targets.isSymbolic()) {
            throw new IllegalArgumentException("Table: features and targets must be concrete tensors, got shapes "
                    + features.shape() + " and " + targets.shape() + " with a symbolic one");
        }
        if (features.rank() != 2) {
            throw new ShapeException("Table: features must be a matrix (rows, columns), got shape "
                    + features.shape());
        }
        if (targets.rank() != 1 && targets.rank() != 2) {
            throw new ShapeException("Table: targets must have shape (rows,) or (rows, columns), got "
                    + targets.shape());
        }
        if (features.shape().get(0) != targets.shape().get(0)) {
            throw new ShapeException("Table: features " + features.shape() + " and targets " + targets.shape()
                    + " have different numbers of rows (" + features.shape().get(0) + " and "
                    + targets.shape().get(0) + "); row i of one must pair with row i of the other");
        }
        int d = features.shape().get(1);
        if (featureNames.size() != d) {
            throw new IllegalArgumentException("Table: " + featureNames.size() + " feature names for " + d
                    + " feature columns: " + featureNames);
        }
        int k = targets.rank() == 1 ? 1 : targets.shape().get(1);
        if (targetNames.size() != k) {
            throw new IllegalArgumentException("Table: " + targetNames.size() + " target names for " + k
                    + " target column" + (k == 1 ? "" : "s") + ": " + targetNames);
        }
    }

    /**
     * A dataset with generated names: features {@code x0, x1, ...}; targets {@code y} for one column (or
     * shape {@code (n,)}), else {@code y0, y1, ...}.
     */
    public static Table of(Tensor features, Tensor targets) {
        int d = features.rank() == 2 ? features.shape().get(1) : 0;
        int k = targets.rank() == 2 ? targets.shape().get(1) : 1;
        return new Table(features, targets, names("x", d, false), names("y", k, true));
    }

    private static List<String> names(String prefix, int count, boolean bareIfSingle) {
        if (count == 1 && bareIfSingle) {
            return List.of(prefix);
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    /** The number of rows (examples). */
    public int size() {
        return features.shape().get(0);
    }

    /** The number of feature columns. */
    public int featureCount() {
        return features.shape().get(1);
    }

    /**
     * The name of the only target column.
     *
     * @throws IllegalStateException if there is not exactly one target column
     */
    public String targetName() {
        if (targetNames.size() != 1) {
            throw new IllegalStateException("Table: targetName() needs exactly one target column, this dataset"
                    + " has " + targetNames.size() + ": " + targetNames + "; use targetNames()");
        }
        return targetNames.getFirst();
    }

    /**
     * The position of a feature column by name.
     *
     * @throws IllegalArgumentException if no feature has that name; the message lists the names there are
     */
    public int featureIndex(String name) {
        int i = featureNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("Table: no feature named '" + name + "'; features are "
                    + featureNames);
        }
        return i;
    }

    /**
     * Splits the rows into a shuffled training set and test set, like scikit-learn's
     * {@code train_test_split(X, y, test_size=testFraction, random_state=seed)}: the test set has
     * {@code ceil(testFraction * size())} rows and the training set the rest; both are in shuffled order and
     * every row keeps its targets. The shuffle is numpy's {@code RandomState(seed).permutation}, so for a seed
     * in [0, 2^32) the rows are exactly scikit-learn's; it does not depend on {@code Strata.setRandomSeed}.
     *
     * @param testFraction the share of rows for the test set, in {@code (0, 1)}
     * @throws IllegalArgumentException if {@code testFraction} is not in {@code (0, 1)} or the training set
     *     would be empty
     */
    public Split split(double testFraction, long seed) {
        int n = size();
        int[] order = Splits.permutation(n, seed);
        int nTest = Splits.testSize(n, testFraction);
        int nTrain = n - nTest;
        Table test = new Table(Rows.gather(features, order, 0, nTest, "Table.split"),
                Rows.gather(targets, order, 0, nTest, "Table.split"), featureNames, targetNames);
        Table train = new Table(Rows.gather(features, order, nTest, nTrain, "Table.split"),
                Rows.gather(targets, order, nTest, nTrain, "Table.split"), featureNames, targetNames);
        return new Split(train, test);
    }

    /** The given rows, in the given order (see {@link Rows#take}), with the same names. */
    public Table rows(int... rows) {
        return new Table(Rows.take(features, rows), Rows.take(targets, rows), featureNames, targetNames);
    }

    /** A one-line description: the row count, shapes and column names (not the values). */
    @Override
    public String toString() {
        return "Table[" + size() + " rows, features " + features.shape() + " " + featureNames + ", targets "
                + targets.shape() + " " + targetNames + "]";
    }
}

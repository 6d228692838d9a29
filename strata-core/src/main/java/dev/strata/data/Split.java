package dev.strata.data;

/**
 * A dataset divided into a training set and a test set, as made by {@link Table#split}.
 *
 * @param train the training rows
 * @param test the test rows
 */
public record Split(Table train, Table test) {
}

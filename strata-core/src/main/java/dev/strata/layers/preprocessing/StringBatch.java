package dev.strata.layers.preprocessing;

/** Checks of the string batches the text layers take at their boundary (Strata has no string tensors). */
final class StringBatch {
    private StringBatch() {
    }

    /**
     * The row length of a rectangular, non-empty batch.
     *
     * @throws IllegalArgumentException naming the layer for an empty batch, ragged rows or a null string
     */
    static int requireRectangular(String[][] batch, String layer) {
        if (batch == null || batch.length == 0) {
            throw new IllegalArgumentException(layer + " received an empty batch: expected strings shaped "
                    + "(batch, n) with batch >= 1");
        }
        int n = batch[0].length;
        for (int i = 0; i < batch.length; i++) {
            if (batch[i] == null || batch[i].length != n) {
                throw new IllegalArgumentException(layer + " expected a rectangular batch of strings (batch, " + n
                        + "); row " + i + " has " + (batch[i] == null ? "no array" : batch[i].length + " strings"));
            }
            for (int j = 0; j < n; j++) {
                if (batch[i][j] == null) {
                    throw new IllegalArgumentException(layer + ": null string at [" + i + "][" + j + "]");
                }
            }
        }
        return n;
    }
}

/**
 * Losses with Keras 3's names, formulas and reductions ({@code sum_over_batch_size} by default: the sum of
 * the weighted per-sample losses divided by the number of elements, not by the sum of the weights).
 */
package dev.strata.losses;

/** Weight and activity regularizers with Keras 3's names and formulas: {@code l1}, {@code l2}, {@code l1_l2}. */
package dev.strata.regularizers;

/**
 * Weight constraints with Keras 3's names and formulas ({@code keras.constraints}): {@link MaxNorm},
 * {@link MinMaxNorm}, {@link NonNeg}, {@link UnitNorm}. A layer gives a constraint to a weight it creates; after
 * each optimizer update of that weight the optimizer replaces its value with the constraint's projection of it.
 */
package dev.strata.constraints;

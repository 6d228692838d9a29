/**
 * Weight initializers with Keras 3's names, defaults and formulas ({@code glorot_uniform}, {@code he_normal},
 * ...). All draw from the generator seeded by {@link dev.strata.Strata#setRandomSeed}.
 */
package dev.strata.initializers;

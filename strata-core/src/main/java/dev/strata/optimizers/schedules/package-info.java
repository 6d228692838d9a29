/**
 * Learning-rate schedules, like {@code keras.optimizers.schedules}: {@link ExponentialDecay},
 * {@link PiecewiseConstantDecay}, {@link PolynomialDecay}, {@link InverseTimeDecay}, {@link CosineDecay} (with
 * warm-up) and {@link CosineDecayRestarts}, each computing in float32 what Keras 3 computes, with Keras's arguments,
 * defaults, checks and {@code get_config}. Extend {@link LearningRateSchedule} for a schedule of your own. Any
 * optimizer takes a schedule in place of a constant learning rate:
 *
 * <pre>{@code
 * Optimizer opt = new SGD().learningRate(new ExponentialDecay(0.1f, 1000, 0.96f));
 * }</pre>
 */
package dev.strata.optimizers.schedules;

/**
 * The training loop, like Keras's {@code keras/src/trainers}: {@link dev.strata.training.Trainer} runs
 * {@code compile}, {@code fit}, {@code evaluate} and {@code predict} over one batch loop (which
 * {@code dev.strata.models.Model}'s methods of those names call), with the options of each
 * ({@link dev.strata.training.CompileOptions}, {@link dev.strata.training.FitOptions}, ...) in Keras's argument
 * names and defaults (camelCase).
 *
 * <p>Callbacks reach the loop through {@link dev.strata.training.TrainingListener} (Keras's hooks) and the run's
 * {@link dev.strata.training.TrainingState} (the model, the run's parameters, the stop flag, the epoch to resume
 * at). {@link dev.strata.training.History} and {@link dev.strata.training.ProgbarLogger}, the listeners
 * {@code fit} adds by default, live here; the other callbacks are in {@code dev.strata.callbacks}.
 *
 * <p>This package sits below {@code models}: the loop sees a model as a {@code Layer}, plus the few things only a
 * model knows, handed to the {@code Trainer} when the model makes it.
 */
package dev.strata.training;

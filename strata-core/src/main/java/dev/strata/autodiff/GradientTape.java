package dev.strata.autodiff;

import dev.strata.internal.TensorAccess;
import dev.strata.internal.autodiff.Tape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.Arrays;
import java.util.List;

/**
 * Records operations so their gradients can be computed, with TensorFlow's semantics.
 *
 * <pre>{@code
 * Variable w = new Variable(Tensor.normal(3, 1));
 * try (GradientTape tape = GradientTape.record()) {
 *     Tensor loss = Ops.mean(Ops.square(Ops.subtract(Ops.matmul(x, w), y)));
 *     Tensor dw = differentiate(loss, w);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Only ops run while a tape is open are recorded, and only if an input is watched: trainable
 *       {@link Variable}s are watched automatically (unless disabled), other tensors with {@link #watch}.
 *   <li>The gradient of a non-scalar target is the gradient of the sum of its elements.
 *   <li>A tape computes gradients once unless it is persistent; {@link #gradient} may be called after
 *       {@link #close()}.
 *   <li>Tapes nest: a tape that is open while an inner tape computes gradients records that computation, so
 *       it can differentiate the gradient again (second derivatives).
 *   <li>A tape belongs to the thread that opened it; ops on other threads are not recorded.
 * </ul>
 */
public final class GradientTape implements AutoCloseable {
    private final Tape tape;

    private GradientTape(boolean persistent, boolean watchAccessedVariables) {
        tape = new Tape(persistent, watchAccessedVariables);
        tape.open();
    }

    /** Opens a non-persistent tape that watches the trainable variables it sees. */
    public static GradientTape record() {
        return new GradientTape(false, true);
    }

    /**
     * Opens a tape.
     *
     * @param persistent whether {@link #gradient} may be called more than once
     */
    public static GradientTape record(boolean persistent) {
        return new GradientTape(persistent, true);
    }

    /**
     * Opens a tape.
     *
     * @param persistent             whether {@link #gradient} may be called more than once
     * @param watchAccessedVariables whether trainable variables used by recorded ops are watched automatically
     */
    public static GradientTape record(boolean persistent, boolean watchAccessedVariables) {
        return new GradientTape(persistent, watchAccessedVariables);
    }

    /** Watches tensors, so that the ops using them are recorded and gradients can be taken with respect to them. */
    public void watch(Tensor... tensors) {
        for (Tensor t : tensors) {
            tape.watch(t);
        }
    }

    /** The variables this tape has watched, explicitly or because a recorded op used them. */
    public List<Variable> watchedVariables() {
        return tape.watchedVariables();
    }

    /**
     * The gradient of {@code target} with respect to {@code source}, or {@code null} if the target does not
     * depend on it.
     */
    public Tensor gradient(Tensor target, Tensor source) {
        return differentiate(target, List.of(source), null, false).getFirst();
    }

    /**
     * The gradients of {@code target} with respect to each source, in order; {@code null} for a source the
     * target does not depend on (as TensorFlow's {@code unconnected_gradients="none"}).
     */
    public List<Tensor> gradient(Tensor target, List<? extends Tensor> sources) {
        return differentiate(target, sources, null, false);
    }

    /**
     * The gradients of {@code target} with respect to each source.
     *
     * @param unconnected what to return for a source the target does not depend on
     */
    public List<Tensor> gradient(Tensor target, List<? extends Tensor> sources, UnconnectedGradients unconnected) {
        return differentiate(target, sources, null, unconnected == UnconnectedGradients.ZERO);
    }

    /**
     * The vector-Jacobian product: gradients of {@code target} weighted elementwise by {@code outputGradient}
     * (same shape as the target) instead of ones.
     */
    public List<Tensor> gradient(Tensor target, List<? extends Tensor> sources, Tensor outputGradient) {
        return differentiate(target, sources, outputGradient, false);
    }

    /** The gradients with respect to each source, for varargs convenience. */
    public List<Tensor> gradient(Tensor target, Tensor first, Tensor... more) {
        Tensor[] all = new Tensor[more.length + 1];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        return differentiate(target, Arrays.asList(all), null, false);
    }

    /**
     * The gradients of {@code target} with respect to each source, summed over the target's elements when it is
     * not a scalar (or weighted by {@code outputGradient} if given); for a source the target does not depend on,
     * {@code null}, or zeros if {@code zerosForUnconnected}.
     */
    private List<Tensor> differentiate(Tensor target, List<? extends Tensor> sources, Tensor outputGradient,
                                       boolean zerosForUnconnected) {
        tape.checkCanDifferentiate();
        if (outputGradient != null && !outputGradient.shape().equals(target.shape())) {
            throw new IllegalArgumentException("GradientTape.gradient: outputGradient has shape "
                    + outputGradient.shape() + " but the target has shape " + target.shape());
        }
        tape.beginDifferentiation();
        try {
            List<Tensor> result = ReversePass.gradients(tape, target, sources, outputGradient);
            if (zerosForUnconnected) {
                for (int i = 0; i < result.size(); i++) {
                    if (result.get(i) == null) {
                        Tensor s = sources.get(i);
                        result.set(i, TensorAccess.wrap(new float[s.size()], s.shape()));
                    }
                }
            }
            return result;
        } finally {
            tape.endDifferentiation();
        }
    }

    /**
     * Pauses recording until the returned handle is closed, like TensorFlow's {@code tape.stop_recording()}.
     *
     * <pre>{@code
     * try (var paused = tape.stopRecording()) { ... not recorded ... }
     * }</pre>
     */
    public Paused stopRecording() {
        tape.pause();
        return tape::resume;
    }

    /** Forgets everything recorded so far; the tape keeps recording if it is open. */
    public void reset() {
        tape.reset();
    }

    /** Stops recording. Gradients can still be computed afterwards. */
    @Override
    public void close() {
        tape.close();
    }

    /** A pause in recording, ended by {@link #close()}. */
    @FunctionalInterface
    public interface Paused extends AutoCloseable {
        @Override
        void close();
    }

    /** What {@link #gradient} returns for sources the target does not depend on. */
    public enum UnconnectedGradients {
        /** {@code null}, TensorFlow's default. */
        NONE,
        /** A tensor of zeros shaped like the source. */
        ZERO
    }
}

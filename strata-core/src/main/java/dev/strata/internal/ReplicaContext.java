package dev.strata.internal;

import java.util.Objects;

/**
 * The replica a data-parallel training step runs on, as TensorFlow's replica context is for Keras: a training loop
 * that runs one replica per worker (Strata on Spark's synchronous fit) sets it on the thread for the step's forward
 * and backward pass, and a layer that synchronizes across replicas ({@code BatchNormalization(synchronized=true)})
 * sums its per-replica values through {@link #allReduce}. Every replica runs the same model on its own rows, so every
 * replica makes the same calls in the same order; a replica with no rows in a step still runs the step (on zero rows).
 * Without a context (single-machine training) such a layer computes on its batch alone, as Keras's does without a
 * replica context. Not public API.
 */
public final class ReplicaContext {
    /** The element-wise sum over every replica of its {@code message}, the same bits on every replica. */
    @FunctionalInterface
    public interface AllReduce {
        float[] sum(float[] message);
    }

    private static final ThreadLocal<ReplicaContext> CURRENT = new ThreadLocal<>();

    private final int replica;
    private final int replicas;
    private final AllReduce allReduce;
    private boolean used;

    /**
     * @param replica   this replica's index, from 0
     * @param replicas  how many replicas take part in every all-reduce
     * @param allReduce the sum across replicas
     */
    public ReplicaContext(int replica, int replicas, AllReduce allReduce) {
        if (replica < 0 || replica >= replicas) {
            throw new IllegalArgumentException("replica " + replica + " of " + replicas);
        }
        this.replica = replica;
        this.replicas = replicas;
        this.allReduce = Objects.requireNonNull(allReduce, "allReduce");
    }

    /** The context set on this thread, or null (single-machine training). */
    public static ReplicaContext current() {
        return CURRENT.get();
    }

    /** Sets {@code context} on this thread until the returned scope is closed (null clears it). */
    public static Scope enter(ReplicaContext context) {
        ReplicaContext previous = CURRENT.get();
        CURRENT.set(context);
        return () -> CURRENT.set(previous);
    }

    /** What {@link #enter} returns. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public int replica() {
        return replica;
    }

    public int replicas() {
        return replicas;
    }

    /**
     * The element-wise sum of every replica's {@code message}; marks the context used (the step then has values
     * that depend on every replica's rows, see {@link #used}).
     */
    public float[] allReduce(float[] message) {
        used = true;
        return allReduce.sum(message);
    }

    /**
     * Whether a layer has synchronized through this context. The loop then differentiates each replica's loss
     * already weighted by its share of the global batch, since the gradient terms a synchronized layer exchanges in
     * the backward pass must be those of the global loss.
     */
    public boolean used() {
        return used;
    }
}

package dev.strata.models;

import dev.strata.tensor.Tensor;

/**
 * A chain of graph steps that predict runs as one computation with the same bits (the steps' float operations in
 * the same order), found once per Functional model: it starts at a head step, takes that step's arguments, and
 * replaces the steps it {@link #skipped skips}, whose intermediate values nothing else reads.
 */
interface InferenceFold {
    /** The chain's output for the head step's arguments, or null when it does not apply to them (run the steps). */
    Tensor run(Tensor[] args);

    /** The steps after the head that the chain computes. */
    int[] skipped();

    /** The slot that gets the chain's output. */
    int outputSlot();
}

/**
 * The op API, like {@code keras.ops}: {@link dev.strata.ops.Ops} has one static method per op, each taking
 * concrete or symbolic tensors, with numpy broadcasting where it applies. Every op is defined once, in its own
 * package-private class holding its shape rule, forward computation and gradient.
 */
package dev.strata.ops;

/**
 * The op API, like {@code keras.ops}: {@link dev.strata.ops.Ops} has one static method per op, each taking
 * concrete or symbolic tensors, with numpy broadcasting where it applies. Every op is defined once, in its own
 * package-private class holding its shape rule, forward computation and gradient, and its identity for graphs and
 * saved files: a {@code static final OpSpec} naming the {@code keras.ops} class it is saved as, with its typed
 * arguments (or saying why it has none), which saving finds without a list.
 */
package dev.strata.ops;

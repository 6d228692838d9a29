/**
 * The renderings behind {@code Model.summary()} and {@code dev.strata.models.Plot}: {@link
 * dev.strata.internal.summary.Table} lays out Keras's summary table, {@link dev.strata.internal.summary.Diagram}
 * describes a layered diagram (boxes, labelled edges, clusters) and renders it as Graphviz DOT or, laid out in pure
 * Java, as SVG. Nothing here knows about models. Not exported by the module (users call {@code summary()} and
 * {@code Plot}); may change at any time.
 */
package dev.strata.internal.summary;

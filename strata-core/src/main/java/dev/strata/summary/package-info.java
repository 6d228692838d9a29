/**
 * Text and picture renderings shared by the model tools: {@link dev.strata.summary.Table} lays out Keras's
 * summary table, {@link dev.strata.summary.Diagram} describes a layered diagram (boxes, labelled edges,
 * clusters) and renders it as Graphviz DOT or, laid out in pure Java, as SVG. Nothing here knows about models.
 */
package dev.strata.summary;

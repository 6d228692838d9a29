/** Rendering of model summaries in Keras's table form (and, later, graph plots). */
package dev.strata.summary;

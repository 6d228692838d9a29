/**
 * The two layers of Keras's ConvNeXt ({@code keras.src.applications.convnext}): {@link
 * dev.strata.applications.convnext.LayerScale} and {@link dev.strata.applications.convnext.StochasticDepth}, saved
 * under that module as Keras saves them, so that Strata loads ConvNeXt models and Keras loads Strata's.
 */
package dev.strata.applications.convnext;

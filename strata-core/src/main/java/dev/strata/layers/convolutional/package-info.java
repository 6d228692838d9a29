/**
 * Convolution layers, as {@code keras.layers} convolutional: Conv1D, Conv2D, Conv3D, their transposes
 * (Conv1DTranspose, Conv2DTranspose, Conv3DTranspose), DepthwiseConv1D, DepthwiseConv2D, SeparableConv1D and
 * SeparableConv2D, with Keras's arguments, defaults, weights and configs.
 */
package dev.strata.layers.convolutional;

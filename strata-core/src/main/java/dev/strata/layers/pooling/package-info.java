/**
 * Pooling layers, as {@code keras.layers} pooling: MaxPooling1D/2D/3D, AveragePooling1D/2D/3D (over windows, by the
 * {@code max_pool} and {@code average_pool} ops), and GlobalMaxPooling1D/2D/3D, GlobalAveragePooling1D/2D/3D (over
 * all spatial positions). Each takes {@code data_format} "channels_last" (the default) or "channels_first".
 */
package dev.strata.layers.pooling;

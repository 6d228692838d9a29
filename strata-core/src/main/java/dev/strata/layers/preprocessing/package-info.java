/**
 * Preprocessing layers, as {@code keras.layers} preprocessing: Normalization (adapted to data), and the image layers
 * Rescaling, Resizing and CenterCrop (active in inference too) and the augmentation layers RandomFlip,
 * RandomRotation, RandomZoom, RandomTranslation, RandomCrop, RandomContrast and RandomBrightness (active in training
 * only; RandomCrop centre-crops otherwise).
 */
package dev.strata.layers.preprocessing;

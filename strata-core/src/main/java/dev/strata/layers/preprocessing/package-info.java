/**
 * Preprocessing layers, as {@code keras.layers} preprocessing: Normalization (adapted to data), and the image layers
 * Rescaling, Resizing and CenterCrop (active in inference too) and the augmentation layers RandomFlip,
 * RandomRotation, RandomZoom, RandomTranslation, RandomCrop, RandomContrast and RandomBrightness (active in training
 * only; RandomCrop centre-crops otherwise); the colour layers RandomGrayscale, RandomInvert, Solarization,
 * RandomPosterization, Equalization, RandomSharpness, RandomColorDegeneration, RandomSaturation and RandomHue (training
 * only) and AutoContrast (training and inference). Categorical and text layers: CategoryEncoding, Discretization, Hashing
 * and IntegerLookup take numbers as ordinary tensors and work inside models; StringLookup and TextVectorization
 * (and Hashing of strings) take Java strings at their own boundary and give float32 tensors, since Strata's tensors
 * hold no strings. Learnt vocabularies are saved as Keras saves them, in the {@code .keras} file's {@code assets/}.
 */
package dev.strata.layers.preprocessing;

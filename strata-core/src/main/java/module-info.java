/**
 * Strata: Keras-style deep learning on a pure-Java engine.
 *
 * <p>The API packages are exported; {@code dev.strata.internal.*} (kernels, tape plumbing, raw tensor access)
 * is not, so it may change at any time. The Vector API is optional: when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} Strata uses SIMD kernels, otherwise plain loops.
 */
module dev.strata {
    requires static jdk.incubator.vector;
    // Image files (dev.strata.data.ImageUtils, ImageDatasets): only needed by programs that read or write images.
    requires static transitive java.desktop;
    requires com.fasterxml.jackson.databind;
    requires io.jhdf;

    exports dev.strata;
    exports dev.strata.tensor;
    exports dev.strata.graph;
    exports dev.strata.config;
    exports dev.strata.autodiff;
    exports dev.strata.ops;
    exports dev.strata.data;
    exports dev.strata.optimizers;
    exports dev.strata.optimizers.schedules;
    exports dev.strata.activations;
    exports dev.strata.initializers;
    exports dev.strata.regularizers;
    exports dev.strata.constraints;
    exports dev.strata.layers;
    exports dev.strata.layers.activations;
    exports dev.strata.layers.convolutional;
    exports dev.strata.layers.core;
    exports dev.strata.layers.attention;
    exports dev.strata.layers.merging;
    exports dev.strata.layers.normalization;
    exports dev.strata.layers.preprocessing;
    exports dev.strata.layers.regularization;
    exports dev.strata.layers.reshaping;
    exports dev.strata.layers.rnn;
    exports dev.strata.layers.pooling;
    exports dev.strata.losses;
    exports dev.strata.metrics;
    exports dev.strata.callbacks;
    exports dev.strata.training;
    exports dev.strata.models;
    exports dev.strata.saving;
    exports dev.strata.applications.convnext;

    uses dev.strata.config.SerializableClassProvider;
}

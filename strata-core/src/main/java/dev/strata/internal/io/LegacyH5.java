package dev.strata.internal.io;

import dev.strata.ModelFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The legacy Keras HDF5 layouts, as a generic view the loader maps onto layers:
 * <ul>
 *   <li>a full model ({@code model.save("m.h5")} in Keras 2, or {@code keras.saving.save_model(m, "m.h5")} in
 *       Keras 3): root attributes {@code model_config} (the architecture as JSON), {@code training_config},
 *       {@code keras_version}, {@code backend}; weights under {@code model_weights/<layer>/<weight name>};</li>
 *   <li>a Keras 2 {@code save_weights} file: the same weight layout at the root, which has a
 *       {@code layer_names} attribute and no {@code model_config}.</li>
 * </ul>
 * The order of layers comes from the weights group's {@code layer_names} attribute and the order of each
 * layer's weights from its group's {@code weight_names} (Keras 2 names end in {@code :0}:
 * {@code dense_1/kernel:0}; Keras 3 writes {@code sequential/dense_2/kernel}). Attributes too long for one HDF5
 * header are split by Keras into {@code layer_names0}, {@code layer_names1}, ...; both forms are read.
 */
public final class LegacyH5 {
    /** Which legacy layout a file has. */
    public enum Kind {
        /** A full model: architecture, weights and (optionally) training config and optimizer weights. */
        FULL_MODEL,
        /** Weights only ({@code save_weights}), at the root. */
        WEIGHTS_ONLY
    }

    /**
     * One weight: its name as listed in {@code weight_names} and its dataset.
     *
     * @param name the full name, e.g. {@code "dense_1/kernel:0"}
     * @param value the dataset
     */
    public record Weight(String name, H5Dataset value) {
        /** The last path segment without the {@code :N} suffix: {@code "dense_1/kernel:0"} gives {@code "kernel"}. */
        public String shortName() {
            String s = name.substring(name.lastIndexOf('/') + 1);
            int colon = s.lastIndexOf(':');
            return colon > 0 && s.substring(colon + 1).chars().allMatch(Character::isDigit) ? s.substring(0, colon) : s;
        }
    }

    /**
     * A layer's weights in Keras's order.
     *
     * @param layerName the layer's name (the group name, which is the layer's real {@code name})
     * @param weights its weights, in {@code weight_names} order; empty for weightless layers
     */
    public record LayerWeights(String layerName, List<Weight> weights) {
    }

    private final Kind kind;
    private final WeightsFile file;
    private final List<LayerWeights> layers;
    private final List<Weight> optimizerWeights;

    private LegacyH5(Kind kind, WeightsFile file, List<LayerWeights> layers, List<Weight> optimizerWeights) {
        this.kind = kind;
        this.file = file;
        this.layers = List.copyOf(layers);
        this.optimizerWeights = List.copyOf(optimizerWeights);
    }

    /** Whether {@code f} has a legacy layout (a {@code model_config} or a root {@code layer_names}). */
    public static boolean isLegacy(WeightsFile f) {
        H5Group r = f.root();
        return r.attributes().containsKey("model_config") || r.attributes().containsKey("layer_names")
                || r.attributes().containsKey("layer_names0");
    }

    /**
     * Reads a legacy {@code .h5} file (whatever its name: legacy files saved as {@code .keras} exist).
     *
     * @throws ModelFormatException if it is not HDF5, not a legacy layout, or a listed layer or weight is missing
     */
    public static LegacyH5 read(Path file) {
        return from(WeightsFile.read(file));
    }

    /**
     * Interprets an HDF5 file already read.
     *
     * @throws ModelFormatException if it is not a legacy layout or a listed layer or weight is missing
     */
    public static LegacyH5 from(WeightsFile f) {
        H5Group root = f.root();
        Kind kind;
        H5Group weightsGroup;
        if (root.attributes().containsKey("model_config")) {
            kind = Kind.FULL_MODEL;
            if (!(root.attributes().get("model_config") instanceof String)) {
                throw new ModelFormatException(f.source(), "/ attribute 'model_config'", "not a string");
            }
            weightsGroup = root.group("model_weights");
            if (weightsGroup == null) {
                throw new ModelFormatException(f.source(), "/model_weights", "group missing (the file has "
                        + "model_config, so it is a legacy full model, which keeps its weights there)");
            }
        } else if (isLegacy(f)) {
            kind = Kind.WEIGHTS_ONLY;
            weightsGroup = root;
        } else {
            throw new ModelFormatException(f.source(), "/", "not a legacy Keras HDF5 file: the root has neither "
                    + "a model_config nor a layer_names attribute (a Keras 3 .weights.h5 has 'vars' groups instead)");
        }
        List<LayerWeights> layers = new ArrayList<>();
        for (String layer : names(f, weightsGroup, "layer_names")) {
            H5Group lg = weightsGroup.group(layer);
            if (lg == null) {
                throw new ModelFormatException(f.source(), join(weightsGroup, layer), "group missing for layer '"
                        + layer + "' listed in " + weightsGroup.path() + " attribute layer_names");
            }
            layers.add(new LayerWeights(layer, weights(f, lg)));
        }
        H5Group opt = root.group("optimizer_weights");
        List<Weight> optimizer = kind == Kind.FULL_MODEL && opt != null ? weights(f, opt) : List.of();
        return new LegacyH5(kind, f, layers, optimizer);
    }

    private static List<Weight> weights(WeightsFile f, H5Group g) {
        List<Weight> out = new ArrayList<>();
        for (String w : names(f, g, "weight_names")) {
            H5Dataset d = g.dataset(w);
            if (d == null) {
                throw new ModelFormatException(f.source(), join(g, w), "dataset missing for weight '" + w
                        + "' listed in " + g.path() + " attribute weight_names");
            }
            out.add(new Weight(w, d));
        }
        return out;
    }

    /** A string-list attribute, also in Keras's chunked form ({@code key0}, {@code key1}, ...). */
    private static List<String> names(WeightsFile f, H5Group g, String key) {
        if (g.attributes().containsKey(key)) {
            return stringList(f, g, key);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; g.attributes().containsKey(key + i); i++) {
            out.addAll(stringList(f, g, key + i));
        }
        if (out.isEmpty() && !g.attributes().containsKey(key + "0")) {
            throw new ModelFormatException(f.source(), g.path() + " attribute '" + key + "'", "missing");
        }
        return out;
    }

    private static List<String> stringList(WeightsFile f, H5Group g, String key) {
        Object v = g.attributes().get(key);
        List<String> list = g.stringListAttribute(key);
        if (list != null) {
            return list;
        }
        // h5py writes an empty list as an empty float64 array (weightless layers: weight_names = []).
        if ((v instanceof double[] d && d.length == 0) || (v instanceof long[] l && l.length == 0)) {
            return List.of();
        }
        throw new ModelFormatException(f.source(), g.path() + " attribute '" + key + "'", "expected a list of "
                + "strings, found " + (v == null ? "nothing" : v.getClass().getSimpleName()));
    }

    private static String join(H5Group g, String name) {
        return (g.path().equals("/") ? "" : g.path()) + "/" + name;
    }

    /** Which layout this file has. */
    public Kind kind() {
        return kind;
    }

    /** The underlying HDF5 tree. */
    public WeightsFile file() {
        return file;
    }

    /** The {@code model_config} JSON text, or {@code null} for a weights-only file. */
    public String modelConfig() {
        return file.root().stringAttribute("model_config");
    }

    /** The {@code training_config} JSON text, or {@code null} if the model was not compiled. */
    public String trainingConfig() {
        return file.root().stringAttribute("training_config");
    }

    /** The {@code keras_version} attribute (e.g. {@code "2.1.3"}), or {@code null}. */
    public String kerasVersion() {
        String v = file.root().stringAttribute("keras_version");
        H5Group mw = file.root().group("model_weights");
        return v != null || mw == null ? v : mw.stringAttribute("keras_version");
    }

    /** The {@code backend} attribute (e.g. {@code "tensorflow"}), or {@code null}. */
    public String backend() {
        String v = file.root().stringAttribute("backend");
        H5Group mw = file.root().group("model_weights");
        return v != null || mw == null ? v : mw.stringAttribute("backend");
    }

    /** Every layer listed in {@code layer_names}, in that order, with its weights. */
    public List<LayerWeights> layers() {
        return layers;
    }

    /** The layer named {@code name}, or {@code null}. */
    public LayerWeights layer(String name) {
        for (LayerWeights l : layers) {
            if (l.layerName().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** The optimizer's weights from {@code optimizer_weights}, in {@code weight_names} order (may be empty). */
    public List<Weight> optimizerWeights() {
        return optimizerWeights;
    }
}

package dev.strata.internal.io;

import java.util.List;
import java.util.Map;

/**
 * A node of an HDF5 tree as Keras uses it: a {@link H5Group} or a {@link H5Dataset}, each with attributes.
 *
 * <p>Attribute values are {@code String}, {@code List<String>}, {@code Long}, {@code Double}, {@code long[]}
 * or {@code double[]} when read; Strata writes {@code String} and {@code List<String>} attributes (as h5py
 * does: variable-length UTF-8).
 */
public sealed interface H5Node permits H5Group, H5Dataset {

    /** The node's name within its parent ({@code ""} for the root group). */
    String name();

    /** The group holding this node, or {@code null} for the root. */
    H5Group parent();

    /** The attributes, in the order they were set or read; modifiable. */
    Map<String, Object> attributes();

    /** The absolute path of this node, {@code "/"} for the root, e.g. {@code "/layers/dense/vars/0"}. */
    default String path() {
        H5Group p = parent();
        if (p == null) {
            return "/";
        }
        String pp = p.path();
        return (pp.equals("/") ? "" : pp) + "/" + name();
    }

    /** The string attribute {@code key}, or {@code null} when it is absent or not a single string. */
    default String stringAttribute(String key) {
        return attributes().get(key) instanceof String s ? s : null;
    }

    /**
     * The string-list attribute {@code key} (Keras 2's {@code layer_names}, {@code weight_names}); a single
     * string is returned as a one-element list, an absent attribute as {@code null}.
     */
    default List<String> stringListAttribute(String key) {
        Object v = attributes().get(key);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        return null;
    }
}

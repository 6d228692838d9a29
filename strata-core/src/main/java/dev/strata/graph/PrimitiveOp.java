package dev.strata.graph;

import java.util.Map;

/**
 * An op recorded in a graph that is not a layer ({@code add}, {@code concatenate}, ...): its name and its
 * arguments other than tensors, which saving needs to write the node the way Keras writes a
 * {@code keras.ops} call on symbolic tensors.
 */
public interface PrimitiveOp extends Operation {
    /** The op's arguments other than tensors, as recorded (e.g. {@code {axis=-1}}). */
    Map<String, Object> config();
}

package dev.strata.layers;

import dev.strata.ShapeException;
import java.io.Serial;

/**
 * A shape error attributed to a layer: the message starts with the layer's path (e.g.
 * {@code WideAndDeepModel.mainOutput (Dense 'main_output')}), states the rule broken with both shapes, and ends
 * with the line of user code that made the call.
 */
public class LayerShapeException extends ShapeException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String layerPath;

    LayerShapeException(String message, String layerPath) {
        super(message);
        this.layerPath = layerPath;
    }

    /** The path of the layer at fault, e.g. {@code WideAndDeepModel.mainOutput}. */
    public String layerPath() {
        return layerPath;
    }
}

package dev.strata.saving;

import dev.strata.config.SerializableClassProvider;
import dev.strata.layers.Layer;
import dev.strata.tensor.Tensor;
import java.util.Collection;
import java.util.List;

/** A library's classes, registered through ServiceLoader (declared in META-INF/services of the test resources). */
public class TestClassProvider implements SerializableClassProvider {
    /** A layer of that library. */
    public static class ProvidedLayer extends Layer {
        private final int size;

        public ProvidedLayer(int size) {
            this.size = size;
        }

        @Override
        protected Tensor call(Tensor x) {
            return x;
        }

        int size() {
            return size;
        }
    }

    @Override
    public Collection<Class<?>> classes() {
        return List.of(ProvidedLayer.class);
    }
}

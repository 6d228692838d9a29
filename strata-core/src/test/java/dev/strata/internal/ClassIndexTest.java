package dev.strata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.layers.core.Dense;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassIndexTest {
    @Test
    void listsStrataClassesOfAPackageAndItsSubpackagesOnly() {
        List<Class<?>> layers = ClassIndex.classesUnder("dev.strata.layers");
        assertThat(layers).contains(Dense.class, dev.strata.layers.Layer.class);
        assertThat(layers).allSatisfy(c -> assertThat(c.getName()).startsWith("dev.strata.layers."));
        // test classes live in another code source and are never listed
        assertThat(ClassIndex.classesUnder("dev.strata.internal")).doesNotContain(ClassIndexTest.class)
                .contains(ClassIndex.class);
    }

    @Test
    void nestedClassesAreListedAndNothingIsInitialized() {
        List<String> names = ClassIndex.classesUnder("dev.strata.models").stream().map(Class::getName).toList();
        assertThat(names).anyMatch(n -> n.contains("$"));
        assertThat(names).isSorted();
        assertThat(ClassIndex.classesUnder("dev.strata.nothing")).isEmpty();
    }
}

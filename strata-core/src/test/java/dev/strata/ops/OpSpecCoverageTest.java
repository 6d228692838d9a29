package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every op class that records graph nodes declares its identity ({@link OpSpec}) in its own file, so a forgotten
 * Keras form fails here, not when someone saves a model: either a Keras form, or an explicit "no Keras form" with
 * the reason. The specs are found the way saving finds them ({@link OpSpecs}), and are consistent.
 */
class OpSpecCoverageTest {
    private static final Path OPS_SOURCES = Path.of("src/main/java/dev/strata/ops");
    /** Code that records a node: through OpSupport, or a node made directly. */
    private static final Pattern RECORDS = Pattern.compile("OpSupport\\.record\\(|new (Multi)?OpNode\\(|Graph\\.record\\(");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void everyOpClassThatRecordsNodesDeclaresItsSpec() {
        Set<String> declaring = OpSpecs.byDeclaringClass().keySet().stream().map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(withoutSpec(sources(), declaring))
                .as("op classes that record graph nodes but declare no static final OpSpec (declare the op's Keras "
                        + "form, or OpSpec...noKerasForm(reason) if Keras has no such op)")
                .isEmpty();
    }

    @Test
    void theCheckFindsAnOpClassWithoutASpec() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("Cumsum", "final class Cumsum { static Tensor apply(Tensor x) {"
                + " return OpSupport.record(Sum.SPEC, x.shape(), in -> apply(in.get(0)), x); } }");
        sources.put("Helper", "final class Helper { // OpSupport.record( in a comment\n static int one() { return 1; } }");
        assertThat(withoutSpec(sources, Set.of("Sum"))).containsExactly("Cumsum");
        assertThat(withoutSpec(sources, Set.of("Sum", "Cumsum"))).isEmpty();
    }

    @Test
    void specsAreFoundByNameAndByKerasClass() {
        List<OpSpec> all = OpSpecs.all();
        assertThat(all).extracting(OpSpec::name).doesNotHaveDuplicates().contains("sum", "concatenate", "dense");
        for (OpSpec s : all) {
            assertThat(OpSpecs.named(s.name())).containsSame(s);
            if (s.hasKerasForm()) {
                assertThat(OpSpecs.forKerasClass(s.kerasClass())).containsSame(s);
                assertThat(s.noKerasFormReason()).isNull();
            } else {
                assertThat(s.noKerasFormReason()).as(s.name()).isNotBlank();
                assertThat(s.kerasClass()).isNull();
            }
        }
        assertThat(OpSpecs.named("sum")).containsSame(Sum.SPEC);
        assertThat(OpSpecs.forKerasClass("Sum")).containsSame(Sum.SPEC);
        assertThat(OpSpecs.forKerasClass("NoSuchOp")).isEmpty();
        assertThat(OpSpecs.byDeclaringClass().get(Comparison.class)).hasSize(6);
    }

    @Test
    void theOpsWithoutAKerasFormAreTheDeliberateOnes() {
        Set<String> none = new TreeSet<>();
        OpSpecs.all().stream().filter(s -> !s.hasKerasForm()).forEach(s -> none.add(s.name()));
        assertThat(none).containsExactly("bincount_weighted", "cond", "custom_gradient", "dense", "fused_conv", "gather",
                "mean_squared_error", "scan", "scatter_add", "stft_tensor_window", "strided_slice", "switch",
                "vectorized_map", "while_loop");
    }

    @Test
    void recordedArgumentsAreTypedAndCheckedAgainstTheSpec() {
        OpSpec.Args args = Sum.SPEC.args(new int[] {1, 2}, true);
        assertThat(args.ints("axis")).containsExactly(1, 2);
        assertThat(args.bool("keepdims")).isTrue();
        assertThat(args.asMap()).containsOnlyKeys("axis", "keepdims");
        assertThat(args).hasToString("{axis=[1, 2], keepdims=true}");
        assertThat(Sum.SPEC.args(null, false)).hasToString("{axis=None, keepdims=false}");
        assertThatThrownBy(() -> Sum.SPEC.args("[1, 2]", true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("op 'sum': argument 'axis' must be an integer, a list of integers or None, got '[1, 2]'");
        assertThatThrownBy(() -> Sum.SPEC.args(new int[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("op 'sum' records 2 argument(s) [axis, keepdims], got 1");
        assertThatThrownBy(() -> args.integer("axes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("op 'sum' has no argument 'axes'; it records [axis, keepdims]");
        assertThat(Slice.SPEC.signature()).isEqualTo("Slice(x, start_indices)");
        assertThat(Concatenate.SPEC.signature()).isEqualTo("Concatenate([x1, x2, ...])");
    }

    @Test
    void aSpecIsCheckedWhenDeclared() {
        assertThatThrownBy(() -> OpSpec.op("cumsum").rebuild((in, args) -> in.get(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names no Keras class");
        assertThatThrownBy(() -> OpSpec.op("cumsum").numpy("Cumsum").config("axis", OpSpec.Type.INT, 0)
                .config("axis", OpSpec.Type.INT)).hasMessage("op 'cumsum' declares 'axis' twice");
        assertThatThrownBy(() -> OpSpec.op("cumsum").numpy("Cumsum").config("axis", OpSpec.Type.INT, "0"))
                .hasMessage("op 'cumsum': the value of 'axis' must be an integer, got '0'");
        assertThatThrownBy(() -> OpSpec.op("cumsum").numpy("Cumsum").noKerasForm("because"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names Keras class Cumsum");
        OpSpec none = OpSpec.op("cumsum").noKerasForm("keras.ops has none");
        assertThat(none.hasKerasForm()).isFalse();
        assertThatThrownBy(() -> none.rebuild(List.of(), none.args())).isInstanceOf(IllegalStateException.class)
                .hasMessage("op 'cumsum' has no Keras form to rebuild: keras.ops has none");
    }

    /** The classes (by simple name) whose source records nodes but that are not in {@code declaring}. */
    static Set<String> withoutSpec(Map<String, String> sources, Set<String> declaring) {
        Set<String> out = new TreeSet<>();
        sources.forEach((cls, code) -> {
            if (RECORDS.matcher(COMMENTS.matcher(code).replaceAll("")).find() && !declaring.contains(cls)
                    && !cls.equals("OpSupport")) {
                out.add(cls);
            }
        });
        return out;
    }

    private static Map<String, String> sources() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(OPS_SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = f.getFileName().toString();
                out.put(name.substring(0, name.length() - ".java".length()), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(out).as("op sources under " + OPS_SOURCES.toAbsolutePath()).containsKey("Sum");
        return out;
    }
}

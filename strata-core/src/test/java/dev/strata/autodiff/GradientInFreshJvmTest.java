package dev.strata.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Gradients before any op class has been loaded. The reverse pass once depended on a seam that the ops package
 * installed from a static initializer, so {@code tape.gradient(v, v)} threw a NullPointerException in a program
 * whose first use of Strata was a tape. Other tests load the ops long before this one runs, so the program runs in
 * a child JVM of its own.
 */
class GradientInFreshJvmTest {

    /** The program run in the child JVM: a tape is the first thing it uses. */
    public static final class FirstUseIsATape {
        public static void main(String[] args) {
            Variable v = new Variable(Tensor.ones(2));
            try (GradientTape t = GradientTape.record()) {
                t.watch(v);
                System.out.println("asking for the gradient");
                System.out.println("gradient=" + Arrays.toString(t.gradient(v, v).toFloatArray()));
            }
        }
    }

    @Test
    void theGradientOfAVariableWithRespectToItselfNeedsNoOpLoadedBefore() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Xlog:class+load=info", FirstUseIsATape.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("gradient=[1.0, 1.0]");
        // The scenario holds only if no op class was loaded before the gradient was asked for.
        String beforeGradient = output.substring(0, output.indexOf("asking for the gradient"));
        assertThat(beforeGradient).as("op classes loaded before the gradient").doesNotContain("dev.strata.ops.");
    }
}

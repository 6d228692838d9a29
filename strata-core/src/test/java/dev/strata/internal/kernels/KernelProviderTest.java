package dev.strata.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which kernels {@link KernelProvider} picks, in this JVM and in child JVMs started with other options. */
class KernelProviderTest {

    @Test
    void testJvmGetsTheVectorKernels() {
        // surefire starts this JVM with --add-modules jdk.incubator.vector (strata.jvm.args in the parent pom)
        assertThat(KernelProvider.get()).isInstanceOf(VectorKernels.class);
        assertThat(KernelProvider.get().name()).matches("vector \\((128|256|512|1024|2048)-bit, GEMM tile \\d+x2\\)");
        assertThat(KernelProvider.vector()).get().isInstanceOf(VectorKernels.class);
        assertThat(KernelProvider.scalar()).isInstanceOf(ScalarKernels.class);
        assertThat(KernelProvider.scalar().name()).isEqualTo("scalar");
    }

    @Test
    void propertyForcesAChoice() {
        assertThat(KernelProvider.lookup("scalar")).isSameAs(KernelProvider.scalar());
        assertThat(KernelProvider.lookup(" scalar ")).isSameAs(KernelProvider.scalar());
        assertThat(KernelProvider.lookup("vector")).isInstanceOf(VectorKernels.class);
        assertThat(KernelProvider.lookup("")).isInstanceOf(VectorKernels.class);
        // an unknown value is ignored (with a warning), not taken for "scalar"
        assertThat(KernelProvider.lookup("scaler")).isInstanceOf(VectorKernels.class);
    }

    @Test
    void systemPropertyReachesTheLookup() throws Exception {
        assertThat(child(true, "-Dstrata.kernels=scalar")).contains("KERNELS scalar");
        assertThat(child(true)).containsPattern("KERNELS vector \\(\\d+-bit, GEMM tile \\d+x2\\)");
        assertThat(child(true, "-Dstrata.gemm.tile=8x2")).contains("GEMM tile 8x2)");
        assertThat(child(true, "-Dstrata.gemm.tile=7x3")).contains("ignoring -Dstrata.gemm.tile=7x3")
                .containsPattern("KERNELS vector \\(\\d+-bit, GEMM tile \\d+x2\\)");
    }

    @Test
    void theGemmTileFollowsTheRegisterFile() throws Exception {
        assertThat(GemmTile.choose(16, 32)).isEqualTo(GemmTile.ROWS_12);
        assertThat(GemmTile.choose(8, 32)).isEqualTo(GemmTile.ROWS_12);
        assertThat(GemmTile.choose(4, 32)).isEqualTo(GemmTile.ROWS_8);
        assertThat(GemmTile.choose(8, 16)).isEqualTo(GemmTile.ROWS_4);
        assertThat(GemmTile.choose(4, 16)).isEqualTo(GemmTile.ROWS_4);
        for (GemmTile t : GemmTile.values()) {
            assertThat(t.blockRows % t.rows).as(t.label()).isZero();
        }
        if (VectorConstants.SPECIES.vectorBitSize() >= 512) {
            assertThat(child(true)).contains("GEMM tile 12x2)");
        }
        // on x86 with AVX-512, UseAVX=2 leaves C2 the 16 registers of AVX2 (read from the flag)
        if (System.getProperty("os.arch").equals("amd64") && VectorConstants.SPECIES.vectorBitSize() >= 256) {
            assertThat(child(true, "-XX:UseAVX=2")).contains("KERNELS vector (256-bit, GEMM tile 4x2)");
        }
    }

    @Test
    void withoutTheModuleTheScalarKernelsRunWithAHint() throws Exception {
        String out = child(false);
        assertThat(out).contains("KERNELS scalar").contains("--add-modules jdk.incubator.vector");
        assertThat(child(false, "-Dstrata.kernels=vector"))
                .contains("ERROR -Dstrata.kernels=vector, but the Vector API kernels cannot run here");
    }

    @Test
    void withoutC2OrWithNarrowVectorsTheScalarKernelsRun() throws Exception {
        // the Vector API without C2 runs lane by lane on boxed vectors, far slower than plain loops
        assertThat(child(true, "-XX:TieredStopAtLevel=1"))
                .contains("KERNELS scalar").contains("TieredStopAtLevel=1 disables the C2 compiler");
        assertThat(child(true, "-XX:MaxVectorSize=8"))
                .contains("KERNELS scalar").contains("preferred vector size is 64 bits");
    }

    private static String child(boolean vectorModule, String... options) throws Exception {
        KernelParityTest.ChildResult result = KernelParityTest.runChild(KernelProviderTest.class, vectorModule,
                List.of(options));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    /** The child-JVM side: prints the kernels chosen, or the error. */
    public static void main(String[] args) {
        try {
            System.out.println("KERNELS " + KernelProvider.get().name());
        } catch (ExceptionInInitializerError e) {
            // the choice is made in a holder class's initialiser
            System.out.println("ERROR " + e.getCause().getMessage());
        }
    }
}

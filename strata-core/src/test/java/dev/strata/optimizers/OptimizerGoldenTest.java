package dev.strata.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Weights after each step, against Keras 3. The expected values come from running Keras 3.15.1 (JAX backend,
 * eager float32) with {@code tools/golden/optimizers.py}; the first four cases are also the test vectors of
 * keras-reference.md §3.3. Values must agree to 1e-6 and, since the arithmetic is float32 in Keras's order,
 * to within a few units in the last place.
 */
class OptimizerGoldenTest {
    /** keras-reference.md §3.3: one variable w0 = [1, -2], constant gradient [0.5, -0.25], two steps. */
    private static final float[][] REF_W0 = {{1, -2}};
    private static final int[][] REF_SHAPES = {{2}};
    private static final float[][][] REF_GRADS = {{{0.5f, -0.25f}}, {{0.5f, -0.25f}}};

    /** Two variables, a (2, 2) "kernel" and a (3,) "bias", and four steps of changing gradients. */
    private static final float[][] W0 = {{1, -2, 3, -4}, {0.5f, 0, -1}};
    private static final int[][] SHAPES = {{2, 2}, {3}};
    private static final float[][][] GRADS = {
        {{0.5f, -0.25f, 1.0f, 2.0f}, {0.1f, -0.2f, 0.3f}},
        {{-0.3f, 0.8f, 0.05f, -1.5f}, {0.0f, 0.4f, -0.1f}},
        {{0.2f, 0.2f, -0.7f, 0.01f}, {-0.5f, 0.25f, 0.125f}},
        {{1e-3f, -2.5f, 0.6f, 0.0f}, {0.3f, -0.3f, 0.0f}},
    };
    /** Gradients whose global norm is far below 3. */
    private static final float[][][] SMALL = {
        {{0.01f, -0.02f, 0.03f, 0.0f}, {0.05f, -0.01f, 0.002f}},
        {{0.01f, -0.02f, 0.03f, 0.0f}, {0.05f, -0.01f, 0.002f}},
        {{0.01f, -0.02f, 0.03f, 0.0f}, {0.05f, -0.01f, 0.002f}},
    };

    /** Float32 ulps allowed between Strata and Keras (the values currently match bit for bit). */
    private static final int MAX_ULPS = 1;

    // ---- keras-reference.md §3.3 -------------------------------------------------------------------------

    @Test
    void adamDefaultsReferenceVector() {
        check(new Adam(), REF_W0, REF_SHAPES, REF_GRADS, Set.of(), new float[][][] {
            {{0.999f, -1.9990001f}},
            {{0.998f, -1.9980001f}},
        });
    }

    @Test
    void sgdMomentumReferenceVector() {
        check(new SGD(0.1f, 0.9f, false), REF_W0, REF_SHAPES, REF_GRADS, Set.of(), new float[][][] {
            {{0.95f, -1.975f}},
            {{0.855f, -1.9275f}},
        });
    }

    @Test
    void sgdNesterovReferenceVector() {
        check(new SGD(0.1f, 0.9f, true), REF_W0, REF_SHAPES, REF_GRADS, Set.of(), new float[][][] {
            {{0.905f, -1.9525f}},
            {{0.76949996f, -1.88475f}},
        });
    }

    @Test
    void rmspropDefaultsReferenceVector() {
        check(new RMSprop(), REF_W0, REF_SHAPES, REF_GRADS, Set.of(), new float[][][] {
            {{0.99683774f, -1.9968377f}},
            {{0.99454355f, -1.9945436f}},
        });
    }

    // ---- two variables, changing gradients ---------------------------------------------------------------

    @Test
    void plainSgd() {
        check(new SGD(0.1f), W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.95f, -1.975f, 2.9f, -4.2f}, {0.49f, 0.020000001f, -1.03f}},
            {{0.98f, -2.055f, 2.895f, -4.0499997f}, {0.49f, -0.020000001f, -1.02f}},
            {{0.96000004f, -2.075f, 2.965f, -4.0509996f}, {0.54f, -0.045f, -1.0325f}},
            {{0.9599f, -1.825f, 2.905f, -4.0509996f}, {0.51f, -0.015000001f, -1.0325f}},
        });
    }

    @Test
    void sgdNesterovChangingGradients() {
        check(new SGD(0.05f, 0.5f, true), W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.9625f, -1.98125f, 2.925f, -4.15f}, {0.4925f, 0.015000001f, -1.0225f}},
            {{0.97875f, -2.038125f, 2.90875f, -4.0625f}, {0.49125f, -0.012500001f, -1.0187501f}},
            {{0.964375f, -2.0615625f, 2.954375f, -4.057f}, {0.528125f, -0.035000004f, -1.0287501f}},
            {{0.96211255f, -1.8807813f, 2.9146876f, -4.0540004f}, {0.51156247f, -0.017500002f, -1.0306251f}},
        });
    }

    @Test
    void rmspropWithMomentum() {
        check(new RMSprop(0.01f).momentum(0.9f), W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.9683773f, -1.9683775f, 2.9683774f, -4.031623f}, {0.4683788f, 0.03162238f, -1.0316226f}},
            {{0.9568199f, -1.9702357f, 2.9382524f, -4.0404716f}, {0.43991974f, 0.031511165f, -1.0496002f}},
            {{0.93529856f, -1.9796543f, 2.9305377f, -4.0485735f}, {0.44542912f, 0.015236568f, -1.0784376f}},
            {{0.9158708f, -1.9579248f, 2.9082654f, -4.0558653f}, {0.43367675f, 0.01776707f, -1.1043912f}},
        });
    }

    @Test
    void rmspropCentered() {
        check(new RMSprop(0.01f).centered(true), W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.96666676f, -1.9666669f, 2.9666667f, -4.0333333f}, {0.46666852f, 0.033332873f, -1.0333332f}},
            {{0.98363054f, -1.9977319f, 2.9649124f, -4.0137067f}, {0.46666852f, 0.0044020787f, -1.0226798f}},
            {{0.9723128f, -2.0057957f, 2.984328f, -4.0138445f}, {0.4989068f, -0.012497893f, -1.0358708f}},
            {{0.97225326f, -1.9748017f, 2.9687178f, -4.0138445f}, {0.48218057f, 0.0047098156f, -1.0358708f}},
        });
    }

    @Test
    void rmspropAllOptions() {
        RMSprop opt = new RMSprop(0.02f).rho(0.8f).momentum(0.5f).epsilon(1e-3f).centered(true);
        check(opt, W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.9506135f, -1.9523269f, 2.9501555f, -4.049961f}, {0.46077678f, 0.046499055f, -1.0483494f}},
            {{0.950706f, -1.9738177f, 2.922487f, -4.0462146f}, {0.44116515f, 0.028212411f, -1.0570085f}},
            {{0.9332555f, -1.9971554f, 2.9380124f, -4.0445557f}, {0.47867033f, -0.007136071f, -1.0817517f}},
            {{0.92443323f, -1.963041f, 2.9213045f, -4.043726f}, {0.47291347f, 0.0011393894f, -1.0941232f}},
        });
    }

    @Test
    void adamAmsgrad() {
        check(new Adam(0.01f).amsgrad(true), W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.9900001f, -1.9900002f, 2.99f, -4.0099998f}, {0.4900004f, 0.009999774f, -1.0099999f}},
            {{0.98808515f, -1.9951054f, 2.9829361f, -4.010893f}, {0.48330346f, 0.0063388012f, -1.014002f}},
            {{0.9846109f, -2.0004272f, 2.982125f, -4.0116086f}, {0.4885529f, 0.00075047417f, -1.0192288f}},
            {{0.98175704f, -1.9963518f, 2.9789648f, -4.0121946f}, {0.48931053f, -0.00026034913f, -1.0235082f}},
        });
    }

    @Test
    void adamCustomHyperparameters() {
        check(new Adam(0.02f, 0.8f, 0.95f, 1e-4f), W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.98001784f, -1.9800357f, 2.9800088f, -4.0199957f}, {0.48008904f, 0.019955382f, -1.0199702f}},
            {{0.9773087f, -1.9911617f, 2.9665017f, -4.0206265f}, {0.46741208f, 0.011595171f, -1.0269891f}},
            {{0.9707721f, -2.002372f, 2.966736f, -4.0211463f}, {0.47926125f, -0.0006171148f, -1.0370362f}},
            {{0.9656923f, -1.99267f, 2.9608674f, -4.0215483f}, {0.4803589f, -0.0018373275f, -1.0448092f}},
        });
    }

    @Test
    void adamTwelveSteps() {
        float[][][] grads = new float[12][][];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = GRADS[i % GRADS.length];
        }
        check(new Adam(), W0, SHAPES, grads, Set.of(), new float[][][] {
            {{0.999f, -1.9990001f, 2.999f, -4.001f}, {0.49900004f, 0.0009999776f, -1.0009999f}},
            {{0.9988085f, -1.9995106f, 2.9982936f, -4.001089f}, {0.49833003f, 0.00063388026f, -1.0014001f}},
            {{0.99846107f, -2.000043f, 2.9982126f, -4.0011606f}, {0.49885496f, 7.5047545e-05f, -1.0019228f}},
            {{0.99817556f, -1.9996353f, 2.9978964f, -4.0012193f}, {0.49893072f, -2.6034795e-05f, -1.002351f}},
            {{0.99764425f, -1.999241f, 2.997358f, -4.0015993f}, {0.49890286f, 6.733446e-05f, -1.0029835f}},
            {{0.9974008f, -1.9990664f, 2.9968789f, -4.0016737f}, {0.49887884f, -0.00014615624f, -1.0034031f}},
            {{0.9970776f, -1.9989507f, 2.9966865f, -4.0017405f}, {0.49918726f, -0.000484503f, -1.0038887f}},
            {{0.9967921f, -1.9985431f, 2.9963703f, -4.001799f}, {0.49926302f, -0.0005855857f, -1.0043169f}},
            {{0.99632865f, -1.9981495f, 2.9958956f, -4.0020857f}, {0.4992717f, -0.00055938074f, -1.0048984f}},
            {{0.99607134f, -1.9979073f, 2.995461f, -4.002157f}, {0.49927944f, -0.00074229116f, -1.0053251f}},
            {{0.9957543f, -1.9977157f, 2.9952388f, -4.0022225f}, {0.49953195f, -0.0010236454f, -1.0058013f}},
            {{0.9954688f, -1.9973081f, 2.9949226f, -4.002281f}, {0.4996077f, -0.0011247282f, -1.0062295f}},
        });
    }

    // ---- clipping ----------------------------------------------------------------------------------------

    @Test
    void adamClipnorm() {
        check(new Adam(0.01f).clipnorm(0.5f), W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.99000037f, -1.9900006f, 2.9900002f, -4.0099998f}, {0.4900004f, 0.009999774f, -1.0099999f}},
            {{0.9894239f, -1.9957192f, 2.982819f, -4.0094686f}, {0.4833001f, 0.0063388012f, -1.014002f}},
            {{0.9846922f, -2.0026896f, 2.9862483f, -4.009127f}, {0.4883714f, 0.0009930469f, -1.0190115f}},
            {{0.98081046f, -2.000406f, 2.9876947f, -4.008847f}, {0.48858598f, 0.00024645787f, -1.0231149f}},
        });
    }

    @Test
    void sgdClipnorm() {
        // The bias gradients' norms stay below 0.7, so only the kernel is clipped.
        check(new SGD(0.1f).clipnorm(0.7f), W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.9848149f, -1.9924074f, 2.9696298f, -4.0607405f}, {0.49f, 0.020000001f, -1.03f}},
            {{0.99697477f, -2.0248337f, 2.9676032f, -3.999941f}, {0.49f, -0.020000001f, -1.02f}},
            {{0.97843295f, -2.0433755f, 3.0324996f, -4.0008683f}, {0.54f, -0.045f, -1.0325f}},
            {{0.9784057f, -1.9753084f, 3.0161633f, -4.0008683f}, {0.51f, -0.015000001f, -1.0325f}},
        });
    }

    @Test
    void sgdClipvalue() {
        check(new SGD(0.1f).clipvalue(0.3f), W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.97f, -1.975f, 2.97f, -4.03f}, {0.49f, 0.020000001f, -1.03f}},
            {{1.0f, -2.005f, 2.965f, -4.0f}, {0.49f, -0.01f, -1.02f}},
            {{0.98f, -2.025f, 2.995f, -4.001f}, {0.52f, -0.035f, -1.0325f}},
            {{0.9799f, -1.9950001f, 2.965f, -4.001f}, {0.48999998f, -0.004999999f, -1.0325f}},
        });
    }

    @Test
    void sgdMomentumGlobalClipnorm() {
        check(new SGD(0.1f, 0.9f, false).globalClipnorm(1f), W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.97858727f, -1.9892936f, 2.9571745f, -4.085651f}, {0.49571747f, 0.008565094f, -1.0128477f}},
            {{0.9762122f, -2.024715f, 2.9158156f, -4.0782547f}, {0.49186316f, -0.0062548295f, -1.0187784f}},
            {{0.9540746f, -2.076594f, 2.9485924f, -4.0725985f}, {0.5383943f, -0.04459276f, -1.0366161f}},
            {{0.9341124f, -2.0273442f, 2.9550657f, -4.0675077f}, {0.5687593f, -0.067583956f, -1.05267f}},
        });
    }

    @Test
    void globalClipnormBelowThresholdStillRescalesLikeKeras() {
        // Keras scales by 3 * float32(1/3) = 1.0000001 even when the norm is below 3: bias[0] moves by
        // 0.05 * 1.0000001 per step, which shows at step 2 (0.39999998, not 0.4).
        check(new SGD(1f).globalClipnorm(3f), W0, SHAPES, SMALL, Set.of(), new float[][][] {
            {{0.99f, -1.98f, 2.97f, -4.0f}, {0.45f, 0.01f, -1.002f}},
            {{0.98f, -1.96f, 2.94f, -4.0f}, {0.39999998f, 0.02f, -1.004f}},
            {{0.97f, -1.94f, 2.91f, -4.0f}, {0.34999996f, 0.03f, -1.0059999f}},
        });
    }

    // ---- missing gradients -------------------------------------------------------------------------------

    @Test
    void nullGradientsSkipTheVariableButStillCountTheStep() {
        Adam opt = new Adam(0.01f);
        // Step 1 has no gradient for the bias, step 3 none for the kernel. The bias's first update happens at
        // t = 2, so its bias correction differs from a fresh start.
        check(opt, W0, SHAPES, GRADS, Set.of("0:1", "2:0"), new float[][][] {
            {{0.9900001f, -1.9900002f, 2.99f, -4.0099998f}, {0.5f, 0.0f, -1.0f}},
            {{0.98808515f, -1.9951054f, 2.9829361f, -4.010893f}, {0.5f, -0.0074412352f, -0.99255896f}},
            {{0.98808515f, -1.9951054f, 2.9829361f, -4.010893f}, {0.50638807f, -0.015705243f, -0.9939559f}},
            {{0.9867286f, -1.9907359f, 2.975687f, -4.011521f}, {0.50788355f, -0.018295277f, -0.9951002f}},
        });
        assertThat(opt.iterations()).isEqualTo(4);
        List<Variable> vars = opt.variables();
        assertThat(vars).extracting(Variable::name).containsExactly("iteration", "learning_rate",
                "kernel_momentum", "kernel_velocity", "bias_momentum", "bias_velocity");
        assertClose(vars.get(0).toFloatArray(), new float[] {4.0f});
        assertClose(vars.get(1).toFloatArray(), new float[] {0.01f});
        assertClose(vars.get(2).toFloatArray(), new float[] {0.013599997f, -0.19825f, 0.1455f, 0.027f});
        assertClose(vars.get(3).toFloatArray(),
                new float[] {0.0003394113f, 0.0069517354f, 0.0013604986f, 0.0062397546f});
        assertClose(vars.get(4).toFloatArray(), new float[] {-0.014999997f, 0.024900004f, 0.0031499998f});
        assertClose(vars.get(5).toFloatArray(), new float[] {0.00033975003f, 0.00031211769f, 2.5589388e-05f});
    }

    @Test
    void rmspropSlotsAfterFourSteps() {
        RMSprop opt = new RMSprop(0.01f).momentum(0.5f).centered(true);
        check(opt, W0, SHAPES, GRADS, Set.of(), new float[][][] {
            {{0.96666676f, -1.9666669f, 2.9666667f, -4.0333333f}, {0.46666852f, 0.033332873f, -1.0333332f}},
            {{0.9669639f, -1.9810654f, 2.9482458f, -4.030373f}, {0.4500028f, 0.021068515f, -1.0393465f}},
            {{0.95579475f, -1.9963285f, 2.9584508f, -4.029031f}, {0.4739082f, -0.001963636f, -1.055544f}},
            {{0.9501506f, -1.972966f, 2.947943f, -4.02836f}, {0.46913466f, 0.0037279967f, -1.0636429f}},
        });
        List<Variable> vars = opt.variables();
        // Keras's order: every velocity, then every momentum, then every average gradient.
        assertThat(vars).extracting(Variable::name).containsExactly("iteration", "learning_rate",
                "kernel_velocity", "bias_velocity", "kernel_momentum", "bias_momentum",
                "kernel_average_gradient", "bias_average_gradient");
        assertClose(vars.get(2).toFloatArray(), new float[] {0.0291151f, 0.68499625f, 0.15320249f, 0.47385898f});
        assertClose(vars.get(3).toFloatArray(), new float[] {0.032229f, 0.030501f, 0.008777251f});
        assertClose(vars.get(4).toFloatArray(),
                new float[] {0.0056441287f, -0.02336251f, 0.0105077345f, -0.0006710538f});
        assertClose(vars.get(5).toFloatArray(), new float[] {0.0047735237f, -0.0056916326f, 0.00809881f});
        assertClose(vars.get(6).toFloatArray(), new float[] {0.030249996f, -0.185425f, 0.07394999f, 0.025199989f});
        assertClose(vars.get(7).toFloatArray(), new float[] {-0.0077099986f, 0.01032f, 0.02502f});
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /**
     * Runs {@code opt} on fresh variables ("kernel", "bias", ...) from {@code w0} and checks the weights after
     * every step. {@code drop} holds "step:variable" pairs whose gradient is passed as null.
     */
    private static void check(Optimizer opt, float[][] w0, int[][] shapes, float[][][] grads, Set<String> drop,
            float[][][] expected) {
        String[] names = {"kernel", "bias"};
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < w0.length; i++) {
            vars.add(new Variable(Tensor.of(w0[i], Shape.of(shapes[i])), names[i], true));
        }
        assertThat(expected.length).as("expected steps").isEqualTo(grads.length);
        for (int step = 0; step < grads.length; step++) {
            List<Tensor> g = new ArrayList<>();
            for (int i = 0; i < vars.size(); i++) {
                g.add(drop.contains(step + ":" + i) ? null : Tensor.of(grads[step][i], Shape.of(shapes[i])));
            }
            opt.apply(g, vars);
            for (int i = 0; i < vars.size(); i++) {
                float[] actual = vars.get(i).toFloatArray();
                assertThat(actual).as("%s, step %d, %s", opt, step + 1, names[i])
                        .containsExactly(expected[step][i], org.assertj.core.data.Offset.offset(1e-6f));
                assertUlps(actual, expected[step][i], opt + ", step " + (step + 1) + ", " + names[i]);
            }
        }
        assertThat(opt.iterations()).isEqualTo(grads.length);
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6f));
        assertUlps(actual, expected, "slot");
    }

    static void assertUlps(float[] actual, float[] expected, String what) {
        for (int i = 0; i < actual.length; i++) {
            float diff = Math.abs(actual[i] - expected[i]);
            assertThat(diff).as("%s [%d]: %s vs Keras %s, %s ulps", what, i, actual[i], expected[i],
                    diff / Math.ulp(expected[i])).isLessThanOrEqualTo(MAX_ULPS * Math.ulp(expected[i]));
        }
    }
}

package dev.strata.optimizers;

/** Optimizers with schedules, EMA, gradient accumulation and loss scaling, from Keras 3.15.1 (jax backend), written by tools/golden/schedules.py. Do not edit. */
final class OptimizerOptionsGolden {
    private OptimizerOptionsGolden() {
    }

    static final float[][] W0 = {new float[] {1.0f, -2.0f, 3.0f, -4.0f}, new float[] {0.5f, 0.0f, -1.0f}};
    static final float[][][] GRADS = {
        {new float[] {0.5f, -0.25f, 1.0f, 2.0f}, new float[] {0.1f, -0.2f, 0.3f}},
        {new float[] {-0.3f, 0.8f, 0.05f, -1.5f}, new float[] {0.0f, 0.4f, -0.1f}},
        {new float[] {0.2f, 0.2f, -0.7f, 0.01f}, new float[] {-0.5f, 0.25f, 0.125f}},
        {new float[] {0.001f, -2.5f, 0.6f, 0.0f}, new float[] {0.3f, -0.3f, 0.0f}},
    };
    static final float[][][] LSO_GRADS = {
        {new float[] {0.5f, -0.25f, 1.0f, 2.0f}, new float[] {0.1f, -0.2f, 0.3f}},
        {new float[] {-0.3f, 0.8f, 0.05f, -1.5f}, new float[] {0.0f, 0.4f, -0.1f}},
        {new float[] {Float.POSITIVE_INFINITY, 0.0f, 0.0f, 0.0f}, new float[] {0.0f, 0.0f, 0.0f}},
        {new float[] {0.0f, 0.0f, 0.0f, 0.0f}, new float[] {0.0f, Float.NaN, 0.0f}},
        {new float[] {0.2f, 0.2f, -0.7f, 0.01f}, new float[] {-0.5f, 0.25f, 0.125f}},
        {new float[] {0.001f, -2.5f, 0.6f, 0.0f}, new float[] {0.3f, -0.3f, 0.0f}},
        {new float[] {0.5f, -0.25f, 1.0f, 2.0f}, new float[] {0.1f, -0.2f, 0.3f}},
        {new float[] {-0.3f, 0.8f, 0.05f, -1.5f}, new float[] {0.0f, 0.4f, -0.1f}},
    };

    /** One run: id, Java expression, steps, dropped {step, variable}, weights after each step, state names,
     * state values (flattened), iterations, learning rate at the end, weights after finalize. */
    record Run(String id, String java, int steps, int[][] dropped, float[][] weights, String[] stateNames,
            float[][] state, long iterations, float learningRate, float[] finalized) {
    }

    static final java.util.List<Run> RUNS = java.util.List.of(
        new Run("sgd_exp", "new SGD(0.1f, 0.9f, false).learningRate(new ExponentialDecay(0.1f, 2, 0.5f))", 6,
            new int[][] {},
            new float[][] {
                new float[] {0.95f, -1.975f, 2.9f, -4.2f, 0.49f, 0.020000001f, -1.03f},
                new float[] {0.9262132f, -2.0090685f, 2.8064647f, -4.273934f, 0.481f, 0.00971573f, -1.0499289f},
                new float[] {0.8948051f, -2.0497303f, 2.7572827f, -4.3409743f, 0.4979f, -0.012040114f, -1.0741149f},
                new float[] {0.8665024f, -1.9979374f, 2.6918058f, -4.401311f, 0.5025034f, -0.02101377f, -1.0958823f},
                new float[] {0.82853f, -1.9450738f, 2.6078765f, -4.505614f, 0.50414646f, -0.024090061f, -1.122973f},
                new float[] {0.7996582f, -1.9116387f, 2.5314562f, -4.57297f, 0.5056252f, -0.03392979f, -1.1455868f},
            },
            new String[] {"iteration", "kernel_momentum", "bias_momentum"},
            new float[][] {new float[] {6.0f}, new float[] {-0.028871845f, 0.033435054f, -0.07642023f, -0.06735607f}, new float[] {0.0014787506f, -0.00983973f, -0.022613853f}},
            6L, 0.0125f, new float[] {0.7996582f, -1.9116387f, 2.5314562f, -4.57297f, 0.5056252f, -0.03392979f, -1.1455868f}),
        new Run("adam_cosine_warmup", "new Adam().learningRate(new CosineDecay(0f, 4, 0f, \"CosineDecay\", 0.05f, 2))", 6,
            new int[][] {},
            new float[][] {
                new float[] {1.0f, -2.0f, 3.0f, -4.0f, 0.5f, 0.0f, -1.0f},
                new float[] {0.9952126f, -2.012763f, 2.9823403f, -4.002233f, 0.48324925f, -0.009152432f, -1.0100052f},
                new float[] {0.9778414f, -2.0393727f, 2.978285f, -4.005813f, 0.5094965f, -0.037094068f, -1.0361397f},
                new float[] {0.96565557f, -2.02198f, 2.9647975f, -4.0083165f, 0.51272994f, -0.041408025f, -1.0544124f},
                new float[] {0.95237327f, -2.0121224f, 2.9513366f, -4.0178123f, 0.51203364f, -0.039073795f, -1.0702225f},
                new float[] {0.950591f, -2.0108435f, 2.9478269f, -4.018358f, 0.51185787f, -0.040637046f, -1.0732951f},
            },
            new String[] {"iteration", "kernel_momentum", "kernel_velocity", "bias_momentum", "bias_velocity"},
            new float[][] {new float[] {6.0f}, new float[] {0.039502498f, -0.09269424f, 0.15489951f, 0.050412f}, new float[] {0.0007180242f, 0.007679456f, 0.002846812f, 0.012467153f}, new float[] {0.002754902f, 0.030359203f, 0.037266202f}, new float[] {0.00035901097f, 0.00055125414f, 0.00021499915f}},
            6L, 0.0f, new float[] {0.950591f, -2.0108435f, 2.9478269f, -4.018358f, 0.51185787f, -0.040637046f, -1.0732951f}),
        new Run("rms_piecewise", "new RMSprop().learningRate(new PiecewiseConstantDecay(new long[] {1, 3}, new float[] {0.1f, 0.05f, 0.01f}))", 5,
            new int[][] {},
            new float[][] {
                new float[] {0.68377286f, -1.6837747f, 2.6837723f, -4.316228f, 0.18378803f, 0.31622383f, -1.316226f},
                new float[] {0.85280347f, -1.9869592f, 2.6671288f, -4.120112f, 0.18378803f, 0.030510247f, -1.2113981f},
                new float[] {0.7972051f, -2.0256903f, 2.7641175f, -4.120801f, 0.33940077f, -0.05036228f, -1.2746859f},
                new float[] {0.7969121f, -1.8746594f, 2.6874716f, -4.120801f, 0.25584677f, 0.035525918f, -1.2746859f},
                new float[] {0.7748158f, -1.8714914f, 2.6669686f, -4.142801f, 0.25007385f, 0.046803415f, -1.297763f},
            },
            new String[] {"iteration", "kernel_velocity", "bias_velocity"},
            new float[][] {new float[] {5.0f}, new float[] {0.05120359f, 0.62274665f, 0.23788223f, 0.8264731f}, new float[] {0.030006098f, 0.0314509f, 0.016899526f}},
            5L, 0.01f, new float[] {0.7748158f, -1.8714914f, 2.6669686f, -4.142801f, 0.25007385f, 0.046803415f, -1.297763f}),
        new Run("sgd_ema", "new SGD(0.1f, 0.5f, false).useEma(true).emaMomentum(0.9f)", 4,
            new int[][] {},
            new float[][] {
                new float[] {0.95f, -1.975f, 2.9f, -4.2f, 0.49f, 0.020000001f, -1.03f},
                new float[] {0.955f, -2.0425f, 2.845f, -4.1499996f, 0.485f, -0.01f, -1.035f},
                new float[] {0.9375f, -2.09625f, 2.8875f, -4.1259995f, 0.5325f, -0.049999997f, -1.05f},
                new float[] {0.92865f, -1.8731251f, 2.84875f, -4.1139994f, 0.52625f, -0.039999995f, -1.0575f},
            },
            new String[] {"iteration", "learning_rate", "kernel_average", "bias_average", "kernel_momentum", "bias_momentum"},
            new float[][] {new float[] {4.0f}, new float[] {0.1f}, new float[] {0.947145f, -1.9811926f, 2.8892953f, -4.18069f}, new float[] {0.49704498f, 0.0052699987f, -1.034955f}, new float[] {-0.008850001f, 0.223125f, -0.03875f, 0.012000001f}, new float[] {-0.0062500015f, 0.010000002f, -0.0075000003f}},
            4L, 0.1f, new float[] {0.947145f, -1.9811926f, 2.8892953f, -4.18069f, 0.49704498f, 0.0052699987f, -1.034955f}),
        new Run("adam_ema_overwrite", "new Adam(0.05f).useEma(true).emaMomentum(0.8f).emaOverwriteFrequency(3)", 8,
            new int[][] {},
            new float[][] {
                new float[] {0.95000064f, -1.950001f, 2.9500005f, -4.0499997f, 0.4500019f, 0.049998876f, -1.0499991f},
                new float[] {0.9404259f, -1.9755269f, 2.914681f, -4.054466f, 0.4165004f, 0.03169401f, -1.0700096f},
                new float[] {0.9430795f, -1.9645121f, 2.9364743f, -4.0523233f, 0.4431908f, 0.037820797f, -1.0624298f},
                new float[] {0.9288029f, -1.9441353f, 2.9206727f, -4.055256f, 0.446979f, 0.03276668f, -1.0838375f},
                new float[] {0.9022383f, -1.9244201f, 2.893751f, -4.074247f, 0.44558632f, 0.037435144f, -1.1154577f},
                new float[] {0.9241152f, -1.9457244f, 2.914278f, -4.0613365f, 0.44429803f, 0.034900125f, -1.0884563f},
                new float[] {0.9079528f, -1.9399418f, 2.9046535f, -4.0646634f, 0.45971987f, 0.017982785f, -1.1127403f},
                new float[] {0.89367616f, -1.9195648f, 2.8888516f, -4.067596f, 0.46350804f, 0.012928648f, -1.1341481f},
            },
            new String[] {"iteration", "learning_rate", "kernel_average", "bias_average", "kernel_momentum", "kernel_velocity", "bias_momentum", "bias_velocity"},
            new float[][] {new float[] {8.0f}, new float[] {0.05f}, new float[] {0.9154414f, -1.9395672f, 2.9076529f, -4.0631204f}, new float[] {0.45060754f, 0.027799055f, -1.1014801f}, new float[] {0.050097022f, -0.30708233f, 0.122468606f, 0.04173372f}, new float[] {0.0007565499f, 0.013954065f, 0.0036906311f, 0.012442332f}, new float[] {-0.012768533f, 0.01709095f, 0.04143562f}, new float[] {0.0006980433f, 0.0007025897f, 0.00023017873f}},
            8L, 0.05f, new float[] {0.9154414f, -1.9395672f, 2.9076529f, -4.0631204f, 0.45060754f, 0.027799055f, -1.1014801f}),
        new Run("adam_accumulate", "new Adam(0.05f).gradientAccumulationSteps(3)", 8,
            new int[][] {{1, 1}},
            new float[][] {
                new float[] {1.0f, -2.0f, 3.0f, -4.0f, 0.5f, 0.0f, -1.0f},
                new float[] {1.0f, -2.0f, 3.0f, -4.0f, 0.5f, 0.0f, -1.0f},
                new float[] {0.95000154f, -2.049999f, 2.9500017f, -4.0499988f, 0.54999846f, -0.04999018f, -1.0499985f},
                new float[] {0.95000154f, -2.049999f, 2.9500017f, -4.0499988f, 0.54999846f, -0.04999018f, -1.0499985f},
                new float[] {0.95000154f, -2.049999f, 2.9500017f, -4.0499988f, 0.54999846f, -0.04999018f, -1.0499985f},
                new float[] {0.90335757f, -2.0272918f, 2.906656f, -4.0999694f, 0.547367f, -0.031686746f, -1.0961576f},
                new float[] {0.90335757f, -2.0272918f, 2.906656f, -4.0999694f, 0.547367f, -0.031686746f, -1.0961576f},
                new float[] {0.90335757f, -2.0272918f, 2.906656f, -4.0999694f, 0.547367f, -0.031686746f, -1.0961576f},
            },
            new String[] {"iteration", "learning_rate", "kernel_gradient_accumulator", "bias_gradient_accumulator", "kernel_momentum", "kernel_velocity", "bias_momentum", "bias_velocity"},
            new float[][] {new float[] {8.0f}, new float[] {0.05f}, new float[] {0.201f, -2.3f, -0.099999964f, 0.01f}, new float[] {-0.19999999f, -0.050000012f, 0.125f}, new float[] {0.0187f, -0.042500004f, 0.0655f, 0.031966668f}, new float[] {2.2248998e-05f, 0.00048493757f, 0.00031609752f, 5.664888e-05f}, new float[] {0.0013333336f, -0.001833333f, 0.01941667f}, new float[] {3.5537785e-05f, 1.388611e-06f, 2.4493826e-05f}},
            2L, 0.05f, new float[] {0.90335757f, -2.0272918f, 2.906656f, -4.0999694f, 0.547367f, -0.031686746f, -1.0961576f}),
        new Run("sgd_accumulate_schedule_ema", "new SGD(0.1f, 0.9f, false).learningRate(new InverseTimeDecay(0.1f, 1, 0.5f)).gradientAccumulationSteps(2).useEma(true).emaOverwriteFrequency(2)", 8,
            new int[][] {},
            new float[][] {
                new float[] {1.0f, -2.0f, 3.0f, -4.0f, 0.5f, 0.0f, -1.0f},
                new float[] {0.99333334f, -2.0183334f, 2.965f, -4.016667f, 0.49666667f, -0.0066666673f, -1.0066667f},
                new float[] {0.99333334f, -2.0183334f, 2.965f, -4.016667f, 0.49666667f, -0.0066666673f, -1.0066667f},
                new float[] {0.9932331f, -2.0180385f, 2.964705f, -4.016819f, 0.49667665f, -0.0067166677f, -1.0067517f},
                new float[] {0.9932331f, -2.0180385f, 2.964705f, -4.016819f, 0.49667665f, -0.0067166677f, -1.0067517f},
                new float[] {0.98135793f, -1.9993457f, 2.923155f, -4.037642f, 0.49614808f, -0.014073811f, -1.0172588f},
                new float[] {0.9929967f, -2.0176666f, 2.9638782f, -4.0172334f, 0.49666616f, -0.0068630753f, -1.0069607f},
                new float[] {0.99286747f, -2.0172427f, 2.9635153f, -4.0174217f, 0.49668363f, -0.006923734f, -1.0070692f},
            },
            new String[] {"iteration", "kernel_average", "bias_average", "kernel_gradient_accumulator", "bias_gradient_accumulator", "kernel_momentum", "bias_momentum"},
            new float[][] {new float[] {8.0f}, new float[] {0.99286747f, -2.0172427f, 2.9635153f, -4.0174217f}, new float[] {0.49668363f, -0.006923734f, -1.0070692f}, new float[] {0.0f, 0.0f, 0.0f, 0.0f}, new float[] {0.0f, 0.0f, 0.0f}, new float[] {-0.012920961f, 0.042379126f, -0.036283884f, -0.01885168f}, new float[] {0.0017465074f, -0.0060658725f, -0.0108453175f}},
            4L, 0.02f, new float[] {0.99286747f, -2.0172427f, 2.9635153f, -4.0174217f, 0.49668363f, -0.006923734f, -1.0070692f}),
        new Run("sgd_loss_scale_factor", "new SGD(0.1f).lossScaleFactor(128f)", 4,
            new int[][] {},
            new float[][] {
                new float[] {0.99960935f, -1.9998047f, 2.9992187f, -4.0015626f, 0.4999219f, 0.00015625001f, -1.0002344f},
                new float[] {0.9998437f, -2.0004296f, 2.9991796f, -4.0003905f, 0.4999219f, -0.00015625001f, -1.0001563f},
                new float[] {0.9996875f, -2.0005858f, 2.9997265f, -4.000398f, 0.5003125f, -0.0003515625f, -1.0002539f},
                new float[] {0.9996867f, -1.9986327f, 2.9992578f, -4.000398f, 0.50007814f, -0.000117187505f, -1.0002539f},
            },
            new String[] {"iteration", "learning_rate"},
            new float[][] {new float[] {4.0f}, new float[] {0.1f}},
            4L, 0.1f, new float[] {0.9996867f, -1.9986327f, 2.9992578f, -4.000398f, 0.50007814f, -0.000117187505f, -1.0002539f}),
        new Run("adamw_clip_accumulate", "new AdamW(0.01f).weightDecay(0.1f).clipvalue(0.3f).gradientAccumulationSteps(2)", 6,
            new int[][] {},
            new float[][] {
                new float[] {1.0f, -2.0f, 3.0f, -4.0f, 0.5f, 0.0f, -1.0f},
                new float[] {0.9890004f, -2.008f, 2.9870002f, -4.006f, 0.4895007f, -0.009999617f, -1.0089996f},
                new float[] {0.9890004f, -2.008f, 2.9870002f, -4.006f, 0.4895007f, -0.009999617f, -1.0089996f},
                new float[] {0.9780104f, -2.0050318f, 2.9786282f, -4.008842f, 0.4926721f, -0.014684108f, -1.0176169f},
                new float[] {0.9780104f, -2.0050318f, 2.9786282f, -4.008842f, 0.4926721f, -0.014684108f, -1.0176169f},
                new float[] {0.96703273f, -2.0059903f, 2.968199f, -4.0130935f, 0.49215332f, -0.021723049f, -1.0264062f},
            },
            new String[] {"iteration", "learning_rate", "kernel_gradient_accumulator", "bias_gradient_accumulator", "kernel_momentum", "kernel_velocity", "bias_momentum", "bias_velocity"},
            new float[][] {new float[] {6.0f}, new float[] {0.01f}, new float[] {0.0f, 0.0f, 0.0f, 0.0f}, new float[] {0.0f, 0.0f, 0.0f}, new float[] {0.027144998f, 0.022775f, 0.0498f, 0.0457f}, new float[] {3.007016e-05f, 0.00024100885f, 0.0001823176f, 0.00012490005f}, new float[] {5.0000846e-05f, 0.01585f, 0.023725003f}, new float[] {1.4985002e-05f, 2.0604388e-05f, 2.388236e-05f}},
            3L, 0.01f, new float[] {0.96703273f, -2.0059903f, 2.968199f, -4.0130935f, 0.49215332f, -0.021723049f, -1.0264062f}),
        new Run("lso_sgd", "new LossScaleOptimizer(new SGD(0.1f, 0.9f, false), 8f, 2)", 8,
            new int[][] {},
            new float[][] {
                new float[] {0.99375f, -1.996875f, 2.9875f, -4.025f, 0.49875f, 0.0025000002f, -1.00375f},
                new float[] {0.991875f, -2.0040627f, 2.975625f, -4.02875f, 0.497625f, -0.00025000004f, -1.005875f},
                new float[] {0.991875f, -2.0040627f, 2.975625f, -4.02875f, 0.497625f, -0.00025000004f, -1.005875f},
                new float[] {0.991875f, -2.0040627f, 2.975625f, -4.02875f, 0.497625f, -0.00025000004f, -1.005875f},
                new float[] {0.9851875f, -2.0155313f, 2.9824376f, -4.032375f, 0.5091125f, -0.008975001f, -1.0109125f},
                new float[] {0.97914374f, -1.9633532f, 2.973569f, -4.0356374f, 0.5119512f, -0.009327501f, -1.0154463f},
                new float[] {0.9674544f, -1.9132679f, 2.953087f, -4.063574f, 0.5132561f, -0.007144751f, -1.0232767f},
                new float[] {0.96068394f, -1.8781911f, 2.9340284f, -4.0699663f, 0.51443046f, -0.010180276f, -1.0290741f},
            },
            new String[] {"iteration", "learning_rate", "step_counter", "dynamic_scale", "iteration", "learning_rate", "kernel_momentum", "bias_momentum"},
            new float[][] {new float[] {0.0f}, new float[] {0.0f}, new float[] {0.0f}, new float[] {16.0f}, new float[] {6.0f}, new float[] {0.1f}, new float[] {-0.0067704367f, 0.035076775f, -0.019058686f, -0.006392624f}, new float[] {0.0011743868f, -0.003035525f, -0.005797337f}},
            6L, 0.1f, new float[] {0.96068394f, -1.8781911f, 2.9340284f, -4.0699663f, 0.51443046f, -0.010180276f, -1.0290741f}),
        new Run("lso_adam_ema_schedule", "new LossScaleOptimizer(new Adam().learningRate(new ExponentialDecay(0.01f, 2, 0.9f)).useEma(true))", 8,
            new int[][] {},
            new float[][] {
                new float[] {0.99171674f, -1.9929303f, 2.990939f, -4.009507f, 0.49508896f, 0.006587105f, -1.0074327f},
                new float[] {0.9901743f, -1.9972405f, 2.9848661f, -4.0103207f, 0.49196795f, 0.0037673847f, -1.010292f},
                new float[] {0.9901743f, -1.9972405f, 2.9848661f, -4.0103207f, 0.49196795f, 0.0037673847f, -1.010292f},
                new float[] {0.9901743f, -1.9972405f, 2.9848661f, -4.0103207f, 0.49196795f, 0.0037673847f, -1.010292f},
                new float[] {0.9852573f, -2.003243f, 2.9885004f, -4.011006f, 0.49720645f, -0.0019773268f, -1.0156934f},
                new float[] {0.9814184f, -1.9989429f, 2.987679f, -4.011538f, 0.49827948f, -0.0016275921f, -1.0198904f},
                new float[] {0.97619313f, -1.995079f, 2.9840832f, -4.0158353f, 0.49841255f, 0.00047271303f, -1.025191f},
                new float[] {0.97423744f, -1.9932652f, 2.9810026f, -4.016385f, 0.49852136f, -0.0007719045f, -1.0282849f},
            },
            new String[] {"iteration", "learning_rate", "step_counter", "dynamic_scale", "iteration", "kernel_average", "bias_average", "kernel_momentum", "kernel_velocity", "bias_momentum", "bias_velocity"},
            new float[][] {new float[] {0.0f}, new float[] {0.0f}, new float[] {4.0f}, new float[] {8192.0f}, new float[] {6.0f}, new float[] {0.9912099f, -1.9931552f, 2.9906578f, -4.0096807f}, new float[] {0.495178f, 0.006262284f, -1.0080467f}, new float[] {3.921066e-06f, -1.4769112e-05f, 1.3202195e-05f, 4.351774e-06f}, new float[] {5.9720982e-12f, 1.0465907e-10f, 2.8485889e-11f, 9.8867955e-11f}, new float[] {-2.043181e-07f, 2.384467e-06f, 3.5279454e-06f}, new float[] {5.2106787e-12f, 5.432075e-12f, 1.8135849e-12f}},
            6L, 0.007289999f, new float[] {0.9912099f, -1.9931552f, 2.9906578f, -4.0096807f, 0.495178f, 0.006262284f, -1.0080467f})
    );

    // fit: Dense(1) from kernel [[0.5], [-0.25]], bias [0.1]; SGD(0.1, momentum=0.5,
    // loss_scale_factor=4, use_ema=True, ema_momentum=0.5); mse; batch 2, 2 epochs, no shuffle
    static final float[] FIT_X = new float[] {0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f, 1.1f};
    static final float[] FIT_Y = new float[] {1.0f, 0.0f, 2.0f, -1.0f, 0.5f, 1.5f};
    static final float[] FIT_LOSSES = new float[] {1.1105819f, 1.0017105f};
    static final float[] FIT_WEIGHTS = new float[] {0.5956744f, -0.11675167f, 0.47573858f};
    static final float[][] FIT_OPTIMIZER_VARIABLES = {new float[] {6.0f}, new float[] {0.1f}, new float[] {0.5956744f, -0.11675167f}, new float[] {0.47573858f}, new float[] {0.0072076283f, 0.008535491f}, new float[] {0.013278574f}};
}

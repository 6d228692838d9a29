package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.layers.Layer;
import dev.strata.layers.activations.ReLU;
import dev.strata.layers.convolutional.Conv2D;
import dev.strata.layers.convolutional.DepthwiseConv2D;
import dev.strata.layers.core.Activation;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.core.Lambda;
import dev.strata.layers.merging.Layers;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.layers.pooling.GlobalAveragePooling2D;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.layers.reshaping.Reshape;
import dev.strata.layers.reshaping.ZeroPadding2D;
import dev.strata.ops.Ops;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.training.PredictOptions;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code predict} reuses its intermediates' arrays (internal.InferenceArena) and folds batch normalization and
 * relu into convolutions: neither may show. Predictions equal the plain inference call ({@code apply(x, false)},
 * which allocates and runs every layer) within 1e-5 relative, earlier predictions never change, and many threads
 * may predict at once.
 */
class InferenceReuseTest {

    /** Every BatchNormalization's statistics and scales drawn at random, so that folding them is exercised. */
    static void randomizeNormalization(Model model, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (Layer l : model.layers()) {
            if (l instanceof BatchNormalization bn) {
                List<Variable> w = bn.weights();
                for (int i = 0; i < w.size(); i++) {
                    float lo = i == w.size() - 1 ? 0.5f : -0.5f; // moving_variance last: positive
                    float[] v = new float[w.get(i).shape().size()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = lo + (float) r.nextDouble() * 1.5f;
                    }
                    w.get(i).assign(Tensor.of(v, w.get(i).shape()));
                }
            } else if (l instanceof Model m) {
                randomizeNormalization(m, seed + 1);
            }
        }
    }

    /** conv-BN-relu chains (with and without conv bias), a residual add, a depthwise conv, padding, a reshape. */
    static Model residualNet() {
        Tensor in = Input.of(9, 9, 3);
        Tensor x = new ZeroPadding2D(1).apply(in);
        x = new Conv2D(8, 3).apply(x);
        x = new BatchNormalization().apply(x);
        Tensor a = new ReLU(6).apply(x);
        Tensor b = new DepthwiseConv2D(3).padding("same").useBias(false).apply(a);
        b = new BatchNormalization().apply(b);
        b = new ReLU().apply(b);
        b = new Conv2D(8, 1).useBias(false).apply(b);
        b = new BatchNormalization().apply(b);
        Tensor sum = Layers.add(List.of(a, b));
        Tensor y = new Activation("relu").apply(sum);
        Tensor flat = new Flatten().apply(new Reshape(9 * 9, 8).apply(y));
        Tensor pooled = new GlobalAveragePooling2D().apply(y);
        Tensor out = new Dense(4).apply(Layers.concatenate(List.of(new Dense(3).apply(flat), pooled)));
        Model m = Model.of(List.of(in), List.of(out, pooled));
        randomizeNormalization(m, 7);
        return m;
    }

    static void assertClose(String what, Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - e[i]) / (1 + Math.abs(e[i])));
        }
        assertThat(worst).as(what + ": max |predict - apply| / (1 + |apply|)").isLessThanOrEqualTo(1e-5);
    }

    @Test
    void predictEqualsThePlainCallAndEarlierResultsNeverChange() {
        Model m = residualNet();
        List<Tensor> inputs = new ArrayList<>();
        List<Tensors> first = new ArrayList<>();
        List<float[][]> copies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Tensor x = Tensor.normal(Shape.of(5, 9, 9, 3), 0, 1);
            Tensors y = m.predict(List.of(x));
            Tensors plain = m.apply(List.of(x), false);
            assertClose("output 0, call " + i, y.get(0), plain.get(0));
            assertClose("output 1, call " + i, y.get(1), plain.get(1));
            inputs.add(x);
            first.add(y);
            copies.add(new float[][] {y.get(0).toFloatArray(), y.get(1).toFloatArray()});
        }
        for (int i = 0; i < 4; i++) { // later calls reused arrays, but never those of results handed out
            assertThat(first.get(i).get(0).toFloatArray()).containsExactly(copies.get(i)[0]);
            assertThat(first.get(i).get(1).toFloatArray()).containsExactly(copies.get(i)[1]);
            assertThat(m.predict(List.of(inputs.get(i))).get(0).toFloatArray()).containsExactly(copies.get(i)[0]);
        }
    }

    @Test
    void foldedChainsGiveTheSameBitsAsTheLayersOneByOne() {
        Model m = residualNet();
        // conv+bn+relu6, depthwise+bn+relu, pointwise conv+bn (its output is read by the add)
        assertThat(((Functional) m).foldedChains()).isEqualTo(3);
        assertThat(((Functional) m).foldedAdds()).isEqualTo(1); // the residual add and its relu
        Tensor x = Tensor.normal(Shape.of(5, 9, 9, 3), 0, 1);
        Tensors y = m.predict(List.of(x));
        Tensors plain = m.apply(List.of(x), false);
        assertThat(y.get(0).toFloatArray()).containsExactly(plain.get(0).toFloatArray());
        assertThat(y.get(1).toFloatArray()).containsExactly(plain.get(1).toFloatArray());
    }

    /** A conv-BN-relu chain and a pointwise conv large enough for the GEMM's packed path, where kernels are packed ahead. */
    private static Model packedNet() {
        Tensor in = Input.of(16, 16, 32);
        Conv2D first = new Conv2D(64, 3).padding("same");
        Tensor x = new ReLU().apply(new BatchNormalization().apply(first.apply(in)));
        Tensor y = new Conv2D(48, 1).apply(x);
        Model m = Model.of(in, new Dense(5).apply(new GlobalAveragePooling2D().apply(y)));
        randomizeNormalization(m, 11);
        return m;
    }

    /** The model's output computed while a tape records, where nothing is packed ahead or kept. */
    private static float[] unpacked(Model m, Tensor x) {
        try (var tape = dev.strata.autodiff.GradientTape.record()) {
            return m.apply(List.of(x), false).get(0).toFloatArray();
        }
    }

    @Test
    void kernelsPackedAheadForInferenceFollowTheWeightsWhenTheyChange() {
        Model m = packedNet();
        Variable kernel = m.layers().stream().filter(l -> l instanceof Conv2D).map(l -> ((Conv2D) l).kernel())
                .findFirst().orElseThrow();
        Tensor x = Tensor.normal(Shape.of(4, 16, 16, 32), 0, 1);
        float[] first = m.predict(x).toFloatArray();
        assertThat(first).containsExactly(unpacked(m, x));
        assertThat(m.predict(x).toFloatArray()).containsExactly(first);

        kernel.assign(Ops.multiply(kernel.value(), -0.5f)); // an assignment
        float[] assigned = m.predict(x).toFloatArray();
        assertThat(assigned).isNotEqualTo(first).containsExactly(unpacked(m, x));
        assertThat(m.apply(x, false).toFloatArray()).containsExactly(assigned);

        m.compile("sgd", "mse"); // an optimizer writing the storage in place
        m.trainOnBatch(List.of(x), List.of(Tensor.normal(Shape.of(4, 5), 0, 1)));
        float[] trained = m.predict(x).toFloatArray();
        assertThat(trained).isNotEqualTo(assigned).containsExactly(unpacked(m, x));
    }

    @Test
    void anAddThenReluRunsAsOnePassWithTheSameBits() {
        Tensor a = Input.of(12);
        Tensor b = Input.of(12);
        Tensor relu = new Activation("relu").apply(Layers.add(List.of(a, b)));
        Tensor relu6 = new ReLU(6).apply(Layers.add(List.of(a, relu)));
        Tensor read = Layers.add(List.of(b, relu6)); // its sum is also an output: not folded
        Tensor kept = new ReLU().apply(read);
        Model m = Model.of(List.of(a, b), List.of(relu6, kept, read));
        assertThat(((Functional) m).foldedAdds()).isEqualTo(2);
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        Tensor x = Tensor.of(new float[] {-0f, -0f, 0f, nan, 1, -inf, inf, 3e38f, -1, 2.5f, 7, 1e-45f,
            5, -3, 4, 1, 2, 3, -4, 0, 0, 1, 1, 1}, Shape.of(2, 12));
        Tensor y = Tensor.of(new float[] {-0f, 0f, -0f, 1, nan, inf, 1, 3e38f, 1, 4, -1, -1e-45f,
            -5, 3, -4, 8, -2, 3, 4, -0f, 1, -1, 0, 0}, Shape.of(2, 12));
        Tensors predicted = m.predict(List.of(x, y));
        Tensors plain = m.apply(List.of(x, y), false);
        for (int i = 0; i < 3; i++) {
            float[] p = predicted.get(i).toFloatArray();
            float[] q = plain.get(i).toFloatArray();
            for (int j = 0; j < p.length; j++) {
                assertThat(Float.floatToRawIntBits(p[j])).as("output " + i + ", element " + j)
                        .isEqualTo(Float.floatToRawIntBits(q[j]));
            }
        }
    }

    @Test
    void aChainWhoseValuesAreReadElsewhereIsNotFolded() {
        Tensor in = Input.of(6, 6, 2);
        Tensor c = new Conv2D(3, 3).apply(in);
        Tensor n = new BatchNormalization().apply(c);
        Tensor r = new ReLU().apply(n);
        Tensor other = new Conv2D(3, 3).apply(in);
        Tensor n2 = new BatchNormalization().apply(other);
        Tensor sum = Layers.add(List.of(new Flatten().apply(r), new Flatten().apply(n2), new Flatten().apply(c)));
        Model m = Model.of(List.of(in), List.of(sum, n2));
        randomizeNormalization(m, 5);
        // the first conv's output is read twice: not folded; the second conv folds its normalization, whose output
        // (a model output, read by the add too) is the chain's
        assertThat(((Functional) m).foldedChains()).isEqualTo(1);
        Tensor x = Tensor.normal(Shape.of(2, 6, 6, 2), 0, 1);
        Tensors y = m.predict(List.of(x));
        Tensors plain = m.apply(List.of(x), false);
        assertThat(y.get(0).toFloatArray()).containsExactly(plain.get(0).toFloatArray());
        assertThat(y.get(1).toFloatArray()).containsExactly(plain.get(1).toFloatArray());
    }

    @Test
    void batchedPredictAndNestedModelsAgreeWithThePlainCall() {
        Model inner = residualNet();
        Tensor in = Input.of(9, 9, 3);
        Tensors innerOut = inner.apply(List.of(in));
        Tensor out = new Dense(2).apply(Layers.concatenate(List.of(innerOut.get(0), innerOut.get(1))));
        Model outer = Model.of(in, out);
        Tensor x = Tensor.normal(Shape.of(7, 9, 9, 3), 0, 1);
        Tensor plain = outer.apply(x, false);
        assertClose("nested, one batch", outer.predict(x), plain);
        assertClose("nested, batches of 3", outer.predict(x, new PredictOptions().batchSize(3)), plain);

        Sequential seq = new Sequential(new InputLayer(9, 9, 3), new Conv2D(4, 3), new BatchNormalization(),
                new ReLU(), new Flatten(), new Dense(3));
        randomizeNormalization(seq, 3);
        assertClose("sequential", seq.predict(x), seq.apply(x, false));
    }

    @Test
    void aModelWithAUsersFunctionPredictsAsUsual() {
        List<Tensor> kept = new ArrayList<>();
        Tensor in = Input.of(6);
        Tensor h = new Dense(5).apply(in);
        Tensor seen = new Lambda(t -> {
            if (!t.isSymbolic()) {
                kept.add(t); // a user's function may keep what it is given
            }
            return Ops.multiply(t, 2f);
        }).apply(h);
        Model m = Model.of(in, new Dense(2).apply(seen));
        assertThat(m.reusesInferenceArrays()).isFalse();
        Tensor x1 = Tensor.normal(Shape.of(3, 6), 0, 1);
        m.predict(x1);
        float[] keptValues = kept.getFirst().toFloatArray();
        m.predict(Tensor.normal(Shape.of(3, 6), 0, 1));
        assertThat(kept.getFirst().toFloatArray()).containsExactly(keptValues);
    }

    @Test
    void manyThreadsPredictAtOnce() throws Exception {
        Model m = residualNet();
        int n = 6;
        List<Tensor> xs = new ArrayList<>();
        List<Tensor> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Tensor x = Tensor.normal(Shape.of(4, 9, 9, 3), 0, 1);
            xs.add(x);
            expected.add(m.apply(List.of(x), false).get(0));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<Tensor>> futures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < n; i++) {
                    Tensor x = xs.get(i);
                    futures.add(pool.submit(() -> m.predict(List.of(x)).get(0)));
                }
            }
            for (int f = 0; f < futures.size(); f++) {
                assertClose("thread call " + f, futures.get(f).get(), expected.get(f % n));
            }
        }
    }

    @Test
    void committedApplicationsPredictAsThePlainCall() throws Exception {
        for (String name : List.of("resnet_mini", "mobilenet_v2_a02")) {
            URL url = InferenceReuseTest.class.getResource("/keras-applications/" + name + ".keras");
            assertThat(url).as(name).isNotNull();
            Model m = Saving.loadModel(Path.of(url.toURI()));
            assertThat(((Functional) m).foldedChains()).as(name + ": folded chains").isGreaterThan(5);
            randomizeNormalization(m, 11);
            Tensor x = Tensor.normal(Shape.of(3, 32, 32, 3), 0, 1);
            Tensor plain = m.apply(x, false);
            assertClose(name, m.predict(x), plain);
            assertClose(name + ", again", m.predict(x), plain);
        }
    }
}

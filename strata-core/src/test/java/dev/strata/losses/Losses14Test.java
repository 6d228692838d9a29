package dev.strata.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The losses issue 14 adds, beyond their Keras goldens ({@link Loss14GoldenTest}): finite-difference gradients,
 * CTC against a brute-force sum over alignments, symbolic inputs with an unknown batch, names as
 * {@code compile(loss=...)} reads them, and errors for bad shapes and arguments that name the loss and the shapes.
 */
class Losses14Test {
    private static final Shape S43 = Shape.of(4, 3);
    private static final int U = Shape.UNKNOWN;

    record GradCase(String name, Supplier<Loss> loss, Tensor yTrue, Tensor yPred, Tensor weight, double eps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> gradientCases() {
        Tensor bin = Tensor.of(new float[] {0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0}, S43);
        Tensor pm1 = Ops.subtract(Ops.multiply(bin, 2f), 1f);
        Tensor pred = GradientCheck.random(21, S43, -0.8, 0.8); // |t p| < 1: away from the hinge's kink
        Tensor oneHot = Tensor.of(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0}, S43);
        Tensor distinct = GradientCheck.distinct(22, 0.3, S43).getFirst(); // no ties in categorical hinge's max
        Tensor probs = GradientCheck.random(23, S43, 0.1, 0.9);
        Tensor probs2 = GradientCheck.random(24, S43, 0.1, 0.9);
        Tensor unnormalised = GradientCheck.random(25, S43, 0.1, 1);
        Tensor logits = GradientCheck.random(26, S43, -3, 3);
        Tensor counts = Tensor.of(new float[] {0, 2, 1, 3, 0, 1, 1, 1, 4, 0, 0, 2}, S43);
        Tensor rates = GradientCheck.random(27, S43, 0.3, 3);
        Tensor vt = GradientCheck.randomAwayFromZero(28, S43, 2, 0.3);
        Tensor vp = GradientCheck.randomAwayFromZero(29, S43, 2, 0.3);
        Tensor w4 = Tensor.of(new float[] {1f, 0f, 2.5f, 0.5f}, 4);
        Tensor labels = Tensor.of(new float[] {1, 0, 2, 1}, 4);
        Tensor seg = Tensor.of(new float[] {1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1}, 2, 2, 2, 2);
        Tensor segP = GradientCheck.random(30, Shape.of(2, 2, 2, 2), 0.1, 0.9);
        Tensor circleY = Tensor.of(new float[] {0, 1, 0, 2, 1, 3}, 6);
        Tensor circleE = unitRows(GradientCheck.random(31, Shape.of(6, 4), -1, 1));
        Tensor ctcY = Tensor.of(new float[] {1, 2, 0, 3, 3, 0, 2, 0, 0}, 3, 3);
        Tensor ctcP = GradientCheck.random(32, Shape.of(3, 5, 4), -2, 2);
        List<GradCase> all = List.of(
                new GradCase("hinge {0,1}", Hinge::new, bin, pred, w4, 1e-2),
                new GradCase("hinge {-1,1} sum", () -> new Hinge(Reduction.SUM), pm1, pred, null, 1e-2),
                new GradCase("squared hinge", SquaredHinge::new, bin, pred, w4, 1e-2),
                new GradCase("categorical hinge", CategoricalHinge::new, oneHot, distinct, w4, 1e-2),
                new GradCase("kl divergence", KLDivergence::new, probs, probs2, w4, 1e-3),
                new GradCase("poisson", Poisson::new, counts, rates, w4, 1e-2),
                new GradCase("cosine similarity", CosineSimilarity::new, vt, vp, w4, 1e-2),
                new GradCase("cosine similarity axis 0", () -> new CosineSimilarity(0), vt, vp, null, 1e-2),
                new GradCase("binary focal probs", BinaryFocalCrossentropy::new, bin, probs, w4, 1e-3),
                new GradCase("binary focal logits balanced smoothing",
                        () -> new BinaryFocalCrossentropy(true, 0.3, 3.0, true, 0.1, -1, Reduction.SUM), bin, logits,
                        null, 1e-2),
                new GradCase("categorical focal probs", CategoricalFocalCrossentropy::new, oneHot, unnormalised, w4,
                        1e-3),
                new GradCase("categorical focal logits alpha per class", () -> new CategoricalFocalCrossentropy(
                        new double[] {0.2, 0.3, 0.5}, 2.0, true, 0.1, -1, Reduction.SUM, "cf"), oneHot, logits, null,
                        1e-2),
                new GradCase("generalized crossentropy", () -> new CategoricalGeneralizedCrossEntropy(0.7), labels,
                        probs, w4, 1e-3),
                new GradCase("dice", Dice::new, seg, segP, null, 1e-3),
                new GradCase("dice axes", () -> new Dice(new int[] {1, 2, 3}, Reduction.SUM, "dice"), seg, segP,
                        Tensor.of(new float[] {1, 2}, 2), 1e-3),
                new GradCase("tversky axis", () -> new Tversky(0.3, 0.7, -1), seg, segP, null, 1e-3),
                // (with the diagonal kept, a sample's distance to itself sits on maximum(1 - e.e, 0)'s kink, where
                // finite differences mean nothing; Loss14GoldenTest compares that gradient with JAX's)
                new GradCase("circle", () -> new Circle(4.0, 0.4, true), circleY, circleE, null, 1e-2),
                new GradCase("ctc", CTC::new, ctcY, ctcP, null, 1e-2),
                new GradCase("ctc weighted sum", () -> new CTC(Reduction.SUM), ctcY, ctcP,
                        Tensor.of(new float[] {1, 0.5f, 2}, 3), 1e-2));
        return all.stream().map(Arguments::of);
    }

    private static Tensor unitRows(Tensor x) {
        return Ops.divide(x, Ops.sqrt(Ops.sum(Ops.square(x), new int[] {-1}, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    void gradientWithRespectToPredictionsMatchesFiniteDifferences(GradCase c) {
        Loss loss = c.loss().get();
        GradientCheck.of().eps(c.eps()).verify(xs -> loss.apply(c.yTrue(), xs.getFirst(), c.weight()), c.yPred());
    }

    @Test
    void ctcOpGradientWithPaddedStepsAndLabelsMatchesFiniteDifferences() {
        Tensor target = Tensor.of(new float[] {1, 2, 2, 0, 3, 1, 0, 0}, 2, 4);
        Tensor lengths = Tensor.of(new float[] {3, 2}, 2);
        Tensor steps = Tensor.of(new float[] {6, 4}, 2);
        Tensor logits = GradientCheck.random(40, Shape.of(2, 6, 4), -2, 2);
        GradientCheck.of().eps(1e-2).verify(xs -> Ops.ctcLoss(target, xs.getFirst(), lengths, steps, 0), logits);
        // another blank class
        GradientCheck.of().eps(1e-2).verify(xs -> Ops.ctcLoss(Tensor.of(new float[] {0, 1, 2, 0, 0, 1, 2, 2}, 2, 4),
                xs.getFirst(), lengths, steps, 3), logits);
    }

    @Test
    void ctcMatchesABruteForceSumOverAlignments() {
        int time = 4;
        int classes = 3;
        Tensor logits = GradientCheck.random(41, Shape.of(1, time, classes), -2, 2);
        float[][] p = new float[time][];
        float[] l = logits.toFloatArray();
        for (int t = 0; t < time; t++) {
            double s = 0;
            for (int c = 0; c < classes; c++) {
                s += Math.exp(l[t * classes + c]);
            }
            p[t] = new float[classes];
            for (int c = 0; c < classes; c++) {
                p[t][c] = (float) (Math.exp(l[t * classes + c]) / s);
            }
        }
        for (int[] label : new int[][] {{1, 2}, {1, 1}, {2}, {}, {2, 1, 2}}) {
            double total = 0;
            int paths = (int) Math.pow(classes, time);
            for (int code = 0; code < paths; code++) {
                int[] path = new int[time];
                double prob = 1;
                for (int t = 0, k = code; t < time; t++, k /= classes) {
                    path[t] = k % classes;
                    prob *= p[t][path[t]];
                }
                if (java.util.Arrays.equals(collapse(path), label)) {
                    total += prob;
                }
            }
            float[] row = new float[3];
            for (int i = 0; i < label.length; i++) {
                row[i] = label[i];
            }
            float loss = Losses.ctc(Tensor.of(row, 1, 3), logits).item();
            assertThat((double) loss).as("labels %s", java.util.Arrays.toString(label))
                    .isCloseTo(-Math.log(total), within(1e-5 * Math.abs(Math.log(total)) + 1e-6));
        }
    }

    /** CTC's collapse: merge repeats, then drop blanks (class 0). */
    private static int[] collapse(int[] path) {
        return java.util.stream.IntStream.range(0, path.length)
                .filter(t -> path[t] != 0 && (t == 0 || path[t] != path[t - 1])).map(t -> path[t]).toArray();
    }

    @Test
    void hingeConvertsOnlyLabelsThatAreAllZeroOrOne() {
        Tensor pred = Tensor.of(new float[] {0.5f, -0.5f}, 1, 2);
        // {0, 1} -> {-1, 1}: mean(max(1 + 0.5, 0), max(1 + 0.5, 0)) = 1.5
        assertThat(Losses.hinge(Tensor.of(new float[] {0, 1}, 1, 2), pred).item()).isEqualTo(1.5f);
        // {0, -1} is not binary: used as given, mean(1 - 0, 1 - 0.5) = 0.75
        assertThat(Losses.hinge(Tensor.of(new float[] {0, -1}, 1, 2), pred).item()).isEqualTo(0.75f);
    }

    @Test
    void generalizedCrossentropyReadsColumnLabelsAsKerasDocumentsThem() {
        Tensor probs = Tensor.of(new float[] {0.7f, 0.3f, 0.2f, 0.8f}, 2, 2);
        Tensor flat = Losses.categoricalGeneralizedCrossEntropy(Tensor.of(new float[] {0, 1}, 2), probs, 0.5);
        Tensor column = Losses.categoricalGeneralizedCrossEntropy(Tensor.of(new float[] {0, 1}, 2, 1), probs, 0.5);
        assertThat(column.shape()).isEqualTo(Shape.of(2));
        assertThat(column.toFloatArray()).containsExactly(flat.toFloatArray());
        assertThat(flat.toFloatArray()[0]).isCloseTo((float) ((1 - Math.sqrt(0.7)) / 0.5), within(1e-6f));
    }

    @Test
    void circleLeavesSamplesWithoutPositivesOutOfTheMean() {
        Tensor y = Tensor.of(new float[] {0, 1, 0, 2, 1, 3}, 6);
        Tensor e = unitRows(GradientCheck.random(31, Shape.of(6, 4), -1, 1));
        float[] perSample = new Circle(16.0, 0.4, true, Reduction.NONE, "c").apply(y, e).toFloatArray();
        assertThat(perSample[3]).isZero();
        assertThat(perSample[5]).isZero();
        double sum = 0;
        for (float v : perSample) {
            sum += v;
        }
        assertThat((double) new Circle(16.0, 0.4, true).apply(y, e).item()).isCloseTo(sum / 4, within(1e-5));
    }

    @Test
    void namesResolveAsKerasGetDoes() {
        assertThat(Losses.get("hinge")).isInstanceOf(Hinge.class).extracting(Loss::name).isEqualTo("hinge");
        assertThat(Losses.get("kld")).isInstanceOf(KLDivergence.class).extracting(Loss::name).isEqualTo("kld");
        assertThat(Losses.get("KLD")).isInstanceOf(KLDivergence.class);
        assertThat(Losses.get("kl_divergence")).isInstanceOf(KLDivergence.class);
        assertThat(Losses.get("KLDivergence").name()).isEqualTo("kl_divergence");
        assertThat(Losses.get("squared_hinge")).isInstanceOf(SquaredHinge.class);
        assertThat(Losses.get("categorical_hinge")).isInstanceOf(CategoricalHinge.class);
        assertThat(Losses.get("poisson")).isInstanceOf(Poisson.class);
        assertThat(Losses.get("cosine_similarity")).isInstanceOf(CosineSimilarity.class);
        assertThat(Losses.get("binary_focal_crossentropy")).isInstanceOf(BinaryFocalCrossentropy.class);
        assertThat(Losses.get("categorical_focal_crossentropy")).isInstanceOf(CategoricalFocalCrossentropy.class);
        assertThat(Losses.get("CategoricalGeneralizedCrossEntropy"))
                .isInstanceOf(CategoricalGeneralizedCrossEntropy.class);
        assertThat(Losses.get("dice")).isInstanceOf(Dice.class);
        assertThat(Losses.get("tversky")).isInstanceOf(Tversky.class);
        assertThat(Losses.get("circle")).isInstanceOf(Circle.class);
        assertThat(Losses.get("ctc")).isInstanceOf(CTC.class).extracting(Loss::name).isEqualTo("ctc");
        assertThat(Losses.get("CTC").name()).isEqualTo("ctc");
        assertThat(Losses.names()).contains("kld", "KLD", "hinge", "ctc", "dice", "tversky", "circle");
    }

    @Test
    void symbolicInputsGiveTheEagerValues() {
        Tensor ctcY = Tensor.of(new float[] {1, 2, 0, 3, 3, 0}, 2, 3);
        Tensor ctcP = GradientCheck.random(50, Shape.of(2, 5, 4), -2, 2);
        Tensor circleY = Tensor.of(new float[] {0, 1, 0, 1, 2}, 5);
        Tensor circleE = unitRows(GradientCheck.random(51, Shape.of(5, 3), -1, 1));
        Tensor bin = Tensor.of(new float[] {0, 1, 1, 0, 1, 1}, 3, 2);
        Tensor probs = Tensor.of(new float[] {0.2f, 0.7f, 0.6f, 0.4f, 0.9f, 0.3f}, 3, 2);
        Tensor labels = Tensor.of(new float[] {1, 0, 1}, 3);
        check(new CTC(), ctcY, new int[] {U, 3}, ctcP, new int[] {U, 5, 4});
        check(new CTC(), ctcY, new int[] {U, 3}, ctcP, new int[] {U, U, 4}); // time unknown too
        check(new Circle(16.0, 0.4, true), circleY, new int[] {U}, circleE, new int[] {U, 3});
        check(new Hinge(), bin, new int[] {U, 2}, probs, new int[] {U, 2});
        check(new CategoricalHinge(Reduction.NONE), bin, new int[] {U, 2}, probs, new int[] {U, 2});
        check(new KLDivergence(), probs, new int[] {U, 2}, bin, new int[] {U, 2});
        check(new CosineSimilarity(), bin, new int[] {U, 2}, probs, new int[] {U, 2});
        check(new BinaryFocalCrossentropy(true, 0.25, 2.0, false, 0.1, -1, Reduction.SUM), bin, new int[] {U, 2},
                probs, new int[] {U, 2});
        check(new CategoricalFocalCrossentropy(0.25, 2.0, false, 0.2, -1, Reduction.SUM), bin, new int[] {U, U},
                probs, new int[] {U, 2});
        check(new CategoricalGeneralizedCrossEntropy(), labels, new int[] {U}, probs, new int[] {U, 2});
        check(new Dice(), bin, new int[] {U, 2}, probs, new int[] {U, 2});
        check(new Tversky(0.3, 0.7, -1), bin, new int[] {U, 2}, probs, new int[] {U, 2});
    }

    private static void check(Loss loss, Tensor yTrue, int[] trueShape, Tensor yPred, int[] predShape) {
        SymbolicTensor t = Graph.input(Shape.of(trueShape), "y_true");
        SymbolicTensor p = Graph.input(Shape.of(predShape), "y_pred");
        Tensor out = loss.apply(t, p);
        assertThat(out.isSymbolic()).isTrue();
        Map<Tensor, Tensor> feeds = new IdentityHashMap<>();
        feeds.put(t, yTrue);
        feeds.put(p, yPred);
        Tensor replayed = LossesSymbolicTest.run(out, feeds);
        assertThat(replayed.toFloatArray()).as("%s", loss).containsExactly(loss.apply(yTrue, yPred).toFloatArray());
    }

    @Test
    void badShapesNameTheLossAndTheShapes() {
        Tensor logits = Tensor.zeros(2, 5, 4);
        assertThatThrownBy(() -> new CTC().apply(Tensor.zeros(2), logits)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("ctc: y_true must be (batch_size, max_length) integer labels, got (2,)")
                .hasMessageContaining("(2, 5, 4)");
        assertThatThrownBy(() -> new CTC().apply(Tensor.zeros(2, 3), Tensor.zeros(2, 5)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("ctc: y_pred must be (batch_size, max_length, num_classes) logits, got (2, 5)");
        assertThatThrownBy(() -> new CTC().apply(Tensor.zeros(3, 3), logits)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("ctc_loss: target (3, 3) and output (2, 5, 4) must have the same first (batch)");
        assertThatThrownBy(() -> Ops.ctcLoss(Tensor.zeros(2, 3), logits, Tensor.zeros(3), Tensor.zeros(2), 0))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("target_length (3,) and target (2, 3) must have the same first (batch)");
        assertThatThrownBy(() -> Ops.ctcLoss(Tensor.zeros(2, 3), logits, Tensor.zeros(2, 1), Tensor.zeros(2), 0))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("target_length and output_length must be (batch,), got (2, 1) and (2,)");
        assertThatThrownBy(() -> Ops.ctcLoss(Tensor.zeros(2, 3), logits, Tensor.zeros(2), Tensor.zeros(2), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ctc_loss: mask_index must be a class in [0, 4), got 4");
        assertThatThrownBy(() -> new Circle().apply(Tensor.zeros(4, 2), Tensor.zeros(4, 3)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("circle: y_true must be integer labels (batch,) or (batch, 1), got (4, 2)");
        assertThatThrownBy(() -> new Circle().apply(Tensor.zeros(4), Tensor.zeros(4, 3, 2)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("circle: embeddings must be (batch, dim), got y_pred (4, 3, 2)");
        assertThatThrownBy(() -> new Circle().apply(Tensor.zeros(5), Tensor.zeros(4, 3)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("circle: y_true (5,) and embeddings (4, 3) must have the same batch size");
        assertThatThrownBy(() -> new CategoricalGeneralizedCrossEntropy().apply(Tensor.zeros(4, 2), Tensor.zeros(4, 3)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("categorical_generalized_cross_entropy: labels (4, 2) must have y_pred's shape "
                        + "(4, 3) without its last (class) axis");
        assertThatThrownBy(() -> new BinaryFocalCrossentropy().apply(Tensor.zeros(4, 2), Tensor.zeros(4, 3)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("binary_focal_crossentropy: y_true (4, 2) and y_pred (4, 3) must have the same");
        assertThatThrownBy(() -> new CategoricalFocalCrossentropy().apply(Tensor.zeros(4, 2), Tensor.zeros(4, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("categorical_focal_crossentropy: y_true "
                        + "(4, 2) and y_pred (4, 3)");
        assertThatThrownBy(() -> new Dice().apply(Tensor.zeros(4, 2), Tensor.zeros(4, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("dice: y_true (4, 2) and y_pred (4, 3)");
        assertThatThrownBy(() -> new Tversky().apply(Tensor.zeros(4, 2), Tensor.zeros(4, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("tversky: y_true (4, 2) and y_pred (4, 3)");
    }

    @Test
    void badArgumentsNameTheLossAndTheArgument() {
        assertThatThrownBy(() -> new CategoricalGeneralizedCrossEntropy(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CategoricalGeneralizedCrossEntropy: q must be in the interval (0, 1), got 1.0");
        assertThatThrownBy(() -> new CategoricalGeneralizedCrossEntropy(0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> new BinaryFocalCrossentropy(false, 0.25, 2, false, 1.5, -1, Reduction.SUM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BinaryFocalCrossentropy: labelSmoothing must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new CategoricalFocalCrossentropy(new double[0], 2, false, 0, -1, Reduction.SUM, "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CategoricalFocalCrossentropy: alpha must hold one weight per class");
    }
}

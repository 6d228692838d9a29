package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The keras.ops.linalg ops of issue 16 against Keras's values and jax.grad's gradients ({@link Ops16LinalgGolden},
 * from {@code tools/golden/ops16_linalg.py}), finite differences, symbolic shapes and bad input.
 */
class LinalgOpsTest {
    private static final double RTOL = 2e-5;
    private static final double ATOL = 2e-5;
    private static final double GRAD_RTOL = 1e-4;
    private static final double GRAD_ATOL = 1e-4;

    // ---- golden access ----

    private static float[] g(String name) {
        try {
            return (float[]) Ops16LinalgGolden.class.getDeclaredField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no golden array " + name, e);
        }
    }

    private static Shape shapeOf(String name) {
        try {
            return Shape.of((int[]) Ops16LinalgGolden.class.getDeclaredField(name + "_SHAPE").get(null));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no golden shape " + name, e);
        }
    }

    private static Tensor t(String name) {
        return Tensor.of(g(name), shapeOf(name).toArray());
    }

    private static void check(String name, Tensor actual) {
        check(name, actual, RTOL, ATOL);
    }

    private static void check(String name, Tensor actual, double rtol, double atol) {
        Ops13Checks.assertGolden(name, actual, shapeOf(name), g(name), rtol, atol);
    }

    /** The tape's gradient of {@code sum(W · f(xs))} with respect to input {@code i}. */
    private static Tensor grad(Function<List<Tensor>, Tensor> f, Tensor w, int i, Tensor... xs) {
        try (GradientTape tape = GradientTape.record()) {
            for (Tensor x : xs) {
                tape.watch(x);
            }
            return tape.gradient(Ops.sum(Ops.multiply(f.apply(List.of(xs)), w)), xs[i]);
        }
    }

    /** Value NAME and gradients NAME_GRAD<i> (weights NAME_W) of f at the inputs. */
    private static void golden(String name, Function<List<Tensor>, Tensor> f, Tensor... xs) {
        check(name, f.apply(List.of(xs)));
        for (int i = 0; i < xs.length; i++) {
            check(name + "_GRAD" + i, grad(f, t(name + "_W"), i, xs), GRAD_RTOL, GRAD_ATOL);
        }
    }

    private static Function<List<Tensor>, Tensor> one(Function<Tensor, Tensor> f) {
        return in -> f.apply(in.get(0));
    }

    /** v with each column times the sign of its sum: unique, whatever signs the decomposition chose. */
    private static Tensor signFixCols(Tensor v) {
        return Ops.multiply(v, Ops.sign(Ops.sum(v, new int[] {-2}, true)));
    }

    // ---- values and gradients ----

    @Test
    void invMatchesKerasAndJaxGradients() {
        golden("INV_G", one(Ops::inv), t("G"));
        check("INV_INT", Ops.inv(t("INT")));
        Ops13Checks.assertExact("inv of a singular matrix", Ops.inv(t("SING")), g("INV_SING"));
        Ops13Checks.assertExact("solve with a singular matrix", Ops.solve(t("SING"), Tensor.of(new float[] {1, 1})),
                g("SOLVE_SING"));
    }

    @Test
    void solveMatchesKerasWithVectorsAndBroadcastBatches() {
        golden("SOLVE_GB", in -> Ops.solve(in.get(0), in.get(1)), t("G"), t("B"));
        golden("SOLVE_GBV", in -> Ops.solve(in.get(0), in.get(1)), t("G"), t("BV"));
        golden("SOLVE_GB1", in -> Ops.solve(in.get(0), in.get(1)), t("G"), t("B1"));
        Tensor a = Ops.add(t("SQ"), Ops.multiply(Linalg.eye(3), 2f));
        golden("SOLVE_SQB3", in -> Ops.solve(in.get(0), in.get(1)), a, t("B3"));
    }

    @Test
    void determinantsMatchKeras() {
        golden("DET_G", one(Ops::det), t("G"));
        check("DET_INT", Ops.det(t("INT")));
        assertThat(Ops.det(t("INT")).toFloatArray()[0]).isEqualTo(18f);
        golden("SLOGDET_LOG_G", in -> Ops.slogdet(in.get(0)).get(1), t("G"));
        check("SLOGDET_SIGN_G", Ops.slogdet(t("G")).get(0));
        check("SLOGDET_SIGN_NEG", Ops.slogdet(t("NEG")).get(0));
        check("SLOGDET_LOG_NEG", Ops.slogdet(t("NEG")).get(1));
        golden("LOGDET_A", one(Ops::logdet), t("A"));
        check("LOGDET_NEG", Ops.logdet(t("NEG")));
        check("DET_SING", Ops.det(t("SING")));
        Ops13Checks.assertExact("slogdet sign, singular", Ops.slogdet(t("SING")).get(0), g("SLOGDET_SING_SIGN"));
        Ops13Checks.assertExact("slogdet log, singular", Ops.slogdet(t("SING")).get(1), g("SLOGDET_SING_LOG"));
        // the sign has a zero gradient, as JAX's
        Tensor gs = grad(in -> Ops.slogdet(in.get(0)).get(0), Tensor.of(new float[] {1, 1}), 0, t("G"));
        assertThat(gs == null ? new float[9] : gs.toFloatArray()).containsOnly(0f);
    }

    @Test
    void choleskyMatchesKerasAndGivesNanWhenNotPositiveDefinite() {
        golden("CHOLESKY_A", one(Ops::cholesky), t("A"));
        golden("CHOLESKY_UPPER_A", one(x -> Ops.cholesky(x, true)), t("A"));
        Ops13Checks.assertExact("cholesky, not positive definite", Ops.cholesky(t("NOTPD")), g("CHOLESKY_NOTPD"));
        Tensor l0 = Ops.reshape(Ops.slice(t("L"), new int[] {0, 0, 0}, new int[] {1, 3, 3}), 3, 3);
        golden("CHOLESKY_INVERSE_L", one(Ops::choleskyInverse), l0);
        Tensor u = Ops.transpose(l0);
        golden("CHOLESKY_INVERSE_U", one(x -> Ops.choleskyInverse(x, true)), u);
        // batched (which Keras's JAX backend cannot do): the inverse of L·Lᵀ for every matrix
        Tensor l = t("L");
        Ops13Checks.assertGolden("batched choleskyInverse", Ops.choleskyInverse(l), Shape.of(2, 3, 3),
                Ops.inv(Ops.matmul(l, l, false, true)).toFloatArray(), 1e-4, 1e-5);
    }

    @Test
    void solveTriangularMatchesKeras() {
        golden("SOLVE_TRI_LOWER", in -> Ops.solveTriangular(in.get(0), in.get(1), true), t("G"), t("B"));
        golden("SOLVE_TRI_UPPER", in -> Ops.solveTriangular(in.get(0), in.get(1)), t("G"), t("B"));
        golden("SOLVE_TRI_BATCHED_VECTOR", in -> Ops.solveTriangular(in.get(0), in.get(1), true), t("G"), t("BB"));
    }

    @Test
    void qrMatchesKerasSignsIncluded() {
        for (String nm : List.of("TALL", "WIDE", "SQ")) {
            for (String mode : List.of("reduced", "complete")) {
                List<Tensor> qr = Ops.qr(t(nm), mode);
                check("QR_" + nm + "_" + mode.toUpperCase() + "_Q", qr.get(0));
                check("QR_" + nm + "_" + mode.toUpperCase() + "_R", qr.get(1));
            }
            Tensor wq = t("QR_" + nm + "_WQ");
            Tensor wr = t("QR_" + nm + "_WR");
            check("QR_" + nm + "_GRAD", grad(in -> {
                List<Tensor> qr = Ops.qr(in.get(0));
                return Ops.add(Ops.sum(Ops.multiply(qr.get(0), wq)), Ops.sum(Ops.multiply(qr.get(1), wr)));
            }, Tensor.scalar(1f), 0, t(nm)), GRAD_RTOL, GRAD_ATOL);
        }
    }

    @Test
    void svdMatchesKerasUpToSigns() {
        for (String nm : List.of("TALL", "WIDE", "SQ")) {
            golden("SVD_S_" + nm, in -> Ops.svd(in.get(0), true, false).get(0), t(nm));
            Function<Tensor, List<Tensor>> fixed = x -> {
                List<Tensor> usv = Ops.svd(x, false, true);
                Tensor sg = Ops.sign(Ops.sum(usv.get(0), new int[] {-2}, false));
                return List.of(Ops.multiply(usv.get(0), Ops.expandDims(sg, -2)),
                        Ops.multiply(usv.get(2), Ops.expandDims(sg, -1)));
            };
            check("SVD_U_" + nm, fixed.apply(t(nm)).get(0), 1e-4, 1e-5);
            check("SVD_VH_" + nm, fixed.apply(t(nm)).get(1), 1e-4, 1e-5);
            Tensor wu = t("SVD_U_" + nm + "_W");
            Tensor wv = t("SVD_VH_" + nm + "_W");
            check("SVD_UV_" + nm + "_GRAD", grad(in -> {
                List<Tensor> uv = fixed.apply(in.get(0));
                return Ops.add(Ops.sum(Ops.multiply(uv.get(0), wu)), Ops.sum(Ops.multiply(uv.get(1), wv)));
            }, Tensor.scalar(1f), 0, t(nm)), 1e-3, 1e-4);
        }
        // full matrices: u·diag(s)·vh[:k] gives x back and u is orthogonal
        for (String nm : List.of("TALL", "WIDE")) {
            Tensor x = t(nm);
            List<Tensor> usv = Ops.svd(x);
            int m = x.shape().get(-2);
            int n = x.shape().get(-1);
            assertThat(usv.get(0).shape()).isEqualTo(x.shape().withDim(-1, m));
            assertThat(usv.get(2).shape()).isEqualTo(x.shape().withDim(-2, n));
            Tensor utu = Ops.matmul(usv.get(0), usv.get(0), true, false);
            Ops13Checks.assertGolden("uᵀu", utu, utu.shape(), Ops.broadcastTo(Linalg.eye(m), utu.shape())
                    .toFloatArray(), 0, 1e-5);
            Tensor vvt = Ops.matmul(usv.get(2), usv.get(2), false, true);
            Ops13Checks.assertGolden("vh·vhᵀ", vvt, vvt.shape(), Ops.broadcastTo(Linalg.eye(n), vvt.shape())
                    .toFloatArray(), 0, 1e-5);
        }
        assertThat(Ops.svd(t("TALL")).get(0).shape()).isEqualTo(shapeOf("SVD_FULL_TALL_U_SHAPE_PROBE"));
    }

    @Test
    void eighMatchesKerasUpToSigns() {
        golden("EIGH_W_A", in -> Ops.eigh(in.get(0)).get(0), t("A"));
        check("EIGH_V_A", signFixCols(Ops.eigh(t("A")).get(1)), 1e-4, 1e-5);
        Tensor w = t("EIGH_V_A_W");
        check("EIGH_V_A_GRAD0", grad(in -> signFixCols(Ops.eigh(in.get(0)).get(1)), w, 0, t("A")), 1e-3, 1e-4);
        golden("EIGH_W_G", in -> Ops.eigh(in.get(0)).get(0), t("G"));
    }

    @Test
    void decompositionsOfLargerMatricesReconstructTheirInput() {
        Tensor x = GradientCheck.random(7, Shape.of(2, 40, 40), -1, 1);
        Tensor sym = Ops.multiply(Ops.add(x, Ops.transpose(x, 0, 2, 1)), 0.5f);
        List<Tensor> wv = Ops.eigh(sym);
        Tensor v = wv.get(1);
        float[] w = wv.get(0).toFloatArray();
        for (int b = 0; b < 2; b++) {
            for (int i = 1; i < 40; i++) {
                assertThat(w[b * 40 + i]).isGreaterThanOrEqualTo(w[b * 40 + i - 1]);
            }
        }
        Tensor back = Ops.matmul(Ops.multiply(v, Ops.expandDims(wv.get(0), -2)), Ops.transpose(v, 0, 2, 1));
        Ops13Checks.assertGolden("v·diag(w)·vᵀ", back, sym.shape(), sym.toFloatArray(), 0, 2e-5);
        Tensor vtv = Ops.matmul(Ops.transpose(v, 0, 2, 1), v);
        Ops13Checks.assertGolden("vᵀv", vtv, vtv.shape(), Ops.broadcastTo(Linalg.eye(40), vtv.shape())
                .toFloatArray(), 0, 2e-5);
        Tensor tall = GradientCheck.random(8, Shape.of(2, 50, 30), -1, 1);
        List<Tensor> usv = Ops.svd(tall, false, true);
        Tensor rec = Ops.matmul(Ops.multiply(usv.get(0), Ops.expandDims(usv.get(1), -2)), usv.get(2));
        Ops13Checks.assertGolden("u·diag(s)·vh", rec, tall.shape(), tall.toFloatArray(), 0, 2e-5);
        List<Tensor> qr = Ops.qr(tall);
        Ops13Checks.assertGolden("q·r", Ops.matmul(qr.get(0), qr.get(1)), tall.shape(), tall.toFloatArray(), 0, 2e-5);
        Tensor a = Ops.add(Ops.matmul(x, Ops.transpose(x, 0, 2, 1)), Ops.multiply(Linalg.eye(40), 40f));
        Tensor id = Ops.matmul(a, Ops.inv(a));
        Ops13Checks.assertGolden("a·inv(a)", id, id.shape(), Ops.broadcastTo(Linalg.eye(40), id.shape())
                .toFloatArray(), 0, 2e-5);
        Tensor l = Ops.cholesky(a);
        Ops13Checks.assertGolden("l·lᵀ", Ops.matmul(l, Ops.transpose(l, 0, 2, 1)), a.shape(), a.toFloatArray(), 1e-5,
                1e-4);
        // non-finite input ends (the QL iteration gives up and Jacobi takes over) with NaN, not a hang
        Tensor bad = Tensor.of(new float[] {1, Float.NaN, Float.NaN, 2}, 2, 2);
        assertThat(Ops.eigh(bad).get(0).toFloatArray()).hasSize(2);
    }

    @Test
    void lstsqMatchesKeras() {
        golden("LSTSQ_M", in -> Ops.lstsq(in.get(0), in.get(1)), t("LA"), t("LB"));
        golden("LSTSQ_V", in -> Ops.lstsq(in.get(0), in.get(1)), t("LA"), t("LBV"));
        golden("LSTSQ_WIDE", in -> Ops.lstsq(in.get(0), in.get(1)), t("WIDE"), t("LWB"));
        check("LSTSQ_RANK2", Ops.lstsq(t("RANK2"), t("LBV")), 1e-4, 1e-5);
        check("LSTSQ_RANK2_RCOND", Ops.lstsq(t("RANK2"), t("LBV"), 0.5f), 1e-4, 1e-5);
    }

    @Test
    void luFactorMatchesKeras() {
        for (String nm : List.of("G", "TALL", "WIDE", "INT")) {
            List<Tensor> lu = Ops.luFactor(t(nm));
            check("LU_" + nm, lu.get(0));
            Ops13Checks.assertExact("piv of " + nm, lu.get(1), g("LU_" + nm + "_PIV"));
        }
    }

    @Test
    void vectorNormsMatchKeras() {
        Tensor x = t("X");
        float inf = Float.POSITIVE_INFINITY;
        Object[][] cases = {{"NONE", null}, {"2", 2f}, {"1", 1f}, {"INF", inf}, {"MINF", -inf}, {"0", 0f},
            {"3", 3f}, {"M1", -1f}, {"0_5", 0.5f}};
        for (Object[] c : cases) {
            String tag = (String) c[0];
            Float ord = (Float) c[1];
            Function<Tensor, Tensor> f = v -> ord == null ? Ops.norm(v, new int[] {-1}, false)
                    : Ops.norm(v, ord, new int[] {-1}, false);
            if (ord != null && ord == 0) {
                check("NORM_V_" + tag, f.apply(x));
            } else {
                golden("NORM_V_" + tag, one(f), x);
            }
            check("NORM_V_" + tag + "_KEEP", ord == null ? Ops.norm(x, new int[] {1}, true)
                    : Ops.norm(x, ord, new int[] {1}, true));
        }
        golden("NORM_ALL", one(Ops::norm), x);
        check("NORM_ALL_KEEP", Ops.norm(x, null, true));
        check("NORM_ALL_2D_INF", Ops.norm(Ops.reshape(Ops.slice(x, new int[] {0, 0, 0}, new int[] {1, 3, 4}), 3,
                4), inf, null, false));
        Tensor zero = Tensor.of(new float[6], 2, 3);
        check("NORM_ZERO_GRAD", grad(in -> Ops.norm(in.get(0), new int[] {-1}, false), Tensor.of(new float[] {1, 1}),
                0, zero));
        float nan = Float.NaN;
        check("NORM_NAN_INF", Ops.norm(Tensor.of(new float[] {1, nan, 2, 1, inf, 2, -inf, 0, 0}, 3, 3),
                new int[] {-1}, false));
    }

    @Test
    void matrixNormsMatchKeras() {
        Tensor x = t("X");
        float inf = Float.POSITIVE_INFINITY;
        Object[][] cases = {{"NONE", null}, {"FRO", "fro"}, {"NUC", "nuc"}, {"1", 1f}, {"M1", -1f}, {"INF", inf},
            {"MINF", -inf}, {"2", 2f}, {"M2", -2f}};
        for (Object[] c : cases) {
            String tag = (String) c[0];
            Object ord = c[1];
            Function<Tensor, Tensor> f = v -> norm(v, ord, new int[] {-2, -1}, false);
            golden("NORM_M_" + tag, one(f), x);
            check("NORM_M_" + tag + "_02_KEEP", norm(x, ord, new int[] {2, 0}, true), 1e-5, 1e-5);
        }
    }

    private static Tensor norm(Tensor x, Object ord, int[] axis, boolean keepdims) {
        return ord == null ? Ops.norm(x, axis, keepdims) : ord instanceof String s ? Ops.norm(x, s, axis, keepdims)
                : Ops.norm(x, (Float) ord, axis, keepdims);
    }

    @Test
    void pinvAndMatrixRankMatchKeras() {
        golden("PINV_TALL", one(Ops::pinv), t("TALL"));
        golden("PINV_WIDE", one(Ops::pinv), t("WIDE"));
        check("PINV_RANK2", Ops.pinv(t("RANK2")), 1e-4, 1e-5);
        check("PINV_RANK2_RCOND", Ops.pinv(t("RANK2"), 0.3f), 1e-4, 1e-5);
        Ops13Checks.assertExact("matrix_rank", Ops.matrixRank(t("RANKS")), g("MATRIX_RANK"));
        Ops13Checks.assertExact("matrix_rank tol 2", Ops.matrixRank(t("RANKS"), 2f), g("MATRIX_RANK_TOL"));
    }

    @Test
    void sizeOneAndEmptyBatches() {
        Tensor one = t("ONE");
        golden("ONE_INV", one(Ops::inv), one);
        golden("ONE_DET", one(Ops::det), one);
        check("ONE_SLOGDET_SIGN", Ops.slogdet(one).get(0));
        check("ONE_SLOGDET_LOG", Ops.slogdet(one).get(1));
        Ops13Checks.assertExact("cholesky 1 x 1", Ops.cholesky(one), g("ONE_CHOLESKY"));
        check("ONE_QR_Q", Ops.qr(one).get(0));
        check("ONE_QR_R", Ops.qr(one).get(1));
        check("ONE_SVD_S", Ops.svd(one, true, false).get(0));
        check("ONE_EIGH_W", Ops.eigh(one).get(0));
        check("ONE_PINV", Ops.pinv(one));
        check("ONE_NORM_M2", Ops.norm(one, -2f, new int[] {1, 2}, false));
        // no matrices at all: shapes only
        Tensor none = Tensor.of(new float[0], 0, 3, 3);
        assertThat(Ops.inv(none).shape()).isEqualTo(Shape.of(0, 3, 3));
        assertThat(Ops.det(none).shape()).isEqualTo(Shape.of(0));
        assertThat(Ops.svd(none).get(1).shape()).isEqualTo(Shape.of(0, 3));
        assertThat(Ops.solve(none, Tensor.of(new float[0], 0, 3, 2)).shape()).isEqualTo(Shape.of(0, 3, 2));
    }

    // ---- finite differences ----

    @Test
    void gradientsMatchFiniteDifferences() {
        GradientCheck fd = GradientCheck.of().tolerance(2e-2, 2e-3);
        Tensor g = t("G");
        Tensor a = t("A");
        fd.verify(in -> Ops.inv(in.get(0)), g);
        fd.verify(in -> Ops.solve(in.get(0), in.get(1)), g, t("B"));
        fd.verify(in -> Ops.solve(in.get(0), in.get(1)), g, t("BV"));
        fd.verify(in -> Ops.det(in.get(0)), g);
        fd.verify(in -> Ops.slogdet(in.get(0)).get(1), g);
        fd.verify(in -> Ops.logdet(in.get(0)), a);
        fd.verify(in -> Ops.cholesky(in.get(0)), a);
        fd.verify(in -> Ops.cholesky(in.get(0), true), a);
        fd.verify(in -> Ops.choleskyInverse(in.get(0)), Ops.cholesky(a));
        fd.verify(in -> Ops.solveTriangular(in.get(0), in.get(1), true), g, t("B"));
        fd.verify(in -> Ops.solveTriangular(in.get(0), in.get(1), false), g, t("B"));
        for (String nm : List.of("TALL", "WIDE", "SQ")) {
            fd.verify(in -> Ops.qr(in.get(0)).get(0), t(nm));
            fd.verify(in -> Ops.qr(in.get(0)).get(1), t(nm));
            fd.verify(in -> Ops.svd(in.get(0), false, false).get(0), t(nm));
            fd.verify(in -> signFixCols(Ops.svd(in.get(0), false, true).get(0)), t(nm));
            fd.verify(in -> Ops.pinv(in.get(0)), t(nm));
        }
        fd.verify(in -> Ops.qr(in.get(0), "complete").get(0), t("WIDE"));
        fd.verify(in -> Ops.svd(in.get(0)).get(2), t("SQ")); // full and square: differentiable
        fd.verify(in -> Ops.eigh(in.get(0)).get(0), a);
        fd.verify(in -> signFixCols(Ops.eigh(in.get(0)).get(1)), a);
        fd.verify(in -> Ops.lstsq(in.get(0), in.get(1)), t("LA"), t("LB"));
        Tensor x = t("X");
        fd.verify(in -> Ops.norm(in.get(0)), x);
        fd.verify(in -> Ops.norm(in.get(0), 3f, new int[] {-1}, true), x);
        fd.verify(in -> Ops.norm(in.get(0), "nuc", new int[] {0, 2}, false), x);
        fd.verify(in -> Ops.norm(in.get(0), -2f, new int[] {-2, -1}, false), x);
    }

    @Test
    void secondDerivativesAreRecorded() {
        // the gradient rules are written with differentiable ops, so their own gradients exist
        GradientCheck fd = GradientCheck.of().tolerance(3e-2, 3e-3);
        fd.verify(in -> OpsTesting.innerGradient(Ops::inv, in.get(0)), t("G"));
        fd.verify(in -> OpsTesting.innerGradient(Ops::det, in.get(0)), t("G"));
        fd.verify(in -> OpsTesting.innerGradient(Ops::cholesky, in.get(0)), t("A"));
    }

    // ---- symbolic shapes ----

    @Test
    void symbolicShapesAgreeWithEager() {
        Tensor g = t("G");
        Tensor tall = t("TALL");
        List<Function<List<Tensor>, List<Tensor>>> ops = List.of(
                in -> List.of(Ops.inv(in.get(0))),
                in -> List.of(Ops.solve(in.get(0), in.get(1))),
                in -> List.of(Ops.det(in.get(0)), Ops.logdet(in.get(0))),
                in -> Ops.slogdet(in.get(0)),
                in -> List.of(Ops.cholesky(in.get(0), true), Ops.choleskyInverse(in.get(0))),
                in -> List.of(Ops.solveTriangular(in.get(0), in.get(1), true)),
                in -> Ops.eigh(in.get(0)),
                in -> Ops.luFactor(in.get(2)),
                in -> Ops.qr(in.get(2)),
                in -> Ops.qr(in.get(2), "complete"),
                in -> Ops.svd(in.get(2)),
                in -> Ops.svd(in.get(2), false, true),
                in -> Ops.svd(in.get(2), false, false),
                in -> List.of(Ops.pinv(in.get(2)), Ops.matrixRank(in.get(2))),
                in -> List.of(Ops.norm(in.get(2)), Ops.norm(in.get(2), 2f, new int[] {1, 2}, true),
                        Ops.norm(in.get(2), "fro", new int[] {0, 1}, false),
                        Ops.norm(in.get(2), new int[] {-1}, false)));
        List<Tensor> concrete = List.of(g, t("B"), tall);
        List<Tensor> symbolic = List.of(Graph.input(g.shape(), "g"), Graph.input(t("B").shape(), "b"),
                Graph.input(tall.shape(), "tall"));
        for (Function<List<Tensor>, List<Tensor>> op : ops) {
            List<Tensor> e = op.apply(concrete);
            List<Tensor> s = op.apply(symbolic);
            assertThat(s).hasSameSizeAs(e);
            for (int i = 0; i < e.size(); i++) {
                assertThat(s.get(i).isSymbolic()).isTrue();
                assertThat(s.get(i).shape()).isEqualTo(e.get(i).shape());
            }
        }
        Tensor la = Graph.input(Shape.of(4, 3), "la");
        assertThat(Ops.lstsq(la, Graph.input(Shape.of(4), "lb")).shape()).isEqualTo(Shape.of(3));
        assertThat(Ops.lstsq(t("LA"), t("LB")).shape()).isEqualTo(Shape.of(3, 2));
    }

    // ---- bad input ----

    @Test
    void badShapesAreClearErrors() {
        Tensor rect = Tensor.of(new float[6], 2, 3);
        assertThatThrownBy(() -> Ops.inv(rect)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("inv").hasMessageContaining("square").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Ops.det(Tensor.of(new float[3]))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("det").hasMessageContaining("rank >= 2");
        assertThatThrownBy(() -> Ops.cholesky(rect)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("cholesky");
        assertThatThrownBy(() -> Ops.eigh(rect)).isInstanceOf(ShapeException.class).hasMessageContaining("eigh");
        assertThatThrownBy(() -> Ops.solve(t("G"), Tensor.of(new float[4]))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("solve").hasMessageContaining("(2, 3, 3)").hasMessageContaining("(4)");
        assertThatThrownBy(() -> Ops.solve(t("G"), Tensor.of(new float[3 * 3 * 2], 3, 3, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("batch")
                .hasMessageContaining("(3, 3, 2)");
        // Keras's rule: a with one axis fewer than b must match b's last axis
        assertThatThrownBy(() -> Ops.solve(t("SQ"), t("B"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(3, 3)").hasMessageContaining("(2, 3, 2)");
        assertThatThrownBy(() -> Ops.solveTriangular(t("G"), Tensor.scalar(1f), true))
                .isInstanceOf(ShapeException.class).hasMessageContaining("scalar");
        assertThatThrownBy(() -> Ops.lstsq(t("G"), t("B"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("lstsq").hasMessageContaining("rank 2");
        assertThatThrownBy(() -> Ops.lstsq(t("LA"), t("B1"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(4, 3)").hasMessageContaining("(3, 2)");
        assertThatThrownBy(() -> Ops.qr(t("SQ"), "full")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mode");
        assertThatThrownBy(() -> Ops.norm(t("X"), "fro", new int[] {-1}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fro");
        assertThatThrownBy(() -> Ops.norm(t("X"), 3f, new int[] {1, 2}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matrix norm");
        assertThatThrownBy(() -> Ops.norm(t("X"), 2f, null, false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("one axis");
        assertThatThrownBy(() -> Ops.norm(t("X"), new int[] {3}, false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> Ops.norm(t("X"), "bad", new int[] {0, 1}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");
        assertThatThrownBy(() -> Ops.pinv(Tensor.of(new float[3]))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("pinv");
    }

    @Test
    void gradientsJaxDoesNotGiveAreErrors() {
        assertThatThrownBy(() -> grad(in -> Ops.svd(in.get(0)).get(0), Tensor.scalar(1f), 0, t("TALL")))
                .isInstanceOf(
                        UnsupportedOperationException.class).hasMessageContaining("full_matrices");
        assertThatThrownBy(() -> grad(in -> Ops.qr(in.get(0), "complete").get(0), Tensor.scalar(1f), 0, t("TALL")))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("complete");
        assertThatThrownBy(() -> grad(in -> Ops.luFactor(in.get(0)).get(0), Tensor.scalar(1f), 0, t("G")))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("luFactor");
    }
}

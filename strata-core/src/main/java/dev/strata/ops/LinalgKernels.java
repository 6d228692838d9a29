package dev.strata.ops;

import java.util.Arrays;

/**
 * The double-precision kernels behind the linear-algebra ops (keras.ops.linalg): each works on one row-major matrix
 * held as a {@code double[]} (the ops loop over the batch, read each float32 matrix into double once and round the
 * results once). LU with partial pivoting and Householder QR follow LAPACK's conventions (getrf's pivots, larfg's
 * reflector signs), which are what Keras's JAX backend computes on a CPU, so the factors agree with it to rounding and
 * not only up to sign; the symmetric eigensolver (tridiagonal reduction and implicit QL, EISPACK's tred2/tql2) and the
 * SVD (one-sided Jacobi) are accurate to a few ulps of double but choose eigen- and singular-vector signs their own
 * way.
 */
final class LinalgKernels {
    private static final double EPS = 0x1p-52;

    private LinalgKernels() {
    }

    /** Matrix {@code index} of a batch of {@code rows x cols} float matrices, as doubles. */
    static double[] read(float[] data, int index, int rows, int cols) {
        int size = rows * cols;
        double[] out = new double[size];
        int base = index * size;
        for (int i = 0; i < size; i++) {
            out[i] = data[base + i];
        }
        return out;
    }

    /** Writes {@code m} (rounded to float) as matrix {@code index} of a batch in {@code out}. */
    static void write(double[] m, float[] out, int index) {
        int base = index * m.length;
        for (int i = 0; i < m.length; i++) {
            out[base + i] = (float) m[i];
        }
    }

    /**
     * LU factorisation with partial pivoting of the {@code m x n} matrix {@code a}, in place (LAPACK's getf2): the
     * unit lower factor below the diagonal, the upper on and above it; {@code piv[j]} (for j < min(m, n)) is the row
     * swapped with row j at step j. A zero pivot is left in place (no division), as LAPACK does; solves with it then
     * divide by zero (inf and NaN).
     *
     * @return the number of row exchanges (the determinant's sign is {@code (-1)^swaps})
     */
    static int lu(double[] a, int m, int n, int[] piv) {
        int k = Math.min(m, n);
        int swaps = 0;
        for (int j = 0; j < k; j++) {
            int p = j;
            double best = Math.abs(a[j * n + j]);
            for (int i = j + 1; i < m; i++) {
                double v = Math.abs(a[i * n + j]);
                if (v > best || Double.isNaN(best) && !Double.isNaN(v)) {
                    best = v;
                    p = i;
                }
            }
            piv[j] = p;
            if (p != j) {
                swaps++;
                for (int c = 0; c < n; c++) {
                    double t = a[j * n + c];
                    a[j * n + c] = a[p * n + c];
                    a[p * n + c] = t;
                }
            }
            double d = a[j * n + j];
            if (d != 0) {
                double r = 1 / d;
                for (int i = j + 1; i < m; i++) {
                    a[i * n + j] *= r;
                }
            }
            for (int i = j + 1; i < m; i++) {
                double l = a[i * n + j];
                if (l != 0) {
                    int ri = i * n;
                    int rj = j * n;
                    for (int c = j + 1; c < n; c++) {
                        a[ri + c] -= l * a[rj + c];
                    }
                }
            }
        }
        return swaps;
    }

    /** Solves {@code A x = b} for the {@code n x k} right-hand sides b (in place) given A's {@link #lu} factors. */
    static void luSolve(double[] lu, int[] piv, int n, double[] b, int k) {
        for (int j = 0; j < n; j++) {
            int p = piv[j];
            if (p != j) {
                for (int c = 0; c < k; c++) {
                    double t = b[j * k + c];
                    b[j * k + c] = b[p * k + c];
                    b[p * k + c] = t;
                }
            }
        }
        triangularSolve(lu, n, true, true, b, k);
        triangularSolve(lu, n, false, false, b, k);
    }

    /**
     * Solves {@code T x = b} in place for the {@code n x k} right-hand sides b, T the lower (or upper) triangle of
     * the {@code n x n} matrix {@code t} (the other triangle is not read), with a unit diagonal if {@code unit}.
     */
    static void triangularSolve(double[] t, int n, boolean lower, boolean unit, double[] b, int k) {
        if (lower) {
            for (int i = 0; i < n; i++) {
                int ri = i * k;
                for (int j = 0; j < i; j++) {
                    double l = t[i * n + j];
                    if (l != 0) {
                        int rj = j * k;
                        for (int c = 0; c < k; c++) {
                            b[ri + c] -= l * b[rj + c];
                        }
                    }
                }
                if (!unit) {
                    double d = t[i * n + i];
                    for (int c = 0; c < k; c++) {
                        b[ri + c] /= d;
                    }
                }
            }
        } else {
            for (int i = n - 1; i >= 0; i--) {
                int ri = i * k;
                for (int j = i + 1; j < n; j++) {
                    double u = t[i * n + j];
                    if (u != 0) {
                        int rj = j * k;
                        for (int c = 0; c < k; c++) {
                            b[ri + c] -= u * b[rj + c];
                        }
                    }
                }
                if (!unit) {
                    double d = t[i * n + i];
                    for (int c = 0; c < k; c++) {
                        b[ri + c] /= d;
                    }
                }
            }
        }
    }

    /**
     * The lower Cholesky factor of the {@code n x n} matrix {@code a}, in place, of its symmetric part
     * {@code (a + aᵀ)/2} (as JAX symmetrizes its input); the upper triangle is set to 0.
     *
     * @return false if the matrix is not positive definite (a pivot not > 0, or NaN): then every element of the
     *     lower triangle is NaN, as JAX gives
     */
    static boolean cholesky(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (a[i * n + j] + a[j * n + i]);
                a[i * n + j] = s;
                a[j * n + i] = 0;
            }
        }
        boolean ok = true;
        for (int j = 0; j < n && ok; j++) {
            double d = a[j * n + j];
            for (int c = 0; c < j; c++) {
                d -= a[j * n + c] * a[j * n + c];
            }
            if (!(d > 0)) {
                ok = false;
                break;
            }
            d = Math.sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int c = 0; c < j; c++) {
                    s -= a[i * n + c] * a[j * n + c];
                }
                a[i * n + j] = s / d;
            }
        }
        if (!ok) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    a[i * n + j] = Double.NaN;
                }
            }
        }
        return ok;
    }

    /**
     * Householder QR of the {@code m x n} matrix {@code a} (LAPACK's geqrf with larfg's signs, then orgqr): returns
     * {q, r} with q {@code m x m} ({@code complete}) or {@code m x k}, r {@code m x n} or {@code k x n}, k = min(m, n).
     */
    static double[][] qr(double[] a, int m, int n, boolean complete) {
        int k = Math.min(m, n);
        double[] tau = new double[k];
        for (int j = 0; j < k; j++) {
            double alpha = a[j * n + j];
            double xnorm = 0;
            for (int i = j + 1; i < m; i++) {
                xnorm = Math.hypot(xnorm, a[i * n + j]);
            }
            if (xnorm == 0) {
                tau[j] = 0; // H = I: the column is already upper triangular
                continue;
            }
            double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
            tau[j] = (beta - alpha) / beta;
            double scale = 1 / (alpha - beta);
            for (int i = j + 1; i < m; i++) {
                a[i * n + j] *= scale;
            }
            a[j * n + j] = beta;
            // apply H = I - tau v vᵀ (v = [1, a[j+1.., j]]) to the columns right of j
            for (int c = j + 1; c < n; c++) {
                double s = a[j * n + c];
                for (int i = j + 1; i < m; i++) {
                    s += a[i * n + j] * a[i * n + c];
                }
                s *= tau[j];
                a[j * n + c] -= s;
                for (int i = j + 1; i < m; i++) {
                    a[i * n + c] -= s * a[i * n + j];
                }
            }
        }
        int qc = complete ? m : k;
        int rr = complete ? m : k;
        double[] r = new double[rr * n];
        for (int i = 0; i < Math.min(rr, m); i++) {
            for (int c = i; c < n; c++) {
                r[i * n + c] = a[i * n + c];
            }
        }
        double[] q = new double[m * qc];
        for (int i = 0; i < qc; i++) {
            q[i * qc + i] = 1;
        }
        for (int j = k - 1; j >= 0; j--) {
            if (tau[j] == 0) {
                continue;
            }
            for (int c = 0; c < qc; c++) {
                double s = q[j * qc + c];
                for (int i = j + 1; i < m; i++) {
                    s += a[i * n + j] * q[i * qc + c];
                }
                s *= tau[j];
                q[j * qc + c] -= s;
                for (int i = j + 1; i < m; i++) {
                    q[i * qc + c] -= s * a[i * n + j];
                }
            }
        }
        return new double[][] {q, r};
    }

    /**
     * Eigenvalues (ascending) and eigenvectors (the columns of {@code v}, {@code n x n}) of the symmetric part of the
     * {@code n x n} matrix {@code a} (destroyed): Householder reduction to tridiagonal form and the implicit QL
     * algorithm (EISPACK's tred2 and tql2, as JAMA has them), with cyclic Jacobi rotations as the fallback should QL
     * not converge (non-finite input).
     */
    static void eigh(double[] a, int n, double[] w, double[] v) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (a[i * n + j] + a[j * n + i]);
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
        double[] sym = a.clone();
        double[] e = new double[n];
        System.arraycopy(a, 0, v, 0, n * n);
        if (n == 0) {
            return;
        }
        tridiagonalize(v, n, w, e);
        double[] vt = transpose(v, n, n); // QL rotates columns of V: rows of Vᵀ, contiguous
        if (!tql(vt, n, w, e)) {
            jacobiEigh(sym, n, w, v);
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] wOld = w.clone();
        Arrays.sort(order, (x, y) -> Double.compare(wOld[x], wOld[y]));
        for (int c = 0; c < n; c++) {
            w[c] = wOld[order[c]];
            int src = order[c] * n;
            for (int r = 0; r < n; r++) {
                v[r * n + c] = vt[src + r];
            }
        }
    }

    /** tred2: v (symmetric, n x n) becomes the orthogonal transformation; d the diagonal, e the subdiagonal. */
    private static void tridiagonalize(double[] v, int n, double[] d, double[] e) {
        for (int j = 0; j < n; j++) {
            d[j] = v[(n - 1) * n + j];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0;
            double h = 0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = 0;
                    v[j * n + i] = 0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j * n + i] = f;
                    g = e[j] + v[j * n + j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k * n + j] * d[k];
                        e[k] += v[k * n + j] * f;
                    }
                    e[j] = g;
                }
                f = 0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k * n + j] -= f * e[k] + g * d[k];
                    }
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = 0;
                }
            }
            d[i] = h;
        }
        for (int i = 0; i < n - 1; i++) {
            v[(n - 1) * n + i] = v[i * n + i];
            v[i * n + i] = 1;
            double h = d[i + 1];
            if (h != 0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = v[k * n + i + 1] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0;
                    for (int k = 0; k <= i; k++) {
                        g += v[k * n + i + 1] * v[k * n + j];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[k * n + j] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[k * n + i + 1] = 0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[(n - 1) * n + j];
            v[(n - 1) * n + j] = 0;
        }
        v[(n - 1) * n + n - 1] = 1;
        e[0] = 0;
    }

    /**
     * tql2 on the tridiagonal (d, e), rotating the rows of {@code vt} (Vᵀ): d becomes the eigenvalues (unsorted).
     *
     * @return false if an eigenvalue did not converge in 60 iterations
     */
    private static boolean tql(double[] vt, int n, double[] d, double[] e) {
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0;
        double f = 0;
        double tst1 = 0;
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1 && !(Math.abs(e[m]) <= EPS * tst1)) {
                m++;
            }
            if (m > l) {
                int iterations = 0;
                do {
                    if (++iterations > 60) {
                        return false;
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = Math.hypot(p, 1);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0;
                    double s2 = 0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        int ri = i * n;
                        int rj = (i + 1) * n;
                        for (int k = 0; k < n; k++) {
                            double hk = vt[rj + k];
                            vt[rj + k] = s * vt[ri + k] + c * hk;
                            vt[ri + k] = c * vt[ri + k] - s * hk;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > EPS * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
        for (double x : d) {
            if (Double.isNaN(x)) {
                return false;
            }
        }
        return true;
    }

    /** The Jacobi fallback of {@link #eigh}: a is symmetric. */
    private static void jacobiEigh(double[] a, int n, double[] w, double[] v) {
        Arrays.fill(v, 0);
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i * n + i] * a[i * n + i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i * n + j] * a[i * n + j];
                }
            }
            if (!(off > EPS * EPS * diag * 1e-4) || Double.isNaN(off)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double app = a[p * n + p];
                    double aqq = a[q * n + q];
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.copySign(1, theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (Double.isInfinite(theta * theta)) {
                        t = 1 / (2 * theta);
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < n; r++) { // columns p and q of A
                        double arp = a[r * n + p];
                        double arq = a[r * n + q];
                        a[r * n + p] = c * arp - s * arq;
                        a[r * n + q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < n; r++) { // rows p and q
                        double apr = a[p * n + r];
                        double aqr = a[q * n + r];
                        a[p * n + r] = c * apr - s * aqr;
                        a[q * n + r] = s * apr + c * aqr;
                    }
                    a[p * n + q] = 0;
                    a[q * n + p] = 0;
                    for (int r = 0; r < n; r++) {
                        double vrp = v[r * n + p];
                        double vrq = v[r * n + q];
                        v[r * n + p] = c * vrp - s * vrq;
                        v[r * n + q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            w[i] = a[i * n + i];
        }
        double[] wOld = w.clone();
        Arrays.sort(order, (x, y) -> Double.compare(wOld[x], wOld[y]));
        double[] vOld = v.clone();
        for (int c = 0; c < n; c++) {
            w[c] = wOld[order[c]];
            for (int r = 0; r < n; r++) {
                v[r * n + c] = vOld[r * n + order[c]];
            }
        }
    }

    /**
     * The SVD {@code a = u·diag(s)·vt} of the {@code m x n} matrix {@code a} by one-sided Jacobi rotations: returns
     * {u, s, vt} with s descending (length k = min(m, n)), u {@code m x m} ({@code full}) or {@code m x k}, vt
     * {@code n x n} or {@code k x n}. Left vectors of zero singular values, and the extra ones of a full SVD, complete
     * an orthonormal basis.
     */
    static double[][] svd(double[] a, int m, int n, boolean full) {
        if (m < n) { // aᵀ = u'·s·v'ᵀ, so a = v'·s·u'ᵀ
            double[] at = transpose(a, m, n);
            double[][] t = svd(at, n, m, full);
            int uc = full ? n : m;
            return new double[][] {transpose(t[2], t[2].length / m, m), t[1], transpose(t[0], n, uc)};
        }
        // m >= n: rotate the columns of a (held as the rows of w, n x m) until they are orthogonal
        double[] w = transpose(a, m, n);
        double[] v = new double[n * n]; // rows of v are the columns of V
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (int i = 0; i < m; i++) {
                        double wp = w[p * m + i];
                        double wq = w[q * m + i];
                        alpha += wp * wp;
                        beta += wq * wq;
                        gamma += wp * wq;
                    }
                    if (gamma == 0 || !(Math.abs(gamma) > EPS * Math.sqrt(alpha * beta))) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.copySign(1, zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (Double.isInfinite(zeta * zeta)) {
                        t = 1 / (2 * zeta);
                    }
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    for (int i = 0; i < m; i++) {
                        double wp = w[p * m + i];
                        double wq = w[q * m + i];
                        w[p * m + i] = c * wp - s * wq;
                        w[q * m + i] = s * wp + c * wq;
                    }
                    for (int i = 0; i < n; i++) {
                        double vp = v[p * n + i];
                        double vq = v[q * n + i];
                        v[p * n + i] = c * vp - s * vq;
                        v[q * n + i] = s * vp + c * vq;
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] norms = new double[n];
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s = Math.hypot(s, w[j * m + i]);
            }
            norms[j] = s;
            order[j] = j;
        }
        Arrays.sort(order, (x, y) -> Double.compare(norms[y], norms[x]));
        int uc = full ? m : n;
        double[] s = new double[n];
        double[] ut = new double[uc * m]; // rows are the columns of U
        double[] vt = new double[n * n];
        double tiny = (norms.length == 0 ? 0 : norms[order[0]]) * EPS * m;
        int filled = 0;
        boolean[] done = new boolean[uc];
        for (int c = 0; c < n; c++) {
            int j = order[c];
            s[c] = norms[j];
            System.arraycopy(v, j * n, vt, c * n, n);
            if (norms[j] > tiny && norms[j] > 0) {
                for (int i = 0; i < m; i++) {
                    ut[c * m + i] = w[j * m + i] / norms[j];
                }
                done[c] = true;
                filled++;
            }
        }
        if (filled < uc) {
            completeBasis(ut, uc, m, done);
        }
        return new double[][] {transpose(ut, uc, m), s, vt};
    }

    /** Fills the rows of {@code q} ({@code rows x m}) not {@code done} so all rows are orthonormal. */
    private static void completeBasis(double[] q, int rows, int m, boolean[] done) {
        int candidate = 0;
        for (int r = 0; r < rows; r++) {
            if (done[r]) {
                continue;
            }
            while (candidate < m) {
                double[] e = new double[m];
                e[candidate++] = 1;
                for (int pass = 0; pass < 2; pass++) { // Gram-Schmidt twice is enough in floating point
                    for (int o = 0; o < rows; o++) {
                        if (!done[o]) {
                            continue;
                        }
                        double d = 0;
                        for (int i = 0; i < m; i++) {
                            d += q[o * m + i] * e[i];
                        }
                        for (int i = 0; i < m; i++) {
                            e[i] -= d * q[o * m + i];
                        }
                    }
                }
                double nrm = 0;
                for (int i = 0; i < m; i++) {
                    nrm = Math.hypot(nrm, e[i]);
                }
                if (nrm > 1e-6) {
                    for (int i = 0; i < m; i++) {
                        q[r * m + i] = e[i] / nrm;
                    }
                    done[r] = true;
                    break;
                }
            }
        }
    }

    static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}

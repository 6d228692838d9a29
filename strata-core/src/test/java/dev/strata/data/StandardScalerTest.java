package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Reference values from scikit-learn 1.9.1 / numpy 2.4.6, produced by {@code tools/golden/standard_scaler.py}
 * (run with the California housing CSV as its argument).
 */
class StandardScalerTest {
    // Mixed signs and magnitudes, a constant column of 0.1f (its computed variance is not exactly 0 in every
    // summation order; scikit-learn's constant-feature rule gives it scale 1), a NaN, a large offset.
    private static final float[] X = {1.5f, -2.0f, 0.10000000149011612f, 3.0f, 1000.25f, 2.25f, 7.5f,
        0.10000000149011612f, Float.NaN, 1000.5f, -0.75f, 3.125f, 0.10000000149011612f, 4.5f, 999.75f, 10.0f, 0.0f,
        0.10000000149011612f, -1.0f, 1001.0f, 3.299999952316284f, -4.400000095367432f, 0.10000000149011612f,
        2.200000047683716f, 1000.0f, 0.0010000000474974513f, 10000.0f, 0.10000000149011612f, 0.5f, 1000.125f};
    private static final double[] MEAN = {2.7168333253939636, 1667.3708333174388, 0.10000000149011612,
        1.8400000095367433, 1000.2708333333334};
    private static final double[] VAR = {12.41298346291004, 13886556.06680662, 0.0, 3.6824000068664553,
        0.15842013888888887};
    private static final double[] SCALE = {3.523206417868536, 3726.466968430905, 1.0, 1.9189580523988676,
        0.39802027446964167};
    private static final long[] SEEN = {6, 6, 6, 5, 6};
    private static final float[] TRANSFORMED = {-0.3453766703605652f, -0.44797682762145996f, 0.0f,
        0.6044946908950806f, -0.052291277796030045f, -0.13250240683555603f, -0.44542747735977173f, 0.0f, Float.NaN,
        0.5758174657821655f, -0.983999490737915f, -0.4466015100479126f, 0.0f, 1.3861688375473022f,
        -1.3085087537765503f, 2.0671985149383545f, -0.44744011759757996f, 0.0f, -1.47996985912323f,
        1.8320348262786865f, 0.1655215471982956f, -0.44862085580825806f, 0.0f, 0.18760181963443756f,
        -0.680400013923645f, -0.7708414196968079f, 2.2360668182373047f, 0.0f, -0.6982956528663635f,
        -0.3663456439971924f};
    private static final float[] INVERSE = {1.5f, -2.0f, 0.10000000149011612f, 3.0f, 1000.25f, 2.25f, 7.5f,
        0.10000000149011612f, Float.NaN, 1000.5f, -0.75f, 3.125f, 0.10000000149011612f, 4.5f, 999.75f,
        10.000000953674316f, 0.0f, 0.10000000149011612f, -1.0000001192092896f, 1001.0f, 3.299999952316284f,
        -4.4000244140625f, 0.10000000149011612f, 2.200000047683716f, 1000.0f, 0.0009999275207519531f, 10000.0f,
        0.10000000149011612f, 0.5f, 1000.125f};
    private static final float[] NO_MEAN = {0.4257485270500183f, -0.0005367013509385288f, 0.10000000149011612f,
        1.563348412513733f, 2513.06298828125f, 0.6386228203773499f, 0.0020126302260905504f, 0.10000000149011612f,
        Float.NaN, 2513.691162109375f, -0.21287426352500916f, 0.0008385959081351757f, 0.10000000149011612f,
        2.345022678375244f, 2511.806884765625f, 2.8383235931396484f, 0.0f, 0.10000000149011612f,
        -0.5211161375045776f, 2514.947265625f, 0.9366467595100403f, -0.0011807431001216173f, 0.10000000149011612f,
        1.1464555263519287f, 2512.434814453125f, 0.0002838323707692325f, 2.683506965637207f, 0.10000000149011612f,
        0.2605580687522888f, 2512.7490234375f};

    private static final double[] HOUSING_MEAN = {3.8706710030346416, 28.639486434108527, 5.428999742082962,
        1.0966751499462497, 1425.4767441860465, 3.0706551620260227, 35.63186143109965, -119.56970444871473};
    private static final double[] HOUSING_SCALE = {1.8997756949935525, 12.585252725724594, 2.4741132082752895,
        0.4738993723777127, 1132.4346877576115, 10.38579823483292, 2.135900636943707, 2.003483207176804};
    private static final float[] HOUSING_ROW0 = {2.3447656631469727f, 0.9821426868438721f, 0.628559410572052f,
        -0.15375755727291107f, -0.9744285345077515f, -0.049596525728702545f, 1.0525481700897217f,
        -1.3278379440307617f};
    private static final float[] HOUSING_ROW_LAST = {-0.7801294326782227f, -1.0043092966079712f,
        -0.07044262439012527f, 0.13840270042419434f, -0.0339769572019577f, -0.04368215799331665f,
        1.7501451969146729f, -0.8336958289146423f};

    private static Tensor x() {
        return Tensor.of(X, 6, 5);
    }

    @Test
    void fitLearnsScikitLearnsStatistics() {
        StandardScaler s = new StandardScaler().fit(x());
        assertClose(s.mean(), MEAN, 1e-14);
        assertClose(s.variance(), VAR, 1e-12);
        assertClose(s.scale(), SCALE, 1e-13);
        assertThat(s.samplesSeen()).containsExactly(SEEN);
        assertThat(s.featureCount()).isEqualTo(5);
        assertThat(s.variance()[2]).isLessThan(1e-30); // constant column: scale 1, not 0
        assertThat(s.scale()[2]).isEqualTo(1.0);
    }

    @Test
    void transformEqualsScikitLearnBitForBit() {
        StandardScaler s = new StandardScaler();
        Tensor t = s.fitTransform(x());
        assertThat(t.shape()).isEqualTo(x().shape());
        assertThat(t.toFloatArray()).containsExactly(TRANSFORMED);
        assertThat(s.transform(x()).toFloatArray()).containsExactly(TRANSFORMED);
        assertThat(s.inverseTransform(t).toFloatArray()).containsExactly(INVERSE);
        assertThat(new StandardScaler(false, true).fitTransform(x()).toFloatArray()).containsExactly(NO_MEAN);
        assertThat(new StandardScaler(false, false).fitTransform(x()).toFloatArray()).containsExactly(X);
    }

    @Test
    void roundTripRecoversTheDataToFloatPrecision() {
        Table d = Datasets.californiaHousing();
        StandardScaler s = new StandardScaler();
        Tensor z = s.fitTransform(d.features());
        float[] back = s.inverseTransform(z).toFloatArray();
        float[] original = d.features().toFloatArray();
        double[] columnMean = s.mean();
        for (int i = 0; i < original.length; i++) {
            // Centering cancels digits: the error is a few ulps of the larger of the value and its column mean.
            float magnitude = Math.max(Math.abs(original[i]), (float) Math.abs(columnMean[i % 8]));
            assertThat(back[i]).isCloseTo(original[i], within(4 * Math.ulp(magnitude)));
        }
        // Standardized columns: mean 0 and population std 1, up to float rounding.
        float[] zs = z.toFloatArray();
        for (int c = 0; c < 8; c++) {
            double sum = 0;
            double sq = 0;
            for (int r = 0; r < d.size(); r++) {
                sum += zs[r * 8 + c];
            }
            double mean = sum / d.size();
            for (int r = 0; r < d.size(); r++) {
                sq += (zs[r * 8 + c] - mean) * (zs[r * 8 + c] - mean);
            }
            // The mean is rounded to float before subtracting (as in scikit-learn): for Longitude (-119.57) that
            // alone shifts the result by up to half an ulp (3.8e-6) over the scale (2.0).
            assertThat(mean).isCloseTo(0, within(5e-6));
            assertThat(Math.sqrt(sq / d.size())).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void californiaHousingFeaturesMatchScikitLearn() {
        Table d = Datasets.californiaHousing();
        StandardScaler s = new StandardScaler().fit(d.features());
        assertClose(s.mean(), HOUSING_MEAN, 1e-13);
        assertClose(s.scale(), HOUSING_SCALE, 1e-12);
        Tensor first = s.transform(Rows.select(d.features(), 0, 1));
        Tensor last = s.transform(Rows.select(d.features(), d.size() - 1, d.size()));
        assertThat(first.toFloatArray()).containsExactly(HOUSING_ROW0);
        assertThat(last.toFloatArray()).containsExactly(HOUSING_ROW_LAST);
    }

    @Test
    void errorsSayWhatIsWrong() {
        StandardScaler s = new StandardScaler();
        assertThatThrownBy(() -> s.transform(x())).isInstanceOf(IllegalStateException.class)
                .hasMessage("StandardScaler.transform: this scaler is not fitted yet; call fit(x) or fitTransform(x)"
                        + " first");
        assertThatThrownBy(s::mean).isInstanceOf(IllegalStateException.class).hasMessageContaining("not fitted");
        assertThatThrownBy(() -> s.inverseTransform(x())).hasMessageContaining("inverseTransform: this scaler is"
                + " not fitted");
        s.fit(x());
        assertThatThrownBy(() -> s.transform(Tensor.zeros(2, 4))).isInstanceOf(ShapeException.class)
                .hasMessage("StandardScaler.transform: x (2, 4) has 4 columns but the scaler was fitted on 5"
                        + " columns");
        assertThatThrownBy(() -> s.inverseTransform(Tensor.zeros(2, 6))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("has 6 columns but the scaler was fitted on 5 columns");
        assertThatThrownBy(() -> s.transform(Tensor.zeros(5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("x must be a matrix (samples, features), got shape (5,); reshape a single");
        assertThatThrownBy(() -> s.fit(Tensor.zeros(0, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x (0, 3) has no rows");
        assertThatThrownBy(() -> s.fit(Tensor.of(new float[] {1, Float.POSITIVE_INFINITY}, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x contains Infinity at row 0, column 1");
        assertThat(s.featureCount()).as("a failed fit keeps the earlier one").isEqualTo(5);
    }

    @Test
    void refitReplacesTheStatistics() {
        StandardScaler s = new StandardScaler().fit(x());
        s.fit(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        assertThat(s.mean()).containsExactly(2, 3);
        assertThat(s.scale()).containsExactly(1, 1);
        assertThat(s.transform(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)).toFloatArray())
                .containsExactly(-1, -1, 1, 1);
    }

    private static void assertClose(double[] actual, double[] expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i)
                    .isCloseTo(expected[i], within(relative * Math.max(1e-300, Math.abs(expected[i]))));
        }
    }
}

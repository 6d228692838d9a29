package dev.strata.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Data sets bundled with Strata, in the form scikit-learn's loaders give them. */
public final class Datasets {
    private static final String CALIFORNIA = "california_housing.csv.gz";
    private static final List<String> CALIFORNIA_FEATURES = List.of("MedInc", "HouseAge", "AveRooms", "AveBedrms",
            "Population", "AveOccup", "Latitude", "Longitude");
    private static final String CALIFORNIA_TARGET = "MedHouseVal";
    private static final int CALIFORNIA_ROWS = 20_640;

    private Datasets() {
    }

    /**
     * The California housing data set, as scikit-learn's {@code fetch_california_housing()} returns it, in
     * float32: 20,640 census block groups of the 1990 U.S. Census.
     *
     * <ul>
     *   <li>features {@code (20640, 8)}: {@code MedInc} (median income in the block group, in tens of thousands
     *       of USD), {@code HouseAge} (median house age), {@code AveRooms} and {@code AveBedrms} (average rooms
     *       and bedrooms per household), {@code Population}, {@code AveOccup} (average household members),
     *       {@code Latitude}, {@code Longitude};
     *   <li>targets {@code (20640, 1)}: {@code MedHouseVal}, the median house value in units of 100,000 USD.
     * </ul>
     *
     * <p>Each value is the float32 rounding of scikit-learn's float64 value (numpy's {@code astype(float32)}).
     * The rows are in scikit-learn's order. The data is read from the bundled gzip file on each call (a few tens
     * of milliseconds) and each call returns a new {@code Dataset}. Source: R. Kelley Pace and Ronald Barry,
     * "Sparse Spatial Autoregressions", Statistics &amp; Probability Letters 33 (1997) 291-297, via the StatLib
     * archive; see the {@linkplain dev.strata.data package documentation} for provenance.
     *
     * @throws IllegalStateException if the bundled file is missing or damaged (a broken build)
     */
    public static Dataset californiaHousing() {
        try (InputStream raw = Datasets.class.getResourceAsStream(CALIFORNIA)) {
            if (raw == null) {
                throw new IllegalStateException("Datasets.californiaHousing: the bundled resource dev/strata/data/"
                        + CALIFORNIA + " is missing from the classpath");
            }
            Dataset d = Csv.read(new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16), CALIFORNIA,
                    CsvOptions.defaults().targetColumns(CALIFORNIA_TARGET));
            if (d.size() != CALIFORNIA_ROWS || !d.featureNames().equals(CALIFORNIA_FEATURES)) {
                throw new IllegalStateException("Datasets.californiaHousing: the bundled file has " + d.size()
                        + " rows and features " + d.featureNames() + "; expected " + CALIFORNIA_ROWS + " rows and "
                        + CALIFORNIA_FEATURES);
            }
            return d;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Datasets.californiaHousing: cannot read the bundled " + CALIFORNIA
                    + ": " + e.getMessage(), e);
        }
    }
}

package dev.strata.data;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Data sets: California housing, bundled with Strata, and Fashion-MNIST, read from its IDX files; in the form
 * scikit-learn's loaders give them.
 */
public final class Datasets {
    private static final String CALIFORNIA = "california_housing.csv.gz";
    private static final List<String> CALIFORNIA_FEATURES = List.of("MedInc", "HouseAge", "AveRooms", "AveBedrms",
            "Population", "AveOccup", "Latitude", "Longitude");
    private static final String CALIFORNIA_TARGET = "MedHouseVal";
    private static final int CALIFORNIA_ROWS = 20_640;

    private static final int FASHION_CLASSES = 10;
    private static final int FASHION_SIDE = 28;
    private static final List<String> FASHION_LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

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
     * of milliseconds) and each call returns a new {@code Table}. Source: R. Kelley Pace and Ronald Barry,
     * "Sparse Spatial Autoregressions", Statistics &amp; Probability Letters 33 (1997) 291-297, via the StatLib
     * archive; see the {@linkplain dev.strata.data package documentation} for provenance.
     *
     * @throws IllegalStateException if the bundled file is missing or damaged (a broken build)
     */
    public static Table californiaHousing() {
        try (InputStream raw = Datasets.class.getResourceAsStream(CALIFORNIA)) {
            if (raw == null) {
                throw new IllegalStateException("Datasets.californiaHousing: the bundled resource dev/strata/data/"
                        + CALIFORNIA + " is missing from the classpath");
            }
            Table d = Csv.read(new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16), CALIFORNIA,
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

    /**
     * Fashion-MNIST from a directory holding its four standard IDX files ({@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each
     * gzipped with {@code .gz} or plain), with pixels scaled to [0, 1]. Strata does not bundle these files
     * (about 30 MB); see {@link #fashionMnist(Path, boolean)}.
     *
     * @throws IdxException if a file is missing or malformed, or the files do not fit together
     */
    public static Split fashionMnist(Path dir) {
        return fashionMnist(dir, true);
    }

    /**
     * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf, 2017; MIT license, Zalando SE) from a directory holding its four
     * standard IDX files, as the train and test sets: 60,000 and 10,000 grayscale 28x28 images of clothing in
     * 10 classes (0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag,
     * 9 Ankle boot). Unlike Keras's {@code fashion_mnist.load_data()}, which gives uint8 images of shape
     * {@code (n, 28, 28)}, each image here is already flattened for a Dense network:
     *
     * <ul>
     *   <li>features {@code (n, 784)}, float32, row-major pixels {@code pixel0 ... pixel783}, in [0, 1] if
     *       {@code scaleToUnit} (the uint8 value divided by 255) else 0 ... 255;
     *   <li>targets {@code (n,)}, the class index as a float, named {@code label}, ready for
     *       {@code sparse_categorical_crossentropy}.
     * </ul>
     *
     * <p>For each file the directory may hold {@code NAME.gz} (preferred) or plain {@code NAME}. Reading the
     * training images takes about half a second.
     *
     * @throws IdxException if a file is missing or malformed, the images are not 28x28, image and label counts
     *     differ, or a label is not a class index 0 ... 9
     */
    public static Split fashionMnist(Path dir, boolean scaleToUnit) {
        Table train = fashionMnistPart(dir, "train", scaleToUnit);
        Table test = fashionMnistPart(dir, "t10k", scaleToUnit);
        return new Split(train, test);
    }

    /** The names of Fashion-MNIST's ten classes, by class index. */
    public static List<String> fashionMnistClassNames() {
        return FASHION_LABELS;
    }

    private static Table fashionMnistPart(Path dir, String part, boolean scaleToUnit) {
        Path imagesFile = idxFile(dir, part + "-images-idx3-ubyte");
        Path labelsFile = idxFile(dir, part + "-labels-idx1-ubyte");
        Tensor images = Idx.read(imagesFile, scaleToUnit);
        Tensor labels = Idx.read(labelsFile);
        Shape s = images.shape();
        if (s.rank() != 3 || s.get(1) != FASHION_SIDE || s.get(2) != FASHION_SIDE) {
            throw new IdxException("Datasets.fashionMnist: " + imagesFile + " holds shape " + s + "; Fashion-MNIST "
                    + "images are (n, 28, 28)", imagesFile.toString());
        }
        if (labels.rank() != 1 || labels.shape().get(0) != s.get(0)) {
            throw new IdxException("Datasets.fashionMnist: " + labelsFile + " holds shape " + labels.shape()
                    + " but " + imagesFile + " has " + s.get(0) + " images; expected (" + s.get(0) + ",) labels",
                    labelsFile.toString());
        }
        float[] y = DataSupport.data(labels, "Datasets.fashionMnist");
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= FASHION_CLASSES) {
                throw new IdxException("Datasets.fashionMnist: label " + i + " in " + labelsFile + " is " + y[i]
                        + "; Fashion-MNIST labels are class indices 0 ... 9", labelsFile.toString());
            }
        }
        int n = s.get(0);
        int d = FASHION_SIDE * FASHION_SIDE;
        // Flattening a row-major (n, 28, 28) array to (n, 784) keeps the storage as it is.
        Tensor features = DataSupport.wrap(DataSupport.data(images, "Datasets.fashionMnist"), n, d);
        List<String> names = new ArrayList<>(d);
        for (int i = 0; i < d; i++) {
            names.add("pixel" + i);
        }
        return new Table(features, labels, names, List.of("label"));
    }

    private static Path idxFile(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new IdxException("Datasets.fashionMnist: neither " + gz + " nor " + plain + " exists; the directory"
                + " must hold the four Fashion-MNIST IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, gzipped or not)", dir.toString());
    }
}

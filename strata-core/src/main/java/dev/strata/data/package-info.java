/**
 * Data for training: in-memory tables of examples ({@link dev.strata.data.Table}), the bundled California housing data set
 * ({@link dev.strata.data.Datasets#californiaHousing()}), Fashion-MNIST read from its IDX files
 * ({@link dev.strata.data.Datasets#fashionMnist(java.nio.file.Path)}, {@link dev.strata.data.Idx}), CSV loading
 * ({@link dev.strata.data.Csv}), splitting in the manner of scikit-learn's {@code train_test_split}
 * ({@link dev.strata.data.Table#split}, {@link dev.strata.data.Splits}), feature scaling
 * ({@link dev.strata.data.StandardScaler}) and row and column selection ({@link dev.strata.data.Rows},
 * {@link dev.strata.data.Columns}), and images: {@link dev.strata.data.ImageDatasets#imageDatasetFromDirectory}
 * (Keras's {@code image_dataset_from_directory}, into memory) and {@link dev.strata.data.ImageUtils}
 * ({@code load_img}, {@code img_to_array}, {@code array_to_img}, {@code save_img} through {@code javax.imageio}),
 * and sequences: {@link dev.strata.data.Sequences} ({@code pad_sequences}, {@code timeseries_dataset_from_array}).
 *
 * <pre>{@code
 * Table housing = Datasets.californiaHousing();        // (20640, 8) features, (20640, 1) targets
 * Split full = housing.split(0.2, 42);                   // 16512 train rows, 4128 test rows
 * Split tv = full.train().split(0.25, 42);               // train / validation
 * StandardScaler scaler = new StandardScaler();
 * Tensor xTrain = scaler.fitTransform(tv.train().features());
 * Tensor xValid = scaler.transform(tv.test().features());
 * Tensor xWide = Columns.select(xTrain, 0, 5);           // x[:, :5]
 * Tensor xDeep = Columns.select(xTrain, 2);              // x[:, 2:]
 * }</pre>
 *
 * <p>Everything here works on concrete tensors and is not recorded by a {@code GradientTape}: it prepares data
 * before training. Inside a model, use the ops in {@code dev.strata.ops}.
 *
 * <h2>The bundled California housing data</h2>
 * The file {@code dev/strata/data/california_housing.csv.gz} (708,365 bytes, sha256
 * {@code dd226f82db6264ad85a0a90c04c1bd4afe0374cd273f5599a838f3d79f953ea9}) holds the table of scikit-learn's
 * {@code fetch_california_housing()}: 20,640 census block groups of the 1990 U.S. Census, derived from the
 * StatLib file {@code cal_housing.data} exactly as scikit-learn derives it. Its provenance is described in
 * {@code dev/strata/data/california_housing.README.md} next to it. The data were compiled by R. Kelley Pace
 * and Ronald Barry, "Sparse Spatial Autoregressions", <i>Statistics &amp; Probability Letters</i> 33 (1997)
 * 291-297, and distributed through the StatLib archive (CMU); see
 * <a href="https://www.dcc.fc.up.pt/~ltorgo/Regression/cal_housing.html">Luís Torgo's page</a>. The census
 * figures are a U.S. government work, public domain in the US; no license text accompanies the data. Cite
 * Pace &amp; Barry (1997) when you use it.
 */
package dev.strata.data;

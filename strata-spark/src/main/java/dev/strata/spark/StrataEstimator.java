package dev.strata.spark;

import dev.strata.models.Model;
import dev.strata.training.History;
import dev.strata.training.TrainingListener;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link Estimator} that trains a copy of a compiled Strata model with {@link SparkTraining#fit} and
 * gives a {@link StrataModel}, so Strata models take part in ML {@code Pipeline}s (after a {@code VectorAssembler}
 * or a {@code StandardScaler}, whose Vector column feeds a model input) and are saved and loaded with them.
 *
 * <pre>{@code
 * model.compile(new Adam(1e-3f), "mse");
 * StrataEstimator strata = new StrataEstimator().setModel(model)
 *         .setInputCols(new String[] {"scaled"}).setLabelCols(new String[] {"y"})
 *         .setEpochs(10).setBatchSize(32);
 * PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, strata}).fit(train);
 * fitted.transform(test);       // adds "prediction"
 * fitted.write().save(dir);     // the .keras file inside
 * }</pre>
 *
 * <p>Params: {@code inputCols} and {@code labelCols} (one group of columns per model input and output, as in
 * {@link ColumnSpec}), {@code predictionCols} (one per output; default {@code ["prediction"]}), {@code epochs}
 * (1), {@code batchSize} (32), {@code workers} (0: Spark's default parallelism), {@code mode}
 * ({@code "synchronous"} or {@code "local_sgd"}), {@code averageEvery} (16), {@code shuffle} (true), {@code seed}
 * (0), {@code verbose} (0) and {@code validationIndicatorCol} (unset: no validation; as Spark's gradient-boosted
 * trees name it, a boolean column whose true rows are held out as validation data, evaluated on the driver after
 * each epoch, or every {@code validationFreq} epochs (1), which keeps the validation rows going through the same
 * pipeline stages as the training rows). The
 * model to start from is held as its {@code .keras} bytes; fitting never changes it. Callbacks
 * ({@link #setCallbacks}) run on the driver as with {@link SparkFitOptions#callbacks}; being objects of this JVM they
 * are carried by {@link #copy} but not saved.
 */
public final class StrataEstimator extends Estimator<StrataModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String[][]> inputCols;
    private final Param<String[][]> labelCols;
    private final StringArrayParam predictionCols;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final IntParam workers;
    private final Param<String> mode;
    private final IntParam averageEvery;
    private final Param<Object> shuffle;
    private final LongParam seed;
    private final IntParam verbose;
    private final Param<String> validationIndicatorCol;
    private final IntParam validationFreq;
    private List<TrainingListener> callbacks = List.of();
    /** The compiled model to start from, as its .keras bytes; null until {@link #setModel}. */
    private byte[] keras;
    private transient Model loaded;
    private transient History lastHistory;

    /** A new estimator with a random uid. */
    public StrataEstimator() {
        this(Identifiable$.MODULE$.randomUID("strata"));
    }

    /** A new estimator with the given uid (Spark's copy and load use this constructor). */
    public StrataEstimator(String uid) {
        this.uid = uid;
        inputCols = new MlSupport.ColumnGroupsParam(this, "inputCols", "one group of columns per model input");
        labelCols = new MlSupport.ColumnGroupsParam(this, "labelCols", "one group of label columns per model output");
        predictionCols = new StringArrayParam(this, "predictionCols", "one prediction column per model output");
        epochs = new IntParam(this, "epochs", "epochs to train (>= 1)", ParamValidators.gtEq(1));
        batchSize = new IntParam(this, "batchSize", "the global batch size (>= 1)", ParamValidators.gtEq(1));
        workers = new IntParam(this, "workers", "workers, one barrier task each (0: Spark's default parallelism)",
                ParamValidators.gtEq(0));
        mode = new Param<>(this, "mode", "how the replicas stay together: synchronous or local_sgd",
                ParamValidators.inArray(new String[] {"synchronous", "local_sgd"}));
        averageEvery = new IntParam(this, "averageEvery", "for local_sgd: steps between two averagings (>= 1)",
                ParamValidators.gtEq(1));
        shuffle = new org.apache.spark.ml.param.BooleanParam(this, "shuffle", "whether each epoch visits the rows in "
                + "a new order");
        seed = new LongParam(this, "seed", "the seed of the shuffle order");
        verbose = new IntParam(this, "verbose", "0 silent, 1 or 2: one line per epoch on the driver",
                ParamValidators.inRange(0, 2));
        validationIndicatorCol = new Param<>(this, "validationIndicatorCol", "name of the boolean column that says "
                + "whether a row is for training (false) or for validation (true)");
        validationFreq = new IntParam(this, "validationFreq", "with validationIndicatorCol: validate after every n-th "
                + "epoch, counted from 1 (>= 1)", ParamValidators.gtEq(1));
        setDefault(predictionCols, new String[] {"prediction"});
        setDefault(epochs, 1);
        setDefault(batchSize, 32);
        setDefault(workers, 0);
        setDefault(mode, "synchronous");
        setDefault(averageEvery, 16);
        setDefault(shuffle, true);
        setDefault(seed, 0L);
        setDefault(verbose, 0);
        setDefault(validationFreq, 1);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** One group of columns per model input, in the model's input order. */
    public Param<String[][]> inputCols() {
        return inputCols;
    }

    /** One group of label columns per model output. */
    public Param<String[][]> labelCols() {
        return labelCols;
    }

    /** One prediction column per model output (default {@code ["prediction"]}). */
    public StringArrayParam predictionCols() {
        return predictionCols;
    }

    /** Epochs to train (default 1). */
    public IntParam epochs() {
        return epochs;
    }

    /** The global batch size (default 32). */
    public IntParam batchSize() {
        return batchSize;
    }

    /** Workers, one barrier task each (default 0: Spark's default parallelism). */
    public IntParam workers() {
        return workers;
    }

    /** {@code "synchronous"} (default) or {@code "local_sgd"}, as {@link SparkFitOptions.Mode}. */
    public Param<String> mode() {
        return mode;
    }

    /** For {@code local_sgd}: the steps between two averagings (default 16). */
    public IntParam averageEvery() {
        return averageEvery;
    }

    /** Whether each epoch visits the rows in a new order (default true). */
    public Param<Object> shuffle() {
        return shuffle;
    }

    /** The seed of the shuffle order (default 0). */
    public LongParam seed() {
        return seed;
    }

    /** 0 (default) silent, 1 or 2: one line per epoch on the driver. */
    public IntParam verbose() {
        return verbose;
    }

    /** The boolean column whose true rows are validation data, evaluated after each epoch (default: unset). */
    public Param<String> validationIndicatorCol() {
        return validationIndicatorCol;
    }

    /** Sets the column whose true rows are held out as validation data (its false rows are trained on). */
    public StrataEstimator setValidationIndicatorCol(String column) {
        set(validationIndicatorCol, column);
        return this;
    }

    /**
     * With {@code validationIndicatorCol}: validate after every n-th epoch, counted from 1 (epochs n, 2n, ...;
     * default 1), Keras's {@code validation_freq}.
     */
    public IntParam validationFreq() {
        return validationFreq;
    }

    /** Sets how many epochs pass between two validations (Keras's {@code validation_freq}). */
    public StrataEstimator setValidationFreq(int value) {
        set(validationFreq, value);
        return this;
    }

    /** Sets the callbacks run on the driver during {@link #fit} (not saved with the estimator). */
    public StrataEstimator setCallbacks(TrainingListener... value) {
        this.callbacks = List.of(value);
        return this;
    }

    /** The callbacks run on the driver during {@link #fit}. */
    public List<TrainingListener> getCallbacks() {
        return callbacks;
    }

    /** Sets the columns of each model input: one array of column names per input. */
    public StrataEstimator setInputCols(String[]... groups) {
        set(inputCols, groups);
        return this;
    }

    /** Sets the label columns of each model output: one array of column names per output. */
    public StrataEstimator setLabelCols(String[]... groups) {
        set(labelCols, groups);
        return this;
    }

    /** Sets the prediction columns, one per model output. */
    public StrataEstimator setPredictionCols(String... names) {
        set(predictionCols, names);
        return this;
    }

    /** Sets the epochs. */
    public StrataEstimator setEpochs(int value) {
        set(epochs, value);
        return this;
    }

    /** Sets the global batch size. */
    public StrataEstimator setBatchSize(int value) {
        set(batchSize, value);
        return this;
    }

    /** Sets the number of workers (0: Spark's default parallelism). */
    public StrataEstimator setWorkers(int value) {
        set(workers, value);
        return this;
    }

    /** Sets the mode: {@code "synchronous"} or {@code "local_sgd"} (case-insensitive). */
    public StrataEstimator setMode(String value) {
        set(mode, value == null ? null : value.toLowerCase(Locale.ROOT));
        return this;
    }

    /** Sets the steps between two averagings in {@code local_sgd} mode. */
    public StrataEstimator setAverageEvery(int value) {
        set(averageEvery, value);
        return this;
    }

    /** Sets whether each epoch shuffles the rows. */
    public StrataEstimator setShuffle(boolean value) {
        set(shuffle, value);
        return this;
    }

    /** Sets the seed of the shuffle order. */
    public StrataEstimator setSeed(long value) {
        set(seed, value);
        return this;
    }

    /** Sets the verbosity (0, 1 or 2). */
    public StrataEstimator setVerbose(int value) {
        set(verbose, value);
        return this;
    }

    /**
     * Sets the compiled model to start from; it is kept as its {@code .keras} bytes, so later changes to
     * {@code model} do not reach the estimator.
     *
     * @throws IllegalArgumentException if the model is not compiled
     */
    public StrataEstimator setModel(Model model) {
        if (!model.isCompiled()) {
            throw new IllegalArgumentException("StrataEstimator.setModel: " + model.describe() + " must be compiled "
                    + "(with an optimizer and a loss) before it can be trained");
        }
        this.keras = ModelBytes.save(model);
        this.loaded = null;
        return this;
    }

    /** A fresh copy of the model to start from. */
    public Model getModel() {
        return ModelBytes.load(requireModel());
    }

    /** The history of this estimator's last {@link #fit} in this JVM, or null. */
    public History lastHistory() {
        return lastHistory;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return MlSupport.outputSchema("StrataEstimator", model(), schema, columns(true), true,
                getOrDefault(predictionCols));
    }

    /**
     * Trains a copy of the model on {@code dataset} with {@link SparkTraining#fit} and returns it as a
     * {@link StrataModel} with this estimator's columns.
     *
     * @throws IllegalArgumentException before any task runs, naming the column or param that is missing or wrong
     */
    @Override
    public StrataModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Model copy = ModelBytes.load(requireModel());
        SparkFitOptions options = new SparkFitOptions().epochs(get(epochs)).batchSize(get(batchSize))
                .shuffle((Boolean) getOrDefault(shuffle)).seed((Long) getOrDefault(seed))
                .mode(SparkFitOptions.Mode.valueOf(getOrDefault(mode).toUpperCase(Locale.ROOT)))
                .averageEvery(get(averageEvery)).verbose(get(verbose));
        if (get(workers) > 0) {
            options.workers(get(workers));
        }
        options.callbacks(callbacks);
        @SuppressWarnings("unchecked")
        Dataset<Row> rows = (Dataset<Row>) dataset.toDF();
        if (isDefined(validationIndicatorCol)) {
            Column held = validationColumn(rows);
            options.validationData(rows.filter(held));
            options.validationFreq(get(validationFreq));
            rows = rows.filter(functions.not(held));
        }
        lastHistory = SparkTraining.fit(copy, rows, columns(true), options);
        StrataModel fitted = new StrataModel(uid, ModelBytes.save(copy));
        copyValues(fitted, ParamMap.empty());
        fitted.setParent(this);
        return fitted;
    }

    @Override
    public StrataEstimator copy(ParamMap extra) {
        StrataEstimator copy = new StrataEstimator(uid);
        copy.keras = keras;
        copy.callbacks = callbacks;
        return copyValues(copy, extra);
    }

    @Override
    public MLWriter write() {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                MlSupport.save(StrataEstimator.this, keras, path, sparkSession());
            }
        };
    }

    /** The reader of saved estimators (Spark's Pipeline loading finds it by this name). */
    public static MLReader<StrataEstimator> read() {
        return new MLReader<>() {
            @Override
            public StrataEstimator load(String path) {
                DefaultParamsReader.Metadata metadata = MlSupport.metadata(path, sparkSession(), StrataEstimator.class);
                StrataEstimator loaded = new StrataEstimator(metadata.uid());
                metadata.getAndSetParams(loaded, scala.Option.empty());
                loaded.keras = MlSupport.loadKeras(path, sparkSession());
                return loaded;
            }
        };
    }

    /** Loads an estimator saved with {@code write().save(path)}. */
    public static StrataEstimator load(String path) {
        return read().load(path);
    }

    private int get(IntParam p) {
        return (Integer) getOrDefault(p);
    }

    private ColumnSpec columns(boolean withLabels) {
        if (!isDefined(inputCols)) {
            throw new IllegalArgumentException("StrataEstimator: inputCols is not set; setInputCols(new String[] "
                    + "{...}, ...) gives one group of columns per model input");
        }
        if (withLabels && !isDefined(labelCols)) {
            throw new IllegalArgumentException("StrataEstimator: labelCols is not set; setLabelCols(new String[] "
                    + "{...}, ...) gives one group of label columns per model output");
        }
        return MlSupport.spec(getOrDefault(inputCols), withLabels ? getOrDefault(labelCols) : new String[0][]);
    }

    /** The validation indicator column of {@code rows}, checked: present, boolean and without nulls. */
    private Column validationColumn(Dataset<Row> rows) {
        String name = getOrDefault(validationIndicatorCol);
        StructType schema = rows.schema();
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("StrataEstimator: validationIndicatorCol '" + name + "' is not in the "
                    + "DataFrame; its columns are " + java.util.Arrays.toString(schema.fieldNames()));
        }
        DataType type = schema.apply(name).dataType();
        if (!type.equals(DataTypes.BooleanType)) {
            throw new IllegalArgumentException("StrataEstimator: validationIndicatorCol '" + name + "' has type "
                    + type.simpleString() + ", expected boolean (true for validation rows, false for training rows)");
        }
        Column held = functions.col(name);
        long nulls = rows.filter(held.isNull()).count();
        if (nulls > 0) {
            throw new IllegalArgumentException("StrataEstimator: validationIndicatorCol '" + name + "' has " + nulls
                    + " null value(s); every row must be true (validation) or false (training)");
        }
        return held;
    }

    private byte[] requireModel() {
        if (keras == null) {
            throw new IllegalArgumentException("StrataEstimator: no model to train; setModel(model) with a compiled "
                    + "Strata model");
        }
        return keras;
    }

    private Model model() {
        if (loaded == null) {
            loaded = ModelBytes.load(requireModel());
        }
        return loaded;
    }
}

package dev.strata.spark;

import dev.strata.models.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A trained Strata model as a Spark ML {@link org.apache.spark.ml.Model} (a {@code Transformer}): {@link #transform}
 * adds its predictions with {@link SparkInference#transform}, one column per model output. {@link StrataEstimator}
 * makes one; {@link #StrataModel(Model)} wraps any Strata model for a {@code Pipeline}. Saved and loaded with
 * {@link #write()} and {@link #load}, alone or inside a {@code PipelineModel}: Spark's params metadata plus the
 * {@code .keras} file in the directory.
 *
 * <p>Params: {@code inputCols} (one group of columns per model input, as in {@link ColumnSpec}) and
 * {@code predictionCols} (one per output; default {@code ["prediction"]}).
 */
public final class StrataModel extends org.apache.spark.ml.Model<StrataModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String[][]> inputCols;
    private final StringArrayParam predictionCols;
    /** The model as its .keras bytes; null only while a reader fills it in. */
    private byte[] keras;
    private transient Model loaded;

    /** Wraps {@code model} (kept as its {@code .keras} bytes) with a random uid. */
    public StrataModel(Model model) {
        this(Identifiable$.MODULE$.randomUID("strataModel"), ModelBytes.save(model));
    }

    /** Spark's copy and load use this constructor: a model of the given uid, its bytes set later. */
    public StrataModel(String uid) {
        this(uid, null);
    }

    StrataModel(String uid, byte[] keras) {
        this.uid = uid;
        this.keras = keras;
        inputCols = new MlSupport.ColumnGroupsParam(this, "inputCols", "one group of columns per model input");
        predictionCols = new StringArrayParam(this, "predictionCols", "one prediction column per model output");
        setDefault(predictionCols, new String[] {"prediction"});
    }

    @Override
    public String uid() {
        return uid;
    }

    /** One group of columns per model input, in the model's input order. */
    public Param<String[][]> inputCols() {
        return inputCols;
    }

    /** One prediction column per model output (default {@code ["prediction"]}). */
    public StringArrayParam predictionCols() {
        return predictionCols;
    }

    /** Sets the columns of each model input: one array of column names per input. */
    public StrataModel setInputCols(String[]... groups) {
        set(inputCols, groups);
        return this;
    }

    /** Sets the prediction columns, one per model output. */
    public StrataModel setPredictionCols(String... names) {
        set(predictionCols, names);
        return this;
    }

    /** A fresh copy of the Strata model (changing it does not change this transformer). */
    public Model getModel() {
        return ModelBytes.load(requireModel());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return MlSupport.outputSchema("StrataModel", model(), schema, columns(), false,
                getOrDefault(predictionCols));
    }

    /**
     * The rows of {@code dataset} with the model's predictions added, one column per output.
     *
     * @throws IllegalArgumentException before any task runs, naming the column that is missing or wrong
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        @SuppressWarnings("unchecked")
        Dataset<Row> rows = (Dataset<Row>) dataset.toDF();
        return SparkInference.transform(model(), rows, columns(), getOrDefault(predictionCols));
    }

    @Override
    public StrataModel copy(ParamMap extra) {
        StrataModel copy = new StrataModel(uid, keras);
        copy.loaded = loaded; // predict is thread-safe and the bytes are the same: share the loaded model
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                MlSupport.save(StrataModel.this, requireModel(), path, sparkSession());
            }
        };
    }

    /** The reader of saved models (Spark's PipelineModel loading finds it by this name). */
    public static MLReader<StrataModel> read() {
        return new MLReader<>() {
            @Override
            public StrataModel load(String path) {
                DefaultParamsReader.Metadata metadata = MlSupport.metadata(path, sparkSession(), StrataModel.class);
                byte[] bytes = MlSupport.loadKeras(path, sparkSession());
                if (bytes == null) {
                    throw new IllegalArgumentException("StrataModel.load: " + path + " holds no "
                            + MlSupport.KERAS_FILE);
                }
                StrataModel model = new StrataModel(metadata.uid(), bytes);
                metadata.getAndSetParams(model, scala.Option.empty());
                return model;
            }
        };
    }

    /** Loads a model saved with {@code write().save(path)}. */
    public static StrataModel load(String path) {
        return read().load(path);
    }

    private ColumnSpec columns() {
        if (!isDefined(inputCols)) {
            throw new IllegalArgumentException("StrataModel: inputCols is not set; setInputCols(new String[] "
                    + "{...}, ...) gives one group of columns per model input");
        }
        return MlSupport.spec(getOrDefault(inputCols), new String[0][]);
    }

    private byte[] requireModel() {
        if (keras == null) {
            throw new IllegalStateException("StrataModel " + uid + " holds no model");
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

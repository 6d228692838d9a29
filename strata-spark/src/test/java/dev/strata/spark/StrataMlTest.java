package dev.strata.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.merging.Concatenate;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML Estimator/Model pair in a Pipeline, their saving, and the SQL function, in local[2]. */
@Timeout(value = 240, unit = java.util.concurrent.TimeUnit.SECONDS)
class StrataMlTest {
    private static SparkSession spark;
    private static final int N = 96;
    private static float[] x;
    private static float[] y;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("strata-ml-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        Strata.setRandomSeed(21);
        Tensor features = Tensor.normal(Shape.of(N, 3), 10, 4); // worth scaling
        x = features.toFloatArray();
        y = Ops.matmul(features, Tensor.of(new float[] {0.1f, -0.2f, 0.05f}, 3, 1)).toFloatArray();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> frame() {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.FloatType)
                .add("c", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(RowFactory.create((double) x[i * 3], x[i * 3 + 1], (double) x[i * 3 + 2], (double) y[i]));
        }
        return spark.createDataFrame(rows, schema).coalesce(1);
    }

    private static Model mlp(long seed) {
        Strata.setRandomSeed(seed);
        Tensor in = Input.of(3);
        Model m = Model.of(in, new Dense(1).apply(new Dense(4, "relu").apply(in)));
        m.compile(new Adam(0.01f), "mse");
        return m;
    }

    private static PipelineStage[] stages(StrataEstimator strata) {
        return new PipelineStage[] {
            new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("raw"),
            new StandardScaler().setInputCol("raw").setOutputCol("scaled").setWithMean(true),
            strata};
    }

    private static float[] predictions(Dataset<Row> scored, String column) {
        List<Row> rows = scored.collectAsList();
        float[] out = new float[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).<Float>getAs(column);
        }
        return out;
    }

    @Test
    void pipelineFitsTransformsSavesAndLoads(@TempDir Path dir) throws Exception {
        Model start = mlp(1);
        List<Tensor> before = start.getWeights();
        StrataEstimator strata = new StrataEstimator().setModel(start).setInputCols(new String[] {"scaled"})
                .setLabelCols(new String[] {"y"}).setPredictionCols("price").setEpochs(2).setBatchSize(16)
                .setWorkers(2).setShuffle(false);
        Dataset<Row> df = frame();
        PipelineModel fitted = new Pipeline().setStages(stages(strata)).fit(df);
        assertThat(strata.lastHistory().get("loss")).hasSize(2);
        assertThat(start.getWeights().getFirst().toFloatArray()).isEqualTo(before.getFirst().toFloatArray());

        // The same training as SparkTraining.fit on the scaled column, and the same predictions as predict.
        Dataset<Row> scaled = new PipelineModel("p", List.of(fitted.stages()).subList(0, 2)
                .toArray(new org.apache.spark.ml.Transformer[0])).transform(df);
        Model direct = mlp(1);
        SparkTraining.fit(direct, scaled, ColumnSpec.input("scaled").labels("y"),
                new SparkFitOptions().epochs(2).batchSize(16).workers(2).shuffle(false).verbose(0));
        Model trained = ((StrataModel) fitted.stages()[2]).getModel();
        for (int i = 0; i < direct.getWeights().size(); i++) {
            assertThat(trained.getWeights().get(i).toFloatArray()).isEqualTo(direct.getWeights().get(i)
                    .toFloatArray());
        }
        List<Row> rows = scaled.collectAsList();
        float[] features = new float[N * 3];
        for (int i = 0; i < N; i++) {
            double[] v = ((Vector) rows.get(i).getAs("scaled")).toArray();
            for (int k = 0; k < 3; k++) {
                features[i * 3 + k] = (float) v[k];
            }
        }
        float[] expected = trained.predict(Tensor.of(features, N, 3)).toFloatArray();
        Dataset<Row> scored = fitted.transform(df);
        assertThat(scored.schema().apply("price").dataType()).isEqualTo(DataTypes.FloatType);
        float[] got = predictions(scored, "price");
        for (int i = 0; i < N; i++) {
            assertThat(got[i]).isCloseTo(expected[i], within(1e-6f));
        }

        // Saved and loaded inside a PipelineModel: same params, same predictions.
        String saved = dir.resolve("pipeline").toString();
        fitted.write().save(saved);
        PipelineModel reloaded = PipelineModel.load(saved);
        StrataModel stage = (StrataModel) reloaded.stages()[2];
        assertThat(stage.uid()).isEqualTo(strata.uid());
        assertThat(stage.getOrDefault(stage.predictionCols())).containsExactly("price");
        assertThat(stage.getOrDefault(stage.inputCols())).isDeepEqualTo(new String[][] {{"scaled"}});
        assertThat(predictions(reloaded.transform(df), "price")).isEqualTo(got);
    }

    @Test
    void validationRowsAndCallbacks(@TempDir Path dir) throws Exception {
        Dataset<Row> df = frame().withColumn("held", org.apache.spark.sql.functions.col("a").gt(11.5));
        java.util.List<java.util.Set<String>> seen = new ArrayList<>();
        dev.strata.callbacks.Callback recorder = new dev.strata.callbacks.Callback() {
            @Override
            public void onEpochEnd(int epoch, java.util.Map<String, Double> logs) {
                seen.add(logs.keySet());
            }
        };
        StrataEstimator strata = new StrataEstimator().setModel(mlp(5)).setInputCols(new String[] {"a", "b", "c"})
                .setLabelCols(new String[] {"y"}).setEpochs(3).setBatchSize(16).setWorkers(2).setShuffle(false)
                .setValidationIndicatorCol("held").setCallbacks(recorder);
        strata.fit(df);
        assertThat(seen).hasSize(3).allSatisfy(keys -> assertThat(keys).containsExactly("loss", "val_loss"));

        // The same as SparkTraining.fit on the false rows with the true rows as validation data.
        Model direct = mlp(5);
        History h = SparkTraining.fit(direct, df.filter("NOT held"), ColumnSpec.input("a", "b", "c").labels("y"),
                new SparkFitOptions().epochs(3).batchSize(16).workers(2).shuffle(false).verbose(0)
                        .validationData(df.filter("held")));
        assertThat(strata.lastHistory().get("val_loss")).containsExactlyElementsOf(h.get("val_loss"));
        assertThat(strata.lastHistory().get("loss")).containsExactlyElementsOf(h.get("loss"));
        assertThat(strata.copy(org.apache.spark.ml.param.ParamMap.empty()).getCallbacks()).containsExactly(recorder);

        // Validation every second epoch (Keras's validation_freq): epoch 2 only, with the value of the run above,
        // since validating does not change the training.
        seen.clear();
        StrataEstimator everySecond = strata.copy(org.apache.spark.ml.param.ParamMap.empty()).setValidationFreq(2);
        everySecond.fit(df);
        assertThat(seen).containsExactly(java.util.Set.of("loss"), java.util.Set.of("loss", "val_loss"),
                java.util.Set.of("loss"));
        assertThat(everySecond.lastHistory().get("val_loss")).containsExactly(h.get("val_loss").get(1));
        assertThat(everySecond.lastHistory().get("loss")).containsExactlyElementsOf(h.get("loss"));

        // Saved and loaded: the indicator column is a param (the callbacks are not saved).
        String path = dir.resolve("estimator").toString();
        strata.write().save(path);
        StrataEstimator back = StrataEstimator.load(path);
        assertThat(back.getOrDefault(back.validationIndicatorCol())).isEqualTo("held");
        assertThat(back.getOrDefault(back.validationFreq())).isEqualTo(1);
        everySecond.write().save(dir.resolve("every_second").toString());
        StrataEstimator backEverySecond = StrataEstimator.load(dir.resolve("every_second").toString());
        assertThat(backEverySecond.getOrDefault(backEverySecond.validationFreq())).isEqualTo(2);
        assertThat(backEverySecond.isSet(backEverySecond.validationFreq())).isTrue();
        assertThat(back.getCallbacks()).isEmpty();

        assertThatThrownBy(() -> strata.copy(org.apache.spark.ml.param.ParamMap.empty())
                .setValidationIndicatorCol("nope").fit(df))
                .hasMessageContaining("validationIndicatorCol 'nope' is not in the DataFrame");
        assertThatThrownBy(() -> strata.copy(org.apache.spark.ml.param.ParamMap.empty())
                .setValidationIndicatorCol("a").fit(df))
                .hasMessageContaining("validationIndicatorCol 'a' has type double, expected boolean");
        Dataset<Row> withNull = df.withColumn("held", org.apache.spark.sql.functions.when(
                org.apache.spark.sql.functions.col("a").gt(11.5), true));
        assertThatThrownBy(() -> strata.fit(withNull))
                .hasMessageContaining("validationIndicatorCol 'held' has").hasMessageContaining("null value(s)");
    }

    @Test
    void estimatorAndPipelineSaveAndLoad(@TempDir Path dir) throws Exception {
        StrataEstimator strata = new StrataEstimator().setModel(mlp(2)).setInputCols(new String[] {"a", "b"},
                new String[] {"c"}).setLabelCols(new String[] {"y"}).setEpochs(3).setMode("LOCAL_SGD")
                .setAverageEvery(4).setSeed(7);
        String path = dir.resolve("estimator").toString();
        strata.write().save(path);
        assertThat(Files.exists(dir.resolve("estimator").resolve("model.keras"))).isTrue();
        StrataEstimator back = StrataEstimator.load(path);
        assertThat(back.uid()).isEqualTo(strata.uid());
        assertThat(back.getOrDefault(back.inputCols())).isDeepEqualTo(new String[][] {{"a", "b"}, {"c"}});
        assertThat(back.getOrDefault(back.epochs())).isEqualTo(3);
        assertThat(back.getOrDefault(back.mode())).isEqualTo("local_sgd");
        assertThat(back.getOrDefault(back.averageEvery())).isEqualTo(4);
        assertThat(back.getOrDefault(back.seed())).isEqualTo(7L);
        assertThat(back.getModel().getWeights().getFirst().toFloatArray())
                .isEqualTo(mlp(2).getWeights().getFirst().toFloatArray());
        StrataEstimator copy = strata.copy(new org.apache.spark.ml.param.ParamMap().put(strata.epochs(), 5));
        assertThat(copy.getOrDefault(copy.epochs())).isEqualTo(5);
        assertThat(copy.getModel().getWeights().size()).isEqualTo(4);

        String pipelinePath = dir.resolve("pipeline").toString();
        new Pipeline().setStages(stages(new StrataEstimator().setModel(mlp(3)).setInputCols(new String[] {"scaled"})
                .setLabelCols(new String[] {"y"}))).write().save(pipelinePath);
        Pipeline pipeline = Pipeline.load(pipelinePath);
        assertThat(pipeline.getStages()[2]).isInstanceOf(StrataEstimator.class);
    }

    @Test
    void badColumnsAndParamsFailBeforeTraining() {
        Dataset<Row> df = frame();
        StrataEstimator missing = new StrataEstimator().setModel(mlp(4)).setInputCols(new String[] {"scaled"})
                .setLabelCols(new String[] {"price"});
        assertThatThrownBy(() -> new Pipeline().setStages(stages(missing)).fit(df))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StrataEstimator: column 'price' (label 0) is not in the DataFrame");
        StrataEstimator typo = new StrataEstimator().setModel(mlp(4)).setInputCols(new String[] {"scaledd"})
                .setLabelCols(new String[] {"y"});
        assertThatThrownBy(() -> new Pipeline().setStages(stages(typo)).fit(df))
                .hasMessageContaining("column 'scaledd' (input 0) is not in the DataFrame");
        assertThatThrownBy(() -> new StrataEstimator().setEpochs(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs");
        assertThatThrownBy(() -> new StrataEstimator().setValidationFreq(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validationFreq");
        assertThatThrownBy(() -> new SparkFitOptions().validationFreq(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validationFreq must be >= 1, got 0");
        assertThatThrownBy(() -> new StrataEstimator().setMode("async"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode");
        assertThatThrownBy(() -> new StrataEstimator().setInputCols(new String[] {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputCols");
        Tensor in = Input.of(3);
        Model uncompiled = Model.of(in, new Dense(1).apply(in));
        assertThatThrownBy(() -> new StrataEstimator().setModel(uncompiled)).hasMessageContaining("must be compiled");
        assertThatThrownBy(() -> new StrataEstimator().setInputCols(new String[] {"a"}).fit(df))
                .hasMessageContaining("no model to train");
        assertThatThrownBy(() -> new StrataEstimator().setModel(mlp(4)).setLabelCols(new String[] {"y"}).fit(df))
                .hasMessageContaining("inputCols is not set");
        assertThatThrownBy(() -> new StrataModel(mlp(4)).setInputCols(new String[] {"a", "b", "c"})
                .setPredictionCols("p", "q").transform(df))
                .hasMessageContaining("predictionCols names 2 column(s) [p, q] for the 1 output(s)");
        assertThatThrownBy(() -> new StrataModel(mlp(4)).setInputCols(new String[] {"a", "b", "c"})
                .setPredictionCols("y").transform(df))
                .hasMessageContaining("the prediction column 'y' is already a column");
        // Widths are checked against the data before any task.
        assertThatThrownBy(() -> new StrataModel(mlp(4)).setInputCols(new String[] {"a", "b"}).transform(df))
                .hasMessageContaining("give 2 values per row, but the model's input 0 takes samples of shape (3,)");
    }

    @Test
    void sqlFunctionPredictsLikeTheModel() {
        Strata.setRandomSeed(5);
        List<Tensor> ins = List.of(Input.of(1), Input.of(1), Input.of(1));
        Model three = Model.of(ins, List.of(new Dense(2).apply(new Concatenate().apply(ins).get(0))));
        Model one = mlp(6);
        Dataset<Row> df = new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("v")
                .transform(frame()).withColumn("arr", org.apache.spark.sql.functions.array(
                        org.apache.spark.sql.functions.col("a"), org.apache.spark.sql.functions.col("b")));
        df.createOrReplaceTempView("t");
        SparkInference.registerUdf(spark, "three", three);
        SparkInference.registerUdf(spark, "one", one, 3);
        SparkInference.registerUdf(spark, "onev", one);
        SparkInference.registerUdf(spark, "mixed", one, 2);

        Tensor[] cols = new Tensor[3];
        for (int k = 0; k < 3; k++) {
            float[] c = new float[N];
            for (int i = 0; i < N; i++) {
                c[i] = x[i * 3 + k];
            }
            cols[k] = Tensor.of(c, N, 1);
        }
        float[] wide = three.predict(List.of(cols)).get(0).toFloatArray();
        float[] narrow = one.predict(Tensor.of(x, N, 3)).toFloatArray();
        List<Row> rows = spark.sql("SELECT three(a, b, c), one(a, b, c), onev(v), mixed(arr, c) FROM t")
                .collectAsList();
        assertThat(spark.sql("SELECT three(a, b, c) AS p FROM t").schema().apply("p").dataType())
                .isEqualTo(DataTypes.createArrayType(DataTypes.FloatType, false));
        assertThat(rows).hasSize(N);
        for (int i = 0; i < N; i++) {
            List<Float> p = rows.get(i).getList(0);
            assertThat(p.get(0)).isCloseTo(wide[i * 2], within(1e-5f));
            assertThat(p.get(1)).isCloseTo(wide[i * 2 + 1], within(1e-5f));
            for (int c = 1; c < 4; c++) {
                assertThat(rows.get(i).getFloat(c)).as("column %d row %d", c, i).isCloseTo(narrow[i], within(1e-5f));
            }
        }
        assertThat(spark.sql("SELECT one(a, NULL, c) FROM t LIMIT 1").first().isNullAt(0)).isTrue();
        assertThatThrownBy(() -> SparkInference.registerUdf(spark, "bad", three, 1, 2))
                .hasMessageContaining("argumentsPerInput has 2 entries but").hasMessageContaining("3 input(s)");
        assertThatThrownBy(() -> SparkInference.registerUdf(spark, "bad", one, 0))
                .hasMessageContaining("argumentsPerInput[0] must be >= 1, got 0");
        assertThatThrownBy(() -> spark.sql("SELECT one(a, b, a) , onev(arr) FROM t").collectAsList())
                .hasStackTraceContaining("model input 0 takes samples of shape (3,) (3 values), but its arguments "
                        + "give 2");
    }
}

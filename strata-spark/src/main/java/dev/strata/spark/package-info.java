/**
 * Strata on Apache Spark (4.2.0, Scala 2.13): {@link dev.strata.spark.SparkTraining#fit} trains any compiled Strata
 * model (Sequential, Functional, subclassed; several inputs and outputs) on a DataFrame, data-parallel across the
 * workers of a Spark barrier stage, synchronously (the gradients of each global batch all-reduced: single-machine
 * training up to float32 rounding) or by local SGD with periodic averaging; {@link dev.strata.spark.SparkInference}
 * adds a model's predictions to a DataFrame (and registers SQL functions); {@link dev.strata.spark.StrataEstimator} and
 * {@link dev.strata.spark.StrataModel} are the Spark ML pair for Pipelines. {@link dev.strata.spark.ColumnSpec} says which columns feed which
 * input and which hold which output's labels: numeric, array and ML Vector columns, checked on the driver before any
 * task runs.
 *
 * <p>The JVMs that run Spark on JDK 17+ need the {@code --add-opens} options Spark's own launcher adds (see this
 * module's {@code spark.jvm.args}), and Strata's {@code --add-modules jdk.incubator.vector}.
 */
package dev.strata.spark;

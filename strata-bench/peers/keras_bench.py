"""Issue 6's workloads W1-W3, issue 12's W5 and issue 13's W7 and W8 on Keras 3 with the JAX backend, compiled (jit_compile=True), as a Keras user writes
them: the Wide & Deep example's models, compile/fit/evaluate/predict. Prints BENCH lines (see common.py).

    KERAS_BACKEND=jax venv/bin/python keras_bench.py [--quick] [--repeats N] [--only w1,w2,w3,w5,w7,w8,example]
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import time  # noqa: E402

import numpy as np  # noqa: E402

import common  # noqa: E402

import jax  # noqa: E402
import keras  # noqa: E402

FW = "keras-jax"


class WideAndDeepModel(keras.Model):
    """The book's subclassed Wide & Deep model."""

    def __init__(self, units=30, activation="relu", **kwargs):
        super().__init__(**kwargs)
        self.hidden1 = keras.layers.Dense(units, activation=activation)
        self.hidden2 = keras.layers.Dense(units, activation=activation)
        self.main_output = keras.layers.Dense(1)
        self.aux_output = keras.layers.Dense(1)

    def call(self, inputs):
        input_a, input_b = inputs
        hidden1 = self.hidden1(input_b)
        hidden2 = self.hidden2(hidden1)
        concat = keras.layers.concatenate([input_a, hidden2])
        return self.main_output(concat), self.aux_output(hidden2)


def functional():
    input_a = keras.Input(shape=(5,), name="wide_input")
    input_b = keras.Input(shape=(6,), name="deep_input")
    hidden1 = keras.layers.Dense(30, activation="relu")(input_b)
    hidden2 = keras.layers.Dense(30, activation="relu")(hidden1)
    concat = keras.layers.concatenate([input_a, hidden2])
    output = keras.layers.Dense(1, name="main_output")(concat)
    aux_output = keras.layers.Dense(1, name="aux_output")(hidden2)
    return keras.Model(inputs=[input_a, input_b], outputs=[output, aux_output])


def sequential():
    return keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(30, activation="relu"),
                             keras.layers.Dense(30, activation="relu"), keras.layers.Dense(1)])


def optimizer(name):
    return keras.optimizers.SGD(learning_rate=1e-3) if name == "sgd" else keras.optimizers.Adam(learning_rate=1e-3)


def compiled(style, opt):
    keras.utils.set_random_seed(42)
    if style == "sequential":
        m = sequential()
        m.compile(optimizer=optimizer(opt), loss="mse", jit_compile=True)
    else:
        m = functional() if style == "functional" else WideAndDeepModel()
        m.compile(optimizer=optimizer(opt), loss=["mse", "mse"], loss_weights=[0.9, 0.1], jit_compile=True)
    return m


def inputs(style, x):
    return x if style == "sequential" else common.wide_deep(x)


def targets(style, y):
    return y if style == "sequential" else (y, y)


class EpochTimer(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self.start)


def fit_once(d, style, opt, epochs):
    x_train, x_valid, x_test, y_train, y_valid, y_test = d
    m = compiled(style, opt)
    timer = EpochTimer()
    start = time.perf_counter()
    m.fit(inputs(style, x_train), targets(style, y_train), epochs=epochs, batch_size=common.W1_BATCH, verbose=0,
          validation_data=(inputs(style, x_valid), targets(style, y_valid)), callbacks=[timer])
    seconds = time.perf_counter() - start
    steps_per_epoch = -(-len(x_train) // common.W1_BATCH)
    mse = test_mse(m, style, x_test, y_test)
    per_epoch = [s * 1e6 / steps_per_epoch for s in timer.seconds[1:]]
    epoch_step = common.median(per_epoch) if per_epoch else float("nan")
    return seconds * 1e6 / (steps_per_epoch * epochs), epoch_step, mse


def test_mse(m, style, x_test, y_test):
    """The main output's test MSE. Computed from predict because a subclassed model's evaluate names both
    per-output losses "mse_loss", so only one of them (the auxiliary's) survives in its logs."""
    pred = m.predict(inputs(style, x_test), batch_size=1024, verbose=0)
    main = pred if style == "sequential" else pred[0]
    return float(np.mean((np.asarray(main, dtype=np.float64) - y_test) ** 2))


def w1(d, a, report):
    common.w1(a, report, lambda style, opt, epochs: fit_once(d, style, opt, epochs), common.STYLES)


def w2(a, report):
    start = time.perf_counter()
    x, y, x_test, y_test = common.fashion_mnist(a.mnist)
    report.note("W2: Fashion-MNIST read in %.2f s", time.perf_counter() - start)
    keras.utils.set_random_seed(42)
    m = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(256, activation="relu"),
                          keras.layers.Dense(256, activation="relu"), keras.layers.Dense(10)])
    m.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), jit_compile=True)
    b = common.W2_BATCH
    common.w2_train(a, report, lambda n: m.fit(x[:n * b], y[:n * b], epochs=1, batch_size=b, verbose=0))
    common.warm_up(lambda i: m.predict(x_test, batch_size=common.W2_PREDICT_BATCH, verbose=0),
                   common.W2_INFER_WARMUP_SECONDS)
    infer = []
    logits = None
    for r in range(a.repeats):
        start = time.perf_counter()
        logits = m.predict(x_test, batch_size=common.W2_PREDICT_BATCH, verbose=0)
        seconds = time.perf_counter() - start
        infer.append(len(x_test) / seconds)
        report.note("W2 inference run %d: %.3f s, %.0f samples/s", r + 1, seconds, infer[-1])
    report.metric("w2.infer.samples_per_s", "samples/s", infer)
    report.metric("w2.test_accuracy", "", [float(np.mean(np.argmax(logits, axis=1) == y_test))])


def w5(a, report):
    """W5: the Fashion-MNIST CNN (Strata's FashionMnistCnn example without its progress output), W2's protocol."""
    start = time.perf_counter()
    x, y, x_test, y_test = common.fashion_mnist_images(a.mnist)
    report.note("W5: Fashion-MNIST read in %.2f s", time.perf_counter() - start)
    keras.utils.set_random_seed(42)
    m = keras.Sequential([keras.Input(shape=(28, 28, 1)),
                          keras.layers.Conv2D(32, 3, activation="relu"), keras.layers.MaxPooling2D(),
                          keras.layers.Conv2D(64, 3, activation="relu"), keras.layers.MaxPooling2D(),
                          keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10)])
    m.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), jit_compile=True)
    b = common.W2_BATCH
    common.w2_train(a, report, lambda n: m.fit(x[:n * b], y[:n * b], epochs=1, batch_size=b, verbose=0), "w5")
    logits = m.predict(x_test, batch_size=common.W2_PREDICT_BATCH, verbose=0)
    report.metric("w5.test_accuracy", "", [float(np.mean(np.argmax(logits, axis=1) == y_test))])


def w7(a, report):
    """W7: Embedding 20,000 x 128 -> LSTM or GRU 128 -> Dense 1 sigmoid; binary crossentropy, Adam, compiled."""
    x, y = common.w7_data(a.w7_steps)
    b = common.W7_BATCH
    for cell in ("lstm", "gru"):
        keras.utils.set_random_seed(42)
        rnn = keras.layers.LSTM if cell == "lstm" else keras.layers.GRU
        m = keras.Sequential([keras.Input(shape=(common.W7_LENGTH,), dtype="int32"),
                              keras.layers.Embedding(common.W7_VOCABULARY, common.W7_UNITS),
                              rnn(common.W7_UNITS), keras.layers.Dense(1, activation="sigmoid")])
        m.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy", jit_compile=True)
        common.w7(a, report, cell, lambda: m.fit(x, y, epochs=1, batch_size=b, verbose=0),
                  lambda: m.predict(x, batch_size=b, verbose=0), len(y))


def w8(a, report):
    """W8: the post-norm encoder block of PyTorch's nn.TransformerEncoderLayer in Keras layers (MultiHeadAttention
    4 x 64, Add, LayerNormalization epsilon 1e-5, Dense 1024 relu, Dense 256), Functional; MSE, Adam, compiled;
    train_on_batch and predict_on_batch."""
    x, y = common.w8_data()
    keras.utils.set_random_seed(42)
    inp = keras.Input(shape=(common.W8_LENGTH, common.W8_D_MODEL))
    att = keras.layers.MultiHeadAttention(common.W8_HEADS, common.W8_D_MODEL // common.W8_HEADS)(inp, inp)
    h = keras.layers.LayerNormalization(epsilon=1e-5)(keras.layers.Add()([inp, att]))
    f = keras.layers.Dense(common.W8_D_MODEL)(keras.layers.Dense(common.W8_FF, activation="relu")(h))
    out = keras.layers.LayerNormalization(epsilon=1e-5)(keras.layers.Add()([h, f]))
    m = keras.Model(inp, out)
    m.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="mse", jit_compile=True)
    common.w8_timed(a, report, lambda: m.train_on_batch(x, y), "w8.train_step_ms", "W8 train step")
    common.w8_timed(a, report, lambda: m.predict_on_batch(x), "w8.infer_ms", "W8 inference")


def w3(d, a, report):
    x_train, _, x_test, y_train, _, _ = d
    m = compiled("functional", "sgd")
    m.fit(common.wide_deep(x_train), (y_train, y_train), epochs=1, batch_size=common.W1_BATCH, verbose=0)
    wide, deep = common.wide_deep(x_test)
    samples = [(wide[i:i + 1], deep[i:i + 1]) for i in range(common.W3_SAMPLES)]

    def predict(i):
        return m.predict(samples[i], verbose=0)

    def predict_on_batch(i):
        return [np.asarray(o) for o in m.predict_on_batch(samples[i])]

    for name, call in (("predict", predict), ("predict_on_batch", predict_on_batch)):
        common.warm_up(call, a.w3_warmup_seconds)
        medians, p99s = [], []
        for r in range(a.repeats):
            lat = common.timed_calls(call, a.w3_calls)
            medians.append(common.median(lat))
            p99s.append(common.quantile(lat, 0.99))
            report.note("W3 %s latency run %d (%d calls): median %.1f us, p99 %.1f us", name, r + 1, len(lat),
                        medians[-1], p99s[-1])
        report.metric(f"w3.{name}.latency_median_us", "us", medians)
        report.metric(f"w3.{name}.latency_p99_us", "us", p99s)

    # Threads call a jitted stateless_call, Keras's JAX-native inference path: it is a pure function of the
    # weights and the input. predict builds per-call state on the model, and predict_on_batch from several threads
    # fails in JAX ("Buffer has been deleted or donated": the model's state is swapped on every call).
    trainable = [v.value for v in m.trainable_variables]
    non_trainable = [v.value for v in m.non_trainable_variables]

    @jax.jit
    def infer(tv, ntv, a, b):
        out, _ = m.stateless_call(tv, ntv, [a, b], training=False)
        return out

    def stateless(i):
        return [np.asarray(o) for o in infer(trainable, non_trainable, *samples[i])]

    common.warm_up(stateless, a.w3_warmup_seconds)
    medians, p99s = [], []
    for r in range(a.repeats):
        lat = common.timed_calls(stateless, a.w3_calls)
        medians.append(common.median(lat))
        p99s.append(common.quantile(lat, 0.99))
        report.note("W3 jitted stateless_call latency run %d (%d calls): median %.1f us, p99 %.1f us", r + 1,
                    len(lat), medians[-1], p99s[-1])
    report.metric("w3.stateless.latency_median_us", "us", medians)
    report.metric("w3.stateless.latency_p99_us", "us", p99s)
    reference = [stateless(i) for i in range(common.W3_SAMPLES)]
    identical = True
    for threads in common.W3_THREADS:
        rates = []
        for r in range(a.repeats):
            rate, bad = common.throughput(stateless, reference, threads, a.w3_seconds)
            rates.append(rate)
            identical &= bad == 0
            report.note("W3 %d thread(s) run %d: %.0f predictions/s, %d mismatches", threads, r + 1, rate, bad)
        report.metric(f"w3.throughput.t{threads}", "pred/s", rates)
    report.metric("w3.identical", "", [1 if identical else 0])
    # Record whether predict_on_batch survives two concurrent callers last, as a failure
    # leaves the model's buffers deleted (it did not with Keras 3.15 / JAX 0.10).
    on_batch_reference = [predict_on_batch(i) for i in range(common.W3_SAMPLES)]
    _, bad = common.throughput(predict_on_batch, on_batch_reference, 2, 0.3)
    report.note("W3 predict_on_batch from 2 threads: %s", "ok" if bad == 0 else "FAILED or differed")
    report.metric("w3.predict_on_batch.concurrent_ok", "", [1 if bad == 0 else 0])


def example():
    """The whole Wide & Deep example, as the book runs it (three models, SGD, 20 epochs, evaluate, predict)."""
    x_train, x_valid, x_test, y_train, y_valid, y_test = common.housing()
    lines = []
    for style in ("subclassed", "functional", "sequential"):
        m = compiled(style, "sgd")
        start = time.perf_counter()
        m.fit(inputs(style, x_train), targets(style, y_train), epochs=20,
              validation_data=(inputs(style, x_valid), targets(style, y_valid)))
        seconds = time.perf_counter() - start
        m.evaluate(inputs(style, x_test), targets(style, y_test))
        m.predict(inputs(style, x_test[:3]))
        mse = test_mse(m, style, x_test, y_test)
        lines.append(f"RESULT style={style} test_main_mse={mse:.4f} fit_seconds={seconds:.2f}")
    print("\n".join(lines))


def main():
    a = common.parse_args(FW)
    if a.example:
        example()
        return
    report = common.Report(FW)
    facts = common.versions(keras, jax, np)
    import sklearn
    facts["sklearn"] = sklearn.__version__
    facts.update({"backend": keras.backend.backend(), "jax_devices": str(jax.devices()), "jit_compile": "True",
                  "mode": "quick" if a.quick else "full", "repeats": str(a.repeats)})
    report.meta(facts)
    d = common.housing()
    if "w1" in a.only:
        w1(d, a, report)
    if "w3" in a.only:
        w3(d, a, report)
    if "w2" in a.only:
        if os.path.isdir(a.mnist):
            w2(a, report)
        else:
            report.note("W2 skipped: no Fashion-MNIST directory at %s", a.mnist)
    if "w5" in a.only:
        if os.path.isdir(a.mnist):
            w5(a, report)
        else:
            report.note("W5 skipped: no Fashion-MNIST directory at %s", a.mnist)
    if "w7" in a.only:
        w7(a, report)
    if "w8" in a.only:
        w8(a, report)
    if "example" in a.only:
        common.run_example_subprocess(os.path.abspath(__file__), a.repeats, report)


if __name__ == "__main__":
    main()

"""Shared by the Keras and PyTorch peers of issue 6's benchmark: data, settings, timing and the output format.

Every peer prints one ``BENCH {json}`` line per metric with the value of each repetition, the format Strata's
``dev.strata.bench.workloads.Workloads`` prints, so that ``table.py`` can set them side by side.
"""
import argparse
import gzip
import json
import math
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
# The same file Strata bundles: scikit-learn's fetch_california_housing() table (no network here).
CALIFORNIA = os.path.join(REPO, "strata-core", "src", "main", "resources", "dev", "strata", "data",
                          "california_housing.csv.gz")
# The copy bundled for the FashionMnistCnn example (the same files as ../shared/datasets/mnist/fashion-mnist).
DEFAULT_MNIST = os.path.join(REPO, "strata-examples", "data", "fashion-mnist")

W1_BATCH = 32
W1_WARMUP_EPOCHS = 3
# rounds of W1 warm-up fits (every configuration W1_WARMUP_EPOCHS epochs) go on until this much time has passed
# (W1Training.WARMUP_SECONDS)
W1_WARMUP_SECONDS = 5.0
W2_BATCH = 128
W2_PREDICT_BATCH = 1024
W3_SAMPLES = 1024
W3_THREADS = (1, 2, 8)
STYLES = ("functional", "subclassed", "sequential")
# Issue 13's W7 (W7TextRnn) and W8 (W8TransformerBlock): sizes and warm-ups as on Strata's side
W7_VOCABULARY = 20_000
W7_LENGTH = 100
W7_BATCH = 64
W7_UNITS = 128
W7_STEPS = 20
W7_TRAIN_WARMUP_SECONDS = 5.0
W7_INFER_WARMUP_SECONDS = 2.0
W8_BATCH = 32
W8_LENGTH = 128
W8_D_MODEL = 256
W8_HEADS = 4
W8_FF = 1024
W8_CALLS = 10
W8_WARMUP_SECONDS = 5.0
OPTIMIZERS = ("sgd", "adam")


def parse_args(framework):
    p = argparse.ArgumentParser(description=f"Issue 6 workloads W1-W3 for {framework}")
    p.add_argument("--quick", action="store_true", help="fewer epochs, steps and repetitions (a smoke run)")
    p.add_argument("--repeats", type=int, default=None)
    p.add_argument("--only", default="w1,w2,w3,w5,example", help="comma-separated: w1,w2,w3,w5,w7,w8,example")
    p.add_argument("--mnist", default=os.environ.get("STRATA_BENCH_MNIST", DEFAULT_MNIST))
    p.add_argument("--example", action="store_true", help="run the whole Wide & Deep example once and exit")
    a = p.parse_args()
    a.only = set(a.only.split(","))
    a.repeats = a.repeats or (1 if a.quick else 3)
    a.epochs = 3 if a.quick else 20
    a.w1_warmup_seconds = 0.0 if a.quick else W1_WARMUP_SECONDS
    a.w2_warmup_steps = 5 if a.quick else 150  # the short measurement's warm-up: one timed run's worth
    a.w2_steps = 20 if a.quick else 150
    a.w2_train_warmup_seconds = 0.5 if a.quick else W2_TRAIN_WARMUP_SECONDS
    a.w2_epoch_steps = 40 if a.quick else W2_EPOCH_STEPS
    a.w3_warmup_seconds = 0.5 if a.quick else 2.0
    a.w3_calls = 1000 if a.quick else 5000
    a.w3_seconds = 0.5 if a.quick else 2.0
    a.w7_steps = 4 if a.quick else W7_STEPS
    a.w7_train_warmup_seconds = 0.5 if a.quick else W7_TRAIN_WARMUP_SECONDS
    a.w7_infer_warmup_seconds = 0.5 if a.quick else W7_INFER_WARMUP_SECONDS
    a.w8_calls = 2 if a.quick else W8_CALLS
    a.w8_warmup_seconds = 0.5 if a.quick else W8_WARMUP_SECONDS
    return a


class Report:
    def __init__(self, framework):
        self.fw = framework

    def metric(self, key, unit, values):
        values = [None if (v is None or not math.isfinite(v)) else float(f"{v:.6g}") for v in values]
        print("BENCH " + json.dumps({"fw": self.fw, "key": key, "unit": unit, "values": values}), flush=True)

    def meta(self, facts):
        print("BENCH " + json.dumps({"fw": self.fw, "meta": facts}), flush=True)

    def note(self, fmt, *args):
        print("# " + (fmt % args), flush=True)


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def quantile(values, q):
    """Nearest rank, as Strata's Report.quantile."""
    v = sorted(values)
    rank = math.ceil(q * len(v)) - 1
    return v[max(0, min(len(v) - 1, rank))]


def housing():
    """W1's data exactly as the example: split twice with train_test_split(random_state=42), scaled."""
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler
    with gzip.open(CALIFORNIA, "rt") as f:
        table = np.loadtxt(f, delimiter=",", skiprows=1, dtype=np.float64)
    table = table.astype(np.float32)  # scikit-learn's float64 rounded to float32, as Strata reads it
    data, target = table[:, :8], table[:, 8:9]
    x_train_full, x_test, y_train_full, y_test = train_test_split(data, target, random_state=42)
    x_train, x_valid, y_train, y_valid = train_test_split(x_train_full, y_train_full, random_state=42)
    scaler = StandardScaler()
    x_train = scaler.fit_transform(x_train).astype(np.float32)
    x_valid = scaler.transform(x_valid).astype(np.float32)
    x_test = scaler.transform(x_test).astype(np.float32)
    return x_train, x_valid, x_test, y_train, y_valid, y_test


def wide_deep(x):
    return x[:, :5], x[:, 2:]


def read_idx(path):
    """An IDX file (gzipped) as a numpy array of its dtype and dimensions."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0:
        raise ValueError(f"{path}: not an IDX file")
    dtypes = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(raw, dtype=dtypes[raw[2]], offset=4 + 4 * rank).reshape(dims)


def fashion_mnist_images(directory):
    """Fashion-MNIST as images for W5's CNN: (n, 28, 28, 1) float32 in [0, 1] (channels last, Keras's layout) and
    int labels; the same values as ``fashion_mnist``."""
    x_train, y_train, x_test, y_test = fashion_mnist(directory)
    return x_train.reshape(-1, 28, 28, 1), y_train, x_test.reshape(-1, 28, 28, 1), y_test


def fashion_mnist(directory):
    """Fashion-MNIST flattened to (n, 784) float32 in [0, 1] and int labels, as Strata's Datasets.fashionMnist."""
    def part(name):
        x = read_idx(os.path.join(directory, f"{name}-images-idx3-ubyte.gz"))
        y = read_idx(os.path.join(directory, f"{name}-labels-idx1-ubyte.gz"))
        return x.reshape(len(x), -1).astype(np.float32) / np.float32(255), y.astype(np.int64)
    x_train, y_train = part("train")
    x_test, y_test = part("t10k")
    return x_train, y_train, x_test, y_test


# seconds of predict calls before W2 inference is timed (W2FashionMnist.INFER_WARMUP_SECONDS on Strata's side)
W2_INFER_WARMUP_SECONDS = 2.0
# seconds of training (short measurement included) before W2's epoch-long training runs are timed
# (W2FashionMnist.TRAIN_WARMUP_SECONDS)
W2_TRAIN_WARMUP_SECONDS = 3.0
# the full batches of one epoch over the 60,000 training images (a last partial batch would make Keras recompile)
W2_EPOCH_STEPS = 60000 // W2_BATCH


def w1(a, report, fit_once, styles):
    """W1 for the given model styles: the warm-up rounds, then ``a.repeats`` fits of every configuration, each
    ``fit_once(style, opt, epochs)`` returning (µs per step, epoch-median µs per step, test MSE)."""
    # Every configuration is fitted briefly first and discarded, as in Strata's harness (whose JIT needs it).
    w1_warm_up(a, fit_once, styles)
    for style in styles:
        for opt in OPTIMIZERS:
            step, epoch_step, mse = [], [], []
            for r in range(a.repeats):
                s, e, m = fit_once(style, opt, a.epochs)
                step.append(s)
                epoch_step.append(e)
                mse.append(m)
                report.note("W1 %s %s run %d: %.1f us/step (epoch median %.1f), test MSE %.4f", style, opt, r + 1,
                            s, e, m)
            key = f"w1.{style}.{opt}"
            report.metric(key + ".step_us", "us", step)
            report.metric(key + ".epoch_step_us", "us", epoch_step)
            report.metric(key + ".test_mse", "", mse)


def w1_warm_up(a, fit_once, styles):
    """Fits every configuration for W1_WARMUP_EPOCHS and discards it, in rounds, until ``a.w1_warmup_seconds``
    have passed (at least one round), as W1Training.warmUp on Strata's side: a JIT keeps compiling for seconds."""
    start = time.perf_counter()
    while True:
        for style in styles:
            for opt in OPTIMIZERS:
                fit_once(style, opt, W1_WARMUP_EPOCHS)
        if time.perf_counter() - start >= a.w1_warmup_seconds:
            return


def w2_train(a, report, epoch, workload="w2"):
    """W2's training measurements on a new model, as W2FashionMnist.train on Strata's side (W5 uses them too, with
    ``workload="w5"`` naming its keys and notes). ``epoch(n)`` trains
    one shuffled epoch over the first ``n`` batches. Short: right after a warm-up epoch of ``w2_warmup_steps``,
    epochs of ``w2_steps`` steps are timed. Then, once training has gone on for ``w2_train_warmup_seconds`` in all,
    epochs of ``w2_epoch_steps`` steps (all of the training set's full batches) are timed: the throughput of a
    training run past its start-up."""
    start = time.perf_counter()
    epoch(a.w2_warmup_steps)
    _timed_epochs(a, report, epoch, a.w2_steps, f"{workload}.train_short.samples_per_s",
                  f"{workload.upper()} short train run")
    while time.perf_counter() - start < a.w2_train_warmup_seconds:
        epoch(a.w2_steps)
    _timed_epochs(a, report, epoch, a.w2_epoch_steps, f"{workload}.train.samples_per_s",
                  f"{workload.upper()} train run")


def _timed_epochs(a, report, epoch, steps, key, label):
    rates = []
    for r in range(a.repeats):
        t = time.perf_counter()
        epoch(steps)
        seconds = time.perf_counter() - t
        rates.append(steps * W2_BATCH / seconds)
        report.note("%s %d: %d steps in %.2f s, %.0f samples/s", label, r + 1, steps, seconds, rates[-1])
    report.metric(key, "samples/s", rates)


def w7_data(steps):
    """W7's inputs: ``steps * 64`` sequences of 100 random token ids in [1, 20,000) (no padding, so no mask) and
    random 0/1 labels; a fixed seed (the values do not change the cost, so numpy's generator stands in for
    Strata's)."""
    rng = np.random.default_rng(42)
    n = steps * W7_BATCH
    x = rng.integers(1, W7_VOCABULARY, size=(n, W7_LENGTH)).astype(np.int32)
    y = rng.integers(0, 2, size=(n, 1)).astype(np.float32)
    return x, y


def w7(a, report, cell, epoch, predict, n):
    """W7's protocol for one cell ("lstm", "gru"), as W7TextRnn.run: ``epoch()`` trains one shuffled epoch over the
    ``n`` samples at batch 64, ``predict()`` predicts them at batch 64. One warm-up epoch, more until
    ``w7_train_warmup_seconds`` have passed, then timed epochs; inference warmed up for
    ``w7_infer_warmup_seconds``, then timed calls."""
    label = f"W7 {cell.upper()}"
    start = time.perf_counter()
    epoch()
    while time.perf_counter() - start < a.w7_train_warmup_seconds:
        epoch()
    train = []
    for r in range(a.repeats):
        t = time.perf_counter()
        epoch()
        seconds = time.perf_counter() - t
        train.append(n / seconds)
        report.note("%s train run %d: %d steps in %.2f s, %.0f samples/s", label, r + 1, n // W7_BATCH, seconds,
                    train[-1])
    report.metric(f"w7.{cell}.train.samples_per_s", "samples/s", train)
    end = time.perf_counter() + a.w7_infer_warmup_seconds
    predict()
    while time.perf_counter() < end:
        predict()
    infer = []
    for r in range(a.repeats):
        t = time.perf_counter()
        predict()
        seconds = time.perf_counter() - t
        infer.append(n / seconds)
        report.note("%s inference run %d: %d samples in %.3f s, %.0f samples/s", label, r + 1, n, seconds, infer[-1])
    report.metric(f"w7.{cell}.infer.samples_per_s", "samples/s", infer)


def w8_data():
    """W8's input and target, (32, 128, 256) each from a standard normal distribution, a fixed seed."""
    rng = np.random.default_rng(42)
    shape = (W8_BATCH, W8_LENGTH, W8_D_MODEL)
    return rng.standard_normal(shape, dtype=np.float32), rng.standard_normal(shape, dtype=np.float32)


def w8_timed(a, report, call, key, label):
    """W8's latency protocol, as W8TransformerBlock.timed: warm up for ``w8_warmup_seconds``, then ``repeats`` runs
    of ``w8_calls`` calls, each run's mean in ms."""
    end = time.perf_counter() + a.w8_warmup_seconds
    call()
    while time.perf_counter() < end:
        call()
    ms = []
    for r in range(a.repeats):
        t = time.perf_counter()
        for _ in range(a.w8_calls):
            call()
        ms.append((time.perf_counter() - t) * 1e3 / a.w8_calls)
        report.note("%s run %d: %d calls, %.2f ms each", label, r + 1, a.w8_calls, ms[-1])
    report.metric(key, "ms", ms)


def warm_up(call, seconds):
    """Calls ``call(i)`` for ``seconds`` (as Strata's W3 warm-up, which its JIT needs)."""
    end = time.perf_counter() + seconds
    i = 0
    while time.perf_counter() < end:
        call(i % W3_SAMPLES)
        i += 1


def timed_calls(call, calls, budget_seconds=4.0):
    """Latencies in microseconds of single calls ``call(i)``: up to ``calls`` calls timed one by one, fewer
    (at least 200) if they would take more than ``budget_seconds`` (Keras's predict takes ms)."""
    out = []
    start = time.perf_counter()
    for i in range(calls):
        t0 = time.perf_counter_ns()
        call(i % W3_SAMPLES)
        out.append((time.perf_counter_ns() - t0) / 1e3)
        if i >= 199 and time.perf_counter() - start > budget_seconds:
            break
    return out


def throughput(call, reference, threads, seconds):
    """Predictions per second of ``threads`` threads calling ``call(i)`` on one shared model for ``seconds``,
    and the number of results that differ from ``reference[i]`` (the single-threaded result)."""
    import threading
    counts = [0] * threads
    bad = [0] * threads
    errors = []
    barrier = threading.Barrier(threads + 1)

    def worker(t):
        barrier.wait()
        deadline = time.perf_counter() + seconds
        i = t * (W3_SAMPLES // threads)
        n = 0
        wrong = 0
        try:
            while time.perf_counter() < deadline:
                out = call(i)
                if not all(np.array_equal(a, b) for a, b in zip(out, reference[i])):
                    wrong += 1
                n += 1
                i = (i + 1) % W3_SAMPLES
        except Exception as e:  # a framework that is not safe for concurrent callers fails here
            errors.append(f"{type(e).__name__}: {str(e).splitlines()[0][:200]}")
            wrong += 1
        counts[t] = n
        bad[t] = wrong

    workers = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    barrier.wait()
    start = time.perf_counter()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    if errors:
        print(f"# {len(errors)} of {threads} threads failed: {errors[0]}", flush=True)
    return sum(counts) / elapsed, sum(bad)


def run_example_subprocess(script, repeats, report, env=None):
    """The whole Wide & Deep example in a new interpreter each time (start, imports, data, three models)."""
    import subprocess
    walls = []
    for r in range(repeats):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, script, "--example"], capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        results = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        if done.returncode != 0 or len(results) != 3:
            raise RuntimeError(f"example failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}")
        walls.append(wall)
        report.note("W1 example run %d: %.2f s wall; %s", r + 1, wall, " | ".join(results))
    report.metric("w1.example.wall_s", "s", walls)


def versions(*modules):
    out = {"python": sys.version.split()[0]}
    for m in modules:
        out[m.__name__] = getattr(m, "__version__", "?")
    return out

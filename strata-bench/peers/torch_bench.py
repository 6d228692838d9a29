"""Issue 6's workloads W1-W3, issue 12's W5 and issue 13's W7 and W8 in PyTorch eager mode, written as a PyTorch user writes them: nn.Module models and a
plain training loop that does what Keras's fit does (shuffle each epoch, batch 32, track the loss, validate after
each epoch). Initialisation and Adam's epsilon follow Keras (Glorot-uniform weights, zero biases, eps 1e-7) so
that the three frameworks train the same models. Prints BENCH lines (see common.py).

    venv/bin/python torch_bench.py [--quick] [--repeats N] [--only w1,w2,w3,w5,w7,w8,example]

PyTorch has one way to write a model (a subclass of nn.Module), so its Wide & Deep measurements are reported as
"subclassed" and set beside both Strata's subclassed and Functional models.
"""
import math
import os
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

import common

FW = "pytorch"


def keras_init(module):
    for m in module.modules():
        # xavier_uniform_ takes a conv kernel's fans as Keras's glorot_uniform does (receptive field x channels)
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return module


class WideAndDeep(nn.Module):
    def __init__(self, units=30):
        super().__init__()
        self.hidden1 = nn.Linear(6, units)
        self.hidden2 = nn.Linear(units, units)
        self.main_output = nn.Linear(5 + units, 1)
        self.aux_output = nn.Linear(units, 1)

    def forward(self, input_a, input_b):
        hidden1 = F.relu(self.hidden1(input_b))
        hidden2 = F.relu(self.hidden2(hidden1))
        concat = torch.cat([input_a, hidden2], dim=1)
        return self.main_output(concat), self.aux_output(hidden2)


def mlp():
    return nn.Sequential(nn.Linear(8, 30), nn.ReLU(), nn.Linear(30, 30), nn.ReLU(), nn.Linear(30, 1))


def optimizer(name, params):
    if name == "sgd":
        return torch.optim.SGD(params, lr=1e-3)
    return torch.optim.Adam(params, lr=1e-3, eps=1e-7)  # Keras's epsilon


def build(style):
    torch.manual_seed(42)
    return keras_init(mlp() if style == "sequential" else WideAndDeep())


def tensors(style, x):
    x = torch.from_numpy(np.ascontiguousarray(x))
    return [x] if style == "sequential" else [x[:, :5].contiguous(), x[:, 2:].contiguous()]


def loss_of(style, out, y):
    if style == "sequential":
        return F.mse_loss(out, y)
    return 0.9 * F.mse_loss(out[0], y) + 0.1 * F.mse_loss(out[1], y)


def fit(model, opt, style, x, y, epochs, batch, xv=None, yv=None, on_epoch=None, verbose=False):
    """Keras's fit as a loop: shuffled batches, the running mean loss, validation after each epoch."""
    n = len(y)
    steps = math.ceil(n / batch)
    for epoch in range(epochs):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(n)
        total = 0.0
        for s in range(steps):
            idx = order[s * batch:(s + 1) * batch]
            xb = [t[idx] for t in x]
            yb = y[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_of(style, model(*xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        logs = {"loss": total / n}
        if xv is not None:
            logs["val_loss"] = evaluate(model, style, xv, yv, batch)
        if on_epoch:
            on_epoch(time.perf_counter() - start)
        if verbose:
            print(f"Epoch {epoch + 1}/{epochs} - loss: {logs['loss']:.4f} - val_loss: {logs.get('val_loss', 0):.4f}")


def evaluate(model, style, x, y, batch):
    model.eval()
    total = 0.0
    with torch.no_grad():
        for s in range(0, len(y), batch):
            xb = [t[s:s + batch] for t in x]
            total += loss_of(style, model(*xb), y[s:s + batch]).item() * len(xb[0])
    return total / len(y)


def test_mse(model, style, x, y):
    model.eval()
    with torch.no_grad():
        out = model(*x)
        main = out if style == "sequential" else out[0]
        return float(F.mse_loss(main, y))


def fit_once(d, style, opt_name, epochs):
    x_train, x_valid, x_test, y_train, y_valid, y_test = d
    m = build(style)
    opt = optimizer(opt_name, m.parameters())
    epoch_seconds = []
    start = time.perf_counter()
    fit(m, opt, style, tensors(style, x_train), torch.from_numpy(y_train), epochs, common.W1_BATCH,
        tensors(style, x_valid), torch.from_numpy(y_valid), on_epoch=epoch_seconds.append)
    seconds = time.perf_counter() - start
    steps_per_epoch = math.ceil(len(x_train) / common.W1_BATCH)
    mse = test_mse(m, style, tensors(style, x_test), torch.from_numpy(y_test))
    per_epoch = [s * 1e6 / steps_per_epoch for s in epoch_seconds[1:]]
    epoch_step = common.median(per_epoch) if per_epoch else float("nan")
    return seconds * 1e6 / (steps_per_epoch * epochs), epoch_step, mse


def w1(d, a, report):
    common.w1(a, report, lambda style, opt, epochs: fit_once(d, style, opt, epochs), ("subclassed", "sequential"))


def w2(a, report):
    start = time.perf_counter()
    x, y, x_test, y_test = common.fashion_mnist(a.mnist)
    report.note("W2: Fashion-MNIST read in %.2f s", time.perf_counter() - start)
    x, y, x_test = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(x_test)
    torch.manual_seed(42)
    m = keras_init(nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10)))
    opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)
    b = common.W2_BATCH

    def epoch(xs, ys):
        m.train()
        order = torch.randperm(len(ys))
        total = 0.0
        for s in range(0, len(ys), b):
            idx = order[s:s + b]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(m(xs[idx]), ys[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        return total / len(ys)

    common.w2_train(a, report, lambda n: epoch(x[:n * b], y[:n * b]))

    def predict():
        m.eval()
        with torch.inference_mode():
            return torch.cat([m(x_test[s:s + common.W2_PREDICT_BATCH])
                              for s in range(0, len(x_test), common.W2_PREDICT_BATCH)])

    common.warm_up(lambda i: predict(), common.W2_INFER_WARMUP_SECONDS)
    infer = []
    logits = None
    for r in range(a.repeats):
        start = time.perf_counter()
        logits = predict()
        seconds = time.perf_counter() - start
        infer.append(len(x_test) / seconds)
        report.note("W2 inference run %d: %.3f s, %.0f samples/s", r + 1, seconds, infer[-1])
    report.metric("w2.infer.samples_per_s", "samples/s", infer)
    report.metric("w2.test_accuracy", "", [float(np.mean(logits.argmax(dim=1).numpy() == y_test))])


def w5(a, report):
    """W5: the Fashion-MNIST CNN as a PyTorch user writes it (NCHW images, nn.Sequential), W2's protocol and loop."""
    start = time.perf_counter()
    x, y, x_test, y_test = common.fashion_mnist_images(a.mnist)
    report.note("W5: Fashion-MNIST read in %.2f s", time.perf_counter() - start)
    # PyTorch's layout is channels first: (n, 1, 28, 28)
    x = torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))
    x_test = torch.from_numpy(np.ascontiguousarray(x_test.transpose(0, 3, 1, 2)))
    y = torch.from_numpy(y)
    torch.manual_seed(42)
    m = keras_init(nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10)))
    opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)
    b = common.W2_BATCH

    def epoch(xs, ys):
        m.train()
        order = torch.randperm(len(ys))
        total = 0.0
        for s in range(0, len(ys), b):
            idx = order[s:s + b]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(m(xs[idx]), ys[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        return total / len(ys)

    common.w2_train(a, report, lambda n: epoch(x[:n * b], y[:n * b]), "w5")
    m.eval()
    with torch.inference_mode():
        logits = torch.cat([m(x_test[s:s + common.W2_PREDICT_BATCH])
                            for s in range(0, len(x_test), common.W2_PREDICT_BATCH)])
    report.metric("w5.test_accuracy", "", [float(np.mean(logits.argmax(dim=1).numpy() == y_test))])


class TextRnn(nn.Module):
    """W7: Embedding 20,000 x 128 -> LSTM or GRU 128 (batch first) -> the last hidden state -> Linear 1 (a logit: the
    loss is BCEWithLogitsLoss, as a PyTorch user writes Keras's sigmoid + binary crossentropy)."""

    def __init__(self, cell):
        super().__init__()
        self.embedding = nn.Embedding(common.W7_VOCABULARY, common.W7_UNITS)
        rnn = nn.LSTM if cell == "lstm" else nn.GRU
        self.rnn = rnn(common.W7_UNITS, common.W7_UNITS, batch_first=True)
        self.dense = nn.Linear(common.W7_UNITS, 1)

    def forward(self, ids):
        _, h = self.rnn(self.embedding(ids))
        h = h[0] if isinstance(h, tuple) else h  # LSTM returns (h_n, c_n)
        return self.dense(h[-1])


def w7(a, report):
    x, y = common.w7_data(a.w7_steps)
    x, y = torch.from_numpy(x).long(), torch.from_numpy(y)
    b = common.W7_BATCH
    for cell in ("lstm", "gru"):
        torch.manual_seed(42)
        m = keras_init(TextRnn(cell))
        opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)

        def epoch():
            m.train()
            order = torch.randperm(len(y))
            for s in range(0, len(y), b):
                idx = order[s:s + b]
                opt.zero_grad(set_to_none=True)
                loss = F.binary_cross_entropy_with_logits(m(x[idx]), y[idx])
                loss.backward()
                opt.step()
                loss.item()

        def predict():
            m.eval()
            with torch.inference_mode():
                return torch.cat([torch.sigmoid(m(x[s:s + b])) for s in range(0, len(x), b)])

        common.w7(a, report, cell, epoch, predict, len(y))


def w8(a, report):
    """W8: nn.TransformerEncoderLayer(256, 4, 1024, dropout 0, relu, post-norm, batch first); MSE, Adam. Inference
    in eval mode under inference_mode, where PyTorch takes its fused encoder-layer fast path, as a user gets it."""
    x, y = (torch.from_numpy(v) for v in common.w8_data())
    torch.manual_seed(42)
    m = nn.TransformerEncoderLayer(common.W8_D_MODEL, common.W8_HEADS, common.W8_FF, dropout=0.0,
                                   batch_first=True)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)

    def train_step():
        m.train()
        opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(m(x), y)
        loss.backward()
        opt.step()
        loss.item()

    def infer():
        m.eval()
        with torch.inference_mode():
            return m(x)

    common.w8_timed(a, report, train_step, "w8.train_step_ms", "W8 train step")
    common.w8_timed(a, report, infer, "w8.infer_ms", "W8 inference")


def w3(d, a, report):
    x_train, _, x_test, y_train, _, _ = d
    m = build("subclassed")
    opt = optimizer("sgd", m.parameters())
    fit(m, opt, "subclassed", tensors("subclassed", x_train), torch.from_numpy(y_train), 1, common.W1_BATCH)
    m.eval()
    wide, deep = tensors("subclassed", x_test)
    samples = [(wide[i:i + 1].clone(), deep[i:i + 1].clone()) for i in range(common.W3_SAMPLES)]

    def forward(i):
        # inference_mode is per thread, so each call enters it (as a request handler would)
        with torch.inference_mode():
            return [o.numpy() for o in m(*samples[i])]

    common.warm_up(forward, a.w3_warmup_seconds)
    medians, p99s = [], []
    for r in range(a.repeats):
        lat = common.timed_calls(forward, a.w3_calls)
        medians.append(common.median(lat))
        p99s.append(common.quantile(lat, 0.99))
        report.note("W3 forward latency run %d (%d calls): median %.1f us, p99 %.1f us", r + 1, len(lat),
                    medians[-1], p99s[-1])
    report.metric("w3.predict.latency_median_us", "us", medians)
    report.metric("w3.predict.latency_p99_us", "us", p99s)

    reference = [forward(i) for i in range(common.W3_SAMPLES)]
    identical = True
    for threads in common.W3_THREADS:
        rates = []
        for r in range(a.repeats):
            rate, bad = common.throughput(forward, reference, threads, a.w3_seconds)
            rates.append(rate)
            identical &= bad == 0
            report.note("W3 %d thread(s) run %d: %.0f predictions/s, %d mismatches", threads, r + 1, rate, bad)
        report.metric(f"w3.throughput.t{threads}", "pred/s", rates)
    report.metric("w3.identical", "", [1 if identical else 0])


def example():
    """The whole Wide & Deep example in PyTorch: the three models of the Strata and Keras examples (Wide & Deep
    twice, as PyTorch has one style, then the MLP), SGD, 20 epochs with validation, test MSE, 3 predictions."""
    x_train, x_valid, x_test, y_train, y_valid, y_test = common.housing()
    lines = []
    for label, style in (("subclassed", "subclassed"), ("functional", "subclassed"), ("sequential", "sequential")):
        m = build(style)
        opt = optimizer("sgd", m.parameters())
        start = time.perf_counter()
        fit(m, opt, style, tensors(style, x_train), torch.from_numpy(y_train), 20, common.W1_BATCH,
            tensors(style, x_valid), torch.from_numpy(y_valid), verbose=True)
        seconds = time.perf_counter() - start
        mse = test_mse(m, style, tensors(style, x_test), torch.from_numpy(y_test))
        with torch.no_grad():
            print("predictions for 3 new samples:", m(*tensors(style, x_test[:3])))
        lines.append(f"RESULT style={label} test_main_mse={mse:.4f} fit_seconds={seconds:.2f}")
    print("\n".join(lines))


def main():
    a = common.parse_args(FW)
    if a.example:
        example()
        return
    report = common.Report(FW)
    facts = common.versions(torch, np)
    import sklearn
    facts["sklearn"] = sklearn.__version__
    facts.update({"torch_threads": str(torch.get_num_threads()), "mode": "quick" if a.quick else "full",
                  "repeats": str(a.repeats)})
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

"""Goldens for ReduceLROnPlateau, LearningRateScheduler, CSVLogger and RemoteMonitor (issue 14), from Keras itself.

Each Keras callback is driven by hand with fixed logs (as fit would call it), so the Java test can drive Strata's
callback with the same logs and compare: learning rates set and logged, printed messages, the CSV file's bytes,
and the HTTP requests RemoteMonitor sends (captured by a local server on 127.0.0.1).

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/callbacks14.py
     (writes strata-core/src/test/java/dev/strata/callbacks/CallbacksGolden.java; needs `requests`)
"""
import contextlib
import io
import json
import math
import os
import pathlib
import tempfile
import threading
import warnings
from http.server import BaseHTTPRequestHandler, HTTPServer

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402

from _common import dlit, java_class  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "strata-core/src/test/java/dev/strata/callbacks/CallbacksGolden.java"

lines = []


def s(x):
    """A Java string literal."""
    return json.dumps(x)


def dlist(xs):
    return "new double[] {" + ", ".join(dlit(x) for x in xs) + "}"


def model_with(optimizer):
    m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    m.compile(optimizer=optimizer, loss="mse")
    return m


# ---------------------------------------------------------------- ReduceLROnPlateau
# name, optimizer lr, callback kwargs, logs per epoch (monitored key and values)
plateau_cases = [
    ("defaults", 0.01, {}, "val_loss",
     [1.0, 0.9, 0.95, 0.92, 0.91, 0.9, 0.93, 0.9, 0.95, 0.96, 0.97, 0.9, 0.9, 0.8, 0.85]),
    ("cooldownMinLr", 0.01, dict(factor=0.5, patience=2, cooldown=1, min_lr=0.002, min_delta=0.01, verbose=1),
     "val_loss", [1.0, 0.995, 0.99, 0.985, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]),
    ("maxMode", 0.001, dict(monitor="val_acc", mode="max", patience=1, factor=0.2, verbose=1),
     "val_acc", [0.5, 0.6, 0.6, 0.55, 0.7, 0.7, 0.7, 0.71]),
    # 0.999899999 + 1e-4 is below 1.0 in float64 but rounds to 1.0 in float32, where Keras compares: no improvement
    ("float32Compare", 0.1, dict(patience=1, factor=0.5, verbose=1), "val_loss",
     [1.0, 0.999899999, 0.9998, 0.99979999]),
    ("lossMonitor", 0.3, dict(monitor="loss", patience=0, factor=0.3, min_delta=0.0, verbose=1), "loss",
     [2.0, 2.0, 1.0, 1.5, 1.5]),
]
lines.append("// ReduceLROnPlateau: per case the monitored values, the logged learning_rate and the optimizer's rate")
lines.append("// after each epoch end, and what verbose printed")
for name, lr, kw, key, values in plateau_cases:
    m = model_with(keras.optimizers.SGD(learning_rate=lr))
    cb = keras.callbacks.ReduceLROnPlateau(**kw)
    cb.set_model(m)
    cb.on_train_begin()
    logged, after = [], []
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for epoch, v in enumerate(values):
            logs = {key: v} if key == "loss" else {"loss": 1.0, key: v}
            cb.on_epoch_end(epoch, logs)
            logged.append(logs["learning_rate"])
            after.append(float(np.asarray(m.optimizer.learning_rate)))
    lines.append(f"static final double[] PLATEAU_{name}_VALUES = {dlist(values)};")
    lines.append(f"static final double[] PLATEAU_{name}_LOGGED = {dlist(logged)};")
    lines.append(f"static final double[] PLATEAU_{name}_AFTER = {dlist(after)};")
    lines.append(f"static final String PLATEAU_{name}_OUT = {s(out.getvalue())};")

try:
    keras.callbacks.ReduceLROnPlateau(factor=1.0)
except ValueError as e:
    lines.append(f"static final String PLATEAU_FACTOR_ERROR = {s(str(e))};")

# ---------------------------------------------------------------- LearningRateScheduler
lines.append("")
lines.append("// LearningRateScheduler: the rate after each epoch begin, the logged learning_rate, the verbose output")
sched_cases = [
    ("decay", 0.01, lambda epoch, lr: lr if epoch < 2 else lr * math.exp(-0.1), 6),
    ("float32", 0.01, lambda epoch, lr: np.float32(0.1 / (epoch + 1)), 4),
    ("epochOnly", 0.01, lambda epoch: 0.5 ** epoch, 4),
]
for name, lr, fn, epochs in sched_cases:
    m = model_with(keras.optimizers.SGD(learning_rate=lr))
    cb = keras.callbacks.LearningRateScheduler(fn, verbose=1)
    cb.set_model(m)
    begun, logged = [], []
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for epoch in range(epochs):
            cb.on_epoch_begin(epoch)
            begun.append(float(np.asarray(m.optimizer.learning_rate)))
            logs = {"loss": 1.0}
            cb.on_epoch_end(epoch, logs)
            logged.append(logs["learning_rate"])
    lines.append(f"static final double[] SCHED_{name}_RATES = {dlist(begun)};")
    lines.append(f"static final double[] SCHED_{name}_LOGGED = {dlist(logged)};")
    lines.append(f"static final String SCHED_{name}_OUT = {s(out.getvalue())};")

for name, ret in [("NONE", None), ("INT", 1)]:
    m = model_with(keras.optimizers.SGD(learning_rate=0.01))
    cb = keras.callbacks.LearningRateScheduler(lambda epoch, lr, r=ret: r)
    cb.set_model(m)
    try:
        cb.on_epoch_begin(0)
    except ValueError as e:
        lines.append(f"static final String SCHED_ERROR_{name} = {s(str(e))};")

# ---------------------------------------------------------------- CSVLogger
lines.append("")
lines.append("// CSVLogger: the file's text after the epochs given (logs in insertion order)")
nan, inf = float("nan"), float("inf")
epochs_main = [
    {"loss": 0.4302417039871216, "val_loss": 0.5, "mae": 1e-05, "val_mae": 1.5e16},
    {"loss": nan, "val_loss": inf, "mae": -0.0, "val_mae": 3.0},
    {"loss": 0.1, "val_loss": 0.30000001192092896, "mae": -inf},  # val_mae missing: NA
]
epochs_noval = [
    {"loss": 0.25, "acc": 0.5},
    {"loss": 0.125, "acc": 0.75, "extra": 9.0},  # a key not in the first epoch's is left out
]
epochs_quote = [{"a;b": 1.0, 'q"uote': 2.0, "loss": 0.5}]


def csv_run(sep, append, runs, existing=None):
    """runs: list of lists of logs (one list per fit); returns the file's text."""
    with tempfile.TemporaryDirectory() as d:
        p = pathlib.Path(d) / "log.csv"
        if existing is not None:
            p.write_bytes(existing.encode())
        cb = keras.callbacks.CSVLogger(str(p), separator=sep, append=append)
        for run in runs:
            cb.on_train_begin()
            for epoch, logs in enumerate(run):
                cb.on_epoch_end(epoch, dict(logs))
            cb.on_train_end()
        return p.read_bytes().decode()


csv_cases = [
    ("main", ",", False, [epochs_main], None),
    ("noVal", ",", False, [epochs_noval], None),
    ("semicolonQuotes", ";", False, [epochs_quote], None),
    ("tab", "\t", False, [epochs_main], None),
    ("dot", ".", False, [epochs_noval], None),
    ("appendExisting", ",", True, [epochs_noval], "epoch,acc,loss,val_acc,val_loss\r\n0,1,2,NA,NA\r\n"),
    ("appendEmpty", ",", True, [epochs_noval], ""),
    ("appendNew", ",", True, [epochs_noval], None),
    ("appendTwoFits", ",", True, [epochs_noval, epochs_noval[:1]], None),
    ("overwriteTwoFits", ",", False, [epochs_main, epochs_noval], "old text\n"),
]
for name, sep, append, runs, existing in csv_cases:
    lines.append(f"static final String CSV_{name} = {s(csv_run(sep, append, runs, existing))};")
lines.append(f"static final String CSV_EXISTING = {s(csv_cases[5][4])};")

# ---------------------------------------------------------------- RemoteMonitor
lines.append("")
lines.append("// RemoteMonitor: the POST each epoch end sends (path, Content-Type, a custom header, body)")
captured = []


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(n).decode()
        captured.append((self.path, self.headers.get("Content-Type"), self.headers.get("X-Token"), body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Handler)
port = server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()
root = f"http://127.0.0.1:{port}"
remote_logs = {"loss": 0.4302417039871216, "mae": 2.5, "val_loss": 1e-05, "val_mae": 1.5e16, "odd key~*": -0.0}
remote_cases = [
    ("form", dict(), 3, remote_logs),
    ("json", dict(send_as_json=True, headers={"X-Token": "abc 123"}), 0, remote_logs),
    ("field", dict(path="/custom/path?x=1", field="payload"), 7, {"loss": nan, "acc": inf}),
    ("jsonNan", dict(send_as_json=True), 1, {"loss": nan}),
]
for name, kw, epoch, logs in remote_cases:
    captured.clear()
    cb = keras.callbacks.RemoteMonitor(root=root, **kw)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        cb.on_epoch_end(epoch, dict(logs))
    msgs = [str(x.message) for x in w]
    if captured:
        path, ctype, token, body = captured[0]
        lines.append(f"static final String[] REMOTE_{name} = {{{s(path)}, {s(ctype)}, {s(token)}, {s(body)}}};")
    else:
        lines.append(f"static final String[] REMOTE_{name} = null;")
    lines.append(f"static final String REMOTE_{name}_WARNING = {s(msgs[0].replace(root, '<root>')) if msgs else 'null'};")
server.shutdown()
server.server_close()
# an unreachable root: nothing listens on the port just closed
cb = keras.callbacks.RemoteMonitor(root=root)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    cb.on_epoch_end(0, {"loss": 1.0})
lines.append(f"static final String REMOTE_DOWN_WARNING = {s(str(w[0].message).replace(root, '<root>'))};")

OUT.write_text(java_class("dev.strata.callbacks", "CallbacksGolden", "tools/golden/callbacks14.py", lines))
print("wrote", OUT)

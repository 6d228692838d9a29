"""Reads the TensorBoard logs Strata wrote with TensorBoard's own readers and checks them.

Usage (from the repository root):

    /work/bin/mvnl -q -o test -pl strata-core -Dtest=TensorBoardTest#exportForTensorBoard
    /work/venv/bin/python tools/tensorboard/check_events.py strata-core/target/tensorboard-interop [--serve]

The Java test leaves two runs (a Sequential fit with validation data, histograms every epoch and batch scalars every
2 batches; a subclassed model's fit) and expected.json (History, the batch logs, each epoch's weights by Keras path).
This script checks, with the `tensorboard` package (no TensorFlow):
  * every record of every event file passes TensorBoard's CRC checks (its PyRecordReader) and the first is
    file_version "brain.Event:2";
  * EventAccumulator (TensorBoard's plugin_event_accumulator) sees the expected tags per plugin;
  * the data provider TensorBoard's dashboards use (MultiplexerDataProvider) gives, per run and tag, the steps and
    float32 values Keras would write: epoch_* (train and validation), epoch_learning_rate,
    evaluation_*_vs_iterations at the optimizer's iterations, batch_loss every 2nd batch;
  * each weight histogram equals tensorboard's own histogram_pb (the numpy twin of tf.summary.histogram's
    bucketing) of that epoch's weights, bucket for bucket;
  * each weight image (write_images) decodes (PIL) to the pixels Keras's _log_weight_as_image would give for that
    epoch's weights (squeezed, reshaped and transposed as Keras does, then tf.image.convert_image_dtype's
    x * 255.5 clamped and truncated);
  * the graph_keras_model blob is the model JSON, and the Graphs plugin's keras_model_to_graph_def turns it into a
    GraphDef with a node per layer;
  * with --serve: the `tensorboard` program itself, started on the directory twice (--load_fast=false, the Python
    multiplexer, and --load_fast=true, the Rust data server), answers its dashboards' HTTP requests (runs, scalar
    tags and values, histograms, images, the conceptual graph) with the same data.
"""
import glob
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import io

import numpy as np
from PIL import Image
from tensorboard import context
from tensorboard.backend.event_processing import data_provider
from tensorboard.backend.event_processing import plugin_event_accumulator as pea
from tensorboard.backend.event_processing import plugin_event_multiplexer as pem
from tensorboard.compat.proto import event_pb2
from tensorboard.compat.tensorflow_stub import errors
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import PyRecordReader_New
from tensorboard.plugins.graph import keras_util
from tensorboard.plugins.histogram.summary_v2 import histogram_pb
from tensorboard.util import tensor_util

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL", what)


def f32(x):
    return float(np.float32(x))


def records(path):
    reader = PyRecordReader_New(path)
    out = []
    while True:
        try:
            reader.GetNext()
        except errors.OutOfRangeError:
            return out
        out.append(reader.record())


root = sys.argv[1]
expected = json.load(open(os.path.join(root, "expected.json")))

# 1. framing and CRCs, with TensorBoard's reader
files = sorted(glob.glob(os.path.join(root, "*", "*", "events.out.tfevents.*")))
check(len(files) == 3, "3 event files, got %d" % len(files))
for f in files:
    recs = records(f)
    first = event_pb2.Event.FromString(recs[0])
    check(first.file_version == "brain.Event:2", f + ": first record is file_version")
    for r in recs[1:]:
        e = event_pb2.Event.FromString(r)
        check(len(e.summary.value) == 1, f + ": one value per event")
    print("%s: %d records, CRCs ok" % (os.path.relpath(f, root), len(recs)))

# 2. EventAccumulator: tags per plugin
acc = pea.EventAccumulator(os.path.join(root, "sequential", "train"), size_guidance={pea.TENSORS: 0})
acc.Reload()
scalar_tags = sorted(acc.PluginTagToContent("scalars"))
check(scalar_tags == sorted(["epoch_loss", "epoch_mae", "epoch_learning_rate", "batch_loss", "batch_mae"]),
      "train scalar tags %s" % scalar_tags)
hist_tags = sorted(acc.PluginTagToContent("histograms"))
seq = expected["sequential"]
want_hist = sorted(p + "/histogram" for p in seq["weights"]["0"])
check(hist_tags == want_hist, "histogram tags %s" % hist_tags)
check(list(acc.PluginTagToContent("graph_keras_model")) == ["keras"], "graph tag 'keras'")
print("EventAccumulator tags:", scalar_tags, len(hist_tags), "histograms, graph_keras_model:",
      list(acc.PluginTagToContent("graph_keras_model")))

# 3. the data provider the dashboards read
mux = pem.EventMultiplexer()
mux.AddRunsFromDirectory(root)
mux.Reload()
provider = data_provider.MultiplexerDataProvider(mux, root)
ctx = context.RequestContext()
runs = sorted(r.run_name for r in provider.list_runs(ctx, experiment_id=""))
check(runs == ["sequential/train", "sequential/validation", "subclassed/train"], "runs %s" % runs)
scalars = provider.read_scalars(ctx, experiment_id="", plugin_name="scalars", downsample=10000)


def series(run, tag):
    return [(d.step, d.value) for d in scalars[run][tag]]


hist = seq["history"]
epochs = len(hist["loss"])
for name in ("loss", "mae"):
    check(series("sequential/train", "epoch_" + name) == [(i, f32(hist[name][i])) for i in range(epochs)],
          "epoch_%s" % name)
    check(series("sequential/validation", "epoch_" + name) == [(i, f32(hist["val_" + name][i])) for i in range(epochs)],
          "validation epoch_%s" % name)
    ipe = seq["iterations_per_epoch"]
    check(series("sequential/validation", "evaluation_%s_vs_iterations" % name)
          == [((i + 1) * ipe, f32(hist["val_" + name][i])) for i in range(epochs)],
          "evaluation_%s_vs_iterations" % name)
check(series("sequential/train", "epoch_learning_rate") == [(i, f32(seq["learning_rate"])) for i in range(epochs)],
      "epoch_learning_rate")
bl = seq["batch_loss_every_2"]
check(series("sequential/train", "batch_loss") == [(2 * (i + 1), f32(bl[i])) for i in range(len(bl))], "batch_loss")
sub = expected["subclassed"]
check(series("subclassed/train", "epoch_loss") == [(i, f32(v)) for i, v in enumerate(sub["history"]["loss"])],
      "subclassed epoch_loss")
print("scalars (data provider):")
for run in sorted(scalars):
    for tag in sorted(scalars[run]):
        print("  %-22s %-34s %s" % (run, tag, [(d.step, round(d.value, 6)) for d in scalars[run][tag]]))

tensors = provider.read_tensors(ctx, experiment_id="", plugin_name="histograms", downsample=10000)
compared = 0
for tag, data in tensors["sequential/train"].items():
    path = tag[: -len("/histogram")]
    check([d.step for d in data] == list(range(epochs)), tag + " steps")
    for d in data:
        want = tensor_util.make_ndarray(histogram_pb(tag, np.array(seq["weights"][str(d.step)][path],
                                                                    dtype=np.float32)).value[0].tensor)
        got = d.numpy
        check(got.shape == (30, 3) and np.array_equal(got, want), "%s step %d equals histogram_pb" % (tag, d.step))
        compared += 1
print("histograms (data provider): %d tags x %d epochs, each equal to tensorboard's histogram_pb" %
      (len(tensors["sequential/train"]), epochs))
check(compared == len(want_hist) * epochs, "compared all histograms")



def keras_weight_image(w):
    """Keras's _log_weight_as_image up to tf.summary.image's uint8 conversion; None when Keras skips the weight."""
    w = np.squeeze(w)
    if w.ndim == 1:
        w = w.reshape(1, w.shape[0], 1, 1)
    elif w.ndim == 2:
        if w.shape[0] > w.shape[1]:
            w = w.T
        w = w.reshape(1, w.shape[0], w.shape[1], 1)
    elif w.ndim == 3:
        w = np.transpose(w, [2, 0, 1])
        w = w.reshape(w.shape[0], w.shape[1], w.shape[2], 1)
    if w.ndim != 4 or w.shape[-1] not in (1, 3, 4):
        return None
    return np.clip(w.astype(np.float32) * np.float32(255.5), 0, 255).astype(np.uint8)


images = provider.read_blob_sequences(ctx, experiment_id="", plugin_name="images", downsample=10000)["sequential/train"]
want_images = []
for path, shape in seq["shapes"].items():
    if keras_weight_image(np.zeros(shape, np.float32)) is not None:
        want_images.append(path + "/image")
check(sorted(images) == sorted(want_images), "image tags %s" % sorted(images))
for tag, steps in images.items():
    path = tag[: -len("/image")]
    check([d.step for d in steps] == list(range(epochs)), tag + " steps")
    for d in steps:
        want = keras_weight_image(np.array(seq["weights"][str(d.step)][path], np.float32).reshape(seq["shapes"][path]))
        blobs_ = [provider.read_blob(ctx, blob_key=v.blob_key) for v in d.values]
        width, height = int(blobs_[0]), int(blobs_[1])
        pngs = [np.array(Image.open(io.BytesIO(b))) for b in blobs_[2:]]
        check(len(pngs) == min(3, want.shape[0]) and (width, height) == (want.shape[2], want.shape[1]),
              "%s step %d: %d images %dx%d" % (tag, d.step, len(pngs), width, height))
        for i, px in enumerate(pngs):
            check(np.array_equal(px.reshape(want.shape[1:]), want[i]), "%s step %d image %d pixels" % (tag, d.step, i))
print("images (data provider): %d tags x %d epochs, pixels as Keras's _log_weight_as_image gives them" %
      (len(images), epochs))

blobs = provider.read_blob_sequences(ctx, experiment_id="", plugin_name="graph_keras_model", downsample=10)
for run, layers in (("sequential/train", seq["layers"]), ("subclassed/train", sub["layers"])):
    seqs = blobs[run]["keras"]
    check(len(seqs) == 1 and seqs[0].step == 0, run + ": one keras graph at step 0")
    text = provider.read_blob(ctx, blob_key=seqs[0].values[0].blob_key)
    config = json.loads(text)
    graph = keras_util.keras_model_to_graph_def(config)
    names = [n.name for n in graph.node]
    check(all(any(n.endswith("/" + l) or n == l for n in names) for l in layers),
          run + ": graph nodes %s hold the layers %s" % (names, layers))
    print("%s: %s graph, GraphDef nodes %s" % (run, config["class_name"], names))



def serve_and_check(load_fast):
    """Starts tensorboard on root, asks its HTTP API what the dashboards ask, and stops it."""
    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        port = sock.getsockname()[1]
    exe = os.path.join(os.path.dirname(sys.executable), "tensorboard")
    proc = subprocess.Popen([exe, "--logdir", root, "--port", str(port), "--load_fast", load_fast],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = "http://localhost:%d" % port

    def get(path, **query):
        url = base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")

    try:
        runs = None
        for _ in range(120):
            try:
                runs = json.loads(get("/data/runs"))
                if len(runs) == 3:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        check(sorted(runs or []) == ["sequential/train", "sequential/validation", "subclassed/train"],
              "server (load_fast=%s) runs %s" % (load_fast, runs))
        tags = json.loads(get("/data/plugin/scalars/tags"))
        check(sorted(tags["sequential/validation"]) == ["epoch_loss", "epoch_mae", "evaluation_loss_vs_iterations",
                                                        "evaluation_mae_vs_iterations"], "server validation tags")
        points = json.loads(get("/data/plugin/scalars/scalars", run="sequential/train", tag="epoch_loss"))
        check([(p[1], f32(p[2])) for p in points] == [(i, f32(hist["loss"][i])) for i in range(epochs)],
              "server epoch_loss %s" % points)
        htags = json.loads(get("/data/plugin/histograms/tags"))["sequential/train"]
        check(sorted(htags) == want_hist, "server histogram tags")
        first = want_hist[0]
        h = json.loads(get("/data/plugin/histograms/histograms", run="sequential/train", tag=first))
        want0 = tensor_util.make_ndarray(histogram_pb(first, np.array(
            seq["weights"]["0"][first[: -len("/histogram")]], dtype=np.float32)).value[0].tensor)
        check(len(h) == epochs and np.array_equal(np.array(h[0][2]), want0), "server histogram " + first)
        info = json.loads(get("/data/plugin/graphs/info"))
        check(info["subclassed/train"]["tags"]["keras"]["conceptual_graph"], "server: conceptual graph listed")
        g = get("/data/plugin/graphs/graph", run="subclassed/train", tag="keras", conceptual="true")
        check('name: "two_dense/hidden"' in g and 'input: "two_dense/hidden"' in g, "server conceptual graph")
        itags = json.loads(get("/data/plugin/images/tags"))["sequential/train"]
        check(sorted(itags) == sorted(want_images), "server image tags")
        first_image = sorted(want_images)[0]
        listing = json.loads(get("/data/plugin/images/images", run="sequential/train", tag=first_image, sample="0"))
        with urllib.request.urlopen(base + "/data/plugin/images/individualImage?" + listing[0]["query"],
                                    timeout=10) as r:
            png = r.read()
        check(png.startswith(b"\x89PNG"), "server serves the PNG of " + first_image)
        print("tensorboard --load_fast=%s on port %d: runs, scalars, histograms, images and the graph as expected" %
              (load_fast, port))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if "--serve" in sys.argv:
    serve_and_check("false")
    serve_and_check("true")

print("%d checks, %d failures" % (checks, len(failures)))
print("ALL OK" if not failures else "FAILED")
sys.exit(1 if failures else 0)

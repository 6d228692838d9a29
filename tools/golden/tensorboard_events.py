"""Golden event-file bytes for Strata's TensorBoard codec, built with the `tensorboard` package's own protobuf
classes (event_pb2, summary_pb2, tensor_pb2), its masked CRC32C and its histogram bucketing (histogram_pb, the
numpy twin of tf.summary.histogram); no TensorFlow. Writes
strata-core/src/test/java/dev/strata/internal/tensorboard/TensorBoardGolden.java.

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/tensorboard_events.py

Events are built as TF 2's summary writer writes them (SummaryFileWriter::WriteTensor: numbers in tensor_content,
strings in string_val, the plugin's metadata on each value), so Strata's encoder must give the same bytes.
"""
import json
import os
import struct

import numpy as np
import tensorboard
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
from tensorboard.plugins.histogram import metadata as hist_meta
from tensorboard.plugins.histogram.summary_v2 import histogram_pb
from tensorboard.plugins.scalar import metadata as scalar_meta
from tensorboard.util import tensor_util

from _common import arr, dlit, java_class

WALL = 1700000000.123456


def shape(*dims):
    return tensor_shape_pb2.TensorShapeProto(dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=d) for d in dims])


def event(step, tag, metadata, tensor):
    e = event_pb2.Event(wall_time=WALL, step=step)
    e.summary.value.add(tag=tag, metadata=metadata, tensor=tensor)
    return e.SerializeToString()


def frame(payload):
    header = struct.pack("<Q", len(payload))
    return header + struct.pack("<I", masked_crc32c(header)) + payload + struct.pack("<I", masked_crc32c(payload))


def hexs(b):
    return '"' + b.hex() + '"'


lines = []
file_version = event_pb2.Event(wall_time=WALL, file_version="brain.Event:2").SerializeToString()
lines.append(f"static final double WALL = {dlit(WALL)};")
lines.append(f"static final String FILE_VERSION_EVENT = {hexs(file_version)};")

scalar = event(7, "epoch_loss", scalar_meta.create_summary_metadata(None, None),
               tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, tensor_shape=shape(),
                                      tensor_content=np.float32(0.3125).tobytes()))
lines.append(f"static final String SCALAR_EVENT = {hexs(scalar)};  // epoch_loss = 0.3125f at step 7")
lines.append(f"static final String SCALAR_RECORD = {hexs(frame(scalar))};")

rng = np.random.default_rng(14)
cases = {
    "NORMAL": rng.normal(0, 0.3, 97).astype(np.float32),
    "SMALL": np.array([-1.5, 0.25, 0.25, 3.0, 2.999, -1.5, 0.1], np.float32),
    "CONSTANT": np.full(5, 0.75, np.float32),
    "EDGES": np.linspace(-1, 1, 31).astype(np.float32),
}
for name, data in cases.items():
    buckets = tensor_util.make_ndarray(histogram_pb("h", data).value[0].tensor)
    lines.append(f"static final float[] HIST_{name}_DATA = {arr(data)};")
    lines.append(f"static final double[] HIST_{name}_BUCKETS = new double[] {{"
                 + ", ".join(dlit(x) for x in buckets.ravel()) + "};")

data = cases["SMALL"]
buckets = tensor_util.make_ndarray(histogram_pb("h", data).value[0].tensor)
hist = event(3, "sequential/dense/kernel/histogram", hist_meta.create_summary_metadata(None, None),
             tensor_pb2.TensorProto(dtype=types_pb2.DT_DOUBLE, tensor_shape=shape(30, 3),
                                    tensor_content=buckets.astype("<f8").tobytes()))
lines.append(f"static final String HISTOGRAM_EVENT = {hexs(hist)};  // HIST_SMALL at step 3")

model_json = json.dumps({"module": "keras", "class_name": "Sequential", "config": {"name": "s\u00e9q"}})
meta = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(
    plugin_name="graph_keras_model", content=b"1"))
keras_event = event(0, "keras", meta, tensor_pb2.TensorProto(dtype=types_pb2.DT_STRING, tensor_shape=shape(),
                                                             string_val=[model_json.encode("utf-8")]))
lines.append(f"static final String KERAS_JSON = {json.dumps(model_json, ensure_ascii=True)};")
lines.append(f"static final String KERAS_EVENT = {hexs(keras_event)};")

out = os.path.join(os.path.dirname(__file__), "..", "..", "strata-core", "src", "test", "java", "dev", "strata",
                   "internal", "tensorboard", "TensorBoardGolden.java")
with open(out, "w") as f:
    f.write(java_class("dev.strata.internal.tensorboard", "TensorBoardGolden", "tools/golden/tensorboard_events.py",
                       lines, doc=f"Golden event records from tensorboard {tensorboard.__version__}'s protobuf "
                                  f"classes, CRC and histogram_pb; environment: Keras"))
print("wrote", os.path.normpath(out))

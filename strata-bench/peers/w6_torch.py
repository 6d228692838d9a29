"""W6 (issue 12) peers: inference of ResNet50 and MobileNetV2 at 224x224x3 with random weights in PyTorch (eager,
and torch.compile with --compile) and ONNX Runtime (the same torch models exported with torch.onnx.export).

torchvision is not usable here (the local index's wheel does not match torch 2.13's operators), so both networks
are written out below in plain torch, layer for layer as torchvision's resnet50() and mobilenet_v2() (the same
convolutions, strides, paddings, batch norms, activations and heads; eval mode, so batch norm uses its running
statistics). Batch-1 latency: median of --calls timed calls after 3 warm-up calls; batch-32 throughput: images per
second of each of --repeats calls on 32 images. Prints BENCH lines as Strata's Workloads does.

    /work/venv/bin/python strata-bench/peers/w6_torch.py [--compile] [--channels-last] [--threads 2] [--calls 10]
        [--repeats 3]

--channels-last adds eager PyTorch with the model and input in channels_last memory format (oneDNN's preferred
layout on CPU, and the layout Strata and ONNX Runtime compute in), as fw "torch_channels_last". --threads sets
torch.set_num_threads (and ONNX Runtime's intra-op threads); 2, the machine's cores, by default. Every PyTorch call
runs under torch.inference_mode() on an eval() model.
"""
import argparse
import copy
import json
import os
import tempfile
import time

import numpy as np
import torch
from torch import nn

GMACS = {"resnet50": 4.089, "mobilenet_v2": 0.3007}


class Bottleneck(nn.Module):
    def __init__(self, cin, width, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, width * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(width * 4)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = nn.Sequential(nn.Conv2d(cin, width * 4, 1, stride, bias=False),
                                        nn.BatchNorm2d(width * 4)) if downsample else None

    def forward(self, x):
        idt = x if self.downsample is None else self.downsample(x)
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.relu(self.bn2(self.conv2(y)))
        return self.relu(self.bn3(self.conv3(y)) + idt)


def resnet50():
    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
              nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for width, blocks, stride in ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)):
        for b in range(blocks):
            layers.append(Bottleneck(cin, width, stride if b == 0 else 1, b == 0))
            cin = width * 4
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2048, 1000))


def conv_bn(cin, cout, k, stride, groups=1, act=True):
    mods = [nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    return nn.Sequential(*mods, nn.ReLU6(inplace=True)) if act else nn.Sequential(*mods)


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, t):
        super().__init__()
        hidden = cin * t
        mods = [conv_bn(cin, hidden, 1, 1)] if t != 1 else []
        mods += [conv_bn(hidden, hidden, 3, stride, groups=hidden), conv_bn(hidden, cout, 1, 1, act=False)]
        self.conv = nn.Sequential(*mods)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        return x + self.conv(x) if self.residual else self.conv(x)


def mobilenet_v2():
    layers = [conv_bn(3, 32, 3, 2)]
    cin = 32
    for t, c, n, s in ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
                       (6, 320, 1, 1)):
        for i in range(n):
            layers.append(InvertedResidual(cin, c, s if i == 0 else 1, t))
            cin = c
    layers += [conv_bn(cin, 1280, 1, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2),
               nn.Linear(1280, 1000)]
    return nn.Sequential(*layers)


def bench(name, run, one, batch, calls, repeats):
    for _ in range(3):
        run(one)
    ms = []
    for _ in range(calls):
        t0 = time.perf_counter()
        run(one)
        ms.append((time.perf_counter() - t0) * 1e3)
    run(batch)
    tp = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run(batch)
        tp.append(32 / (time.perf_counter() - t0))
    return float(np.median(ms)), tp


def emit(fw, key, unit, values):
    print("BENCH " + json.dumps({"fw": fw, "key": key, "unit": unit, "values": values}), flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--compile", action="store_true")
    p.add_argument("--channels-last", action="store_true")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--calls", type=int, default=10)
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    import onnxruntime as ort
    torch.set_num_threads(a.threads)
    print("BENCH " + json.dumps({"fw": "torch", "meta": {"torch": torch.__version__, "threads":
                                                        str(torch.get_num_threads()), "onnxruntime": ort.__version__}}))
    torch.manual_seed(12)
    rng = np.random.default_rng(12)
    one = rng.uniform(-1, 1, (1, 3, 224, 224)).astype("float32")
    batch = rng.uniform(-1, 1, (32, 3, 224, 224)).astype("float32")
    for name, make in (("resnet50", resnet50), ("mobilenet_v2", mobilenet_v2)):
        gflop = 2 * GMACS[name]
        model = make().eval()
        variants = [("torch", model, torch.contiguous_format)]
        if a.channels_last:
            variants.append(("torch_channels_last", copy.deepcopy(model).to(memory_format=torch.channels_last),
                             torch.channels_last))
        if a.compile:
            variants.append(("torch_compile", torch.compile(model), torch.contiguous_format))
        for fw, m, fmt in variants:
            def run(x, m=m, fmt=fmt):
                with torch.inference_mode():
                    return m(torch.from_numpy(x).contiguous(memory_format=fmt))
            lat, tp = bench(name, run, one, batch, a.calls, a.repeats)
            emit(fw, f"w6.{name}.b1_latency", "ms", [lat])
            emit(fw, f"w6.{name}.b32_throughput", "img/s", tp)
            print(f"# W6 {fw} {name}: batch 1 {lat:.1f} ms ({gflop / lat * 1e3:.1f} GFLOP/s), batch 32 "
                  f"{np.median(tp):.1f} img/s ({gflop * np.median(tp):.1f} GFLOP/s)", flush=True)
        path = os.path.join(tempfile.mkdtemp(), name + ".onnx")
        torch.onnx.export(model, torch.from_numpy(one), path, input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "n"}, "y": {0: "n"}}, dynamo=False)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = torch.get_num_threads()
        sess = ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])
        ref = model(torch.from_numpy(one)).detach().numpy()
        got = sess.run(None, {"x": one})[0]
        assert np.allclose(got, ref, rtol=1e-3, atol=1e-3), "ONNX Runtime disagrees with torch"
        lat, tp = bench(name, lambda x: sess.run(None, {"x": x}), one, batch, a.calls, a.repeats)
        emit("onnxruntime", f"w6.{name}.b1_latency", "ms", [lat])
        emit("onnxruntime", f"w6.{name}.b32_throughput", "img/s", tp)
        print(f"# W6 onnxruntime {name}: batch 1 {lat:.1f} ms ({gflop / lat * 1e3:.1f} GFLOP/s), batch 32 "
              f"{np.median(tp):.1f} img/s ({gflop * np.median(tp):.1f} GFLOP/s)", flush=True)


if __name__ == "__main__":
    main()

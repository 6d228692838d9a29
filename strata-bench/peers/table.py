"""Sets the BENCH lines of Strata, Keras-JAX and PyTorch side by side: a markdown table of medians, Strata's
speed-up over each peer, and issue 6's target for the row with whether it is met. Standard library only.

    python3 table.py RESULTS_DIR     # reads strata.txt, keras.txt, torch.txt and machine.txt there

"Speed-up" is always "how many times better Strata is": peer ÷ Strata for times, Strata ÷ peer for throughputs,
so above 1 Strata is ahead.
"""
import json
import os
import sys

FRAMEWORKS = (("strata", "strata.txt"), ("keras-jax", "keras.txt"), ("pytorch", "torch.txt"))

# PyTorch writes one model style (an nn.Module subclass) and one inference call (forward under inference_mode);
# their figures stand in for the rows of the styles and calls it does not have, marked with a dagger.
FALLBACK = {
    "pytorch": [("w1.functional.", "w1.subclassed."), ("w3.predict_on_batch.", "w3.predict.")],
}


def load(path):
    values, meta = {}, {}
    if not os.path.exists(path):
        return values, meta
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("BENCH "):
                continue
            record = json.loads(line[len("BENCH "):])
            if "meta" in record:
                meta.update(record["meta"])
            else:
                values[record["key"]] = [v for v in record["values"] if v is not None]
    return values, meta


def median(v):
    v = sorted(v)
    n = len(v)
    if n == 0:
        return None
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def rows():
    """(key, label, better, target) per row; better is 'lower', 'higher' or None; target is (text, test)."""
    out = [("## W1: Wide & Deep and MLP 8-30-30-1 on California housing (batch 32, validation each epoch)",)]
    ten_both = ("≥10× both", lambda k, t: k is not None and t is not None and min(k, t) >= 10)
    for style in ("functional", "subclassed", "sequential"):
        for opt in ("sgd", "adam"):
            name = f"W1 {style} {opt.upper() if opt == 'sgd' else 'Adam'}"
            out.append((f"w1.{style}.{opt}.step_us", f"{name}: step, fit ÷ steps (µs)", "lower", ten_both))
            out.append((f"w1.{style}.{opt}.epoch_step_us", f"{name}: step, median epoch 2.. (µs)", "lower",
                        ten_both))
            out.append((f"w1.{style}.{opt}.test_mse", f"{name}: test MSE", None, None))
    out.append(("w1.example.wall_s", "W1 whole example, new process (s)", "lower",
                ("Strata < 3 s (issue 11: ≤ 2 s)", None)))
    out.append(("## W2: MLP 784-256-256-10 on Fashion-MNIST (Adam 1e-3, batch 128)",))
    one_torch = ("≥1× PyTorch", lambda k, t: t is not None and t >= 1)
    out.append(("w2.train.samples_per_s", "W2 training, epoch of 468 steps after 3 s of training (samples/s)",
                "higher", one_torch))
    out.append(("w2.train_short.samples_per_s", "W2 training, 150 steps after a 150-step warm-up (samples/s)",
                "higher", None))
    out.append(("w2.infer.samples_per_s", "W2 inference, batch 1024 (samples/s)", "higher", one_torch))
    out.append(("w2.test_accuracy", "W2 test accuracy after the timed steps", None, None))
    out.append(("## W5: CNN on Fashion-MNIST: Conv2D 32 → MaxPooling2D → Conv2D 64 → MaxPooling2D → Dense 128 → 10 "
                "(Adam 1e-3, batch 128)",))
    one_half_torch = ("≥1.5× PyTorch", lambda k, t: t is not None and t >= 1.5)
    out.append(("w5.train.samples_per_s", "W5 training, epoch of 468 steps after 3 s of training (samples/s)",
                "higher", one_half_torch))
    out.append(("w5.train_short.samples_per_s", "W5 training, 150 steps after a 150-step warm-up (samples/s)",
                "higher", None))
    out.append(("w5.test_accuracy", "W5 test accuracy after the timed steps", None, None))
    out.append(("## W7: text classifier, Embedding 20k×128 → LSTM/GRU 128 → Dense 1 sigmoid (length 100, batch 64, "
                "Adam)",))
    for cell in ("lstm", "gru"):
        name = cell.upper()
        out.append((f"w7.{cell}.train.samples_per_s", f"W7 {name} training, epochs of 20 steps (samples/s)",
                    "higher", one_half_torch))
        out.append((f"w7.{cell}.infer.samples_per_s", f"W7 {name} inference, 1,280 samples at batch 64 (samples/s)",
                    "higher", one_half_torch))
    out.append(("## W8: transformer encoder block, d_model 256, 4 heads, FF 1024, post-norm (length 128, batch 32)",))
    out.append(("w8.train_step_ms", "W8 training step: forward, backward, Adam (ms)", "lower", one_torch))
    out.append(("w8.infer_ms", "W8 inference call (ms)", "lower", one_torch))
    out.append(("## W3: serving W1's Functional model, one sample per call",))
    ten_torch = ("≥10× PyTorch", lambda k, t: t is not None and t >= 10)
    out.append(("w3.predict.latency_median_us", "W3 predict latency, median (µs)", "lower", ten_torch))
    out.append(("w3.predict.latency_p99_us", "W3 predict latency, p99 (µs)", "lower", None))
    out.append(("w3.predict_on_batch.latency_median_us", "W3 predictOnBatch latency, median (µs)", "lower",
                ten_torch))
    out.append(("w3.predict_on_batch.latency_p99_us", "W3 predictOnBatch latency, p99 (µs)", "lower", None))
    out.append(("w3.stateless.latency_median_us", "W3 jitted stateless_call latency, median (µs)", "lower", None))
    for t in (1, 2, 8):
        out.append((f"w3.throughput.t{t}", f"W3 throughput, {t} thread{'s' if t > 1 else ''} (pred/s)", "higher",
                    None))
    out.append(("w3.scaling", "W3 throughput 2 threads ÷ 1 thread", None, ("≥1.8 (2 cores)", None)))
    out.append(("w3.identical", "W3 threaded results identical (1 = yes)", None, ("1", None)))
    out.append(("## Allocation (Strata only)",))
    for style, opt in (("functional", "sgd"), ("functional", "adam"), ("sequential", "sgd")):
        name = f"{style} {opt.upper() if opt == 'sgd' else 'Adam'}"
        out.append((f"alloc.{style}.{opt}.bytes_per_step", f"bytes allocated per W1 step, {name}", None, None))
        out.append((f"alloc.{style}.{opt}.alloc_to_activations", f"… ÷ activation bytes, {name}", None,
                    ("≤2× (issue 11)", None)))
    out.append(("alloc.xmx64m.ok", "whole example under -Xmx64m finishes (1 = yes)", None, ("1", None)))
    out.append(("alloc.xmx64m.wall_s", "… its wall time (s)", None, None))
    out.append(("## Cold start (issue 11, Strata only): first fit of a new JVM against the same fit warm",))
    out.append(("w1.example.subclassed.fit_s", "whole example: first model's fit, the first of the process (s)",
                "lower", None))
    for config, what in (("w1.functional", "W1 functional, 20 epochs"), ("w1.subclassed", "W1 subclassed, 20 epochs"),
                         ("w1.sequential", "W1 sequential, 20 epochs"),
                         ("w2.mlp", "W2 MLP, 1 epoch of 10,000 images")):
        out.append((f"cold.{config}.first_fit_s", f"{what}: first fit (s)", "lower", None))
        out.append((f"cold.{config}.warm_fit_s", f"{what}: warm fit (s)", "lower", None))
        out.append((f"cold.{config}.ratio", f"{what}: first ÷ warm", "lower", ("≤3", None)))
        out.append((f"cold.{config}.same_result", f"{what}: first fit's weights = warm fits' (1 = yes)", None,
                    ("1", None)))
    return out


def lookup(data, fw, key):
    """The median for a framework and key, and whether it came from a fallback row."""
    values = data[fw]
    if key == "w3.scaling":
        t1, t2 = median(values.get("w3.throughput.t1", [])), median(values.get("w3.throughput.t2", []))
        return (t2 / t1 if t1 and t2 is not None else None), False
    if key in values:
        return median(values[key]), False
    for prefix, replacement in FALLBACK.get(fw, []):
        if key.startswith(prefix):
            alt = replacement + key[len(prefix):]
            if alt in values:
                return median(values[alt]), True
    return None, False


def fmt(v, key):
    if v is None:
        return "—"
    if key.endswith("samples_per_s") or ".throughput." in key or key.endswith("bytes_per_step"):
        return f"{v:,.0f}"
    if key.endswith("test_mse") or key.endswith("accuracy"):
        return f"{v:.4f}"
    if key.endswith(".ok") or key.endswith("identical") or key.endswith("same_result"):
        return f"{v:.0f}"
    if key.endswith("_s"):
        return f"{v:.2f}"
    if v >= 100:
        return f"{v:,.0f}"
    return f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def speedup(strata, peer, better):
    if strata is None or peer is None or better is None or strata == 0 or peer == 0:
        return None
    return peer / strata if better == "lower" else strata / peer


def verdict(key, target, strata, sk, st):
    if target is None:
        return ""
    text, test = target
    met = None
    if key == "w1.example.wall_s":
        met = strata is not None and strata < 3
    elif key == "w3.scaling":
        met = strata is not None and strata >= 1.8
    elif key in ("w3.identical", "alloc.xmx64m.ok") or key.endswith(".same_result"):
        met = strata == 1
    elif key.startswith("cold.") and key.endswith(".ratio"):
        met = strata is not None and strata <= 3
    elif key.endswith("alloc_to_activations"):
        met = strata is not None and strata <= 2
    elif test is not None:
        met = test(sk, st)
    mark = "" if met is None else (" ✓" if met else " ✗")
    return text + mark


def main():
    directory = sys.argv[1]
    data, meta = {}, {}
    for fw, name in FRAMEWORKS:
        data[fw], meta[fw] = load(os.path.join(directory, name))
    lines = []
    machine = os.path.join(directory, "machine.txt")
    if os.path.exists(machine):
        with open(machine, encoding="utf-8") as f:
            lines.append("```\n" + f.read().rstrip() + "\n```\n")
    for fw, _ in FRAMEWORKS:
        if meta[fw]:
            lines.append(f"- {fw}: " + ", ".join(f"{k} {v}" for k, v in meta[fw].items()))
    lines.append("")
    header = "| metric | Strata | Keras-JAX | PyTorch | speed-up vs Keras | speed-up vs PyTorch | target |"
    rule = "|---|---:|---:|---:|---:|---:|---|"
    marked = False
    section = None
    for row in rows():
        if len(row) == 1:
            section = ["", row[0].replace("## ", "**") + "**", "", header, rule]
            continue
        key, label, better, target = row
        s, _ = lookup(data, "strata", key)
        k, k_alt = lookup(data, "keras-jax", key)
        t, t_alt = lookup(data, "pytorch", key)
        if s is None and k is None and t is None:
            continue  # not run (e.g. --only w5): no row, rather than a target marked missed
        if section:
            lines.extend(section)
            section = None
        sk, st = speedup(s, k, better), speedup(s, t, better)
        marked |= k_alt or t_alt
        k_mark = " ‡" if key.startswith("w3.throughput.") and k is not None else ""
        cells = [label, fmt(s, key), fmt(k, key) + (" †" if k_alt else "") + k_mark, fmt(t, key) + (" †" if t_alt else ""),
                 "—" if sk is None else f"{sk:.2f}×", "—" if st is None else f"{st:.2f}×",
                 verdict(key, target, s, sk, st)]
        lines.append("| " + " | ".join(cells) + " |")
    if marked:
        lines.append("")
        lines.append("† PyTorch has one model style (an nn.Module subclass) and one inference call (forward under "
                     "inference_mode); that figure stands in for the rows it has no counterpart for.")
    if data["keras-jax"].get("w3.throughput.t1"):
        ok = median(data["keras-jax"].get("w3.predict_on_batch.concurrent_ok", [None]) or [None])
        lines.append("")
        lines.append("‡ Keras's threads call a jitted `stateless_call` (Keras's JAX-native pure inference function); "
                     "`predict_on_batch` from two threads " + ("failed" if ok == 0 else "worked") +
                     " in this run (`w3.predict_on_batch.concurrent_ok` = " + fmt(ok, ".ok") + ").")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

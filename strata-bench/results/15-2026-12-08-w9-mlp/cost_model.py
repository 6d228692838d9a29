"""W9 cost model (issue 15): all-reduce time against model size and node count, and from which model sizes each
mode keeps half or more of its nodes busy computing at 8 and 64 nodes. Inputs are measured (see BENCHMARKS.md,
"Issue 15: W9 for the W2 MLP, latency, cost model") or stated; run: python3 cost_model.py ALPHA_MS BW_MB_S NS_PER_FLOP
"""
import sys

alpha = float(sys.argv[1]) / 1e3       # seconds of fixed cost per message (block upload + its registration)
bw = float(sys.argv[2]) * 1e6          # bytes/s per node, each direction
sec_per_flop = float(sys.argv[3]) / 1e9  # one node's training speed, seconds per FLOP (6 FLOPs per parameter and sample)
per_node_batch = int(sys.argv[4]) if len(sys.argv) > 4 else 128
k = 8


def compute(n, p):
    """One node's step: 6 FLOPs per parameter per sample, per_node_batch samples (weak scaling)."""
    return 6 * n * per_node_batch * sec_per_flop


def direct(n, p, words=1):
    """Strata's exchange: each node uploads its whole vector to each of the P-1 others, one after the other."""
    m = 4 * n * words
    return (p - 1) * (alpha + m / bw)


def ring(n, p, words=1):
    """A ring all-reduce (reduce-scatter, then all-gather): 2(P-1) messages of M/P each."""
    m = 4 * n * words
    return 2 * (p - 1) * (alpha + m / p / bw)


def modes(n, p):
    c = compute(n, p)
    # local SGD averages weights and Adam's two moments (3 words per parameter) every k steps
    return {
        "sync direct": c / (c + direct(n, p)),
        "sync ring": c / (c + ring(n, p)),
        "local SGD k=8 direct": c / (c + direct(n, p, 3) / k),
        "local SGD k=8 ring": c / (c + ring(n, p, 3) / k),
    }


def smallest(mode, p):
    """The smallest model (parameters) from which the mode keeps efficiency >= 0.5 at p nodes, or None."""
    n = 1_000
    while n <= 10 ** 10:
        if modes(n, p)[mode] >= 0.5:
            return n
        n = int(n * 1.25)
    return None


print(f"alpha={alpha * 1e3:.2f} ms, bandwidth={bw / 1e6:.0f} MB/s, {sec_per_flop * 1e9:.3f} ns/FLOP, "
      f"per-node batch {per_node_batch}")
for n in (1_207, 269_322, 10 ** 6, 10 ** 7, 10 ** 8):
    for p in (2, 8, 64):
        e = modes(n, p)
        print(f"params={n:>11,} nodes={p:>2} step_compute_ms={compute(n, p) * 1e3:8.3f} "
              f"allreduce_direct_ms={direct(n, p) * 1e3:9.2f} allreduce_ring_ms={ring(n, p) * 1e3:8.2f} "
              + " ".join(f"eff[{m}]={v:.2f}" for m, v in e.items()))
for p in (8, 64):
    for m in ("sync direct", "sync ring", "local SGD k=8 direct", "local SGD k=8 ring"):
        s = smallest(m, p)
        print(f"nodes={p} mode={m}: efficiency >= 0.5 from {s:,} parameters" if s else
              f"nodes={p} mode={m}: efficiency < 0.5 at any size (bandwidth-bound)")

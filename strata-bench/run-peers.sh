#!/usr/bin/env bash
# Issue 6's workloads W1-W3 and issue 12's W5 (--only w5: the Fashion-MNIST CNN) on Strata, Keras 3 (JAX backend,
# compiled) and PyTorch (eager), one after the other on this machine, then a table of medians with Strata's
# speed-up over each peer (see BENCHMARKS.md).
#
#   strata-bench/run-peers.sh            # the full run: 20 epochs, 3 repetitions (about 10 minutes on 2 cores)
#   strata-bench/run-peers.sh quick      # a smoke run: 3 epochs, fewer steps, 1 repetition (about 2 minutes)
#   strata-bench/run-peers.sh [quick] --only w1,w3 --repeats 5   # further arguments go to every framework
#   strata-bench/run-peers.sh --only w5  # issue 12's CNN alone (about 15 minutes: Keras-JAX's CPU convolutions are slow)
#
# Environment: JAVA_HOME (a JDK 25; default /usr/lib/jvm/temurin-25-jdk-amd64 when present), STRATA_BENCH_MNIST
# (the Fashion-MNIST directory; default the copy bundled in strata-examples/data/fashion-mnist),
# PEERS_VENV (the Python venv for the peers; default strata-bench/peers/venv, created on first use from the
# package index pip is configured with), SKIP_BUILD=1 (use the classes already built), WAIT_IDLE=MINUTES (wait up
# to that long for the 1-minute load average to fall below 1 before starting: on a shared 2-core machine other
# processes move every figure), ISA=avx2 (on an AVX-512 machine, every framework held to AVX2 as a stand-in for an
# AVX2-only CPU: Strata with -XX:UseAVX=2, i.e. 256-bit vectors and 16 registers; PyTorch with
# ATEN_CPU_CAPABILITY=avx2, ONEDNN_MAX_CPU_ISA=AVX2 and MKL_ENABLE_INSTRUCTIONS=AVX2; JAX with
# XLA_FLAGS=--xla_cpu_max_isa=AVX2).
# Results go to strata-bench/target/peers/<time>/: strata.txt, keras.txt, torch.txt, machine.txt, table.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
cd "$ROOT"

MODE_ARGS=()
if [[ "${1:-}" == "quick" ]]; then
    MODE_ARGS=(--quick)
    shift
fi
EXTRA_ARGS=("$@")

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MNIST="${STRATA_BENCH_MNIST:-$ROOT/strata-examples/data/fashion-mnist}"
VENV="${PEERS_VENV:-$BENCH_DIR/peers/venv}"

OUT="$BENCH_DIR/target/peers/$(date +%Y%m%d-%H%M%S)"

# ---- build Strata -------------------------------------------------------------------------------------------
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    echo "== building Strata (mvn -q -DskipTests package)"
    BUILD_LOG="$(mktemp)"
    if ! mvn -q -DskipTests package > "$BUILD_LOG" 2>&1; then
        grep -v '^WARNING' "$BUILD_LOG" >&2
        echo "the build failed" >&2
        exit 1
    fi
    rm -f "$BUILD_LOG"
fi
for d in strata-core/target/classes strata-examples/target/classes strata-bench/target/classes; do
    [[ -d "$d" ]] || { echo "missing $d: the build failed" >&2; exit 1; }
done
# Runtime classpaths (Jackson, jhdf, ...) as Maven resolves them; the bench module writes its own at package time.
# Resolved in a reactor with strata-core (-am), which needs no installed strata-core: on a fresh machine
# ~/.m2 has none, and -pl strata-examples alone fails to resolve it. The example's own file is the one read.
mvn -q -DskipTests package dependency:build-classpath -pl strata-examples -am \
    -Dmdep.outputFile=target/example-classpath.txt -Dmdep.includeScope=runtime > /dev/null 2>&1 \
    || { echo "cannot resolve the example's classpath" >&2; exit 1; }
STRATA_CP="strata-core/target/classes:strata-bench/target/classes:$(cat strata-bench/target/classpath.txt)"
EXAMPLE_CP="$ROOT/strata-core/target/classes:$ROOT/strata-examples/target/classes:$(cat strata-examples/target/example-classpath.txt)"

# ---- the peers' venv (keras, jax, torch, scikit-learn), made once ------------------------------------------
if [[ ! -x "$VENV/bin/python" ]] || ! KERAS_BACKEND=jax "$VENV/bin/python" -c "import keras, jax, torch, sklearn" 2>/dev/null; then
    echo "== creating the peers' venv at $VENV"
    python3 -m venv "$VENV"
    # pip's configured extra indexes (this machine's local package index); the first becomes the main index so
    # that pip does not wait on an index it cannot reach.
    read -r -a INDEXES <<< "$(python3 -m pip config get global.extra-index-url 2>/dev/null || true)"
    PIP_ARGS=()
    if (( ${#INDEXES[@]} > 0 )); then
        PIP_ARGS+=(--index-url "${INDEXES[0]}")
        for extra in "${INDEXES[@]:1}"; do PIP_ARGS+=(--extra-index-url "$extra"); done
    fi
    "$VENV/bin/pip" install -q "${PIP_ARGS[@]}" keras jax scikit-learn torch numpy
fi

# ---- run ----------------------------------------------------------------------------------------------------
STRATA_JVM_OPTS=()
case "${ISA:-}" in
    "") ;;
    avx2)
        STRATA_JVM_OPTS=(-XX:UseAVX=2)
        export ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2
        export XLA_FLAGS="${XLA_FLAGS:+$XLA_FLAGS }--xla_cpu_max_isa=AVX2"
        ;;
    *) echo "ISA must be avx2 (or unset), not '$ISA'" >&2; exit 2 ;;
esac
if [[ -n "${WAIT_IDLE:-}" ]]; then
    deadline=$(( $(date +%s) + 60 * WAIT_IDLE ))
    while awk '{exit !($1 >= 1.0)}' /proc/loadavg && (( $(date +%s) < deadline )); do
        echo "== waiting for an idle machine: $(cut -d' ' -f1-3 /proc/loadavg)"
        sleep 30
    done
fi
mkdir -p "$OUT"
{
    echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpu:       $(lscpu | sed -n 's/^Model name: *//p')"
    echo "cores:     $(nproc) online ($(lscpu | sed -n 's/^Thread(s) per core: *//p') thread(s) per core)"
    echo "memory:    $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
    echo "os:        $(uname -sr)"
    echo "jdk:       $("$JAVA" -version 2>&1 | head -1)"
    echo "python:    $("$VENV/bin/python" --version 2>&1)"
    echo "packages:  $("$VENV/bin/python" -m pip list 2>/dev/null | awk '$1 ~ /^(keras|jax|jaxlib|torch|numpy|scikit-learn)$/ {printf "%s %s, ", $1, $2}' | sed 's/, $//')"
    echo "mode:      ${MODE_ARGS[*]:-full} ${EXTRA_ARGS[*]:-}${ISA:+ (ISA=$ISA: Strata ${STRATA_JVM_OPTS[*]}, peers ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2 XLA_FLAGS=$XLA_FLAGS)}"
    echo "load before Strata:  $(uptime | sed 's/.*load average/load average/')"
} > "$OUT/machine.txt"

echo "== Strata"
"$JAVA" "${STRATA_JVM_OPTS[@]}" --add-modules jdk.incubator.vector -cp "$STRATA_CP" dev.strata.bench.workloads.Workloads \
    "${MODE_ARGS[@]}" --mnist "$MNIST" --example-classpath "$EXAMPLE_CP" "${EXTRA_ARGS[@]}" \
    2> "$OUT/strata.err" | tee "$OUT/strata.txt"
echo "load before Keras:   $(uptime | sed 's/.*load average/load average/')" >> "$OUT/machine.txt"

echo "== Keras 3 (JAX)"
(cd "$BENCH_DIR/peers" && KERAS_BACKEND=jax "$VENV/bin/python" keras_bench.py "${MODE_ARGS[@]}" --mnist "$MNIST" \
    "${EXTRA_ARGS[@]}" 2> "$OUT/keras.err" | tee "$OUT/keras.txt")
echo "load before PyTorch: $(uptime | sed 's/.*load average/load average/')" >> "$OUT/machine.txt"

echo "== PyTorch (eager)"
(cd "$BENCH_DIR/peers" && "$VENV/bin/python" torch_bench.py "${MODE_ARGS[@]}" --mnist "$MNIST" \
    "${EXTRA_ARGS[@]}" 2> "$OUT/torch.err" | tee "$OUT/torch.txt")
echo "load after:          $(uptime | sed 's/.*load average/load average/')" >> "$OUT/machine.txt"

python3 "$BENCH_DIR/peers/table.py" "$OUT" > "$OUT/table.md"
echo
cat "$OUT/table.md"
echo
echo "results in $OUT"

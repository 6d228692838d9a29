#!/usr/bin/env bash
# A regression check: Strata's workloads (W1-W3, allocation) at a base commit against the working tree, run
# alternately on this machine, then a table of medians with the change (see BENCHMARKS.md). No peers, no Python
# beyond the table.
#
#   strata-bench/run-ab.sh BASE_REV                            # 3 rounds of --only w1,w2,w3 --repeats 3
#   ROUNDS=5 strata-bench/run-ab.sh BASE_REV --only w1 --repeats 5   # further arguments go to both runs
#
# The base is built in strata-bench/target/ab/base (a detached git worktree, made once and moved to BASE_REV);
# the tree is built with mvn -q -DskipTests package unless SKIP_BUILD=1. Environment: JAVA_HOME (a JDK 25;
# default /usr/lib/jvm/temurin-25-jdk-amd64 when present), STRATA_BENCH_MNIST as for run-peers.sh, ROUNDS.
# Results go to strata-bench/target/ab/<time>/: base-N.txt, tree-N.txt, load.txt, table.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
cd "$ROOT"
[[ $# -ge 1 ]] || { echo "usage: $0 BASE_REV [workload arguments]" >&2; exit 2; }
BASE_REV="$(git rev-parse --verify "$1^{commit}")"
shift
ARGS=("$@")
(( ${#ARGS[@]} > 0 )) || ARGS=(--only w1,w2,w3 --repeats 3)

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MNIST="${STRATA_BENCH_MNIST:-$ROOT/strata-examples/data/fashion-mnist}"
BASE_DIR="$BENCH_DIR/target/ab/base"
OUT="$BENCH_DIR/target/ab/$(date +%Y%m%d-%H%M%S)"

build() {
    local log
    log="$(mktemp)"
    if ! (cd "$1" && mvn -q -DskipTests package > "$log" 2>&1); then
        grep -v '^WARNING' "$log" >&2
        echo "the build of $1 failed" >&2
        exit 1
    fi
    rm -f "$log"
}
git worktree prune
if [[ ! -d "$BASE_DIR" ]]; then
    git worktree add -q --detach "$BASE_DIR" "$BASE_REV"
else
    git -C "$BASE_DIR" checkout -q --detach "$BASE_REV"
fi
echo "== building the base ($(git log -1 --format='%h %s' "$BASE_REV"))"
build "$BASE_DIR"
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    echo "== building the tree"
    build "$ROOT"
fi

mkdir -p "$OUT"
run() {
    local dir=$1 tag=$2
    local cp="$dir/strata-core/target/classes:$dir/strata-bench/target/classes:$(cat "$dir/strata-bench/target/classpath.txt")"
    echo "$tag: $(uptime | sed 's/.*load average/load average/')" >> "$OUT/load.txt"
    "$JAVA" --add-modules jdk.incubator.vector -cp "$cp" dev.strata.bench.workloads.Workloads --mnist "$MNIST" \
        "${ARGS[@]}" 2>> "$OUT/$tag.err" > "$OUT/$tag.txt"
}
for round in $(seq "${ROUNDS:-3}"); do
    echo "== round $round"
    run "$BASE_DIR" "base-$round"
    run "$ROOT" "tree-$round"
done
{
    echo "base: $(git log -1 --format='%h %s' "$BASE_REV")"
    echo "tree: $(git log -1 --format='%h' HEAD)$(git diff --quiet HEAD || echo ' + uncommitted changes')"
    echo "arguments: ${ARGS[*]}, ${ROUNDS:-3} rounds"
    echo
    (cd "$BENCH_DIR/peers" && python3 ab_table.py "$OUT")
} > "$OUT/table.md"
cat "$OUT/table.md"
echo
echo "results in $OUT"

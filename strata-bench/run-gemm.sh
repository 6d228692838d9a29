#!/usr/bin/env bash
# Builds Strata and the benchmarks, then measures single-precision GEMM: Strata against native OpenBLAS
# (cblas_sgemm, org.bytedeco:openblas) on the same machine, in GFLOP/s, single-threaded and on all cores.
#
#   strata-bench/run-gemm.sh            # full run (~15 minutes on 2 cores)
#   QUICK=1 strata-bench/run-gemm.sh    # shorter JMH iterations, for a first look
#
# Strata runs with the JVM's preferred vectors, then once per entry of STRATA_VARIANTS (JVM options; default:
# "-XX:UseAVX=2" for AVX2's 256-bit vectors and 16 registers, "-XX:MaxVectorSize=16" for 128-bit vectors as on
# NEON, "-Dstrata.kernels=scalar"; the AVX2 and 128-bit runs only where the CPU has AVX-512 and AVX2); each run
# is a column named after the kernels and GEMM tile that ran.
#
# OpenBLAS picks its kernel from the CPU at load time (0.3.31 takes Zen 5 for Cooperlake: AVX-512). The run
# clears OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE from the environment (this workplace presets them to Haswell,
# i.e. AVX2 only, and 512) so "auto" is OpenBLAS's own choice; then OpenBLAS runs again forced by
# OPENBLAS_CORETYPE to each core in OPENBLAS_CORETYPES (default "Haswell", the AVX2 kernels; "SkylakeX" gives
# the same figures as Cooperlake). Each column of the table names the kernel used. Native code needs no JIT
# warmup, so the forced runs use short JMH iterations. Results: strata-bench/target/gemm/*.csv, the table in
# strata-bench/target/gemm/table.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CORETYPES="${OPENBLAS_CORETYPES:-Haswell}"
unset OPENBLAS_L2_SIZE
THREADS="1,$(nproc)"
QUICK_FLAG=""
[ -n "${QUICK:-}" ] && QUICK_FLAG="--quick"

echo "== building"
mvn -q -B -pl strata-bench -am -DskipTests package

OUT=strata-bench/target/gemm
rm -rf "$OUT"
mkdir -p "$OUT"
CP="strata-bench/target/classes:$(cat strata-bench/target/classpath.txt)"
run() { "$JAVA" --add-modules jdk.incubator.vector -cp "$CP" dev.strata.bench.GemmReport "$@" 2>&1 | grep -v '^WARNING: Using incubator modules'; }

{
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
       "CPU family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs)," \
       "avx512f: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

echo "== Strata and OpenBLAS as it configures itself (threads $THREADS)"
(unset OPENBLAS_CORETYPE; run run --out "$OUT/auto.csv" --threads "$THREADS" $QUICK_FLAG)
if [ -z "${STRATA_VARIANTS+x}" ]; then
  STRATA_VARIANTS=()
  grep -qw avx512f /proc/cpuinfo && STRATA_VARIANTS+=("-XX:UseAVX=2")
  grep -qw avx2 /proc/cpuinfo && STRATA_VARIANTS+=("-XX:MaxVectorSize=16")
  STRATA_VARIANTS+=("-Dstrata.kernels=scalar")
else
  read -r -a STRATA_VARIANTS <<< "$STRATA_VARIANTS"
fi
i=0
for v in "${STRATA_VARIANTS[@]}"; do
  i=$((i + 1))
  echo "== Strata with $v"
  "$JAVA" $v --add-modules jdk.incubator.vector -cp "$CP" dev.strata.bench.GemmReport run --impl strata \
      --out "$OUT/strata-$i.csv" --threads "$THREADS" $QUICK_FLAG 2>&1 | grep -v '^WARNING: Using incubator modules'
done
for ct in $CORETYPES; do
  echo "== OpenBLAS forced to OPENBLAS_CORETYPE=$ct"
  OPENBLAS_CORETYPE="$ct" run run --impl openblas --out "$OUT/openblas-$ct.csv" --threads "$THREADS" --quick
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"

echo
run table "$OUT"/auto.csv "$OUT"/strata-*.csv "$OUT"/openblas-*.csv | tee "$OUT/table.md"

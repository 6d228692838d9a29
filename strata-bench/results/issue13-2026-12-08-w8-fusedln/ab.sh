#!/bin/bash
# Strata-alone W8: base (c491042, this branch's parent, from git archive in /tmp) and this branch, alternately,
# 3 pairs, inside one hold of the build lock (run as: flock /tmp/strata-build.lock ab.sh OUTDIR)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH=$JAVA_HOME/bin:$PATH
OUTDIR=$1
mkdir -p $OUTDIR
run() { # name dir
  cd $2
  cp="strata-core/target/classes:strata-bench/target/classes:$(cat strata-bench/target/classpath.txt)"
  echo "== $1 $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUTDIR/ab-$1.txt
  java --add-modules jdk.incubator.vector -cp "$cp" dev.strata.bench.workloads.Workloads --only w8 2>/dev/null | grep -i "w8" >> $OUTDIR/ab-$1.txt
}
for i in 1 2 3; do
  run base /tmp/attn13b-base
  run branch /work/wt/attn13b
done

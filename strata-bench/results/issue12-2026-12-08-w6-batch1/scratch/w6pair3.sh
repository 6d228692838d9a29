#!/bin/sh
# the W6 Workloads command with this branch's runner (5 s warm-up) on the base library (main at 58a2b61) and on this
# branch's library, in the order given (called under the build lock)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH=$JAVA_HOME/bin:$PATH
R=/work/wt/conv12/strata-bench/results/issue12-2026-12-08-w6-batch1
cd /work/wt/conv12
for which in $1; do
  if [ $which = base ]; then CORE=/tmp/c12/base/strata-core/target/classes; else CORE=strata-core/target/classes; fi
  out=$R/warm-$which-$2.txt
  { date -u; uptime; } > $out
  java --add-modules jdk.incubator.vector -Xmx6g \
    -cp "$CORE:strata-bench/target/classes:$(cat strata-bench/target/classpath.txt)" \
    dev.strata.bench.workloads.Workloads --only w6 --apps /tmp/c12/w6 --repeats 3 >> $out 2>&1
  uptime >> $out
done

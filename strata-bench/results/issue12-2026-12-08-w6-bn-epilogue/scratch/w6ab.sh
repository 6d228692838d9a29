#!/bin/sh
# the W6 Workloads command on main's library (A, c491042) and this branch's (B), alternated (called under the build lock)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH=$JAVA_HOME/bin:$PATH
cd /work/wt/conv12b
R=strata-bench/results/issue12-2026-12-08-w6-bn-epilogue
for i in 1 2 3; do for which in A B; do
  out=$R/w6-$which-$i.txt
  { date -u; uptime; } > $out
  java --add-modules jdk.incubator.vector -Xmx6g \
    -cp "/tmp/conv12b-ab/$which:strata-bench/target/classes:$(cat strata-bench/target/classpath.txt)" \
    dev.strata.bench.workloads.Workloads --only w6 --apps /tmp/w6 --repeats 3 >> $out 2>&1
  uptime >> $out
done; done

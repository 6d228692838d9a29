#!/bin/sh
# one base run and one run of this branch of the W6 Workloads command, back to back (called under the build lock)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH=$JAVA_HOME/bin:$PATH
R=/work/wt/conv12/strata-bench/results/issue12-2026-12-08-w6-batch1
for which in $1; do
  if [ $which = base ]; then D=/tmp/c12/base; else D=/work/wt/conv12; fi
  cd $D
  out=$R/$which-$2.txt
  { date -u; uptime; } > $out
  java --add-modules jdk.incubator.vector -Xmx6g \
    -cp "strata-core/target/classes:strata-bench/target/classes:$(cat strata-bench/target/classpath.txt)" \
    dev.strata.bench.workloads.Workloads --only w6 --apps /tmp/c12/w6 --repeats 3 >> $out 2>&1
  uptime >> $out
done

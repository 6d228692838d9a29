#!/bin/bash
# usage: strata_w7.sh base|new OUTFILE
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH=$JAVA_HOME/bin:$PATH
cd /work/wt/rnnfuse13
if [ "$1" = base ]; then CP=/tmp/rnn13/base/core:/tmp/rnn13/base/bench; else CP=strata-core/target/classes:strata-bench/target/classes; fi
{ echo "# $1 $(date -u '+%H:%M UTC') $(uptime | sed 's/.*load average/load average/')"
  java --add-modules jdk.incubator.vector -cp "$CP:$(cat strata-bench/target/classpath.txt)" dev.strata.bench.workloads.Workloads --only w7 --mnist strata-examples/data/fashion-mnist 2>/dev/null
  echo "# end $(uptime | sed 's/.*load average/load average/')"; } > "$2"

#!/bin/bash
# A/B of W7 (Strata alone): base = 58a2b61 (main before this branch), new = this branch; alternating, 3 rounds.
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH=$JAVA_HOME/bin:$PATH
W=/work/wt/lstm13; B=/tmp/lstm13/base; OUT=/tmp/lstm13/ab
for round in 1 2 3; do
  for v in base new; do
    if [ $v = base ]; then D=$B; else D=$W; fi
    CP="$D/strata-core/target/classes:$D/strata-bench/target/classes:$(cat $D/strata-bench/target/classpath.txt)"
    { echo "# $v round $round $(date -u '+%H:%M:%S UTC') $(uptime | sed 's/.*load average/load average/')"
      java --add-modules jdk.incubator.vector -cp "$CP" dev.strata.bench.workloads.Workloads --only w7 --repeats 3 2>/dev/null
      echo "# end $(uptime | sed 's/.*load average/load average/')"; } > $OUT/$v-round$round.txt
  done
done

#!/bin/bash
# usage: split.sh base|new w7|gru
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH=$JAVA_HOME/bin:$PATH
cd /tmp/rnn13
if [ "$1" = base ]; then CP=splitcls:base/core:base/bench; else CP=splitcls:/work/wt/rnnfuse13/strata-core/target/classes:/work/wt/rnnfuse13/strata-bench/target/classes; fi
java --add-modules jdk.incubator.vector -cp $CP:$(cat classpath.txt) dev.strata.bench.workloads.Split13 $2 2>&1 | grep -v "WARNING\|incubator"

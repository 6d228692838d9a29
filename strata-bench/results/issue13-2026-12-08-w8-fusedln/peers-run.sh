#!/bin/bash
cd /work/wt/attn13b
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH="$JAVA_HOME/bin:$PATH"
mvn -q -o -DskipTests package 2>&1 | grep -E "ERROR" | head -3
PEERS_VENV=/work/venv SKIP_BUILD=1 env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE strata-bench/run-peers.sh --only w8

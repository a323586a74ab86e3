#!/usr/bin/env bash
# Runs a benchmark from the packaged bench module (never part of ./mvnw verify).
#   bench/run.sh jmh [JMH args]                       micro-benchmarks (SerdeBenchmark, ...)
#   bench/run.sh feed-throughput [seconds] [offered]  market-feed simulator -> Kafka vs a plain producer
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/find-jdk.sh
JAVA_HOME="$(find_jdk)"; export JAVA_HOME
./mvnw -B -q -ntp package -DskipTests -Dcheckstyle.skip -pl bench,services/market-feed -am
cp="bench/target/classes:bench/target/lib/*"
opts=(--add-opens java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
case "${1:-}" in
  jmh) shift; exec "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$cp" org.openjdk.jmh.Main "$@" ;;
  feed-throughput) shift; exec "$JAVA_HOME/bin/java" "${opts[@]}" -Xmx2g -cp "$cp" dev.tickflow.bench.FeedThroughput "$@" ;;
  *) echo "usage: bench/run.sh jmh|feed-throughput ..." >&2; exit 1 ;;
esac

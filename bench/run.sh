#!/usr/bin/env bash
# Runs a benchmark from the packaged bench module (never part of ./mvnw verify).
#   bench/run.sh jmh [JMH args]                       micro-benchmarks (SerdeBenchmark, ...)
#   bench/run.sh feed-throughput [seconds] [offered]  market-feed simulator -> Kafka vs a plain producer
#   bench/run.sh stats-throughput [ticks] [commit.interval.ms ...]  the market-stats topology vs a plain loop
#   bench/run.sh stats-latency [ticks/s] [seconds] [commit.interval.ms ...]  read_committed latency per commit interval
#   bench/run.sh book-mix                              what the OrderBookBenchmark script does to a book (jmh OrderBook runs it)
#   bench/run.sh trading-latency [seconds] [orders/s ...]                    order -> execution report vs raw Kafka hops
#   bench/run.sh startup [runs] [service ...]          launch -> ready per service, JVM mode beside a JDK 25 AOT cache
#   bench/run.sh stack-cost [ticks/s] [seconds] [warm-up]  the packaged local stack's CPU and memory per component vs the broker alone
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/find-jdk.sh
JAVA_HOME="$(find_jdk)"; export JAVA_HOME
modules=bench,services/market-feed,services/market-stats,services/risk,services/matching-engine,services/order-gateway
# startup measures every service, so every service is packaged
if [ "${1:-}" = "startup" ]; then
  modules="bench,$(sed -n 's#.*<module>\(.*\)</module>.*#services/\1#p' services/pom.xml | paste -sd, -)"
fi
# stack-cost runs the whole stack through the launcher
if [ "${1:-}" = "stack-cost" ]; then
  modules="bench,launcher,$(sed -n 's#.*<module>\(.*\)</module>.*#services/\1#p' services/pom.xml | paste -sd, -)"
fi
./mvnw -B -q -ntp package -DskipTests -Dcheckstyle.skip -pl "$modules" -am
cp="bench/target/classes:bench/target/lib/*"
# market-stats brings JBoss LogManager as the SLF4J provider: it must also be the JUL manager, or the in-JVM broker stalls
opts=(--add-opens java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -Djava.util.logging.manager=org.jboss.logmanager.LogManager)
case "${1:-}" in
  jmh) shift; exec "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$cp" org.openjdk.jmh.Main "$@" ;;
  stats-throughput) shift; exec "$JAVA_HOME/bin/java" "${opts[@]}" -Xmx3g -cp "$cp" dev.tickflow.bench.StatsThroughput "$@" ;;
  stats-latency) shift; exec "$JAVA_HOME/bin/java" "${opts[@]}" -Xmx3g -cp "$cp" dev.tickflow.bench.StatsLatency "$@" ;;
  book-mix) shift; exec "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$cp" dev.tickflow.bench.OrderBookBenchmark "$@" ;;
  trading-latency) shift; exec "$JAVA_HOME/bin/java" "${opts[@]}" -Xmx3g -cp "$cp" dev.tickflow.bench.TradingLatency "$@" ;;
  startup) shift; exec "$JAVA_HOME/bin/java" "${opts[@]}" -Xmx2g -cp "$cp" dev.tickflow.bench.StartupTime "$@" ;;
  stack-cost) shift; exec "$JAVA_HOME/bin/java" "${opts[@]}" -Xmx512m -cp "$cp" dev.tickflow.bench.StackCost "$@" ;;
  feed-throughput) shift; exec "$JAVA_HOME/bin/java" "${opts[@]}" -Xmx2g -cp "$cp" dev.tickflow.bench.FeedThroughput "$@" ;;
  *) echo "usage: bench/run.sh jmh|feed-throughput|stats-throughput|stats-latency|book-mix|trading-latency|startup|stack-cost ..." >&2; exit 1 ;;
esac

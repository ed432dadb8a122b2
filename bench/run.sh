#!/usr/bin/env bash
# Load, start-up and memory figures for the packaged app against a bare Bolt app, all on 127.0.0.1.
# Usage: bench/run.sh [load|kill|retry|outage|hostile|limits|store] [--rates 50,100,200,400] [--seconds 10] [--targets slack-event,slack-command,teams] [--quiet-seconds 60]
#   load  (default) rising rates, prints a table (docs/PERFORMANCE.md)
#   kill  SIGKILL with 1,000 reflections in flight, then restart and count (docs/RELIABILITY.md); --target teams for Teams;
#         --store mongodb against a MongoDB-compatible server that outlives the kill
#   retry every Slack event sent three more times as Slack's retries (docs/RELIABILITY.md)
#   outage the store stopped for 30 s and restarted (docs/RELIABILITY.md)
#   hostile malformed, oversized, injected, forged and replayed requests on every channel
#   limits nudge dispatch against fake Slack and Teams that enforce the published limits (docs/PERFORMANCE.md);
#          options --slack-pairings 200 --teams-pairings 1000 --instances 1,2 --platforms slack,teams --pacing shared|split|each
#   store  the embedded store alone: allocation and time per kept message (docs/PERFORMANCE.md); --messages --rounds
# Builds what it needs first (offline Maven, no install).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=load
case "${1:-}" in load|kill|retry|outage|hostile|limits|store) mode=$1; shift;; esac
if [ ! -f app/target/ect-mentor-bot.jar ] || [ ! -f bench/target/classes/uk/ectmentor/bench/LoadBench.class ] \
   || [ ! -f bench/target/classes/uk/ectmentor/bench/LimitsBench.class ] \
   || [ ! -f bench/target/classes/uk/ectmentor/bench/StoreBench.class ]; then
  ./mvnw -q -o -DskipTests package
fi
[ -f bench/target/cp.txt ] && [ bench/target/cp.txt -nt bench/pom.xml ] || ./mvnw -q -o -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
cp="bench/target/classes:$(cat bench/target/cp.txt)"
case $mode in
  load)  main=uk.ectmentor.bench.LoadBench;;
  kill)  main=uk.ectmentor.bench.KillScenario;;
  retry) main=uk.ectmentor.bench.RetryScenario;;
  outage) main=uk.ectmentor.bench.StoreOutageScenario;;
  hostile) main=uk.ectmentor.bench.HostileScenario;;
  limits) main=uk.ectmentor.bench.LimitsBench;;
  store) main=uk.ectmentor.bench.StoreBench;;
esac
exec java -Xmx256m -cp "$cp" "$main" --jar app/target/ect-mentor-bot.jar "$@"

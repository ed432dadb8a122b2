#!/usr/bin/env bash
# Prints the time from `java @app/jvm.options -jar` (the README's command) to a healthy /actuator/health and the resident memory after start.
# Usage: scripts/startup-figures.sh [runs]   (build first: ./mvnw -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=app/target/ect-mentor-bot.jar
runs=${1:-3}
[ -f "$jar" ] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 1; }
for run in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  port=$(( 20000 + RANDOM % 20000 ))
  start=$(date +%s%N)
  PORT=$port BOT_DATA_DIR=$data java @app/jvm.options -jar "$jar" >"$data/log" 2>&1 &
  pid=$!
  until curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { echo "the bot exited; see $data/log" >&2; exit 1; }
    sleep 0.05
  done
  healthy=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 2
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  echo "run $run: healthy after ${healthy} ms, RSS ${rss} MB"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
done

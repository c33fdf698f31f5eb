#!/usr/bin/env bash
# Fan-out benchmark: the streamer against the raw TCP baseline (the limit), side by side.
#
# For each N in 1 10 50 100 and each round, runs the streamer and jmh's RawBaselineServer one after
# the other (the order alternates by round) under the same load (jmh's FanoutLoad: N viewers on
# loopback, warm-up, then a measured window); then the streamer read as MJPEG (/stream.mjpg) by
# N = 10 and 50 viewers; and writes the medians as markdown tables into docs/performance.md between
# the fanout markers. With --old-jar, another streamer jar runs alongside as `old` (an A/B test).
# Builds nothing: run `./mvnw -q install -DskipTests` first.
#
# Frames come from the simulated Eyetoy (`serve --device simulated`) when the streamer supports it;
# otherwise (or with --source area) from jmh's AreaPublisher, a 30 fps writer of a shared area file
# that `serve --area` fans out: then the streamer's CPU is the fan-out's alone, without capture.
# The table says which.
#
# usage: jmh/run-fanout.sh [--duration S] [--rounds R] [--viewers "1 10 50 100"] [--warmup S]
#                          [--source auto|simulated|area] [--no-doc] [--jfr DIR] [--keep DIR]
#                          [--mjpeg-viewers "10 50"] [--servers "streamer baseline"]
#                          [--streamer-jar JAR] [--old-jar JAR] [--jvm "OPTS"] [--env "K=V ..."]
#   --duration S   measured seconds per run (default 10)
#   --rounds R     runs of each server at each N; the table shows medians (default 3)
#   --viewers LIST the values of N (default "1 10 50 100")
#   --warmup S     seconds of reading after all viewers are open, before measuring (default 8)
#   --source WHAT  auto (default: simulated if it starts, else area), simulated, or area
#   --no-doc       print the table only; leave docs/performance.md alone
#   --jfr DIR      record the streamer with Java Flight Recorder, one file per run, into DIR
#   --keep DIR     keep the per-run result files and logs in DIR (default: a temporary directory)
#   --mjpeg-viewers LIST  the values of N for the MJPEG runs (default "10 50"; "" for none)
#   --servers LIST the servers at each N, of streamer, baseline and old (default "streamer
#                  baseline", and "streamer old baseline" with --old-jar)
#   --streamer-jar JAR  the streamer to measure (default streamer/target/eyetoy-streamer.jar)
#   --old-jar JAR  another streamer jar, run as server `old` under the same options
#   --jvm OPTS     JVM options of the streamer (and old) processes (default "-Xmx48m")
#   --env VARS     environment of the streamer (and old) processes, e.g. "MALLOC_ARENA_MAX=2"
# A full default run takes about 12 minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=10
ROUNDS=3
VIEWERS="1 10 50 100"
WARMUP=8
DOC="$ROOT/docs/performance.md"
WRITE_DOC=1
JFR_DIR=""
KEEP=""
FPS=30
SOURCE_KIND=auto
MJPEG_VIEWERS="10 50"
SERVERS=""
STREAMER_JAR=""
OLD_JAR=""
JVM_OPTS="-Xmx48m"
SERVER_ENV=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --viewers) VIEWERS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --source) SOURCE_KIND="$2"; shift 2 ;;
    --no-doc) WRITE_DOC=0; shift ;;
    --jfr) JFR_DIR="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    --mjpeg-viewers) MJPEG_VIEWERS="$2"; shift 2 ;;
    --servers) SERVERS="$2"; shift 2 ;;
    --streamer-jar) STREAMER_JAR="$2"; shift 2 ;;
    --old-jar) OLD_JAR="$2"; shift 2 ;;
    --jvm) JVM_OPTS="$2"; shift 2 ;;
    --env) SERVER_ENV="$2"; shift 2 ;;
    -h|--help) sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-fanout.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
STREAMER_JAR_ARG="$STREAMER_JAR"
STREAMER_JAR="${STREAMER_JAR:-$ROOT/streamer/target/eyetoy-streamer.jar}"
BENCH_JAR="$ROOT/jmh/target/benchmarks.jar"
if [[ -z "$SERVERS" ]]; then
  SERVERS="streamer baseline"
  [[ -n "$OLD_JAR" ]] && SERVERS="streamer old baseline"
fi
for s in $SERVERS; do
  case "$s" in
    streamer|baseline) ;;
    old) [[ -n "$OLD_JAR" ]] || { echo "run-fanout.sh: server old needs --old-jar" >&2; exit 2; } ;;
    *) echo "run-fanout.sh: unknown server $s (streamer, baseline, old)" >&2; exit 2 ;;
  esac
done
for jar in "$STREAMER_JAR" "$BENCH_JAR" ${OLD_JAR:+"$OLD_JAR"}; do
  if [[ ! -f "$jar" ]]; then
    echo "run-fanout.sh: $jar is missing: run ./mvnw -q install -DskipTests first" >&2
    exit 1
  fi
done

if [[ -n "$KEEP" ]]; then
  mkdir -p "$KEEP"
  WORK="$(cd "$KEEP" && pwd)"
else
  WORK="$(mktemp -d /tmp/fanout.XXXXXX)"
fi
JAR_TIME="$(date -u -r "$STREAMER_JAR" '+%Y-%m-%d %H:%M UTC')"
# The tree the jar was built from (a jar under some git work tree), else this one.
TREE="$(git -C "$(dirname "$STREAMER_JAR")" describe --always --dirty 2>/dev/null ||
  git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
# Private copies: a rebuild during the run must not change what is measured.
cp "$STREAMER_JAR" "$WORK/streamer.jar"
cp "$BENCH_JAR" "$WORK/benchmarks.jar"
[[ -n "$OLD_JAR" ]] && cp -p "$OLD_JAR" "$WORK/old.jar"
OLD_TIME="${OLD_JAR:+$(date -u -r "$OLD_JAR" '+%Y-%m-%d %H:%M UTC')}"
AREA="/dev/shm/fanout-bench-$$.area"
MAX_N=0
for n in $VIEWERS $MJPEG_VIEWERS; do (( n > MAX_N )) && MAX_N=$n; done

PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do
    [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
  done
  rm -f "$AREA"
  [[ -z "$KEEP" ]] && rm -rf "$WORK"
  return 0
}
trap cleanup EXIT

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    if [[ -z "$(ss -Htln "sport = :$p")" ]]; then echo "$p"; return; fi
  done
}

# wait_listening PID PORT SECONDS: true once PORT listens, false if PID exits or time runs out.
wait_listening() {
  local pid=$1 port=$2 tries=$(( $3 * 10 ))
  for ((i = 0; i < tries; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    [[ -n "$(ss -Htln "sport = :$port")" ]] && return 0
    sleep 0.1
  done
  return 1
}

stop() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

read -r -a STREAMER_OPTS <<<"$JVM_OPTS"
read -r -a ENV_VARS <<<"$SERVER_ENV"
SOURCE_ARGS=()
PUBLISHER=""
case "$SOURCE_KIND" in
  auto|simulated|area) ;;
  *) echo "run-fanout.sh: --source is auto, simulated or area, not $SOURCE_KIND" >&2; exit 2 ;;
esac
simulated_ok=0
if [[ $SOURCE_KIND != area ]]; then
  port=$(free_port)
  env "${ENV_VARS[@]}" "$JAVA" "${STREAMER_OPTS[@]}" -jar "$WORK/streamer.jar" serve \
    --device simulated --port "$port" \
    >"$WORK/probe.log" 2>&1 &
  probe=$!
  PIDS+=("$probe")
  wait_listening "$probe" "$port" 20 && simulated_ok=1
  stop "$probe"
  if [[ $simulated_ok == 0 && $SOURCE_KIND == simulated ]]; then
    echo "run-fanout.sh: the simulated Eyetoy did not start:" >&2
    cat "$WORK/probe.log" >&2
    exit 1
  fi
fi
if [[ $simulated_ok == 1 ]]; then
  SOURCE="the simulated Eyetoy (\`serve --device simulated\`: capture in the streamer's process,"
  SOURCE+=" its CPU included)"
  SOURCE_ARGS=(--device simulated)
else
  SOURCE="jmh's AreaPublisher, 30 fps into a shared area file (\`serve --area\`: the streamer's CPU"
  SOURCE+=" is the fan-out's alone)"
  if [[ $SOURCE_KIND == auto ]]; then
    SOURCE+="; the simulated Eyetoy did not start: $(grep -m1 -o 'cannot start.*' \
      "$WORK/probe.log" | cut -c1-120 || echo 'see its log')"
  fi
  "$JAVA" -Xmx32m -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.fanout.AreaPublisher \
    --area "$AREA" --fps "$FPS" --max-seconds 3600 >"$WORK/publisher.log" 2>&1 &
  PUBLISHER=$!
  PIDS+=("$PUBLISHER")
  for ((i = 0; i < 100; i++)); do [[ -s "$AREA" ]] && break; sleep 0.1; done
  SOURCE_ARGS=(--area "$AREA")
fi
echo "frames from: $SOURCE"

# run_one ROUND N SERVER: starts SERVER, runs the load, stops SERVER.
run_one() {
  local round=$1 n=$2 server=$3 port pid load_args=() out
  port=$(free_port)
  out="$WORK/r$round-n$n-$server"
  if [[ $server != baseline ]]; then
    local jfr=() jar="$WORK/streamer.jar"
    [[ $server == old ]] && jar="$WORK/old.jar"
    [[ $server == mjpeg ]] && load_args=(--mjpeg)
    if [[ -n "$JFR_DIR" ]]; then
      jfr=(-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints
        "-XX:StartFlightRecording=settings=profile,filename=$JFR_DIR/$server-n$n-r$round.jfr,dumponexit=true")
    fi
    env "${ENV_VARS[@]}" "$JAVA" "${STREAMER_OPTS[@]}" "${jfr[@]}" -jar "$jar" serve \
      "${SOURCE_ARGS[@]}" --port "$port" --max-viewers $((MAX_N + 16)) >"$out.server.log" 2>&1 &
    pid=$!
  else
    "$JAVA" -Xmx48m -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.fanout.RawBaselineServer \
      --port "$port" --fps "$FPS" --max-seconds 600 >"$out.server.log" 2>&1 &
    pid=$!
    load_args=(--raw)
  fi
  PIDS+=("$pid")
  if ! wait_listening "$pid" "$port" 30; then
    echo "  $server did not start; see $out.server.log" >&2
    printf 'errors=1\nerror.0=%s did not start\n' "$server" >"$out.properties"
    stop "$pid"
    return
  fi
  "$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.fanout.FanoutLoad "${load_args[@]}" \
    --port "$port" --pid "$pid" --viewers "$n" --warmup "$WARMUP" --seconds "$DURATION" \
    --out "$out.properties" >"$out.load.log" 2>&1 || true
  if [[ ! -s "$out.properties" ]]; then
    printf 'errors=1\nerror.0=%s\n' "$(tail -1 "$out.load.log")" >"$out.properties"
  fi
  sed 's/^/  /' "$out.load.log"
  stop "$pid"
}

START=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  for n in $VIEWERS; do
    order="$SERVERS"
    # Even rounds run the servers in reverse order: no server always goes first.
    (( round % 2 == 0 )) && order="$(echo "$SERVERS" | tr ' ' '\n' | tac | tr '\n' ' ')"
    for server in $order; do
      echo "round $round/$ROUNDS, N=$n, $server"
      run_one "$round" "$n" "$server"
    done
  done
  for n in $MJPEG_VIEWERS; do
    echo "round $round/$ROUNDS, N=$n, mjpeg"
    run_one "$round" "$n" mjpeg
  done
done
ELAPSED=$(( $(date +%s) - START ))

NOTE="$WORK/note.md"
{
  CMD="jmh/run-fanout.sh --duration $DURATION --rounds $ROUNDS --warmup $WARMUP"
  CMD+=" --viewers \"$VIEWERS\" --mjpeg-viewers \"$MJPEG_VIEWERS\" --servers \"$SERVERS\""
  CMD+=" --source $SOURCE_KIND --jvm \"$JVM_OPTS\"${SERVER_ENV:+ --env \"$SERVER_ENV\"}"
  CMD+="${STREAMER_JAR_ARG:+ --streamer-jar $STREAMER_JAR_ARG}${OLD_JAR:+ --old-jar $OLD_JAR}"
  echo "Measured $(date -u +%Y-%m-%d) in ${ELAPSED} s by \`$CMD\`,"
  echo "on $(nproc) cores, $(uname -sr), $("$JAVA" -version 2>&1 | head -1); streamer jar of"
  echo "$JAR_TIME (work tree $TREE)${OLD_JAR:+; \`old\`: $(basename "$OLD_JAR") of $OLD_TIME}."
  echo "Load average before the run: $LOAD_BEFORE. Frames from $SOURCE."
  echo "Servers: the streamer"
  echo "(\`${SERVER_ENV:+$SERVER_ENV }java $JVM_OPTS -jar eyetoy-streamer.jar serve\`,"
  echo "WebSocket /ws; MJPEG rows: /stream.mjpg) and"
  echo "the raw baseline (\`RawBaselineServer\`, -Xmx48m: one thread writes the same 614400-byte"
  echo "frame from one direct buffer to N plain TCP sockets). Load: \`FanoutLoad\`, N viewers on"
  echo "loopback, ${WARMUP} s warm-up, ${DURATION} s measured, $ROUNDS round(s); each figure is the median"
  echo "over rounds. CPU is the server process's, all threads, in the window; GB = 10^9 bytes"
  echo "delivered; user % is the share of that CPU spent outside the kernel; frame age is receipt"
  echo "of the last byte minus the capture time (MJPEG: from X-Timestamp, rounded down to the ms"
  echo "by the server, so up to 1 ms high); context switches are the server's, all threads, per"
  echo "frame a viewer received; RSS peak is VmHWM."
} >"$NOTE"
DOC_ARGS=()
[[ $WRITE_DOC == 1 ]] && DOC_ARGS=(--doc "$DOC")
"$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.fanout.FanoutReport "$WORK" \
  --note-file "$NOTE" "${DOC_ARGS[@]}"
[[ -n "$KEEP" ]] && echo "results kept in $WORK"
exit 0

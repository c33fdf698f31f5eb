#!/usr/bin/env bash
# Relay benchmark: the publisher, the NATS server and an edge, side by side in one run.
#
# One nats-server on loopback (Debian's package) carries one camera's raw frames. Each round:
#   1. Publisher CPU per frame with 0, 1 and 10 edges: the publisher (`serve --device simulated
#      --publish`), E edge processes (`serve --source`), one raw /ws viewer on each edge (so each
#      edge subscribes); jmh's FanoutLoad measures, in one window, the publisher's and nats-server's
#      CPU (from /proc) and the frames the publisher captured (its /metrics). With 0 edges nothing
#      is wanted, so nothing is published: capture alone.
#   2. N raw viewers of the single-machine streamer (`serve --device simulated`) and N of an edge
#      fed by a publisher: server CPU per delivered GB (the edge's, against the single machine's),
#      and frame age (the header's capture time is the publisher's, so the edge's viewers' age
#      includes the hop; the difference with the single machine's is what the hop adds).
# The order of the cells alternates by round. Medians over rounds; ratios per round. Writes the
# tables into docs/performance.md between the relay markers. Builds nothing: run
# `./mvnw -q -pl jmh -am package -DskipTests` first.
#
# usage: jmh/run-relay.sh [--rounds R] [--duration S] [--warmup S] [--edges "0 1 10"]
#                         [--viewers "10 50"] [--jvm "OPTS"] [--no-doc] [--keep DIR]
#   --rounds R       rounds (default 3)
#   --duration S     measured seconds per cell (default 10)
#   --warmup S       seconds of reading after all viewers are open, before measuring (default 8)
#   --edges LIST     the edge counts of part 1 (default "0 1 10")
#   --viewers LIST   the viewer counts of part 2 (default "10 50")
#   --jvm OPTS       JVM options of every streamer process (default "-Xmx48m")
#   --no-doc         print the tables only; leave docs/performance.md alone
#   --keep DIR       keep the per-run result files and logs in DIR (default: a temporary directory)
# A default run takes about 15 minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=3
DURATION=10
WARMUP=8
EDGES="0 1 10"
VIEWERS="10 50"
JVM_OPTS="-Xmx48m"
DOC="$ROOT/docs/performance.md"
WRITE_DOC=1
KEEP=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --edges) EDGES="$2"; shift 2 ;;
    --viewers) VIEWERS="$2"; shift 2 ;;
    --jvm) JVM_OPTS="$2"; shift 2 ;;
    --no-doc) WRITE_DOC=0; shift ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-relay.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
STREAMER_JAR="$ROOT/streamer/target/eyetoy-streamer.jar"
BENCH_JAR="$ROOT/jmh/target/benchmarks.jar"
for jar in "$STREAMER_JAR" "$BENCH_JAR"; do
  if [[ ! -f "$jar" ]]; then
    echo "run-relay.sh: $jar is missing: run ./mvnw -q -pl jmh -am package -DskipTests first" >&2
    exit 1
  fi
done
NATS_SERVER="$(command -v nats-server || true)"
[[ -z "$NATS_SERVER" && -x /usr/sbin/nats-server ]] && NATS_SERVER=/usr/sbin/nats-server
if [[ -z "$NATS_SERVER" ]]; then
  echo "run-relay.sh: no nats-server: apt-get install -y nats-server" >&2
  exit 1
fi

if [[ -n "$KEEP" ]]; then
  mkdir -p "$KEEP"
  WORK="$(cd "$KEEP" && pwd)"
else
  WORK="$(mktemp -d /tmp/relay.XXXXXX)"
fi
JAR_TIME="$(date -u -r "$STREAMER_JAR" '+%Y-%m-%d %H:%M UTC')"
TREE="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
# Private copies: a rebuild during the run must not change what is measured.
cp "$STREAMER_JAR" "$WORK/streamer.jar"
cp "$BENCH_JAR" "$WORK/benchmarks.jar"
read -r -a JVM <<<"$JVM_OPTS"

PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do
    [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
  done
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
  local pid
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

NATS_PORT=$(free_port)
"$NATS_SERVER" -a 127.0.0.1 -p "$NATS_PORT" >"$WORK/nats.log" 2>&1 &
NATS_PID=$!
PIDS+=("$NATS_PID")
wait_listening "$NATS_PID" "$NATS_PORT" 10 || { echo "nats-server did not start" >&2; exit 1; }
NATS_URL="nats://127.0.0.1:$NATS_PORT"
echo "nats-server $("$NATS_SERVER" --version | awk '{print $2}') on $NATS_URL"

# streamer NAME PORT ARGS...: starts a streamer process; sets STARTED to its pid.
streamer() {
  local name=$1 port=$2
  shift 2
  "$JAVA" "${JVM[@]}" -jar "$WORK/streamer.jar" serve --port "$port" --max-viewers 128 "$@" \
    >"$WORK/$name.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
}

# load OUT PORT PID VIEWERS [EXTRA...]: runs FanoutLoad against PORT, measuring PID.
load() {
  local out=$1 port=$2 pid=$3 viewers=$4
  shift 4
  "$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.fanout.FanoutLoad \
    --port "$port" --pid "$pid" --viewers "$viewers" --warmup "$WARMUP" --seconds "$DURATION" \
    --out "$WORK/$out.properties" "$@" >"$WORK/$out.load.log" 2>&1 || true
  [[ -s "$WORK/$out.properties" ]] ||
    printf 'errors=1\nerror.0=%s\n' "$(tail -1 "$WORK/$out.load.log")" >"$WORK/$out.properties"
  sed 's/^/  /' "$WORK/$out.load.log"
}

# edges_cell ROUND E: the publisher with E edges, one raw viewer on each.
edges_cell() {
  local round=$1 e=$2 camera="bench$RANDOM" pub pub_port ports=() pids=() i
  pub_port=$(free_port)
  streamer "r$round-edges$e-publisher" "$pub_port" --device simulated \
    --publish "$NATS_URL/$camera"
  pub=$STARTED
  wait_listening "$pub" "$pub_port" 30 || echo "  the publisher did not start" >&2
  for ((i = 0; i < e; i++)); do
    ports+=("$(free_port)")
    streamer "r$round-edges$e-edge$i" "${ports[$i]}" --source "$NATS_URL/$camera"
    pids+=("$STARTED")
  done
  for ((i = 0; i < e; i++)); do
    wait_listening "${pids[$i]}" "${ports[$i]}" 60 || echo "  edge $i did not start" >&2
  done
  local watch=(--watch "publisher=$pub@$pub_port" --watch "nats=$NATS_PID")
  if (( e == 0 )); then
    load "r$round-edges$e" "$pub_port" "$pub" 0 "${watch[@]}"
  else
    local more
    more="$(IFS=,; echo "${ports[*]:1}")"
    load "r$round-edges$e" "${ports[0]}" "${pids[0]}" "$e" --more-ports "$more" "${watch[@]}"
  fi
  stop "${pids[@]}" "$pub"
}

# viewers_cell ROUND N KIND: N raw viewers of the single-machine streamer, or of an edge.
viewers_cell() {
  local round=$1 n=$2 kind=$3 camera="bench$RANDOM" port pub pub_port pid
  port=$(free_port)
  if [[ $kind == single ]]; then
    streamer "r$round-n$n-single" "$port" --device simulated
    pid=$STARTED
    wait_listening "$pid" "$port" 30 || echo "  the streamer did not start" >&2
    load "r$round-n$n-single" "$port" "$pid" "$n"
    stop "$pid"
  else
    pub_port=$(free_port)
    streamer "r$round-n$n-publisher" "$pub_port" --device simulated \
      --publish "$NATS_URL/$camera"
    pub=$STARTED
    streamer "r$round-n$n-edge" "$port" --source "$NATS_URL/$camera"
    pid=$STARTED
    wait_listening "$pub" "$pub_port" 30 || echo "  the publisher did not start" >&2
    wait_listening "$pid" "$port" 30 || echo "  the edge did not start" >&2
    load "r$round-n$n-edge" "$port" "$pid" "$n" \
      --watch "publisher=$pub@$pub_port" --watch "nats=$NATS_PID"
    stop "$pid" "$pub"
  fi
}

START=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  order="$EDGES"
  (( round % 2 == 0 )) && order="$(echo "$EDGES" | tr ' ' '\n' | tac | tr '\n' ' ')"
  for e in $order; do
    echo "round $round/$ROUNDS: publisher with $e edge(s)"
    edges_cell "$round" "$e"
  done
  kinds="single edge"
  (( round % 2 == 0 )) && kinds="edge single"
  for n in $VIEWERS; do
    for kind in $kinds; do
      echo "round $round/$ROUNDS: N=$n viewers of the $kind"
      viewers_cell "$round" "$n" "$kind"
    done
  done
done
ELAPSED=$(( $(date +%s) - START ))

NOTE="$WORK/note.md"
{
  echo "Measured $(date -u +%Y-%m-%d) in ${ELAPSED} s by \`jmh/run-relay.sh --rounds $ROUNDS"
  echo "--duration $DURATION --warmup $WARMUP --edges \"$EDGES\" --viewers \"$VIEWERS\""
  echo "--jvm \"$JVM_OPTS\"\`, on $(nproc) cores, $(uname -sr), $("$JAVA" -version 2>&1 | head -1),"
  echo "nats-server $("$NATS_SERVER" --version | awk '{print $2}') (one node, loopback); streamer jar of $JAR_TIME"
  echo "(work tree $TREE). Load average before the run: $LOAD_BEFORE. Every streamer process:"
  echo "\`java $JVM_OPTS -jar eyetoy-streamer.jar serve\`; frames from the simulated Eyetoy, 640x480"
  echo "YUYV at 30 fps, relayed raw (614 KB a frame). FanoutLoad: ${WARMUP} s warm-up, ${DURATION} s"
  echo "measured; CPU from /proc, all threads; frame age = receipt of the last byte minus the"
  echo "header's capture time (the publisher's clock: one machine). Medians over $ROUNDS round(s)."
} >"$NOTE"
DOC_ARGS=()
[[ $WRITE_DOC == 1 ]] && DOC_ARGS=(--doc "$DOC")
"$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.relay.RelayReport "$WORK" \
  --note-file "$NOTE" "${DOC_ARGS[@]}"
[[ -n "$KEEP" ]] && echo "results kept in $WORK"
exit 0

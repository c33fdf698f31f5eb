#!/usr/bin/env bash
# H.264 against raw and JPEG, side by side (issue 19): bytes per frame, frame age, CPU per viewer.
#
# For each round and each picture, runs the streamer (a fresh process per run, with the Pi's JVM
# flags from deploy/eyetoy-streamer.service and `--h264-encoder openh264`) under jmh's FanoutLoad:
# N = 10 viewers each of raw (/ws), JPEG (/ws?format=jpeg) and H.264 (/ws?format=h264), and H.264
# again at N = 1 and 50 (the order reverses every other round); takes the server's /state after
# each window; and writes the medians as markdown tables into docs/performance.md between the h264
# markers. Builds nothing: run `./mvnw -q install -DskipTests` first. Needs libopenh264 and
# libturbojpeg0.
#
# Pictures: `bars`, the simulated Eyetoy (`serve --device simulated`: colour bars and a moving
# box; capture in the streamer's process, its CPU included), and `texture`, jmh's AreaPublisher
# --picture texture (a detailed texture panning 3 pixels right and 1 down a frame, with a little
# noise that changes every frame; published at 30 fps into a shared area file that `serve --area`
# fans out: the streamer's CPU is without capture).
#
# usage: jmh/run-h264-load.sh [--duration S] [--rounds R] [--warmup S] [--pictures "bars texture"]
#                        [--compare-viewers N] [--h264-viewers "1 10 50"] [--bitrate K]
#                        [--no-doc] [--keep DIR] [--streamer-jar JAR] [--jvm "OPTS"]
#   --duration S   measured seconds per run (default 10)
#   --rounds R     rounds; the tables show medians (default 3)
#   --warmup S     seconds of reading after all viewers are open, before measuring (default 8)
#   --pictures L   of bars and texture (default both)
#   --compare-viewers N  viewers of each of raw, JPEG and H.264 in the side-by-side runs (default 10)
#   --h264-viewers L     the values of N for H.264 (default "1 10 50")
#   --bitrate K    the streamer's --h264-bitrate, kbit/s (default: the streamer's, 1000)
#   --no-doc       print the tables only; leave docs/performance.md alone
#   --keep DIR     keep the per-run results, /state and logs in DIR (default: a temporary directory)
#   --streamer-jar JAR  the streamer to measure (default streamer/target/eyetoy-streamer.jar)
#   --jvm OPTS     the streamer's JVM options (default: JAVA_OPTS of deploy/eyetoy-streamer.service)
# A default run takes about 12 minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=10
ROUNDS=3
WARMUP=8
PICTURES="bars texture"
COMPARE_N=10
H264_VIEWERS="1 10 50"
BITRATE=""
DOC="$ROOT/docs/performance.md"
WRITE_DOC=1
KEEP=""
STREAMER_JAR=""
UNIT="$ROOT/deploy/eyetoy-streamer.service"
JVM_OPTS="$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$UNIT")"
FPS=30
JVM_ARG=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --pictures) PICTURES="$2"; shift 2 ;;
    --compare-viewers) COMPARE_N="$2"; shift 2 ;;
    --h264-viewers) H264_VIEWERS="$2"; shift 2 ;;
    --bitrate) BITRATE="$2"; shift 2 ;;
    --no-doc) WRITE_DOC=0; shift ;;
    --keep) KEEP="$2"; shift 2 ;;
    --streamer-jar) STREAMER_JAR="$2"; shift 2 ;;
    --jvm) JVM_OPTS="$2"; JVM_ARG="$2"; shift 2 ;;
    -h|--help) sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-h264-load.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

for p in $PICTURES; do
  case "$p" in
    bars|texture) ;;
    *) echo "run-h264-load.sh: unknown picture $p (bars, texture)" >&2; exit 2 ;;
  esac
done
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
STREAMER_JAR_ARG="$STREAMER_JAR"
STREAMER_JAR="${STREAMER_JAR:-$ROOT/streamer/target/eyetoy-streamer.jar}"
BENCH_JAR="$ROOT/jmh/target/benchmarks.jar"
for jar in "$STREAMER_JAR" "$BENCH_JAR"; do
  if [[ ! -f "$jar" ]]; then
    echo "run-h264-load.sh: $jar is missing: run ./mvnw -q install -DskipTests first" >&2
    exit 1
  fi
done
command -v curl >/dev/null || { echo "run-h264-load.sh: needs curl (for /state)" >&2; exit 1; }

if [[ -n "$KEEP" ]]; then
  mkdir -p "$KEEP"
  WORK="$(cd "$KEEP" && pwd)"
else
  WORK="$(mktemp -d /tmp/h264.XXXXXX)"
fi
JAR_TIME="$(date -u -r "$STREAMER_JAR" '+%Y-%m-%d %H:%M UTC')"
TREE="$(git -C "$(dirname "$STREAMER_JAR")" describe --always --dirty 2>/dev/null ||
  git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
# Private copies: a rebuild during the run must not change what is measured.
cp "$STREAMER_JAR" "$WORK/streamer.jar"
cp "$BENCH_JAR" "$WORK/benchmarks.jar"
AREA="/dev/shm/h264-bench-$$.area"
MAX_N=$COMPARE_N
for n in $H264_VIEWERS; do (( n > MAX_N )) && MAX_N=$n; done

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
H264_ARGS=(--h264-encoder openh264)
[[ -n "$BITRATE" ]] && H264_ARGS+=(--h264-bitrate "$BITRATE")

# run_one ROUND PICTURE FORMAT N: starts the picture's source and the streamer, runs the load,
# takes /state, stops both.
run_one() {
  local round=$1 picture=$2 format=$3 n=$4 port pid publisher="" source_args=() out
  port=$(free_port)
  out="$WORK/r$round-$picture-$format-n$n"
  if [[ $picture == texture ]]; then
    rm -f "$AREA"
    "$JAVA" -Xmx64m -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.fanout.AreaPublisher \
      --area "$AREA" --fps "$FPS" --max-seconds 600 --picture texture >"$out.publisher.log" 2>&1 &
    publisher=$!
    PIDS+=("$publisher")
    for ((i = 0; i < 100; i++)); do [[ -s "$AREA" ]] && break; sleep 0.1; done
    source_args=(--area "$AREA")
  else
    source_args=(--device simulated)
  fi
  "$JAVA" "${STREAMER_OPTS[@]}" -jar "$WORK/streamer.jar" serve "${source_args[@]}" \
    --port "$port" --max-viewers $((MAX_N + 16)) "${H264_ARGS[@]}" >"$out.server.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  if ! wait_listening "$pid" "$port" 30; then
    echo "  the streamer did not start; see $out.server.log" >&2
    printf 'errors=1\nerror.0=the streamer did not start\n' >"$out.properties"
    stop "$pid"
    [[ -n "$publisher" ]] && stop "$publisher"
    return
  fi
  local load_args=()
  [[ $format != raw ]] && load_args=("--$format") # raw: plain /ws (FanoutLoad's --raw is the baseline)
  "$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.fanout.FanoutLoad "${load_args[@]}" \
    --port "$port" --pid "$pid" --viewers "$n" --warmup "$WARMUP" --seconds "$DURATION" \
    --out "$out.properties" >"$out.load.log" 2>&1 || true
  curl -s --max-time 5 "http://127.0.0.1:$port/state" >"$out.state.json" || true
  if [[ ! -s "$out.properties" ]]; then
    printf 'errors=1\nerror.0=%s\n' "$(tail -1 "$out.load.log")" >"$out.properties"
  fi
  sed 's/^/  /' "$out.load.log"
  stop "$pid"
  [[ -n "$publisher" ]] && stop "$publisher"
  return 0
}

RUNS=()
for n in $COMPARE_N; do RUNS+=("raw $n" "jpeg $n"); done
for n in $H264_VIEWERS; do RUNS+=("h264 $n"); done
# H.264 at the comparison N is in H264_VIEWERS already; if not, add it.
[[ " $H264_VIEWERS " == *" $COMPARE_N "* ]] || RUNS+=("h264 $COMPARE_N")

START=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  order=()
  for picture in $PICTURES; do
    for r in "${RUNS[@]}"; do order+=("$picture $r"); done
  done
  if (( round % 2 == 0 )); then
    # Even rounds run everything in reverse order: nothing always goes first.
    for ((i = 0, j = ${#order[@]} - 1; i < j; i++, j--)); do
      t="${order[i]}"; order[i]="${order[j]}"; order[j]="$t"
    done
  fi
  for what in "${order[@]}"; do
    read -r picture format n <<<"$what"
    echo "round $round/$ROUNDS, $picture, $format, N=$n"
    run_one "$round" "$picture" "$format" "$n"
  done
done
ELAPSED=$(( $(date +%s) - START ))

NOTE="$WORK/note.md"
{
  CMD="jmh/run-h264-load.sh --duration $DURATION --rounds $ROUNDS --warmup $WARMUP"
  CMD+=" --pictures \"$PICTURES\" --compare-viewers $COMPARE_N --h264-viewers \"$H264_VIEWERS\""
  CMD+="${BITRATE:+ --bitrate $BITRATE}${STREAMER_JAR_ARG:+ --streamer-jar $STREAMER_JAR_ARG}"
  CMD+="${JVM_ARG:+ --jvm \"$JVM_ARG\"}"
  echo "Measured $(date -u +%Y-%m-%d) in ${ELAPSED} s by \`$CMD\`,"
  echo "on $(nproc) cores, $(uname -sr), $("$JAVA" -version 2>&1 | head -1), shared with other"
  echo "work (noisy; the noise line below says how much); streamer jar of $JAR_TIME (work tree"
  echo "$TREE). Load average before the run: $LOAD_BEFORE."
  echo "The streamer, a fresh process per run: \`java $JVM_OPTS -jar eyetoy-streamer.jar serve"
  echo "... --h264-encoder openh264${BITRATE:+ --h264-bitrate $BITRATE}\`"
  if [[ -z "$JVM_ARG" ]]; then
    echo "(the JVM flags of \`deploy/eyetoy-streamer.service\`, as on a Pi;"
  else
    echo "("
  fi
  echo "H.264 target bitrate ${BITRATE:-1000} kbit/s)."
  echo "Pictures: \`bars\`, the simulated Eyetoy (\`--device simulated\`: colour bars, a moving box,"
  echo "the frame-number stamps; capture in the streamer's process, its CPU included); \`texture\`,"
  echo "\`AreaPublisher --picture texture\` (a detailed texture panning 3 pixels right and 1 down a"
  echo "frame, a little noise that changes every frame, the stamps) at 30 fps into a shared area"
  echo "that \`serve --area\` fans out (the streamer's CPU is without capture)."
  echo "Load: \`FanoutLoad\` (plain, \`--jpeg\`, \`--h264\`), N viewers of \`/ws\`, \`/ws?format=jpeg\` or"
  echo "\`/ws?format=h264\` on loopback, ${WARMUP} s warm-up, ${DURATION} s measured, $ROUNDS"
  echo "round(s), the runs of a round one after the other (the order reversed every other round)."
  echo "Every H.264 unit was checked (a start code first; the key frame flag matching its NAL"
  echo "units) and every viewer's first unit was a key frame, or the run counts as failed."
  echo "Figures are medians over rounds."
} >"$NOTE"
DOC_ARGS=()
[[ $WRITE_DOC == 1 ]] && DOC_ARGS=(--doc "$DOC")
"$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.fanout.H264LoadReport "$WORK" \
  --note-file "$NOTE" "${DOC_ARGS[@]}"
[[ -n "$KEEP" ]] && echo "results kept in $WORK"
exit 0

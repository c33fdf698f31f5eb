#!/usr/bin/env bash
# JPEG encode time: the streamer's encoders against libjpeg-turbo's own tjbench, side by side.
#
# Paints the simulated Eyetoy's 640x480 picture (jmh's EyetoyPicture, with fake-eyetoy's
# FramePainter) and writes it as a PPM for tjbench; then, for each round, runs jmh's
# JpegEncodeBenchmark (the TurboJPEG and the ImageIO path, quality 80, -prof gc) and
# YuyvSplitBenchmark, and `tjbench frame.ppm 80 -subsamp 422 -yuv -componly -nowrite -benchtime 5`
# one after the other (the order alternates by round); and writes the medians as a markdown table
# into docs/performance.md between the jpeg markers. Our path compresses from YUV planes, so it is
# compared with tjbench's "Comp from YUV". Builds nothing: run `./mvnw -q install -DskipTests` first.
# Needs tjbench (Debian: libjpeg-turbo-progs) and libturbojpeg0.
#
# usage: jmh/run-jpeg.sh [--rounds R] [--benchtime S] [--no-doc] [--keep DIR] [--no-c1]
#   --rounds R     rounds of both (default 3)
#   --benchtime S  tjbench's -benchtime (default 5)
#   --no-doc       print the table only; leave docs/performance.md alone
#   --keep DIR     keep the results in DIR (default: a temporary directory)
#   --no-c1        skip the second JMH run with -XX:TieredStopAtLevel=1 (the Pi's JIT flag)
# A default run takes about 8 minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=3
BENCHTIME=5
DOC="$ROOT/docs/performance.md"
WRITE_DOC=1
KEEP=""
C1=1

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --benchtime) BENCHTIME="$2"; shift 2 ;;
    --no-doc) WRITE_DOC=0; shift ;;
    --keep) KEEP="$2"; shift 2 ;;
    --no-c1) C1=0; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-jpeg.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR="$ROOT/jmh/target/benchmarks.jar"
if [[ ! -f "$BENCH_JAR" ]]; then
  echo "run-jpeg.sh: $BENCH_JAR is missing: run ./mvnw -q install -DskipTests first" >&2
  exit 1
fi
TJBENCH="$(command -v tjbench || true)"
if [[ -z "$TJBENCH" ]]; then
  echo "run-jpeg.sh: tjbench is missing (Debian: apt-get install libjpeg-turbo-progs)" >&2
  exit 1
fi
if [[ -n "$KEEP" ]]; then
  mkdir -p "$KEEP"
  WORK="$(cd "$KEEP" && pwd)"
else
  WORK="$(mktemp -d /tmp/jpeg.XXXXXX)"
  trap 'rm -rf "$WORK"' EXIT
fi
cp "$BENCH_JAR" "$WORK/benchmarks.jar"
JAR_TIME="$(date -u -r "$BENCH_JAR" '+%Y-%m-%d %H:%M UTC')"
TREE="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
TJ_VERSION="$(dpkg-query -W -f '${Version}' libjpeg-turbo-progs 2>/dev/null || echo unknown)"

"$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.jpeg.EyetoyPicture "$WORK/frame.ppm"
TJ_ARGS=(80 -subsamp 422 -yuv -componly -nowrite -benchtime "$BENCHTIME")

run_jmh() {
  "$JAVA" -jar "$WORK/benchmarks.jar" 'JpegEncodeBenchmark|YuyvSplitBenchmark' -prof gc \
    -rf csv -rff "$WORK/r$1.csv" >"$WORK/r$1.jmh.log" 2>&1
  grep -E '^(Benchmark|JpegEncodeBenchmark|YuyvSplitBenchmark)' "$WORK/r$1.jmh.log" |
    grep -v 'gc\.\(count\|time\|alloc\.rate \)' | sed 's/^/  /' || true
  if [[ $C1 == 1 ]]; then
    # The Pi's JIT flag: C1 only. The TurboJPEG paths and the splits (ImageIO is not timed).
    "$JAVA" -jar "$WORK/benchmarks.jar" 'JpegEncodeBenchmark|YuyvSplitBenchmark' \
      -p encoder=turbojpeg -jvmArgsAppend -XX:TieredStopAtLevel=1 \
      -rf csv -rff "$WORK/r$1-c1.csv" >"$WORK/r$1-c1.jmh.log" 2>&1
    grep -E '^(JpegEncodeBenchmark|YuyvSplitBenchmark)' "$WORK/r$1-c1.jmh.log" |
      sed 's/^/  C1 only: /' || true
  fi
}

run_tjbench() {
  (cd "$WORK" && "$TJBENCH" frame.ppm "${TJ_ARGS[@]}") >"$WORK/r$1.tjbench.txt" 2>&1
  grep -A1 'Comp from YUV' "$WORK/r$1.tjbench.txt" | sed 's/^/  /'
}

START=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  if (( round % 2 == 1 )); then order="jmh tjbench"; else order="tjbench jmh"; fi
  for what in $order; do
    echo "round $round/$ROUNDS: $what"
    "run_$what" "$round"
  done
done
ELAPSED=$(( $(date +%s) - START ))

NOTE="$WORK/note.md"
{
  echo "Measured $(date -u +%Y-%m-%d) in ${ELAPSED} s by \`jmh/run-jpeg.sh --rounds $ROUNDS"\
    "--benchtime $BENCHTIME\`, on $(nproc) cores, $(uname -sr),"
  echo "$("$JAVA" -version 2>&1 | head -1), libjpeg-turbo $TJ_VERSION; benchmarks jar of $JAR_TIME"
  echo "(work tree $TREE). Load average before the run: $LOAD_BEFORE."
  echo "The picture: the simulated Eyetoy's frame 1234 (fake-eyetoy's \`FramePainter\`,"
  echo "default controls), 640x480 YUYV; tjbench reads the same picture as a PPM (converted with"
  echo "the streamer's BT.601 decoding), so its YUV planes differ from ours by rounding only."
  echo "Commands, one after the other in each round (the order alternates by round):"
  echo
  echo '```sh'
  echo "java -jar jmh/target/benchmarks.jar 'JpegEncodeBenchmark|YuyvSplitBenchmark' -prof gc"
  if [[ $C1 == 1 ]]; then
    echo "java -jar jmh/target/benchmarks.jar 'JpegEncodeBenchmark|YuyvSplitBenchmark' \\"
    echo "    -p encoder=turbojpeg -jvmArgsAppend -XX:TieredStopAtLevel=1"
  fi
  echo "java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.jpeg.EyetoyPicture frame.ppm"
  echo "tjbench frame.ppm ${TJ_ARGS[*]}"
  echo '```'
  echo
  echo "JMH: 1 fork, 3 x 2 s warm-up, 5 x 2 s measurement, one thread; tjbench: one thread."
  echo "Figures are medians over rounds; ratios to tjbench are per round (median and range)."
} >"$NOTE"
DOC_ARGS=()
[[ $WRITE_DOC == 1 ]] && DOC_ARGS=(--doc "$DOC")
"$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.jpeg.JpegReport "$WORK" \
  --note-file "$NOTE" "${DOC_ARGS[@]}"
[[ -n "$KEEP" ]] && echo "results kept in $WORK"
exit 0

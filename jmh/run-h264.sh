#!/usr/bin/env bash
# H.264 encode time: the streamer's OpenH264 binding against OpenH264 driven from C, and against
# the streamer's JPEG path, side by side on the same frames.
#
# Writes both H264Sequence sequences (the simulated Eyetoy; a panning noise texture) as I420 frames
# through the streamer's own YuyvToI420, builds the C driver (jmh/src/main/c/openh264_bench.c) with
# gcc against libopenh264-dev, and has it write its first 120 access units of each sequence (the
# report compares the binding's with them byte for byte). Then, per round: jmh's
# H264EncodeBenchmark (openh264 and turbojpeg on both sequences) and YuyvToI420Benchmark with
# -prof gc; the C driver and its Java twin H264Driver (the binding; the YUYV to I420 step alone)
# on each sequence with the same warm-up and measurement times, timing wall and thread CPU time;
# and H264InProcess, the binding and the C driver built as a library in one thread, in alternating
# blocks (the steadiest ratio on a shared machine); one after the other (the order alternates by
# round). Writes the medians as markdown tables into docs/performance.md between the h264 markers
# (H264Report). Same settings everywhere: 640x480, 30 frames/s, 2 Mbit/s, an IDR every 60 frames,
# one thread. Builds nothing Java: run `./mvnw -q -pl jmh -am package -DskipTests` first. Needs
# gcc, libopenh264-dev, libturbojpeg0. A default run takes about 12 minutes.
#
# usage: jmh/run-h264.sh [--rounds R] [--short] [--no-doc] [--keep DIR]
#   --rounds R  rounds (default 3)
#   --short     JMH and C: 2 x 1 s warm-up, 3 x 1 s measurement (default 3 x 2 s and 5 x 2 s)
#   --no-doc    print the table only; leave docs/performance.md alone
#   --keep DIR  keep the results in DIR (default: a temporary directory)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=3
WI=3 W=2 I=5 R=2
DOC="$ROOT/docs/performance.md"
WRITE_DOC=1
KEEP=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --short) WI=2 W=1 I=3 R=1; shift ;;
    --no-doc) WRITE_DOC=0; shift ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-h264.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR="$ROOT/jmh/target/benchmarks.jar"
if [[ ! -f "$BENCH_JAR" ]]; then
  echo "run-h264.sh: $BENCH_JAR is missing: run ./mvnw -q -pl jmh -am package -DskipTests" >&2
  exit 1
fi
if [[ ! -f /usr/include/wels/codec_api.h ]]; then
  echo "run-h264.sh: OpenH264's headers are missing (Debian: apt-get install libopenh264-dev)" >&2
  exit 1
fi
if [[ -n "$KEEP" ]]; then
  mkdir -p "$KEEP"
  WORK="$(cd "$KEEP" && pwd)"
else
  WORK="$(mktemp -d /tmp/h264.XXXXXX)"
  trap 'rm -rf "$WORK"' EXIT
fi
cp "$BENCH_JAR" "$WORK/benchmarks.jar"
JAR_TIME="$(date -u -r "$BENCH_JAR" '+%Y-%m-%d %H:%M UTC')"
TREE="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
OH_VERSION="$(dpkg-query -W -f '${Version}' libopenh264-7 2>/dev/null || echo unknown)"
gcc -O2 -o "$WORK/openh264_bench" "$ROOT/jmh/src/main/c/openh264_bench.c" -lopenh264
gcc -O2 -shared -fPIC -o "$WORK/libopenh264_bench.so" "$ROOT/jmh/src/main/c/openh264_bench.c" \
  -lopenh264

SEQUENCES=(eyetoy texture)
# H264Sequence.SETTINGS: width height fps bitrate key-frame period.
SETTINGS=(640 480 30 2000000 60)
for seq in "${SEQUENCES[@]}"; do
  "$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.h264.H264Sequence "$seq" "$WORK/$seq.yuv"
  "$WORK/openh264_bench" "$WORK/$seq.yuv" "${SETTINGS[@]}" 0 1 0.01 "$WORK/c-$seq.h264" 120 \
    >/dev/null
done

JMH_ARGS=(-f 1 -wi "$WI" -w "$W" -i "$I" -r "$R")
run_jmh() {
  "$JAVA" -jar "$WORK/benchmarks.jar" 'H264EncodeBenchmark|YuyvToI420Benchmark' -prof gc \
    "${JMH_ARGS[@]}" -rf csv -rff "$WORK/r$1.csv" >"$WORK/r$1.jmh.log" 2>&1
  grep -E '^(Benchmark|H264EncodeBenchmark|YuyvToI420Benchmark)' "$WORK/r$1.jmh.log" |
    grep -v 'gc\.\(count\|time\|alloc\.rate \)' | sed 's/^/  /' || true
}

# The two drivers, the same loop and clocks (wall and thread CPU time): C, and the binding's Java
# twin (H264Driver), each sequence, then the YUYV to I420 step alone; and the in-process A/B.
# Reversed in even rounds.
run_drivers() {
  local runs=(c-eyetoy openh264-eyetoy ab-eyetoy c-texture openh264-texture convert-texture
    ab-texture)
  if (( $1 % 2 == 0 )); then
    runs=(ab-texture convert-texture openh264-texture c-texture ab-eyetoy openh264-eyetoy c-eyetoy)
  fi
  local times=("$((WI * W))" "$I" "$R")
  for run in "${runs[@]}"; do
    local what=${run%-*} seq=${run#*-}
    if [[ $what == c ]]; then
      "$WORK/openh264_bench" "$WORK/$seq.yuv" "${SETTINGS[@]}" "${times[@]}" >"$WORK/r$1.$run.txt"
    elif [[ $what == ab ]]; then
      # One process, alternating blocks: texture 4 x I rotations (about 0.3 s of CPU each),
      # eyetoy 12 x I (about 0.1 s each).
      local rotations=$((12 * I))
      [[ $seq == texture ]] && rotations=$((4 * I))
      "$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.h264.H264InProcess \
        "$WORK/libopenh264_bench.so" "$seq" "$WORK/$seq.yuv" 5 "$rotations" >"$WORK/r$1.$run.txt"
    else
      "$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.h264.H264Driver "$what" "$seq" \
        "${times[@]}" >"$WORK/r$1.$run.txt"
    fi
    sed -n "s/^RESULT\(_AB\)\{0,1\}/  $run:/p" "$WORK/r$1.$run.txt"
  done
}

START=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  if (( round % 2 == 1 )); then order="jmh drivers"; else order="drivers jmh"; fi
  for what in $order; do
    echo "round $round/$ROUNDS: $what"
    "run_$what" "$round"
  done
done
ELAPSED=$(( $(date +%s) - START ))
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

NOTE="$WORK/note.md"
{
  echo "Measured $(date -u +%Y-%m-%d) in ${ELAPSED} s by \`jmh/run-h264.sh --rounds $ROUNDS$(
    [[ $R == 1 ]] && echo ' --short')\`, on $(nproc) cores, $(uname -sr),"
  echo "$("$JAVA" -version 2>&1 | head -1), OpenH264 $OH_VERSION; benchmarks jar of $JAR_TIME"
  echo "(work tree $TREE). Load average before and after: $LOAD_BEFORE; $LOAD_AFTER."
  echo "Settings everywhere: 640x480, 30 frames/s, 2 Mbit/s, an IDR every 60 frames, one thread"
  echo "(\`H264Sequence.SETTINGS\`); JPEG quality 80. Frames: \`H264Sequence\`'s 60 in a cycle."
  echo "Commands, one after the other in each round (the order alternates by round):"
  echo
  echo '```sh'
  echo "java -jar jmh/target/benchmarks.jar 'H264EncodeBenchmark|YuyvToI420Benchmark' -prof gc \\"
  echo "    ${JMH_ARGS[*]}"
  echo "gcc -O2 -o openh264_bench jmh/src/main/c/openh264_bench.c -lopenh264   # once"
  echo "java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.h264.H264Sequence texture texture.yuv"
  echo "openh264_bench texture.yuv ${SETTINGS[*]} $((WI * W)) $I $R   # and eyetoy"
  echo "java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.h264.H264Driver openh264 texture \\"
  echo "    $((WI * W)) $I $R   # and eyetoy; and 'convert texture'"
  echo "gcc -O2 -shared -fPIC -o libopenh264_bench.so jmh/src/main/c/openh264_bench.c -lopenh264"
  echo "java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.h264.H264InProcess \\"
  echo "    ./libopenh264_bench.so texture texture.yuv 5 $((4 * I))   # eyetoy: $((12 * I)) rotations"
  echo '```'
  echo
  echo "JMH: ${JMH_ARGS[*]} (warm-up $WI x $W s, measurement $I x $R s); the drivers (C and its"
  echo "Java twin): the same warm-up time, then $I iterations of $R s, median of wall and of thread"
  echo "CPU time. Figures are medians over rounds; ratios to C are per round (median and range)." 
} >"$NOTE"
DOC_ARGS=()
[[ $WRITE_DOC == 1 ]] && DOC_ARGS=(--doc "$DOC")
"$JAVA" -cp "$WORK/benchmarks.jar" io.eyetoystreamer.jmh.h264.H264Report "$WORK" \
  --note-file "$NOTE" "${DOC_ARGS[@]}"
[[ -n "$KEEP" ]] && echo "results kept in $WORK"
exit 0

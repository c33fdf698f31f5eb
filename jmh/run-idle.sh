#!/usr/bin/env bash
# The idle policy (--idle capture|slow|stop): the streamer's CPU with no viewer, and the time from a
# viewer's connect to its first frame, per policy, side by side.
#
# For each round and each policy (the order rotates by round), starts the jar on the simulated
# Eyetoy with the Pi's JVM flags (deploy/eyetoy-streamer.service), waits 8 s (past start-up, and
# past --idle stop's 5 s), reads the process's CPU ticks (utime + stime, /proc/PID/stat) over a
# window of --seconds with nobody watching, then connects one /ws viewer and times its first frame
# (and checks it was captured after the connect). Prints a markdown table of the medians, with
# each policy's CPU as a ratio of capture's. Builds nothing: run `./mvnw -q package -DskipTests`.
#
# usage: jmh/run-idle.sh [--rounds R] [--seconds S]   (default 3 rounds of 15 s: about 4 minutes)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/streamer/target/eyetoy-streamer.jar"
ROUNDS=3
SECONDS_WINDOW=15
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --seconds) SECONDS_WINDOW="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-idle.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -f "$JAR" ]] || { echo "run-idle.sh: $JAR missing: run ./mvnw -q package -DskipTests" >&2; exit 2; }
PI_FLAGS=(-Xms16m -Xmx48m -XX:+UseSerialGC -Xss256k -XX:MaxDirectMemorySize=32m
  -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError)
TICKS=$(getconf CLK_TCK)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# Connects one viewer to /ws; prints "MS FRESH": milliseconds to the first frame, and 1 if that
# frame was captured after the connect began (CLOCK_MONOTONIC on both sides: one machine).
first_frame() {
  python3 - "$1" <<'PY'
import base64, os, socket, struct, sys, time
port = int(sys.argv[1])
start = time.monotonic_ns()
s = socket.create_connection(("127.0.0.1", port), timeout=10)
key = base64.b64encode(os.urandom(16)).decode()
s.sendall(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
f = s.makefile("rb")
while f.readline() not in (b"\r\n", b""):
    pass
while True:
    b0, b1 = f.read(2)
    n = b1 & 0x7F
    if n == 126:
        n = struct.unpack(">H", f.read(2))[0]
    elif n == 127:
        n = struct.unpack(">Q", f.read(8))[0]
    payload = f.read(n)
    if b0 & 0x0F == 2:
        now = time.monotonic_ns()
        captured = struct.unpack_from("<Q", payload, 16)[0]
        print(f"{(now - start) / 1e6:.0f} {1 if captured > start else 0}")
        break
PY
}

for round in $(seq 1 "$ROUNDS"); do
  policies=(capture slow stop)
  shift_by=$(( (round - 1) % 3 ))
  policies=("${policies[@]:shift_by}" "${policies[@]:0:shift_by}")
  for policy in "${policies[@]}"; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    java "${PI_FLAGS[@]}" -jar "$JAR" --port "$port" --idle "$policy" >"$OUT/$policy-$round.log" 2>&1 &
    pid=$!
    sleep 8
    a=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep "$SECONDS_WINDOW"
    b=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    cpu=$(python3 -c "print(f'{($b - $a) / $TICKS / $SECONDS_WINDOW * 100:.2f}')")
    read -r ms fresh < <(first_frame "$port")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "$policy $cpu $ms $fresh" >> "$OUT/results"
    echo "round $round: --idle $policy: CPU $cpu% of a core with no viewer; first frame after $ms ms (fresh: $fresh)"
  done
done

python3 - "$OUT/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    p, cpu, ms, fresh = line.split()
    rows.setdefault(p, []).append((float(cpu), float(ms), int(fresh)))
base = statistics.median(c for c, _, _ in rows["capture"])
print()
print("| --idle | CPU with no viewer, % of a core (median) | vs capture | connect to first frame, ms (median) | first frame fresh |")
print("|---|---|---|---|---|")
for p in ("capture", "slow", "stop"):
    r = rows[p]
    cpu = statistics.median(c for c, _, _ in r)
    ms = statistics.median(m for _, m, _ in r)
    fresh = sum(f for _, _, f in r)
    print(f"| {p} | {cpu:.2f} | {cpu / base:.2f} | {ms:.0f} | {fresh} of {len(r)} |")
PY

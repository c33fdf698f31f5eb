#!/usr/bin/env python3
"""One WebSocket viewer that checks what the streamer sends (standard library only, so the ARM
check needs nothing but python3 on the host).

Usage: ws_viewer.py --port P [--seconds 10] [--format raw|jpeg] [--transport nio|epoll]
                    [--encoder turbojpeg] [--min-frames N] [--picture eyetoy|vivid]

Reads /ws (or /ws?format=jpeg) for the given time and checks every binary message against
ARCHITECTURE.md: the 32-byte header (version 1, kind, fourcc, sizes), the length, a strictly
increasing sequence, and the picture: for raw frames the simulated Eyetoy's top and bottom stamps
(the driver sequence, 32 blocks) must be equal (a torn frame differs) and increase, or, with
--picture vivid (the kernel's vivid driver, whose picture prints the time and frame number), every
frame must differ from the one before; a JPEG must run from an SOI to an EOI marker. With
--picture vivid the server runs in a VM, whose monotonic clock is not this one: no frame age. Then, with the viewer still connected, /state must say the camera is
online (and, if given, which Netty transport and JPEG encoder serve). Prints one summary line;
exit 0 when everything held, 1 otherwise.
"""
import argparse
import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.request

YUYV = 0x56595559
JPEG = 0x4745504A  # "JPEG" read as a little-endian u32


def recv_exact(sock, n):
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        r = sock.recv_into(view[got:], n - got)
        if r == 0:
            raise EOFError("server closed the connection")
        got += r
    return buf


def read_message(sock):
    """Returns (opcode, payload) of the next whole message; server frames are unmasked."""
    opcode, parts = None, []
    while True:
        b0, b1 = recv_exact(sock, 2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack(">H", recv_exact(sock, 2))[0]
        elif n == 127:
            n = struct.unpack(">Q", recv_exact(sock, 8))[0]
        payload = recv_exact(sock, n) if n else bytearray()
        op = b0 & 0x0F
        if op >= 8:  # control frames may come between fragments
            if op == 9:
                send_frame(sock, 0xA, payload)
                continue
            return op, payload
        if op != 0:
            opcode = op
        parts.append(payload)
        if b0 & 0x80:
            return opcode, parts[0] if len(parts) == 1 else bytearray().join(parts)


def send_frame(sock, opcode, payload):
    mask = os.urandom(4)
    n = len(payload)
    head = bytes([0x80 | opcode]) + (
        bytes([0x80 | n]) if n < 126 else bytes([0xFE]) + struct.pack(">H", n))
    sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def stamp(frame, width, bpl, row):
    """The 32-bit number in one stamp row: block k's centre luma above 128 is bit 31-k."""
    block = width // 32
    value = 0
    for k in range(32):
        x = (k * block + block // 2) & ~1  # even x: the Y0 byte of a YUYV pair
        value = (value << 1) | (1 if frame[row * bpl + 2 * x] > 128 else 0)
    return value


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, len(v) * p // 100)] if v else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--format", choices=["raw", "jpeg"], default="raw")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--transport")
    ap.add_argument("--encoder")
    ap.add_argument("--min-frames", type=int, default=10)
    ap.add_argument("--fps", type=int, help="ask for at most this rate (/ws?fps=N)")
    ap.add_argument("--picture", choices=["eyetoy", "vivid"], default="eyetoy",
                    help="the simulated Eyetoy's stamps, or vivid's changing picture")
    a = ap.parse_args()

    errors = []
    query = ([] if a.format == "raw" else ["format=jpeg"]) + ([f"fps={a.fps}"] if a.fps else [])
    path = "/ws" + ("?" + "&".join(query) if query else "")
    sock = socket.create_connection((a.host, a.port), timeout=30)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {a.host}:{a.port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(1)
        if not chunk:
            sys.exit("viewer: FAIL connection closed during the handshake")
        head += chunk
    if not head.startswith(b"HTTP/1.1 101"):
        sys.exit("viewer: FAIL handshake answered " + head.split(b"\r\n")[0].decode())

    frames, nbytes, gaps, last_seq, last_stamp, online_msg, first_seq = 0, 0, 0, 0, -1, False, 0
    first_at, ages, previous = None, [], None
    start = time.monotonic()
    while time.monotonic() - start < a.seconds and len(errors) < 5:
        op, msg = read_message(sock)
        if op == 8:
            errors.append("server closed the WebSocket")
            break
        if op == 1:
            status = json.loads(msg)
            online_msg = online_msg or status.get("camera") == "online"
            continue
        if op != 2:
            continue
        if first_at is None:
            first_at, first_seq = time.monotonic(), struct.unpack_from("<Q", msg, 8)[0]
        frames += 1
        nbytes += len(msg)
        hb, ver, kind, fourcc, seq, captured, w, h, bpl = struct.unpack_from("<HBBIQQHHI", msg)
        # Frame age: the server stamps CLOCK_MONOTONIC, as time.monotonic_ns() reads it (same host).
        if a.picture == "eyetoy":
            ages.append((time.monotonic_ns() - captured) / 1e6)
        if seq <= last_seq:
            errors.append(f"sequence {seq} after {last_seq}")
        gaps += max(0, seq - last_seq - 1) if last_seq else 0
        last_seq = seq
        if a.format == "jpeg":
            if (hb, ver, kind, fourcc, bpl) != (32, 1, 1, JPEG, 0) or (w, h) != (640, 480) \
                    or msg[32:34] != b"\xff\xd8" or msg[-2:] != b"\xff\xd9":
                errors.append(f"frame {seq}: bad JPEG message {hb},{ver},{kind},{fourcc:#x},"
                              f"{w}x{h}, bpl {bpl}, {len(msg)} bytes, starts {bytes(msg[32:34])}")
            continue
        if (hb, ver, kind, fourcc) != (32, 1, 0, YUYV) or bpl != 2 * w or len(msg) != 32 + h * bpl:
            errors.append(f"frame {seq}: bad header {hb},{ver},{kind},{fourcc:#x},{w}x{h},"
                          f"bpl {bpl}, {len(msg)} bytes")
            continue
        frame = memoryview(msg)[32:]
        if a.picture == "vivid":
            if previous is not None and frame == previous:
                errors.append(f"frame {seq}: the same picture as the frame before")
            previous = bytes(frame)
            continue
        s = h // 30
        top, bottom = stamp(frame, w, bpl, s // 2), stamp(frame, w, bpl, h - s + s // 2)
        if top != bottom:
            errors.append(f"frame {seq}: torn (top stamp {top}, bottom {bottom})")
        elif top <= last_stamp:
            errors.append(f"frame {seq}: stamp {top} after {last_stamp}")
        last_stamp = top
    elapsed = time.monotonic() - (first_at or start)

    # /state while this viewer is still connected.
    with urllib.request.urlopen(f"http://{a.host}:{a.port}/state", timeout=30) as r:
        state = json.load(r)
    send_frame(sock, 8, struct.pack(">H", 1000))
    sock.close()
    online = state["camera"]["online"]
    transport = state["server"]["transport"]
    if not online:
        errors.append(f"/state: camera offline: {state['camera'].get('message')}")
    encoder = state.get("jpeg", {}).get("encoder")
    if a.encoder and encoder != a.encoder:
        errors.append(f"/state: JPEG encoder {encoder}, expected {a.encoder}")
    if a.transport and transport != a.transport:
        errors.append(f"/state: transport {transport}, expected {a.transport}")
    if not online_msg:
        errors.append("no status message said the camera is online")
    if frames < a.min_frames:
        errors.append(f"only {frames} frames (at least {a.min_frames} expected)")

    fps = (frames - 1) / elapsed if frames > 1 and elapsed > 0 else 0.0
    verdict = "PASS" if not errors else "FAIL"
    age = f"age p50 {pct(ages, 50):.0f} ms p99 {pct(ages, 99):.0f} ms" if ages else "no age"
    print(f"viewer {a.format}: {verdict} {frames} frames intact in {elapsed:.1f} s "
          f"({fps:.1f} fps, {nbytes * 8 / elapsed / 1e6 if elapsed else 0:.0f} Mbit/s), "
          f"sequence {first_seq}..{last_seq}, {gaps} skipped, {age}; "
          f"/state: online={online}, transport={transport}, jpeg encoder={encoder}, "
          f"measuredFps={state['camera'].get('measuredFps')}, "
          f"format={state['camera'].get('format')} {state['camera'].get('width')}x"
          f"{state['camera'].get('height')}")
    for e in errors:
        print(f"viewer {a.format}: error: " + e)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())

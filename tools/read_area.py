#!/usr/bin/env python3
"""Read the newest whole frame of an eyetoy-streamer shared area, using only the layout documented in
ARCHITECTURE.md ("Binary format: the shared area"). An example for readers in other languages.

Usage: read_area.py AREA_FILE [OUT_FILE]
Prints the header and the newest frame's metadata as key=value lines; writes the frame to OUT_FILE.
Exit status 2 if the file is not an area, 3 if it holds no frame yet.
"""
import mmap
import struct
import sys
import time

MAGIC = b"EYETOYSA"


def read_latest(m, slot_count, slot_stride, data_offset):
    """The seqlock read: retry while the writer laps us; never return a torn frame."""
    for _ in range(1000):
        (latest,) = struct.unpack_from("<Q", m, 256)
        if latest == 0:
            return None
        slot = latest % slot_count
        desc = 512 + 128 * slot
        (word,) = struct.unpack_from("<Q", m, desc)
        if word != 2 * latest:
            continue
        captured, length = struct.unpack_from("<QI", m, desc + 8)
        start = data_offset + slot * slot_stride
        frame = bytes(m[start:start + length])
        # CPython's mmap reads are not reordered past the re-check on the platforms we target (the
        # interpreter's own locking acts as a full barrier); a C reader needs an acquire fence here.
        (again,) = struct.unpack_from("<Q", m, desc)
        if again == word:
            return latest, captured, frame
    raise RuntimeError("lapped 1000 times in a row: the writer is far faster than this reader")


def main():
    path = sys.argv[1]
    with open(path, "rb") as f:
        m = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
    if m[0:8] != MAGIC:
        print(f"{path}: not a frame area (magic {m[0:8]!r}, expected {MAGIC!r})", file=sys.stderr)
        return 2
    (version, slot_count, slot_capacity, slot_stride, width, height, fourcc, bpl) = struct.unpack_from(
        "<IIIIIIII", m, 8)
    (area_bytes, desc_offset, data_offset, pid, state) = struct.unpack_from("<QIIQI", m, 40)
    (heartbeat,) = struct.unpack_from("<Q", m, 128)
    print(f"version={version}")
    print(f"slots={slot_count} capacity={slot_capacity} stride={slot_stride}")
    print(f"width={width} height={height} fourcc={struct.pack('<I', fourcc).decode('ascii')}")
    print(f"bytesPerLine={bpl} areaBytes={area_bytes} dataOffset={data_offset}")
    print(f"writerPid={pid} writerState={state}")
    print(f"heartbeatAgeMs={(time.monotonic_ns() - heartbeat) / 1e6:.1f}")
    result = read_latest(m, slot_count, slot_stride, data_offset)
    if result is None:
        print("no frame yet", file=sys.stderr)
        return 3
    seq, captured, frame = result
    print(f"sequence={seq} captureTimeNanos={captured} length={len(frame)}")
    if len(sys.argv) > 2:
        with open(sys.argv[2], "wb") as out:
            out.write(frame)
    return 0


if __name__ == "__main__":
    sys.exit(main())

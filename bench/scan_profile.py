"""The hot path of detection, for a flame graph: `make flamegraph` runs this under py-spy.

Scans the benchmark's stream of distinct 80-character messages (bench/engine.py) once,
after the warm-up, so the graph shows what `make bench` measures as the engine's rate.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.engine import STREAM_LENGTH, _scanner, distinct_80


def main() -> None:
    stream, warm, source = distinct_80(STREAM_LENGTH)
    scanner = _scanner(warm)
    for text in stream:
        scanner.scan(text)
    print(f"scanned {len(stream)} messages ({source})")


if __name__ == "__main__":
    main()

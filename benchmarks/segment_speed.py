"""Sentence segmentation speed on the hand-checked news text of tests/fixtures/segmentation.txt.

    python benchmarks/segment_speed.py

The foundation issue's target is at least 10,000 sentences a second.
"""

from __future__ import annotations

import time
from pathlib import Path

from analyzer.segment import sentence_spans

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "segmentation.txt"
REPEAT = 200


def main() -> None:
    lines = [line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    paragraphs = [" ".join(p.split("\n")) for p in "\n".join(lines).split("\n\n") if p.strip()]
    text = "\n".join(paragraphs * REPEAT)
    start = time.perf_counter()
    n = len(sentence_spans(text))
    seconds = time.perf_counter() - start
    print(f"{n:,} sentences in {seconds:.2f} s: {n / seconds:,.0f} sentences/s")


if __name__ == "__main__":
    main()

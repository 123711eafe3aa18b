"""Alignment of one large event: N articles (one per outlet) about the same story.

    python benchmarks/align_one_event.py --articles 1000

Prints the seconds spent in event grouping and alignment, and the number of alignments. The
issue's target: 1,000 articles of one event align in seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    from synth import generate

    from analyzer import analyze, load

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), args.articles, events=1)
        corpus = load([tmp])
        marks: list[tuple[str, float]] = []
        analysis = analyze(corpus, on_stage=lambda name: marks.append((name, time.perf_counter())))
    times = {name: marks[n + 1][1] - t for n, (name, t) in enumerate(marks[:-1])}
    print(
        f"| {len(analysis.articles)} articles, {len(analysis.events)} event(s) | events {times['events']:.2f} s | "
        f"align {times['align']:.2f} s | {len(analysis.alignments):,} alignments | "
        f"{len(analysis.sentences):,} sentences |"
    )


if __name__ == "__main__":
    main()

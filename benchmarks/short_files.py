"""Many look-alike one-line files: does the time per article stay flat as their number grows?

    python benchmarks/short_files.py [--sizes 10000,15000,30000] [--limit 1.5]

Each size is a folder of one-line files (each its own outlet, as files without front matter
are), drawn from 17 words and a few figures, so that thousands of them look alike: the case
that once made event grouping grow with the square of the corpus (15,000 files took 292 s,
10,000 took 25 s). Each size runs `load → analyze` in a fresh process; the script prints wall
seconds, milliseconds per article and events for each, and exits 1 when a size's time per article
is more than `--limit` times the first size's.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

WORDS = "council budget vote school plan mayor residents water road fund park library tax police fire street".split()

RUN = """
import json, sys, time
from analyzer import analyze, load
t = time.perf_counter()
analysis = analyze(load([sys.argv[1]]), jobs=2)
print(json.dumps({"seconds": time.perf_counter() - t, "events": len(analysis.events)}))
"""


def write_files(folder: Path, n: int, seed: int = 1) -> None:
    """`n` one-line articles in `folder`, deterministic for a seed."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        line = (
            f"The council voted {rng.randint(1, 9)}-{rng.randint(1, 9)} on the {rng.choice(WORDS)} "
            f"{rng.choice(WORDS)} plan for {rng.randint(1, 999)} residents.\n"
        )
        (folder / f"f{k:06}.txt").write_text(line, encoding="utf-8")


def measure(sizes: list[int]) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / str(n)
            write_files(folder, n)
            done = subprocess.run([sys.executable, "-c", RUN, str(folder)], capture_output=True, text=True, check=True)
            figures = json.loads(done.stdout.splitlines()[-1])
            rows.append({"articles": n, **figures, "ms_per_article": 1000 * figures["seconds"] / n})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,15000,30000")
    parser.add_argument("--limit", type=float, default=1.5, help="largest allowed ratio of time per article")
    args = parser.parse_args()
    rows = measure([int(s) for s in args.sizes.split(",")])
    print("| one-line files | wall s | ms per article | events | per article against the first |")
    print("| --- | --- | --- | --- | --- |")
    first = rows[0]["ms_per_article"]
    for r in rows:
        ratio = r["ms_per_article"] / first
        print(f"| {r['articles']:,} | {r['seconds']:.1f} | {r['ms_per_article']:.2f} | {r['events']} | {ratio:.2f} |")
    worst = max(r["ms_per_article"] for r in rows) / first
    if worst > args.limit:
        print(f"time per article grew {worst:.2f}× (limit {args.limit}×)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

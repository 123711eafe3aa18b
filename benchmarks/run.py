"""Speed and memory of the whole pipeline on synthetic corpora of growing size.

    python benchmarks/run.py --articles 1000,10000 [--full] [--jobs N]

Stages as the pipeline reports them: clean (finding recurring page text), articles (cleaning,
segmenting, flagging and features of each article, in workers), events, align (each event's
alignments, facts, numbers and distinctive words, in workers), compare (actors, outlet figures).

For each size: generate the corpus (benchmarks/synth.py, fixed seed), then in a fresh process
run `load → stages → analysis.json` (and with --full also the PNG/PDF/HTML/CSV report), and
print wall seconds per stage, articles/s and peak memory. Two reference lines are measured in
the same run: the floor (read the same files and tokenize them with one regex pass) and a naive
aligner (every sentence against every other sentence of the corpus, estimated from a sample of
rows when the full product would not fit).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analyzer.pipeline import STAGES
from analyzer.runtime import default_jobs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

NAIVE_SAMPLE_ROWS = 2000


def one(corpus: Path, out: Path, full: bool, jobs: int) -> dict:
    """Run the pipeline once in this process; return timings (called in a child process)."""
    from analyzer import analyze, load, render
    from analyzer.runtime import Engine, paused

    times: dict[str, float] = {}
    marks: list[tuple[str, float]] = []
    # As the CLI does: one engine reads the corpus and analyses it, and the process, which is
    # ours, keeps the collector paused and freezes what the run made.
    with Engine(jobs) as engine, paused(freeze=True):
        t0 = time.perf_counter()
        corpus_obj = load([corpus], engine=engine)
        times["load"] = time.perf_counter() - t0
        analysis = analyze(corpus_obj, on_stage=lambda name: marks.append((name, time.perf_counter())), engine=engine)
        end = time.perf_counter()
        for (name, start), (_, stop) in zip(marks, marks[1:] + [("end", end)], strict=True):
            times[name] = stop - start
        t1 = time.perf_counter()
        render(analysis, out, formats=["json"])
        times["render json"] = time.perf_counter() - t1
        if full:
            t2 = time.perf_counter()
            render(analysis, out, formats=["csv", "png", "pdf", "html"])
            times["render report"] = time.perf_counter() - t2
    words = sum(a.words for a in analysis.articles)
    return {"articles": len(analysis.articles), "words": words, "times": times}


def floor(corpus: Path) -> float:
    t0 = time.perf_counter()
    token = re.compile(r"\w+")
    n = 0
    for path in sorted(corpus.rglob("*.md")):
        n += len(token.findall(path.read_text("utf-8")))
    return time.perf_counter() - t0


def naive(corpus: Path) -> float:
    """Seconds an all-pairs sentence comparison over the whole corpus would take."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from analyzer import load
    from analyzer.segment import sentence_spans

    texts = []
    for art in load([corpus]).articles:
        texts += [art.body[s.start : s.end] for s in sentence_spans(art.body)]
    x = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    rows = min(NAIVE_SAMPLE_ROWS, x.shape[0])
    t0 = time.perf_counter()
    _ = (x[:rows] @ x.T).tocsr()
    return (time.perf_counter() - t0) * x.shape[0] / rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="1000,10000")
    parser.add_argument("--full", action="store_true", help="also render the full report (PNG, PDF, HTML, CSV)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: all cores)")
    parser.add_argument("--one", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(Path(args.one[0]), Path(args.one[1]), args.full, args.jobs)))
        return
    from synth import generate

    header = (
        "| articles | words | "
        + " | ".join(["load", *STAGES, "render json"] + (["render report"] if args.full else []))
        + " | files → analysis.json s | articles/s | peak MB | floor s | total/floor | naive all-pairs align s |"
    )
    print(header)
    print("|" + " --- |" * (header.count("|") - 1))
    for size in [int(s) for s in args.articles.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
            generate(corpus, size)
            cmd = [sys.executable, __file__, "--one", str(corpus), str(out), "--jobs", str(args.jobs)]
            cmd += ["--full"] if args.full else []
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            result = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
            peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
            fl = floor(corpus)
            nv = naive(corpus)
        t = result["times"]
        total = sum(v for k, v in t.items() if k != "render report")  # the target: files to analysis.json
        cells = [
            f"{t.get(k, 0):.2f}" for k in ["load", *STAGES, "render json"] + (["render report"] if args.full else [])
        ]
        print(
            f"| {result['articles']} | {result['words']:,} | "
            + " | ".join(cells)
            + f" | {total:.1f} | {result['articles'] / total:.0f} | {peak:.0f} | {fl:.2f} | {total / fl:.0f}×"
            + f" | {nv:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()

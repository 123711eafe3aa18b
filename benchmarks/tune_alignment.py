"""Grid search of the alignment constants on the "tune" gold set, checked on the "check" sets.

    python benchmarks/tune_alignment.py

Prints F1 per setting on the tune split (corpus sets whose gold.json says "split": "tune") and,
for the best few, on the check split. The defaults of `AlignOptions` (analyzer/options.py) come
from this run.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

from analyzer import AlignOptions, AnalysisOptions, analyze, load
from analyzer.evaluate import evaluate

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GRID = {  # fields of AlignOptions
    "threshold": [0.18, 0.2, 0.22, 0.25, 0.28],
    "near_best": [0.6, 0.7, 0.8, 0.9, 1.0],
    "triangle_threshold": [0.08, 0.12, 0.16, 1.0],
    "strong_threshold": [0.35, 0.45, 0.55],
}


def sets(split: str) -> list[tuple[list, dict]]:
    out = []
    for gold_path in sorted(CORPUS.glob("*/gold.json")):
        gold = json.loads(gold_path.read_text())
        if gold.get("split") == split:
            out.append((load([gold_path.parent]), gold))
    return out


def f1(data: list[tuple[list, dict]], options: AnalysisOptions) -> tuple[float, int]:
    tp = pred = exp = cross = 0
    for corpus, gold in data:
        e = evaluate(analyze(corpus, options), gold)
        tp, pred, exp = tp + e.alignment.true_positives, pred + e.alignment.predicted, exp + e.alignment.expected
        cross += e.cross_event_pairs
    p, r = (tp / pred if pred else 1.0), (tp / exp if exp else 1.0)
    return (2 * p * r / (p + r) if p + r else 0.0), cross


def main() -> None:
    tune, check = sets("tune"), sets("check")
    results = []
    for values in itertools.product(*GRID.values()):
        results.append((f1(tune, _options(values))[0], values))
    results.sort(reverse=True)
    print("tune F1  " + "  ".join(GRID) + "  | check F1")
    for score, values in results[:10]:
        print(f"{score:.3f}  {values}  | {f1(check, _options(values))[0]:.3f}")


def _options(values: tuple) -> AnalysisOptions:
    return AnalysisOptions(align=replace(AlignOptions(), **dict(zip(GRID, values, strict=True))))


if __name__ == "__main__":
    main()

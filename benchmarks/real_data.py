"""Quality on real, human-annotated news: the development halves in ../shared/dev-data and the seeds.

    python benchmarks/real_data.py [--only events,align,loaded,seeds] [--details] [--save]

Runs the tool (default options, no hints) on each set and scores it with the data's own scorers
(`score.py`, `align/score_pairs.py`; MRPC's pairs made into two-article events by `score.py
pairs-make`), then prints one markdown table per measure. These are the
figures the README reports (with `--save`, the held-out loaded-language figures are written to
`analyzer/data/measured.json`, which the report quotes); tune on these folders only (held-out halves and other sets are
scored elsewhere).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import measured

from analyzer import analyze, lexicons, render
from analyzer.context_train import train
from analyzer.language import listed
from analyzer.options import AnalysisOptions, FlagOptions

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev-data"
SEEDS = ROOT.parent / "shared" / "seeds"
EVENT_SETS = {  # name → folder whose subfolders are the gold events
    "AllSides": DEV / "events" / "allsides",
    "NewsWCL50": DEV / "events" / "newswcl50",
    "BASIL": DEV / "loaded" / "basil",
}
LOADED_SETS = {"PTC": DEV / "loaded" / "ptc", "BASIL": DEV / "loaded" / "basil"}
WHOLE_STORIES = {"BASIL"}  # sets whose folders are stories, kept whole when split in halves
ALIGN_GOLD = DEV / "align" / "basil-pairs.json"
MRPC = DEV / "align" / "mrpc-train.jsonl"  # sentence pairs labelled same meaning or not
DEV_SEEN_TERMS = Path(__file__).resolve().parent / "dev_seen_terms.txt"
# The seeds' gold grouping, from their README: 000, 001 and 004 report one visit.
SEED_GROUPS = [{"000", "001", "004"}, {"002"}, {"003"}]


def _analysis_json(paths: list[Path], tmp: Path, name: str, options: AnalysisOptions = AnalysisOptions()) -> Path:
    out = tmp / name
    render(analyze(paths, options, jobs=2), out, formats=["json"])
    return out / "analysis.json"


def _score(*args: str) -> dict:
    """The first line a scorer prints: its figures as JSON."""
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[0])


def events(tmp: Path) -> None:
    print("| dev set (real, human-grouped) | pair precision | pair recall | pair F1 | stories exact |")
    print("| --- | --- | --- | --- | --- |")
    for name, folder in EVENT_SETS.items():
        s = _score(str(DEV / "score.py"), "events", str(_analysis_json([folder], tmp, f"events-{name}")))
        print(
            f"| {name} | {s['pair_precision']:.2f} | {s['pair_recall']:.2f} | {s['pair_f1']:.2f} "
            f"| {s['exact_events']}/{s['gold_events']} |"
        )


def align(tmp: Path, details: bool) -> None:
    gold = json.loads(ALIGN_GOLD.read_text(encoding="utf-8"))
    folders = [DEV / "loaded" / "basil" / e for e in gold["events"]]
    analysis = _analysis_json(folders, tmp, "align")
    s = _score(str(DEV / "align" / "score_pairs.py"), str(analysis), str(ALIGN_GOLD))
    pairs = tmp / "mrpc-pairs.jsonl"
    subprocess.run([sys.executable, str(DEV / "score.py"), "pairs-make", str(MRPC), str(pairs)], check=True)
    m = _score(str(DEV / "score.py"), "pairs", str(_analysis_json([pairs], tmp, "mrpc")), str(MRPC))
    print("| same-fact sentence pairs (real news) | precision | recall | F1 | accuracy |")
    print("| --- | --- | --- | --- | --- |")
    name = f"BASIL pairs ({len(folders)} stories × 3 outlets)"
    print(f"| {name} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} | |")
    name = f"MRPC train ({m['pairs']:,} pairs, each its own two-outlet event)"
    print(f"| {name} | {m['precision']:.2f} | {m['recall']:.2f} | {m['f1']:.2f} | {m['accuracy']:.2f} |")
    if details:
        args = [sys.executable, str(DEV / "align" / "score_pairs.py"), str(analysis), str(ALIGN_GOLD), "--details"]
        print(subprocess.run(args, capture_output=True, text=True).stdout)


def loaded(tmp: Path, save: bool) -> None:
    """Two rows a set: the shipped model (fitted on these very folders, so in-sample), and held
    out: each half of the articles (stories, for BASIL) scored by a model fitted on the other half.
    With `save`, the held-out figures go to measured.json, which the report quotes."""
    print("| loaded language (real, human-marked) | precision | recall | F1 | voice flags | gold spans |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, folder in LOADED_SETS.items():
        s = _score(str(DEV / "score.py"), "spans", str(_analysis_json([folder], tmp, f"loaded-{name}")), str(folder))
        _row(f"{name}, shipped model (in-sample)", s)
    halves = {
        name: _halves(folder, tmp / f"halves-{name}", name in WHOLE_STORIES) for name, folder in LOADED_SETS.items()
    }
    pooled: dict[str, list[dict]] = {name: [] for name in LOADED_SETS}
    floor: dict[str, list[dict]] = {name: [] for name in LOADED_SETS}
    seen = set(listed(DEV_SEEN_TERMS.read_text(encoding="utf-8")))
    for k in (0, 1):
        fitted = train([h[1 - k] for h in halves.values()], lexicons.builtin(), jobs=2)
        weights = tmp / f"context-{k}.json"
        weights.write_text(fitted.to_json(), encoding="utf-8")
        options = AnalysisOptions(flags=FlagOptions(context_model=str(weights)))
        for name, (a, b) in halves.items():
            scored = (a, b)[k]
            analysis = _analysis_json([scored], tmp, f"held-{name}-{k}", options)
            pooled[name].append(_score(str(DEV / "score.py"), "spans", str(analysis), str(scored)))
            unseen = _without_terms(analysis, seen)
            floor[name].append(_score(str(DEV / "score.py"), "spans", str(unseen), str(scored)))
    held_out = {name: _pool(scores) for name, scores in pooled.items()}
    for name, figures in held_out.items():
        _row(f"{name}, held out (2-fold)", figures)
    if save:
        measured.save("loaded", held_out)
    for name, scores in floor.items():
        _row(f"{name}, held out, without the words added with these sets in view (a floor)", _pool(scores))


def _without_terms(analysis: Path, terms: set[str]) -> Path:
    """A copy of `analysis` without the flags of `terms`, beside it."""
    data = json.loads(analysis.read_text(encoding="utf-8"))
    data["flags"] = [f for f in data["flags"] if f["term"] not in terms]
    out = analysis.with_name("analysis-floor.json")
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def _row(name: str, s: dict) -> None:
    figures = f"{s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f}"
    print(f"| {name} | {figures} | {s['voice_flags']} | {s['gold_spans']} |")


def _halves(folder: Path, out: Path, whole_story: bool) -> tuple[Path, Path]:
    """The set split in two by a hash of each article's name (of each story's, with
    `whole_story`): two gold folders with copies of the articles and their spans."""
    parts = (out / "a", out / "b")
    for gold_path in sorted(folder.glob("*/gold.json")):
        spans = json.loads(gold_path.read_text(encoding="utf-8"))["spans"]
        for text in sorted(gold_path.parent.glob("*.txt")):
            key = gold_path.parent.name if whole_story else text.name
            half = parts[zlib.crc32(key.encode()) % 2] / gold_path.parent.name
            half.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(text, half / text.name)
            mine = [s for s in spans if s["file"] == text.name]
            old = (
                json.loads((half / "gold.json").read_text(encoding="utf-8"))["spans"]
                if (half / "gold.json").exists()
                else []
            )
            (half / "gold.json").write_text(json.dumps({"spans": old + mine}), encoding="utf-8")
    return parts


def _pool(scores: list[dict]) -> dict:
    """Precision, recall and F1 of two halves' counts together."""
    flags = sum(s["voice_flags"] for s in scores)
    gold = sum(s["gold_spans"] for s in scores)
    right = sum(s["precision"] * s["voice_flags"] for s in scores)
    found = sum(s["recall"] * s["gold_spans"] for s in scores)
    p, r = right / flags if flags else 0.0, found / gold if gold else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "voice_flags": flags,
        "gold_spans": gold,
    }


def seeds() -> None:
    analysis = analyze([SEEDS])
    source = {a.id: Path(a.source).name[:3] for a in analysis.articles}
    got = [{source[a] for a in e.articles} for e in analysis.events]
    ok = sorted(map(sorted, got)) == sorted(map(sorted, SEED_GROUPS))
    shown = "; ".join("+".join(sorted(g)) for g in sorted(got, key=min))
    print("| seeds | grouping | as expected |")
    print("| --- | --- | --- |")
    print(f"| 5 real pages, no front matter | {shown} | {'yes' if ok else 'no'} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="events,align,loaded,seeds", help="comma-separated measures")
    parser.add_argument("--details", action="store_true", help="list every missed and wrong alignment")
    parser.add_argument("--save", action="store_true", help="save the held-out figures the report quotes")
    args = parser.parse_args()
    if not DEV.is_dir():
        sys.exit(f"real_data: {DEV} is not beside this checkout")
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        for name, run in (
            ("events", lambda: events(Path(tmp))),
            ("align", lambda: align(Path(tmp), args.details)),
            ("loaded", lambda: loaded(Path(tmp), args.save)),
            ("seeds", seeds),
        ):
            if name in only:
                run()
                print(flush=True)


if __name__ == "__main__":
    main()

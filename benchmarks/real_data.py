"""Quality on real, human-annotated news: the development halves in ../shared/dev-data and the seeds.

    python benchmarks/real_data.py [--only events,align,loaded,seeds] [--details]

Runs the tool (default options, no hints) on each set and scores it with the data's own scorers
(`score.py`, `align/score_pairs.py`), then prints one markdown table per measure. These are the
figures the README reports; tune on these folders only (held-out halves and other sets are
scored elsewhere).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from analyzer import analyze, render

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev-data"
SEEDS = ROOT.parent / "shared" / "seeds"
EVENT_SETS = {  # name → folder whose subfolders are the gold events
    "AllSides": DEV / "events" / "allsides",
    "NewsWCL50": DEV / "events" / "newswcl50",
    "BASIL": DEV / "loaded" / "basil",
}
LOADED_SETS = {"PTC": DEV / "loaded" / "ptc", "BASIL": DEV / "loaded" / "basil"}
ALIGN_GOLD = DEV / "align" / "basil-pairs.json"
# The seeds' gold grouping, from their README: 000, 001 and 004 report one visit.
SEED_GROUPS = [{"000", "001", "004"}, {"002"}, {"003"}]


def _analysis_json(paths: list[Path], tmp: Path, name: str) -> Path:
    out = tmp / name
    render(analyze(paths, jobs=2), out, formats=["json"])
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
    print("| same-fact pairs (real stories) | precision | recall | F1 |")
    print("| --- | --- | --- | --- |")
    name = f"BASIL pairs ({len(folders)} stories × 3 outlets)"
    print(f"| {name} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} |")
    if details:
        args = [sys.executable, str(DEV / "align" / "score_pairs.py"), str(analysis), str(ALIGN_GOLD), "--details"]
        print(subprocess.run(args, capture_output=True, text=True).stdout)


def loaded(tmp: Path) -> None:
    print("| loaded language (real, human-marked) | precision | recall | F1 | voice flags | gold spans |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, folder in LOADED_SETS.items():
        s = _score(str(DEV / "score.py"), "spans", str(_analysis_json([folder], tmp, f"loaded-{name}")), str(folder))
        print(
            f"| {name} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} "
            f"| {s['voice_flags']} | {s['gold_spans']} |"
        )


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
    args = parser.parse_args()
    if not DEV.is_dir():
        sys.exit(f"real_data: {DEV} is not beside this checkout")
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        for name, run in (
            ("events", lambda: events(Path(tmp))),
            ("align", lambda: align(Path(tmp), args.details)),
            ("loaded", lambda: loaded(Path(tmp))),
            ("seeds", seeds),
        ):
            if name in only:
                run()
                print(flush=True)


if __name__ == "__main__":
    main()

"""Who is called what, scored on NewsWCL50's hand-coded mentions (dev-data/events/newswcl50).

    python benchmarks/actors.py [--details]

Each event folder is analysed alone (five outlets, one story). The gold codes every mention of
the event's main concepts; a mention's *label* is what is left of it without the actor's name,
honorifics and articles ("North Korean leader Kim Jong Un" → "north korean leader", "The
president" → "president", "Mr. Trump" → nothing: a name is no label).

- recall: of the labels the gold gives each of a folder's TOP_ACTORS most mentioned actors
  (ACTOR: a person, GROUP: an organisation) in each outlet, the share the tool lists for that actor and outlet;
- precision: of the labels the tool lists for the actors the gold codes (any of its ACTOR and
  GROUP concepts; the gold is silent on the others), the share that match a label of a gold
  mention of that actor in that outlet's article.

Labels match when one contains the other, compared as lower-case words. A gold mention that
names someone else is no label of the actor (see `label_of`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from analyzer import analyze
from analyzer.model import Analysis

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "dev-data" / "events" / "newswcl50"
ACTOR_TYPES = {"ACTOR", "GROUP"}  # one person or one organisation (ACTOR-I codes several people)
MENTION_TYPES = ACTOR_TYPES | {"ACTOR-I", "COUNTRY"}
TOP_ACTORS = 3  # the actors of a story a reader compares: its most mentioned ones
# Words that are never part of a name: honorifics, articles, and titles that precede a name.
NOT_NAME = {
    "mr", "mrs", "ms", "dr", "the", "a", "an", "president", "leader", "minister", "secretary", "director",
    "chairman", "senator", "sen", "rep", "gov", "governor", "king", "queen", "general", "gen", "chancellor",
    "premier", "prime", "chief", "dictator", "vice", "attorney", "speaker", "judge", "justice", "ambassador",
}  # fmt: skip
DROP = {"mr", "mrs", "ms", "dr", "the", "a", "an", "'s", "’s"}
WORD = re.compile(r"[\w.'’-]+")


def key_word(code_name: str) -> str:
    """The word that names a concept in its mentions: "PRK\\Jong Un" → "un"."""
    return code_name.split("\\")[-1].split()[-1].lower()


def label_of(mention: str, key: str) -> str:
    """`mention` without the actor's name (the run of capitalised words, titles aside, around
    `key`), honorifics and articles; "" when only a name is left, or when what is left ends in
    another full name: a mention by a member's name ("former campaign chairman Paul Manafort", coded
    as a mention of a party) names that member, and its words describe him, not the group."""
    words = WORD.findall(mention)
    lows = [w.lower().strip(".") for w in words]
    forms = [w.split("-")[0] for w in lows]  # "Jae-in" is written for the key "jae"
    if key in forms:
        at = forms.index(key)
        lo = at
        while lo > 0 and words[lo - 1][:1].isupper() and lows[lo - 1] not in NOT_NAME:
            lo -= 1
        hi = at + 1
        while hi < len(words) and (
            words[hi][:1].isupper()
            and lows[hi] not in NOT_NAME
            or lows[hi] == "of"
            and words[hi + 1 : hi + 2] != []
            and words[hi + 1][:1].isupper()
        ):
            hi += 1  # "Vladimir V. Putin of Russia": a name with its place
        words, lows = words[:lo] + words[hi:], lows[:lo] + lows[hi:]
    elif all(w[:1].isupper() and low not in NOT_NAME for w, low in zip(words, lows, strict=True) if low not in DROP):
        return ""  # another name of the actor ("Kim", "Pyongyang")
    if len(words) > 1 and all(
        w[:1].isupper() and low not in NOT_NAME for w, low in zip(words[-2:], lows[-2:], strict=True)
    ):
        return ""  # named by another full name: a member's
    return " ".join(w for w in lows if w and w not in DROP)


def _matches(a: str, b: str) -> bool:
    if not a or not b:
        return False
    a, b = f" {a} ", f" {b} "
    return a in b or b in a


def _norm(label: str) -> str:
    return " ".join(w for w in (x.lower().strip(".") for x in WORD.findall(label)) if w and w not in DROP)


def score_folder(folder: Path, analysis: Analysis) -> tuple[Counter, list[str]]:
    """Counts (found, gold, right, listed) for one event folder, and lines describing misses."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    spans = [s for s in gold["spans"] if s["code_type"] in MENTION_TYPES]
    counts = Counter(s["code_name"] for s in spans if s["code_type"] in ACTOR_TYPES)
    top = [name for name, _ in counts.most_common(TOP_ACTORS)]
    outlet_file = {a.outlet: Path(a.source).name for a in analysis.articles}
    # file → concept → labels of its mentions there
    labels: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s in spans:
        label = label_of(s["text"], key_word(s["code_name"]))
        if label:
            labels[s["file"]][s["code_name"]].add(label)
    tally: Counter = Counter()
    notes = []
    for actor in analysis.actors:
        concept = next((c for c in counts if key_word(c) in _norm(actor.name).split()), None)
        if concept is None:
            continue  # an actor the gold does not code: it is silent on its labels
        for outlet, listed in actor.labels.items():
            wanted = labels.get(outlet_file.get(outlet, ""), {}).get(concept, set())
            for label in listed:
                tally["listed"] += 1
                if any(_matches(_norm(label), g) for g in wanted):
                    tally["right"] += 1
                else:
                    notes.append(f"{folder.name} {outlet}: {actor.name} called “{label}”: not in the gold")
    for concept in top:
        tool = [a for a in analysis.actors if key_word(concept) in _norm(a.name).split()]
        for outlet, file in outlet_file.items():
            listed = {_norm(lab) for a in tool for lab in a.labels.get(outlet, [])}
            for g in sorted(labels.get(file, {}).get(concept, set())):
                tally["gold"] += 1
                if any(_matches(t, g) for t in listed):
                    tally["found"] += 1
                else:
                    notes.append(f"{folder.name} {outlet}: {concept} called “{g}”: missed")
    return tally, notes


def score(folders: Iterable[Path] = ()) -> tuple[dict[str, float], list[str]]:
    """Precision and recall of the labels over the folders (default: every NewsWCL50 dev folder)."""
    total: Counter = Counter()
    notes: list[str] = []
    for folder in sorted(folders) or sorted(p for p in GOLD.iterdir() if (p / "gold.json").exists()):
        tally, lines = score_folder(folder, analyze([folder]))
        total += tally
        notes += lines
    precision = total["right"] / total["listed"] if total["listed"] else 0.0
    recall = total["found"] / total["gold"] if total["gold"] else 0.0
    return {"precision": precision, "recall": recall, "listed": total["listed"], "gold": total["gold"]}, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="list each wrong and missed label")
    args = parser.parse_args()
    figures, notes = score()
    print("| actor labels (NewsWCL50 dev, 5 stories × 5 outlets) | precision | recall | labels listed | gold labels |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f"| top {TOP_ACTORS} actors a story | {figures['precision']:.2f} | {figures['recall']:.2f} "
        f"| {figures['listed']} | {figures['gold']} |"
    )
    if args.details:
        print("\n".join(notes), file=sys.stderr)


if __name__ == "__main__":
    main()

"""Which features of a lexicon match help the context model decide, on held-out real news.

    python benchmarks/context_features.py

Collects every outlet-voice lexicon match of the dev loaded-language sets (PTC, BASIL) once, then
fits the context model (`analyzer.context_train`'s regression, thresholds and span counting) with
each feature set below and scores it on articles held out of the fit: grouped 5-fold, BASIL's
three outlets of a story always on one side, three shuffled splits averaged, the stance and broad
thresholds chosen for the best mean F1 of the two sets, the curated veto fixed. The first row is
the shipped feature set; each other row adds (or takes away) one kind of evidence. A difference
under about 0.01 of mean F1 is the spread of the splits, not a finding. Then, for the shipped
features: the best thresholds with the broad tier on and off (what meeting one set's target costs
the other), and precision and recall at one threshold for every match (how far ranking the
lexicon's matches can go at all).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from sklearn.feature_extraction import DictVectorizer

from analyzer import api, lexicons
from analyzer.context import features, group
from analyzer.context_train import CURATED_VETO, THRESHOLDS, _held_out, _key, _Scorer, best_thresholds, gold_of
from analyzer.framing import candidates
from analyzer.options import AnalysisOptions
from analyzer.segment import words

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "dev-data" / "loaded"
SETS = {"PTC": (DEV / "ptc", False), "BASIL": (DEV / "basil", True)}  # folder, split by story
SPLITS = 3
OFF = 1.01  # a threshold no probability reaches: the tier flags nothing
FIRST_PERSON = frozenset("i me my we us our ours".split())
DETERMINERS = frozenset("the a an this that these those his her their its our".split())


@dataclass
class Match:
    words: list[str]
    i: int
    length: int
    entry: lexicons.Entry
    sentence: str
    quoted_speech: bool  # the sentence holds quoted speech elsewhere
    index: int  # the sentence's place in its article
    others: int  # other outlet-voice matches in the sentence


def collect() -> tuple[list[Match], SimpleNamespace, np.ndarray, np.ndarray]:
    """Every outlet-voice match, the span bookkeeping `_Scorer` reads, labels and split groups."""
    matches, folder, spans, labels, split = [], [], [], [], []
    gold_counts = []
    lexicon, options = lexicons.builtin(), AnalysisOptions()
    for n, (path, by_story) in enumerate(SETS.values()):
        gold = gold_of(path)
        gold_counts.append(sum(len(v) for v in gold.values()))
        analysis = api.analyze([path], options, jobs=2)
        key_of = {a.id: _key(a.source, path) for a in analysis.articles}
        for s in analysis.sentences:
            key = key_of[s.article]
            texts = words(s.text)
            found = [c for c in candidates(s, lexicon, words=texts, options=options.flags) if not c.quoted]
            for c in found:
                a, b = s.start + c.start, s.start + c.end
                hit = tuple(f"{n}/{key}/{k}" for k, g in enumerate(gold.get(key, [])) if a < g[1] and g[0] < b)
                matches.append(Match(texts, c.word, c.length, c.entry, s.text, bool(s.quotes), s.index, len(found) - 1))
                folder.append(n)
                spans.append(hit)
                labels.append(bool(hit))
                split.append(f"{n}/{key.split('/')[0] if by_story else key}")
    book = SimpleNamespace(gold_counts=gold_counts, folder=folder, spans=spans)
    return matches, book, np.array(labels), np.array(split)


def shipped(m: Match) -> dict[str, float]:
    return features(m.words, m.i, m.length, m.entry, headline=False)


def _with(extra: Callable[[Match], list[str]]) -> Callable[[Match], dict[str, float]]:
    def f(m: Match) -> dict[str, float]:
        out = shipped(m)
        out.update(dict.fromkeys(extra(m), 1.0))
        return out

    return f


def _without_term(m: Match) -> dict[str, float]:
    return {k: v for k, v in shipped(m).items() if not k.startswith("term=")}


def _part_of_speech(m: Match) -> list[str]:
    from textblob.en import tag  # a development extra: the shipped model does not read it

    tags = [t for _, t in tag(" ".join(m.words), tokenize=False)]
    if len(tags) != len(m.words):
        return []
    last = m.i + m.length - 1
    after = tags[last + 1][:2] if last + 1 < len(tags) else "end"
    return [f"pos={tags[last][:2]}", f"next_pos={after}"]


VARIANTS: dict[str, Callable[[Match], dict[str, float]]] = {
    "shipped features": shipped,
    "without the word itself (term=)": _without_term,
    "+ other matches in the sentence (0-3)": _with(lambda m: [f"others={min(m.others, 3)}"]),
    "+ '!' or '?' in the sentence": _with(lambda m: [p for p in "!?" if p in m.sentence]),
    "+ first person in the sentence": _with(lambda m: ["first"] if FIRST_PERSON & {w.lower() for w in m.words} else []),
    "+ quoted speech in the sentence": _with(lambda m: ["speech"] if m.quoted_speech else []),
    "+ place in the article (0-3)": _with(lambda m: [f"place={min(m.index, 3)}"]),
    "+ determiner before": _with(lambda m: ["det"] if m.i and m.words[m.i - 1].lower() in DETERMINERS else []),
    "+ part of speech, and the next word's (TextBlob)": _with(_part_of_speech),
}


def _cells(scores) -> str:
    return " | ".join(f"{p:.3f} | {r:.3f} | {f:.3f}" for p, r, f in scores)


def main() -> None:
    matches, book, y, split = collect()
    scorer = _Scorer(book)
    folder = np.array(book.folder)
    weight = np.array([len(y) / (len(SETS) * np.sum(folder == f)) for f in folder])
    groups = np.array([group(m.entry) for m in matches])
    names = list(SETS)
    header = " | ".join(f"{n} P | {n} R | {n} F1" for n in names)
    print(f"{len(matches):,} outlet-voice matches; gold spans {dict(zip(names, book.gold_counts, strict=True))}\n")
    print(f"| features | {header} | mean F1 |")
    print("| --- " * (1 + 3 * len(names) + 1) + "|")
    fitted = [{"curated": CURATED_VETO, "stance": s, "broad": b} for s in THRESHOLDS for b in THRESHOLDS]
    runs_of = {}
    for name, variant in VARIANTS.items():
        x = DictVectorizer().fit_transform([variant(m) for m in matches])
        runs_of[name] = [_held_out(x, y, weight, split, seed) for seed in range(SPLITS)]
        _, scores = best_thresholds(scorer, runs_of[name], groups, fitted)
        print(f"| {name} | {_cells(scores)} | {np.mean([s[2] for s in scores]):.3f} |", flush=True)
    runs = runs_of["shipped features"]
    print(f"\n| shipped features, thresholds (curated, stance, broad) | {header} |")
    print("| --- " * (1 + 3 * len(names)) + "|")
    for curated, broad in ((CURATED_VETO, THRESHOLDS), (CURATED_VETO, (OFF,)), (0.10, (OFF,))):
        settings = [{"curated": curated, "stance": s, "broad": b} for s in THRESHOLDS for b in broad]
        t, scores = best_thresholds(scorer, runs, groups, settings)
        shown = "off" if t["broad"] == OFF else f"{t['broad']:.2f}"
        print(f"| {t['curated']:.2f}, {t['stance']:.2f}, {shown} | {_cells(scores)} |")
    print(f"\n| shipped features, one threshold for every match | {header} |")
    print("| --- " * (1 + 3 * len(names)) + "|")
    for t in (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5):
        print(f"| {t:.2f} | {_cells(scorer(runs[0] >= t))} |")


if __name__ == "__main__":
    main()

"""Measure an analysis against a hand-annotated `gold.json` (the format of `corpus/*/gold.json`).

Gold names articles by file name (without extension) and sentences by a prefix of their text
that is unique in the article. Alignment is scored pairwise: every two sentences of different
outlets that state one gold fact are a gold pair.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .model import Analysis, Article, ArticleInfo, Sentence


class GoldError(ValueError):
    """The gold file does not fit the analysed corpus (unknown article, ambiguous prefix)."""


@dataclass(frozen=True)
class Score:
    """Precision over what was predicted, recall over what was expected. `found` counts the
    expected items that were hit when that differs from the correct predictions (two flags can
    hit one gold term); it defaults to `true_positives`."""

    true_positives: int
    predicted: int
    expected: int
    found: int | None = None

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        hit = self.true_positives if self.found is None else self.found
        return hit / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        """Both scores pooled (micro-averaged): counts add up."""
        found = (self.found if self.found is not None else self.true_positives) + (
            other.found if other.found is not None else other.true_positives
        )
        return Score(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.expected + other.expected,
            found,
        )

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "expected": self.expected,
        }


@dataclass(frozen=True)
class Evaluation:
    alignment: Score
    cross_event_pairs: int
    events_exact: bool
    flags: Score | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "alignment": self.alignment.as_dict(),
            "cross_event_pairs": self.cross_event_pairs,
            "events_exact": self.events_exact,
            "flags": self.flags.as_dict() if self.flags else None,
        }


def _article_ids(articles: Sequence[ArticleInfo | Article], gold: dict[str, Any]) -> dict[str, str]:
    names = {a for ev in gold.get("events", []) for a in ev["articles"]}
    names |= {a for fact in gold.get("facts", []) for a in fact["sentences"]}
    names |= {item["article"] for key in ("loaded", "quoted", "headlines") for item in gold.get(key, [])}
    ids = {}
    for name in names:
        hits = [a.id for a in articles if a.id == name or a.id.endswith("/" + name)]
        if len(hits) != 1:
            raise GoldError(f"gold article {name!r} matches {len(hits)} analysed articles")
        ids[name] = hits[0]
    return ids


def _sentence(by_article: dict[str, list[Sentence]], article: str, prefix: str) -> str:
    hits = [s.id for s in by_article.get(article, []) if s.text.startswith(prefix)]
    if len(hits) != 1:
        raise GoldError(f"{article}: prefix {prefix!r} matches {len(hits)} sentences")
    return hits[0]


def gold_pairs(analysis: Analysis, gold: dict[str, Any]) -> set[frozenset[str]]:
    return gold_sentence_pairs(analysis.articles, analysis.sentences, gold)


def gold_sentence_pairs(
    articles: Sequence[ArticleInfo | Article], sentences: Iterable[Sentence], gold: dict[str, Any]
) -> set[frozenset[str]]:
    """Every two sentences of one gold fact from different outlets, as pairs of sentence ids."""
    ids = _article_ids(articles, gold)
    outlet = {a.id: a.outlet for a in articles}
    by_article: dict[str, list[Sentence]] = {}
    for s in sentences:
        by_article.setdefault(s.article, []).append(s)
    pairs = set()
    for fact in gold.get("facts", []):
        members = []
        for name, prefixes in fact["sentences"].items():
            for prefix in [prefixes] if isinstance(prefixes, str) else prefixes:
                members.append((outlet[ids[name]], _sentence(by_article, ids[name], prefix)))
        for (oa, a), (ob, b) in itertools.combinations(members, 2):
            if oa != ob:
                pairs.add(frozenset((a, b)))
    return pairs


def evaluate(analysis: Analysis, gold: dict[str, Any]) -> Evaluation:
    ids = _article_ids(analysis.articles, gold)
    article_of = {s.id: s.article for s in analysis.sentences}
    gold_event = {ids[a]: n for n, ev in enumerate(gold.get("events", [])) for a in ev["articles"]}
    expected = gold_pairs(analysis, gold)
    predicted = {
        frozenset((al.a, al.b))
        for al in analysis.alignments
        if article_of[al.a] in gold_event and article_of[al.b] in gold_event
    }
    cross = sum(1 for p in predicted if len({gold_event[article_of[s]] for s in p}) > 1)
    tp = len(predicted & expected)
    return Evaluation(
        alignment=Score(tp, len(predicted), len(expected)),
        cross_event_pairs=cross,
        events_exact=_events_exact(analysis, gold_event),
        flags=_flag_score(analysis, gold, ids),
    )


def _events_exact(analysis: Analysis, gold_event: dict[str, int]) -> bool:
    found = {frozenset(a for a in e.articles if a in gold_event) for e in analysis.events}
    wanted: dict[int, set[str]] = {}
    for art, n in gold_event.items():
        wanted.setdefault(n, set()).add(art)
    return {frozenset(v) for v in wanted.values()} == found - {frozenset()}


def _flag_score(analysis: Analysis, gold: dict[str, Any], ids: dict[str, str]) -> Score | None:
    """Loaded terms in outlet voice (body text): a flag hits a gold term when it overlaps it in
    the same article."""
    if "loaded" not in gold:
        return None
    wanted = _gold_spans(analysis, gold["loaded"], ids)
    starts = {s.id: s.start for s in analysis.sentences}
    articles = set(ids.values())
    got = [
        (f.article, starts[f.sentence] + f.start, starts[f.sentence] + f.end)
        for f in analysis.flags
        if not f.quoted and f.article in articles
    ]
    hits = sum(1 for g in got if any(_overlaps(w, g) for w in wanted))
    found = sum(1 for w in wanted if any(_overlaps(w, g) for g in got))
    return Score(hits, len(got), len(wanted), found)


def _gold_spans(analysis: Analysis, items: Iterable[dict[str, Any]], ids: dict[str, str]) -> list[tuple[str, int, int]]:
    """Body offsets of each gold term (its occurrences in the article's kept sentences)."""
    spans = []
    for item in items:
        art = ids[item["article"]]
        found = False
        for s in analysis.sentences:
            if s.article != art:
                continue
            pos = s.text.find(item["text"])
            while pos >= 0:
                spans.append((art, s.start + pos, s.start + pos + len(item["text"])))
                found = True
                pos = s.text.find(item["text"], pos + 1)
        if not found:
            raise GoldError(f"{item['article']}: gold term {item['text']!r} is in no sentence")
    return spans


def _overlaps(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def pooled(results: Iterable[Evaluation]) -> Evaluation:
    """Several gold sets as one: counts added up, events exact only when every set's are."""
    results = list(results)
    flags = [r.flags for r in results if r.flags]
    return Evaluation(
        alignment=sum((r.alignment for r in results[1:]), results[0].alignment),
        cross_event_pairs=sum(r.cross_event_pairs for r in results),
        events_exact=all(r.events_exact for r in results),
        flags=sum(flags[1:], flags[0]) if flags else None,
    )

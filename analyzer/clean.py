"""Take page noise out of article bodies, recording each removal with its reason and offsets.

Three sources of evidence:
1. a curated list of patterns for kinds of noise (package data `data/boilerplate.tsv`): share
   rows, teasers, comment forms, cookie notices, app and newsletter prompts, photo credits, …;
2. the article itself: its headline repeated in the body, a line it repeats, a dateline prefix;
3. the corpus: a short line that recurs in several articles of one outlet, or across outlets,
   is a page template, not news.
Cleaning never removes a long line or one that carries quoted speech: those carry the story.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .model import Article, Removal
from .segment import Span, quote_spans

# No pattern removes a line longer than this many words: the longest noise line in the seed
# pages (a cookie notice) has 25; story paragraphs are longer.
PATTERN_MAX_WORDS = 40
# A recurring line is page template only if it is short: shared wire sentences and quotes that
# several outlets reproduce are longer than this (the shortest shared quote in our corpus: 9).
RECURRING_MAX_WORDS = 12
# How many articles must carry the same line for it to count as recurring.
RECURRING_SAME_OUTLET = 2
RECURRING_ANY_OUTLETS = 3

# "MOSCOW: ", "WASHINGTON (AP) — ", "BEIJING, May 16 (Reuters) - ", "WASHINGTON ― " (a
# horizontal bar, as HuffPost writes it) and "Harlow — " (a place in title case counts only
# before a dash, since "Harlow: " may begin a real sentence).
DASHES = "—–―"
DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-Z][A-Z.'’ -]{2,30}(?:,\s*[A-Z][\w.]+(?:\s[A-Z\d][\w.]*){0,2})?"
    rf"(?:\s*\([\w .&-]{{1,20}}\))?\s*(?::|[{DASHES}]|-{{1,2}})"
    rf"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:\s*\([\w .&-]{{1,20}}\))?\s*[{DASHES}])\s+)(?=[A-Z“\"‘])"
)


@dataclass(frozen=True)
class Cleaned:
    """What is left of one article: kept spans of its body, and what was removed."""

    article: str
    kept: tuple[Span, ...]
    removed: tuple[Removal, ...]


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = resources.files("analyzer.data").joinpath("boilerplate.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line.strip()]
    return tuple((reason, re.compile(pattern, re.I)) for reason, pattern in rows)


@lru_cache(maxsize=1)
def _pattern_plan() -> tuple[re.Pattern[str], tuple[bool, ...]]:
    """The patterns not tied to the start of a line as one (a line none of them matches skips
    them all: each alone scans every position of the line, while ^-anchored ones fail at
    once), and whether each pattern of `patterns()` is tied to the start."""
    anchored = tuple(p.pattern.startswith("^") for _, p in patterns())
    loose = [p.pattern for (_, p), tied in zip(patterns(), anchored, strict=True) if not tied]
    return re.compile("|".join(f"(?:{p})" for p in loose) or "(?!)", re.I), anchored


def clean_corpus(articles: Sequence[Article]) -> dict[str, Cleaned]:
    """Clean every article; recurring lines are judged over the whole corpus."""
    recurring = recurring_lines(articles)
    return {a.id: clean_article(a, recurring=recurring) for a in articles}


def clean_article(article: Article, *, recurring: frozenset[str] = frozenset()) -> Cleaned:
    body = article.body
    kept: list[Span] = []
    removed: list[Removal] = []
    title_key = _key(article.title)
    seen: set[str] = set()
    for start, end in _lines(body):
        line = body[start:end]
        key = _key(line)
        reason = _line_reason(line, key, title_key, recurring, seen)
        seen.add(key)
        if reason:
            removed.append(Removal(article.id, start, end, line, reason))
            continue
        m = DATELINE.match(line)
        if m:
            cut = start + m.end("dateline")
            removed.append(Removal(article.id, start, cut, body[start:cut], "dateline"))
            start = cut
        kept.append(Span(start, end))
    return Cleaned(article.id, tuple(kept), tuple(removed))


def _line_reason(line: str, key: str, title_key: str, recurring: frozenset[str], seen: set[str]) -> str | None:
    stripped = line.strip()
    n_words = len(stripped.split())
    if key and key == title_key:
        return "headline repeated"
    if key in seen and n_words <= PATTERN_MAX_WORDS * 2:
        return "repeated line"
    if n_words <= PATTERN_MAX_WORDS:
        union, anchored = _pattern_plan()
        loose = union.search(stripped) is not None
        for (reason, pattern), tied in zip(patterns(), anchored, strict=True):
            if (loose or tied) and pattern.search(stripped):
                return reason
    if key in recurring:
        return "recurring page text"
    return None


def recurring_lines(articles: Sequence[Article]) -> frozenset[str]:
    """Keys of the short lines that recur across the corpus's articles (page templates)."""
    by_line: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for art in articles:
        for start, end in _lines(art.body):
            line = art.body[start:end]
            if len(line.split()) > RECURRING_MAX_WORDS or quote_spans(line):
                continue
            by_line[_key(line)].add((art.outlet, art.id))
    out = set()
    for key, hits in by_line.items():
        if not key:
            continue
        per_outlet: dict[str, int] = defaultdict(int)
        for outlet, _ in hits:
            per_outlet[outlet] += 1
        if max(per_outlet.values()) >= RECURRING_SAME_OUTLET or (
            len(hits) >= RECURRING_ANY_OUTLETS and len(per_outlet) >= 2
        ):
            out.add(key)
    return frozenset(out)


def _lines(body: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding white space."""
    out, pos = [], 0
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _key(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.lower()))

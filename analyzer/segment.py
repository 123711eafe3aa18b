"""Sentences, word tokens and quoted-speech spans, with character offsets, fully offline.

Sentences come from sentencex (measured in OFFLINE-NLP.md: 3 errors on hand-checked news text,
~670,000 sentences/s) followed by three repairs that our own test set
(tests/fixtures/segmentation.txt) showed it needs: a break after a known abbreviation is undone,
a piece that starts lower-case is joined back (`"Get out!" | shouted`), and a short speaker tag
after a quoted question or exclamation is joined back (`"Why now?" | Lee asked.`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import sentencex

from .language import ENGLISH, Language
from .model import Article, Sentence

WORD = re.compile(
    r"\$?\d+(?:[.,:]\d+)*(?:%|st|nd|rd|th)?"  # numbers: 5-4 splits, $2.1, 1,200, 4%, 10:30
    r"|[^\W\d_]+(?:\.[^\W\d_]+\.?)+"  # dotted abbreviations: U.S., a.m.
    r"|\w+(?:['’\-]\w+)*",  # words with inner apostrophes and hyphens
)
OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
QUOTE_MARK = re.compile(f'[{OPEN_QUOTES}{CLOSE_QUOTES}"]')
# The first this-many sentences of an article are its lead, the last fifth its end: where a
# fact sits tells whether an outlet led with it or buried it.
LEAD_SENTENCES = 2
END_SHARE = 0.8
EARLY_TIME = re.compile(r"(?:^|\s)\d{1,2}(?::\d\d)?\s*[ap]\.m\.$", re.I)
CALENDAR = re.compile(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


class Span(NamedTuple):
    """[start, end) character offsets (a tuple: millions are made, and a tuple is cheap)."""

    start: int
    end: int


@lru_cache(maxsize=4)
def _speaker_tag(language: Language) -> re.Pattern[str]:
    """A speaker tag after a quoted question or exclamation ("Mr. Lee asked.")."""
    return re.compile(rf"^(?:[A-Z][\w.'’-]*\s+){{1,4}}(?:{language.speech})\b[^.!?]{{0,40}}[.!?]?$")


def sentence_spans(text: str, start: int = 0, end: int | None = None, language: Language = ENGLISH) -> list[Span]:
    """Sentence spans of `text[start:end]` (offsets into `text`), trimmed of white space.

    Line breaks always end a sentence: a paragraph is never merged with the next one.
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            spans.extend(_line_sentences(text, pos, pos + len(line), language))
        pos += len(line) + 1
    return spans


def _line_sentences(text: str, start: int, end: int, language: Language) -> list[Span]:
    line = text[start:end]
    boundaries = sentencex.get_sentence_boundaries(language.code, line)
    pieces = [(start + b["start_index"], start + b["end_index"]) for b in boundaries]
    merged: list[list[int]] = []
    for s, e in pieces:
        if merged and _joins(text[merged[-1][0] : merged[-1][1]], text[s:e], language):
            merged[-1][1] = e
        else:
            merged.append([s, e])
    return [_trim(text, s, e) for s, e in merged if text[s:e].strip()]


def _joins(previous: str, piece: str, language: Language) -> bool:
    """Whether a break between `previous` and `piece` is a false one."""
    prev, nxt = previous.rstrip(), piece.strip()
    if not nxt:
        return True
    if nxt[0].islower() or nxt[0] in ",;:)—–":
        return True
    last = prev.split()[-1] if prev.split() else ""
    if last.endswith(".") and last[:-1].lower().lstrip("(") in language.abbreviations:
        return True
    if EARLY_TIME.search(prev) and CALENDAR.match(nxt):
        return True
    return prev.endswith(('?"', '!"', "?”", "!”")) and bool(_speaker_tag(language).match(nxt))


def _trim(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e)


def word_spans(text: str) -> list[Span]:
    """Word and number tokens (punctuation dropped) with offsets into `text`."""
    return [Span(m.start(), m.end()) for m in WORD.finditer(text)]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def quote_spans(text: str) -> list[Span]:
    """Spans of quoted speech in `text`, quote marks included.

    Understands curly (“…”), guillemet and straight (") double quotes; a quote left open at the
    end of a paragraph continues when the next paragraph opens with a quote mark (news style for
    quotes running over several paragraphs), and otherwise ends with its paragraph. Single curly
    quotes (‘…’) count only when they open before a word and close after one, so apostrophes
    (don’t, the board’s) are never taken for quotes.
    """
    spans: list[Span] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None
    for index, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        if open_at is not None:  # a quote carried over from the previous paragraph
            if text[p_start:p_end].lstrip()[:1] in OPEN_QUOTES + '"':
                open_at = p_start
                i = p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())) + 1
            else:
                open_at = None
        for mark in QUOTE_MARK.finditer(text, i, p_end):  # only the quote marks matter
            ch, at = mark.group(), mark.start()
            if open_at is None and (ch in OPEN_QUOTES or ch == '"'):
                open_at = at
            elif open_at is not None and (ch in CLOSE_QUOTES or ch == '"'):
                spans.append(Span(open_at, at + 1))
                open_at = None
        if open_at is not None:
            spans.append(Span(open_at, p_end))
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if nxt is None or text[nxt[0] : nxt[1]].lstrip()[:1] not in OPEN_QUOTES + '"':
                open_at = None
    spans.extend(_single_quotes(text))
    return sorted(_drop_nested(spans), key=lambda s: s.start)


SINGLE_QUOTE = re.compile(r"(?<![\w’'])‘(?=\w)[^‘’\n]{1,400}?(?<=[\w.,!?])’(?!\w)")


def _single_quotes(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in SINGLE_QUOTE.finditer(text)]


def _drop_nested(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def inside(spans: list[Span] | tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `spans` (Span objects or (start, end) pairs)."""
    for s, e in spans:
        if s <= start and end <= e:
            return True
    return False


def segment_article(article: Article, kept: Sequence, language: Language = ENGLISH) -> list[Sentence]:
    """Sentences of the kept spans of `article`, with quoted speech and position marked."""
    body = article.body
    quotes = quote_spans(body)  # sorted and disjoint, so their ends are sorted too
    ends = [q.end for q in quotes]
    spans = [s for k in kept for s in sentence_spans(body, k.start, k.end, language)]
    out = []
    for index, span in enumerate(spans):
        local = []
        n = bisect.bisect_right(ends, span.start)
        while n < len(quotes) and quotes[n].start < span.end:
            q = quotes[n]
            local.append((max(q.start, span.start) - span.start, min(q.end, span.end) - span.start))
            n += 1
        out.append(
            Sentence(
                id=f"{article.id}:{index}",
                article=article.id,
                index=index,
                start=span.start,
                end=span.end,
                text=body[span.start : span.end],
                quotes=tuple(local),
                position=_position(index, len(spans)),
            )
        )
    return out


def _position(index: int, total: int) -> str:
    if index < LEAD_SENTENCES:
        return "lead"
    if total > LEAD_SENTENCES + 2 and index >= total * END_SHARE:
        return "end"
    return "body"

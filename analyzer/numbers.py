"""Quantities in sentences, and how outlets state the same fact's numbers differently.

"$1.2 million a year" and "$100,000 a month" are one quantity framed two ways; "about 150
people" and "a few dozen protesters" disagree; "some 640" hedges what another states exactly.
Figures are compared per year where a rate is given (a month is 12, a week 52, a day 365).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Fact, FactNumbers, Finding, Mention, Quantity, Sentence

SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9}
PER_YEAR = {"year": 1, "annually": 1, "month": 12, "week": 52, "day": 365}
HEDGES = (
    "about|some|nearly|almost|roughly|around|approximately|approx\\.|an estimated|estimated|up to|"
    "more than|over|at least|fewer than|less than|under|just|only|as many as|as few as"
)
# A figure, found from its number; the hedge before it is looked for only where a figure is
# (an optional hedge opening the pattern made the scan try every hedge at every position).
QUANTITY = re.compile(
    r"(?P<currency>[$€£])?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|bn|mn|k|m|b)\b)?"
    r"(?:\s*(?P<percent>%|percent\b|per cent\b))?"
    r"(?:\s+(?!(?:a|an|per|every|each|the|this|that|of|in|on|to|and|or)\b)(?P<noun>[a-z]+(?:-[a-z]+)?))?"
    r"(?:[\s,]+(?:a|per|every|each)\s+(?P<per>year|month|week|day)\b|\s+(?P<annual>annually)\b)?",
    re.I,
)
HEDGE_BEFORE = re.compile(rf"\b(?:{HEDGES})\s+$", re.I)
LONGEST_HEDGE = max(len(h) for h in HEDGES.replace("\\", "").split("|"))
VAGUE = re.compile(
    r"\b(?P<text>(?:a few |several |many )?(?:dozens?|hundreds|thousands|tens of thousands|millions)"
    r")",
    re.I,
)
# A text without one of these words holds no vague quantity.
VAGUE_WORDS = ("dozen", "hundreds", "thousands", "millions")
MONTH_BEFORE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$")
# Two figures within this relative difference are the same quantity (rounding in the copy).
SAME_WITHIN = 0.02
# Figures of one unit further apart than this factor are different quantities (a total and a
# change, say), not two outlets disagreeing about one.
DISAGREE_WITHIN = 3
# Distinct figures of one fact compared pair by pair: the most widely stated ones. A fact of real
# news has a handful; 1,000 outlets each giving their own figure made 332,667 findings in pairs.
FIGURES_COMPARED = 50


def quantities(text: str) -> list[Quantity]:
    """Every quantity stated in `text` with its value per year where a rate is given."""
    out: list[Quantity] = []
    after_previous = 0
    for m in QUANTITY.finditer(text):
        hedge = _hedge_before(text, after_previous, m.start())
        after_previous = m.end()
        num = m.group("num")
        if re.fullmatch(r"(19|20)\d\d", num) and not m.group("currency"):
            continue  # a year
        if _part_of_tally_or_date(text, m.start("num"), m.end("num")) or MONTH_BEFORE.search(text[: m.start("num")]):
            continue
        value = float(num.replace(",", "")) * SCALE.get((m.group("scale") or "").lower(), 1)
        per = (m.group("per") or m.group("annual") or "").lower()
        counted = _counted_noun(
            text, m.end("percent") if m.group("percent") else m.end("scale") if m.group("scale") else m.end("num")
        )
        unit = m.group("currency") or ("%" if m.group("percent") else counted)
        if unit in ("cents", "cent"):
            unit, value = "$", value / 100
        out.append(
            Quantity(
                text=text[hedge.start() if hedge else m.start() : m.end()].strip(),
                value=value,
                unit=unit,
                per_year=value * PER_YEAR[per] if per else None,
                hedge=hedge.group(0).strip().lower() if hedge else None,
                vague=False,
            )
        )
    lower = text.lower()
    for m in VAGUE.finditer(text) if any(w in lower for w in VAGUE_WORDS) else ():
        unit = _counted_noun(text, _after_of(text, m.end("text")))
        out.append(Quantity(m.group("text").strip(), None, unit, None, None, True))
    return out


# Words that end the phrase after a number: what follows them is not what the number counts.
_PHRASE_END = frozenset(
    "a an per every each the this that these those of in on to and or at for from by with as than was were are is "
    "be been will would could can may might have has had who which since after before over under into out up down "
    "about more less fewer ago later earlier apiece".split()
)
_WORD_AFTER = re.compile(r"[ \t]+([a-z][a-z]*(?:-[a-z]+)*)\b")
COUNTED_MAX_WORDS = 3  # "80 large-scale solar projects": modifiers, then the noun


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _after_of(text: str, pos: int) -> int:
    """Past the "of" of "hundreds of", if there is one."""
    m = re.match(r"\s+of\b", text[pos:])
    return pos + m.end() if m else pos


def _counted_noun(text: str, pos: int) -> str:
    """The noun a number counts: the last of the lower-case words right after it, before a
    function word or punctuation ("80 large-scale projects across" → "projects"); none when the
    one word there is a verb or an adverb ("30 previewed", "12 only")."""
    words: list[str] = []
    while len(words) < COUNTED_MAX_WORDS:
        m = _WORD_AFTER.match(text, pos)
        if m is None or m.group(1) in _PHRASE_END or words and m.group(1).endswith(("ed", "ing")):
            break  # a function word, or the verb after the noun ("parents packed")
        words.append(m.group(1))
        pos = m.end()
        if _plural(m.group(1)):
            break  # numbers count plurals: "640 residents came" counts residents
    if not words or words[-1].endswith(("ed", "ing", "ly")) and len(words) == 1:
        return ""
    return words[-1]


def _hedge_before(text: str, start: int, end: int) -> re.Match[str] | None:
    """The hedge ("about", "more than") that ends right before a figure at `end`, not reaching
    back past `start` (the end of the previous figure)."""
    words_end = len(text[:end].rstrip())
    return HEDGE_BEFORE.search(text, max(start, words_end - LONGEST_HEDGE - 1), end)


def _part_of_tally_or_date(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    return before in "-:/" and before != "" or after in "-:/" and after != "" and text[end + 1 : end + 2].isdigit()


def compare_numbers(fact: Fact, sentences: dict[str, Sentence], outlet_of: dict[str, str]) -> FactNumbers | None:
    """The numbers each outlet gives for `fact`, and what differs between outlets (None when its
    sentences state none)."""
    mentions = tuple(
        Mention.of(outlet_of[sentences[sid].article], sid, q)
        for sid in fact.sentences
        for q in quantities(sentences[sid].text)
    )
    if not mentions:
        return None
    several = len({m.outlet for m in mentions}) > 1
    return FactNumbers(mentions, _findings(mentions) if several else ())


def _findings(mentions: Sequence[Mention]) -> tuple[Finding, ...]:
    """Differences between the figures outlets give. Mentions are first merged into distinct
    figures (a large event repeats one figure across hundreds of outlets), then each pair of
    figures is compared once, naming the first outlet of each that differ."""
    variants: dict[Quantity, list[str]] = {}
    for m in mentions:
        outlets = variants.setdefault(m.quantity, [])
        if m.outlet not in outlets:
            outlets.append(m.outlet)
    figures = list(variants.items())
    if len(figures) > FIGURES_COMPARED:  # the most widely stated figures, in order of appearance
        kept = sorted(sorted(range(len(figures)), key=lambda n: -len(figures[n][1]))[:FIGURES_COMPARED])
        figures = [figures[n] for n in kept]
    findings = []
    seen = set()
    for n, (a, outlets_a) in enumerate(figures):
        for b, outlets_b in figures[n + 1 :]:
            # Two outlets differ only where one states a figure the other does not: when each
            # gives both ("$55 million" of a "$95 million" project), they report two quantities.
            pair = next(
                ((x, y) for x in outlets_a for y in outlets_b if x != y and x not in outlets_b and y not in outlets_a),
                None,
            )
            kind = _kind(a, b) if pair else None
            key = (kind, a.text, b.text)
            if kind and key not in seen:
                seen.add(key)
                findings.append(Finding(kind, pair, (a.text, b.text)))
    return tuple(findings)


def _kind(a: Quantity, b: Quantity) -> str | None:
    if a.vague or b.vague:
        if a.vague and b.vague:
            return None if a.text.lower() == b.text.lower() else "different vague figures"
        return "vague vs exact"
    if a.unit != b.unit and "$" not in (a.unit, b.unit):
        return None
    va = a.per_year if a.per_year is not None else a.value
    vb = b.per_year if b.per_year is not None else b.value
    same = abs(va - vb) <= SAME_WITHIN * max(abs(va), abs(vb), 1e-9)
    if same:
        if a.text.lower() == b.text.lower():
            return None
        if (a.per_year is None) != (b.per_year is None) or a.value != b.value:
            return "same quantity, framed differently"
        return "hedged differently" if a.hedge != b.hedge else None
    if a.unit == b.unit and a.unit and max(va, vb) <= DISAGREE_WITHIN * min(va, vb):
        return "different figures"
    return None

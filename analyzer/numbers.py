"""Quantities in sentences, and how outlets state the same fact's numbers differently.

"$1.2 million a year" and "$100,000 a month" are one quantity framed two ways; "about 150
people" and "a few dozen protesters" disagree; "some 640" hedges what another states exactly.
Figures are compared per year where a rate is given (a month is 12, a week 52, a day 365).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from .language import ENGLISH, Language, plural
from .model import Fact, FactNumbers, Finding, Mention, Quantity, Sentence

# Two figures within this relative difference are the same quantity (rounding in the copy).
SAME_WITHIN = 0.02
# Figures of one unit further apart than this factor are different quantities (a total and a
# change, say), not two outlets disagreeing about one.
DISAGREE_WITHIN = 3
# Distinct figures of one fact compared pair by pair: the most widely stated ones. A fact of real
# news has a handful; 1,000 outlets each giving their own figure made 332,667 findings in pairs.
FIGURES_COMPARED = 50


class _Patterns(NamedTuple):
    """What finds the figures of a text, built from a language's number words."""

    # A figure, found from its number; the hedge before it is looked for only where a figure is
    # (an optional hedge opening the pattern made the scan try every hedge at every position).
    quantity: re.Pattern[str]
    hedge_before: re.Pattern[str]
    longest_hedge: int
    vague: re.Pattern[str]
    month_before: re.Pattern[str]  # "May 16", "Sept. 5": a day of a month, not a figure


@lru_cache(maxsize=4)
def _patterns(language: Language) -> _Patterns:
    def either(words: Sequence[str]) -> str:  # longest first: "mn" is tried before "m"
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    quantity = re.compile(
        r"(?P<currency>[$€£])?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
        rf"(?:\s*(?P<scale>{either(language.scales)})\b)?"
        r"(?:\s*(?P<percent>%|percent\b|per cent\b))?"
        # the noun it counts, which is no function word and no rate ("$100,000 annually")
        rf"(?:\s+(?!(?:a|an|per|every|each|the|this|that|of|in|on|to|and|or|{either(language.yearly)})\b)"
        r"(?P<noun>[a-z]+(?:-[a-z]+)?))?"
        rf"(?:[\s,]+(?:a|per|every|each)\s+(?P<per>{either(language.periods)})\b"
        rf"|\s+(?P<annual>{either(language.yearly)})\b)?",
        re.I,
    )
    hedges = either(language.hedges)
    vague = rf"\b(?P<text>(?:(?:{either(language.vague_quantifiers)}) )?(?:{either(language.vague_numbers)}))"
    return _Patterns(
        quantity,
        re.compile(rf"\b(?:{hedges})\s+$", re.I),
        max(map(len, language.hedges)),
        re.compile(vague, re.I),
        re.compile(rf"(?:{'|'.join(m[:3].capitalize() for m in language.months)})[a-z]*\.?\s+$"),
    )


def quantities(text: str, language: Language = ENGLISH) -> list[Quantity]:
    """Every quantity stated in `text` with its value per year where a rate is given."""
    out: list[Quantity] = []
    after_previous = 0
    patterns = _patterns(language)
    for m in patterns.quantity.finditer(text):
        hedge = _hedge_before(text, after_previous, m.start(), patterns)
        after_previous = m.end()
        num = m.group("num")
        if re.fullmatch(r"(19|20)\d\d", num) and not m.group("currency"):
            continue  # a year
        before = text[: m.start("num")]
        if (
            _part_of_tally_or_date(text, m.start("num"), m.end("num"))
            or patterns.month_before.search(before)
            or RANK_BEFORE.search(before)
        ):
            continue
        value = float(num.replace(",", "")) * language.scales.get((m.group("scale") or "").lower(), 1)
        per = language.periods[m.group("per").lower()] if m.group("per") else 1 if m.group("annual") else None
        figure_end = m.end("percent") if m.group("percent") else m.end("scale") if m.group("scale") else m.end("num")
        counted, counted_end = _counted_noun(text, figure_end)
        unit = m.group("currency") or ("%" if m.group("percent") else counted)
        if unit in ("cents", "cent"):
            unit, value = "$", value / 100
        unit = _money(unit)
        # The figure as written: with its rate ("$100,000 a month") or the noun it counts ("400
        # permanent jobs"), not the word that happens to follow ("$716 billion from").
        counts_noun = counted and not (m.group("currency") or m.group("percent"))
        end = m.end() if per else counted_end if counts_noun else figure_end
        out.append(
            Quantity(
                text=text[hedge.start() if hedge else m.start() : end].strip(),
                value=value,
                unit=unit,
                per_year=value * per if per else None,
                hedge=hedge.group(0).strip().lower() if hedge else None,
                vague=False,
            )
        )
    lower = text.lower()
    # A text without one of the words holds no vague quantity: no need to scan it.
    for m in patterns.vague.finditer(text) if any(w in lower for w in language.vague_numbers) else ():
        unit = _money(_counted_noun(text, _after_of(text, m.end("text")))[0])
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


# "No. 2", "#3": a place in a ranking or a list, which counts nothing ("the No. 2 job").
RANK_BEFORE = re.compile(r"(?:\bNo\.|#)\s*$")


def _money(unit: str) -> str:
    """ "$" for a figure counted in dollars ("tens of thousands of dollars"), as for one written "$"."""
    return "$" if unit in ("dollars", "dollar") else unit


def _after_of(text: str, pos: int) -> int:
    """Past the "of" of "hundreds of", if there is one."""
    m = re.match(r"\s+of\b", text[pos:])
    return pos + m.end() if m else pos


def _counted_noun(text: str, pos: int) -> tuple[str, int]:
    """The noun a number counts, and where its phrase ends: the last of the lower-case words right
    after it, before a function word or punctuation ("80 large-scale projects across" →
    "projects"); none when the one word there is a verb or an adverb ("30 previewed", "12 only")."""
    words: list[str] = []
    end = pos
    while len(words) < COUNTED_MAX_WORDS:
        m = _WORD_AFTER.match(text, end)
        if m is None or m.group(1) in _PHRASE_END or words and m.group(1).endswith(("ed", "ing")):
            break  # a function word, or the verb after the noun ("parents packed")
        words.append(m.group(1))
        end = m.end()
        if plural(m.group(1)):
            break  # numbers count plurals: "640 residents came" counts residents
    if not words or words[-1].endswith(("ed", "ing", "ly")) and len(words) == 1:
        return "", pos
    return words[-1], end


def _hedge_before(text: str, start: int, end: int, patterns: _Patterns) -> re.Match[str] | None:
    """The hedge ("about", "more than") that ends right before a figure at `end`, not reaching
    back past `start` (the end of the previous figure)."""
    words_end = len(text[:end].rstrip())
    return patterns.hedge_before.search(text, max(start, words_end - patterns.longest_hedge - 1), end)


def _part_of_tally_or_date(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    return before in "-:/" and before != "" or after in "-:/" and after != "" and text[end + 1 : end + 2].isdigit()


def compare_numbers(
    fact: Fact, sentences: dict[str, Sentence], outlet_of: dict[str, str], language: Language = ENGLISH
) -> FactNumbers | None:
    """The numbers each outlet gives for `fact`, and what differs between outlets (None when its
    sentences state none)."""
    mentions = tuple(
        Mention(outlet_of[sentences[sid].article], sid, q)
        for sid in fact.sentences
        for q in quantities(sentences[sid].text, language)
    )
    if not mentions:
        return None
    several = len({m.outlet for m in mentions}) > 1
    return FactNumbers(mentions, _findings(mentions, language.measures) if several else ())


def _findings(mentions: Sequence[Mention], measures: frozenset[str]) -> tuple[Finding, ...]:
    """Differences between the figures outlets give. Mentions are first merged into distinct
    figures (a large event repeats one figure across hundreds of outlets), then each pair of
    figures is compared once, naming the first outlet of each that differ."""
    variants: dict[Quantity, list[str]] = {}
    stating: dict[float | None, set[str]] = defaultdict(set)  # the outlets that state each value
    for m in mentions:
        outlets = variants.setdefault(m.quantity, [])
        if m.outlet not in outlets:
            outlets.append(m.outlet)
        stating[m.quantity.value].add(m.outlet)
    figures = list(variants.items())
    if len(figures) > FIGURES_COMPARED:  # the most widely stated figures, in order of appearance
        kept = sorted(sorted(range(len(figures)), key=lambda n: -len(figures[n][1]))[:FIGURES_COMPARED])
        figures = [figures[n] for n in kept]
    findings = []
    seen = set()
    for n, (a, outlets_a) in enumerate(figures):
        for b, outlets_b in figures[n + 1 :]:
            # Two outlets differ only where one states a figure the other does not: when each
            # gives both ("$55 million" of a "$95 million" project), they report two quantities;
            # and two figures differ only where neither outlet states the other's value in any
            # words ("the No. 3 position" / "the No. 3 spot").
            kind = _kind(a, b, measures)
            if kind is None:
                continue
            pair = next(
                (
                    (x, y)
                    for x in outlets_a
                    for y in outlets_b
                    if x != y
                    and x not in outlets_b
                    and y not in outlets_a
                    and (kind != "different figures" or x not in stating[b.value] and y not in stating[a.value])
                ),
                None,
            )
            key = (kind, a.text, b.text)
            if pair and key not in seen:
                seen.add(key)
                findings.append(Finding(kind, pair, (a.text, b.text)))
    return tuple(findings)


def _kind(a: Quantity, b: Quantity, measures: frozenset[str]) -> str | None:
    if a.vague or b.vague:
        if a.unit != b.unit and (a.unit in measures or b.unit in measures):
            return None  # "12 miles" and "thousands in donations", "$1.4 billion" and "a dozen"
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

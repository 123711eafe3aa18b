"""Framing contrasts: a listed word one outlet uses where another, stating the same fact, says it
plainly ("claimed" where the other wrote "said", "scheme" where the other wrote "plan").

No single article shows this; two aligned sentences do. A lexicon match in an outlet's own voice
that the context model alone would let pass is flagged when the other sentence says the same
plainly: it uses the match's listed neutral alternative, or swaps exactly this word for a plain
one (`Alignment.diff`), and holds no listed word of the same kind; or, for a doubt-casting
attribution or an intensifier, it states the fact with no such word at all. The other outlet's
wording (or the entry's plain one) is the flag's neutral alternative.

The evidence is only as good as the alignment, so only pairs the aligner is sure of take part
(a probability of the pair scorer's `sure` bar or above, `pair_model.PairModel.sure`): on
BASIL's three-outlet stories (held out), contrasts from all alignments were right 2 times in 56
and found no marked span that the other flags missed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .framing import Candidate, flag_of
from .lexicons import inflections
from .model import Alignment, Flag, Sentence
from .segment import words

# Kinds of listed word another outlet can simply do without, stating the same fact plainly, and
# the least weight of such an attribution: on BASIL's three-outlet stories, the mild ones
# ("acknowledged", "revealed", weight 0.3-0.4) that another outlet leaves out were never marked
# by annotators; the doubt-casting ones ("claimed", "insisted", "admitted": 0.5 and up) are kept.
WITHOUT_COUNTERPART = frozenset({"attribution", "intensifier"})
ATTRIBUTION_MIN_WEIGHT = 0.5


def contrast_flags(
    alignments: Sequence[Alignment],
    sentence_of: Mapping[str, Sentence],
    outlet_of: Mapping[str, str],
    unflagged: Mapping[str, Sequence[Candidate]],
    flags: Sequence[Flag],
    sure: float,
) -> list[Flag]:
    """The contrast flags of the sentences aligned at `sure` or above (the aligner's strong
    threshold), one per word. `unflagged` holds each sentence's curated matches in the outlet's
    voice that the context model let pass, as the per-article stage found them (only curated
    entries take part: they carry the neutral alternatives); `flags` are the article stage's
    flags."""
    found: dict[tuple[str, int], Flag] = {}
    lowered: dict[str, set[str]] = {}
    flagged: dict[str, list[tuple[str, str]]] = {}  # sentence → (category, term) of its curated voice flags
    for f in flags:
        if f.source == "curated" and not f.quoted:
            flagged.setdefault(f.sentence, []).append((f.category, f.term.lower()))

    def listed_in(sid: str) -> list[tuple[str, str]]:
        return flagged.get(sid, []) + [(m.entry.category, m.entry.term.lower()) for m in unflagged.get(sid, ())]

    def words_of(sid: str) -> set[str]:
        if sid not in lowered:
            lowered[sid] = {w.lower() for w in words(sentence_of[sid].text)}
        return lowered[sid]

    for al in alignments:
        if al.score < sure:
            continue  # the evidence is only as good as the alignment
        for sid, other_sid, mine_first in ((al.a, al.b, True), (al.b, al.a, False)):
            for c in unflagged.get(sid, ()):
                if (sid, c.start) in found:
                    continue
                swaps = [(s.a, s.b) if mine_first else (s.b, s.a) for s in al.diff.swaps]
                sentence = sentence_of[sid]
                text = sentence.text[c.start : c.end]
                other_words, other_listed = words_of(other_sid), listed_in(other_sid)
                plain = _plain_counterpart(text, c, swaps, other_words, other_listed)
                other = outlet_of[sentence_of[other_sid].article]
                if plain:
                    found[(sid, c.start)] = _flag(sentence, outlet_of[sentence.article], c, other, plain)
                elif _said_without(text, c, other_words, other_listed):
                    found[(sid, c.start)] = _omitted(sentence, outlet_of[sentence.article], c, other, other_words)
    return list(found.values())


def _said_without(text: str, c: Candidate, other_words: set[str], other_listed: Sequence[tuple[str, str]]) -> bool:
    """Whether the other sentence states the fact without the kind of word the match is: no
    attribution that casts doubt ("The mine will operate for 20 years" against "The company
    admitted that the mine will operate for only 20 years"), no intensifier ("approved" against
    "finally approved"). Only these kinds can go without a counterpart: a loaded noun or verb
    stands for something the other sentence must also name."""
    return (
        c.entry.category in WITHOUT_COUNTERPART
        and (c.entry.category != "attribution" or c.entry.weight >= ATTRIBUTION_MIN_WEIGHT)
        and text.lower() not in other_words
        and not any(category == c.entry.category for category, _ in other_listed)
    )


def _plain_counterpart(
    text: str,
    c: Candidate,
    swaps: Sequence[tuple[str, str]],
    other_words: set[str],
    other_listed: Sequence[tuple[str, str]],
) -> str | None:
    """What the other sentence says instead of the match `text`, when it says it plainly: the
    match's listed neutral alternative ("said" for "claimed"), or the word swapped for exactly
    this match, provided no listed word of the same kind stands in the other sentence."""
    if text.lower() in other_words or any(category == c.entry.category for category, _ in other_listed):
        return None
    for alternative in _alternatives(c.entry.neutral):
        hit = other_words & inflections(alternative)
        if hit:
            return min(hit)
    for mine, theirs in swaps:
        if (
            mine.lower() == text.lower()
            and _plain_wording(theirs, mine)
            and not any(term == theirs.lower() for _, term in other_listed)
        ):
            return theirs
    return None


def _alternatives(neutral: str | None) -> list[str]:
    """The one-word neutral alternatives of an entry ("say; acknowledge" → say, acknowledge)."""
    out = []
    for part in (neutral or "").replace(" or ", ";").split(";"):
        part = part.strip()
        if part and " " not in part and part.isalpha():
            out.append(part.lower())
    return out


def _plain_wording(plain: str, mine: str) -> bool:
    """Whether `plain` can be another way to say `mine`: as short, and no name or number."""
    theirs = words(plain)
    return 0 < len(theirs) <= len(words(mine)) + 1 and not any(w[0].isupper() or w[0].isdigit() for w in theirs)


def _omitted(sentence: Sentence, outlet: str, c: Candidate, other: str, other_words: set[str]) -> Flag:
    text = sentence.text[c.start : c.end]
    kept = [w for w in words(text) if w.lower() in other_words]  # "only 20" against "20": the number stays
    said_plainly = c.entry.category == "attribution" and c.entry.neutral
    if said_plainly:
        neutral = c.entry.neutral
    else:
        neutral = " ".join(kept) if kept else f"leave out “{text}”"
    # "(plainly: 20)" for "only 20"; nothing for a word the other outlet simply does without
    plainly = f" (plainly: {neutral})" if said_plainly or kept else ""
    why = f"{other} states the same fact without “{text}”{plainly}; the word is this outlet's choice. "
    return flag_of(sentence, outlet, c, why + c.entry.why, "contrast", neutral=neutral)


def _flag(sentence: Sentence, outlet: str, c: Candidate, other: str, plain: str) -> Flag:
    text = sentence.text[c.start : c.end]
    why = f"{other} states the same fact with “{plain}”; “{text}” is this outlet's choice. {c.entry.why}"
    return flag_of(sentence, outlet, c, why, "contrast", neutral=plain)

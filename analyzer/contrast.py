"""Framing contrasts: a listed word one outlet uses where another, stating the same fact, says it
plainly ("claimed" where the other wrote "said", "scheme" where the other wrote "plan").

No single article shows this; two aligned sentences do. A lexicon match in an outlet's own voice
that the context model alone would let pass is flagged when the other sentence says the same
plainly: it uses the match's listed neutral alternative, or swaps exactly this word for a plain
one (`Alignment.diff`), and holds no listed word of the same kind. The other outlet's wording is
the flag's neutral alternative.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .framing import Candidate, flag_of
from .lexicons import inflections
from .model import Alignment, Flag, Sentence
from .segment import words


def contrast_flags(
    alignments: Sequence[Alignment],
    sentence_of: Mapping[str, Sentence],
    outlet_of: Mapping[str, str],
    unflagged: Mapping[str, Sequence[Candidate]],
    flags: Sequence[Flag],
) -> list[Flag]:
    """The contrast flags of the aligned sentences, one per word. `unflagged` holds each
    sentence's curated matches in the outlet's voice that the context model let pass, as the
    per-article stage found them (only curated entries take part: they carry the neutral
    alternatives); `flags` are the article stage's flags."""
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
        for sid, other_sid, mine_first in ((al.a, al.b, True), (al.b, al.a, False)):
            for c in unflagged.get(sid, ()):
                if (sid, c.start) in found:
                    continue
                swaps = [(s.a, s.b) if mine_first else (s.b, s.a) for s in al.diff.swaps]
                sentence = sentence_of[sid]
                text = sentence.text[c.start : c.end]
                plain = _plain_counterpart(text, c, swaps, words_of(other_sid), listed_in(other_sid))
                if plain:
                    other = outlet_of[sentence_of[other_sid].article]
                    found[(sid, c.start)] = _flag(sentence, outlet_of[sentence.article], c, other, plain)
    return list(found.values())


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


def _flag(sentence: Sentence, outlet: str, c: Candidate, other: str, plain: str) -> Flag:
    text = sentence.text[c.start : c.end]
    why = f"{other} states the same fact with “{plain}”; “{text}” is this outlet's choice. {c.entry.why}"
    return flag_of(sentence, outlet, c, why, "contrast", neutral=plain)

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

from . import context
from .framing import Candidate, candidates
from .lexicons import Lexicon, inflections
from .model import Alignment, Flag, Sentence
from .options import FlagOptions
from .segment import words

# A match is a contrast only when the context model gives it at least this share of the broad
# tier's threshold: swaps of everyday words ("good" for "fine") are paraphrase, not framing.
BROAD_SHARE = 0.5


def contrast_flags(
    alignments: Sequence[Alignment],
    sentence_of: Mapping[str, Sentence],
    outlet_of: Mapping[str, str],
    lexicon: Lexicon,
    options: FlagOptions = FlagOptions(),
) -> list[Flag]:
    """The contrast flags of one event's aligned sentences, one per word, in the order of
    `sentence_of` (the event's sentences)."""
    model = context.load(options.context_model)
    found: dict[tuple[str, int], Flag] = {}
    matches: dict[str, list[Candidate]] = {}
    lowered: dict[str, set[str]] = {}

    def matches_of(sid: str) -> list[Candidate]:
        if sid not in matches:
            matches[sid] = candidates(sentence_of[sid], lexicon, options=options)
        return matches[sid]

    def words_of(sid: str) -> set[str]:
        if sid not in lowered:
            lowered[sid] = {w.lower() for w in words(sentence_of[sid].text)}
        return lowered[sid]

    for al in alignments:
        swaps = [(s["a"], s["b"]) for s in al.diff.get("swaps", ())]
        for sid, other_sid, pairs in ((al.a, al.b, swaps), (al.b, al.a, [(b, a) for a, b in swaps])):
            sentence = sentence_of[sid]
            for c in matches_of(sid):
                if (sid, c.start) in found or c.quoted:
                    continue
                p = model.probability(c.features)
                if model.loaded(p, c.entry) or p < BROAD_SHARE * model.thresholds["broad"]:
                    continue
                text = sentence.text[c.start : c.end]
                plain = _plain_counterpart(
                    text, c, pairs, words_of(other_sid), matches_of(other_sid), sentence_of[other_sid]
                )
                if plain:
                    other = outlet_of[sentence_of[other_sid].article]
                    found[(sid, c.start)] = _flag(sentence, outlet_of[sentence.article], c, other, plain, round(p, 3))
    order = {sid: n for n, sid in enumerate(sentence_of)}
    return sorted(found.values(), key=lambda f: (order[f.sentence], f.start))


def _plain_counterpart(
    text: str,
    c: Candidate,
    swaps: Sequence[tuple[str, str]],
    other_words: set[str],
    other_matches: Sequence[Candidate],
    other: Sentence,
) -> str | None:
    """What the other sentence says instead of the match `text`, when it says it plainly: the
    match's listed neutral alternative ("said" for "claimed"), or the word swapped for exactly
    this match, provided no listed word of the same kind stands in the other sentence."""
    if text.lower() in other_words or any(m.entry.category == c.entry.category for m in other_matches):
        return None
    for alternative in _alternatives(c.entry.neutral):
        hit = other_words & inflections(alternative)
        if hit:
            return min(hit)
    for mine, theirs in swaps:
        if (
            mine.lower() == text.lower()
            and _plain_wording(theirs, mine)
            and not any(m.entry.term.lower() == theirs.lower() for m in other_matches)
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


def _flag(sentence: Sentence, outlet: str, c: Candidate, other: str, plain: str, score: float) -> Flag:
    text = sentence.text[c.start : c.end]
    why = f"{other} states the same fact with “{plain}”; “{text}” is this outlet's choice. {c.entry.why}"
    return Flag(
        sentence=sentence.id,
        article=sentence.article,
        outlet=outlet,
        start=c.start,
        end=c.end,
        text=text,
        category=c.entry.category,
        weight=c.entry.weight,
        quoted=False,
        neutral=plain,
        why=why,
        term=c.entry.term,
        source="contrast",
        score=score,
    )

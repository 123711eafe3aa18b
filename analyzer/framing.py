"""Flag loaded language in each outlet's own voice.

Lexicon terms are matched on our own tokens. A match inside quoted speech is the speaker's word:
it is flagged with `quoted=True` and does not count toward the outlet. A scare quote (a loaded
term alone in quotation marks, one to three words, with no one quoted in the sentence) is the
outlet's own voice and a technique of its own; a short quote without a loaded term is left alone,
since on real pages most are an official's phrase quoted without a speech verb.

Context rules keep false alarms down, since a neutral wire report should score near zero: proper
names are never flagged ("The Daily Patriot"), listed contexts are not loaded ("free radical",
"extreme weather"), and a negated adjective or intensifier ("not reckless") is not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from . import context
from .categories import BY_NAME
from .lexicons import NUMBER, Entry, Lexicon
from .model import Alignment, Article, Flag, Sentence
from .options import FlagOptions
from .segment import SPEECH_VERBS, WORD, inside, quote_spans

NEGATIONS = frozenset({"not", "never", "no", "n't", "hardly", "neither", "nor", "nothing"})
NEGATABLE = frozenset(c.name for c in BY_NAME.values() if c.negatable)
SCARE_QUOTE_WHY = (
    "The outlet puts it in quotation marks with no one quoted (a scare quote), which lets it use the word "
    "while seeming to keep a distance."
)
SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS}|says|according to|calls?|dubbed|described)\b", re.I)
# Share of capitalised words above which a headline is in Title Case, where capitals say nothing
# about proper names.
TITLE_CASE_SHARE = 0.6


class _Token(NamedTuple):
    text: str
    low: str
    start: int
    end: int


class Candidate(NamedTuple):
    """A lexicon match in a sentence, before the context model decides whether it is loaded."""

    start: int
    end: int
    entry: Entry
    quoted: bool
    scare: bool
    features: dict[str, float]


def flag_sentence(
    sentence: Sentence,
    outlet: str,
    lexicon: Lexicon,
    *,
    headline: bool = False,
    words: Sequence[str] | None = None,
    options: FlagOptions = FlagOptions(),
) -> list[Flag]:
    """Every loaded-language flag in one sentence (or headline); `words`, when given, are the
    sentence's words already split."""
    found = candidates(sentence, lexicon, headline=headline, words=words, options=options)
    return decide(sentence, outlet, found, options)


def decide(
    sentence: Sentence, outlet: str, found: Sequence[Candidate], options: FlagOptions = FlagOptions()
) -> list[Flag]:
    """The flags among a sentence's candidates: those the context model finds loaded where they
    stand, and every scare-quoted curated term."""
    model = context.load(options.context_model)
    flags = []
    for c in found:
        p = model.probability(c.features)
        source = context.tier(c.entry)
        if not model.loaded(p, c.entry) and not (c.scare and source == "curated"):
            continue
        why = c.entry.why + (" " + SCARE_QUOTE_WHY if c.scare else "")
        flags.append(_flag(sentence, outlet, c, why, source, round(p, 3)))
    return flags


def candidates(
    sentence: Sentence,
    lexicon: Lexicon,
    *,
    headline: bool = False,
    words: Sequence[str] | None = None,
    options: FlagOptions = FlagOptions(),
) -> list[Candidate]:
    """The lexicon matches of a sentence that no context rule rules out (proper names, listed
    contexts, negated adjectives), each with the features the context model weighs."""
    text = sentence.text
    if not _may_match(words if words is not None else WORD.findall(text), lexicon):
        return []
    toks = [_Token(w, w.lower(), m.start(), m.end()) for m in WORD.finditer(text) for w in (m.group(),)]
    texts = [t.text for t in toks]
    low_text = text.lower()
    quotes = list(sentence.quotes)
    scare = _scare_quotes(text, quotes, options.scare_quote_max_words)
    title_case = headline and _title_case(toks)
    out: list[Candidate] = []
    i = 0
    while i < len(toks):
        low = toks[i].low
        hit = _match(toks, i, lexicon) if low in lexicon.index or _is_number(low) else None
        if hit is None:
            i += 1
            continue
        length, entry = hit
        span = toks[i : i + length]
        start, end = span[0].start, span[-1].end
        if _skip(toks, i, length, entry, low_text, lexicon, title_case, options.negation_window):
            i += 1
            continue
        in_scare = any(s <= start and end <= e for s, e in scare)
        quoted = inside(quotes, start, end) and not in_scare
        out.append(Candidate(start, end, entry, quoted, in_scare, context.features(texts, i, length, entry, headline)))
        i += length
    return out


def _flag(sentence: Sentence, outlet: str, c: Candidate, why: str, source: str, score: float) -> Flag:
    return Flag(
        sentence=sentence.id,
        article=sentence.article,
        outlet=outlet,
        start=c.start,
        end=c.end,
        text=sentence.text[c.start : c.end],
        category=c.entry.category,
        weight=c.entry.weight,
        quoted=c.quoted,
        neutral=c.entry.neutral,
        why=why,
        term=c.entry.term,
        scare_quote=c.scare,
        source=source,
        score=score,
    )


def _may_match(words: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether any of a sentence's words can start a lexicon entry: most sentences have none,
    and this look-up is several times cheaper than tokenizing them for the matcher."""
    return NUMBER in lexicon.index or any(w.lower() in lexicon.index for w in words)


def _match(toks: Sequence[_Token], i: int, lexicon: Lexicon) -> tuple[int, Entry] | None:
    first = NUMBER if _is_number(toks[i].low) else toks[i].low
    for seq, entry, _exact in lexicon.index.get(first, []):
        if i + len(seq) > len(toks):
            continue
        if all(
            (NUMBER in forms and _is_number(t.low)) or t.low in forms
            for t, forms in zip(toks[i : i + len(seq)], seq, strict=True)
        ):
            return len(seq), entry
    return None


def _is_number(low: str) -> bool:
    return bool(low) and (low[0].isdigit() or (low[0] in "$€£" and low[1:2].isdigit()))


def _skip(
    toks: Sequence[_Token],
    i: int,
    length: int,
    entry: Entry,
    low_text: str,
    lexicon: Lexicon,
    title_case: bool,
    negation_window: int,
) -> bool:
    span = toks[i : i + length]
    if not title_case and _proper_name(toks, i, length):
        return True
    start, end = span[0].start, span[-1].end
    for where in lexicon.exceptions.get(entry.term.lower(), ()):
        for m in re.finditer(re.escape(where), low_text):
            if m.start() <= start and end <= m.end():
                return True
    if entry.category in NEGATABLE:
        window = toks[max(0, i - negation_window) : i]
        if {t.low for t in window} & NEGATIONS or any(t.low.endswith("n't") for t in window):
            return True
    return False


def _proper_name(toks: Sequence[_Token], i: int, length: int) -> bool:
    """A capitalised match that is not sentence-initial and stands beside another capitalised
    word is part of a name ("The Daily Patriot", "Radical Party")."""
    span = toks[i : i + length]
    if not any(t.text[0].isupper() for t in span):
        return False
    neighbours = toks[max(0, i - 1) : i] + toks[i + length : i + length + 1]
    caps_beside = [t for t in neighbours if t.text[0].isupper() and t is not toks[0]]
    if i == 0:
        return False
    return bool(caps_beside) or all(t.text[0].isupper() for t in span) and length > 1


def _title_case(toks: Sequence[_Token]) -> bool:
    alpha = [t for t in toks if t.text[0].isalpha()]
    return bool(alpha) and sum(t.text[0].isupper() for t in alpha) / len(alpha) >= TITLE_CASE_SHARE


def _scare_quotes(text: str, quotes: Sequence[tuple[int, int]], max_words: int) -> list[tuple[int, int]]:
    """Quoted spans of at most `max_words` words in a sentence that quotes no one."""
    if SPEECH.search(text):
        return []
    out = []
    for s, e in quotes:
        inner = text[s:e].strip('"“”‘’«» ')
        before = text[:s].rstrip()
        if 0 < len(inner.split()) <= max_words and not before.endswith(":"):
            out.append((s, e))
    return out


def flag_headline(article: Article, lexicon: Lexicon, options: FlagOptions = FlagOptions()) -> list[Flag]:
    """Flags in an article's headline (sentence id `<article>:headline`, offsets into the title)."""
    title = article.title
    quotes = tuple((q.start, q.end) for q in quote_spans(title))
    sentence = Sentence(f"{article.id}:headline", article.id, -1, 0, len(title), title, quotes, "headline")
    return flag_sentence(sentence, article.outlet, lexicon, headline=True, options=options)


def classify_swaps(alignments: Sequence[Alignment], lexicon: Lexicon) -> list[Alignment]:
    """Name the lexicon category of each side of each word swap ("said" → "claimed": attribution)."""
    category: dict[str, str | None] = {}  # phrase → its category; phrases repeat across pairs

    def category_of(phrase: str) -> str | None:
        if phrase not in category:
            entry = _entry_in(phrase, lexicon)
            category[phrase] = entry.category if entry else None
        return category[phrase]

    out = []
    for al in alignments:
        if not al.diff.get("swaps"):
            out.append(al)
            continue
        swaps = [
            {"a": a, "b": b, "a_category": category_of(a), "b_category": category_of(b)} for a, b in al.diff["swaps"]
        ]
        out.append(replace(al, diff={**al.diff, "swaps": swaps}))
    return out


def _entry_in(phrase: str, lexicon: Lexicon) -> Entry | None:
    toks = [_Token(w, w.lower(), 0, 0) for w in phrase.split()]
    for i in range(len(toks)):
        hit = _match(toks, i, lexicon)
        if hit:
            return hit[1]
    return None


# Example sentences per category, for `framing explain TERM`: "{}" takes the term, then its
# neutral alternative.


def example_sentences(entry: Entry) -> tuple[str, str]:
    """An invented sentence using the term, and the same sentence written neutrally."""
    category = BY_NAME.get(entry.category)
    template = category.example if category else "They used the word {} in the article."
    if category and category.example_base and not entry.term.split()[0].lower().endswith("ed"):
        template = category.example_base
    term = entry.term.replace(NUMBER, "12")
    neutral = (entry.neutral or "").split(";")[0].strip()
    if not neutral or neutral.startswith("("):
        neutral = "12" if NUMBER in entry.term else ""
    return _tidy(template.format(term)), _tidy(template.format(neutral))


def _tidy(text: str) -> str:
    text = " ".join(text.split()).replace(" .", ".").replace(" ,", ",")
    return text[:1].upper() + text[1:]


def flag_text(text: str, lexicon: Lexicon, options: FlagOptions = FlagOptions()) -> list[Flag]:
    """Flags of a sentence typed by a user (quoted speech recognised as in articles)."""
    quotes = tuple((q.start, q.end) for q in quote_spans(text))
    return flag_sentence(Sentence("typed:0", "typed", 0, 0, len(text), text, quotes), "you", lexicon, options=options)

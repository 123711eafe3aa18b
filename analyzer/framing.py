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
from functools import lru_cache
from typing import NamedTuple

from . import context
from .categories import BY_NAME
from .language import ENGLISH, Language
from .lexicons import NUMBER, Entry, Lexicon
from .model import Alignment, Article, Flag, Sentence
from .options import FlagOptions
from .rewrite import neutral_rewrite, tidy
from .segment import WORD, inside, quote_spans

NEGATABLE = frozenset(c.name for c in BY_NAME.values() if c.negatable)
SCARE_QUOTE_WHY = (
    "The outlet puts it in quotation marks with no one quoted (a scare quote), which lets it use the word "
    "while seeming to keep a distance."
)
# Words that introduce a name or a title in quotation marks ("the title of \"people's hero\"",
# "a monument to the \"Unknown Soldier\"", "known as \"the Iron Lady\""): the quotation marks
# mark a name, not the outlet keeping its distance.
NAMING = re.compile(
    r"\b(?:titled?|named|known|award(?:ed)?|honou?r(?:ed|ary)?|medal|prize|order|monument|statue|memorial|"
    r"nicknamed?|slogan|motto|campaign|operation|programme|program)\s+(?:(?:of|as|to|for|the|a|an)\s+)*$",
    re.I,
)
# Share of capitalised words above which a headline is in Title Case, where capitals say nothing
# about proper names.
TITLE_CASE_SHARE = 0.6


class Candidate(NamedTuple):
    """A lexicon match in a sentence, before the context model decides whether it is loaded."""

    start: int
    end: int
    entry: Entry
    quoted: bool
    scare: bool
    score: float  # the context model's probability that the match is loaded here
    word: int  # index of its first word among the sentence's words
    length: int  # in words


@lru_cache(maxsize=4)
def _speech(language: Language) -> re.Pattern[str]:
    """Words that say someone is speaking or naming: a quotation then quotes someone."""
    return re.compile(rf"\b(?:{language.speech}|says|according to|calls?|dubbed|described)\b", re.I)


def flag_sentence(
    sentence: Sentence,
    outlet: str,
    lexicon: Lexicon,
    *,
    headline: bool = False,
    words: Sequence[str] | None = None,
    options: FlagOptions = FlagOptions(),
    language: Language = ENGLISH,
) -> list[Flag]:
    """Every loaded-language flag in one sentence (or headline); `words`, when given, are the
    sentence's words already split."""
    found = candidates(sentence, lexicon, headline=headline, words=words, options=options, language=language)
    return decide(sentence, outlet, found, options)


def decide(
    sentence: Sentence, outlet: str, found: Sequence[Candidate], options: FlagOptions = FlagOptions()
) -> list[Flag]:
    """The flags among a sentence's candidates: those the context model finds loaded where they
    stand, and every scare-quoted curated term."""
    model = context.load(options.context_model)
    flags = []
    for c in found:
        source = context.tier(c.entry)
        if not model.loaded(c.score, c.entry) and not (c.scare and source == "curated"):
            continue
        why = c.entry.why + (" " + SCARE_QUOTE_WHY if c.scare else "")
        flags.append(flag_of(sentence, outlet, c, why, source))
    return flags


def candidates(
    sentence: Sentence,
    lexicon: Lexicon,
    *,
    headline: bool = False,
    words: Sequence[str] | None = None,
    options: FlagOptions = FlagOptions(),
    language: Language = ENGLISH,
) -> list[Candidate]:
    """The lexicon matches of a sentence that no context rule rules out (proper names, listed
    contexts, negated adjectives), each with the context model's score."""
    text = sentence.text
    texts = list(words) if words is not None else WORD.findall(text)
    lows = [w.lower() for w in texts]
    index = lexicon.index
    numbers = NUMBER in index
    starts = [i for i, low in enumerate(lows) if low in index or (numbers and _is_number(low))]
    if not starts:  # most sentences of plain reporting: no need to place their words
        return []
    spans = [m.span() for m in WORD.finditer(text)]
    low_text = text.lower()
    quotes = list(sentence.quotes)
    scare = _scare_quotes(text, quotes, options.scare_quote_max_words, language) if quotes else []
    title_case = headline and _title_case(texts)
    model = context.load(options.context_model)
    out: list[Candidate] = []
    after = 0  # the first word not yet inside a match
    for i in starts:
        if i < after:
            continue
        hit = _match(lows, i, lexicon)
        if hit is None:
            continue
        length, entry = hit
        start, end = spans[i][0], spans[i + length - 1][1]
        if _skip(texts, lows, i, length, entry, (start, end), low_text, lexicon, title_case, options, language):
            continue
        in_scare = any(s <= start and end <= e for s, e in scare)
        quoted = inside(quotes, start, end) and not in_scare
        score = model.score(texts, i, length, entry, headline, language)
        out.append(Candidate(start, end, entry, quoted, in_scare, score, i, length))
        after = i + length
    return out


def flag_of(sentence: Sentence, outlet: str, c: Candidate, why: str, source: str, neutral: str | None = None) -> Flag:
    """The flag of a candidate; `neutral` replaces the entry's neutral alternative when given."""
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
        neutral=neutral or c.entry.neutral,
        why=why,
        term=c.entry.term,
        scare_quote=c.scare,
        source=source,
        score=round(c.score, 3),
    )


def _match(lows: Sequence[str], i: int, lexicon: Lexicon) -> tuple[int, Entry] | None:
    first = NUMBER if _is_number(lows[i]) else lows[i]
    second = lows[i + 1] if i + 1 < len(lows) else None
    numeric = second is not None and _is_number(second)
    for seq, entry, _exact in lexicon.candidates(first, second, second_is_number=numeric):
        if i + len(seq) > len(lows):
            continue
        if all(
            (NUMBER in forms and _is_number(low)) or low in forms
            for low, forms in zip(lows[i : i + len(seq)], seq, strict=True)
        ):
            return len(seq), entry
    return None


def _is_number(low: str) -> bool:
    return bool(low) and (low[0].isdigit() or (low[0] in "$€£" and low[1:2].isdigit()))


def _skip(
    texts: Sequence[str],
    lows: Sequence[str],
    i: int,
    length: int,
    entry: Entry,
    span: tuple[int, int],
    low_text: str,
    lexicon: Lexicon,
    title_case: bool,
    options: FlagOptions,
    language: Language,
) -> bool:
    if not title_case and _proper_name(texts, i, length):
        return True
    start, end = span
    for where in lexicon.exceptions.get(entry.term.lower(), ()):
        for m in re.finditer(re.escape(where), low_text):
            if m.start() <= start and end <= m.end():
                return True
    if entry.category in NEGATABLE:
        window = lows[max(0, i - options.negation_window) : i]
        if set(window) & language.negations or any(w.endswith("n't") for w in window):
            return True
    return False


def _proper_name(texts: Sequence[str], i: int, length: int) -> bool:
    """A capitalised match that is not sentence-initial and stands beside another capitalised
    word is part of a name ("The Daily Patriot", "Radical Party")."""
    span = texts[i : i + length]
    if i == 0 or not any(w[0].isupper() for w in span):
        return False
    beside = ([texts[i - 1]] if i > 1 else []) + list(texts[i + length : i + length + 1])
    return any(w[0].isupper() for w in beside) or all(w[0].isupper() for w in span) and length > 1


def _title_case(texts: Sequence[str]) -> bool:
    alpha = [w for w in texts if w[0].isalpha()]
    return bool(alpha) and sum(w[0].isupper() for w in alpha) / len(alpha) >= TITLE_CASE_SHARE


def _scare_quotes(
    text: str, quotes: Sequence[tuple[int, int]], max_words: int, language: Language
) -> list[tuple[int, int]]:
    """Quoted spans of at most `max_words` words in a sentence that quotes no one, unless a
    naming word introduces them (`NAMING`)."""
    if _speech(language).search(text):
        return []
    out = []
    for s, e in quotes:
        inner = text[s:e].strip('"“”‘’«» ')
        before = text[:s].rstrip()
        if 0 < len(inner.split()) <= max_words and not before.endswith(":") and not NAMING.search(text[:s]):
            out.append((s, e))
    return out


def flag_headline(
    article: Article, lexicon: Lexicon, options: FlagOptions = FlagOptions(), language: Language = ENGLISH
) -> list[Flag]:
    """Flags in an article's headline (sentence id `<article>:headline`, offsets into the title)."""
    title = article.title
    quotes = tuple((q.start, q.end) for q in quote_spans(title))
    sentence = Sentence(f"{article.id}:headline", article.id, -1, 0, len(title), title, quotes, "headline")
    return flag_sentence(sentence, article.outlet, lexicon, headline=True, options=options, language=language)


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
        if not al.diff.swaps:
            out.append(al)
            continue
        swaps = tuple(replace(s, a_category=category_of(s.a), b_category=category_of(s.b)) for s in al.diff.swaps)
        out.append(replace(al, diff=replace(al.diff, swaps=swaps)))
    return out


def _entry_in(phrase: str, lexicon: Lexicon) -> Entry | None:
    lows = phrase.lower().split()
    for i in range(len(lows)):
        hit = _match(lows, i, lexicon)
        if hit:
            return hit[1]
    return None


# Example sentences per category, for `framing explain TERM`: "{}" takes the term, then its
# neutral alternative.


def example_sentences(entry: Entry) -> tuple[str, str | None]:
    """An invented sentence using the term, and the same sentence written neutrally by the
    lesson's rewrite (`rewrite.neutral_rewrite`); None when no neutral sentence reads right (a
    noun the lexicon says to leave out leaves "Critics called the bill a.")."""
    category = BY_NAME.get(entry.category)
    template = category.example if category else "They used the word {} in the article."
    if category and category.example_base and not entry.term.split()[0].lower().endswith("ed"):
        template = category.example_base
    term = entry.term.replace(NUMBER, "12")
    example = tidy(template.format(term))
    start = template.index("{}")
    neutral = entry.neutral
    if NUMBER in entry.term and (not neutral or neutral.startswith("(")):
        neutral = "12"  # "a whopping 12" → "12": the number alone
    flag = Flag("example", "example", "you", start, start + len(term), example[start : start + len(term)],
                entry.category, entry.weight, False, neutral, entry.why, term=entry.term)  # fmt: skip
    return example, neutral_rewrite(Sentence("example", "example", 0, 0, len(example), example), [flag])


def flag_text(text: str, lexicon: Lexicon, options: FlagOptions = FlagOptions()) -> list[Flag]:
    """Flags of a sentence typed by a user (quoted speech recognised as in articles)."""
    return flag_sentence(_typed(text), "you", lexicon, options=options)


def passed_in_text(text: str, lexicon: Lexicon, options: FlagOptions = FlagOptions()) -> list[tuple[Candidate, float]]:
    """The listed words of a typed sentence, in the writer's voice, that the context model lets
    pass, each with the threshold its score stays under: what `explain` tells a user who
    expected a flag ("grand" from the broad tier as much as "claimed" from the curated one)."""
    model = context.load(options.context_model)
    sentence = _typed(text)
    found = candidates(sentence, lexicon, options=options)
    flagged = {(f.start, f.end) for f in decide(sentence, "you", found, options)}
    return [(c, model.threshold(c.entry)) for c in found if not c.quoted and (c.start, c.end) not in flagged]


def _typed(text: str) -> Sentence:
    quotes = tuple((q.start, q.end) for q in quote_spans(text))
    return Sentence("typed:0", "typed", 0, 0, len(text), text, quotes)

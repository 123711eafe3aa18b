"""The word lists of a language, in one `Language` object that the stages are given (stop words,
speech verbs, negations, intensifiers, titles, number words, weekdays, months, abbreviations, the
stemmer), and whether an article is in it.

English is the one language today: the lexicons, the context model and the sentence rules read
English, and a Russian or Chinese article would otherwise score zero loaded words without a word
of why. A second language is one more `Language` (its lists and its data files) in `LANGUAGES`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS


@dataclass(frozen=True, eq=False)
class Language:
    """What the stages need to know of a language's words. Compared by identity: one object a
    language, which the cached patterns built from it are keyed on."""

    name: str
    code: str  # ISO 639-1, for the sentence segmenter
    stemmer: str  # the Snowball stemmer's name
    stop_words: frozenset[str]  # function words: no content for grouping, alignment or distinctive words
    speech_verbs: tuple[str, ...]  # verbs that attribute speech ("said", "claimed")
    negations: frozenset[str]  # words that negate what follows them ("not", "never")
    negating_prepositions: frozenset[str]  # "without": negates for the context model
    weekdays: tuple[str, ...]  # lower case, Monday first
    months: tuple[str, ...]  # lower case, January first
    intensifiers: frozenset[str]  # words that turn up the word after them ("very", "so-called")
    scales: dict[str, float]  # number words that scale a figure ("million")
    periods: dict[str, int]  # the period of a rate ("a month", "per week"), times in a year
    yearly: tuple[str, ...]  # adverbs of a yearly rate ("annually")
    hedges: tuple[str, ...]  # words that hedge a figure ("about", "more than")
    vague_numbers: tuple[str, ...]  # a figure without a number ("hundreds", "tens of thousands")
    vague_quantifiers: tuple[str, ...]  # words before one ("a few", "several")
    # Units of measure: a figure in one is never the same quantity as a figure in another unit or
    # a count of things ("30 years" against "a dozen"); "dollars" is money, as "$" is.
    measures: frozenset[str]
    titles_file: str  # package data: titles and roles written before a name, one a line
    abbreviations_file: str  # package data: abbreviations a sentence does not end after
    demonyms_file: str  # package data: nationality adjectives ("Russian"), which name no actor

    @cached_property
    def titles(self) -> tuple[str, ...]:
        """The titles, longest first (so "Vice Mayor" is found before "Mayor")."""
        return tuple(sorted(data_lines(self.titles_file), key=len, reverse=True))

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        return frozenset(data_lines(self.abbreviations_file))

    @cached_property
    def demonyms(self) -> frozenset[str]:
        return frozenset(data_lines(self.demonyms_file))

    @cached_property
    def negating(self) -> frozenset[str]:
        """Every word that negates what follows, prepositions too."""
        return self.negations | self.negating_prepositions

    @cached_property
    def month(self) -> str:
        """A regular-expression alternative for a month's name or its first three letters
        ("May", "Dec", "December"), lower case: compile it with re.IGNORECASE."""
        return "|".join(f"{m[:3]}(?:{m[3:]})?" if len(m) > 3 else m for m in self.months)

    def month_number(self, name: str) -> int | None:
        """The month a name or short form stands for (1 for "Jan." or "January"), or None."""
        low = name.lower().rstrip(".")
        return next((n for n, m in enumerate(self.months, start=1) if m.startswith(low[:3])), None)

    @cached_property
    def speech(self) -> str:
        """The speech verbs as one regular-expression alternative."""
        return "|".join(self.speech_verbs)

    @cached_property
    def speech_stems(self) -> frozenset[str]:
        """The stems of the speech verbs ("said", "say" for "says", "tell" for "tells")."""
        return frozenset(self.stem(v) for v in self.speech_verbs)

    @cached_property
    def stem(self) -> Callable[[str], str]:
        """The stem of a lower-case word (cached: a corpus repeats its words)."""
        return lru_cache(maxsize=65536)(SnowballStemmer(self.stemmer).stem)

    def __reduce__(self) -> tuple[Callable[[str], Language], tuple[str]]:
        """Sent to a worker by name: there it is that process's one object of the language, with
        its caches (a copy a chunk would build every pattern and stem anew)."""
        return language_named, (self.name,)


def plural(word: str) -> bool:
    """Whether an English word looks plural ("parents", "activists"; not "press", "status")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def data_lines(name: str) -> list[str]:
    """The lines of a package data file (`listed`)."""
    return listed(resources.files("analyzer.data").joinpath(name).read_text("utf-8"))


def listed(text: str) -> list[str]:
    """The items of a list file's text: its lines, trimmed, without blank lines and "#" comments."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


# Words of scikit-learn's stop-word list that news uses as content words ("the bill", "the fire",
# "interest rates", "the mine", "the health system"): kept for grouping, alignment and
# distinctive words. On the dev sets: AllSides 221 to 222 stories exact, the other figures the same.
NEWS_CONTENT_WORDS = frozenset(
    "bill fire interest mine system part call cry detail front full move name serious show side top amount "
    "bottom empty thick thin mill fill sincere describe".split()
)
ENGLISH = Language(
    name="english",
    code="en",
    stemmer="english",
    stop_words=ENGLISH_STOP_WORDS - NEWS_CONTENT_WORDS,
    speech_verbs=tuple(
        "said says asked asks added adds told tells replied wrote shouted yelled cried called argued noted warned "
        "claimed insisted conceded admitted declared stated explained continued recalled joked countered responded "
        "answered whispered snapped quipped".split()
    ),
    negations=frozenset({"not", "never", "no", "n't", "hardly", "neither", "nor", "nothing"}),
    negating_prepositions=frozenset({"without"}),
    weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    months=tuple("january february march april may june july august september october november december".split()),
    intensifiers=frozenset(
        {"very", "so", "most", "more", "extremely", "truly", "utterly", "totally", "so-called", "really", "deeply"}
    ),
    scales={"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9},
    periods={"year": 1, "month": 12, "week": 52, "day": 365},
    yearly=("annually",),
    hedges=tuple(
        "about|some|nearly|almost|roughly|around|approximately|approx.|an estimated|estimated|up to|"
        "more than|over|at least|fewer than|less than|under|just|only|as many as|as few as".split("|")
    ),
    vague_numbers=("dozens", "dozen", "hundreds", "thousands", "tens of thousands", "millions"),
    vague_quantifiers=("a few", "several", "many"),
    measures=frozenset(
        "$ % dollars percent years months weeks days hours minutes seconds miles kilometres kilometers km feet "
        "metres meters acres tons tonnes pounds gallons barrels degrees".split()
    ),
    titles_file="titles.txt",
    abbreviations_file="abbreviations.txt",
    demonyms_file="demonyms.txt",
)
LANGUAGES = {ENGLISH.name: ENGLISH}


def language_named(name: str) -> Language:
    """The language of that name; ValueError naming the known ones otherwise."""
    if name not in LANGUAGES:
        raise ValueError(f"unknown language {name!r}; choose from {', '.join(LANGUAGES)}")
    return LANGUAGES[name]


SAMPLE_CHARS = 1500  # the opening of an article (about 250 words) tells its language
MIN_WORDS = 30  # fewer words than this: too short to tell, no warning
# Share of words that are English function words (scikit-learn's stop-word list), below which a
# text in Latin letters is not English: across the 1,113 real English articles of dev-data and
# the seeds the lowest share is 0.27 (median 0.40); Spanish, German, French and Italian news
# sentences score 0.04-0.11.
ENGLISH_FUNCTION_SHARE = 0.18
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")  # a letter of another script
WORD = re.compile(r"[^\W\d_]+")


def not_english(text: str) -> str | None:
    """Why `text` does not look like English (None when it does, or is too short to tell): the
    check of what the tool can read, whatever language the analysis is given."""
    sample = text[:SAMPLE_CHARS]
    other = len(OTHER_LETTER.findall(sample))  # few or none in English: cheap to count
    if other and other > len(LATIN_LETTER.findall(sample)):
        return f"written mostly in {_script(sample)} letters"
    words = WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    share = sum(w in ENGLISH_STOP_WORDS for w in words) / len(words)  # the whole list: "bill", "fire" too
    if share < ENGLISH_FUNCTION_SHARE:
        return f"only {share:.0%} of its words are common English words (English news has over 25%)"
    return None


def _script(sample: str) -> str:
    """The most common script among the non-Latin letters of `sample` ("Cyrillic", "CJK")."""
    scripts = Counter(
        unicodedata.name(c, "OTHER").split()[0] for c in sample if c.isalpha() and not LATIN_LETTER.match(c)
    )
    name = scripts.most_common(1)[0][0] if scripts else "OTHER"
    return "Chinese, Japanese or Korean" if name == "CJK" else name.title()

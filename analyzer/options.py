"""Every setting that changes what the analysis finds, as frozen dataclasses (scikit-learn style).

Defaults are the measured values; each field says where its value came from. A run records the
options it used, unchanged, under `run.settings` in `analysis.json`, and the tuning scripts in
`benchmarks/` build options instead of patching module globals. How fast the same result comes
(worker processes, engines) is not an option here: see `analyzer.runtime`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
EVENT_MODES = ("auto", "folders", "one")


@dataclass(frozen=True)
class ReadOptions:
    """How the corpus is read: `strict` makes any skipped file or row an error; a link inside an
    input folder to a file outside the input folders is read only with `follow_links` (a corpus
    from elsewhere could otherwise pull /etc/passwd into the report)."""

    strict: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    follow_links: bool = False


@dataclass(frozen=True)
class EventOptions:
    """Grouping articles into events (see `analyzer.events`).

    Two articles may report one happening when their cosine similarity clears
    `similarity + per_day × days apart`. The two numbers are a logistic model of "same story"
    on (similarity, days apart) fitted to the real development sets (AllSides, BASIL, NewsWCL50;
    each set weighted alike): p = σ(30.4·s − 2.22·days − 2.9) ≥ ½, i.e. s ≥ 0.095 + 0.073·days;
    rounded to 0.08 + 0.08·days, which groups AllSides at pair P 0.95 R 0.93 and BASIL and
    NewsWCL50 without a false pair (benchmarks/real_data.py). On the bundled corpus same-event
    pairs score 0.35-0.61, the depot distractor (same mayor, two days later) at most 0.21."""

    # How articles without a declared `event` are grouped: "auto" by content and time (below),
    # "folders" one event per input folder, "one" all of them one story. The user decides
    # when they know better.
    mode: str = "auto"
    similarity: float = 0.08  # the bar on the same day
    per_day: float = 0.08  # the bar rises by this for each day apart
    # Coverage of one event by different outlets spreads over a few days; beyond this it is a
    # different event even with the same people (a board's budget vote in March and its
    # contract vote in June).
    max_days: int = 4
    # Days apart assumed when a date is unknown: on NewsWCL50, whose undated articles are
    # full reports of their event, 1 groups all five events exactly, 2 only two of them.
    undated_days: float = 1.0
    # Added to the bar of two undated articles whose leads place the happening in different
    # cities ("in Beijing" / "MOSCOW:"; `analyzer.lead`). A city is evidence, not proof: on the
    # dev sets, 3 of 24 BASIL and 2 of 7 NewsWCL50 same-story pairs that both name one differ
    # (a Washington dateline over a story from Atlanta). On NewsWCL50 (undated) the differing
    # pairs of one story score 0.39-0.43 and of different stories at most 0.30; 0.18 puts the
    # bar (0.16 + 0.18) between them.
    other_city: float = 0.18
    # Each article's heaviest terms (TF-IDF) that candidate pairs must share one of. Same-event
    # pairs of the bundled corpus (cosine 0.35-0.61) share 8 or more of their top 30.
    terms: int = 30

    def __post_init__(self) -> None:
        if self.mode not in EVENT_MODES:
            raise ValueError(f"unknown event grouping {self.mode!r}; choose from {', '.join(EVENT_MODES)}")


@dataclass(frozen=True)
class AlignOptions:
    """Finding candidate sentence pairs inside an event and keeping them (see `analyzer.align`).
    Whether a candidate states the same fact is the pair scorer's (`model`); its threshold and
    bars are in its weights file, chosen on held-out stories by `framing align train`."""

    # The pair scorer's weights file (`analyzer.pair_model`, made by `framing align train`); None
    # is the shipped one.
    model: str | None = None
    word_weight: float = 0.6  # cosine of stemmed word (and bigram) TF-IDF, in the candidates' similarity
    char_weight: float = 0.4  # cosine of character 3-5-gram TF-IDF
    # A name this share of the event's sentences carry or more (and three at least) is its topic,
    # not a name the two sentences share ("AARP" in a story about AARP). On the BASIL pairs gold,
    # as an anchor of the hand-weighted score before the pair scorer: precision 0.42 to 0.50 at
    # recall 0.55 to 0.54.
    topic_entity_share: float = 0.3
    # A pair this likely is kept when its two sentences are both aligned with one sentence of a
    # third article. benchmarks/align_folds.py: on held-out BASIL stories pooled F1 0.62 with it,
    # 0.61 without (precision 0.75 and 0.77); with three partners per article it took the bundled
    # corpus from F1 0.83 to 0.85, with two it changes nothing there.
    triangle_bar: float = 0.12
    # Partners per sentence and other article: one fact may span two sentences of an article.
    # benchmarks/align_folds.py: 3 gave held-out pooled F1 0.64 and 131,010 alignments on the
    # 1,000 synthetic articles of benchmarks/synth.py (word salad a scorer of real news pairs
    # freely), 2 gave 0.63 and 92,048 (the older aligner 46,706).
    max_partners: int = 2
    # A second partner in one article is kept only at this share of the first's probability or
    # above. Held-out BASIL folds (benchmarks/align_folds.py), share 0 / 0.3 / 0.5 / 0.7: mean F1
    # 0.630 / 0.640 / 0.641 / 0.621, pooled precision 0.75 / 0.77 / 0.79 / 0.81, pooled F1 0.622
    # / 0.623 / 0.613 / 0.592; bundled corpus F1 0.837 / 0.843 / 0.853 / 0.827 (precision 0.92 to
    # 0.98 at 0.5). Synthetic word salad (benchmarks/synth.py, 1,000 articles): 91,466 to 77,200
    # alignments at 0.5.
    second_partner_share: float = 0.5
    # Pairs below this base similarity are never looked at. On the judged BASIL dev stories 0.1
    # left 33 of 182 same-fact pairs out of the candidates, 0.05 left 14; the pair scorer's
    # held-out pooled F1 was 0.57 at 0.1, 0.60 at 0.07, 0.63 at 0.05.
    candidate_floor: float = 0.05
    # A sentence's best candidates kept for scoring: 8 gave held-out pooled F1 0.59, 16 0.62,
    # 32 0.63 at twice the candidates to score (and the align stage 20% slower on synthetic text).
    candidates_per_row: int = 16
    # Events with more articles than this are aligned fact-first against reference articles:
    # with every pair compared, 300 articles of one event took 51 s and gave 311,809 alignments.
    large_event_articles: int = 40
    reference_articles: int = 8  # the event's first articles (by date), against which the others align
    reference_links: int = 2  # alignments kept per other sentence: its best two reference sentences


@dataclass(frozen=True)
class FlagOptions:
    """Matching lexicon terms in context (see `analyzer.framing`)."""

    negation_window: int = 3  # tokens before a term that can negate it ("not radical")
    scare_quote_max_words: int = 3  # a quoted run this short with nobody speaking is a scare quote
    # Weights of the context model that decides which matches are loaded (see `analyzer.context`);
    # None is the shipped model, fitted on the dev loaded-language sets.
    context_model: str | None = None


@dataclass(frozen=True)
class ReportLimits:
    """Caps that keep the PDF and HTML readable and their rendering bounded; what they cut is in
    the CSVs and `analysis.json`. A 1,000-article corpus took 36 s to lay out as PDF with 25
    events of 40 facts; 12 events of 20 facts take 7.5 s."""

    side_by_side_rows: int = 20  # facts per event in the side-by-side view
    findings: int = 8  # lines of "what differs between the outlets", for each event and for the whole corpus
    events: int = 12  # events drawn in full, the most widely covered; the rest are listed
    # Outlets drawn side by side and in the charts (a page holds about this many columns); a story
    # covered by hundreds of outlets shows its first reporters.
    outlets: int = 8
    # Sentences of one outlet shown in one cell of a fact: a page must hold the row.
    cell_sentences: int = 3
    name_chars: int = 60  # an outlet name longer than this is cut in charts and column headings
    # A sentence longer than this is cut (a page with no punctuation would otherwise make one table
    # cell taller than a page).
    sentence_chars: int = 1200
    coverage_rows: int = 30  # facts in an event's coverage chart
    lesson_contrasts: int = 6  # facts side by side in a lesson handout
    lesson_exercises: int = 3  # exercises of each kind in a lesson handout
    warnings: int = 30  # lines of "Warnings about the input"; all of them are in analysis.json
    number_findings: int = 20  # lines of an event's "Numbers stated differently"; all are in facts.csv
    actors: int = 25  # rows of an event's "who is called what"; all are under event_actors in analysis.json


@dataclass(frozen=True)
class AnalysisOptions:
    """The settings of one run: extra lexicon files and each stage's options."""

    lexicons: tuple[str, ...] = ()
    # The language of the articles: its word lists (`analyzer.language.LANGUAGES`); English is
    # the one the lexicons and the context model read today.
    language: str = "english"
    events: EventOptions = field(default_factory=EventOptions)
    align: AlignOptions = field(default_factory=AlignOptions)
    flags: FlagOptions = field(default_factory=FlagOptions)

    def __post_init__(self) -> None:
        from .language import language_named

        language_named(self.language)  # an unknown name fails here, naming the known ones

    def settings(self) -> dict[str, Any]:
        """The options as `run.settings` records them."""
        return {
            "lexicon_files": list(self.lexicons),
            "language": self.language,
            "events": asdict(self.events),
            "align": asdict(self.align),
            "flags": asdict(self.flags),
        }

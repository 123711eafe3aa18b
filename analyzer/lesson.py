"""Classroom material built from an analysis: for one event, a short neutral summary, the most
contrasting facts side by side, who is called what, what each outlet left out, and exercises
whose answers come from the analysis itself (never canned).

Plain data here; `report/lesson.py` draws it as a printable PDF and an HTML page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import categories
from .framing import candidates
from .lexicons import Lexicon
from .model import Analysis, Event, Fact, Flag, Sentence
from .options import ReportLimits
from .rewrite import neutral_rewrite

TECHNIQUES = {c.name: c.technique for c in categories.TABLE}
GLOSSARY = (
    *{c.technique.capitalize(): c.glossary for c in categories.TABLE}.items(),
    (
        "Scare quotes",
        "Quotation marks around a word when nobody is being quoted, as in a “reform”. They let the "
        "writer use a word while mocking it.",
    ),
    (
        "Omission",
        "Leaving out a fact that other outlets report. What a story does not say can frame it as much as what it does.",
    ),
    (
        "Numbers framed differently",
        "The same amount can sound big or small: “$1.2 million a year” or “$100,000 a "
        "month”, “a 25% hike” or “50 cents more”. Vague words (“hundreds”, “a few dozen”) can replace a count.",
    ),
    (
        "Quoted words",
        "Words inside quotation marks belong to the person quoted, not to the outlet. An outlet that "
        "quotes a loaded word fairly is reporting, not framing; which quotes it chooses can still frame a story.",
    ),
)
MIN_CONTRASTS = 3  # facts side by side even when none holds a flag


@dataclass(frozen=True)
class Contrast:
    fact: Fact
    sentences: dict[str, list[Sentence]]  # outlet → its sentences (empty: not reported)
    flags: dict[str, list[Flag]]  # sentence id → flags
    notes: list[str]  # techniques, named in the margin


@dataclass(frozen=True)
class Exercise:
    kind: str
    question: str
    answer: str
    source: str  # the sentence or fact id the exercise comes from


@dataclass(frozen=True)
class Lesson:
    event: Event
    summary: list[str]
    summary_outlet: str
    contrasts: list[Contrast]
    labels: dict[str, dict[str, list[str]]]  # actor → outlet → labels
    left_out: dict[str, list[str]]  # outlet → sentences (of the most neutral outlet) it did not report
    exercises: list[Exercise]


def build_lesson(analysis: Analysis, event: Event, lexicon: Lexicon, limits: ReportLimits = ReportLimits()) -> Lesson:
    sentence = {s.id: s for s in analysis.sentences}
    outlet_of = {a.id: a.outlet for a in analysis.articles}
    flags: dict[str, list[Flag]] = defaultdict(list, analysis.flags_by_sentence())
    facts = [f for f in analysis.facts if f.event == event.id]
    neutral_outlet = _most_neutral(analysis, event)
    summary = _summary(facts, sentence, outlet_of, neutral_outlet)
    contrasts = _contrasts(facts, sentence, outlet_of, flags, event, limits.lesson_contrasts)
    left_out: dict[str, list[str]] = {o: [] for o in event.outlets}
    for fact in facts:
        if len(fact.outlets) < 2:
            continue
        example = _first_of(
            fact, sentence, outlet_of, neutral_outlet if neutral_outlet in fact.outlets else fact.outlets[0]
        )
        for o in fact.missing:
            left_out[o].append(example.text)
    labels = {
        a.name: {o: a.labels.get(o, []) for o in event.outlets}
        for a in analysis.event_actors.get(event.id, ())
        if sum(1 for o in event.outlets if a.labels.get(o)) >= 2
    }
    exercises = _exercises(
        analysis, event, facts, sentence, outlet_of, flags, lexicon, neutral_outlet, limits.lesson_exercises
    )
    return Lesson(event, summary, neutral_outlet, contrasts, labels, left_out, exercises)


def _most_neutral(analysis: Analysis, event: Event) -> str:
    voice_flags: dict[str, int] = defaultdict(int)
    words: dict[str, int] = defaultdict(int)
    for a in analysis.articles:
        if a.id in event.articles:
            words[a.outlet] += a.voice_words
    for f in analysis.flags:
        if f.article in event.articles and not f.quoted:
            voice_flags[f.outlet] += 1
    return min(event.outlets, key=lambda o: (voice_flags[o] / max(1, words[o]), o))


def _first_of(fact: Fact, sentence: dict[str, Sentence], outlet_of: dict[str, str], outlet: str) -> Sentence:
    return next(sentence[s] for s in fact.sentences if outlet_of[sentence[s].article] == outlet)


def _summary(facts, sentence, outlet_of, outlet) -> list[str]:
    """Two sentences: the facts most outlets report, in the most neutral outlet's wording."""
    ranked = sorted(
        (f for f in facts if outlet in f.outlets),
        key=lambda f: (-len(f.outlets), facts.index(f)),
    )[:2]
    ranked.sort(key=facts.index)
    return [_first_of(f, sentence, outlet_of, outlet).text for f in ranked]


def _contrasts(facts, sentence, outlet_of, flags, event, most: int) -> list[Contrast]:
    def weight(fact: Fact) -> float:
        voice = sum(f.weight for s in fact.sentences for f in flags[s] if not f.quoted)
        return voice + 0.5 * len(fact.findings) + 0.3 * len(fact.missing)

    shared = [f for f in facts if len(f.outlets) >= 2]
    chosen = sorted(shared, key=lambda f: (-weight(f), facts.index(f)))[:most]
    chosen = [f for f in chosen if weight(f) > 0] or chosen[:MIN_CONTRASTS]
    chosen.sort(key=facts.index)
    out = []
    for fact in chosen:
        by_outlet: dict[str, list[Sentence]] = {o: [] for o in event.outlets}
        for sid in fact.sentences:
            by_outlet[outlet_of[sentence[sid].article]].append(sentence[sid])
        notes = []
        for sid in fact.sentences:
            for f in flags[sid]:
                if not f.quoted:
                    notes.append(f"{f.outlet}: “{f.text}”, {TECHNIQUES.get(f.category, f.category)}")
        for o in fact.missing:
            notes.append(f"{o}: no sentence states this (a possible omission)")
        for x in fact.findings:
            notes.append(f"numbers framed differently: “{x.texts[0]}” / “{x.texts[1]}”")
        out.append(Contrast(fact, by_outlet, {s: flags[s] for s in fact.sentences}, notes))
    return out


def _exercises(analysis, event, facts, sentence, outlet_of, flags, lexicon, neutral_outlet, per_kind) -> list[Exercise]:
    out = []
    loaded = sorted(
        (s for art in event.articles for s in analysis.sentences if s.article == art),
        key=lambda s: -sum(f.weight for f in flags[s.id] if not f.quoted),
    )
    # A sentence whose rewrite would not read as correct English is not set as an exercise.
    rewrites = {s.id: neutral_rewrite(s, flags[s.id]) for s in loaded if any(not f.quoted for f in flags[s.id])}
    for s in [s for s in loaded if rewrites.get(s.id)][:per_kind]:
        words = ", ".join(f"“{f.text}”" for f in flags[s.id] if not f.quoted)
        out.append(
            Exercise(
                "rewrite",
                f"Rewrite in a neutral voice this sentence from {outlet_of[s.article]}:  {s.text}",
                f"{rewrites[s.id]} (loaded: {words})",
                s.id,
            )
        )
    single = [f for f in facts if len(f.outlets) >= 2 and len(f.missing) == 1]
    for fact in single[:per_kind]:
        example = _first_of(
            fact, sentence, outlet_of, neutral_outlet if neutral_outlet in fact.outlets else fact.outlets[0]
        )
        out.append(
            Exercise(
                "omission",
                f"Which outlet's article does not state this fact?  {example.text}",
                fact.missing[0],
                fact.id,
            )
        )
    seen = set()
    for s in loaded:
        for c in candidates(s, lexicon):
            term = c.entry.term.lower()
            if c.entry.category == "attribution" and not c.quoted and term not in seen:
                seen.add(term)
                word = s.text[c.start : c.end]
                out.append(
                    Exercise(
                        "attribution",
                        f"{outlet_of[s.article]} wrote “{word}” where a neutral report would write “said”:  "
                        f"{s.text}  Why might an outlet choose that word?",
                        c.entry.why,
                        s.id,
                    )
                )
                break
        if len(seen) >= per_kind:
            break
    return out

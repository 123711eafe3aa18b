"""Every stage in order, on an engine: corpus → clean → segment → … → `Analysis`.

The two stages that do the work per item are `article_stage.process_articles` and
`event_stage.process_events`; this module hands their chunks to the engine it is given, merges
what comes back, and does the few corpus-wide steps between them (recurring page text, event
grouping, the corpus's distinctive words, outlet figures). It never chooses an engine nor touches
the garbage collector: `analyzer.api` and the CLI do.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from . import context, lexicons, pair_model
from .align import AlignInputs, EventWork, event_work
from .article_stage import MergedArticles, merge_articles, process_articles
from .clean import recurring_lines
from .compare import distinctive_counted, outlet_summaries
from .contrast import contrast_flags
from .corpus import Corpus
from .event_stage import merge_events, process_events
from .events import group_counted
from .language import language_named
from .model import Analysis, Event, Flag, Sentence
from .options import AnalysisOptions

if TYPE_CHECKING:
    from .runtime import Engine


def tool_version() -> str:
    try:
        return version("framing-analyzer")
    except PackageNotFoundError:
        return "0+unknown"


# Stages as `on_stage` reports them: "clean" finds the page text that recurs across the corpus;
# "articles" cleans, segments, flags and computes the features of each article (in workers);
# "events" groups the articles and finds the corpus's distinctive words; "align" aligns each
# event and finds its facts, numbers, distinctive words and actors (in workers); "compare"
# gathers actors and outlet figures.
STAGES = ("clean", "articles", "events", "align", "compare")


def run(
    corpus: Corpus, *, options: AnalysisOptions, engine: Engine, on_stage: Callable[[str], None] | None = None
) -> Analysis:
    """Run every stage over a loaded corpus on `engine` and return the `Analysis` (the same on
    every engine). `on_stage` is called with each name of `STAGES` as that stage starts."""
    stage = on_stage or (lambda name: None)
    lexicon = lexicons.load(options.lexicons)
    language = language_named(options.language)
    context.load(options.flags.context_model)  # a context model that cannot be read fails before any work
    aligner = pair_model.load(options.align.model)  # so does an aligner
    done, events = _articles_and_events(corpus, options, engine, lexicon, stage)
    event_of = {aid: e.id for e in events for aid in e.articles}
    infos = tuple(replace(i, event=event_of[i.id]) for i in done.infos)
    outlet_of = {a.id: a.outlet for a in corpus.articles}
    sentences = done.sentences
    # The corpus's distinctive words now, so that its word counts are freed before alignment.
    corpus_distinctive = distinctive_counted(*done.terms, [outlet_of[s.article] for s in sentences])
    done.terms = None
    stage("align")
    size = Counter(s.article for s in sentences)
    plan = engine.split(range(len(events)), weights=[sum(size[a] for a in e.articles) for e in events])
    inputs = AlignInputs.build(events, sentences, outlet_of, done.features, options.align)
    done.features = None
    chunks = engine.map(
        partial(process_events, lexicon=lexicon, language=language), plan, shared=inputs, prepare=event_work
    )
    del inputs  # the feature counts are not needed any more
    stage("compare")
    found = merge_events(chunks)
    by_id = {s.id: s for s in sentences}
    contrasts = contrast_flags(found.alignments, by_id, outlet_of, done.unflagged, done.flags, aligner.sure)
    flags = _in_order(done.flags + tuple(contrasts), sentences) if contrasts else done.flags
    return Analysis(
        tool={"name": "framing-analyzer", "version": tool_version()},
        run=_run_record(corpus, options, lexicon),
        articles=infos,
        events=events,
        sentences=sentences,
        removed=done.removed,
        alignments=found.alignments,
        facts=found.facts,
        flags=flags,
        actors=found.actors,
        outlets=outlet_summaries(infos, sentences, flags, done.headline_flags, done.attribution),
        warnings=corpus.warnings + coverage_warnings(corpus),
        headline_flags=done.headline_flags,
        distinctive=corpus_distinctive,
        event_distinctive=found.distinctive,
        event_actors=found.event_actors,
    )


def _articles_and_events(
    corpus: Corpus,
    options: AnalysisOptions,
    engine: Engine,
    lexicon: lexicons.Lexicon,
    stage: Callable[[str], None],
) -> tuple[MergedArticles, list[Event]]:
    """The stages before alignment: recurring page text, each article's stage, event grouping."""
    stage("clean")
    recurring = recurring_lines(corpus.articles)
    stage("articles")
    articles = list(corpus.articles)
    parts = engine.map(
        partial(
            process_articles,
            recurring=recurring,
            lexicon=lexicon,
            options=options.flags,
            language=language_named(options.language),
        ),
        engine.split(articles, weights=[max(1, len(a.body) // 1000) for a in articles]),
    )
    done = merge_articles(parts)
    del parts
    stage("events")
    return done, group_counted(articles, done.event_counts, options.events, done.leads)


def event_works(corpus: Corpus, *, options: AnalysisOptions, engine: Engine) -> list[EventWork]:
    """Each event of the corpus with what its alignment needs (`align.EventWork`), as `run` would
    hand it to the align stage: the pair scorer's training data is made of these."""
    done, events = _articles_and_events(corpus, options, engine, lexicons.load(options.lexicons), lambda name: None)
    outlet_of = {a.id: a.outlet for a in corpus.articles}
    inputs = AlignInputs.build(events, done.sentences, outlet_of, done.features, options.align)
    return event_work(range(len(events)), inputs)


def _in_order(flags: tuple[Flag, ...], sentences: tuple[Sentence, ...]) -> tuple[Flag, ...]:
    """Flags in the order of their sentences, then of their place in the sentence."""
    order = {s.id: n for n, s in enumerate(sentences)}
    return tuple(sorted(flags, key=lambda f: (order[f.sentence], f.start)))


def coverage_warnings(corpus: Corpus) -> tuple[str, ...]:
    """What the corpus as a whole lacks for a comparison ("only one outlet"): the analysis's
    warnings after the corpus's own."""
    outlets = {a.outlet for a in corpus.articles}
    if len(outlets) < 2:
        return (
            f"only one outlet ({next(iter(outlets))}): aligning facts and comparing outlets needs articles "
            "from at least two",
        )
    return ()


def _run_record(corpus: Corpus, options: AnalysisOptions, lexicon: lexicons.Lexicon) -> dict[str, object]:
    return {
        "inputs": [{"path": p, "sha256": h} for p, h in sorted(corpus.files.items())],
        "lexicons": list(lexicon.sources),
        "settings": options.settings(),
        "corpus_sha256": hashlib.sha256("".join(h for _, h in sorted(corpus.files.items())).encode()).hexdigest(),
    }

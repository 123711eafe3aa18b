"""The one function that runs every stage: corpus → clean → segment → … → `Analysis`."""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from functools import partial
from importlib.metadata import PackageNotFoundError, version

from . import lexicons
from .actors import find_actors
from .align import align
from .clean import clean_corpus
from .compare import distinctive_by_event, outlet_summaries
from .corpus import Corpus
from .events import group_events
from .framing import classify_swaps, flag_headline, flag_sentence
from .model import Analysis, Article, ArticleInfo, Flag, Sentence
from .numbers import compare_numbers
from .parallel import map_chunks
from .segment import inside, quote_spans, sentence_spans, word_spans

# The first this-many sentences of an article are its lead, the last fifth its end: where a
# fact sits tells whether an outlet led with it or buried it.
LEAD_SENTENCES = 2
END_SHARE = 0.8


@dataclass(frozen=True)
class AnalysisOptions:
    """Settings of one run. Those that change results are written to `analysis.json` under
    `run.settings`; `jobs` changes only how fast the same result comes."""

    lexicons: tuple[str, ...] = ()
    jobs: int = 1


def tool_version() -> str:
    try:
        return version("framing-analyzer")
    except PackageNotFoundError:
        return "0+unknown"


STAGES = ("clean", "segment", "events", "align", "framing", "compare")


def analyze(
    corpus: Corpus,
    *,
    options: AnalysisOptions = AnalysisOptions(),
    on_stage: Callable[[str], None] | None = None,
) -> Analysis:
    """Run every stage over a loaded corpus and return the `Analysis`.

    `on_stage` is called with each name of `STAGES` as that stage starts (for progress bars and
    the benchmark's per-stage timings)."""
    stage = on_stage or (lambda name: None)
    lexicon = lexicons.load(options.lexicons)
    stage("clean")
    cleaned = clean_corpus(corpus.articles)
    stage("segment")
    removed = [r for art in corpus.articles for r in cleaned[art.id].removed]
    segmented = map_chunks(_segment_chunk, [(a, cleaned[a.id].kept) for a in corpus.articles], options.jobs)
    sentences: list[Sentence] = [s for art_sentences, _ in segmented for s in art_sentences]
    infos: list[ArticleInfo] = [info for _, info in segmented]
    stage("events")
    texts = {a.id: "\n".join(a.body[k.start : k.end] for k in cleaned[a.id].kept) for a in corpus.articles}
    events = group_events(corpus.articles, texts)
    event_of = {aid: e.id for e in events for aid in e.articles}
    infos = [replace(i, event=event_of[i.id]) for i in infos]
    outlet_of = {a.id: a.outlet for a in corpus.articles}
    stage("align")
    alignments, facts = align(events, sentences, outlet_of, jobs=options.jobs)
    by_id = {s.id: s for s in sentences}
    facts = tuple(replace(f, numbers=compare_numbers(f, by_id, outlet_of)) for f in facts)
    stage("framing")
    flags = tuple(
        map_chunks(
            partial(_flag_chunk, lexicon=lexicon),
            [(s, outlet_of[s.article]) for s in sentences],
            options.jobs,
        )
    )
    headline_flags = tuple(f for a in corpus.articles for f in flag_headline(a, lexicon))
    alignments = classify_swaps(alignments, lexicon)
    actors = find_actors(events, sentences, outlet_of, lexicon)
    stage("compare")
    return Analysis(
        tool={"name": "framing-analyzer", "version": tool_version()},
        run=_run_record(corpus, options, lexicon),
        articles=tuple(infos),
        events=events,
        sentences=tuple(sentences),
        removed=tuple(removed),
        alignments=alignments,
        facts=facts,
        flags=flags,
        actors=actors,
        outlets=outlet_summaries(infos, sentences, flags, headline_flags),
        warnings=corpus.warnings + _coverage_warnings(corpus),
        extra={
            "headline_flags": [_flag_record(f) for f in headline_flags],
            "distinctive": distinctive_by_event(events, sentences, outlet_of),
        },
    )


def _coverage_warnings(corpus: Corpus) -> tuple[str, ...]:
    outlets = {a.outlet for a in corpus.articles}
    if len(outlets) < 2:
        return (
            f"only one outlet ({next(iter(outlets))}): aligning facts and comparing outlets needs articles "
            "from at least two",
        )
    return ()


def _segment_chunk(items: Sequence[tuple[Article, Sequence]]) -> list[tuple[list[Sentence], ArticleInfo]]:
    out = []
    for art, kept in items:
        art_sentences = segment_article(art, kept)
        out.append((art_sentences, _info(art, art_sentences)))
    return out


def _flag_chunk(items: Sequence[tuple[Sentence, str]], *, lexicon: lexicons.Lexicon) -> list[Flag]:
    return [f for s, outlet in items for f in flag_sentence(s, outlet, lexicon)]


def segment_article(article: Article, kept: Sequence) -> list[Sentence]:
    """Sentences of the kept spans of `article`, with quoted speech and position marked."""
    body = article.body
    quotes = quote_spans(body)  # sorted and disjoint, so their ends are sorted too
    ends = [q.end for q in quotes]
    spans = [s for k in kept for s in sentence_spans(body, k.start, k.end)]
    out = []
    for index, span in enumerate(spans):
        local = []
        n = bisect.bisect_right(ends, span.start)
        while n < len(quotes) and quotes[n].start < span.end:
            q = quotes[n]
            local.append((max(q.start, span.start) - span.start, min(q.end, span.end) - span.start))
            n += 1
        out.append(
            Sentence(
                id=f"{article.id}:{index}",
                article=article.id,
                index=index,
                start=span.start,
                end=span.end,
                text=body[span.start : span.end],
                quotes=tuple(local),
                position=_position(index, len(spans)),
            )
        )
    return out


def _position(index: int, total: int) -> str:
    if index < LEAD_SENTENCES:
        return "lead"
    if total > LEAD_SENTENCES + 2 and index >= total * END_SHARE:
        return "end"
    return "body"


def _info(article: Article, sentences: Sequence[Sentence]) -> ArticleInfo:
    words = voice = 0
    for s in sentences:
        for w in word_spans(s.text):
            words += 1
            if not inside(s.quotes, w.start, w.end):
                voice += 1
    return ArticleInfo(
        id=article.id,
        outlet=article.outlet,
        title=article.title,
        date=article.date,
        source=article.source,
        event=article.event,
        words=words,
        voice_words=voice,
        url=article.url,
        sha256=article.sha256,
    )


def _flag_record(flag: Flag) -> dict[str, object]:
    return {f.name: getattr(flag, f.name) for f in fields(flag)}


def _run_record(corpus: Corpus, options: AnalysisOptions, lexicon: lexicons.Lexicon) -> dict[str, object]:
    return {
        "inputs": [{"path": p, "sha256": h} for p, h in sorted(corpus.files.items())],
        "lexicons": list(lexicon.sources),
        "settings": {"aligner": "tfidf", "lexicon_files": list(options.lexicons)},
        "corpus_sha256": hashlib.sha256("".join(h for _, h in sorted(corpus.files.items())).encode()).hexdigest(),
    }

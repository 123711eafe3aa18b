"""The one function that runs every stage: corpus → clean → segment → … → `Analysis`."""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from functools import partial
from importlib.metadata import PackageNotFoundError, version

from scipy.sparse import csr_matrix, vstack

from . import collector, lexicons
from .actors import ActorCounts, ActorRules, actors_of, event_actors
from .align import AlignInputs, EventWork, Features, FeatureStore, align_event, event_work, sentence_features
from .clean import clean_article, recurring_lines
from .compare import distinctive as distinctive_terms
from .compare import distinctive_counted, merge_terms, outlet_summaries, voice_terms
from .corpus import Corpus
from .events import article_counts, group_counted
from .features import content_words
from .framing import classify_swaps, flag_headline, flag_sentence
from .model import Alignment, Analysis, Article, ArticleInfo, Fact, Flag, Removal, Sentence
from .numbers import compare_numbers
from .parallel import Engine
from .segment import inside, quote_spans, sentence_spans, word_spans
from .segment import words as split_words

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


# Stages as `on_stage` reports them: "clean" finds the page text that recurs across the corpus;
# "articles" cleans, segments, flags and computes the features of each article (in workers);
# "events" groups the articles and finds the corpus's distinctive words; "align" aligns each
# event and finds its facts, numbers, distinctive words and actors (in workers); "compare"
# gathers actors and outlet figures.
STAGES = ("clean", "articles", "events", "align", "compare")


def analyze(
    corpus: Corpus,
    *,
    options: AnalysisOptions = AnalysisOptions(),
    on_stage: Callable[[str], None] | None = None,
    engine: Engine | None = None,
) -> Analysis:
    """Run every stage over a loaded corpus and return the `Analysis`.

    Per-article and per-event work runs on `engine` (default: `options.jobs` local processes);
    the result does not depend on the engine. `on_stage` is called with each name of `STAGES` as
    that stage starts (for progress bars and the benchmark's per-stage timings)."""
    stage = on_stage or (lambda name: None)
    lexicon = lexicons.load(options.lexicons)
    own_engine = engine is None
    run = engine or Engine(options.jobs)
    try:
        with collector.paused():
            stage("clean")
            recurring = recurring_lines(corpus.articles)
            stage("articles")
            articles = list(corpus.articles)
            parts = run.map(
                partial(_article_chunk, recurring=recurring, lexicon=lexicon),
                run.split(articles, weights=[max(1, len(a.body) // 1000) for a in articles]),
            )
            removed = [r for p in parts for r in p.removed]
            sentences = [s for p in parts for s in p.sentences]
            flags = tuple(f for p in parts for f in p.flags)
            headline_flags = tuple(f for p in parts for f in p.headline_flags)
            stage("events")
            events = group_counted(articles, vstack([p.event_counts for p in parts], format="csr"))
            event_of = {aid: e.id for e in events for aid in e.articles}
            infos = [replace(i, event=event_of[i.id]) for p in parts for i in p.infos]
            outlet_of = {a.id: a.outlet for a in corpus.articles}
            features = FeatureStore([p.features for p in parts])
            terms, vocabulary = merge_terms([p.terms for p in parts])
            # The corpus's distinctive words now, so that its word counts are gone before alignment.
            corpus_distinctive = distinctive_counted(terms, vocabulary, [outlet_of[s.article] for s in sentences])
            del parts, terms, vocabulary
            stage("align")
            size = Counter(s.article for s in sentences)
            plan = run.split(range(len(events)), weights=[sum(size[a] for a in e.articles) for e in events])
            inputs = AlignInputs.build(events, sentences, outlet_of, features)
            done = run.map(partial(_event_chunk, lexicon=lexicon), plan, shared=inputs, prepare=event_work)
            del inputs, features  # the feature counts are not needed any more
            alignments = tuple(a for chunk in done for r in chunk for a in r.alignments)
            facts = tuple(f for chunk in done for r in chunk for f in r.facts)
            distinctive = {r.event: r.distinctive for chunk in done for r in chunk if r.distinctive is not None}
            stage("compare")
            counts = ActorCounts()
            for chunk in done:
                for r in chunk:
                    counts.add(r.actors)
            actors = actors_of(counts)
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
                    "distinctive": {
                        "corpus": corpus_distinctive,
                        "events": distinctive,
                    },
                },
            )
    finally:
        if own_engine:
            run.close()


@dataclass
class _ArticlesDone:
    """What the per-article stage returns for one chunk of articles."""

    removed: list[Removal]
    sentences: list[Sentence]
    infos: list[ArticleInfo]
    flags: list[Flag]
    headline_flags: list[Flag]
    features: Features  # alignment features (counts) of `sentences`
    terms: tuple[csr_matrix, list[str]]  # own-voice word counts of `sentences`, and their vocabulary
    event_counts: csr_matrix  # event features (counts), one row per article


def _article_chunk(
    articles: Sequence[Article], *, recurring: frozenset[str], lexicon: lexicons.Lexicon
) -> _ArticlesDone:
    """Clean, segment and flag each article of a chunk, and compute its features."""
    removed, sentences, infos, flags, headline_flags, texts = [], [], [], [], [], []
    tokens: list[list[str]] = []  # words of each sentence, split once for every use
    content: list[list[str]] = []  # content words of each sentence
    per_article: list[list[str]] = []  # and of each article
    for art in articles:
        cleaned = clean_article(art, recurring=recurring)
        removed.extend(cleaned.removed)
        own = segment_article(art, cleaned.kept)
        sentences.extend(own)
        own_tokens = [split_words(s.text) for s in own]
        tokens.extend(own_tokens)
        own_content = [content_words(s.text, t) for s, t in zip(own, own_tokens, strict=True)]
        content.extend(own_content)
        per_article.append([w for c in own_content for w in c])
        infos.append(_info(art, own, own_tokens))
        flags.extend(
            f for s, t in zip(own, own_tokens, strict=True) for f in flag_sentence(s, art.outlet, lexicon, words=t)
        )
        headline_flags.extend(flag_headline(art, lexicon))
        texts.append("\n".join(art.body[k.start : k.end] for k in cleaned.kept))
    return _ArticlesDone(
        removed,
        sentences,
        infos,
        flags,
        headline_flags,
        sentence_features(sentences, tokens, content),
        voice_terms(sentences),
        article_counts(articles, texts, per_article),
    )


@dataclass
class _EventDone:
    """What the per-event stage returns for one event."""

    event: str
    alignments: list[Alignment]
    facts: list[Fact]
    distinctive: dict | None  # distinctive words per outlet, for events of several outlets
    actors: ActorCounts


def _event_chunk(works: Sequence[EventWork], *, lexicon: lexicons.Lexicon) -> list[_EventDone]:
    """Align each event of a chunk, and find its facts' numbers, distinctive words and actors."""
    out = []
    rules = ActorRules.of(lexicon)
    for w in works:
        alignments, facts = align_event(w)
        alignments = classify_swaps(alignments, lexicon)
        by_id = {s.id: s for s in w.sentences}
        facts = [replace(f, numbers=compare_numbers(f, by_id, w.outlet_of)) for f in facts]
        several = len(w.event.outlets) > 1
        distinctive = distinctive_terms(w.sentences, w.outlet_of) if several else None
        out.append(
            _EventDone(w.event.id, alignments, facts, distinctive, event_actors(w.sentences, w.outlet_of, rules))
        )
    return out


def _coverage_warnings(corpus: Corpus) -> tuple[str, ...]:
    outlets = {a.outlet for a in corpus.articles}
    if len(outlets) < 2:
        return (
            f"only one outlet ({next(iter(outlets))}): aligning facts and comparing outlets needs articles "
            "from at least two",
        )
    return ()


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


def _info(article: Article, sentences: Sequence[Sentence], tokens: Sequence[list[str]]) -> ArticleInfo:
    """The article's record, with its word counts; `tokens` holds each sentence's words."""
    words = voice = 0
    for s, toks in zip(sentences, tokens, strict=True):
        if not s.quotes:
            n = len(toks)
            words, voice = words + n, voice + n
            continue
        spans = word_spans(s.text)
        words += len(spans)
        voice += sum(1 for w in spans if not inside(s.quotes, w.start, w.end))
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

"""The per-article stage: clean, segment, flag and compute the features of a chunk of articles.

`process_articles` is a pure function of its chunk and options, so it runs the same in this
process, a local worker or a Dask worker; `merge_articles` puts the chunks' results together in
the corpus's order, beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scipy.sparse import csr_matrix, vstack

from . import context
from .align import Features, FeatureStore, sentence_features
from .clean import clean_article
from .compare import merge_terms, voice_terms
from .events import article_counts
from .features import content_words
from .framing import Candidate, candidates, decide, flag_headline
from .language import Language
from .lead import Lead, lead_of
from .lexicons import Lexicon
from .model import Article, ArticleInfo, Flag, Removal, Sentence
from .options import FlagOptions
from .segment import LEAD_SENTENCES, inside, segment_article, word_spans
from .segment import words as split_words


@dataclass
class ArticlesResult:
    """What the per-article stage returns for one chunk of articles."""

    removed: list[Removal]
    sentences: list[Sentence]
    infos: list[ArticleInfo]
    flags: list[Flag]
    headline_flags: list[Flag]
    attribution: list[tuple[str, str]]  # (outlet, term) of each attribution verb in an outlet's own voice
    # sentence id → its curated matches in the outlet's voice that were not flagged, for contrasts
    unflagged: dict[str, list[Candidate]]
    features: Features  # alignment features (counts) of `sentences`
    terms: tuple[csr_matrix, list[str]]  # own-voice word counts of `sentences`, and their vocabulary
    event_counts: csr_matrix  # event features (counts), one row per article
    leads: list[Lead]  # when and where each article's headline and lead say it happened


def process_articles(
    articles: Sequence[Article],
    *,
    recurring: frozenset[str],
    lexicon: Lexicon,
    options: FlagOptions,
    language: Language,
) -> ArticlesResult:
    """Clean, segment and flag each article of a chunk, and compute its features; `recurring`
    is the page text that recurs across the corpus (`clean.recurring_lines`), and `language`
    gives the word lists."""
    removed, sentences, infos, flags, headline_flags, texts, leads = [], [], [], [], [], [], []
    attribution: list[tuple[str, str]] = []
    unflagged: dict[str, list[Candidate]] = {}
    model = context.load(options.context_model)
    tokens: list[list[str]] = []  # words of each sentence, split once for every use
    content: list[list[str]] = []  # content words of each sentence
    per_article: list[list[str]] = []  # and of each article
    for art in articles:
        cleaned = clean_article(art, recurring=recurring)
        removed.extend(cleaned.removed)
        own = segment_article(art, cleaned.kept, language)
        sentences.extend(own)
        own_tokens = [split_words(s.text) for s in own]
        tokens.extend(own_tokens)
        own_content = [content_words(s.text, t, language) for s, t in zip(own, own_tokens, strict=True)]
        content.extend(own_content)
        per_article.append([w for c in own_content for w in c])
        infos.append(article_info(art, own, own_tokens))
        for s, t in zip(own, own_tokens, strict=True):
            found = candidates(s, lexicon, words=t, options=options, language=language)
            flags.extend(decide(s, art.outlet, found, options))
            attribution.extend(
                (art.outlet, c.entry.term.lower()) for c in found if c.entry.category == "attribution" and not c.quoted
            )
            passed = [
                c
                for c in found
                if context.tier(c.entry) == "curated"
                and not c.quoted
                and not c.scare
                and not model.loaded(c.score, c.entry)
            ]
            if passed:
                unflagged[s.id] = passed
        headline_flags.extend(flag_headline(art, lexicon, options, language))
        texts.append("\n".join(art.body[k.start : k.end] for k in cleaned.kept))
        dateline = next((r.text for r in cleaned.removed if r.reason == "dateline"), None)
        leads.append(lead_of(art.title, " ".join(s.text for s in own[:LEAD_SENTENCES]), dateline, language))
    return ArticlesResult(
        removed,
        sentences,
        infos,
        flags,
        headline_flags,
        attribution,
        unflagged,
        sentence_features(sentences, tokens, content, language),
        voice_terms(sentences, language),
        article_counts(articles, texts, per_article, language),
        leads,
    )


@dataclass
class MergedArticles:
    """The per-article results of the whole corpus, in its order."""

    removed: tuple[Removal, ...]
    sentences: tuple[Sentence, ...]
    infos: tuple[ArticleInfo, ...]  # without their event yet
    flags: tuple[Flag, ...]
    headline_flags: tuple[Flag, ...]
    attribution: tuple[tuple[str, str], ...]
    unflagged: dict[str, list[Candidate]]
    features: FeatureStore | None  # None once alignment has taken what it needs
    terms: tuple[csr_matrix, list[str]] | None  # None once the distinctive words are found
    event_counts: csr_matrix
    leads: tuple[Lead, ...]


def merge_articles(parts: Sequence[ArticlesResult]) -> MergedArticles:
    """The chunks' results as one, in chunk order (the chunks are consecutive runs of articles)."""
    return MergedArticles(
        removed=tuple(r for p in parts for r in p.removed),
        sentences=tuple(s for p in parts for s in p.sentences),
        infos=tuple(i for p in parts for i in p.infos),
        flags=tuple(f for p in parts for f in p.flags),
        headline_flags=tuple(f for p in parts for f in p.headline_flags),
        attribution=tuple(a for p in parts for a in p.attribution),
        unflagged={sid: found for p in parts for sid, found in p.unflagged.items()},
        features=FeatureStore([p.features for p in parts]),
        terms=merge_terms([p.terms for p in parts]),
        event_counts=vstack([p.event_counts for p in parts], format="csr"),
        leads=tuple(x for p in parts for x in p.leads),
    )


def article_info(article: Article, sentences: Sequence[Sentence], tokens: Sequence[list[str]]) -> ArticleInfo:
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
        inferred=article.inferred,
    )

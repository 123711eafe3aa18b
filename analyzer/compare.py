"""Per-outlet figures and what distinguishes each outlet's coverage.

- Loaded language per outlet: voice flags per 100 words of the outlet's own voice (quotes
  excluded), by category; headlines counted apart, since a loaded headline over a neutral body is
  a finding of its own.
- Attribution profile: neutral "said" against doubt-casting ("claimed", "insisted") and
  presupposing ("admitted", "conceded") verbs.
- Tone kept apart from intensity: VADER's compound score (negative to positive) averaged over the
  outlet's own-voice text, and the share of emotionally charged words (VADER's positive plus
  negative share), from the lexicon inside the installed vaderSentiment package.
- Distinctive words: log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
  2008), each outlet against all the others, with z-scores; a term counts as distinctive only
  above the noise floor, the largest |z| reached when the same sentences are dealt to the outlets
  at random (a permutation test).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy.sparse import csr_matrix, vstack

from .features import WORD_MAX_CHARS, count_rows
from .language import ENGLISH, Language
from .lexicons import inflections
from .model import ArticleInfo, Attribution, DistinctiveTerm, DistinctiveWords, Flag, OutletSummary, Sentence
from .segment import inside, word_spans, words

NEUTRAL_ATTRIBUTION = frozenset({"said", "says", "say", "told", "tells", "added", "adds", "according"})
# Attribution verbs that presuppose the reported statement is true (factive), as against those
# that cast doubt on it (Recasens et al. 2013).
PRESUPPOSING = frozenset(
    form for base in ("admit", "concede", "acknowledge", "reveal", "confess") for form in inflections(base)
)
PRIOR_STRENGTH = 500.0  # total pseudo-count of the informative Dirichlet prior (corpus word shares)
PERMUTATIONS = 30  # random re-deals of sentences for the noise floor
PERMUTATION_SEED = 20261122
NOISE_QUANTILE = 0.95  # the floor is this quantile of the largest |z| per random deal
TOP_TERMS = 12
# Sentences per outlet scored for tone: the standard error of a mean compound score over 2,000
# sentences is below 0.01, finer than the chart shows.
TONE_SAMPLE = 2000
# Words of one sentence VADER scores. Its cost grows with the square of a sentence's length (a
# 20,000-word run-on sentence took 34 s); the longest of the 21,410 sentences of real news in
# dev-data has 151 words, so the cap changes nothing in real prose.
TONE_MAX_WORDS = 200
MIN_TERM_COUNT = 2  # a word used once cannot distinguish an outlet
# Sentence-word entries counted at once when the sentences are dealt at random: all the deals of
# an event in one sparse product (one deal at a time made a two-article event cost 30 ms, and
# 45,000 such events 11 minutes), the deals of a corpus of millions of entries one by one.
DEAL_ENTRIES = 2_000_000


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def voice_text(sentence: Sentence) -> str:
    """The sentence with quoted speech blanked out: the outlet's own words."""
    text, pieces, at = sentence.text, [], 0
    for s, e in sentence.quotes:
        pieces += [text[at:s], " " * (e - s)]
        at = e
    pieces.append(text[at:])
    return "".join(pieces)


def outlet_summaries(
    articles: Sequence[ArticleInfo],
    sentences: Sequence[Sentence],
    flags: Sequence[Flag],
    headline_flags: Sequence[Flag],
    attribution: Sequence[tuple[str, str]],
) -> tuple[OutletSummary, ...]:
    """Each outlet's figures; `attribution` holds (outlet, term) of every attribution verb in an
    outlet's own voice, flagged or not."""
    terms_of: dict[str, list[str]] = defaultdict(list)
    for outlet, term in attribution:
        terms_of[outlet].append(term)
    by_outlet: dict[str, list[ArticleInfo]] = defaultdict(list)
    for a in articles:
        by_outlet[a.outlet].append(a)
    outlet_of = {a.id: a.outlet for a in articles}
    sents: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        sents[outlet_of[s.article]].append(s)
    out = []
    for outlet in sorted(by_outlet):
        arts = by_outlet[outlet]
        own = [f for f in flags if f.outlet == outlet]
        voice = [f for f in own if not f.quoted]
        words = sum(a.words for a in arts)
        voice_words = sum(a.voice_words for a in arts)
        heads = [f for f in headline_flags if f.outlet == outlet and not f.quoted]
        head_words = sum(len(word_spans(a.title)) for a in arts)
        out.append(
            OutletSummary(
                name=outlet,
                articles=len(arts),
                words=words,
                voice_words=voice_words,
                flags=len(own),
                voice_flags=len(voice),
                loaded_per_100_words=_per_100(len(voice), voice_words),
                categories=dict(sorted(Counter(f.category for f in voice).items())),
                quoted_flags=len(own) - len(voice),
                quote_share=round(1 - voice_words / words, 3) if words else 0.0,
                weighted_per_100_words=_per_100(sum(f.weight for f in voice), voice_words),
                terms=dict(sorted(Counter(f.term.lower() for f in voice).items())),
                headline_flags=len(heads),
                headline_loaded_per_100_words=_per_100(len(heads), head_words),
                attribution=attribution_profile(sents[outlet], terms_of[outlet]),
                **tone(sents[outlet]),
            )
        )
    return tuple(out)


def _per_100(count: float, words: int) -> float:
    return round(100 * count / words, 2) if words else 0.0


def attribution_profile(sentences: Sequence[Sentence], terms: Sequence[str]) -> Attribution:
    """How the outlet attributes statements: neutral, doubt-casting and presupposing verbs.
    `terms` are the lexicon terms of the attribution verbs in the outlet's own voice."""
    neutral = 0
    for s in sentences:
        low = s.text.lower()
        if not any(verb in low for verb in NEUTRAL_ATTRIBUTION):
            continue  # most sentences: no need to split them into words
        if not s.quotes:
            neutral += sum(1 for w in words(s.text) if w.lower() in NEUTRAL_ATTRIBUTION)
            continue
        for w in word_spans(s.text):
            if not inside(s.quotes, w.start, w.end) and s.text[w.start : w.end].lower() in NEUTRAL_ATTRIBUTION:
                neutral += 1
    presupposing = sum(1 for t in terms if t in PRESUPPOSING)
    doubting = len(terms) - presupposing
    return Attribution(neutral=neutral, doubt_casting=doubting, presupposing=presupposing)


def tone(sentences: Sequence[Sentence]) -> dict[str, float]:
    """Tone (mean VADER compound, -1..1) and intensity (mean charged-word share, 0..1) of the
    outlet's own voice, over at most TONE_SAMPLE sentences spread evenly through the outlet's
    text (VADER is pure Python; the sample keeps large corpora fast)."""
    step = max(1, len(sentences) // TONE_SAMPLE)
    texts = [_tone_words(voice_text(s)) for s in sentences[::step]]
    texts = [t for t in texts if t]
    if not texts:
        return {"tone": 0.0, "intensity": 0.0}
    scores = [_vader().polarity_scores(t) for t in texts]
    return {
        "tone": round(sum(s["compound"] for s in scores) / len(scores), 3),
        "intensity": round(sum(s["pos"] + s["neg"] for s in scores) / len(scores), 3),
    }


def _tone_words(text: str) -> str:
    """The words of `text` VADER scores: its first TONE_MAX_WORDS, tokens too long to be words
    left out (VADER's cost also grows with a token's length)."""
    return " ".join([w for w in text.split() if len(w) <= WORD_MAX_CHARS][:TONE_MAX_WORDS])


_TERM = re.compile(r"[A-Za-z][A-Za-z’'-]{2,}")  # words of three letters or more


def _tokens(sentence: Sentence, stop_words: frozenset[str]) -> list[str]:
    """The words of a sentence's own voice, lower-cased, without stop words and without tokens
    too long to be words (`WORD_MAX_CHARS`: a run of letters without spaces is none)."""
    return [w for w in _TERM.findall(voice_text(sentence).lower()) if w not in stop_words and len(w) <= WORD_MAX_CHARS]


def log_odds(ya: np.ndarray, yb: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """z-scores of the log-odds ratio of each word (columns), counts A against counts B, with an
    informative Dirichlet prior proportional to `prior` (Monroe et al. 2008). Antisymmetric:
    log_odds(yb, ya, p) is the negative of log_odds(ya, yb, p). Words absent from the prior get 0.
    `ya` and `yb` may be matrices (one comparison a row), all computed at once."""
    ya, yb, prior = (np.asarray(v, dtype=float) for v in (ya, yb, prior))
    na, nb = ya.sum(axis=-1, keepdims=True), yb.sum(axis=-1, keepdims=True)
    return _log_odds(ya, yb, na, nb, _alpha(prior))


def _alpha(prior: np.ndarray) -> np.ndarray:
    """The Dirichlet prior's pseudo-count of each word: PRIOR_STRENGTH shared by `prior`."""
    return PRIOR_STRENGTH * prior / prior.sum() if prior.sum() else np.zeros_like(prior)


def _log_odds(ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """`log_odds` element by element: word counts `ya`, `yb` out of totals `na`, `nb`."""
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((ya + alpha) / (na + PRIOR_STRENGTH - ya - alpha)) - np.log(
            (yb + alpha) / (nb + PRIOR_STRENGTH - yb - alpha)
        )
        z = delta / np.sqrt(1 / (ya + alpha) + 1 / (yb + alpha))
    return np.where(alpha > 0, np.nan_to_num(z), 0.0)


def voice_terms(sentences: Sequence[Sentence], language: Language = ENGLISH) -> tuple[csr_matrix, list[str]]:
    """Counts of the words of each sentence's own voice (rows) over the vocabulary of these
    sentences (columns), which `merge_terms` joins across batches."""
    vocabulary: dict[str, int] = {}
    rows = [[vocabulary.setdefault(t, len(vocabulary)) for t in _tokens(s, language.stop_words)] for s in sentences]
    return count_rows(rows, max(1, len(vocabulary))), list(vocabulary)


def merge_terms(parts: Sequence[tuple[csr_matrix, list[str]]]) -> tuple[csr_matrix, list[str]]:
    """Batches of `voice_terms` as one matrix over one vocabulary (rows in batch order)."""
    vocabulary: dict[str, int] = {}
    renumbered = [(x, np.array([vocabulary.setdefault(t, len(vocabulary)) for t in vocab])) for x, vocab in parts]
    width = max(1, len(vocabulary))
    matrices = [
        csr_matrix((x.data, ids[x.indices] if x.nnz else x.indices, x.indptr), shape=(x.shape[0], width))
        for x, ids in renumbered
    ]
    return vstack(matrices, format="csr"), list(vocabulary)


def distinctive(
    sentences: Sequence[Sentence], outlet_of: dict[str, str], language: Language = ENGLISH
) -> DistinctiveWords:
    """Top distinctive words per outlet (each against the rest) and the noise floor."""
    x, vocab = voice_terms(sentences, language)
    return distinctive_counted(x, vocab, [outlet_of[s.article] for s in sentences])


def distinctive_counted(x: csr_matrix, vocab: Sequence[str], row_outlets: Sequence[str]) -> DistinctiveWords:
    """`distinctive` from the sentences' word counts `x` (`voice_terms`), each row's outlet
    given in `row_outlets`.

    Only the words an outlet uses MIN_TERM_COUNT times or more are scored, so every count stays
    sparse: memory grows with the words used, not with outlets × vocabulary (30,000 one-file
    outlets took 700 MB in dense permutation counts)."""
    outlets = sorted(set(row_outlets))
    if len(outlets) < 2:
        return DistinctiveWords(None, {})
    if not x.nnz:
        return DistinctiveWords(None, {o: () for o in outlets})
    number = {o: k for k, o in enumerate(outlets)}
    labels = np.array([number[o] for o in row_outlets])
    terms = np.array(vocab, dtype=object)  # a fixed-width array is as wide as its longest word
    prior = np.asarray(x.sum(axis=0), dtype=float).ravel()
    scored = _scored(_outlet_counts(x, labels, len(outlets)), prior)
    floor = _noise_floor(x, labels, len(outlets), prior)
    result = {}
    for k, o in enumerate(outlets):
        row, count, z = scored[k]
        eligible = z > 0
        row, count, z = row[eligible], count[eligible], z[eligible]
        top = np.lexsort((terms[row], -z))[:TOP_TERMS]
        result[o] = tuple(
            DistinctiveTerm(
                term=str(terms[row[i]]), z=round(float(z[i]), 2), count=int(count[i]), above_noise=bool(z[i] > floor)
            )
            for i in top
        )
    return DistinctiveWords(round(floor, 2), result)


def _outlet_counts(x: csr_matrix, labels: np.ndarray, n: int) -> csr_matrix:
    """The word counts of each of `n` outlets (rows): the sentences' rows of `x` summed by label.
    `labels` may hold several deals of the sentences one after the other (label k·n + outlet for
    deal k): each deal's counts are then rows of their own."""
    sentences = np.arange(len(labels)) % x.shape[0]
    member = csr_matrix((np.ones(len(labels)), (labels, sentences)), shape=(n, x.shape[0]))
    return (member @ x).tocsr()


def _z_entries(counts: csr_matrix, prior: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Row, column, count and z-score of each entry of `counts` (outlets × words) of at least
    MIN_TERM_COUNT: the word's log-odds in that outlet against all the others (whose counts are
    the column totals, `prior`, less the outlet's own)."""
    coo = counts.tocoo()
    keep = coo.data >= MIN_TERM_COUNT
    row, col, ya = coo.row[keep], coo.col[keep], coo.data[keep]
    na = np.asarray(counts.sum(axis=1), dtype=float).ravel()[row]
    return row, col, ya, _log_odds(ya, prior[col] - ya, na, prior.sum() - na, _alpha(prior)[col])


def _scored(counts: csr_matrix, prior: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """For each outlet (row of `counts`), the words it uses MIN_TERM_COUNT times or more, their
    counts and their z-scores (`_z_entries`)."""
    row, col, ya, z = _z_entries(counts, prior)
    order = np.lexsort((col, row))
    row, col, ya, z = row[order], col[order], ya[order], z[order]
    bounds = np.searchsorted(row, np.arange(counts.shape[0] + 1))
    return [(col[a:b], ya[a:b], z[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _noise_floor(x: csr_matrix, labels: np.ndarray, n: int, prior: np.ndarray) -> float:
    """The NOISE_QUANTILE of the largest |z| over PERMUTATIONS random deals of the sentences to
    the outlets, as many deals counted at once as DEAL_ENTRIES allows."""
    rng = np.random.default_rng(PERMUTATION_SEED)
    deals = [rng.permutation(labels) for _ in range(PERMUTATIONS)]
    at_once = max(1, min(PERMUTATIONS, DEAL_ENTRIES // max(1, x.nnz)))
    maxima: list[float] = []
    for lo in range(0, PERMUTATIONS, at_once):
        batch = deals[lo : lo + at_once]
        stacked = np.concatenate([deal + k * n for k, deal in enumerate(batch)])
        row, _, _, z = _z_entries(_outlet_counts(x, stacked, len(batch) * n), prior)
        deal = row // n
        best = np.full(len(batch), -np.inf)
        np.maximum.at(best, deal, z)
        # A word an outlet uses fewer times scores 0, as any word it does not use.
        unscored = np.bincount(deal, minlength=len(batch)) < n * x.shape[1]
        maxima.extend(np.where(unscored, np.maximum(best, 0.0), best).tolist())
    maxima.sort()
    return float(maxima[min(len(maxima) - 1, int(NOISE_QUANTILE * len(maxima)))])

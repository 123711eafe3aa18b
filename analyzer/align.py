"""Cross-outlet sentence alignment inside each event, and facts (connected aligned groups).

Candidate pairs of two sentences of different outlets in one event are found by a cheap
similarity: word_weight · cosine(word TF-IDF) + char_weight · cosine(character n-gram TF-IDF),
where word features are stemmed, stop-word-free unigrams and bigrams (sublinear tf, IDF over the
whole corpus) and character n-grams (3-5, within words) catch morphology ("closures"/"closing").
Similarities come from sparse matrix products, computed in row chunks. Each candidate is then
described by plain features (`pair_features`: both cosines, shared names, numbers, quoted words
and claim words, coverage, each sentence's best partner, place in the articles) and the learned
pair scorer (`analyzer.pair_model`) gives the probability that the two state the same fact. A
pair is kept at the model's threshold, or at `triangle_bar` when it closes a triangle. The
options are `AlignOptions` (analyzer.options).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields
from itertools import chain

import numpy as np
from scipy.sparse import csr_matrix, vstack

from . import pair_model
from .features import (
    HASH_FEATURES,
    WORD_MAX_CHARS,
    char_columns,
    claim_words,
    column,
    content_words,
    entities,
    hashed,
    numbers,
    top_per_row,
)
from .language import ENGLISH, Language
from .model import Alignment, Diff, Event, Fact, Near, Sentence, Swap
from .options import AlignOptions
from .pair_model import FEATURES
from .segment import words

QUOTE_MIN_WORDS = 4  # a shared run of this many quoted words is the same quote (a feature, not a weight)
# A name is an event's topic only if at least this many of its sentences carry it: in an event of
# a few sentences, two that share a name share what they state.
TOPIC_MIN_SENTENCES = 3
CHUNK_ROWS = 512  # rows per sparse product: bounds memory when one event has many sentences


@dataclass(frozen=True)
class Features:
    """Per-sentence features as sparse matrices over hashed columns (rows: sentences). Workers
    build them as counts (`sentence_features`); a `FeatureStore` keeps the counts of the whole
    corpus and hands out each event's rows TF-IDF weighted, the IDF being the corpus's whatever
    the partitions were."""

    words: csr_matrix  # stemmed content words and their bigrams (counts, or TF-IDF once weighted)
    chars: csr_matrix  # character 3-5-grams of content words (counts, or TF-IDF once weighted)
    entities: csr_matrix  # 0/1: named entities
    numbers: csr_matrix  # 0/1: numbers of more than one digit
    quotes: csr_matrix  # 0/1: runs of QUOTE_MIN_WORDS quoted words
    content: csr_matrix  # 0/1: stemmed content words
    claims: csr_matrix  # 0/1: `claim_words`, what it states beyond who says it


WEIGHTED = ("words", "chars")  # the features that are TF-IDF weighted; the others are 0/1
# Feature counts are stored as bytes, so no count goes above this. In real text no word or
# character 4-gram comes back 255 times in one sentence, and sublinear TF (1 + ln count) is all
# but flat there: the cap changes nothing but a pathological sentence's weights. Measured: the
# corpus's counts take 52 MB per 1,000 articles as bytes, 82 MB as 4-byte floats.
COUNT_MAX = 255


class FeatureStore:
    """The feature counts of every sentence, kept in the chunks the workers returned (never
    copied into one matrix), with the corpus's inverse document frequencies."""

    def __init__(self, parts: Sequence[Features]) -> None:
        self._parts = list(parts)
        self._starts = np.cumsum([0] + [p.words.shape[0] for p in self._parts])
        n = int(self._starts[-1])
        self._idf = {}
        for name in WEIGHTED:
            df = sum(np.bincount(getattr(p, name).indices, minlength=HASH_FEATURES) for p in self._parts)
            # scikit-learn's smooth IDF: ln((1 + n) / (1 + df)) + 1
            self._idf[name] = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)

    def rows(self, rows: Sequence[int]) -> Features:
        """The features of these sentences (indices over the corpus, in this order): TF-IDF
        weighted where it applies, and then narrowed to the columns they use, since products
        over an event's few thousand columns are far cheaper than over the 2**20 hashed ones.
        The 0/1 features are only compared row with row (`_shared`), which costs the same at
        any width, so they keep theirs."""
        rows = np.asarray(rows, dtype=np.int64)
        part = np.searchsorted(self._starts, rows, side="right") - 1
        runs = np.flatnonzero(np.r_[True, part[1:] != part[:-1]]) if len(rows) else np.array([], dtype=int)
        bounds = np.r_[runs, len(rows)]
        out = {}
        for f in fields(Features):
            pieces = [
                getattr(self._parts[part[a]], f.name)[rows[a:b] - self._starts[part[a]]]
                for a, b in zip(bounds[:-1], bounds[1:], strict=True)
            ]
            m = (
                vstack(pieces, format="csr", dtype=np.float32)
                if pieces
                else csr_matrix((0, HASH_FEATURES), dtype=np.float32)
            )
            if f.name in WEIGHTED:
                _weigh(m, self._idf[f.name])
                m = _used_columns(m)
            out[f.name] = m
        return Features(**out)


def _weigh(m: csr_matrix, idf: np.ndarray) -> None:
    """Sublinear TF-IDF with l2-normalised rows, in place on the counts of `m`."""
    if not m.nnz:
        return
    m.data = (1 + np.log(m.data)) * idf[m.indices]
    lengths = np.diff(m.indptr)
    sums = np.add.reduceat(m.data**2, np.minimum(m.indptr[:-1], m.nnz - 1))
    norms = np.where(lengths > 0, np.sqrt(sums), 1).astype(np.float32)
    m.data /= np.repeat(norms, lengths)


def _used_columns(m: csr_matrix) -> csr_matrix:
    used, indices = np.unique(m.indices, return_inverse=True)
    return csr_matrix((m.data, indices.astype(np.int32), m.indptr), shape=(m.shape[0], max(1, len(used))))


def sentence_features(
    sentences: Sequence[Sentence],
    tokens: Sequence[list[str]] | None = None,
    content: Sequence[list[str]] | None = None,
    language: Language = ENGLISH,
) -> Features:
    """Unweighted features of `sentences` (pure Python per sentence; runs in workers). `tokens`
    and `content`, when given, hold each sentence's words and content words already found."""
    tokens = tokens if tokens is not None else [words(s.text) for s in sentences]
    if content is None:
        content = [content_words(s.text, t, language) for s, t in zip(sentences, tokens, strict=True)]
    return Features(
        words=_bytes(hashed([list(map(column, _word_features(c))) for c in content])),
        chars=_bytes(hashed([list(chain.from_iterable(map(char_columns, _plain_words(t, language)))) for t in tokens])),
        entities=_bytes(hashed([list(map(column, entities(s.text))) for s in sentences], binary=True)),
        numbers=_bytes(
            hashed([[column(n) for n in numbers(s.text) if not _trivial_number(n)] for s in sentences], binary=True)
        ),
        quotes=_bytes(hashed([[column(" ".join(g)) for g in _quote_ngrams(s)] for s in sentences], binary=True)),
        content=_bytes(hashed([list(map(column, c)) for c in content], binary=True)),
        claims=_bytes(
            hashed(
                [list(map(column, claim_words(s.text, language, t))) for s, t in zip(sentences, tokens, strict=True)],
                binary=True,
            )
        ),
    )


def _bytes(m: csr_matrix) -> csr_matrix:
    """`m` with its counts kept as bytes (capped at COUNT_MAX) until an event's rows are taken
    (`FeatureStore.rows`): a third less memory for the corpus's feature counts."""
    m.data = np.minimum(m.data, COUNT_MAX).astype(np.uint8)
    return m


def _word_features(toks: list[str]) -> list[str]:
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


def _plain_words(tokens: list[str], language: Language) -> list[str]:
    """The sentence's words, lower-cased, without stop words, for character n-grams: morphology
    of the words that carry content, at about half the n-grams of the whole sentence."""
    stop = language.stop_words
    return [w for w in map(str.lower, tokens) if w not in stop and len(w) <= WORD_MAX_CHARS]


def _trivial_number(n: str) -> bool:
    return len(n) == 1  # "2 schools", "3 hours": too common to anchor anything


def _quote_ngrams(s: Sentence) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for qs, qe in s.quotes:
        toks = [w.lower() for w in words(s.text[qs:qe])]
        grams.update(tuple(toks[i : i + QUOTE_MIN_WORDS]) for i in range(len(toks) - QUOTE_MIN_WORDS + 1))
    return grams


@dataclass(frozen=True)
class EventWork:
    """One event with everything its alignment needs, so that it can run in any worker."""

    event: Event
    sentences: tuple[Sentence, ...]
    outlet_of: dict[str, str]  # article id → outlet, for the event's articles
    # Weighted, one row per sentence of `sentences`; None for an event of one outlet, which has
    # nothing to align (30,000 one-file events spent 80% of the align stage taking their rows).
    features: Features | None
    options: AlignOptions


@dataclass(frozen=True)
class AlignInputs:
    """What the alignment of any event needs: the corpus's events, sentences and features."""

    events: Sequence[Event]
    sentences: Sequence[Sentence]
    outlet_of: dict[str, str]  # article id → outlet
    features: FeatureStore
    rows_of: dict[str, list[int]]  # article id → indices of its sentences
    options: AlignOptions

    @classmethod
    def build(
        cls,
        events: Sequence[Event],
        sentences: Sequence[Sentence],
        outlet_of: dict[str, str],
        features: FeatureStore,
        options: AlignOptions,
    ) -> AlignInputs:
        rows_of: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(sentences):
            rows_of[s.article].append(i)
        return cls(events, sentences, outlet_of, features, dict(rows_of), options)


def event_work(which: Sequence[int], inputs: AlignInputs) -> list[EventWork]:
    """The work of the events numbered `which` (their sentences in article order)."""
    out = []
    for n in which:
        event = inputs.events[n]
        rows = [i for a in event.articles for i in inputs.rows_of.get(a, [])]
        out.append(
            EventWork(
                event,
                tuple(inputs.sentences[i] for i in rows),
                {a: inputs.outlet_of[a] for a in event.articles},
                inputs.features.rows(rows) if len(event.outlets) > 1 else None,
                inputs.options,
            )
        )
    return out


def align_event(work: EventWork, language: Language = ENGLISH) -> tuple[list[Alignment], list[Fact]]:
    """Alignments and facts of one event: each candidate pair scored by the pair model
    (`AlignOptions.model`), kept at its threshold, at most `max_partners` per sentence and
    article."""
    sentences = work.sentences
    if not sentences:
        return [], []
    found, art = event_candidates(work)
    model = pair_model.load(work.options.model)
    probability = model.probability(found.features)
    # An event of one outlet, or of nothing alike, has no candidates: 15,000 one-file events
    # spent two thirds of the align stage selecting from none.
    pairs = _select(found.i, found.j, probability, art, model.threshold, work.options) if len(found.i) else []
    diffs = _diffs(sentences, [(i, j) for i, j, _ in pairs], [score >= model.sure for _, _, score in pairs])
    alignments = [
        Alignment(sentences[i].id, sentences[j].id, round(score, 4), diff)
        for (i, j, score), diff in zip(pairs, diffs, strict=True)
    ]
    groups = _groups(pairs, [s.article for s in sentences])
    near = _nearest(groups, [work.outlet_of[s.article] for s in sentences], found, probability, model.absent)
    return alignments, _facts(work.event, groups, sentences, work.outlet_of, near)


def _nearest(
    groups: list[list[int]], outlets: Sequence[str], found: Candidates, p: np.ndarray, bar: float
) -> list[dict[str, tuple[int, float]]]:
    """For each group (fact), each other outlet's sentence that comes nearest it, at probability
    `bar` or above with one of its sentences: outlet → (sentence index, probability)."""
    label = np.zeros(len(outlets), dtype=np.int64)
    for g, members in enumerate(groups):
        label[members] = g
    outlet_id = np.unique(np.array(outlets, dtype=object), return_inverse=True)[1]
    near: list[dict[str, tuple[int, float]]] = [{} for _ in groups]
    keep = p >= bar
    src = np.concatenate([found.i[keep], found.j[keep]])
    dst = np.concatenate([found.j[keep], found.i[keep]])
    prob = np.concatenate([p[keep], p[keep]])
    other = label[src] != label[dst]
    src, dst, prob = src[other], dst[other], prob[other]
    g, o = label[src], outlet_id[dst]
    order = np.lexsort((dst, -prob, o, g))  # by fact and outlet, the likeliest (then first) partner first
    g, o, dst, prob = g[order], o[order], dst[order], prob[order]
    first = np.flatnonzero(np.r_[True, (g[1:] != g[:-1]) | (o[1:] != o[:-1])]) if len(g) else np.zeros(0, int)
    for k in first:
        near[int(g[k])][outlets[int(dst[k])]] = (int(dst[k]), float(prob[k]))
    return near


def event_candidates(work: EventWork) -> tuple[Candidates, np.ndarray]:
    """The candidate pairs of one event with their features, and each sentence's article (its
    number in the event)."""
    article_index = {a: n for n, a in enumerate(work.event.articles)}
    art = np.array([article_index[s.article] for s in work.sentences], dtype=np.int64)
    if work.features is None:
        return Candidates(np.zeros(0, int), np.zeros(0, int), np.zeros((0, len(FEATURES)))), art
    counts = np.bincount(art)
    rank = np.zeros(len(art))
    seen = np.zeros(len(counts), dtype=np.int64)
    for k, a in enumerate(art):  # sentences come in article order
        rank[k] = seen[a]
        seen[a] += 1
    place = rank / np.maximum(1, counts[art] - 1)
    outlets = [work.outlet_of[s.article] for s in work.sentences]
    return candidates(outlets, art, place, work.features, work.options), art


@dataclass(frozen=True)
class Candidates:
    """The candidate pairs of one event (indices into its sentences, i < j) and what the pair
    scorer reads of each: one column per name of `pair_model.FEATURES`."""

    i: np.ndarray
    j: np.ndarray
    features: np.ndarray  # (pairs, len(FEATURES)), float


def candidates(outlets: Sequence[str], art: np.ndarray, place: np.ndarray, f: Features, o: AlignOptions) -> Candidates:
    """Candidate pairs of one event and their features. Only sentences of different outlets are
    compared, block by block (`_blocks`), in row chunks: each chunk's similarities come from one
    sparse product, and a sentence keeps its `candidates_per_row` best partners at or above
    `candidate_floor`; what a pair shares (names, numbers, quotes, content words) comes from the
    rows of its two sentences. `place` is each sentence's place in its article (0 first, 1 last)."""
    outlet_ids = np.unique(np.array(outlets, dtype=object), return_inverse=True)[1]
    found_i, found_j, found_base = [], [], []
    for left, right, later_only in _blocks(outlet_ids, art, o):
        words_t, chars_t = f.words[right].T.tocsc(), f.chars[right].T.tocsc()
        for lo in range(0, len(left), CHUNK_ROWS):
            chunk = left[lo : lo + CHUNK_ROWS]
            base = (o.word_weight * (f.words[chunk] @ words_t) + o.char_weight * (f.chars[chunk] @ chars_t)).tocoo()
            mine, theirs = outlet_ids[chunk[base.row]], outlet_ids[right[base.col]]
            other = theirs > mine if later_only else theirs != mine
            rows, cols, data = base.row[other], base.col[other], base.data[other]
            above = np.flatnonzero(data >= o.candidate_floor)
            keep = above[top_per_row(rows[above], data[above], o.candidates_per_row)]
            a, b = chunk[rows[keep]], right[cols[keep]]
            found_i.append(np.minimum(a, b))
            found_j.append(np.maximum(a, b))
            found_base.append(data[keep])
    if not sum(len(x) for x in found_i):  # one outlet only, or nothing alike
        return Candidates(np.zeros(0, int), np.zeros(0, int), np.zeros((0, len(FEATURES))))
    i, j = np.concatenate(found_i), np.concatenate(found_j)
    base = np.concatenate(found_base).astype(float)
    return Candidates(i, j, pair_features(f, i, j, base, art, place, o))


def pair_features(
    f: Features, i: np.ndarray, j: np.ndarray, base: np.ndarray, art: np.ndarray, place: np.ndarray, o: AlignOptions
) -> np.ndarray:
    """The columns of `pair_model.FEATURES` for the pairs (i[n], j[n])."""
    word = _shared(f.words, i, j).astype(float)
    char = (base - o.word_weight * word) / o.char_weight
    entities = _shared(_without_topic(f.entities, o.topic_entity_share), i, j)
    numbers_ = _shared(f.numbers, i, j)
    quotes = _shared(f.quotes, i, j)
    content = _shared(f.content, i, j).astype(float)
    claims = _shared(f.claims, i, j).astype(float)
    claim_sizes = np.asarray(f.claims.sum(axis=1)).ravel().astype(float)
    sizes = np.asarray(f.content.sum(axis=1)).ravel().astype(float)
    small = np.maximum(1.0, np.minimum(sizes[i], sizes[j]))
    large = np.maximum(1.0, np.maximum(sizes[i], sizes[j]))
    to_best_i, to_best_j = _to_best(i, j, base, art)
    columns = {
        "word_cosine": word,
        "char_cosine": char,
        "names": np.minimum(entities, 3),
        "numbers": np.minimum(numbers_, 3),
        "quote": (quotes > 0).astype(float),
        "cover_shorter": content / small,
        "cover_longer": content / large,
        "length_ratio": small / large,
        "to_best_low": np.minimum(to_best_i, to_best_j),
        "to_best_high": np.maximum(to_best_i, to_best_j),
        "mutual_best": ((to_best_i >= 1.0) & (to_best_j >= 1.0)).astype(float),
        "place_gap": np.abs(place[i] - place[j]),
        "claims_shorter": claims / np.maximum(1.0, np.minimum(claim_sizes[i], claim_sizes[j])),
        "shorter_words": np.log(small),
    }
    return np.column_stack([columns[name] for name in FEATURES])


def _to_best(i: np.ndarray, j: np.ndarray, s: np.ndarray, art: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each pair, its score over the best score of i's candidates in j's article, and of j's
    in i's (1 for a sentence's best partner in that article)."""
    n_art = int(art.max()) + 1
    keys = np.concatenate([i * n_art + art[j], j * n_art + art[i]])
    uniq, inverse = np.unique(keys, return_inverse=True)
    best = np.zeros(len(uniq))
    np.maximum.at(best, inverse, np.concatenate([s, s]))
    best = np.maximum(best, 1e-9)
    return s / best[inverse[: len(s)]], s / best[inverse[len(s) :]]


def _without_topic(m: csr_matrix, share: float) -> csr_matrix:
    """The 0/1 rows of `m` without the columns that `share` of its rows or more have: in one
    event, the names nearly every sentence carries say what the story is about, not which fact
    a sentence states."""
    columns, rows_with = np.unique(m.indices, return_counts=True)  # m is 2**20 columns wide
    common = columns[rows_with >= max(TOPIC_MIN_SENTENCES, share * m.shape[0])]
    if not len(common):
        return m
    kept = m.copy()
    kept.data[np.isin(kept.indices, common)] = 0
    kept.eliminate_zeros()
    return kept


def _shared(m: csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """For each pair (i[n], j[n]) of rows of the 0/1 matrix `m`, how many columns both have."""
    return np.asarray(m[i].multiply(m[j]).sum(axis=1), dtype=m.dtype).ravel()


def _fewest_links(
    pairs: list[tuple[int, int, float]], art: np.ndarray, o: AlignOptions
) -> list[tuple[int, int, float]]:
    """In a large event, each sentence outside the reference articles keeps only its
    `reference_links` best reference partners: enough to place it in its fact, while a thousand
    outlets' sentences do not each carry one alignment per reference article."""
    ranked = sorted(pairs, key=lambda p: -p[2])
    taken: dict[int, int] = defaultdict(int)
    kept = []
    for i, j, score in ranked:
        other = j if art[j] >= o.reference_articles else i if art[i] >= o.reference_articles else None
        if other is not None:
            if taken[other] >= o.reference_links:
                continue
            taken[other] += 1
        kept.append((i, j, score))
    return sorted(kept)


def _at(m: csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The entries of `m` at (rows[n], cols[n]), as a flat array (empty for no positions)."""
    if not len(rows):
        return np.zeros(0, dtype=m.dtype)
    return np.asarray(m[rows, cols]).ravel()


def _blocks(outlet_ids: np.ndarray, art: np.ndarray, o: AlignOptions) -> list[tuple[np.ndarray, np.ndarray, bool]]:
    """(left rows, right rows, later outlets only) to compare: every sentence against the
    sentences of the outlets after its own (each pair once); in an event of more than
    `large_event_articles` articles, the sentences of the first `reference_articles` articles so,
    and every other sentence against those of the references of other outlets only
    (fact-first: the references carry the event's facts, and every other article's sentences
    join the facts through them), so that cost and output grow with the number of articles,
    not with its square."""
    everything = np.arange(len(art))
    if int(art.max()) + 1 <= o.large_event_articles:  # the last outlet has no later one, the first no earlier
        return [(everything[outlet_ids < outlet_ids.max()], everything[outlet_ids > 0], True)]
    reference = art < o.reference_articles
    ref_rows, other_rows = everything[reference], everything[~reference]
    return [(ref_rows, ref_rows, True), (other_rows, ref_rows, False)]


def _common_neighbour(linked: csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """For each pair (i[n], j[n]), whether the two nodes of the graph `linked` (symmetric CSR)
    share a neighbour. Walks the neighbours of the less connected node of each pair and looks
    each up in the other's row, so a sentence linked to hundreds of others costs little."""
    degree = np.diff(linked.indptr)
    swap = degree[i] > degree[j]
    x, y = np.where(swap, j, i), np.where(swap, i, j)
    counts = degree[x]
    pair = np.repeat(np.arange(len(x)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    neighbours = linked.indices[np.repeat(linked.indptr[x], counts) + offsets]
    hit = _at(linked, neighbours, y[pair]) > 0
    out = np.zeros(len(x), dtype=bool)
    out[pair[hit]] = True
    return out


def _select(
    i: np.ndarray, j: np.ndarray, p: np.ndarray, art: np.ndarray, threshold: float, o: AlignOptions
) -> list[tuple[int, int, float]]:
    """The pairs at `threshold` or above, and those at `triangle_bar` or above whose two sentences
    are both aligned with one sentence of a third article (they close a triangle); best first, at
    most `max_partners` per sentence and other article; in a large event, fewest links
    (`_fewest_links`)."""
    kept = p >= threshold
    kept &= _capped(i, j, p, kept, art, o.max_partners, o.second_partner_share)
    n = len(art)
    linked = csr_matrix((np.ones(int(kept.sum())), (i[kept], j[kept])), shape=(n, n))
    linked = (linked + linked.T).tocsr()
    maybe = np.flatnonzero(~kept & (p >= o.triangle_bar))
    closing = maybe[_common_neighbour(linked, i[maybe], j[maybe])]
    if len(closing):
        kept[closing] = True
        kept &= _capped(i, j, p, kept, art, o.max_partners, o.second_partner_share)
    pairs = sorted((int(a), int(b), float(c)) for a, b, c in zip(i[kept], j[kept], p[kept], strict=True))
    return _fewest_links(pairs, art, o) if len(art) and int(art.max()) + 1 > o.large_event_articles else pairs


def _capped(
    i: np.ndarray,
    j: np.ndarray,
    s: np.ndarray,
    kept: np.ndarray,
    art: np.ndarray,
    max_partners: int,
    share: float,
) -> np.ndarray:
    """Which kept pairs survive a cap of `max_partners` partners per sentence in any one other
    article, best first: a fact is split over one or two sentences, not ten, and near-identical
    sentences would otherwise align with everything (and a repeated paragraph with itself)."""
    n_art = int(art.max()) + 1 if len(art) else 1
    taken: dict[int, int] = defaultdict(int)  # sentence · articles + other article → partners taken
    first: dict[int, float] = {}  # the same key → its first partner's probability
    ok = np.zeros(len(s), dtype=bool)
    chosen = np.flatnonzero(kept)
    order = chosen[np.lexsort((j[chosen], i[chosen], -s[chosen]))]
    a_keys = (i[order] * n_art + art[j[order]]).tolist()
    b_keys = (j[order] * n_art + art[i[order]]).tolist()
    for n, ka, kb, p in zip(order.tolist(), a_keys, b_keys, s[order].tolist(), strict=True):
        if taken[ka] < max_partners and taken[kb] < max_partners:
            if p < share * first.get(ka, 0.0) or p < share * first.get(kb, 0.0):
                continue
            first.setdefault(ka, p)
            first.setdefault(kb, p)
            taken[ka] += 1
            taken[kb] += 1
            ok[n] = True
    return ok


def _facts(
    event: Event,
    groups: list[list[int]],
    sentences: Sequence[Sentence],
    outlet_of: dict[str, str],
    near: list[dict[str, tuple[int, float]]],
) -> list[Fact]:
    """The facts of an event, one a group of aligned sentences (`_groups`; an unaligned sentence
    is a fact of its own). An outlet that does not report a fact leaves it out only when none of
    its sentences comes near (`near`: at the pair model's `absent` bar); else its nearest sentence
    may state it."""
    out = []
    for number, (members, nearest) in enumerate(zip(groups, near, strict=True), start=1):
        sents = [sentences[k] for k in members]
        reported = tuple(dict.fromkeys(outlet_of[s.article] for s in sents))
        positions = {}
        for s in sents:
            positions.setdefault(outlet_of[s.article], s.position)
        maybe = {
            o: Near(sentences[nearest[o][0]].id, round(nearest[o][1], 4))
            for o in event.outlets
            if o in nearest and o not in reported
        }
        out.append(
            Fact(
                id=f"{event.id}:{number}",
                event=event.id,
                sentences=tuple(s.id for s in sents),
                outlets=reported,
                missing=tuple(o for o in event.outlets if o not in reported and o not in maybe),
                positions=positions,
                maybe=maybe,
            )
        )
    return out


# Sentences of one article in one fact at most: one fact may span two sentences of an article. A
# lead that packs several facts aligns with each of them; with no cap its pairs chained a vote,
# a count of pupils, a proposal and a quote into one "fact" of ten sentences on the bundled
# corpus (and four facts into one on the seeds).
FACT_MAX_PER_ARTICLE = 2


def _groups(pairs: list[tuple[int, int, float]], articles: Sequence[str]) -> list[list[int]]:
    """Facts as groups of sentence indices: pairs join their groups most likely first, unless
    the joined group would hold more than `FACT_MAX_PER_ARTICLE` sentences of one article. A pair
    left unjoined stays an alignment; it only does not chain two facts into one."""
    parent = list(range(len(articles)))
    count: list[dict[str, int]] = [{a: 1} for a in articles]

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, j, _ in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
        a, b = root(i), root(j)
        if a == b:
            continue
        if len(count[a]) < len(count[b]):  # the smaller group's counts are walked
            a, b = b, a
        big, small = count[a], count[b]
        if all(big.get(x, 0) + n <= FACT_MAX_PER_ARTICLE for x, n in small.items()):
            for x, n in small.items():
                big[x] = big.get(x, 0) + n
            parent[b] = a
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(articles)):
        groups[root(k)].append(k)
    return sorted(groups.values(), key=min)


# A replaced run longer than this on either side is a rewrite, not a word swap.
SWAP_MAX_WORDS = 4
# Words of a sentence the word-level diff compares. Its cost grows with the product of the two
# sentences' lengths (two run-on sentences of 10,000 and 20,000 words took 14 s); the longest of
# the 21,410 sentences of real news in dev-data has 151 words, so the cap changes nothing in
# real prose; words past it are left out of the diff.
DIFF_MAX_WORDS = 400


def _diffs(sentences: Sequence[Sentence], pairs: Sequence[tuple[int, int]], sure: Sequence[bool]) -> list[Diff]:
    """The word-level difference of each pair (a, b) of sentences the aligner is `sure` of (the
    only ones whose differences are evidence of framing: `contrast`); an empty `Diff` for the
    others. Pairs are taken grouped by b, whose index the matcher keeps between comparisons (a
    large event pairs one sentence with many)."""
    todo = [p if ok else None for p, ok in zip(pairs, sure, strict=True)]
    tokens: dict[int, list[str]] = {}
    lowered: dict[int, list[str]] = {}
    for k in {k for pair in todo if pair for k in pair}:
        tokens[k] = words(sentences[k].text)[:DIFF_MAX_WORDS]
        lowered[k] = [t.lower() for t in tokens[k]]
    out: list[Diff] = [Diff()] * len(pairs)
    matcher = difflib.SequenceMatcher(autojunk=False)
    current = None
    for n in sorted((n for n in range(len(todo)) if todo[n]), key=lambda n: pairs[n][1]):
        a, b = pairs[n]
        if tokens[a] == tokens[b]:  # the same words (wire copy, a shared quote): nothing differs
            continue
        if b != current:
            matcher.set_seq2(lowered[b])
            current = b
        matcher.set_seq1(lowered[a])
        out[n] = _diff(matcher, tokens[a], tokens[b])
    return out


def _diff(matcher: difflib.SequenceMatcher, ta: list[str], tb: list[str]) -> Diff:
    """What one sentence says where the other says something else ("said" → "claimed"), and
    what only one of them has, from `matcher` set to the two sentences' lower-cased words."""
    swaps, only_a, only_b = [], [], []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "replace" and max(a1 - a0, b1 - b0) <= SWAP_MAX_WORDS:
            swaps.append(Swap(" ".join(ta[a0:a1]), " ".join(tb[b0:b1])))
            continue
        if op in ("replace", "delete"):
            only_a.append(" ".join(ta[a0:a1]))
        if op in ("replace", "insert"):
            only_b.append(" ".join(tb[b0:b1]))
    return Diff(tuple(swaps), tuple(only_a), tuple(only_b))

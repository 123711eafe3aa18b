"""Cross-outlet sentence alignment inside each event, and facts (connected aligned groups).

Score of two sentences of different outlets in one event:
  WORD_WEIGHT · cosine(word TF-IDF) + CHAR_WEIGHT · cosine(character n-gram TF-IDF) + anchors
where word features are stemmed, stop-word-free unigrams and bigrams (sublinear tf, IDF over the
whole corpus), character n-grams (3-5, within words) catch morphology ("closures"/"closing"), and
anchors add for named entities, numbers and quoted words both sentences share. Similarities come
from sparse matrix products, computed in row chunks; only candidate pairs are looked at one by
one. A pair is kept when it clears `ALIGN_THRESHOLD` and is the mutual best match of its two
articles, or clears `STRONG_THRESHOLD`, or one sentence's content words are nearly a subset of
the other's (a fact one outlet splits in two or merges with another).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    HashingVectorizer,
    TfidfTransformer,
    TfidfVectorizer,
)

from .features import content_words, entities, fit_matrix, numbers
from .model import Alignment, Event, Fact, Sentence
from .parallel import map_chunks
from .segment import words

# Tuned on the "tune" gold set (corpus/school-closures) with `framing evaluate`, checked on the
# "check" sets (transit-fares, copper-ridge-mine); see README "Alignment quality".
WORD_WEIGHT = 0.6
CHAR_WEIGHT = 0.4
ENTITY_BONUS = 0.05  # per shared named entity
NUMBER_BONUS = 0.08  # per shared number
ANCHOR_CAP = 0.2  # most the entity and number anchors add together
QUOTE_BONUS = 0.5  # sentences that reproduce the same quoted words
QUOTE_MIN_WORDS = 4  # a shared run of this many quoted words is the same quote
ALIGN_THRESHOLD = 0.21
STRONG_THRESHOLD = 0.45
NEAR_BEST = 0.9  # a pair within this share of the best match of either sentence counts as best
TRIANGLE_THRESHOLD = 0.12
SUBSET_COVERAGE = 0.7  # share of the shorter sentence's content words found in the longer
SUBSET_MIN_WORDS = 3
SUBSET_THRESHOLD = 0.18
MAX_PARTNERS = 3  # per sentence and other article; our gold never needs more than 2
CANDIDATE_FLOOR = 0.1  # pairs below this base similarity are never looked at
CHUNK_ROWS = 512  # rows per sparse product: bounds memory when one event has many sentences
CANDIDATES_PER_ROW = 32  # a sentence's best candidates kept for selection (MAX_PARTNERS per article is 3)
CHAR_HASH_FEATURES = 2**20  # hashed character n-grams: collisions are rare at this size


@dataclass(frozen=True)
class _Features:
    """Per-sentence features as sparse matrices (rows: sentences of the whole corpus)."""

    words: csr_matrix  # TF-IDF of stemmed content words and bigrams
    chars: csr_matrix  # TF-IDF of character 3-5-grams of content words
    entities: csr_matrix  # binary: named entities
    numbers: csr_matrix  # binary: numbers of more than one digit
    quotes: csr_matrix  # binary: runs of QUOTE_MIN_WORDS quoted words
    content: csr_matrix  # binary: stemmed content words


def _word_features(toks: list[str]) -> list[str]:
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


def _binary(items: Sequence[Iterable[str]]) -> csr_matrix:
    """Rows of 0/1 over the distinct items (a sentence with none has an empty row)."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for n, row in enumerate(items):
        for item in set(row):
            rows.append(n)
            cols.append(vocab.setdefault(item, len(vocab)))
    return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(items), max(1, len(vocab))))


def _per_sentence(sentences: Sequence[Sentence]) -> list[tuple[list[str], str, set[str], list[str], list[str]]]:
    """The pure-Python part of the features, one sentence at a time (runs in worker processes)."""
    return [
        (
            content_words(s.text),
            _content_text(s.text),
            entities(s.text),
            [n for n in numbers(s.text) if not _trivial_number(n)],
            [" ".join(g) for g in _quote_ngrams(s)],
        )
        for s in sentences
    ]


def features(sentences: Sequence[Sentence], *, jobs: int = 1) -> _Features:
    parts = map_chunks(_per_sentence, sentences, jobs)
    content = [p[0] for p in parts]
    word_vec = TfidfVectorizer(analyzer=_word_features, sublinear_tf=True, dtype=np.float32)
    char_counts = HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), n_features=CHAR_HASH_FEATURES, alternate_sign=False, norm=None
    ).transform([p[1] for p in parts])
    return _Features(
        words=fit_matrix(word_vec, content)[0],
        chars=TfidfTransformer(sublinear_tf=True).fit_transform(char_counts).astype(np.float32).tocsr(),
        entities=_binary([p[2] for p in parts]),
        numbers=_binary([p[3] for p in parts]),
        quotes=_binary([p[4] for p in parts]),
        content=_binary(content),
    )


def _content_text(text: str) -> str:
    """The sentence's words without stop words, for character n-grams: morphology of the words
    that carry content, at about half the n-grams of the whole sentence."""
    return " ".join(w for w in words(text.lower()) if w not in ENGLISH_STOP_WORDS)


def _trivial_number(n: str) -> bool:
    return len(n) == 1  # "2 schools", "3 hours": too common to anchor anything


def _quote_ngrams(s: Sentence) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for qs, qe in s.quotes:
        toks = [w.lower() for w in words(s.text[qs:qe])]
        grams.update(tuple(toks[i : i + QUOTE_MIN_WORDS]) for i in range(len(toks) - QUOTE_MIN_WORDS + 1))
    return grams


def align(
    events: Sequence[Event], sentences: Sequence[Sentence], outlet_of: dict[str, str], *, jobs: int = 1
) -> tuple[tuple[Alignment, ...], tuple[Fact, ...]]:
    """Alignments and facts of every event; `outlet_of` maps an article id to its outlet."""
    if not sentences:
        return (), ()
    feats = features(sentences, jobs=jobs)
    rows_of: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        rows_of[s.article].append(i)
    article_index = {a: n for n, a in enumerate(rows_of)}
    art = np.array([article_index[s.article] for s in sentences])
    alignments: list[Alignment] = []
    facts: list[Fact] = []
    for event in events:
        rows = [i for a in event.articles for i in rows_of[a]]
        pairs = _event_pairs(rows, sentences, feats, outlet_of, art)
        alignments.extend(
            Alignment(sentences[i].id, sentences[j].id, round(score, 4), _diff(sentences[i].text, sentences[j].text))
            for i, j, score in pairs
        )
        facts.extend(_facts(event, rows, pairs, sentences, outlet_of))
    return tuple(alignments), tuple(facts)


def _event_pairs(
    rows: list[int], sentences: Sequence[Sentence], f: _Features, outlet_of: dict[str, str], art: np.ndarray
) -> list[tuple[int, int, float]]:
    """Candidate pairs of one event, scored; only sentences of different outlets are compared,
    each outlet's rows against the rows of the outlets after it, in row chunks."""
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i in rows:
        by_outlet[outlet_of[sentences[i].article]].append(i)
    groups = [np.array(by_outlet[o]) for o in sorted(by_outlet)]
    found_i, found_j, found_s = [], [], []
    for g, left in enumerate(groups[:-1]):
        right = np.concatenate(groups[g + 1 :])
        wr, cr = f.words[right].T.tocsc(), f.chars[right].T.tocsc()
        for lo in range(0, len(left), CHUNK_ROWS):
            chunk = left[lo : lo + CHUNK_ROWS]
            base = (WORD_WEIGHT * (f.words[chunk] @ wr) + CHAR_WEIGHT * (f.chars[chunk] @ cr)).tocoo()
            keep = _top_per_row(base.row, base.data)
            a, b = chunk[base.row[keep]], right[base.col[keep]]
            found_i.append(np.minimum(a, b))
            found_j.append(np.maximum(a, b))
            found_s.append(base.data[keep])
            del base
    if not found_i or not sum(len(x) for x in found_i):
        return []
    i, j = np.concatenate(found_i), np.concatenate(found_j)
    scores = np.minimum(1.0, np.concatenate(found_s).astype(float) + _anchors(i, j, f))
    return _select(i, j, scores, art, f)


def _top_per_row(rows: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Indices of the candidates at or above CANDIDATE_FLOOR, at most CANDIDATES_PER_ROW per row
    (the best): an event of a thousand articles would otherwise keep millions of weak pairs."""
    above = np.flatnonzero(scores >= CANDIDATE_FLOOR)
    order = above[np.lexsort((-scores[above], rows[above]))]
    sorted_rows = rows[order]
    starts = np.flatnonzero(np.r_[True, sorted_rows[1:] != sorted_rows[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    return order[rank < CANDIDATES_PER_ROW]


def _rowwise(m: csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """For each pair (i[n], j[n]), the dot product of rows i[n] and j[n] of `m`."""
    return np.asarray(m[i].multiply(m[j]).sum(axis=1)).ravel()


def _anchors(i: np.ndarray, j: np.ndarray, f: _Features) -> np.ndarray:
    anchor = ENTITY_BONUS * _rowwise(f.entities, i, j) + NUMBER_BONUS * _rowwise(f.numbers, i, j)
    quote = np.where(_rowwise(f.quotes, i, j) > 0, QUOTE_BONUS, 0.0)
    return np.minimum(ANCHOR_CAP, anchor) + quote


def _select(i: np.ndarray, j: np.ndarray, s: np.ndarray, art: np.ndarray, f: _Features) -> list[tuple[int, int, float]]:
    """Keep (near-)mutual best matches per article pair, strong matches, near-subset matches,
    and pairs that close a triangle: two sentences both aligned to one sentence of a third
    outlet state the same fact as each other when they are at all alike."""
    n_art = int(art.max()) + 1
    keys = np.concatenate([i * n_art + art[j], j * n_art + art[i]])
    uniq, inverse = np.unique(keys, return_inverse=True)
    best = np.zeros(len(uniq))
    np.maximum.at(best, inverse, np.concatenate([s, s]))
    best_pair = np.maximum(best[inverse[: len(s)]], best[inverse[len(s) :]])
    near_best = s >= NEAR_BEST * best_pair
    kept = (s >= ALIGN_THRESHOLD) & near_best | (s >= STRONG_THRESHOLD) | (s >= SUBSET_THRESHOLD) & _subset(i, j, f)
    kept &= _capped(i, j, s, kept, art)
    n = f.words.shape[0]
    linked = csr_matrix((np.ones(int(kept.sum())), (i[kept], j[kept])), shape=(n, n))
    linked = linked + linked.T
    kept |= (s >= TRIANGLE_THRESHOLD) & (_rowwise(linked, i, j) > 0)
    kept &= _capped(i, j, s, kept, art)
    return sorted((int(a), int(b), float(c)) for a, b, c in zip(i[kept], j[kept], s[kept], strict=True))


def _capped(i: np.ndarray, j: np.ndarray, s: np.ndarray, kept: np.ndarray, art: np.ndarray) -> np.ndarray:
    """Which kept pairs survive a cap of MAX_PARTNERS partners per sentence in any one other
    article, best first: a fact is split over one or two sentences, not ten, and near-identical
    sentences would otherwise align with everything (and a repeated paragraph with itself)."""
    taken: dict[tuple[int, int], int] = defaultdict(int)
    ok = np.zeros(len(s), dtype=bool)
    for n in np.lexsort((j, i, -s)):
        if not kept[n]:
            continue
        a, b = int(i[n]), int(j[n])
        if taken[(a, art[b])] < MAX_PARTNERS and taken[(b, art[a])] < MAX_PARTNERS:
            taken[(a, art[b])] += 1
            taken[(b, art[a])] += 1
            ok[n] = True
    return ok


def _subset(i: np.ndarray, j: np.ndarray, f: _Features) -> np.ndarray:
    sizes = np.asarray(f.content.sum(axis=1)).ravel()
    small = np.minimum(sizes[i], sizes[j])
    return (small >= SUBSET_MIN_WORDS) & (_rowwise(f.content, i, j) >= SUBSET_COVERAGE * small)


def _facts(
    event: Event,
    rows: list[int],
    pairs: list[tuple[int, int, float]],
    sentences: Sequence[Sentence],
    outlet_of: dict[str, str],
) -> list[Fact]:
    """Connected groups of aligned sentences; an unaligned sentence is a fact of its own."""
    if not rows:
        return []
    local = {r: n for n, r in enumerate(rows)}
    if pairs:
        a = [local[i] for i, _, _ in pairs]
        b = [local[j] for _, j, _ in pairs]
        graph = csr_matrix((np.ones(len(a)), (a, b)), shape=(len(rows), len(rows)))
    else:
        graph = csr_matrix((len(rows), len(rows)))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = defaultdict(list)
    for n, label in enumerate(labels):
        groups[int(label)].append(rows[n])
    out = []
    for number, members in enumerate(sorted(groups.values(), key=min), start=1):
        sents = [sentences[i] for i in members]
        reported = tuple(dict.fromkeys(outlet_of[s.article] for s in sents))
        positions = {}
        for s in sents:
            positions.setdefault(outlet_of[s.article], s.position)
        out.append(
            Fact(
                id=f"{event.id}:{number}",
                event=event.id,
                sentences=tuple(s.id for s in sents),
                outlets=reported,
                missing=tuple(o for o in event.outlets if o not in reported),
                positions=positions,
            )
        )
    return out


# A replaced run longer than this on either side is a rewrite, not a word swap.
SWAP_MAX_WORDS = 4


def _diff(a: str, b: str) -> dict[str, list]:
    """Word-level difference of two aligned sentences: what one says where the other says
    something else ("said" → "claimed"), and what only one of them has."""
    ta, tb = words(a), words(b)
    matcher = difflib.SequenceMatcher(a=[t.lower() for t in ta], b=[t.lower() for t in tb], autojunk=False)
    swaps, only_a, only_b = [], [], []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "replace" and max(a1 - a0, b1 - b0) <= SWAP_MAX_WORDS:
            swaps.append([" ".join(ta[a0:a1]), " ".join(tb[b0:b1])])
            continue
        if op in ("replace", "delete"):
            only_a.append(" ".join(ta[a0:a1]))
        if op in ("replace", "insert"):
            only_b.append(" ".join(tb[b0:b1]))
    return {"swaps": swaps, "only_a": only_a, "only_b": only_b}

"""Normalised text features shared by event grouping and alignment.

Content words are lower-cased, stop-word-free and stemmed (NLTK's Snowball stemmer, which needs
no downloaded data; scikit-learn's English stop words). Named entities are runs of capitalised
words that do not start the sentence; numbers are normalised so "$1,200" and "1200" meet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.utils import murmurhash3_32

from .language import ENGLISH, Language
from .segment import words

# Columns of hashed feature matrices. Hashing (MurmurHash3, the same in every process) lets
# workers build feature rows without a shared vocabulary. Two distinct features share a column
# with probability 2**-20: two sentences of ~100 character n-grams each gain a false shared
# feature in about 1 pair of 100, worth under 0.01 of cosine similarity.
HASH_FEATURES = 2**20
CHAR_NGRAMS = (3, 5)  # lengths of the character n-grams taken inside each word
# A longer token is not a word (a web address, a hash, a run of letters without spaces) and is
# left out of the features: the longest of the 369,032 words of real news in dev-data has 30
# characters, and one 3 MB token cost 1 GB of character n-grams.
WORD_MAX_CHARS = 50
ENTITY = re.compile(r"(?<![\w’'])([A-Z][\w’'-]*(?:\s+(?:of|the|de|van|von)?\s*[A-Z][\w’'-]*)*)")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Capitalised words that begin clauses or titles rather than name something.
NOT_ENTITIES = frozenset(
    "The A An In On At By For From To Of And But Or If As It Its He She They We I This That These Those "
    "Mr Mrs Ms Dr Some About More Most No Not A Without With After Before During While When Where".split()
)


def content_words(text: str, tokens: Sequence[str] | None = None, language: Language = ENGLISH) -> list[str]:
    """Stemmed, lower-cased words of `text` without stop words or bare punctuation; `tokens`,
    when given, are the words of `text` already split."""
    out = []
    stop, stem = language.stop_words, language.stem
    for w in tokens if tokens is not None else words(text):
        low = w.lower().replace("’", "'")
        if low in stop or (len(low) < 2 and not low.isdigit()) or len(low) > WORD_MAX_CHARS:
            continue
        out.append(low if low[0].isdigit() or low[0] == "$" else stem(low))
    return out


def claim_words(text: str, language: Language = ENGLISH, tokens: Sequence[str] | None = None) -> set[str]:
    """What a sentence states beyond who says it: its content words and figures, without names
    (capitalised words after the first) and speech verbs ("Ginsburg said …" and "Ginsburg agreed,
    saying …" share a speaker, not a claim). `tokens`, when given, are the words of `text`."""
    out = set()
    for k, w in enumerate(tokens if tokens is not None else words(text)):
        if k and w[:1].isupper():
            continue
        claim = _claim_stem(w.lower(), language)
        if claim:
            out.add(claim)
    return out


@lru_cache(maxsize=2**17)
def _claim_stem(low: str, language: Language) -> str:
    """What a lower-case word adds to a sentence's claim words: itself for a figure or a date
    ("July 1"), its stem for a content word that is no speech verb, else nothing ("")."""
    low = low.replace("’", "'")
    if low[:1].isdigit():
        return low
    if not low[:1].isalpha() or low in language.stop_words or len(low) < 3 or len(low) > WORD_MAX_CHARS:
        return ""
    stemmed = language.stem(low)
    return "" if stemmed in language.speech_stems else stemmed


def entities(text: str) -> set[str]:
    """Capitalised names in `text` (single words and runs), lower-cased; the first word of a
    sentence counts only when it is part of a longer run."""
    found = set()
    for m in ENTITY.finditer(text):
        parts = [p for p in m.group(1).split() if p not in NOT_ENTITIES]
        if not parts:
            continue
        if m.start() == 0 and len(parts) == 1:
            continue
        found.add(" ".join(parts).lower().rstrip("'’s"))
        found.update(p.lower().rstrip("'’s") for p in parts if len(p) > 2)
    return found


def numbers(text: str) -> set[str]:
    """Numbers in `text` without grouping commas ("1,200" → "1200")."""
    return {m.group(0).replace(",", "") for m in NUMBER.finditer(text)}


@lru_cache(maxsize=2**18)
def column(feature: str) -> int:
    """The hashed column of a feature (a stem, a bigram, an entity, …)."""
    return murmurhash3_32(feature, positive=True) % HASH_FEATURES


@lru_cache(maxsize=2**17)
def char_columns(word: str) -> tuple[int, ...]:
    """Hashed columns of the character n-grams of one word padded with spaces (" word "), as
    scikit-learn's `char_wb` analyzer takes them; cached, since words repeat far more than
    sentences do."""
    padded = f" {word} "
    lo, hi = CHAR_NGRAMS
    grams = []
    for n in range(lo, hi + 1):
        grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
        if len(padded) <= n:
            break
    return tuple(murmurhash3_32(g, positive=True) % HASH_FEATURES for g in grams)


def hashed(rows: Sequence[Sequence[int]], *, binary: bool = False) -> csr_matrix:
    """Rows of counts (or 0/1 with `binary`) over hashed columns."""
    return count_rows(rows, HASH_FEATURES, binary=binary)


def count_rows(rows: Sequence[Sequence[int]], width: int, *, binary: bool = False) -> csr_matrix:
    """Rows of counts (or 0/1 with `binary`) of the column numbers in each row, below `width`."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, rows), dtype=np.int64, count=len(rows)), out=indptr[1:])
    indices = np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=int(indptr[-1]))
    m = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), width))
    m.sum_duplicates()
    if binary:
        m.data[:] = 1
    return m


def top_per_row(rows: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the (at most) `k` best scores of each row, for entries given as parallel
    arrays of row numbers and scores: the sparse-matrix way to keep only strong candidates."""
    order = np.lexsort((-scores, rows))
    sorted_rows = rows[order]
    starts = np.flatnonzero(np.r_[True, sorted_rows[1:] != sorted_rows[:-1]]) if len(order) else np.array([], int)
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    return order[rank < k]

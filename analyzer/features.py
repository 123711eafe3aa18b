"""Normalised text features shared by event grouping and alignment.

Content words are lower-cased, stop-word-free and stemmed (NLTK's Snowball stemmer, which needs
no downloaded data; scikit-learn's English stop words). Named entities are runs of capitalised
words that do not start the sentence; numbers are normalised so "$1,200" and "1200" meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from nltk.stem.snowball import SnowballStemmer
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer

from .segment import words

_STEMMER = SnowballStemmer("english")
ENTITY = re.compile(r"(?<![\w’'])([A-Z][\w’'-]*(?:\s+(?:of|the|de|van|von)?\s*[A-Z][\w’'-]*)*)")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Capitalised words that begin clauses or titles rather than name something.
NOT_ENTITIES = frozenset(
    "The A An In On At By For From To Of And But Or If As It Its He She They We I This That These Those "
    "Mr Mrs Ms Dr Some About More Most No Not A Without With After Before During While When Where".split()
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stem(word)


def content_words(text: str) -> list[str]:
    """Stemmed, lower-cased words of `text` without stop words or bare punctuation."""
    out = []
    for w in words(text):
        low = w.lower().replace("’", "'")
        if low in ENGLISH_STOP_WORDS or (len(low) < 2 and not low.isdigit()):
            continue
        out.append(low if low[0].isdigit() or low[0] == "$" else stem(low))
    return out


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


def fit_matrix(vectorizer: TfidfVectorizer | CountVectorizer, docs: list) -> tuple[csr_matrix, np.ndarray]:
    """`vectorizer.fit_transform(docs)` and its vocabulary; documents with no usable word at all
    (only stop words, only punctuation) give an empty matrix instead of an error."""
    try:
        return vectorizer.fit_transform(docs).tocsr(), vectorizer.get_feature_names_out()
    except ValueError:  # scikit-learn: "empty vocabulary"
        return csr_matrix((len(docs), 1), dtype=np.float32), np.array([""])

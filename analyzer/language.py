"""Whether an article is in English, the only language the lexicons, the context model and the
sentence rules read: a Russian or Chinese article would otherwise score zero loaded words
without a word of why."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

SAMPLE_CHARS = 1500  # the opening of an article (about 250 words) tells its language
MIN_WORDS = 30  # fewer words than this: too short to tell, no warning
# Share of words that are English function words (scikit-learn's stop-word list), below which a
# text in Latin letters is not English: across the 1,113 real English articles of dev-data and
# the seeds the lowest share is 0.27 (median 0.40); Spanish, German, French and Italian news
# sentences score 0.04-0.11.
ENGLISH_FUNCTION_SHARE = 0.18
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")  # a letter of another script
WORD = re.compile(r"[^\W\d_]+")


def not_english(text: str) -> str | None:
    """Why `text` does not look like English (None when it does, or is too short to tell)."""
    sample = text[:SAMPLE_CHARS]
    other = len(OTHER_LETTER.findall(sample))  # few or none in English: cheap to count
    if other and other > len(LATIN_LETTER.findall(sample)):
        return f"written mostly in {_script(sample)} letters"
    words = WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    share = sum(w in ENGLISH_STOP_WORDS for w in words) / len(words)
    if share < ENGLISH_FUNCTION_SHARE:
        return f"only {share:.0%} of its words are common English words (English news has over 25%)"
    return None


def _script(sample: str) -> str:
    """The most common script among the non-Latin letters of `sample` ("Cyrillic", "CJK")."""
    scripts = Counter(
        unicodedata.name(c, "OTHER").split()[0] for c in sample if c.isalpha() and not LATIN_LETTER.match(c)
    )
    name = scripts.most_common(1)[0][0] if scripts else "OTHER"
    return "Chinese, Japanese or Korean" if name == "CJK" else name.title()

"""Sentence boundaries on hand-checked news text, word tokens, quoted-speech spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.segment import quote_spans, sentence_spans, word_spans, words

FIXTURE = Path(__file__).parent / "fixtures" / "segmentation.txt"
# Issue target: at most 3 errors per 75 sentences of hand-checked news text.
MAX_ERRORS_PER_75 = 3


def _paragraphs() -> list[list[str]]:
    paras, cur = [], []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if cur:
                paras.append(cur)
            cur = []
        else:
            cur.append(line)
    return paras + ([cur] if cur else [])


def _boundaries(sentences: list[str]) -> set[int]:
    out, pos = set(), 0
    for s in sentences[:-1]:
        pos += len(s) + 1
        out.add(pos)
    return out


def test_sentence_errors_on_hand_checked_news_text():
    paras = _paragraphs()
    total = sum(len(p) for p in paras)
    assert total >= 75
    errors = 0
    for p in paras:
        text = " ".join(p)
        got = {s.start for s in sentence_spans(text)} - {0}
        errors += len(got ^ _boundaries(p))
    assert errors <= MAX_ERRORS_PER_75 * total / 75


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Get out!" shouted a parent. He left.', ['"Get out!" shouted a parent.', "He left."]),
        ('"Why now?" Lee asked. Park did not answer.', ['"Why now?" Lee asked.', "Park did not answer."]),
        (
            "Dr. Hart met Gov. Park at 9 a.m. Tuesday. They talked.",
            ["Dr. Hart met Gov. Park at 9 a.m. Tuesday.", "They talked."],
        ),
        ("It cost $2.1 billion. The U.S. paid.", ["It cost $2.1 billion.", "The U.S. paid."]),
        ("She said it was \u201creckless.\u201d He agreed.", ["She said it was \u201creckless.\u201d", "He agreed."]),
        ("First paragraph without a stop\nSecond paragraph.", ["First paragraph without a stop", "Second paragraph."]),
    ],
)
def test_tricky_sentences(text, expected):
    assert [text[s.start : s.end] for s in sentence_spans(text)] == expected


def test_sentence_spans_honour_a_window():
    text = "Noise here. The story starts. It ends."
    spans = sentence_spans(text, 12, len(text))
    assert [text[s.start : s.end] for s in spans] == ["The story starts.", "It ends."]


def test_word_tokens_keep_numbers_and_abbreviations_whole():
    text = "The U.S. board voted 5-4 to spend $1,200 (a 4% rise) at 10:30 a.m. on Park's plan."
    toks = [text[s.start : s.end] for s in word_spans(text)]
    assert {"U.S.", "$1,200", "4%", "10:30", "a.m.", "Park's", "5", "4"} <= set(toks)
    assert words("well-known co-op") == ["well-known", "co-op"]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "it is bad" today.', ['"it is bad"']),
        ("He said \u201cit is bad\u201d today.", ["\u201cit is bad\u201d"]),
        ("Lee said: \u201cThe numbers are clear.\u201d", ["\u201cThe numbers are clear.\u201d"]),
        ("The board\u2019s plan, Park\u2019s office, don\u2019t.", []),
        ("a \u2018scare\u2019 word", ["\u2018scare\u2019"]),
        # A quote running over two paragraphs: the first is left open, the next reopens it.
        (
            "\u201cWe are done.\n\u201cAnd we are leaving,\u201d she said.",
            ["\u201cWe are done.", "\u201cAnd we are leaving,\u201d"],
        ),
        # An unbalanced quote ends with its paragraph rather than swallowing the article.
        ('He said "this never closes.\nNext paragraph is the outlet again.', ['"this never closes.']),
    ],
)
def test_quote_spans(text, quoted):
    assert [text[s.start : s.end] for s in quote_spans(text)] == quoted

"""Neutral rewrites read as correct English, or are not offered: on the issue's broken cases, and
on every real sentence of the seeds and the dev-data's loaded-language sets where a listed word
stands in the outlet's voice."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import analyze
from analyzer.model import Flag, Sentence
from analyzer.rewrite import IRREGULAR_PAST, VERBS, neutral_rewrite, neutral_word, problems

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "dev-data" / "loaded"
# At least this share of the flagged real sentences gets a rewrite (measured: seeds 7 of 9, BASIL
# 247 of 277, a PTC chunk about 0.7): refusing every rewrite would pass the rules and help no one.
MIN_OFFERED = 0.6


def _rewrite(text: str, *flags: tuple[str, str | None, str, str]) -> str | None:
    """`text` rewritten with a flag on each (word, neutral, category, lexicon term)."""
    made = []
    for word, neutral, category, term in flags:
        i = text.index(word)
        made.append(Flag("s", "a", "o", i, i + len(word), word, category, 0.5, False, neutral, "why", term=term))
    return neutral_rewrite(Sentence("s", "a", 0, 0, len(text), text), made)


@pytest.mark.parametrize(
    ("broken", "rule"),
    [
        ("Critics called the bill a.", "determiner before punctuation"),
        ("The the person's role spoke to reporters on Monday.", "doubled determiner"),
        ("The talks were close to people's, and long.", "dropped head noun"),
        ("The board voted for the of plan.", "dropped head noun"),
        ("The cuts would be.", "dropped complement"),
        ("A great deal of and unappealing water.", "dangling conjunction"),
    ],
)
def test_the_rules_find_the_broken_rewrites_of_the_issue(broken, rule):
    assert rule in problems(broken)


def test_the_rules_let_correct_english_pass():
    for text in ("It's the party's plan.", "Parents' concerns grew, and the plan that the board passed is law."):
        assert problems(text) == []


def test_the_issues_broken_cases_are_rewritten_right_or_not_offered():
    students = "Thousands of students were massacred in June 1989."
    assert (
        _rewrite(students, ("massacred", "kill", "verb", "massacre"))
        == "Thousands of students were killed in June 1989."
    )
    officials = "He met the Communist Party's most powerful officials."
    assert _rewrite(officials, ("powerful", None, "adjective", "powerful")) == "He met the Communist Party's officials."
    assert _rewrite("The hero spoke to reporters.", ("hero", "the person's role", "label", "hero")) is None
    assert _rewrite("Critics called the bill a hearts.", ("hearts", None, "noun", "hearts")) is None
    water = "A great deal of very dirty and unappealing water."
    assert _rewrite(water, ("dirty", None, "adjective", "dirty")) == "A great deal of unappealing water."
    assert (
        _rewrite("The cuts would be devastating to millions.", ("devastating", None, "adjective", "devastating"))
        is None
    )
    assert _rewrite("He claims to have the right.", ("claims", "says", "attribution", "claims")) is None
    assert _rewrite("Such a massacre shocked them.", ("massacre", "kill", "verb", "massacre")) is None
    swipe = "The senator took a swipe at Clinton."
    assert _rewrite(swipe, ("took a swipe", "criticized", "verb", "took a swipe")) == "The senator criticized Clinton."
    assert (
        _rewrite("Many capitulated too soon.", ("capitulated", "agree", "verb", "capitulate"))
        == "Many agreed too soon."
    )


def _real_sentences(seeds_dir: Path) -> list[tuple[Sentence, list[Flag]]]:
    folders = [seeds_dir] + [p for p in (DEV / "basil", DEV / "ptc" / "chunk00") if p.is_dir()]
    if len(folders) < 3:
        pytest.skip("../shared/dev-data is not beside this checkout")
    analysis = analyze(folders, jobs=2)
    by_sentence = analysis.flags_by_sentence()
    return [(s, by_sentence[s.id]) for s in analysis.sentences if any(not f.quoted for f in by_sentence.get(s.id, ()))]


def test_every_rewrite_of_real_sentences_keeps_the_rules(seeds_dir):
    """Each offered rewrite breaks no rule, and every verb it replaces keeps its form (a past
    participle for "massacred", "-ing" for "slashing"); most flagged sentences get one."""
    sentences = _real_sentences(seeds_dir)
    offered = 0
    for s, flags in sentences:
        rewritten = neutral_rewrite(s, flags)
        if rewritten is None:
            continue
        offered += 1
        assert problems(rewritten) == [], (s.text, rewritten)
        for f in flags:
            word = neutral_word(f)
            if f.quoted or f.category not in VERBS or not word or f.text.lower() == (f.term or "").lower():
                continue
            head = word.split()[0].lower()
            if f.text.lower().split()[0].endswith("ed"):
                assert head.endswith(("ed", "d")) or head in IRREGULAR_PAST.values(), (f.text, word)
            if f.text.lower().split()[0].endswith("ing"):
                assert head.endswith("ing"), (f.text, word)
    assert offered >= MIN_OFFERED * len(sentences), (offered, len(sentences))

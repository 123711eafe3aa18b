"""Flags: outlet voice vs quotes, scare quotes, context rules, headlines, and gold precision/recall."""

from __future__ import annotations

import pytest
from conftest import EVENT_SETS, gold

from analyzer import analyze, load
from analyzer.evaluate import evaluate
from analyzer.framing import flag_sentence
from analyzer.lexicons import builtin
from analyzer.model import Sentence
from analyzer.segment import quote_spans


def flags(text: str):
    quotes = tuple((q.start, q.end) for q in quote_spans(text))
    return flag_sentence(Sentence("s", "a", 0, 0, len(text), text, quotes), "Outlet", builtin())


def test_flag_carries_offsets_category_neutral_and_why():
    (f,) = flags("The board gutted two schools.")
    assert (f.text, f.category, f.neutral, f.quoted) == ("gutted", "verb", "cut; closed; reduced", False)
    assert f.why and "gutted" == "The board gutted two schools."[f.start : f.end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"This is a power grab," Lee said.', [("power grab", True, False)]),
        ("Lee said: \u201cThe plan is a giveaway.\u201d", [("giveaway", True, False)]),
        ('The board approved the "reform" and the "giveaway."', [("giveaway", False, True)]),
        ("Critics called the plan a \u201cgiveaway.\u201d", [("giveaway", True, False)]),
        # A name or title in quotation marks is not the outlet keeping its distance.
        ('He was given the honorary title of "people\'s hero" in 2019.', [("hero", True, False)]),
        ('Crowds gathered at the monument to the "people\'s hero" on Monday.', [("hero", True, False)]),
    ],
)
def test_quoted_speech_belongs_to_the_speaker_but_scare_quotes_to_the_outlet(text, expected):
    assert [(f.text, f.quoted, f.scare_quote) for f in flags(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Daily Patriot reported the vote.",
        "Members of the Radical Party met on Monday.",
        "Free radicals damage cells, the study found.",
        "Extreme weather closed the roads.",
        "The plan is not reckless, the auditor found.",
        "She was admitted to hospital on Monday.",
    ],
)
def test_context_rules_prevent_false_alarms(text):
    assert flags(text) == []


def test_inflections_and_multiword_terms_match():
    assert [f.text for f in flags("The council is slashing budgets in a power grab.")] == ["slashing", "power grab"]


def test_neutral_wire_copy_has_no_voice_flags(corpus_analysis):
    wire = next(o for o in corpus_analysis.outlets if o.name == "Lakeshore Wire Service")
    assert wire.voice_flags == 0 and wire.loaded_per_100_words == 0.0
    assert wire.flags >= 1  # the quoted "power grab" is flagged, but as the speaker's


@pytest.mark.parametrize("event_set", EVENT_SETS)
def test_loaded_terms_against_gold(corpus_dir, event_set):
    result = evaluate(analyze(load([corpus_dir / event_set])), gold(event_set))
    # The issue asks for at least half of the terms a careful reader would mark, with most
    # flags ones they agree with.
    assert result.flags.recall >= 0.5 and result.flags.precision >= 0.75


@pytest.mark.parametrize("event_set", EVENT_SETS)
def test_gold_quoted_terms_are_flagged_as_quoted(corpus_analysis, event_set):
    for item in gold(event_set)["quoted"]:
        art = f"{event_set}/{item['article']}"
        assert any(f.article == art and f.text == item["text"] and f.quoted for f in corpus_analysis.flags), item


@pytest.mark.parametrize("event_set", EVENT_SETS)
def test_headline_flags_against_gold(corpus_analysis, event_set):
    # Every headline flag is one the annotators marked; the context model may let a mild listed
    # term pass ("adjustment" for a fare rise scores below the curated threshold).
    got = {(h.article, h.text) for h in corpus_analysis.headline_flags if h.article.startswith(event_set + "/")}
    wanted = {(f"{event_set}/{item['article']}", item["text"]) for item in gold(event_set)["headlines"]}
    assert got <= wanted and len(got) >= 0.75 * len(wanted)


def test_outlet_figures_add_up(corpus_analysis):
    for o in corpus_analysis.outlets:
        own = [f for f in corpus_analysis.flags if f.outlet == o.name]
        assert o.flags == len(own) and o.voice_flags == sum(1 for f in own if not f.quoted)
        assert sum(o.categories.values()) == o.voice_flags
        assert o.loaded_per_100_words == round(100 * o.voice_flags / o.voice_words, 2)
        assert -1 <= o.tone <= 1 and 0 <= o.intensity <= 1


def test_attribution_profile_separates_said_from_claimed(corpus_analysis):
    by_name = {o.name: o.attribution for o in corpus_analysis.outlets}
    assert by_name["Lakeshore Wire Service"].doubt_casting == 0
    assert by_name["The Daily Patriot"].doubt_casting >= 2 and by_name["The Daily Patriot"].presupposing >= 1
    assert by_name["The Harlow Beacon"].presupposing >= 1


def test_every_flag_lies_inside_its_sentence(corpus_analysis):
    text = {s.id: s.text for s in corpus_analysis.sentences}
    for f in corpus_analysis.flags:
        assert text[f.sentence][f.start : f.end] == f.text


@pytest.mark.parametrize(
    ("typed", "example", "neutral"),
    [
        ("slashing", "The mayor moved to slash the plan on Monday.", "The mayor moved to cut the plan on Monday."),
        ("slammed", "The mayor slammed the plan on Monday.", "The mayor criticized the plan on Monday."),
    ],
)
def test_explain_examples_are_grammatical_for_the_term_and_its_neutral_word(typed, example, neutral):
    from click.testing import CliRunner

    from analyzer.cli import main

    out = CliRunner().invoke(main, ["explain", typed]).output
    assert f"  example: {example}\n  neutral: {neutral}\n" in out

"""Quantities and how outlets frame the same fact's numbers."""

from __future__ import annotations

import pytest

from analyzer.model import Fact, Sentence
from analyzer.numbers import compare_numbers, quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It will save $1.2 million a year.", [("$", 1.2e6, 1.2e6, None)]),
        ("It will save $100,000 a month.", [("$", 1e5, 1.2e6, None)]),
        ("It will save $100,000 annually.", [("$", 1e5, 1e5, None)]),  # a rate, not a counted noun
        ("Some 640 children will move.", [("children", 640, None, "some")]),
        ("A drop of 15 percent.", [("%", 15, None, None)]),
        ("The board voted 5-4 on Tuesday at 10:30 a.m. on July 1 in 2026.", []),
        ("About 50 cents a day.", [("$", 0.5, 182.5, "about")]),
        ("Rates rose just over 5 percent.", [("%", 5, None, "over")]),
        # "more" belongs to the first figure ("5 more"), so it cannot hedge the second
        ("It had 5 more than 6 years ago.", [("", 5, None, None), ("years", 6, None, None)]),
        # the unit is the noun counted, past its modifiers, not the word after the number
        ("The board previewed 30 previewed items.", [("items", 30, None, None)]),
        ("It backs 80 large-scale solar projects across the state.", [("projects", 80, None, None)]),
        ("An estimated  640 residents came.", [("residents", 640, None, "an estimated")]),
        ("Hoyer kept the No. 2 job and Clyburn the #3 spot.", []),  # places in a ranking count nothing
    ],
)
def test_quantities(text, expected):
    got = [(q.unit, q.value, q.per_year, q.hedge) for q in quantities(text)]
    assert got == expected


def _fact(*texts_and_outlets):
    sentences = {f"s{n}": Sentence(f"s{n}", f"a{n}", 0, 0, len(t), t) for n, (t, _) in enumerate(texts_and_outlets)}
    outlet_of = {f"a{n}": o for n, (_, o) in enumerate(texts_and_outlets)}
    fact = Fact("f", "e", tuple(sentences), tuple(outlet_of.values()), ())
    return compare_numbers(fact, sentences, outlet_of)


def test_same_quantity_framed_differently():
    result = _fact(
        ("It will save $1.2 million a year.", "Wire"), ("She claims it will save $100,000 a month.", "Patriot")
    )
    assert [f.kind for f in result.findings] == ["same quantity, framed differently"]


def test_real_disagreement_and_vague_figures():
    result = _fact(
        ("About 150 people protested.", "Wire"),
        ("A few dozen protesters waved signs.", "Patriot"),
        ("Hundreds of residents rallied.", "Beacon"),
    )
    kinds = sorted(f.kind for f in result.findings)
    assert kinds == ["different vague figures", "vague vs exact", "vague vs exact"]


def test_bundled_fact_with_monthly_and_yearly_savings(corpus_analysis):
    kinds = [f.kind for fact in corpus_analysis.facts for f in fact.findings]
    assert "same quantity, framed differently" in kinds


def test_no_difference_when_each_outlet_states_both_figures():
    result = _fact(
        ("Owners pay $55 million of the $95 million project.", "Beacon"),
        ("The $95 million project leaves owners $55 million to pay.", "Patriot"),
    )
    assert result.findings == () and len(result.mentions) == 4


def test_no_difference_when_each_outlet_states_both_values_in_other_words():
    result = _fact(
        ("She got 134 votes; he got 63 ballots.", "Fox"),
        ("He got 63 votes; she got 134 ballots.", "NYT"),
    )
    assert result.findings == ()
    differ = _fact(("She won 134 votes.", "Fox"), ("She won 124 votes.", "NYT"))
    assert [f.kind for f in differ.findings] == ["different figures"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("It cuts $716 billion from Medicare.", "$716 billion"),  # not the word after it
        ("It saves $100,000 a month.", "$100,000 a month"),
        ("It brings about 400 permanent jobs to the town.", "about 400 permanent jobs"),
        ("Rates rose 5 percent last year.", "5 percent"),
        ("They paid 5,000 dollars in fees.", "5,000 dollars"),  # money, written in words
    ],
)
def test_a_figure_is_shown_as_written_with_its_rate_or_the_noun_it_counts(text, written):
    assert [q.text for q in quantities(text)] == [written]


def test_a_vague_figure_is_compared_only_with_figures_of_its_kind():
    """ "thousands" of donations is no "12 miles"; "tens of thousands of dollars" is money."""
    assert _fact(("The mine is 12 miles away.", "Wire"), ("He took thousands in donations.", "Beacon")).findings == ()
    money = _fact(("He spent $250,000.", "Fox"), ("He spent tens of thousands of dollars.", "NYT"))
    assert [f.kind for f in money.findings] == ["vague vs exact"]


def test_vague_figures_count_the_noun_past_its_adjectives():
    (q,) = quantities("Hundreds of angry parents packed the meeting.")
    assert q.vague and q.unit == "parents"

"""Who is called what: actors merged across name forms, labels and attribution verbs per outlet."""

from __future__ import annotations

import pytest
from conftest import EVENT_SETS, gold


def _actor(analysis, name):
    return next(a for a in analysis.actors if a.name == name)


@pytest.mark.parametrize("event_set", EVENT_SETS)
def test_gold_labels_are_found(corpus_analysis, event_set):
    for name, per_outlet in gold(event_set)["actors"].items():
        actor = _actor(corpus_analysis, name)
        for outlet, labels in per_outlet.items():
            found = [label.lower() for label in actor.labels.get(outlet, [])]
            for label in labels:
                assert label.lower() in found, (name, outlet, label, found)


def test_name_forms_merge(corpus_analysis):
    names = {a.name for a in corpus_analysis.actors}
    assert "Ana Park" in names and "Park" not in names and "Superintendent Ana Park" not in names
    assert _actor(corpus_analysis, "Ana Park").mentions["The Harlow Beacon"] >= 2


def test_attribution_verbs_per_outlet(corpus_analysis):
    reyes = _actor(corpus_analysis, "Tomas Reyes").verbs
    assert reyes["Lakeshore Wire Service"].get("said") and reyes["The Daily Patriot"] == {"conceded": 1}
    assert _actor(corpus_analysis, "Dana Cole").verbs["The Harlow Beacon"] == {"insisted": 1}


def _labels(text: str) -> dict[str, list[str]]:
    from analyzer.actors import ActorRules, event_actors
    from analyzer.lexicons import builtin
    from analyzer.model import Sentence

    sentences = [Sentence(f"a:{n}", "a", n, 0, len(t), t) for n, t in enumerate(text.split("\n"))]
    counts = event_actors(sentences, {"a": "A"}, ActorRules.of(builtin()))
    return {name: per_outlet.get("A", []) for name, per_outlet in counts.labels.items()}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("He met North Korean leader Kim Jong Un on Friday.", "Kim Jong Un", ["North Korean leader"]),
        ("Russian strongman Vladimir Putin arrived in Beijing.", "Vladimir Putin", ["Russian strongman"]),
        ("The talks with Mr. Xi went on.", "Xi", []),  # a courtesy title is no label
        ("In an interview with USA Today, Comey said he was glad.", "Comey", []),  # an adverbial
        ("They met Trump, the White House did not comment on the reports.", "Trump", []),  # a clause
        ("Leaders praised Putin, the Eurasian Union and the Belt and Road Initiative.", "Putin", []),  # a list
        ("The plan helps the Transit Authority, an agency that ran up a deficit.", "Transit Authority", ["an agency"]),
        ("At this point, Kim has given away nothing.", "Kim", []),  # no "his" inside "this"
        ("They were glad Comey's memos are public.", "Comey", []),  # a predicate, not a premodifier
        ("The lawsuit also names Trump's son, Donald Trump Jr., as a defendant.", "Donald Trump Jr", []),  # a clause
        ("It names his son-in-law, Jared Kushner, as a defendant.", "Jared Kushner", ["his son-in-law"]),
        ("Throughout the campaign, Trump held rallies.", "Trump", []),  # an adverbial
        ("Still bashing the agreement, Trump is on track to end it.", "Trump", []),  # a verb's object
        ("He praised his warm relationship with Macron.", "Macron", []),  # no members of a group
        ("Radical activists from the Clearwater Alliance marched.", "Clearwater Alliance", ["Radical activists"]),
        ("The United States, France and Britain acted.", "France", []),  # one of a list
        ("Regarding the conflict in Ukraine, Beijing has kept a neutral position.", "Beijing", []),
        ("It trusts the UN, the Shanghai Cooperation Organisation, BRICS and other frameworks.", "BRICS", []),
        ("Trust grew between the peoples, Xi said.", "Xi", []),
        ("After meeting Xi and the party's most powerful officials, Putin left.", "Putin", []),
        ("He praised his positive relations with Russia.", "Russia", []),
        (
            "It works in the United Nations, the Shanghai Cooperation Organisation, BRICS and others.",
            "United Nations",
            [],
        ),
        ("They saw Putin, the Russian president, and Xi.", "Putin", ["the Russian president"]),
    ],
)
def test_a_label_names_the_actor_and_nothing_else(text, name, expected):
    """Labels are titles, roles and appositive noun phrases: never a clause, a list or an
    adverbial (measured on NewsWCL50 in benchmarks/actors.py)."""
    assert _labels(text).get(name, []) == expected


def test_a_description_by_role_is_a_label_of_the_actor_last_given_that_role():
    """ "The North Korean leader" some sentences after "North Korean leader Kim Jong Un" names Kim;
    "the leader of Japan" names someone else, and a description whose modifiers fit no earlier
    label ("the U.S. president" after "South Korean President Moon") names no one."""
    from analyzer.actors import ActorRules, event_actors
    from analyzer.lexicons import load
    from analyzer.model import Sentence

    texts = [
        "North Korean leader Kim Jong Un said he would close the site.",
        "The North Korean leader's move surprised analysts.",
        "North Korea's leader has given nothing away, and the leader of Japan agreed.",
        "South Korean President Moon Jae-in welcomed it.",
        "The U.S. president did not comment.",
    ]
    sentences = [Sentence(f"a:{k}", "a", k, 0, len(t), t) for k, t in enumerate(texts)]
    counts = event_actors(sentences, {"a": "X"}, ActorRules.of(load(())))
    assert counts.labels["Kim Jong Un"]["X"] == ["North Korean leader", "North Korea's leader"]
    assert counts.labels["Moon Jae-in"]["X"] == ["South Korean President"]
    assert counts.mentions["Kim Jong Un"]["X"] == 1  # a description adds a label, not a mention

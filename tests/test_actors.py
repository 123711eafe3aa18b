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

"""Event grouping: declared events win, content clusters, dates keep same-people stories apart."""

from __future__ import annotations

import pytest
from conftest import EVENT_SETS, gold

from analyzer import analyze
from analyzer.model import Article


def _art(aid, outlet, title, body, date=None, event=None):
    return Article(id=aid, outlet=outlet, title=title, date=date, url=None, source=aid, body=body, event=event)


@pytest.mark.parametrize("event_set", EVENT_SETS)
def test_bundled_events_are_grouped_as_annotated(corpus_analysis, event_set):
    expected = {frozenset(f"{event_set}/{a}" for a in ev["articles"]) for ev in gold(event_set)["events"]}
    found = {frozenset(e.articles) for e in corpus_analysis.events if e.articles[0].startswith(event_set + "/")}
    assert found == expected


def test_every_article_is_in_exactly_one_event(corpus_analysis):
    ids = [a for e in corpus_analysis.events for a in e.articles]
    assert sorted(ids) == sorted(a.id for a in corpus_analysis.articles)
    assert all(a.event for a in corpus_analysis.articles)


def test_event_is_titled_after_its_first_report(corpus_analysis):
    titles = {e.title for e in corpus_analysis.events}
    assert "Harlow school board votes 5-4 to close two elementary schools" in titles


def test_declared_event_overrides_content():
    from analyzer.events import group_events

    arts = [
        _art("a", "A", "Storm hits coast", "A storm hit the coast on Monday.", event="storm"),
        _art("b", "B", "Budget passes", "The council passed the budget.", event="storm"),
        _art("c", "C", "Storm batters coast", "A storm battered the coast on Monday."),
    ]
    events = group_events(arts, {a.id: a.body for a in arts})
    assert {frozenset(e.articles) for e in events} == {frozenset({"a", "b"}), frozenset({"c"})}


def test_same_words_far_apart_in_time_are_different_events():
    from analyzer.events import group_events

    body = "The Harlow school board voted on the budget. Superintendent Ana Park presented the budget plan."
    arts = [
        _art("march", "A", "Board votes on budget", body, date="2026-03-01"),
        _art("june", "B", "Board votes on budget", body + " Again.", date="2026-06-01"),
        _art("march2", "C", "Board budget vote", body + " Later.", date="2026-03-02"),
    ]
    events = group_events(arts, {a.id: a.body for a in arts})
    assert {frozenset(e.articles) for e in events} == {frozenset({"march", "march2"}), frozenset({"june"})}


def test_single_article_is_its_own_event(tmp_path):
    from conftest import article, write

    from analyzer.corpus import load_corpus

    write(tmp_path / "a.md", article())
    analysis = analyze(load_corpus([tmp_path]))
    assert len(analysis.events) == 1 and analysis.events[0].articles == ("a",)

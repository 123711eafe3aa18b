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


def test_the_bar_rises_with_days_apart():
    """Alike enough on the same day, not three days apart: time counts as much as words."""
    import numpy as np

    from analyzer import EventOptions
    from analyzer.events import _bars

    options = EventOptions()
    days = np.array([0.0, 0.0, 3.0, 30.0, np.nan])  # article 4 undated
    r, c = np.array([0, 0, 0, 0]), np.array([1, 2, 3, 4])
    bar = _bars(r, c, days, np.full((5, 2), -1), options)
    assert bar[0] == options.similarity < 0.2 < bar[1]  # 0.2 is enough on the same day, not 3 days apart
    assert bar[2] > 1  # beyond max_days whatever the words
    assert bar[3] == options.similarity + options.per_day * options.undated_days


def test_undated_leads_on_different_weekdays_are_different_meetings():

    body = "President Lee held talks with Prime Minister Moreau on {} on trade and energy ties."
    arts = [
        _art("tue", "A", "Lee and Moreau hold talks", body.format("Tuesday")),
        _art("thu", "B", "Lee and Moreau hold talks", body.format("Thursday")),
        _art("thu2", "C", "Lee meets Moreau", body.format("Thursday") + " They signed a statement."),
    ]
    for a in arts:
        assert a.date is None
    from analyzer.article_stage import process_articles
    from analyzer.events import group_counted
    from analyzer.language import ENGLISH
    from analyzer.lexicons import load as load_lexicon
    from analyzer.options import EventOptions, FlagOptions

    done = process_articles(
        arts, recurring=frozenset(), lexicon=load_lexicon(()), options=FlagOptions(), language=ENGLISH
    )
    assert [x.weekday for x in done.leads] == [1, 3, 3]
    events = group_counted(arts, done.event_counts, EventOptions(), done.leads)
    assert {frozenset(e.articles) for e in events} == {frozenset({"tue"}), frozenset({"thu", "thu2"})}


def test_undated_leads_in_different_cities_need_more_shared_words():
    """Two undated reports of talks between the same leaders, one datelined in Moscow, one "in
    Beijing": alike enough for one story on words alone, two meetings by where they were."""
    from analyzer.article_stage import process_articles
    from analyzer.events import group_counted
    from analyzer.language import ENGLISH
    from analyzer.lead import cities
    from analyzer.lexicons import load as load_lexicon
    from analyzer.options import EventOptions, FlagOptions

    moscow = "MOSCOW: Lee welcomed Moreau for talks on grain exports, gas pipelines, fishing quotas and rail freight."
    beijing = "Lee met Moreau in Beijing to discuss tariffs, container ports, student visas and film festivals."
    other = "The city council approved a budget for new buses and school repairs on a close vote."
    arts = [_art("m", "A", "Lee welcomes Moreau", moscow), _art("b", "B", "Talks with Moreau", beijing)]
    arts.append(_art("o", "C", "Council budget", other))
    done = process_articles(
        arts, recurring=frozenset(), lexicon=load_lexicon(()), options=FlagOptions(), language=ENGLISH
    )
    number, _ = cities()
    assert [x.city for x in done.leads] == [number["moscow"], number["beijing"], None]
    apart = group_counted(arts, done.event_counts, EventOptions(), done.leads)
    together = group_counted(arts, done.event_counts, EventOptions(other_city=0.0), done.leads)
    assert len(apart) == 3 and frozenset({"m", "b"}) in {frozenset(e.articles) for e in together}


def test_complete_linkage_keeps_a_chain_of_look_alikes_apart():
    """A is like B, B like C, but A not like C: not one story (single linkage would chain them)."""
    from analyzer import EventOptions
    from analyzer.events import group_events

    arts = [
        _art("a", "A", "Dam bursts", "The river dam burst near Elton village flooding farms.", date="2026-05-04"),
        _art("b", "B", "Dam bursts", "The river dam burst near Elton; the governor visited farms.", date="2026-05-04"),
        _art("c", "C", "Governor visits", "The governor visited a school and a hospital in Elton.", date="2026-05-04"),
    ]
    events = group_events(arts, {x.id: x.body for x in arts}, EventOptions(similarity=0.2))
    assert frozenset({"a", "b", "c"}) not in {frozenset(e.articles) for e in events}


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("auto", None),  # as the content says: checked against the gold above
        ("folders", {"copper-ridge-mine", "school-closures", "transit-fares"}),
        ("one", {"*"}),
    ],
)
def test_events_option_groups_as_asked(corpus_dir, tmp_path, mode, expected):
    from click.testing import CliRunner

    from analyzer.cli import main

    result = CliRunner().invoke(
        main, ["report", str(corpus_dir), "-o", str(tmp_path), "--format", "json", "--events", mode]
    )
    assert result.exit_code == 0, result.output
    import json

    doc = json.loads((tmp_path / "analysis.json").read_text())
    groups = [{a.split("/")[0] for a in e["articles"]} for e in doc["events"]]
    if mode == "auto":
        assert len(doc["events"]) == 5 and all(len(g) == 1 for g in groups)
    elif mode == "folders":
        assert len(groups) == 3 and {g.pop() for g in groups} == expected
    else:
        assert len(doc["events"]) == 1 and len(doc["events"][0]["articles"]) == 11
    assert doc["run"]["settings"]["events"]["mode"] == mode
    assert result.stderr.count("event “") == len(doc["events"])  # how it grouped, one line an event


def test_declared_event_wins_over_the_events_option(tmp_path):
    from conftest import article, write

    from analyzer import AnalysisOptions, EventOptions, analyze

    write(tmp_path / "x" / "a.md", article(outlet="A", body="A storm hit.").replace("date:", "event: storm\ndate:"))
    write(tmp_path / "y" / "b.md", article(outlet="B", body="Rain fell.").replace("date:", "event: storm\ndate:"))
    write(tmp_path / "y" / "c.md", article(outlet="C", body="The council met."))
    analysis = analyze([tmp_path], AnalysisOptions(events=EventOptions(mode="folders")))
    assert {frozenset(e.articles) for e in analysis.events} == {frozenset({"x/a", "y/b"}), frozenset({"y/c"})}


def test_seeds_of_one_visit_are_one_event(seeds_dir):
    """Real pages without front matter: the three reports of the May 2024 Beijing visit (000,
    001, 004) are one event; the Moscow meeting of March 2023 (002) and the Beijing meeting with
    the prime minister (003) each stand alone, though both leads say "Tuesday"."""
    analysis = analyze([seeds_dir])
    by_file = {a.id[:3]: a.event for a in analysis.articles}
    assert by_file["000"] == by_file["001"] == by_file["004"]
    assert len({by_file["002"], by_file["003"], by_file["004"]}) == 3


def test_thousands_of_look_alike_short_articles_stay_within_memory(tmp_path):
    """4,000 one-line files drawn from 17 words all link to all: 8 million candidate links took
    gigabytes; each article keeps its best links, and the grouping fits in 1 GiB."""
    import os
    import random
    import subprocess
    import sys

    rng = random.Random(1)
    words = (
        "council budget vote school plan mayor residents water road fund park library tax police fire street".split()
    )
    for n in range(4000):
        (tmp_path / f"f{n:04}.txt").write_text(" ".join(rng.choice(words) for _ in range(8)) + ".\n")
    script = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30));"
        "from analyzer import load, analyze; a = analyze(load([sys.argv[1]])); print(len(a.events))"
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-500:]
    assert int(done.stdout.split()[-1]) >= 1


def test_a_story_of_a_thousand_outlets_is_one_event():
    """The links each article keeps still join a story every outlet covers."""
    from analyzer.events import group_events

    arts = [
        _art(
            f"a{n}",
            f"Outlet {n}",
            "Council approves stadium budget",
            f"The city council voted {n % 9 + 1}-3 on Monday to approve a ${100 + n} million budget for the new "
            f"stadium. About {1000 + n} residents attended. Mayor Ana Lopez said it would create {n + 50} jobs.",
            date="2024-05-01",
        )
        for n in range(1000)
    ]
    events = group_events(arts, {x.id: x.body for x in arts})
    assert len(events) == 1 and len(events[0].articles) == 1000

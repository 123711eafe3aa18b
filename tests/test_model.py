"""The analysis.json contract: schema-valid, offsets exact, round trip, byte-identical reruns."""

from __future__ import annotations

import json
from dataclasses import asdict
from importlib import resources

import jsonschema
import pytest

from analyzer import AlignOptions, AnalysisOptions, EventOptions, analyze, load
from analyzer.model import Analysis


def _schema() -> dict:
    return json.loads(resources.files("analyzer.data").joinpath("analysis.schema.json").read_text("utf-8"))


def test_bundled_corpus_analysis_validates_against_the_schema(corpus_analysis):
    doc = json.loads(corpus_analysis.to_json())
    jsonschema.validate(doc, _schema())
    assert doc["schema"] == "framing-analysis/1"
    assert list(doc)[:11] == [
        "schema",
        "tool",
        "articles",
        "events",
        "sentences",
        "removed",
        "alignments",
        "facts",
        "flags",
        "actors",
        "outlets",
    ]


def test_sentence_and_removal_offsets_slice_the_article_body(corpus_dir, corpus_analysis):
    bodies = {a.id: a.body for a in load([corpus_dir]).articles}
    assert corpus_analysis.sentences and corpus_analysis.removed
    for s in corpus_analysis.sentences:
        assert bodies[s.article][s.start : s.end] == s.text
        assert s.id == f"{s.article}:{s.index}"
        for qs, qe in s.quotes:
            assert 0 <= qs < qe <= len(s.text)
    for r in corpus_analysis.removed:
        assert bodies[r.article][r.start : r.end] == r.text


def test_run_section_records_inputs_and_settings(corpus_analysis):
    run = corpus_analysis.run
    assert len(run["inputs"]) == 11 and all(len(i["sha256"]) == 64 for i in run["inputs"])
    assert run["settings"]["align"]["triangle_bar"] == AlignOptions().triangle_bar
    assert run["settings"]["events"] == asdict(EventOptions())


def test_settings_record_the_options_used(corpus_dir):
    """Options reach the stages, and what ran is what `run.settings` says."""
    options = AnalysisOptions(events=EventOptions(similarity=0.99), align=AlignOptions(triangle_bar=0.9))
    strict = analyze(load([corpus_dir / "school-closures"]), options)
    default = analyze(load([corpus_dir / "school-closures"]))
    assert strict.run["settings"]["events"]["similarity"] == 0.99
    assert strict.run["settings"]["align"]["triangle_bar"] == 0.9
    assert len(strict.events) > len(default.events)  # nothing is that alike: every article alone


def test_round_trip_and_byte_identical_reruns(corpus_dir, corpus_analysis):
    text = corpus_analysis.to_json()
    assert Analysis.from_json(text).to_json() == text
    assert analyze(load([corpus_dir])).to_json() == text


def test_voice_words_exclude_quoted_speech(corpus_analysis):
    wire = next(a for a in corpus_analysis.articles if a.id == "school-closures/wire")
    assert 0 < wire.voice_words < wire.words


def test_stages_are_reported_in_order(corpus_dir):
    from analyzer.pipeline import STAGES

    seen = []
    analyze(load([corpus_dir / "transit-fares"]), on_stage=seen.append)
    assert tuple(seen) == STAGES


def test_nested_records_read_back_as_records(corpus_analysis):
    """Alignment diffs and fact figures are typed records, in memory and read back from JSON:
    a misspelt field fails instead of reading as empty."""
    from analyzer.model import Analysis, Diff, FactNumbers, Finding, Swap

    again = Analysis.from_json(corpus_analysis.to_json())
    assert again.alignments == corpus_analysis.alignments and again.facts == corpus_analysis.facts
    assert all(isinstance(a.diff, Diff) for a in again.alignments)
    assert any(isinstance(s, Swap) and s.a_category for a in again.alignments for s in a.diff.swaps)
    figured = [f for f in again.facts if f.numbers is not None]
    assert figured and all(isinstance(f.numbers, FactNumbers) for f in figured)
    assert any(isinstance(x, Finding) for f in figured for x in f.findings)
    assert any(f.numbers is None and f.findings == () for f in again.facts)
    with pytest.raises(AttributeError):
        again.alignments[0].diff.swap  # noqa: B018

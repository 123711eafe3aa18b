"""The Python API: the documented examples run, a call leaves the caller's process as it found it,
and an analysis read back from its JSON is the one that was written."""

from __future__ import annotations

import doctest
import gc

import analyzer
import analyzer.api
from analyzer import AnalysisOptions, analyze, load, read_analysis, render


def test_documented_examples_run(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(corpus_dir.parent)
    result = doctest.testmod(analyzer.api, extraglobs={"out": tmp_path}, report=True)
    assert result.attempted >= 4 and result.failed == 0


def test_analyze_leaves_the_garbage_collector_as_it_found_it(corpus_dir):
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    analyze([corpus_dir / "school-closures"])
    assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, enabled)
    gc.disable()
    try:
        analyze([corpus_dir / "school-closures"])
        assert not gc.isenabled() and gc.get_freeze_count() == frozen
    finally:
        gc.enable()


def test_paths_or_a_loaded_corpus_give_the_same_analysis(corpus_dir):
    paths = [corpus_dir / "transit-fares"]
    assert analyze(paths).to_json() == analyze(load(paths), AnalysisOptions()).to_json()


def test_read_analysis_gives_back_what_render_wrote(corpus_analysis, tmp_path):
    render(corpus_analysis, tmp_path, formats=["json"])
    back = read_analysis(tmp_path / "analysis.json")
    assert back.to_json() == corpus_analysis.to_json()
    assert back.facts == corpus_analysis.facts and back.flags == corpus_analysis.flags


def test_public_names_are_documented():
    for name in analyzer.__all__:
        assert getattr(analyzer, name).__doc__, name


def test_readme_api_example_runs(corpus_dir, tmp_path, monkeypatch):
    readme = (corpus_dir.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "corpus").symlink_to(corpus_dir)
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    assert scope["again"].to_json() == scope["analysis"].to_json()
    assert scope["strict"].run["settings"]["align"]["triangle_bar"] == 0.2
    assert (tmp_path / "out" / "report.html").is_file()

"""Golden files for the text outputs of the bundled corpus (`analysis.json`, `report.html`, the
CSV tables) and the `--help` texts.

A change to any of them fails here until it is looked at and accepted by regenerating them
explicitly:  FRAMING_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer import analyze, load, render
from analyzer.cli import main
from analyzer.report.tables import TABLES

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parent.parent
UPDATE = os.environ.get("FRAMING_UPDATE_GOLDEN") == "1"


def check(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{name} changed; regenerate with FRAMING_UPDATE_GOLDEN=1"


@pytest.fixture(scope="module")
def relative_analysis():
    cwd = os.getcwd()
    os.chdir(ROOT)  # relative paths, so the files do not depend on where the checkout lives
    try:
        return analyze(load(["corpus"]))
    finally:
        os.chdir(cwd)


def test_analysis_json(relative_analysis):
    check("analysis.json", relative_analysis.to_json())


def test_report_html(relative_analysis, tmp_path):
    """The page's text and structure; the charts inside it are checked by their structure in
    test_report.py (their PNG bytes belong to matplotlib's version, not to us)."""
    render(relative_analysis, tmp_path, formats=["html"], reproducible=True)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    check("report.html", re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:image/png;base64,…", html))


@pytest.mark.parametrize("table", sorted(TABLES))
def test_csv_tables(relative_analysis, table):
    check(table, TABLES[table](relative_analysis))


@pytest.mark.parametrize(
    "command",
    [
        ["--help"],
        ["report", "--help"],
        ["evaluate", "--help"],
        ["lesson", "--help"],
        ["explain", "--help"],
        ["lexicon", "--help"],
    ],
)
def test_help_texts(command):
    result = CliRunner().invoke(main, command, terminal_width=100, prog_name="framing")
    check("help-" + "-".join(c.strip("-") for c in command) + ".txt", result.output)

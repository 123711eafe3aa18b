"""The word lists of a language in one object the stages are given; articles not in English are
read, and said to be read by an English-only tool."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import article, write

from analyzer.cli import main
from analyzer.language import not_english


def test_real_english_news_looks_english(seeds_dir):
    for path in sorted(seeds_dir.iterdir()):
        assert not_english(path.read_text(encoding="utf-8", errors="replace")) is None, path.name


def test_other_languages_and_scripts_are_told_apart():
    spanish = (
        "El consejo municipal votó el lunes para aprobar el presupuesto de la ciudad, después de un largo "
        "debate sobre las escuelas y las carreteras. El alcalde dijo que el plan sería aprobado la próxima semana."
    )
    assert "common English words" in not_english(spanish)
    assert "Cyrillic" in not_english("Совет проголосовал за утверждение плана в понедельник.")
    assert "Chinese, Japanese or Korean" in not_english("理事会周一投票批准了该计划。市长说计划将会通过。")
    assert not_english("Hola, amigos.") is None  # too short to tell


def test_a_russian_article_is_analysed_with_a_warning_in_the_report(tmp_path):
    write(tmp_path / "in" / "a.md", article(outlet="A", body="The council voted to approve the plan on Monday."))
    body = "Совет проголосовал за утверждение плана в понедельник. Мэр сказал, что план будет принят."
    write(tmp_path / "in" / "b.md", article(outlet="B", body=body))
    result = CliRunner().invoke(
        main, ["report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json,html", "-q"]
    )
    assert result.exit_code == 0
    assert "b.md: does not look like English (written mostly in Cyrillic letters)" in result.stderr
    doc = json.loads((tmp_path / "out" / "analysis.json").read_text())
    assert len(doc["articles"]) == 2 and any("English only" in w for w in doc["warnings"])
    assert "tool reads English only" in (tmp_path / "out" / "report.html").read_text()
    strict = CliRunner().invoke(main, ["report", str(tmp_path / "in"), "-o", str(tmp_path / "o2"), "--strict"])
    assert strict.exit_code == 1


def test_a_language_is_one_object_and_every_stage_reads_its_lists(tmp_path, monkeypatch):
    """A second language is one more `Language`: given by name in the options, its lists reach the
    stages (here its stop words keep a word out of the distinctive words, its weekdays are read
    from leads, its number words make figures)."""
    import dataclasses
    import pickle

    from analyzer import AnalysisOptions, analyze, load
    from analyzer.language import ENGLISH, LANGUAGES
    from analyzer.lead import lead_of
    from analyzer.numbers import quantities

    plain = dataclasses.replace(ENGLISH, name="plain-english", stop_words=ENGLISH.stop_words | {"tram"})
    monkeypatch.setitem(LANGUAGES, plain.name, plain)
    bodies = {
        "A": "The tram line opened on Monday. The tram carried riders downtown. The tram was full. " * 3,
        "B": "The new line opened on Monday. The service carried riders downtown. The cars were full. " * 3,
    }
    for outlet, body in bodies.items():
        write(tmp_path / f"{outlet}.md", article(outlet=outlet, title="Line opens", body=body))
    corpus = load([tmp_path])

    def distinctive_words(options):
        found = analyze(corpus, options).distinctive.outlets
        return {t.term for terms in found.values() for t in terms}

    assert "tram" in distinctive_words(AnalysisOptions())
    assert "tram" not in distinctive_words(AnalysisOptions(language="plain-english"))
    assert pickle.loads(pickle.dumps(plain)) is plain  # sent to workers by name

    french_days = dataclasses.replace(ENGLISH, name="days", weekdays=("lundi", "mardi", "mercredi", "jeudi"))
    assert lead_of("", "Talks opened on mardi.", None, french_days).weekday == 1
    assert lead_of("", "Talks opened on mardi.", None, ENGLISH).weekday is None
    dozens = dataclasses.replace(ENGLISH, name="lakhs", scales={**ENGLISH.scales, "lakh": 1e5})
    assert [q.value for q in quantities("It cost 3 lakh rupees.", dozens)] == [300000.0]
    try:
        AnalysisOptions(language="klingon")
    except ValueError as e:
        assert "english" in str(e)
    else:
        raise AssertionError("an unknown language was accepted")


def test_months_are_read_from_the_language():
    """One list of months serves page dates ("May 16, 2024") and figures ("May 16" is no
    quantity of 16)."""
    import re

    from analyzer.language import ENGLISH
    from analyzer.metadata import page_date
    from analyzer.numbers import quantities

    assert [ENGLISH.month_number(n) for n in ("Jan.", "September", "sept", "DEC", "Monday")] == [1, 9, 9, 12, None]
    assert re.fullmatch(ENGLISH.month, "february", re.I) and not re.fullmatch(ENGLISH.month, "febr", re.I)
    assert page_date("Beijing, 16 May 2024 (Xinhua) -- Talks opened.") == "2024-05-16"
    assert [q.value for q in quantities("On Sept. 5 the council cut 40 jobs.")] == [40]

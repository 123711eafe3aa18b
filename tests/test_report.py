"""Renderers: every output written, structure and text present, HTML escaped, CSV columns,
deterministic bytes, nothing half-written on failure."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analyzer import analyze, load, render
from analyzer.model import Analysis
from analyzer.options import ReportLimits
from analyzer.report import FORMATS
from analyzer.report.tables import FACT_COLUMNS, FLAG_COLUMNS, OUTLET_COLUMNS, SENTENCE_COLUMNS


@pytest.fixture(scope="module")
def report_dir(corpus_analysis, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    render(corpus_analysis, out, formats=FORMATS)
    return out


def test_every_output_is_written(report_dir):
    names = {p.relative_to(report_dir).as_posix() for p in report_dir.rglob("*") if p.is_file()}
    expected = {"analysis.json", "report.pdf", "report.html", "flags.csv", "facts.csv", "outlets.csv", "sentences.csv"}
    assert expected <= names
    charts = {n for n in names if n.startswith("charts/")}
    assert {"charts/loaded_language.png", "charts/attribution.png"} <= charts
    assert sum(1 for n in charts if n.startswith("charts/coverage_")) == 3
    assert sum(1 for n in charts if n.startswith("charts/distinctive_")) == 3  # one for each event compared
    assert not [n for n in names if n.startswith(".framing-tmp-")]


def test_charts_are_high_resolution_pngs(report_dir):
    import matplotlib.image as mpimg

    for png in (report_dir / "charts").glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        height, width = mpimg.imread(png).shape[:2]
        assert width >= 1000, png.name


def _pdf_text(path) -> str:
    try:
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        pytest.skip("pdftotext (poppler-utils) is not installed")


def test_pdf_page_one_says_what_the_corpus_holds_and_what_differs(report_dir, corpus_analysis):
    """A reader of page 1 alone gets the findings, a plain count of articles, outlets and events,
    and the dates."""
    from analyzer.report import summary

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(report_dir / "report.pdf"), "-"], capture_output=True, text=True
    ).stdout
    flat = " ".join(page.split())
    assert "What differs between the outlets" in flat
    first = summary.findings(corpus_analysis, ReportLimits())[0]
    assert " ".join(first.lines[0].split())[:40] in flat and first.scope[:30] in flat
    assert "11 articles from 3 outlets, 5 events; 3 of them covered by two or more outlets" in flat


def test_dates_say_how_many_articles_are_dated():
    """One dated article of three is no date for the other two."""
    from analyzer.model import ArticleInfo
    from analyzer.report import summary

    def info(n, date):
        return ArticleInfo(f"a{n}", f"Outlet {n}", "Title", date, f"a{n}.txt", "e", 10, 10)

    def analysis(*articles):
        return Analysis(tool={}, run={}, articles=articles, events=(), sentences=(), removed=())

    some = analysis(info(1, "2024-05-16"), info(2, None), info(3, None))
    assert summary.date_range(some) == "2024-05-16 (1 of 3 articles dated)"
    every = analysis(info(1, "2024-05-16"), info(2, "2024-05-18"))
    assert summary.date_range(every) == "2024-05-16 to 2024-05-18"


def test_charts_say_what_they_cannot_show(corpus_dir, seeds_dir):
    """A chart with nothing to draw says why, or is not drawn: one outlet has no other to be set
    apart from (no event is compared, so no distinctive words are drawn), and a headline chart
    without a loaded headline says so rather than keying bars it has not."""
    from analyzer.report import charts

    one_outlet = analyze(load([corpus_dir / "school-closures" / "beacon.md"]))
    names = [name for name, _ in charts.figures(one_outlet, ReportLimits())]
    assert names == [c.name for c in charts.SUMMARY]
    seeds = analyze([seeds_dir])
    assert not any(o.headline_flags for o in seeds.outlets)
    ax = charts.headline_vs_body(seeds, ReportLimits()).axes[0]
    assert "no loaded word in any headline" in ax.get_title()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["body (own voice)"]
    corpus = analyze(load([corpus_dir]))
    assert any(o.headline_flags for o in corpus.outlets)
    ax = charts.headline_vs_body(corpus, ReportLimits()).axes[0]
    assert "no loaded word" not in ax.get_title()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["headlines", "body (own voice)"]


def test_tone_chart_key_covers_no_point(corpus_analysis):
    """The outlets' key sits below the axis, not over the points."""
    from analyzer.report import charts

    fig = charts.tone_intensity(corpus_analysis, ReportLimits())
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_legend().get_window_extent().y1 < ax.get_window_extent().y0


def test_pdf_has_selectable_text_titles_and_page_numbers(report_dir):
    text = _pdf_text(report_dir / "report.pdf")
    assert "How the outlets covered it" in text
    assert "Harlow school board votes 5-4 to close two elementary schools" in text
    assert "\u201c" in text  # curly quotes survive
    assert re.search(r"page 3 of \d+", text)
    assert "Who is called what" in text and "Method and limits" in text
    assert "not stated (no sentence comes near)" in " ".join(text.split()) and "Embattled" in text


def test_pdf_embeds_its_font(report_dir):
    data = (report_dir / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF") and b"/FontFile2" in data and b"DejaVu" in data


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.marks, self.text = 0, [], []

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        if tag == "mark":
            self.marks.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_with_highlighted_flags(report_dir):
    page = (report_dir / "report.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    assert parser.scripts == 0
    assert not re.search(r"(src|href)=\"(?!data:)", page)  # nothing is loaded from outside the file
    focusable = [m for m in parser.marks if m.get("tabindex") == "0"]
    assert {m["class"] for m in focusable} == {"voice", "quoted"}
    assert len(focusable) == len(report_dir.joinpath("flags.csv").read_text().splitlines()) - 1
    assert "Embattled" in "".join(parser.text)
    assert len(page) < 5_000_000


def test_html_escapes_hostile_corpus_text(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text(
        "---\noutlet: <script>alert(1)</script>\ntitle: <img src=x onerror=alert(2)>\n---\n"
        'The council <b onclick="x()">gutted</b> the plan. <a href="javascript:alert(3)">link</a>\n'
    )
    (src / "b.md").write_text("---\noutlet: B\ntitle: T\n---\nThe council cut the plan on Monday.\n")
    render(analyze(load([src])), tmp_path / "out", formats=["html"])
    page = (tmp_path / "out" / "report.html").read_text()
    parser = _Collector()
    parser.feed(page)
    assert parser.scripts == 0
    assert "<img src=x" not in page and "<b onclick" not in page and '<a href="javascript' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("flags.csv", FLAG_COLUMNS),
        ("facts.csv", FACT_COLUMNS),
        ("outlets.csv", OUTLET_COLUMNS),
        ("sentences.csv", SENTENCE_COLUMNS),
    ],
)
def test_csv_columns_and_rows(report_dir, corpus_analysis, name, columns):
    rows = list(csv.DictReader(io.StringIO((report_dir / name).read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == columns
    expected = {
        "flags.csv": len(corpus_analysis.flags),
        "facts.csv": len(corpus_analysis.facts),
        "outlets.csv": len(corpus_analysis.outlets),
        "sentences.csv": len(corpus_analysis.sentences),
    }[name]
    assert len(rows) == expected


def test_outputs_are_byte_identical_across_runs(corpus_analysis, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    formats = ["json", "csv", "png", "html"]
    render(corpus_analysis, tmp_path / "a", formats=formats)
    render(corpus_analysis, tmp_path / "b", formats=formats)
    for path in (tmp_path / "a").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path.name
    assert "generated on 2026-01-01" in (tmp_path / "a" / "report.html").read_text()


def test_failed_render_leaves_the_previous_report(corpus_analysis, tmp_path, monkeypatch):
    from analyzer import report

    render(corpus_analysis, tmp_path, formats=["json"])
    before = (tmp_path / "analysis.json").read_bytes()

    def broken(*args):
        raise RuntimeError("renderer crashed")

    monkeypatch.setitem(report.RENDERERS, "html", broken)
    with pytest.raises(RuntimeError):
        render(corpus_analysis, tmp_path, formats=["json", "html"])
    assert (tmp_path / "analysis.json").read_bytes() == before
    assert not list(tmp_path.glob(".framing-tmp-*"))


def test_render_from_saved_json(report_dir, tmp_path):
    analysis = Analysis.from_json((report_dir / "analysis.json").read_text(encoding="utf-8"))
    render(analysis, tmp_path, formats=["html", "csv"])
    assert (tmp_path / "report.html").stat().st_size > 10_000
    assert (tmp_path / "flags.csv").read_text() == (report_dir / "flags.csv").read_text()


def test_many_outlets_are_capped_on_the_page_and_kept_in_the_csv(corpus_analysis, tmp_path):
    """A story covered by hundreds of outlets: the page shows `ReportLimits.outlets` columns and
    says how many more there are; outlets.csv keeps them all."""
    render(corpus_analysis, tmp_path, formats=["html", "csv", "pdf"], limits=ReportLimits(outlets=2))
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "and 1 more" in html
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", html).group(1)
    assert header.count("<th>") == 1 + 2  # "fact" and two outlets
    assert len(list(csv.DictReader(io.StringIO((tmp_path / "outlets.csv").read_text())))) == 3


def test_long_cells_are_cut_with_a_pointer_to_the_csv(corpus_analysis, tmp_path):
    render(corpus_analysis, tmp_path / "all", formats=["html"])
    assert "more in facts.csv)" not in (tmp_path / "all" / "report.html").read_text(encoding="utf-8")
    render(corpus_analysis, tmp_path / "cut", formats=["html"], limits=ReportLimits(cell_sentences=1))
    assert "more in facts.csv)" in (tmp_path / "cut" / "report.html").read_text(encoding="utf-8")


def test_report_limits_cap_rows_events_findings_and_sentences(corpus_analysis, tmp_path):
    limits = ReportLimits(side_by_side_rows=2, events=1, findings=1, sentence_chars=40)
    render(corpus_analysis, tmp_path, formats=["html"], limits=limits)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    lists = re.findall(r'<ul class="findings">(.*?)</ul>', html)
    assert len(lists) == 2 and all(x.count("<li>") == 1 for x in lists)  # one event's, the corpus's
    assert "more facts of this event are in facts.csv" in html or "more facts" in html
    assert "more events" in html
    assert "…" in html


def test_findings_count_in_words_a_reader_would_write(corpus_analysis):
    from analyzer.report.summary import findings

    text = " ".join(line for group in findings(corpus_analysis, ReportLimits()) for line in group.lines)
    assert "verbs 1 time," in text  # The Daily Patriot and The Harlow Beacon presuppose once each
    assert not re.search(r"\b1 (times|facts)\b", text)
    assert "comes near 2 facts that two or more other outlets state" in text


def test_findings_compare_outlets_only_inside_an_event(seeds_dir):
    """The seeds hold three events, two of them one page each: the findings of the shared visit
    name only its three outlets, and what pools every event says it is corpus-wide."""
    from analyzer.report.summary import findings

    analysis = analyze([seeds_dir])
    groups = findings(analysis, ReportLimits())
    shared = next(e for e in analysis.events if len(e.outlets) == 3)
    others = {o.name for o in analysis.outlets} - set(shared.outlets)
    assert len(groups) == 2 and shared.title in groups[0].scope
    assert others and not any(o in line for o in others for line in groups[0].lines)
    assert groups[1].scope.startswith("Across the whole corpus (3 events, 1 covered by several outlets)")
    assert "strongman" in " ".join(groups[0].lines)  # who is called what, inside the visit


def test_every_rate_has_its_count_and_a_range_and_differences_are_tested():
    """One flag in 700 words is a rate of 0.1 and anything from about 0 to 0.8; 13 flags against
    none in half the words is unlikely to be chance, one against none is not."""
    from analyzer.report.summary import Rate, _chance

    one = Rate("A", 1, 700)
    assert one.text() == "0.1 (1 in 700 words; 95% range 0.0–0.8)"
    low, high = one.interval
    assert 0.003 < low < 0.005 and 0.79 < high < 0.80
    assert "unlikely to be chance (p = 0.004" in _chance(Rate("A", 13, 746), Rate("B", 0, 392))
    assert "may differ by chance alone" in _chance(one, Rate("B", 0, 900))


def _labels(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


def test_every_chart_has_a_title_and_labelled_axes(corpus_analysis):
    import matplotlib.pyplot as plt

    from analyzer.report import charts

    for name, fig in charts.figures(corpus_analysis, ReportLimits()):
        titles = [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle else ""]
        assert any(t.strip() for t in titles), name
        assert all(ax.get_xlabel() or ax.get_xticklabels() for ax in fig.axes), name
        plt.close(fig)


def test_loaded_language_draws_every_category_the_outlets_use(corpus_analysis):
    """One bar series per category with own-voice flags, each in its own colour; a category
    missing from the table would vanish from the bars, and fails here."""
    from matplotlib.colors import to_hex

    from analyzer import categories
    from analyzer.report import charts

    used = {c for o in corpus_analysis.outlets for c, n in o.categories.items() if n}
    fig = charts.loaded_language(corpus_analysis, ReportLimits())
    (ax,) = fig.axes
    series = {c.get_label(): c for c in ax.containers}
    assert set(series) == used and set(_labels(fig)) == used
    for name, bars in series.items():
        assert to_hex(bars.patches[0].get_facecolor()) == categories.BY_NAME[name].colour.lower()
        widths = [p.get_width() for p in bars.patches]
        expected = sorted(corpus_analysis.outlets, key=lambda o: o.loaded_per_100_words)
        assert widths == pytest.approx([100 * o.categories.get(name, 0) / o.voice_words for o in expected])


def test_the_category_legend_stays_clear_of_the_axis_label(tmp_path):
    """With two outlets the chart is short; its legend still sits below the axis label."""
    from conftest import article, write

    from analyzer.report import charts

    body = "The mayor brazenly ignored the vote on Monday after a testy debate."
    write(tmp_path / "a.md", article(outlet="Beacon", body=body))
    write(tmp_path / "b.md", article(outlet="Wire", body="The mayor did not attend the vote on Monday."))
    fig = charts.loaded_language(analyze([tmp_path]), ReportLimits())
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (ax,) = fig.axes
    legend, label = ax.get_legend().get_window_extent(renderer), ax.xaxis.label.get_window_extent(renderer)
    assert legend.y1 <= label.y0
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {"adjective", "adverb"}


def test_attribution_chart_counts_each_kind_per_outlet(corpus_analysis):
    from analyzer.report import charts

    fig = charts.attribution(corpus_analysis, ReportLimits())
    (ax,) = fig.axes
    assert [c.get_label() for c in ax.containers] == [
        "neutral (said, told)",
        "doubt-casting (claimed, insisted)",
        "presupposing (admitted, conceded)",
    ]
    outlets = sorted(corpus_analysis.outlets, key=lambda o: o.name)
    said = [p.get_width() for p in ax.containers[0].patches]
    assert said == [o.attribution.neutral for o in outlets] and any(said)


def test_settings_line_names_only_what_differs_from_the_defaults(corpus_dir):
    from analyzer import AlignOptions, AnalysisOptions
    from analyzer.report import summary

    default = analyze(load([corpus_dir / "transit-fares"]))
    assert summary.settings_line(default).startswith("Settings: the defaults")
    changed = analyze(load([corpus_dir / "transit-fares"]), AnalysisOptions(align=AlignOptions(triangle_bar=0.3)))
    assert summary.settings_line(changed) == "Settings changed from the defaults: align triangle_bar 0.3."


def test_csv_cells_never_run_as_spreadsheet_formulas(tmp_path):
    """Text starting with = + - @ gets a leading apostrophe in the CSVs; the JSON keeps it exact."""
    from conftest import article, write

    write(tmp_path / "in" / "a.md", article(outlet='=HYPERLINK("http://x")', body="-2+3 said the gutted council."))
    write(tmp_path / "in" / "b.md", article(outlet='"@B"', body="The council cut the plan."))
    render(analyze([tmp_path / "in"]), tmp_path / "out", formats=["csv", "json"])
    for name in ("flags.csv", "outlets.csv", "sentences.csv"):
        for row in csv.DictReader(io.StringIO((tmp_path / "out" / name).read_text())):
            assert not any(v.startswith(("=", "+", "-", "@")) and not _number(v) for v in row.values()), (name, row)
    outlets = {r["name"] for r in csv.DictReader(io.StringIO((tmp_path / "out" / "outlets.csv").read_text()))}
    assert outlets == {'\'=HYPERLINK("http://x")', "'@B"}
    doc = (tmp_path / "out" / "analysis.json").read_text()
    assert '"outlet": "=HYPERLINK(\\"http://x\\")"' in doc and '"text": "-2+3 said the gutted council."' in doc


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_a_reproducible_report_without_dates_says_undated(tmp_path, monkeypatch):
    from conftest import write

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write(tmp_path / "in" / "a.txt", "Council votes\n\nThe council gutted the plan on Monday.")
    write(tmp_path / "in" / "b.txt", "Council vote\n\nThe council cut the plan on Monday.")
    render(analyze([tmp_path / "in"]), tmp_path / "out", formats=["html", "pdf"], reproducible=True)
    html = (tmp_path / "out" / "report.html").read_text()
    assert "undated (no article gives a date)" in html and "1970" not in html
    text = _pdf_text(tmp_path / "out" / "report.pdf")
    assert "undated" in text and "1970" not in text


def test_one_of_a_thing_is_said_in_the_singular(tmp_path):
    from conftest import article, write

    write(tmp_path / "in" / "a.md", article(outlet="A", body="The council gutted the plan."))
    render(analyze([tmp_path / "in"]), tmp_path / "out", formats=["html", "pdf"], reproducible=True)
    html = (tmp_path / "out" / "report.html").read_text()
    assert "1 article ·" in html and "1 articles" not in html
    text = _pdf_text(tmp_path / "out" / "report.pdf")
    assert "1 article from 1 outlet" in " ".join(text.split()) and "1 events" not in text


def test_no_pdf_page_of_the_seeds_report_holds_a_lone_heading(seeds_dir, tmp_path):
    """A heading stays with what it introduces: a page with one line of text (a heading) or none
    carries a chart."""
    from analyzer import analyze, render

    render(analyze([seeds_dir]), tmp_path / "out", formats=["pdf"], reproducible=True)
    pdf = tmp_path / "out" / "report.pdf"
    try:
        pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
        images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True)
    except FileNotFoundError:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with_image = {int(line.split()[0]) for line in images.stdout.splitlines()[2:] if line.strip()}
    for number, page in enumerate(pages.stdout.split("\f")[:-1], start=1):
        lines = [x for x in page.splitlines() if x.strip() and " · page " not in x]
        if len(lines) <= 1:
            assert number in with_image, f"page {number} holds only {lines}"


def test_charts_of_plain_wire_copy_draw_without_warnings(tmp_path):
    """Outlets without a single flag or distinctive word: the loaded-language bars still name
    each outlet (no layout warning), and the distinctive words say in one line that no word sets
    an outlet apart instead of drawing empty axes."""
    import warnings

    from conftest import article, write

    from analyzer.report import charts

    for n in range(3):
        body = f"The council met on Monday. Item {n} was approved after a vote."
        write(tmp_path / f"o{n}.md", article(outlet=f"Outlet {n}", title="Council meets", body=body))
    analysis = analyze(load([tmp_path]))
    assert not any(o.loaded_per_100_words for o in analysis.outlets)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = charts.loaded_language(analysis, ReportLimits())
        panels = charts.distinctive(analysis, analysis.events[0], ReportLimits())
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Outlet 0", "Outlet 1", "Outlet 2"]
    texts = [t.get_text() for ax in panels.axes for t in ax.texts]
    assert texts == ["No word sets any outlet apart in this event (too little text to tell)."]


def test_a_chinese_outlet_name_is_never_blank_in_the_pdf(tmp_path):
    """Without a CJK font installed, a name DejaVu Sans cannot draw is spelled out as code points
    (with a note saying why); with one, it is drawn in that font."""
    import shutil
    import subprocess

    from conftest import article, write

    from analyzer.report.fonts import fallback, spell_out

    assert spell_out("新华社 News", set(range(128))) == "[U+65B0 U+534E U+793E] News"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    write(tmp_path / "in" / "a.md", article(outlet="新华社", body="The council voted to approve the plan on Monday."))
    write(tmp_path / "in" / "b.md", article(outlet="Wire", body="The council voted on Monday to approve the plan."))
    render(analyze(load([tmp_path / "in"])), tmp_path / "out", formats=("pdf",))
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out" / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    if fallback() is None:
        assert "[U+65B0 U+534E U+793E]" in text and "install a font such as Noto Sans" in text
    else:
        assert "新华社" in text


def test_the_pdf_does_not_depend_on_the_machines_fonts(tmp_path, monkeypatch):
    """A machine with a CJK font installed (here a font file the test controls stands in for one)
    writes the same PDF bytes for an English corpus as a machine without; a text with a character
    DejaVu Sans lacks is the only one that takes the machine's font."""
    import matplotlib
    from conftest import article, write

    from analyzer.report import fonts, pdf

    write(tmp_path / "in" / "a.md", article(outlet="Wire", body="The council voted to approve the plan on Monday."))
    write(tmp_path / "in" / "b.md", article(outlet="Post", body="The council voted on Monday to approve the plan."))
    analysis = analyze(load([tmp_path / "in"]))
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    controlled = ("DejaVu Serif", Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSerif.ttf")
    monkeypatch.setattr(fonts, "fallback", lambda: None)
    bare = pdf.render_pdf(analysis, {}, when, ReportLimits())
    monkeypatch.setattr(fonts, "fallback", lambda: controlled)
    assert pdf.render_pdf(analysis, {}, when, ReportLimits()) == bare
    assert b"DejaVuSerif" not in bare
    assert fonts.needed_fallback(["Wire", "新华社"]) == controlled
    assert fonts.needed_fallback(["Wire", "Café — “quoted”"]) is None


def test_a_long_event_shows_shared_and_flagged_facts_before_the_rest(seeds_dir):
    """The Beijing visit has 77 facts, most from the long state-media report alone: the side-by-
    side page keeps every fact two outlets report and every one with a word flagged in an
    outlet's voice (the slanted page's "massacred", "slave labor"), numbered as in facts.csv."""
    from analyzer.report.summary import side_by_side

    analysis = analyze([seeds_dir])
    event = next(e for e in analysis.events if len(e.articles) == 3)
    limits = ReportLimits()
    rows, more = side_by_side(analysis, event, limits)
    facts = [f for f in analysis.facts if f.event == event.id]
    assert len(rows) == limits.side_by_side_rows and more == len(facts) - len(rows)
    voiced = {f.sentence for f in analysis.flags if not f.quoted}
    wanted = {f.id for f in facts if len(f.outlets) > 1 or voiced & set(f.sentences)}
    shown = {row.fact.id for row in rows}
    assert wanted <= shown and len(wanted) < len(rows)
    assert {"massacred", "slave labor"} <= {
        seg.text for r in rows for c in r.cells.values() for s in c for seg in s if seg.flag
    }
    assert all(row.fact.id.endswith(f":{row.number}") for row in rows)
    assert [row.number for row in rows] == sorted(row.number for row in rows)


def test_the_report_states_its_measured_accuracy_from_the_benchmarks_file(report_dir):
    """How far to trust the flags and the same-fact rows is stated on page 1, in words and with
    the figures benchmarks/real_data.py and benchmarks/align_folds.py saved (never typed)."""
    import json
    from importlib import resources

    from analyzer.report.summary import accuracy_lines

    saved = json.loads(resources.files("analyzer.data").joinpath("measured.json").read_text("utf-8"))
    lines = " ".join(accuracy_lines())
    assert f"precision {saved['alignment']['precision']:.2f}" in lines
    assert f"{saved['loaded']['BASIL']['precision']:.2f} on BASIL" in lines
    assert f"Of {saved['alignment']['leaves_out']} claims" in lines
    page = " ".join(_pdf_text(report_dir / "report.pdf").split("\f")[0].split())
    assert "How sure the tool is" in page and f"precision {saved['alignment']['precision']:.2f}" in page


def test_one_outlet_events_show_their_flags(seeds_dir, tmp_path):
    """BERNAMA's 2023 report is the only one of its event: nothing is compared, but its loaded
    word ("profound") is shown with why, in the PDF and the HTML."""
    render(analyze([seeds_dir]), tmp_path, formats=["pdf", "html"])
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Events only one outlet covers" in html and 'tabindex="0">profound<span' in html
    pdf = " ".join(_pdf_text(tmp_path / "report.pdf").split())
    assert "Events only one outlet covers" in pdf and "BERNAMA-XINHUA (outlet's voice): profound [adjective]" in pdf


def test_an_empty_cell_quotes_a_closest_sentence_only_when_it_more_likely_states_the_fact(seeds_dir):
    """A 6% closest sentence is noise: the cell says none was found and how likely the closest
    is; one at 50% or more is quoted as "perhaps this"; none near at all is "not stated"."""
    from analyzer.report.summary import QUOTE_CLOSEST, side_by_side

    analysis = analyze([seeds_dir])
    event = next(e for e in analysis.events if len(e.outlets) == 3)
    rows, _ = side_by_side(analysis, event, ReportLimits())
    cells = [(row.fact.maybe.get(o), text) for row in rows for o, text in row.empty.items()]
    assert any(near is None for near, _ in cells) and any(near for near, _ in cells)
    for near, text in cells:
        if near is None:
            assert text == "not stated (no sentence comes near)"
        elif near.probability < QUOTE_CLOSEST:
            assert text.startswith("no sentence found stating this (the closest is") and "“" not in text
        else:
            assert text.startswith("perhaps this (") and "“" in text


def test_a_corpus_with_no_shared_event_says_nothing_is_compared(corpus_dir):
    from analyzer.report.summary import coverage_line

    one = analyze(load([corpus_dir / "school-closures" / "beacon.md"]))
    assert coverage_line(one) == (
        "1 article from 1 outlet, 1 event; none covered by two or more outlets, so no outlets are compared "
        "(each article's flags are listed)"
    )

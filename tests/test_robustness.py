"""Hostile and broken input: a clear message naming the file, a documented exit code, no
traceback, no half-written report, and the other files still analysed."""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import article, write

from analyzer.cli import EXIT_INTERNAL, EXIT_INTERRUPTED, main


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _good(folder):
    write(folder / "good-a.md", article(outlet="A", body="The council voted 5-4 on Monday to close two schools."))
    write(folder / "good-b.md", article(outlet="B", body="The council gutted two schools on Monday in a 5-4 vote."))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "yaml-bomb.md",
            b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\noutlet: *c\n---\nBody.\n",
            "must be text",
        ),
        (
            "python-tag.md",
            b"---\noutlet: !!python/object/apply:os.system ['touch /tmp/pwned']\n---\nBody.\n",
            "not valid YAML",
        ),
        ("list.md", b"---\n- outlet\n---\nBody.\n", "must be 'key: value'"),
        ("pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8, "binary"),
        ("rows.csv", b"outlet,title\nA,T\n", "CSV needs a header row"),
    ],
)
def test_bad_file_among_good_ones_is_skipped_and_listed_in_the_report(tmp_path, name, content, message):
    _good(tmp_path / "in")
    write(tmp_path / "in" / name, content)
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json,html")
    assert result.exit_code == 0
    assert name in result.stderr and message in result.stderr
    doc = json.loads((tmp_path / "out" / "analysis.json").read_text())
    assert len(doc["articles"]) == 2 and any(name in w for w in doc["warnings"])
    assert name in (tmp_path / "out" / "report.html").read_text()
    assert not os.path.exists("/tmp/pwned")
    strict = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out2"), "--strict")
    assert strict.exit_code == 1 and name in strict.stderr and "Traceback" not in strict.stderr


def test_utf16_without_bom_and_mixed_line_endings(tmp_path):
    text = "---\noutlet: A\ntitle: T\n---\nFirst line.\r\nSecond line.\rThird line.\n"
    write(tmp_path / "in" / "u16.txt", text.encode("utf-16-le"))
    write(tmp_path / "in" / "b.md", article(outlet="B"))
    from analyzer import load

    art = next(a for a in load([tmp_path / "in"]).articles if a.outlet == "A")
    assert art.body == "First line.\nSecond line.\nThird line.\n"


def test_a_50_mb_article_is_read(tmp_path):
    paragraph = "The council met on Monday to discuss the budget and the schools. " * 5
    write(tmp_path / "in" / "huge.md", article(outlet="A", body="\n\n".join([paragraph] * 160_000)))
    write(tmp_path / "in" / "small.md", article(outlet="B", body="The council met on Monday."))
    assert (tmp_path / "in" / "huge.md").stat().st_size > 50_000_000
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json", "-q")
    assert result.exit_code == 0
    doc = json.loads((tmp_path / "out" / "analysis.json").read_text())
    assert any(r["reason"] == "repeated line" for r in doc["removed"])


def test_one_megabyte_sentence_without_punctuation(tmp_path):
    words = ("council budget vote school plan mayor residents water road fund " * 17_000).strip()
    write(tmp_path / "in" / "a.md", article(outlet="A", body=words))
    write(tmp_path / "in" / "b.md", article(outlet="B", body="The council voted on the budget."))
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json,html,pdf", "-q")
    assert result.exit_code == 0
    doc = json.loads((tmp_path / "out" / "analysis.json").read_text())
    longest = max(doc["sentences"], key=lambda s: len(s["text"]))
    assert len(longest["text"]) > 1_000_000
    assert (tmp_path / "out" / "report.pdf").stat().st_size > 0


def test_thousands_of_tiny_articles(tmp_path):
    for n in range(2000):
        write(
            tmp_path / "in" / f"a{n}.md", article(outlet=f"Outlet {n % 3}", title=f"T{n}", body=f"Item {n} was sold.")
        )
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json,csv", "-q")
    assert result.exit_code == 0
    assert len(json.loads((tmp_path / "out" / "analysis.json").read_text())["articles"]) == 2000


def test_symlink_loop_and_dangling_link(tmp_path):
    _good(tmp_path / "in")
    os.symlink(tmp_path / "in", tmp_path / "in" / "loop")
    os.symlink(tmp_path / "in" / "nowhere.md", tmp_path / "in" / "dangling.md")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0
    assert "dangling.md" in result.stderr
    assert len(json.loads((tmp_path / "out" / "analysis.json").read_text())["articles"]) == 2


def test_output_folder_that_cannot_be_created(tmp_path):
    _good(tmp_path / "in")
    result = run("report", str(tmp_path / "in"), "-o", "/dev/null/reports", "--format", "json")
    assert result.exit_code == 1 and "/dev/null/reports" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_output_folder(tmp_path):
    _good(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    result = run("report", str(tmp_path / "in"), "-o", str(out), "--format", "json")
    assert result.exit_code == 1 and str(out) in result.stderr


def test_outlet_names_never_become_paths(tmp_path, monkeypatch):
    """Outlet names that look like paths stay names: the run succeeds, and nothing is written
    anywhere but the output folder (checked over the whole tree around it and where it ran)."""
    box = tmp_path / "box" / "deep"
    write(box / "in" / "a.md", article(outlet="../../escape", body="The council gutted the plan."))
    write(box / "in" / "b.md", article(outlet="/tmp/escape-abs", body="The council cut the plan."))
    write(box / "in" / "c.md", article(outlet="..\\..\\win", body="The council closed the plan."))
    monkeypatch.chdir(box)
    around = {p: p.stat().st_mtime_ns for p in tmp_path.parent.iterdir()}
    before = {p for p in tmp_path.rglob("*")}
    result = run("report", "in", "-o", "out", "-q")
    assert result.exit_code == 0, result.output
    new = {p for p in tmp_path.rglob("*")} - before
    assert new and all(p.is_relative_to(box / "out") for p in new), sorted(new)
    assert {p: p.stat().st_mtime_ns for p in tmp_path.parent.iterdir() if p != tmp_path} == {
        p: t for p, t in around.items() if p != tmp_path
    }
    assert not pathlib.Path("/tmp/escape-abs").exists()


def test_input_files_are_never_modified(tmp_path):
    _good(tmp_path / "in")
    before = {p: p.read_bytes() for p in (tmp_path / "in").iterdir()}
    run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q")
    assert before == {p: p.read_bytes() for p in (tmp_path / "in").iterdir()}


def test_internal_error_is_one_line_with_exit_3(tmp_path, monkeypatch):
    _good(tmp_path / "in")

    def boom(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("analyzer.api.pipeline.run", boom)
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == EXIT_INTERNAL
    assert "internal error: ZeroDivisionError" in result.stderr and "Traceback" not in result.stderr


def test_interrupt_leaves_the_previous_report(tmp_path, monkeypatch):
    _good(tmp_path / "in")
    run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json", "-q")
    before = (tmp_path / "out" / "analysis.json").read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("analyzer.report.chart_pngs", interrupted)
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json,png")
    assert result.exit_code == EXIT_INTERRUPTED and "interrupted" in result.stderr
    assert (tmp_path / "out" / "analysis.json").read_bytes() == before
    assert not list((tmp_path / "out").glob(".framing-tmp-*"))


def test_no_script_from_the_corpus_runs_in_a_browser(tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("headless Chromium is not installed")
    payload = (
        '<script>document.title="PWNED"</script> <img src=x onerror="document.title=\'PWNED\'"> '
        "<a href=\"javascript:document.title='PWNED'\">x</a> The council gutted the plan."
    )
    write(
        tmp_path / "in" / "a.md",
        article(outlet='<b onmouseover="alert(1)">A</b>', title="<script>x()</script>", body=payload),
    )
    write(tmp_path / "in" / "b.md", article(outlet="B", body="The council cut the plan."))
    run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "html", "-q")
    dom = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            (tmp_path / "out" / "report.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "<title>How the outlets covered it</title>" in dom and "PWNED</title>" not in dom
    tags = _tags(dom.split("</head>")[1])  # the corpus's markup is shown as text, never as elements
    assert "script" not in {t for t, _ in tags}
    assert not [(t, a) for t, attrs in tags for a, v in attrs if a.startswith("on") or "javascript:" in (v or "")]
    assert "onerror=" in dom  # the payload is there, as text


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element of `html` with its attributes, as a browser's parser sees them."""
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Tags().feed(html)
    return found


def test_the_report_is_never_read_back_as_input(tmp_path, monkeypatch):
    """`framing report .` writes into ./reports: the next run still sees only the articles."""
    _good(tmp_path)
    monkeypatch.chdir(tmp_path)
    first = run("report", ".", "-q")
    again = run("report", ".", "--format", "json,csv,html")
    assert first.exit_code == again.exit_code == 0, again.output
    assert "2 articles" in again.stderr
    doc = json.loads((tmp_path / "reports" / "analysis.json").read_text())
    assert sorted(a["id"] for a in doc["articles"]) == ["good-a", "good-b"]


def test_an_output_folder_with_articles_keeps_them(tmp_path):
    """Only the files the tool wrote are skipped (and replaced): articles beside them stay input."""
    _good(tmp_path / "in")
    assert run("report", str(tmp_path / "in"), "-o", str(tmp_path / "in"), "--format", "json,csv", "-q").exit_code == 0
    again = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "in"), "--format", "json")
    assert "2 articles" in again.stderr and (tmp_path / "in" / "good-a.md").is_file()


def test_a_smaller_report_removes_what_the_larger_one_wrote(tmp_path):
    _good(tmp_path / "in")
    run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json,csv,png", "-q")
    assert (tmp_path / "out" / "flags.csv").is_file() and list((tmp_path / "out" / "charts").glob("*.png"))
    (tmp_path / "out" / "notes.txt").write_text("mine")  # not the tool's: stays
    run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json", "-q")
    left = sorted(p.name for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert left == [".framing-report", "analysis.json", "notes.txt"]


def test_a_forged_marker_and_a_linked_folder_touch_nothing_outside_the_report(tmp_path):
    """A prepared output folder (a cloned repository's reports/) whose `charts` links elsewhere and
    whose marker lists a file there: nothing outside the folder is deleted or written."""
    _good(tmp_path / "in")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "thesis.docx").write_text("my thesis")
    out = tmp_path / "out"
    out.mkdir()
    (out / "charts").symlink_to(elsewhere)
    (out / ".framing-report").write_text("charts/thesis.docx\nnotes.txt\n")
    (out / "notes.txt").write_text("mine")
    result = run("report", str(tmp_path / "in"), "-o", str(out), "--format", "json,png")
    assert result.exit_code == 1 and "is a link inside the report folder" in result.stderr
    assert (elsewhere / "thesis.docx").read_text() == "my thesis" and sorted(elsewhere.iterdir()) == [
        elsewhere / "thesis.docx"
    ]
    assert not (out / "analysis.json").exists()  # nothing half-written
    # Without charts to write, the run goes through, and still removes neither listed file:
    # notes.txt is no name the tool writes, thesis.docx lies behind a link.
    assert run("report", str(tmp_path / "in"), "-o", str(out), "--format", "json", "-q").exit_code == 0
    assert (elsewhere / "thesis.docx").is_file() and (out / "notes.txt").read_text() == "mine"


def test_a_fifo_is_skipped_not_waited_on(tmp_path):
    _good(tmp_path / "in")
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analyzer",
            "report",
            str(tmp_path / "in"),
            "-o",
            str(tmp_path / "out"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "pipe.txt: not a regular file" in result.stderr


def test_a_link_to_an_endless_device_is_refused(tmp_path):
    _good(tmp_path / "in")
    (tmp_path / "in" / "zero.txt").symlink_to("/dev/zero")
    args = ["report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json", "--follow-links"]
    result = run(*args)
    assert result.exit_code == 0 and "zero.txt: not a regular file" in result.stderr


@pytest.mark.parametrize("epoch", ["abc", "99999999999999", "1e9"])
def test_a_bad_source_date_epoch_is_one_line(tmp_path, epoch):
    _good(tmp_path / "in")
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    args = [sys.executable, "-m", "analyzer", "report", str(tmp_path / "in"), "-o", str(tmp_path / "out")]
    result = subprocess.run(args + ["--format", "json", "-q"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Error: SOURCE_DATE_EPOCH: {epoch!r} is not a time (seconds since 1970)"
    ]
    assert not (tmp_path / "out" / "analysis.json").exists()


def test_gold_that_is_not_an_object_is_an_input_error(tmp_path, corpus_dir):
    (tmp_path / "gold.json").write_text("[]")
    result = run("evaluate", str(corpus_dir / "transit-fares"), "--gold", str(tmp_path / "gold.json"))
    assert result.exit_code == 1 and "gold must be a JSON object" in result.stderr


def test_a_lone_surrogate_in_jsonl_is_replaced_with_a_warning(tmp_path):
    rows = [
        '{"outlet": "A", "title": "t", "text": "The council \\ud800 gutted the plan."}',
        '{"outlet": "B\\udfff", "text": "It cut the plan."}',
    ]
    write(tmp_path / "in" / "rows.jsonl", "\n".join(rows) + "\n")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json,csv,html", "-q")
    assert result.exit_code == 0, result.output
    assert "rows.jsonl:1: text with invalid characters" in result.stderr and "rows.jsonl:2:" in result.stderr
    doc = json.loads((tmp_path / "out" / "analysis.json").read_text(encoding="utf-8"))
    assert {a["outlet"] for a in doc["articles"]} == {"A", "B\ufffd"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!set {a, b}", "'outlet' must be text, not a set"),
        ("!!binary aGVsbG8=", "'outlet' must be text, not a binary value"),
        ("'   '", "'outlet' is empty"),
        ("yes", "'outlet' must be text, not a yes/no value"),
        ("2024-05-16 10:00:00", "'outlet' must be text, not a datetime"),
    ],
)
def test_front_matter_takes_text_values_only(tmp_path, value, message):
    write(tmp_path / "in" / "a.md", f"---\noutlet: {value}\ntitle: T\n---\nThe council met.")
    _good(tmp_path / "in")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0 and message in result.stderr, result.stderr


def test_names_with_control_characters_are_escaped_in_messages(tmp_path):
    _good(tmp_path / "in")
    write(tmp_path / "in" / "x\nwarning: all good\x1b[2J.txt", b"")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json")
    assert "\x1b" not in result.stderr and "x\\nwarning: all good\\x1b[2J.txt: empty file" in result.stderr
    assert not any(line.startswith("warning: all good") for line in result.stderr.splitlines())


def test_an_unreadable_folder_is_a_warning_and_strict_fails(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any folder")
    _good(tmp_path / "in")
    (tmp_path / "in" / "locked").mkdir()
    (tmp_path / "in" / "locked").chmod(0)
    try:
        loose = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "o1"), "--format", "json")
        strict = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "o2"), "--format", "json", "--strict")
    finally:
        (tmp_path / "in" / "locked").chmod(0o755)
    assert loose.exit_code == 0 and "locked: cannot read the folder" in loose.stderr
    assert strict.exit_code == 1


def test_folders_nested_a_thousand_deep_are_read(tmp_path):
    deep = tmp_path / "in"
    deep.mkdir()
    for _ in range(1100):  # one level at a time: os.makedirs itself recurses
        deep = deep / "d"
        deep.mkdir()
    write(deep / "a.md", article(outlet="A", body="The council met."))
    _good(tmp_path / "in")
    try:
        result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json")
    finally:  # bottom up: pytest's own clean-up (shutil.rmtree) recurses and fails at this depth
        (deep / "a.md").unlink()
        while deep != tmp_path / "in":
            deep.rmdir()
            deep = deep.parent
    assert result.exit_code == 0 and "3 articles" in result.stderr


def test_an_outlet_guessed_from_the_file_name_fails_strict(tmp_path):
    write(tmp_path / "in" / "plain.txt", "The council met on Monday. It voted.")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 1 and "plain.txt" in result.stderr


@pytest.mark.filterwarnings("error::UserWarning")  # a chart whose layout gave up ("Tight layout not applied")
@pytest.mark.parametrize(
    ("outlets", "words", "name_chars"),
    [(8, 160, 20), (6, 240, 20), (3, 20, 2000), (30, 70, 20)],
)
def test_wide_content_never_breaks_the_pdf(tmp_path, outlets, words, name_chars):
    """Many outlets, long shared sentences, huge outlet names: report and lesson PDFs are written,
    cells cut with […] instead of "row too high", and every chart keeps its layout."""
    long = " ".join(["The council approved the detailed budget plan for the coming fiscal year"] * (words // 12))
    for i in range(outlets):
        name = (f"Outlet {i} " * 400)[:name_chars].strip()
        write(
            tmp_path / "in" / f"o{i}.md", article(outlet=f'"{name}"', body=f"{long} in ward {i}. The mayor spoke {i}.")
        )
    report = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "pdf,html", "-q")
    lesson = run("lesson", str(tmp_path / "in"), "-o", str(tmp_path / "lesson"), "-q")
    assert report.exit_code == 0 and lesson.exit_code == 0, report.output + lesson.output
    assert (tmp_path / "out" / "report.pdf").stat().st_size > 0 and list((tmp_path / "lesson").glob("*.pdf"))


@pytest.mark.parametrize("blocker", ["report.html", "charts"])
def test_something_in_the_way_replaces_nothing(tmp_path, blocker):
    """A folder named report.html (or a file named charts) in -o: exit 1, and the previous report
    is left whole, not half replaced."""
    _good(tmp_path / "in")
    run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json,csv", "-q")
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()}
    if blocker == "charts":
        (tmp_path / "out" / "charts").write_text("not a folder")
        before["charts"] = b"not a folder"
    else:
        (tmp_path / "out" / blocker).mkdir()
    write(tmp_path / "in" / "good-c.md", article(outlet="C", body="The council shut two schools on Monday."))
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 1 and "is in the way of the report" in result.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()} == before


def test_links_out_of_the_input_folders_are_followed_only_when_asked(tmp_path):
    _good(tmp_path / "in")
    write(tmp_path / "elsewhere" / "secret.md", article(outlet="Secret", body="A private note about the council."))
    (tmp_path / "in" / "link.md").symlink_to(tmp_path / "elsewhere" / "secret.md")
    (tmp_path / "in" / "inner.md").symlink_to(tmp_path / "in" / "good-a.md")  # inside: a duplicate, reported once
    plain = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "o1"), "--format", "json")
    assert plain.exit_code == 0 and "link.md: a link to a file outside the input folders" in plain.stderr
    assert "Secret" not in (tmp_path / "o1" / "analysis.json").read_text()
    followed = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "o2"), "--format", "json", "--follow-links")
    assert followed.exit_code == 0 and "Secret" in (tmp_path / "o2" / "analysis.json").read_text()


def test_a_three_megabyte_token_stays_within_memory(tmp_path):
    """A token of 3 MB is no word: it gets no character n-grams, no stem and no tone (it cost
    1 GB before), so the whole run fits in 1 GiB of address space."""
    folder = tmp_path / "in"
    _good(folder)
    write(folder / "token.md", article(outlet="C", body="The council voted. " + "x" * 3_000_000 + " on Monday."))

    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    args = [sys.executable, "-m", "analyzer", "report", str(folder), "-o", str(tmp_path / "out")]
    done = subprocess.run(
        [*args, "--format", "json", "--jobs", "1", "-q"], preexec_fn=limit, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads((tmp_path / "out" / "analysis.json").read_text())
    assert max(len(s["text"]) for s in doc["sentences"]) > 3_000_000


def test_run_on_sentences_are_scored_on_their_first_words_only():
    """Tone and the word diff cost the square of a sentence's length: a 100,000-word sentence
    took minutes. Both read a bounded prefix, which no sentence of real news reaches."""
    from analyzer.align import DIFF_MAX_WORDS, _diffs
    from analyzer.compare import TONE_MAX_WORDS, _tone_words
    from analyzer.model import Sentence

    long = " ".join(["school", "budget", "vote"] * 40_000)
    assert len(_tone_words(long).split()) == TONE_MAX_WORDS
    assert _tone_words("The vote " + "x" * 10_000 + " passed.") == "The vote passed."
    a_text, b_text = "The council closed two schools. " + long, "The council shut two schools. " + long + " sadly"
    a = Sentence(id="a:0", article="a", index=0, start=0, end=len(a_text), text=a_text)
    b = Sentence(id="b:0", article="b", index=0, start=0, end=len(b_text), text=b_text)
    (diff,) = _diffs([a, b], [(0, 1)], [True])
    assert [(s.a, s.b) for s in diff.swaps] == [("closed", "shut")]
    assert sum(len(part.split()) for part in diff.only_b) == 0  # "sadly" is past the cap
    assert DIFF_MAX_WORDS < len(long.split())


def test_files_left_out_by_name_are_said(tmp_path):
    """A hidden article is a warning (so --strict fails); a folder's README is a note."""
    folder = tmp_path / "in"
    _good(folder)
    write(folder / ".draft.md", article(outlet="C", body="The council voted on Monday."))
    write(folder / "README.md", "These are the articles of the council vote.\n")
    write(folder / ".DS_Store", "\x00\x01")
    result = run("report", str(folder), "-o", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0
    assert ".draft.md: a hidden file" in result.stderr and "note: " in result.stderr
    assert "README.md: a folder's README" in result.stderr and ".DS_Store" not in result.stderr
    doc = json.loads((tmp_path / "out" / "analysis.json").read_text())
    assert any(".draft.md" in w for w in doc["warnings"]) and not any("README" in w for w in doc["warnings"])
    strict = run("report", str(folder), "-o", str(tmp_path / "out2"), "--strict")
    assert strict.exit_code == 1 and ".draft.md" in strict.stderr


def test_a_folder_of_only_bad_files_names_them(tmp_path):
    for n in range(5):
        write(tmp_path / "in" / f"e{n}.md", "")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "5 problem(s)" in result.stderr and "e0.md: empty file" in result.stderr
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = run("report", str(empty), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "no files" in result.stderr and ".md" in result.stderr


def test_the_skipped_input_list_says_how_many_more_there_are(tmp_path):
    _good(tmp_path / "in")
    for n in range(40):
        write(tmp_path / "in" / f"e{n:02}.md", "")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json,html")
    assert result.exit_code == 0
    page = (tmp_path / "out" / "report.html").read_text()
    assert "e29.md" in page and "e30.md" not in page and "… and 10 more" in page
    assert len(json.loads((tmp_path / "out" / "analysis.json").read_text())["warnings"]) == 40


def test_many_outlets_stating_their_own_figures_stay_bounded(tmp_path):
    """1,000 outlets each giving their own figures made 332,667 "numbers stated differently"
    rows and a 10,000-page PDF: figures are compared among the most stated ones, and the HTML
    and PDF list the first few, saying where the rest are."""
    from analyzer.numbers import FIGURES_COMPARED

    for n in range(80):
        body = f"The council approved a ${100 + n} million budget on Monday. About {1000 + 37 * n} residents came."
        write(tmp_path / "in" / f"o{n:03}.md", article(outlet=f"Outlet {n:03}", title="Budget approved", body=body))
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json,html,pdf", "-q")
    assert result.exit_code == 0
    doc = json.loads((tmp_path / "out" / "analysis.json").read_text())
    figures = {m["text"] for f in doc["facts"] for m in f["numbers"].get("mentions", [])}
    assert len(figures) > 2 * FIGURES_COMPARED
    for fact in doc["facts"]:
        assert len(fact["numbers"].get("findings", [])) <= FIGURES_COMPARED * (FIGURES_COMPARED - 1) // 2
    page = (tmp_path / "out" / "report.html").read_text()
    listed = sum(page.count(f"<li>{kind}: “") for kind in ("different figures", "same quantity, framed differently"))
    assert 0 < listed <= 20
    assert "more are in facts.csv" in page


def _many_articles(folder, n=400):
    for k in range(n):
        body = f"The council voted on item {k} on Monday. The mayor said item {k} would pass. Residents met."
        write(folder / f"a{k:04}.md", article(outlet=f"Outlet {k % 4}", title=f"Item {k}", body=body))


def test_sigterm_leaves_the_previous_report_and_no_temporary_folder(tmp_path):
    _sigterm_when_the_report_starts(tmp_path, delay=0.0)


@pytest.mark.slow
def test_sigterm_under_load_leaves_no_temporary_folder_in_twenty_runs(tmp_path):
    """Twenty runs while two other processes keep both cores busy, each stopped at another moment
    from the temporary folder's making on (one run in four once left it behind)."""
    with _both_cores_busy():
        for n in range(20):
            _sigterm_when_the_report_starts(tmp_path / str(n), delay=0.01 * n)


@contextlib.contextmanager
def _both_cores_busy():
    """Two processes that spin while the block runs (load, as on a busy 2-core machine)."""
    burn = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        yield
    finally:
        for b in burn:
            b.kill()
            b.wait()


def _sigterm_when_the_report_starts(tmp_path, delay):
    """SIGTERM `delay` seconds after a run's temporary output folder appears: exit 143, the
    previous report as it was, no temporary folder left."""
    import signal
    import time

    _good(tmp_path / "in")
    out = tmp_path / "out"
    run("report", str(tmp_path / "in"), "-o", str(out), "--format", "json", "-q")
    before = (out / "analysis.json").read_bytes()
    _many_articles(tmp_path / "in", 150)
    proc = subprocess.Popen(
        [sys.executable, "-m", "analyzer", "report", str(tmp_path / "in"), "-o", str(out), "-q", "--jobs", "1"],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(out.glob(".framing-tmp-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(delay)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143 and "terminated" in stderr, (proc.returncode, stderr[-500:])
    assert (out / "analysis.json").read_bytes() == before
    assert not list(out.glob(".framing-tmp-*"))


def _run_with_workers(tmp_path, psutil, *, stderr):
    """A report of 2,000 articles (some seconds of work) started with two workers, once they run:
    (the process, its workers). The articles are written into `tmp_path/in` unless already there."""
    import time

    if not (tmp_path / "in").exists():
        _many_articles(tmp_path / "in", 2000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "analyzer", "report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
    )
    deadline = time.monotonic() + 120
    workers = []
    while not workers and proc.poll() is None and time.monotonic() < deadline:
        workers = psutil.Process(proc.pid).children(recursive=True)
        time.sleep(0.01)
    assert workers, "the run never started a worker"
    return proc, workers


@pytest.mark.slow
def test_ctrl_c_under_load_ends_every_run_of_fifty(tmp_path):
    """Fifty runs, each interrupted at a different moment while two other processes keep both
    cores busy: every one exits 130 within 10 s and leaves no worker (2 of 16 once never exited)."""
    import signal
    import time

    psutil = pytest.importorskip("psutil")
    with _both_cores_busy():
        for n in range(50):
            out = tmp_path / "out"
            shutil.rmtree(out, ignore_errors=True)
            proc, children = _run_with_workers(tmp_path, psutil, stderr=subprocess.PIPE)
            time.sleep(0.05 * n)  # from the workers' start to about 2.5 s into the run
            children = psutil.Process(proc.pid).children(recursive=True) or children
            if proc.poll() is not None:
                continue  # finished before Ctrl-C came
            proc.send_signal(signal.SIGINT)
            start = time.monotonic()
            _, stderr = proc.communicate(timeout=30)
            assert time.monotonic() - start < 10, n
            assert proc.returncode == EXIT_INTERRUPTED, (n, proc.returncode, stderr[-500:])
            gone, alive = psutil.wait_procs(children, timeout=5)
            assert not [c for c in alive if c.status() != psutil.STATUS_ZOMBIE], n


@pytest.mark.slow
def test_look_alike_one_line_files_take_time_linear_in_their_number():
    """10,000 and 30,000 one-line files drawn from a few words (benchmarks/short_files.py): the
    time per article at 30,000 within 1.5 times that at 10,000 (15,000 once took twelve times)."""
    script = pathlib.Path(__file__).resolve().parent.parent / "benchmarks" / "short_files.py"
    done = subprocess.run(
        [sys.executable, str(script), "--sizes", "10000,30000", "--limit", "1.5"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_worker_outlives_a_killed_run(tmp_path):
    import signal

    psutil = pytest.importorskip("psutil")
    proc, workers = _run_with_workers(tmp_path, psutil, stderr=subprocess.DEVNULL)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive


def test_a_few_broken_bytes_in_utf8_are_replaced_not_reread_as_another_encoding(tmp_path):
    body = "The council voted — after a long debate — to approve the café’s plan on Monday. " * 10
    data = article(outlet="A", body=body).encode()
    write(tmp_path / "in" / "a.md", data[:120] + b"\xff\xfe\x80" + data[120:])
    write(tmp_path / "in" / "b.md", article(outlet="B", body="The council voted to approve the plan."))
    write(tmp_path / "in" / "c.md", article(outlet="C", body="The café’s plan — approved.").encode("cp1252"))
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json", "-q")
    assert result.exit_code == 0
    assert "a.md: " in result.stderr and "broken UTF-8 sequence(s) replaced by �" in result.stderr
    doc = json.loads((tmp_path / "out" / "analysis.json").read_text())
    texts = " ".join(s["text"] for s in doc["sentences"])
    assert "— after a long debate —" in texts and "Ä" not in texts and "Å" not in texts
    assert "The café’s plan — approved." in texts  # a cp1252 file is still read as cp1252


def test_a_token_longer_than_any_word_is_no_word_and_no_name(tmp_path):
    """A run of letters without spaces (50,000 of them, twice, capitalised) beside real articles:
    it is no distinctive word, no actor, and the PDF's tables hold (a cell taller than a page
    stopped the report); the distinctive words are not sized by it (a fixed-width array of the
    vocabulary took 2.7 GB for a 5 MB token)."""
    from analyzer.compare import voice_terms
    from analyzer.model import Sentence

    token = "X" + "y" * 49_999
    _good(tmp_path / "in")
    write(tmp_path / "in" / "long.md", article(outlet="C", body=f"{token} said the council voted. {token} agreed."))
    text = f"The {token} council voted."
    _, vocab = voice_terms([Sentence("s", "a", 0, 0, len(text), text)])
    assert vocab == ["council", "voted"]
    out = tmp_path / "out"
    result = run("report", str(tmp_path / "in"), "-o", str(out), "--format", "json,pdf", "-q")
    assert result.exit_code == 0, result.output
    analysis = json.loads((out / "analysis.json").read_text())
    assert all(len(a["name"]) < 1000 for a in analysis["actors"])
    assert (out / "report.pdf").stat().st_size > 0


def test_text_from_the_input_reaches_the_terminal_escaped(tmp_path):
    """An outlet or a title with terminal escapes (clear the screen, set the window title and
    forge a "warning:" line) is printed with its control characters escaped."""
    # YAML's double-quoted escapes put the control characters in without a byte of binary data.
    write(tmp_path / "in" / "a.md", article(outlet='"A\\e[2J"', title='"Vote\\e]0;pwned\\a\\rwarning: forged"'))
    write(tmp_path / "in" / "b.md", article(outlet="B", title="Vote"))
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\r" not in result.stderr
    assert "A\\x1b[2J" in result.stderr
    tsv = tmp_path / "mine.tsv"
    tsv.write_text(
        "term\tcategory\tweight\tneutral\twhy\tsource\nzealotry\tlabel\t0.8\tdevotion\tWhy\x1b[2J here.\tme\n",
        encoding="utf-8",
    )
    explained = run("lexicon", "explain", "zealotry", "--lexicon", str(tsv))
    assert explained.exit_code == 0 and "\x1b" not in explained.output and "Why\\x1b[2J here." in explained.output


def test_an_input_file_named_like_a_report_file_is_never_overwritten(tmp_path):
    """Output folder = input folder, with an article saved as report.html and another as
    facts.csv: the run refuses (one line, exit 1) and both files stay as they were."""
    _good(tmp_path / "in")
    page = "<html><head><title>Council</title></head><body><p>The council voted on Monday.</p></body></html>"
    (tmp_path / "in" / "report.html").write_text(page)
    (tmp_path / "in" / "facts.csv").write_text("outlet,title,date,url,text\nC,Vote,2026-01-05,,The council voted.\n")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "in"), "--format", "html,csv")
    assert result.exit_code == 1 and "is not a report file of this tool" in result.stderr
    assert (tmp_path / "in" / "report.html").read_text() == page
    assert (tmp_path / "in" / "facts.csv").read_text().startswith("outlet,title")
    assert not (tmp_path / "in" / "flags.csv").exists()


def test_a_report_copied_without_its_marker_is_not_read_as_articles(tmp_path):
    """`cp *` leaves the marker behind: the copied CSVs and page are still known by their
    content, and the articles beside them are all that is read."""
    _good(tmp_path / "in")
    assert run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q").exit_code == 0
    copy = tmp_path / "in" / "old-report"
    copy.mkdir()
    for f in (tmp_path / "out").iterdir():
        if f.is_file() and not f.name.startswith("."):
            shutil.copy(f, copy / f.name)
    again = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out2"), "--format", "json", "-q")
    assert again.exit_code == 0
    analysis = json.loads((tmp_path / "out2" / "analysis.json").read_text())
    assert len(analysis["articles"]) == 2


def test_a_marker_that_lists_articles_does_not_hide_them(tmp_path):
    """A `.framing-report` in an input folder listing articles: they are read, each with a
    warning, and --strict fails on it."""
    _good(tmp_path / "in")
    write(tmp_path / "in" / "good-c.md", article(outlet="C", body="The council voted 5-4 on Monday."))
    (tmp_path / "in" / ".framing-report").write_text("good-c.md\n")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0 and "good-c.md: listed in .framing-report as a report file" in result.stderr
    assert len(json.loads((tmp_path / "out" / "analysis.json").read_text())["articles"]) == 3
    strict = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out3"), "--format", "json", "--strict")
    assert strict.exit_code != 0 and "good-c.md" in strict.stderr


def test_mojibake_is_repaired_and_encoded_surrogates_are_said(tmp_path):
    """UTF-8 once read as cp1252 ("councilâ€™s") is repaired, with a warning naming the file;
    a file whose only non-ASCII bytes are encoded surrogates is read as UTF-8, with a warning,
    not silently as a legacy code page."""
    _good(tmp_path / "in")
    garbled = article(outlet="C", body="The council’s vote was ‘historic,’ said Mr. Müller.")
    (tmp_path / "in" / "garbled.md").write_bytes(garbled.encode("utf-8").decode("cp1252").encode("utf-8"))
    surrogates = article(outlet="D", body="The council voted 5-4 on Monday. ").encode() + b"\xed\xa0\x80 again.\n"
    (tmp_path / "in" / "surrogates.md").write_bytes(surrogates)
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0
    assert "garbled.md: text garbled by a wrong encoding" in result.stderr
    assert "surrogates.md: encoded surrogates (not valid UTF-8) replaced by �" in result.stderr
    texts = " ".join(s["text"] for s in json.loads((tmp_path / "out" / "analysis.json").read_text())["sentences"])
    assert "The council’s vote was ‘historic,’ said Mr. Müller." in texts and "â€" not in texts


def test_two_runs_into_one_folder_leave_one_runs_report_whole(tmp_path):
    """Two reports of different corpora written into one folder at once: the folder holds one
    run's files, all of them (its JSON and its CSVs agree), never a mix."""
    _good(tmp_path / "small")
    _good(tmp_path / "large")
    write(tmp_path / "large" / "good-c.md", article(outlet="C", body="The council voted 5-4. Two schools close."))
    out = tmp_path / "out"
    for _ in range(3):
        runs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "analyzer",
                    "report",
                    str(tmp_path / name),
                    "-o",
                    str(out),
                    "--format",
                    "json,csv",
                    "-q",
                ]
            )
            for name in ("small", "large")
        ]
        assert [p.wait(timeout=120) for p in runs] == [0, 0]
        analysis = json.loads((out / "analysis.json").read_text())
        rows = (out / "sentences.csv").read_text().strip().count("\n")
        assert rows == len(analysis["sentences"])


@pytest.mark.parametrize("delay", [0.0, 0.7, 1.5])
def test_ctrl_c_ends_the_run_at_once_and_leaves_no_worker(tmp_path, delay):
    """Ctrl-C at moments of a run with workers: exit 130 within 10 s, no worker left (a pool's
    thread, left waiting on a stopped worker, kept some runs from ever exiting)."""
    import signal
    import time

    psutil = pytest.importorskip("psutil")
    proc, children = _run_with_workers(tmp_path, psutil, stderr=subprocess.PIPE)
    time.sleep(delay)
    children = psutil.Process(proc.pid).children(recursive=True) or children
    if proc.poll() is not None:
        pytest.skip("the run finished before Ctrl-C came")
    proc.send_signal(signal.SIGINT)
    start = time.monotonic()
    _, stderr = proc.communicate(timeout=30)
    assert time.monotonic() - start < 10
    assert proc.returncode == EXIT_INTERRUPTED and "interrupted" in stderr, (proc.returncode, stderr[-500:])
    time.sleep(0.5)
    assert not [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]

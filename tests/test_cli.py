"""The `framing` command: each option changes what it does; errors are one line with exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from conftest import article, write

from analyzer.cli import main
from analyzer.report import FORMATS


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_report_writes_analysis_json(corpus_dir, tmp_path):
    result = run("report", str(corpus_dir), "-o", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "analysis.json").read_text())
    assert len(doc["articles"]) == 11
    assert "11 articles" in result.stderr


def test_format_limits_the_outputs(corpus_dir, tmp_path):
    run("report", str(corpus_dir), "-o", str(tmp_path), "--format", "json")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".framing-report", "analysis.json"]


def test_unknown_format_is_a_usage_error_naming_the_valid_ones(corpus_dir, tmp_path):
    result = run("report", str(corpus_dir), "-o", str(tmp_path), "--format", "json,docx")
    assert result.exit_code == 2
    assert "docx" in result.output and ",".join(FORMATS) in result.output


def test_quiet_silences_the_summary_but_never_a_warning(tmp_path):
    write(tmp_path / "in" / "a.md", article())
    write(tmp_path / "in" / "b.txt", b"")
    loud = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "o1"), "--format", "json")
    quiet = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "o2"), "--format", "json", "--quiet")
    assert "b.txt" in loud.stderr and "empty file" in loud.stderr and "1 article" in loud.stderr
    assert quiet.exit_code == 0 and "b.txt: empty file" in quiet.stderr
    assert "1 article" not in quiet.stderr and "event “" not in quiet.stderr


def test_strict_turns_a_skipped_file_into_an_error(tmp_path):
    write(tmp_path / "in" / "a.md", article())
    write(tmp_path / "in" / "b.txt", b"")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 1
    assert "b.txt: empty file" in result.stderr
    assert not (tmp_path / "out").exists()


def test_max_file_size_refuses_large_files(tmp_path):
    write(tmp_path / "in" / "big.md", article(body="word " * 300_000))
    write(tmp_path / "in" / "small.md", article(body="A short story."))
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "o"), "--format", "json", "--max-file-size", "1")
    assert result.exit_code == 0 and "big.md" in result.stderr and "over the limit" in result.stderr
    assert len(json.loads((tmp_path / "o" / "analysis.json").read_text())["articles"]) == 1


def test_bad_input_exits_1_with_one_line_and_no_traceback(tmp_path):
    result = run("report", str(tmp_path / "missing"), "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path):
    result = run("report", str(tmp_path / "missing"), "-o", str(tmp_path / "o"), "--debug")
    assert result.exit_code == 1 and "Traceback" in result.stderr


def test_output_that_is_a_file_is_refused(corpus_dir, tmp_path):
    target = write(tmp_path / "taken", "not a folder")
    result = run("report", str(corpus_dir), "-o", str(target), "--format", "json")
    assert result.exit_code == 1 and "not a folder" in result.stderr
    assert target.read_text() == "not a folder"


def test_version_and_help_with_example():
    assert run("--version").output.startswith("framing, version ")
    help_text = run("report", "--help").output
    assert "Example:" in help_text and "framing report corpus/" in help_text


def test_python_dash_m_analyzer_runs_the_cli():
    out = subprocess.run([sys.executable, "-m", "analyzer", "--help"], capture_output=True, text=True, check=True)
    assert "Usage: framing" in out.stdout


def test_lexicon_option_adds_and_disables_terms(corpus_dir, tmp_path):
    mine = write(
        tmp_path / "mine.tsv",
        "term\tcategory\tweight\tneutral\twhy\tsource\n"
        "pushed\tverb\t0.5\tproposed\tSuggests pressure.\tours\n"
        "gutted\tverb\t0\t\t\tours\n",
    )
    base = tmp_path / "base"
    custom = tmp_path / "custom"
    run("report", str(corpus_dir / "school-closures"), "-o", str(base), "--format", "json", "-q")
    result = run(
        "report",
        str(corpus_dir / "school-closures"),
        "-o",
        str(custom),
        "--format",
        "json",
        "-q",
        "--lexicon",
        str(mine),
    )
    assert result.exit_code == 0, result.output
    terms = {f["text"] for f in json.loads((base / "analysis.json").read_text())["flags"]}
    custom_doc = json.loads((custom / "analysis.json").read_text())
    custom_terms = {f["text"] for f in custom_doc["flags"]}
    assert "gutted" in terms and "gutted" not in custom_terms
    assert "pushed" not in terms and "pushed" in custom_terms
    assert custom_doc["run"]["lexicons"][-1]["name"] == str(mine)


def test_lexicon_show_explain_and_check(tmp_path):
    shown = run("lexicon", "show", "--category", "attribution").output
    assert "claimed\tattribution" in shown and "gutted" not in shown
    explained = run("lexicon", "explain", "slashing").output
    assert "slash" in explained and "why:" in explained and "neutral: cut" in explained
    assert run("lexicon", "explain", "table").exit_code == 1
    good = write(
        tmp_path / "good.tsv", "term\tcategory\tweight\tneutral\twhy\tsource\nfoo\tlabel\t0.5\tbar\tBecause.\tme\n"
    )
    bad = write(
        tmp_path / "bad.tsv", "term\tcategory\tweight\tneutral\twhy\tsource\nfoo\tlabel\t7\tbar\tBecause.\tme\n"
    )
    assert run("lexicon", "check", str(good)).exit_code == 0
    result = run("lexicon", "check", str(bad))
    assert result.exit_code == 1 and "bad.tsv:2: weight 7.0 is outside 0..1" in result.stderr


def test_lexicon_show_includes_a_user_lexicon(tmp_path):
    mine = write(
        tmp_path / "mine.tsv", "term\tcategory\tweight\tneutral\twhy\tsource\nzorbed\tverb\t0.5\tx\tBecause.\tme\n"
    )
    assert "zorbed" in run("lexicon", "show", "--lexicon", str(mine)).output
    assert "zorbed" in run("lexicon", "explain", "zorbed", "--lexicon", str(mine)).output


def test_reproducible_dates_the_report_by_its_newest_article(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name in ("a", "b"):
        result = run(
            "report", str(corpus_dir), "-o", str(tmp_path / name), "--format", "pdf,html", "-q", "--reproducible"
        )
        assert result.exit_code == 0
    assert (tmp_path / "a" / "report.pdf").read_bytes() == (tmp_path / "b" / "report.pdf").read_bytes()
    assert "generated on 2026-08-21" in (tmp_path / "a" / "report.html").read_text()
    plain = run("report", str(corpus_dir), "-o", str(tmp_path / "c"), "--format", "html", "-q")
    assert plain.exit_code == 0 and "generated on 2026-08-21" not in (tmp_path / "c" / "report.html").read_text()


def test_one_outlet_only_is_said_in_the_report(tmp_path):
    write(tmp_path / "in" / "a.md", article(outlet="Solo"))
    write(tmp_path / "in" / "b.md", article(outlet="Solo", body="Another story about the budget vote."))
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "o"), "--format", "json,html", "-q")
    assert result.exit_code == 0
    assert "warning: only one outlet (Solo)" in result.stderr  # said on the terminal too, even with -q
    doc = json.loads((tmp_path / "o" / "analysis.json").read_text())
    assert any("needs articles from at least two" in w for w in doc["warnings"])
    assert doc["alignments"] == []
    assert "at least two" in (tmp_path / "o" / "report.html").read_text()
    strict = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "s"), "--strict")
    assert strict.exit_code == 1 and "only one outlet (Solo)" in strict.stderr
    assert str(tmp_path / "in") in strict.stderr and not (tmp_path / "s").exists()


def test_jobs_runs_workers_and_gives_the_same_result(corpus_dir, tmp_path, monkeypatch):
    import analyzer.runtime.engines as parallel

    pools = []
    real_pool = parallel.ProcessPoolExecutor

    def counting_pool(*args, **kwargs):
        pools.append(kwargs.get("max_workers"))
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(parallel, "PARALLEL_MIN_ITEMS", 1)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", counting_pool)
    one = run("report", str(corpus_dir), "-o", str(tmp_path / "one"), "--format", "json", "-q", "--jobs", "1")
    assert one.exit_code == 0 and pools == []
    two = run("report", str(corpus_dir), "-o", str(tmp_path / "two"), "--format", "json", "-q", "--jobs", "2")
    assert two.exit_code == 0 and pools and set(pools) == {2}
    assert (tmp_path / "one" / "analysis.json").read_bytes() == (tmp_path / "two" / "analysis.json").read_bytes()


def test_dask_engine_without_dask_installed_is_a_one_line_hint(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if Dask were not installed
    args = ["report", str(corpus_dir), "-o", str(tmp_path / "o"), "--engine", "dask", "--scheduler", "tcp://x:1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "pip install 'framing-analyzer[distributed]'" in result.output and "internal error" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "o").exists()


def test_output_cut_short_by_its_reader_is_not_an_error():
    """`framing lexicon show | head -1`: the reader leaves, and framing leaves quietly."""
    cmd = f"{sys.executable} -m analyzer lexicon show | head -1"
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {cmd}"], capture_output=True, text=True)
    assert result.stdout.startswith("# broad.tsv")
    assert result.stderr == "", result.stderr


def test_empty_format_says_none_was_given(corpus_dir, tmp_path):
    result = run_unchecked("report", str(corpus_dir), "-o", str(tmp_path), "--format", "")
    assert result.exit_code == 2 and "no format given; choose from json,csv,png,pdf,html" in result.output


def test_lesson_without_a_shared_event_names_the_input(corpus_dir, tmp_path):
    result = run_unchecked("lesson", str(corpus_dir / "transit-fares" / "depot.md"), "-o", str(tmp_path / "l"))
    assert result.exit_code == 1 and "transit-fares: no event is covered by two or more outlets" in result.stderr
    assert "PATH" not in result.stderr


def run_unchecked(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_progress_bar_ends_after_the_report_is_written(corpus_dir, tmp_path, monkeypatch):
    """On a terminal the bar's last step is writing: 100% means the files are there."""
    import io

    import analyzer.cli as cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    written_at: list[str] = []

    def watch_render(*args, **kwargs):
        written_at.append(shown.getvalue())
        return real_render(*args, **kwargs)

    real_render = cli.api.render
    monkeypatch.setattr(cli.sys, "stderr", shown)
    monkeypatch.setattr(cli.api, "render", watch_render)
    args = (str(corpus_dir / "transit-fares"),)
    cli._run(args, cli.AnalysisOptions(), strict=False, follow_links=False, max_file_size=10, jobs=1, engine="local",
             scheduler=None, quiet=False, write=lambda a: cli.api.render(a, tmp_path, formats=["json"]))  # fmt: skip
    assert written_at and "writing the report" in written_at[0] and "100%" not in written_at[0]
    assert (tmp_path / "analysis.json").is_file() and "100%" in shown.getvalue()

"""The engines: the same analysis in one process, in local workers and on a Dask cluster."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import analyzer.runtime.engines as parallel
from analyzer.cli import main
from analyzer.corpus import load_corpus
from analyzer.runtime import Engine


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_split_gives_chunks_of_about_equal_weight(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ITEMS", 1)
    chunks = Engine(2).split(list(range(10)), weights=[1] * 8 + [10, 10])
    assert [x for c in chunks for x in c] == list(range(10))
    assert len(chunks) > 2 and [9] in [list(c) for c in chunks]


def test_one_job_keeps_one_chunk():
    assert Engine(1).split(list(range(5000))) == [list(range(5000))]


def test_reading_in_partitions_gives_the_same_corpus_and_warnings(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ITEMS", 1)  # a partition every few files
    shutil.copytree(corpus_dir, tmp_path / "c")
    first = sorted((tmp_path / "c").rglob("*/*.md"))[0]
    (tmp_path / "c" / "zz-copy.md").write_bytes(first.read_bytes())  # a duplicate, found across partitions
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    (tmp_path / "c" / "plain.txt").write_text("A story without front matter. It has two sentences.")
    alone = load_corpus([tmp_path / "c"])
    with Engine(2) as engine:
        assert len(engine.split(sorted((tmp_path / "c").rglob("*")))) > 2
        partitioned = load_corpus([tmp_path / "c"], engine=engine)
    assert partitioned == alone
    assert any("same text as" in w for w in alone.warnings) and any("empty file" in w for w in alone.warnings)


def test_dask_cluster_gives_the_same_json(corpus_dir, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ITEMS", 1)  # many chunks even on a small corpus
    with distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask = run(
            "report", str(corpus_dir), "-o", str(tmp_path / "dask"), "--format", "json", "-q",
            "--engine", "dask", "--scheduler", cluster.scheduler_address,
        )  # fmt: skip
        assert dask.exit_code == 0, dask.output
        ran = set(cluster.scheduler.task_prefixes)
    assert {"read_files", "process_articles", "process_events"} <= ran, ran  # reading and both stages ran there
    local = run("report", str(corpus_dir), "-o", str(tmp_path / "local"), "--format", "json", "-q", "--jobs", "1")
    assert local.exit_code == 0
    assert (tmp_path / "dask" / "analysis.json").read_bytes() == (tmp_path / "local" / "analysis.json").read_bytes()


def test_dask_engine_without_scheduler_is_a_one_line_error(corpus_dir, tmp_path):
    result = CliRunner().invoke(main, ["report", str(corpus_dir), "-o", str(tmp_path / "o"), "--engine", "dask"])
    assert result.exit_code == 1 and "--scheduler" in result.output
    assert not (tmp_path / "o").exists()


def test_scheduler_without_dask_engine_is_a_usage_error(corpus_dir, tmp_path):
    args = ["report", str(corpus_dir), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "--engine dask" in result.output


def _worker_state(_chunk):
    import gc
    import signal

    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN, gc.isenabled()


def _as_is(chunk, shared):
    return chunk


def test_workers_leave_ctrl_c_to_the_main_process():
    """A worker ignores SIGINT (the main process prints the one line) and keeps gc off."""
    with Engine(2) as engine:
        plain = engine.map(_worker_state, [[1], [2]])
        shared = engine.map(_worker_state, [[1], [2]], shared={"x": 1}, prepare=_as_is)
    assert plain == shared == [(True, False), (True, False)]


def test_a_stopped_run_does_not_wait_for_the_chunks_still_running(tmp_path):
    """SIGTERM (or Ctrl-C, or an error) while workers run long chunks: the workers are ended and
    the run stops at once, instead of waiting for every running chunk to finish."""
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import signal, sys, time\n"
        "from analyzer.runtime import Engine\n"
        "def slow(chunk):\n"
        "    time.sleep(120)\n"
        "    return chunk\n"
        "def build(chunk, shared):\n"
        "    return chunk\n"
        "signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))\n"
        "with Engine(2) as engine:\n"
        "    print('started', flush=True)\n"
        "    engine.map(slow, [[1], [2], [3], [4]], shared=None, prepare=build if sys.argv[1] == 'forked' else None)\n"
    )
    for kind in ("forked", "kept"):
        proc = subprocess.Popen([sys.executable, "-c", script, kind], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "started"
        time.sleep(2)  # the workers are in their chunks
        start = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        assert proc.returncode == 143 and time.monotonic() - start < 20, kind

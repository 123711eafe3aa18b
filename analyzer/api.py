"""The library's entry points, for notebooks and other tools; the CLI is a thin layer over them.

>>> from analyzer import analyze, read_analysis, render
>>> analysis = analyze(["corpus/school-closures"])
>>> [len(e.outlets) for e in analysis.events]
[3, 1]
>>> paths = render(analysis, out, formats=["json"])
>>> read_analysis(out / "analysis.json").facts == analysis.facts
True

An entry point chooses where the work runs (this process by default; `jobs=N` local workers,
or an engine from `analyzer.runtime`) and leaves the caller's process as it found it: the
garbage collector is paused while the records are built and restored afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from . import pipeline, report
from .corpus import Corpus, load_corpus
from .model import Analysis
from .options import AnalysisOptions, ReadOptions, ReportLimits
from .runtime import Engine, paused

PathLike = str | os.PathLike[str]


def load(
    paths: Iterable[PathLike], *, options: ReadOptions = ReadOptions(), jobs: int = 1, engine: Engine | None = None
) -> Corpus:
    """Read every article under `paths` (files or folders); bad files become `Corpus.warnings`
    (or an `InputError` with `options.strict`)."""
    with _on(engine, jobs) as run, paused():
        return load_corpus(paths, options=options, engine=run)


def analyze(
    source: Corpus | Iterable[PathLike],
    options: AnalysisOptions = AnalysisOptions(),
    *,
    jobs: int = 1,
    engine: Engine | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> Analysis:
    """Analyse a loaded `Corpus`, or the articles under the given paths, and return everything
    found. The result is the same whatever `jobs` or `engine`; `on_stage` is called with each
    name of `pipeline.STAGES` as that stage starts."""
    with _on(engine, jobs) as run, paused():
        corpus = source if isinstance(source, Corpus) else load_corpus(source, engine=run)
        return pipeline.run(corpus, options=options, engine=run, on_stage=on_stage)


def render(
    analysis: Analysis,
    out_dir: PathLike,
    *,
    formats: Iterable[str] = report.FORMATS,
    reproducible: bool = False,
    limits: ReportLimits = ReportLimits(),
) -> list[Path]:
    """Write the report files of `formats` (json, csv, png, pdf, html) into `out_dir`, all or
    nothing; return their paths. `limits` caps what the PDF and HTML show."""
    with paused():
        return report.render(analysis, out_dir, formats=formats, reproducible=reproducible, limits=limits)


def read_analysis(path: PathLike) -> Analysis:
    """An `analysis.json` read back into the same `Analysis` a run returned."""
    return Analysis.from_json(Path(path).read_text(encoding="utf-8"))


def _on(engine: Engine | None, jobs: int) -> AbstractContextManager[Engine]:
    """The engine given (left open for its owner), or one of `jobs` local workers, closed after."""
    return nullcontext(engine) if engine is not None else Engine(jobs)

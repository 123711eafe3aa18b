"""Renderers: each reads only the `Analysis`. `render` writes the chosen formats atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import io
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Analysis
from ..options import ReportLimits
from ..report_mark import report_files, write_mark, written_by_this_tool
from .summary import compared_events, report_date


@dataclass(frozen=True)
class Assets:
    """What every renderer may use besides the Analysis: the charts as PNG bytes (drawn once),
    the report's date and the caps on what the PDF and HTML show."""

    charts: dict[str, bytes]
    when: dt.datetime
    limits: ReportLimits


def _write_json(analysis: Analysis, folder: Path, assets: Assets) -> list[Path]:
    path = folder / "analysis.json"
    with path.open("w", encoding="utf-8") as out:
        analysis.write_json(out)
    return [path]


def _write_csv(analysis: Analysis, folder: Path, assets: Assets) -> list[Path]:
    from .tables import TABLES

    out = []
    for name, build in TABLES.items():
        path = folder / name
        path.write_text(build(analysis), encoding="utf-8")
        out.append(path)
    return out


def _write_png(analysis: Analysis, folder: Path, assets: Assets) -> list[Path]:
    (folder / "charts").mkdir(exist_ok=True)
    out = []
    for name, png in assets.charts.items():
        path = folder / "charts" / f"{name}.png"
        path.write_bytes(png)
        out.append(path)
    return out


def _write_pdf(analysis: Analysis, folder: Path, assets: Assets) -> list[Path]:
    from .pdf import render_pdf

    path = folder / "report.pdf"
    path.write_bytes(render_pdf(analysis, assets.charts, assets.when, assets.limits))
    return [path]


def _write_html(analysis: Analysis, folder: Path, assets: Assets) -> list[Path]:
    from .html import render_html

    path = folder / "report.html"
    path.write_text(render_html(analysis, assets.charts, assets.when, assets.limits), encoding="utf-8")
    return [path]


RENDERERS: dict[str, Callable[[Analysis, Path, Assets], list[Path]]] = {
    "json": _write_json,
    "csv": _write_csv,
    "png": _write_png,
    "pdf": _write_pdf,
    "html": _write_html,
}
FORMATS = tuple(RENDERERS)
NEEDS_CHARTS = {"png", "pdf", "html"}


def chart_pngs(analysis: Analysis, limits: ReportLimits) -> dict[str, bytes]:
    """Every chart as PNG bytes: drawn once, saved as files and embedded in the PDF and HTML.
    PNG metadata carries no date, so the same analysis gives the same bytes."""
    import matplotlib.pyplot as plt

    from .charts import DPI, figures

    out = {}
    for name, fig in figures(analysis, limits):
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
        plt.close(fig)
        out[name] = buf.getvalue()
    return out


def render(
    analysis: Analysis,
    out_dir: str | os.PathLike[str],
    *,
    formats: Iterable[str] = FORMATS,
    reproducible: bool = False,
    limits: ReportLimits = ReportLimits(),
) -> list[Path]:
    """Write the reports of `formats` into `out_dir`; return the paths written. `limits` caps what
    the PDF and HTML show (everything is in the JSON and CSV).

    The report is dated today, or by SOURCE_DATE_EPOCH when set, or, with `reproducible`, by the
    newest article's date, so that the same input gives the same bytes.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")

    def build(tmp: Path) -> list[Path]:
        charts = chart_pngs(analysis, limits) if NEEDS_CHARTS & set(formats) else {}
        assets = Assets(charts, report_date(analysis, reproducible), limits)
        return [path for fmt in formats for path in RENDERERS[fmt](analysis, tmp, assets)]

    return write_atomically(out_dir, build)


def write_atomically(out_dir: str | os.PathLike[str], build: Callable[[Path], list[Path]]) -> list[Path]:
    """Let `build` write into a temporary folder inside `out_dir`, then move its files into place.

    Files move only when `build` has finished, so a failure never leaves a half-written report
    and the previous one stays intact; the temporary folder is always removed.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "output path exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(str(out), f"cannot write the report here: {err.strerror}") from err
    # The folder is named before it is made, and made inside the `try` that removes it: a signal
    # that came just after `mkdtemp` made it, before the `try` began, left it behind.
    tmp: Path | None = out / f".framing-tmp-{secrets.token_hex(8)}"
    try:
        try:
            tmp.mkdir(mode=0o700)
        except FileExistsError:
            tmp = None  # another run's: never ours to remove
            raise
        except OSError as err:
            raise InputError(str(out), f"cannot write the report here: {err.strerror}") from err
        written = build(tmp)
        with _locked(out):
            return _move_into_place(out, tmp, written)
    except OSError as err:  # the file it concerns, when not the folder itself
        what = f" ({err.filename})" if err.filename and Path(err.filename) != out else ""
        raise InputError(str(out), f"cannot write the report: {err.strerror}{what}") from err
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """The output folder to this process alone while its report moves in (an exclusive lock on
    the folder itself, so no lock file is left): two runs into one folder at once leave one
    run's report whole, not a mix of both."""
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _move_into_place(out: Path, tmp: Path, written: list[Path]) -> list[Path]:
    """Move the files `build` wrote in `tmp` into `out`, each checked first (all or none), then
    remove the earlier report's files this one does not write again, and list them all."""
    before = report_files(out)
    for path in written:  # every target checked before anything moves: all files or none
        rel = path.relative_to(tmp)
        link = _link_on_the_way(out, rel)
        if link:
            raise InputError(str(link), "is a link inside the report folder; the report never writes through one")
        blocked = _in_the_way(out, rel)
        if blocked:
            raise InputError(str(blocked), "is in the way of the report (a folder where a file goes, or the other way)")
        target = out / rel
        if target.is_file() and str(rel) not in before and not written_by_this_tool(target):
            raise InputError(str(target), "is not a report file of this tool; the report would overwrite it")
    final = []
    for path in written:
        target = out / path.relative_to(tmp)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        final.append(target)
    names = {str(p.relative_to(out)) for p in final}
    for stale in sorted(before - names):  # an earlier, larger report's files (coverage_12.png)
        if _removable(out, stale):
            (out / stale).unlink()
    write_mark(out, names)
    return final


# The names of the files a report or a lesson writes (relative to its folder). A file the marker
# lists is removed only when its name is one of these: a marker can be forged (a cloned
# repository's reports/ with `charts/thesis.docx` in it), the names cannot.
OWN_NAMES = re.compile(
    r"(analysis\.json|report\.(pdf|html)|(flags|facts|outlets|sentences)\.csv"
    r"|charts/[a-z0-9_]+\.png|lesson-[0-9]+\.(pdf|html))"
)


def _link_on_the_way(out: Path, rel: Path) -> Path | None:
    """The first symbolic link met going from `out` down to `out / rel` (None when there is none):
    a link inside the report folder could lead a write or a removal anywhere on the disk."""
    here = out
    for part in rel.parts:
        here = here / part
        if here.is_symlink():
            return here
    return None


def _removable(out: Path, rel: str) -> bool:
    """Whether a stale file the marker lists may be removed: one of the names the tool writes, a
    regular file reached without following any link."""
    return bool(OWN_NAMES.fullmatch(rel)) and _link_on_the_way(out, Path(rel)) is None and (out / rel).is_file()


def _in_the_way(out: Path, rel: Path) -> Path | None:
    """What stops the report file `rel` from moving into `out`: a folder of its name, or a file
    where one of its folders goes (None when nothing does)."""
    if (out / rel).is_dir():
        return out / rel
    for parent in rel.parents:
        if parent != Path(".") and (out / parent).exists() and not (out / parent).is_dir():
            return out / parent
    return None


def write_lessons(
    analysis: Analysis,
    out_dir: str | os.PathLike[str],
    *,
    lexicon,
    answers: bool,
    blank: bool,
    reproducible: bool,
    limits: ReportLimits = ReportLimits(),
) -> list[Path]:
    """One handout (lesson-NN.pdf and .html) per event covered by more than one outlet."""
    from ..lesson import build_lesson
    from .lesson import lesson_html, lesson_pdf

    events = compared_events(analysis)
    if not events:
        where = ", ".join(sorted({str(Path(i["path"]).parent) for i in analysis.run.get("inputs", [])})) or "."
        raise InputError(where, "no event is covered by two or more outlets; a lesson needs at least two")
    when = report_date(analysis, reproducible)

    def build(tmp: Path) -> list[Path]:
        out = []
        for n, event in enumerate(events, start=1):
            lesson = build_lesson(analysis, event, lexicon, limits)
            pdf, html = tmp / f"lesson-{n:02d}.pdf", tmp / f"lesson-{n:02d}.html"
            pdf.write_bytes(lesson_pdf(lesson, answers=answers, blank=blank, when=when, limits=limits))
            html.write_text(lesson_html(lesson, answers=answers, blank=blank, limits=limits), encoding="utf-8")
            out += [pdf, html]
        return out

    return write_atomically(out_dir, build)

"""The mark a report folder carries (the list of files this tool wrote there), and how to know
one of the tool's report files by its content.

A later run never reads those files as articles (`framing report .` writes into ./reports, inside
its own input), and the next report into the same folder removes those it does not write again
(an earlier, larger report's `coverage_12.png`). A marker is only a list anyone can write, so a
listed file is skipped or replaced only when its content shows it is a report file
(`written_by_this_tool`); and a report copied without its marker (`cp *` leaves the dot-file
behind) is still known by its content.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .model import SCHEMA

REPORT_MARK = ".framing-report"
HEADER = "# written by framing-analyzer: these files are its report, never read as articles\n"


def report_files(folder: Path) -> set[str]:
    """The files (paths relative to `folder`) a report of this tool wrote there."""
    try:
        lines = (folder / REPORT_MARK).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in lines if line and not line.startswith(("#", "/")) and ".." not in Path(line).parts}


def write_mark(folder: Path, names: Iterable[str]) -> None:
    (folder / REPORT_MARK).write_text(HEADER + "".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")


# What each kind of report file starts (or, for a PDF, ends) with.
HTML_MARK = b'<meta name="generator" content="framing-analyzer">'
JSON_MARK = f'{{\n "schema": "{SCHEMA}",'.encode()
PDF_MARK = b"/Creator (framing-analyzer)"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PEEK_BYTES = 16384  # read from the start (the end for a PDF's document information)


@cache
def _csv_headers() -> frozenset[bytes]:
    from .report.tables import TABLE_COLUMNS

    return frozenset(",".join(columns).encode() for columns in TABLE_COLUMNS.values())


def written_by_this_tool(path: Path) -> bool:
    """Whether the file at `path` is one of this tool's report files, by its content: a CSV with
    one of the report's header rows, a page or a PDF with the tool's generator mark, the
    analysis JSON, a chart (a PNG in a folder named charts)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".html", ".htm", ".json", ".pdf", ".png"):
        return False
    try:
        with path.open("rb") as f:
            if suffix == ".pdf":
                f.seek(max(0, path.stat().st_size - PEEK_BYTES))
            peek = f.read(PEEK_BYTES)
    except OSError:
        return False
    if suffix == ".csv":
        return peek.split(b"\n", 1)[0].rstrip(b"\r") in _csv_headers()
    if suffix in (".html", ".htm"):
        return HTML_MARK in peek
    if suffix == ".json":
        return peek.startswith(JSON_MARK)
    if suffix == ".pdf":
        return PDF_MARK in peek
    if suffix == ".png":
        return path.parent.name == "charts" and peek.startswith(PNG_MAGIC)
    return False

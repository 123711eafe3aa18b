"""The mark a report folder carries: the list of files this tool wrote there.

A later run never reads those files as articles (`framing report .` writes into ./reports, inside
its own input), and the next report into the same folder removes those it does not write again
(an earlier, larger report's `coverage_12.png`). Only listed files are ever skipped or removed,
so an output folder that also holds articles keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

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

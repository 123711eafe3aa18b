"""Renderers: each reads only the `Analysis`. `render` writes the chosen formats atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import InputError
from ..model import Analysis


def _write_json(analysis: Analysis, folder: Path) -> list[Path]:
    path = folder / "analysis.json"
    path.write_text(analysis.to_json(), encoding="utf-8")
    return [path]


RENDERERS: dict[str, Callable[[Analysis, Path], list[Path]]] = {"json": _write_json}
FORMATS = tuple(RENDERERS)


def render(analysis: Analysis, out_dir: str | os.PathLike[str], *, formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write the reports of `formats` into `out_dir`; return the paths written.

    Everything is first written into a temporary folder beside `out_dir` and moved into place
    only when every renderer has finished, so a failure never leaves a half-written report and
    the previous report stays intact.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "output path exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".framing-", dir=out))
    except OSError as err:
        raise InputError(str(out), f"cannot write the report here: {err.strerror}") from err
    try:
        written: list[Path] = []
        for fmt in formats:
            written.extend(RENDERERS[fmt](analysis, tmp))
        final = []
        for path in written:
            rel = path.relative_to(tmp)
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
            final.append(target)
        return final
    except OSError as err:
        raise InputError(str(out), f"cannot write the report: {err.strerror}") from err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

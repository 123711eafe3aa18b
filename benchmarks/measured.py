"""The figures the report quotes, written by the benchmarks that measure them.

`real_data.py` (loaded language, held out) and `align_folds.py` (same-fact pairs and "no sentence
found" claims, held out) each save their section of `analyzer/data/measured.json`; the report
reads that file, so no figure it states about its own accuracy is typed by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

MEASURED = Path(__file__).resolve().parent.parent / "analyzer" / "data" / "measured.json"


def save(section: str, figures: dict) -> None:
    """Replace one section of measured.json with `figures` (rounded to three places), keeping the
    other sections."""
    data = json.loads(MEASURED.read_text(encoding="utf-8")) if MEASURED.exists() else {}
    data[section] = _rounded(figures)
    MEASURED.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"saved {section} figures to {MEASURED.relative_to(MEASURED.parent.parent.parent)}")


def _rounded(value):
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value

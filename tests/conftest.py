"""Shared fixtures: the bundled corpus, the seed articles beside the checkout, a loaded analysis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
EVENT_SETS = sorted(p.name for p in CORPUS.iterdir() if (p / "gold.json").is_file())


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout (it is in CI)")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_analysis():
    from analyzer import analyze, load

    return analyze(load([CORPUS]))


def gold(event_set: str) -> dict:
    return json.loads((CORPUS / event_set / "gold.json").read_text(encoding="utf-8"))


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


ARTICLE = """---
outlet: {outlet}
title: {title}
date: 2026-01-05
---
{body}
"""


def article(
    outlet: str = "Test Outlet", title: str = "A test story", body: str = "The council met on Monday. It voted 5-4."
) -> str:
    return ARTICLE.format(outlet=outlet, title=title, body=body)

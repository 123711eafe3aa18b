"""Run a per-item stage over chunks of items in worker processes (`--jobs`), keeping order.

Below PARALLEL_MIN_ITEMS items, or with one job, everything runs in this process: starting
workers costs more than it saves on small corpora. Results are the same either way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Items (articles or sentences) below which a stage stays in one process. On the synthetic
# 1,000-article corpus (37,000 sentences) two workers cut the framing stage from 9.4 s to 6.7 s
# but barely change alignment features, whose results cost as much to send back as to compute;
# below a few thousand items the pool's start-up is not repaid.
PARALLEL_MIN_ITEMS = 2000
CHUNKS_PER_JOB = 4  # several chunks per worker even out uneven chunk costs


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_chunks(func: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int) -> list[R]:
    """`func` applied to consecutive chunks of `items`, results concatenated in order."""
    if jobs <= 1 or len(items) < PARALLEL_MIN_ITEMS:
        return func(items)
    size = max(1, -(-len(items) // (jobs * CHUNKS_PER_JOB)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [r for part in pool.map(func, chunks) for r in part]

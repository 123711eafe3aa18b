"""Where reading the corpus and the per-article and per-event stages run: in this process, in
worker processes on this machine (`--jobs N`), or on an existing Dask cluster (`--engine dask
--scheduler ADDRESS`).

A stage hands the engine a module-level function and a list of chunks (files to read, articles,
or events with their sentences); the engine returns one result per chunk, in order. Chunks carry
everything their function needs, so a worker never reads shared state and results are the same
on every engine (tested).
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from functools import partial
from typing import Any, TypeVar

from ..errors import EngineError

T = TypeVar("T")
R = TypeVar("R")

# Items (articles or sentences) below which a stage stays in this process: on the bundled
# corpus (12 articles) starting workers costs more than the work; on the synthetic 1,000-article
# corpus two workers pay off.
PARALLEL_MIN_ITEMS = 200
CHUNKS_PER_WORKER = 4  # several chunks per worker even out uneven chunk costs
IN_FLIGHT_PER_WORKER = 2  # chunks sent ahead per worker: one running, one waiting
ENGINES = ("local", "dask")


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Engine:
    """Runs a function over chunks. The local engine: this process for one job, else a pool of
    `jobs` worker processes started on first use and kept for the whole run."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = max(1, jobs)
        self._pool: Executor | None = None

    @property
    def workers(self) -> int:
        return self.jobs

    def split(self, items: Sequence[T], weights: Sequence[int] | None = None) -> list[Sequence[T]]:
        """`items` in consecutive chunks of about equal weight (default: one per item), as many
        as the workers can use; one chunk when the work is too small to be worth sending out."""
        if not items:
            return []
        weights = list(weights) if weights is not None else [1] * len(items)
        total = sum(weights)
        if self.workers <= 1 or total < PARALLEL_MIN_ITEMS:
            return [items]
        target = total / (self.workers * CHUNKS_PER_WORKER)
        chunks, start, acc = [], 0, 0.0
        for n, w in enumerate(weights):
            acc += w
            if acc >= target:
                chunks.append(items[start : n + 1])
                start, acc = n + 1, 0.0
        if start < len(items):
            chunks.append(items[start:])
        return chunks

    def map(
        self,
        func: Callable[[Any], R],
        chunks: Iterable[Any],
        *,
        shared: Any = None,
        prepare: Callable[[Any, Any], Any] | None = None,
    ) -> list[R]:
        """`func` of each chunk, in order; with `prepare`, `func(prepare(chunk, shared))`: the
        chunk is only a plan (say, which events), and `prepare` builds the work from `shared`
        data where the work runs. Local workers are forked with `shared` already in memory, so
        it is never pickled; other engines prepare each chunk here and send the result. At most
        IN_FLIGHT_PER_WORKER chunks per worker are sent ahead of the results, so a large corpus
        is never all pickled at once."""
        chunks = iter(chunks)
        first = list(itertools.islice(chunks, 2))
        chunks = itertools.chain(first, chunks)
        if self.jobs <= 1 or len(first) < 2:  # one chunk: not worth a worker
            return [func(prepare(c, shared)) if prepare else func(c) for c in chunks]
        if prepare is None:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.jobs, initializer=_start_worker, initargs=(os.getpid(),)
                )
            try:
                return _bounded(self._pool.submit, func, chunks, self.jobs)
            except BaseException:
                _stop(self._pool)
                self._pool = None
                raise
        pool = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=_FORK, initializer=_install, initargs=(os.getpid(), shared)
        )
        try:
            results = _bounded(pool.submit, partial(_prepared, func, prepare), chunks, self.jobs)
        except BaseException:
            _stop(pool)  # not `with`: its exit would wait on the stopped pool's threads
            raise
        pool.shutdown()
        return results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Workers forked from this process see its memory as it was, without pickling; where fork is not
# offered (Windows, macOS's default) the shared data is pickled once per worker instead.
_FORK = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
_SHARED: Any = None  # in a worker: the `shared` data of the map it serves


def _start_worker(parent: int) -> None:
    """Workers only run the pipeline's chunks, whose records hold no reference cycles: the cyclic
    collector stays off in them (see `collector`). Ctrl-C is the main process's to handle: a
    worker ignores it, so an interrupted run prints one line, not a traceback per worker; SIGTERM
    ends a worker at once (the main process's handler, inherited by fork, is not its own). On
    Linux a worker is killed when the process that started it dies, even by SIGKILL, so no
    worker outlives its run."""
    gc.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def _die_with(parent: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _install(parent: int, shared: Any) -> None:
    global _SHARED
    _start_worker(parent)
    _SHARED = shared


def _prepared(func: Callable[[Any], R], prepare: Callable[[Any, Any], Any], chunk: Any) -> R:
    return func(prepare(chunk, _SHARED))


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers at once. A run stopped by Ctrl-C, SIGTERM or an error must not wait
    for the chunks still running (one took 12 minutes); no public call does this before Python
    3.14's `terminate_workers`."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def _bounded(submit: Callable[..., Any], func: Callable[[Any], R], chunks: Iterable[Any], workers: int) -> list[R]:
    """Results of `func` over `chunks` in order, with at most IN_FLIGHT_PER_WORKER chunks a
    worker submitted and not yet collected."""
    results: list[R] = []
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(func, chunk))
        if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
            results.append(pending.popleft().result())
    results.extend(f.result() for f in pending)
    return results


class DaskEngine(Engine):
    """Chunks run as tasks on a Dask cluster (`pip install 'framing-analyzer[distributed]'`);
    the workers need the same version of this package installed."""

    def __init__(self, scheduler: str) -> None:
        super().__init__(jobs=1)
        try:
            from distributed import Client
        except ImportError as err:
            raise EngineError("--engine dask needs Dask: pip install 'framing-analyzer[distributed]'") from err
        try:
            self._client = Client(scheduler, timeout="10s", set_as_default=False)
        except OSError as err:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err

    @property
    def workers(self) -> int:
        return max(1, sum(self._client.nthreads().values()))

    def map(
        self,
        func: Callable[[Any], R],
        chunks: Iterable[Any],
        *,
        shared: Any = None,
        prepare: Callable[[Any, Any], Any] | None = None,
    ) -> list[R]:
        work = (prepare(c, shared) for c in chunks) if prepare else chunks
        return _bounded(self._submit, func, work, self.workers)

    def _submit(self, func: Callable[[Any], R], chunk: Any) -> Any:
        """Send the chunk as data of its own, then the task that reads it (Dask's way for
        megabytes of input, rather than inside the task itself)."""
        [data] = self._client.scatter([chunk], hash=False)
        return self._client.submit(func, data, pure=False)

    def close(self) -> None:
        self._client.close()


def make_engine(name: str = "local", *, jobs: int = 1, scheduler: str | None = None) -> Engine:
    if name == "dask":
        if not scheduler:
            raise EngineError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
        return DaskEngine(scheduler)
    return Engine(jobs)

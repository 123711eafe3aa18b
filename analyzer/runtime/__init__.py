"""Where the work runs, and how the process is kept while it runs.

Stages are plain functions over chunks of data; they never import this package. Only the entry
points (`analyzer.api` and the CLI) choose an engine (this process, local worker processes, or a
Dask cluster) and hand it to the pipeline, and only they pause the garbage collector.
"""

from .collector import paused
from .engines import ENGINES, DaskEngine, Engine, default_jobs, make_engine

__all__ = ["ENGINES", "DaskEngine", "Engine", "default_jobs", "make_engine", "paused"]

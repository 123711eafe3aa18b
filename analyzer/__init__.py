"""framing-analyzer: show how news outlets cover the same event differently.

>>> from analyzer import analyze, render
>>> analysis = analyze(["corpus/"])
>>> render(analysis, "reports/", formats=["json"])

See `analyzer.api` for the entry points and `analyzer.options` for every setting.
"""

from .api import analyze, load, read_analysis, render
from .corpus import Corpus
from .errors import EngineError, InputError
from .model import Analysis
from .options import AlignOptions, AnalysisOptions, EventOptions, FlagOptions, ReadOptions

__all__ = [
    "AlignOptions",
    "Analysis",
    "AnalysisOptions",
    "Corpus",
    "EngineError",
    "EventOptions",
    "FlagOptions",
    "InputError",
    "ReadOptions",
    "analyze",
    "load",
    "read_analysis",
    "render",
]

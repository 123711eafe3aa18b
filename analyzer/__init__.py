"""framing-analyzer: show how news outlets cover the same event differently.

>>> from analyzer import analyze, render
>>> analysis = analyze(["corpus/"])
>>> render(analysis, "reports/", formats=["json"])

See `analyzer.api` for the entry points and `analyzer.options` for every setting.
"""

import os

from . import errors

# numpy reads SOURCE_DATE_EPOCH as it is imported and fails with a traceback on anything but a
# number; set aside a value that is not one, so that the report can name it in one line
# (`report.summary.report_date`).
if not os.environ.get("SOURCE_DATE_EPOCH", "0").strip().lstrip("-").isdigit():
    errors.BAD_SOURCE_DATE_EPOCH = os.environ.pop("SOURCE_DATE_EPOCH")

from .api import analyze, load, read_analysis, render  # noqa: E402
from .corpus import Corpus
from .errors import EngineError, InputError
from .model import Analysis
from .options import AlignOptions, AnalysisOptions, EventOptions, FlagOptions, ReadOptions, ReportLimits

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
    "ReportLimits",
    "analyze",
    "load",
    "read_analysis",
    "render",
]

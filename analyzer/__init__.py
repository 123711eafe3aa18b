"""framing-analyzer: show how news outlets cover the same event differently.

>>> from analyzer import load_corpus, analyze, render
>>> analysis = analyze(load_corpus(["corpus/"]))
>>> render(analysis, "reports/", formats=["json"])
"""

from .corpus import LoadOptions, load_corpus
from .errors import InputError
from .model import Analysis
from .pipeline import AnalysisOptions, analyze
from .report import render

__all__ = ["Analysis", "AnalysisOptions", "InputError", "LoadOptions", "analyze", "load_corpus", "render"]

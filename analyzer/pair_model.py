"""Whether two sentences of different outlets state the same fact: a learned pair scorer.

Each candidate pair of an event (`align.candidates`) is described by a few plain features: how
alike its words and characters are, the names, numbers and quoted words both sentences carry,
how much of each one's content the other covers, whether each is the other's best partner in
its article, and how far apart they stand in their articles. A logistic regression over the
standardised features, fitted by `framing align train` (`analyzer.align_train`) on sentence
pairs people judged, gives a score; a one-variable logistic fitted on held-out folds turns the
score into a calibrated probability. The weights file (`data/aligner.json`) names the data
it was fitted on, their licences and the held-out figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .errors import InputError

FORMAT = "framing-aligner/1"
# The columns `align.pair_features` computes, in this order.
FEATURES = (
    "word_cosine",  # cosine of the stemmed word and bigram TF-IDF
    "char_cosine",  # cosine of the character 3-5-gram TF-IDF
    "names",  # names both carry, not the event's topic names (at most 3)
    "numbers",  # numbers of two digits or more both carry (at most 3)
    "quote",  # both reproduce a run of quoted words
    "cover_shorter",  # share of the shorter sentence's content words the other has
    "cover_longer",  # share of the longer sentence's content words the other has
    "length_ratio",  # content words of the shorter over the longer
    "to_best_low",  # the pair's similarity over the best of either sentence's in that article: the lower
    "to_best_high",  # and the higher of the two
    "mutual_best",  # each is the other's best partner in its article
    "place_gap",  # how far apart they stand in their articles (0 to 1)
    "claims_shorter",  # share of the shorter's claim words (no names, no speech verbs) the other has
    "shorter_words",  # ln of the shorter's content words: two short sentences are alike at little cost
)


@dataclass(frozen=True)
class PairModel:
    """Weights of the pair scorer and the probability bars the aligner uses.

    `threshold`: a pair is aligned at this probability or above. `sure`: pairs this likely are
    evidence of a framing contrast between the two wordings. `absent`: an outlet leaves a fact
    out only when none of its sentences reaches this probability with the fact's sentences;
    otherwise the report shows its closest sentence and how likely it states the same fact."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    calibration: tuple[float, float]  # probability = σ(a · score + b)
    threshold: float
    sure: float
    absent: float
    about: dict[str, Any] = field(default_factory=dict, compare=False)

    def probability(self, features: np.ndarray) -> np.ndarray:
        """The calibrated probability that each pair (a row of `features`) states the same fact."""
        if not len(features):
            return np.zeros(0)
        score = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        a, b = self.calibration
        return 1.0 / (1.0 + np.exp(-np.clip(a * score + b, -60.0, 60.0)))

    def to_json(self) -> str:
        """The weights file: the same model gives the same bytes."""
        data = {
            "format": FORMAT,
            "features": list(FEATURES),
            "mean": [round(float(x), 8) for x in self.mean],
            "scale": [round(float(x), 8) for x in self.scale],
            "coef": [round(float(x), 8) for x in self.coef],
            "intercept": round(float(self.intercept), 8),
            "calibration": [round(float(x), 8) for x in self.calibration],
            "threshold": self.threshold,
            "sure": self.sure,
            "absent": self.absent,
            "about": self.about,
        }
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def from_json(text: str) -> PairModel:
    """A pair model from the JSON `PairModel.to_json` writes; ValueError when it is not one this
    version can use (another format, other features)."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("format")
    if tuple(data["features"]) != FEATURES:
        raise ValueError("features")
    arrays = [np.asarray(data[k], dtype=float) for k in ("mean", "scale", "coef")]
    if any(a.shape != (len(FEATURES),) or not np.isfinite(a).all() for a in arrays) or (arrays[1] <= 0).any():
        raise ValueError("weights")
    a, b = (float(x) for x in data["calibration"])
    bars = [float(data[k]) for k in ("threshold", "sure", "absent")]
    if not all(0.0 <= x <= 1.0 for x in bars):
        raise ValueError("bars")
    return PairModel(*arrays, float(data["intercept"]), (a, b), *bars, about=dict(data.get("about", {})))


def read(path: str | Path) -> PairModel:
    """A pair model saved by `framing align train`; an InputError naming the file otherwise."""
    try:
        return from_json(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(str(path), f"cannot read the aligner: {err.strerror}") from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise InputError(
            str(path), f"not an aligner this version can use (expected the {FORMAT} JSON of 'framing align train')"
        ) from None


@lru_cache(maxsize=4)
def load(path: str | None = None) -> PairModel:
    """The shipped pair model, or the one saved at `path`."""
    if path:
        return read(path)
    return from_json(resources.files("analyzer.data").joinpath("aligner.json").read_text("utf-8"))

"""Whether a lexicon match is loaded where it stands: a linear model over the match and its sentence.

A listed word is only a candidate. Annotators of real news mark "slammed" in an outlet's own
sentence but not "acknowledged" in ordinary attribution, and "good" almost never. The model
weighs what a reader weighs: which tier listed the word and how strongly, its category, the
word itself, whether a negation or an intensifier stands before it, whether it modifies a name,
and whether it is in a headline. Its weights are package data (`context.json`), rebuilt from
annotated news by `framing lexicon train`; the shipped file names the data it was fitted on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .categories import BY_NAME
from .errors import InputError
from .language import ENGLISH, Language
from .lexicons import BROAD, Entry

TIERS = ("curated", "broad")
# What a threshold decides: the broad tier's matches, the curated tier's stance words
# (`categories.Category.stance`: "claimed", "so-called", "finally") and the rest of the curated tier.
THRESHOLD_GROUPS = ("curated", "stance", "broad")
NEGATION_REACH = 3  # words before a match that can negate it


@dataclass(frozen=True)
class ContextModel:
    """Logistic-regression weights by feature name; a match is flagged when its probability is
    at least the threshold of its group (`thresholds`, keyed by `THRESHOLD_GROUPS`, see
    `group`). `trained_on` says which annotated data the weights came from."""

    weights: Mapping[str, float]
    bias: float
    thresholds: Mapping[str, float]
    trained_on: str = ""
    # Sum of weights of each (entry, ending)'s own features: most matches are of a few entries.
    _own: dict[tuple[Entry, str], float] = field(default_factory=dict, compare=False, repr=False)

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return _sigmoid(z)

    def score(
        self, words: Sequence[str], i: int, length: int, entry: Entry, headline: bool, language: Language = ENGLISH
    ) -> float:
        """`probability(features(words, i, length, entry, headline))`, without building the
        features: the part that depends on the entry alone is summed once per entry."""
        ending = words[i + length - 1][-3:].lower()
        own = self._own.get((entry, ending))
        if own is None:
            own = sum(self.weights.get(k, 0.0) * v for k, v in _entry_features(entry, ending).items())
            self._own[(entry, ending)] = own
        z = (
            self.bias
            + own
            + sum(self.weights.get(k, 0.0) for k in _place_features(words, i, length, headline, language))
        )
        return _sigmoid(z)

    def threshold(self, entry: Entry) -> float:
        """The probability at which a match of `entry` is flagged: its group's threshold."""
        return self.thresholds[group(entry)]

    def loaded(self, probability: float, entry: Entry) -> bool:
        """Whether a match of `entry` with this probability is flagged."""
        return probability >= self.threshold(entry)

    def to_json(self) -> str:
        data = {
            "format": "framing-context-model/1",
            "trained_on": self.trained_on,
            "thresholds": dict(sorted(self.thresholds.items())),
            "bias": self.bias,
            "weights": dict(sorted(self.weights.items())),
        }
        return json.dumps(data, indent=1, sort_keys=False) + "\n"


def tier(entry: Entry) -> str:
    """ "broad" for the shipped broad tier; "curated" for the curated lexicons and users' own."""
    return "broad" if entry.lexicon == BROAD else "curated"


def group(entry: Entry) -> str:
    """Which threshold decides a match of `entry`: "broad" for the broad tier, "stance" for a
    curated stance word, "curated" for the other curated words."""
    t = tier(entry)
    if t == "curated" and BY_NAME[entry.category].stance:
        return "stance"
    return t


def features(
    words: Sequence[str], i: int, length: int, entry: Entry, headline: bool, language: Language = ENGLISH
) -> dict[str, float]:
    """The features of the match `words[i:i+length]` of `entry` in a sentence's words: the
    entry's own (tier, category, weight, term, the matched word's ending) and those of its place
    (a negation or an intensifier before it, a name after it, capitals, a headline). Each
    place feature is worth 1."""
    f = _entry_features(entry, words[i + length - 1][-3:].lower())
    f.update(dict.fromkeys(_place_features(words, i, length, headline, language), 1.0))
    return f


def _entry_features(entry: Entry, ending: str) -> dict[str, float]:
    t = tier(entry)
    f = {
        f"tier={t}": 1.0,
        f"category={entry.category}": 1.0,
        f"{t}:weight": entry.weight,
        f"term={entry.term.lower()}": 1.0,
        f"ending={ending}": 1.0,
    }
    if " " in entry.term:
        f["phrase"] = 1.0
    return f


def _place_features(words: Sequence[str], i: int, length: int, headline: bool, language: Language) -> list[str]:
    out = []
    before = [w.lower() for w in words[max(0, i - NEGATION_REACH) : i]]
    if any(w in language.negating or w.endswith("n't") for w in before):
        out.append("after_negation")
    if before and before[-1] in language.intensifiers:
        out.append("after_intensifier")
    if i + length < len(words) and words[i + length][:1].isupper():
        out.append("before_name")
    if i > 0 and words[i][:1].isupper():
        out.append("capitalised")
    if headline:
        out.append("headline")
    return out


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def from_json(text: str) -> ContextModel:
    """A context model from the JSON that `ContextModel.to_json` writes."""
    return _model(json.loads(text))


def read(path: str | Path) -> ContextModel:
    """A context model saved by `framing lexicon train`."""
    try:
        return from_json(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(str(path), f"cannot read context model: {err.strerror}") from None
    except (ValueError, KeyError, TypeError):
        raise InputError(
            str(path), "not a context model (expected the JSON written by 'framing lexicon train')"
        ) from None


def _model(data: dict) -> ContextModel:
    if data.get("format") != "framing-context-model/1":
        raise ValueError("format")
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    given = data["thresholds"]
    # A model saved before stance words had a threshold of their own held them to the curated one.
    thresholds = {g: float(given.get(g, given["curated"])) for g in THRESHOLD_GROUPS}
    return ContextModel(weights, float(data["bias"]), thresholds, str(data.get("trained_on", "")))


@lru_cache(maxsize=4)
def load(path: str | None = None) -> ContextModel:
    """The shipped model, or the one saved at `path`."""
    if path:
        return read(path)
    return from_json(resources.files("analyzer.lexicons").joinpath("context.json").read_text("utf-8"))

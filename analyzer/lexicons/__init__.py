"""Loaded-language lexicons: versioned TSV package data, user lexicons, and their validation.

Files have a header row `term, category, weight, neutral, why, source` (lines starting with `#`
are comments; the first comment names the version). A user lexicon has the same columns; a row
with weight 0 disables that term and every entry it is an inflection of ("claimed" 0 also turns
off "claim"). Terms match with their inflections ("slash": slashes, slashed,
slashing; "power grab": power grabs), an explicitly listed form wins over a generated one, and
`#` in a term stands for a number ("only #" matches "only 20").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path

from .. import categories
from ..errors import InputError
from ..segment import words

COLUMNS = ("term", "category", "weight", "neutral", "why", "source")
CATEGORIES = categories.NAMES
BROAD = "broad.tsv"  # the broad tier: candidates for the context model, without a neutral alternative
BUILTIN = (BROAD, "framing.tsv", "epistemic.tsv")  # later files override earlier ones term by term
NUMBER = "#"
VERSION = re.compile(r"version\s+(\d+(?:\.\d+)*)")


@dataclass(frozen=True)
class Entry:
    term: str
    category: str
    weight: float
    neutral: str | None
    why: str
    source: str
    lexicon: str = ""


Candidates = list[tuple[tuple[frozenset[str], ...], Entry, bool]]


@dataclass(frozen=True)
class Lexicon:
    """Entries, their match index, the contexts where a term is not loaded, and where the
    entries came from. The index has one word terms by their form (`index`: every first word
    form of any term is a key, so a word not in it starts no match) and longer terms by their
    first two word forms (`pairs`), each list longest and exact first: a lexicon of 200,000
    phrases that all start with "the" is no slower to match than one of a few."""

    entries: tuple[Entry, ...]
    index: dict[str, Candidates] = field(default_factory=dict, repr=False)
    pairs: dict[tuple[str, str], Candidates] = field(default_factory=dict, repr=False)
    exceptions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sources: tuple[dict[str, str], ...] = ()

    def lookup(self, term: str) -> Entry | None:
        """The entry whose term or one of its inflections is `term` (case-insensitive)."""
        toks = tuple(t.lower() for t in term.split())
        if not toks:
            return None
        for seq, entry, _ in self.candidates(toks[0], toks[1] if len(toks) > 1 else None):
            if len(seq) == len(toks) and all(t in forms for t, forms in zip(toks, seq, strict=True)):
                return entry
        return None

    def candidates(self, first: str, second: str | None = None, *, second_is_number: bool = False) -> Candidates:
        """The terms that may start with the word forms `first` and `second` (None at the end
        of a sentence), longest and exact first; `second_is_number` adds the terms whose second
        word is NUMBER."""
        if second is None:
            return self.index.get(first, [])
        longer = self.pairs.get((first, second))
        if second_is_number and (first, NUMBER) in self.pairs:
            longer = sorted((longer or []) + self.pairs[(first, NUMBER)], key=lambda c: (-len(c[0]), not c[2]))
        singles = self.index.get(first, [])
        return longer + singles if longer else singles  # no copy in the common case


def make_index(entries: Iterable[Entry]) -> tuple[dict[str, Candidates], dict[tuple[str, str], Candidates]]:
    """The `index` and `pairs` of a `Lexicon` of `entries`."""
    index: dict[str, Candidates] = {}
    pairs: dict[tuple[str, str], Candidates] = {}
    for entry in entries:
        parts = entry.term.lower().split()
        exact = tuple(frozenset([p]) for p in parts)
        inflected = tuple(inflections(p) if n in (0, len(parts) - 1) else frozenset([p]) for n, p in enumerate(parts))
        for seq, is_exact in ((exact, True), (inflected, False)):
            for first in seq[0]:
                singles = index.setdefault(first, [])
                if len(seq) == 1:
                    singles.append((seq, entry, is_exact))
                    continue
                for second in seq[1]:
                    pairs.setdefault((first, second), []).append((seq, entry, is_exact))
    for candidates in chain(index.values(), pairs.values()):
        candidates.sort(key=lambda c: (-len(c[0]), not c[2]))
    return index, pairs


VOWELS = set("aeiou")


@lru_cache(maxsize=2**16)
def inflections(word: str) -> frozenset[str]:
    """The word and its regular inflections; words already inflected (-ed, -ing) stay as they are.
    Cached: the words of phrases repeat ("the", "of")."""
    if word == NUMBER or not word.isalpha() and "-" not in word:
        return frozenset([word])
    out = {word}
    if word.endswith(("ed", "ing")) or len(word) < 3:
        return frozenset(out)
    stem_e = word[:-1] if word.endswith("e") else word
    out |= {word + "s", stem_e + "ed", stem_e + "ing", word + "d" if word.endswith("e") else word + "ed"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        out.add(word + "es")
    if word.endswith("y") and word[-2] not in VOWELS:
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    last3 = word[-3:]
    if len(word) <= 5 and last3[0] not in VOWELS and last3[1] in VOWELS and last3[2] not in VOWELS | set("wxy"):
        out |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return frozenset(out)


def parse(text: str, name: str) -> tuple[list[Entry], list[str]]:
    """Entries of one lexicon file, and a message per malformed row (`name:line: …`)."""
    entries, errors = [], []
    lines = text.splitlines()
    rows = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    if not rows or tuple(c.strip().lower() for c in rows[0][1].split("\t")) != COLUMNS:
        return [], [f"{name}:{rows[0][0] if rows else 1}: header must be {chr(9).join(COLUMNS)!r} (tab-separated)"]
    seen: set[str] = set()
    for n, line in rows[1:]:
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            errors.append(f"{name}:{n}: expected {len(COLUMNS)} tab-separated columns, found {len(cells)}")
            continue
        term, category, weight, neutral, why, source = (c.strip() for c in cells)
        try:
            w = float(weight)
        except ValueError:
            errors.append(f"{name}:{n}: weight {weight!r} is not a number")
            continue
        problem = _row_problem(term, category, w, why, seen)
        if problem:
            errors.append(f"{name}:{n}: {problem}")
            continue
        seen.add(term.lower())
        entries.append(Entry(term, category, w, neutral or None, why, source, name))
    return entries, errors


def _row_problem(term: str, category: str, weight: float, why: str, seen: set[str]) -> str | None:
    if not term:
        return "empty term"
    if term.lower() in seen:
        return f"duplicate term {term!r}"
    if not 0 <= weight <= 1:
        return f"weight {weight} is outside 0..1"
    if weight > 0 and category not in CATEGORIES:
        return f"unknown category {category!r}; choose from {', '.join(CATEGORIES)}"
    if weight > 0 and not why:
        return "every term needs a 'why' for the reader"
    if any(not _matchable(part) for part in term.split()):
        return f"term {term!r} has a part our tokenizer does not produce as one word"
    return None


def _matchable(part: str) -> bool:
    return part == NUMBER or words(part) == [part]


def _version(text: str) -> str:
    first = next((line for line in text.splitlines() if line.startswith("#")), "")
    m = VERSION.search(first)
    return m.group(1) if m else "unversioned"


@lru_cache(maxsize=1)
def builtin() -> Lexicon:
    """The lexicons shipped with the package."""
    return _combine([_read_builtin(name) for name in BUILTIN])


def _read_builtin(name: str) -> tuple[str, str]:
    return name, resources.files("analyzer.lexicons").joinpath(name).read_text("utf-8")


def load(paths: Sequence[str | Path] = ()) -> Lexicon:
    """The built-in lexicons plus user lexicons; later files override earlier ones term by term,
    inflections included (a later "slash" replaces an earlier "slashing")."""
    if not paths:
        return builtin()
    files = [_read_builtin(name) for name in BUILTIN]
    files += [(str(path), _read(path)) for path in paths]
    return _combine(files)


def _read(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"not UTF-8 text (byte {err.start}): save the lexicon as UTF-8") from None
    except OSError as err:
        raise InputError(str(path), f"cannot read lexicon: {err.strerror}") from None


def _combine(files: Iterable[tuple[str, str]]) -> Lexicon:
    by_term: dict[str, Entry] = {}
    sources = []
    for name, text in files:
        entries, errors = parse(text, name)
        if errors:
            raise InputError(errors[0].split(":")[0], errors[0].split(":", 2)[-1].strip(), line=_line(errors[0]))
        earlier = set(by_term)
        for e in entries:
            for form in _forms(e.term) & earlier:  # "slash" here overrides "slashing" of a file before
                del by_term[form]
                earlier.discard(form)
            by_term[e.term.lower()] = e
        sources.append({"name": name, "version": _version(text), "sha256": hashlib.sha256(text.encode()).hexdigest()})
    disabled = {form for e in by_term.values() if e.weight == 0 for form in _forms(e.term)}
    kept = tuple(e for e in by_term.values() if e.weight > 0 and not (disabled and _forms(e.term) & disabled))
    return Lexicon(kept, *make_index(kept), _exceptions(), tuple(sources))


def _forms(term: str) -> frozenset[str] | set[str]:
    """Every inflected form of a term, as lower-case strings."""
    parts = term.lower().split()
    if len(parts) == 1:
        return inflections(parts[0])
    return {" ".join([f, *parts[1:]]) for f in inflections(parts[0])} | {
        " ".join([*parts[:-1], f]) for f in inflections(parts[-1])
    }


def _line(message: str) -> int | None:
    parts = message.split(":")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, tuple[str, ...]]:
    text = resources.files("analyzer.lexicons").joinpath("exceptions.tsv").read_text("utf-8")
    out: dict[str, list[str]] = {}
    for line in text.splitlines()[2:]:
        if line.strip():
            term, context, _reason = line.split("\t")
            out.setdefault(term.lower(), []).append(context.lower())
    return {k: tuple(v) for k, v in out.items()}


def check(path: str | Path) -> list[str]:
    """Problems in a lexicon file (empty when it is valid)."""
    return parse(_read(path), str(path))[1]

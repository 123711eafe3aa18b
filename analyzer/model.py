"""The records every stage passes on, and the one `Analysis` that renderers read.

All records are frozen dataclasses. `Analysis.to_json()` writes the `framing-analysis/1`
contract of DESIGN.md (fixed keys first, extra keys after them); `Analysis.from_json()` reads
it back, so a saved analysis can be rendered again without re-running the pipeline.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TextIO, TypeVar

SCHEMA = "framing-analysis/1"
T = TypeVar("T")


def record(cls: type[T]) -> type[T]:
    """A record: a frozen dataclass with slots that pickles as its class and field values. Workers
    send millions of them back; the dataclass's own pickling calls Python code per object (100,000
    alignments with their diffs: 3.3 s to pickle and unpickle, 1.5 s so)."""
    cls = dataclass(frozen=True, slots=True)(cls)
    values = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))
    single = len(dataclasses.fields(cls)) == 1

    def __reduce__(self: T) -> tuple[type[T], tuple[Any, ...]]:
        return cls, (values(self),) if single else values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@record
class Article:
    """One article as read from the corpus, before cleaning.

    `body` is the text after any front matter, NFC-normalised with `\\n` line endings; every
    offset in the analysis points into it.
    """

    id: str
    outlet: str
    title: str
    date: str | None
    url: str | None
    source: str
    body: str
    event: str | None = None
    sha256: str = ""
    inferred: tuple[str, ...] = ()  # metadata read from the page text, not given: "title", "date", "outlet"


@record
class Removal:
    """A span that cleaning took out of an article body, and why."""

    article: str
    start: int
    end: int
    text: str
    reason: str


@record
class Sentence:
    """A kept sentence; `quotes` are (start, end) spans of quoted speech inside `text`."""

    id: str
    article: str
    index: int
    start: int
    end: int
    text: str
    quotes: tuple[tuple[int, int], ...] = ()
    position: str = "body"


@record
class ArticleInfo:
    """An article as the analysis reports it (no body; sentences carry the text)."""

    id: str
    outlet: str
    title: str
    date: str | None
    source: str
    event: str | None
    words: int
    voice_words: int
    url: str | None = None
    sha256: str = ""
    inferred: tuple[str, ...] = ()  # metadata read from the page text, not given


@record
class Event:
    id: str
    title: str
    articles: tuple[str, ...]
    outlets: tuple[str, ...]


@record
class Swap:
    """Words one sentence has where its aligned sentence has others ("said" / "claimed"), with
    the lexicon category of each side (None when it lists neither)."""

    a: str
    b: str
    a_category: str | None = None
    b_category: str | None = None


@record
class Diff:
    """The word-level difference of two aligned sentences: swapped words, and runs only one has."""

    swaps: tuple[Swap, ...] = ()
    only_a: tuple[str, ...] = ()
    only_b: tuple[str, ...] = ()


@record
class Alignment:
    """Two sentences of different outlets, same event, that state the same fact."""

    a: str
    b: str
    score: float
    diff: Diff = Diff()


@record
class Quantity:
    """One figure a sentence states: "$4.8 million", "more than 200 parents", "hundreds"."""

    text: str
    value: float | None  # None for a vague figure ("hundreds")
    unit: str | None  # "$", "%", or the noun it counts
    per_year: float | None  # the value per year, where a rate is given
    hedge: str | None  # "more than", "about", …
    vague: bool


@record
class Mention:
    """A quantity as one outlet states it in one sentence of a fact (written to JSON as one object:
    outlet, sentence and the quantity's fields)."""

    outlet: str
    sentence: str
    quantity: Quantity


@record
class Finding:
    """Two outlets state one quantity of a fact differently; `kind` says how."""

    kind: str
    outlets: tuple[str, ...]
    texts: tuple[str, ...]


@record
class FactNumbers:
    """The figures a fact's sentences state, and where outlets differ."""

    mentions: tuple[Mention, ...] = ()
    findings: tuple[Finding, ...] = ()


@record
class Near:
    """An outlet's sentence that comes near a fact it is not aligned with: it may state the fact
    (`probability`: the pair scorer's, with the fact's closest sentence)."""

    sentence: str
    probability: float


@record
class Fact:
    """Sentences of different outlets that state one fact. `missing` names the event's outlets
    none of whose sentences comes near it (they leave it out); `maybe`, the outlets with a
    sentence that comes near without being aligned (its closest, which may state it)."""

    id: str
    event: str
    sentences: tuple[str, ...]
    outlets: tuple[str, ...]
    missing: tuple[str, ...]
    numbers: FactNumbers | None = None  # None when its sentences state no figure
    positions: dict[str, str] = field(default_factory=dict)
    maybe: dict[str, Near] = field(default_factory=dict)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The quantities its outlets state differently."""
        return self.numbers.findings if self.numbers else ()


@record
class Flag:
    """One loaded-language match; `start`/`end` index into the sentence text."""

    sentence: str
    article: str
    outlet: str
    start: int
    end: int
    text: str
    category: str
    weight: float
    quoted: bool
    neutral: str | None
    why: str
    term: str = ""
    scare_quote: bool = False
    source: str = "curated"  # what raised it: the "curated" or "broad" lexicon tier
    score: float = 1.0  # the context model's probability that the match is loaded here


@record
class Actor:
    name: str
    mentions: dict[str, int]
    labels: dict[str, list[str]]
    verbs: dict[str, dict[str, int]]


@record
class Attribution:
    """How an outlet attributes statements in its own voice: verbs counted by kind."""

    neutral: int = 0  # said, told
    doubt_casting: int = 0  # claimed, insisted
    presupposing: int = 0  # admitted, conceded


@record
class OutletSummary:
    """One outlet's figures over the whole corpus."""

    name: str
    articles: int
    words: int
    voice_words: int
    flags: int
    voice_flags: int
    loaded_per_100_words: float
    categories: dict[str, int]
    quoted_flags: int = 0
    quote_share: float = 0.0  # share of the outlet's words inside quotations
    weighted_per_100_words: float = 0.0  # voice flags weighted by their lexicon weight
    terms: dict[str, int] = field(default_factory=dict)  # voice flags by term
    headline_flags: int = 0
    headline_loaded_per_100_words: float = 0.0
    attribution: Attribution = field(default_factory=Attribution)
    tone: float = 0.0  # VADER compound of the own voice, -1..1
    intensity: float = 0.0  # share of emotionally charged words, 0..1


@record
class DistinctiveTerm:
    """A word that sets an outlet apart: its log-odds z-score against the other outlets, how
    often the outlet used it, and whether the score clears random re-deals of the sentences."""

    term: str
    z: float
    count: int
    above_noise: bool


@record
class DistinctiveWords:
    """Each outlet's most distinctive words in one scope (the corpus, or one event)."""

    noise_floor: float | None
    outlets: dict[str, tuple[DistinctiveTerm, ...]]

    def record(self) -> dict[str, Any]:
        return {
            "noise_floor": self.noise_floor,
            "outlets": {o: [_record(t) for t in terms] for o, terms in self.outlets.items()},
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> DistinctiveWords:
        outlets = {o: tuple(DistinctiveTerm(**t) for t in terms) for o, terms in rec.get("outlets", {}).items()}
        return cls(rec.get("noise_floor"), outlets)


NO_DISTINCTIVE = DistinctiveWords(None, {})


@dataclass(frozen=True)
class Analysis:
    """Everything one run found; the only input of the renderers."""

    tool: dict[str, str]
    run: dict[str, Any]
    articles: tuple[ArticleInfo, ...]
    events: tuple[Event, ...]
    sentences: tuple[Sentence, ...]
    removed: tuple[Removal, ...]
    alignments: tuple[Alignment, ...] = ()
    facts: tuple[Fact, ...] = ()
    flags: tuple[Flag, ...] = ()
    actors: tuple[Actor, ...] = ()
    outlets: tuple[OutletSummary, ...] = ()
    warnings: tuple[str, ...] = ()
    headline_flags: tuple[Flag, ...] = ()  # flags in headlines (sentence id `<article>:headline`)
    distinctive: DistinctiveWords = NO_DISTINCTIVE  # across the corpus
    event_distinctive: dict[str, DistinctiveWords] = field(default_factory=dict)  # per event of several outlets
    # Per event of several outlets: the actors two of its outlets name, counted in that event only.
    event_actors: dict[str, tuple[Actor, ...]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # keys of a saved document this version does not know

    def flags_by_sentence(self) -> dict[str, list[Flag]]:
        """Each sentence's flags (sentences without flags are absent)."""
        out: dict[str, list[Flag]] = {}
        for f in self.flags:
            out.setdefault(f.sentence, []).append(f)
        return out

    def _parts(self) -> Iterator[tuple[str, Any]]:
        """The document's top-level keys and values, in order; lists of records as iterators, each
        record made as it is written (10,000 articles have about a million records)."""
        yield "schema", SCHEMA
        yield "tool", dict(self.tool)
        for name in ("articles", "events", "sentences", "removed"):
            yield name, map(_record, getattr(self, name))
        yield "alignments", map(_alignment_record, self.alignments)
        yield "facts", map(_fact_record, self.facts)
        for name in ("flags", "actors"):
            yield name, map(_record, getattr(self, name))
        yield "outlets", map(_outlet_record, self.outlets)
        yield "run", self.run
        yield "warnings", list(self.warnings)
        yield "headline_flags", map(_record, self.headline_flags)
        events = {e: d.record() for e, d in self.event_distinctive.items()}
        yield "distinctive", {"corpus": self.distinctive.record(), "events": events}
        yield "event_actors", {e: [_record(a) for a in actors] for e, actors in self.event_actors.items()}
        yield from self.extra.items()

    def write_json(self, out: TextIO) -> None:
        """Write the document to `out` record by record, one record a line (the C encoder, and
        never the whole document as one string: 10,000 articles make half a gigabyte)."""
        out.write("{")
        for n, (key, value) in enumerate(self._parts()):
            out.write(("\n" if n == 0 else ",\n") + f" {_dumps(key)}: ")
            if isinstance(value, (list, Iterator)):
                _write_list(out, value)
            else:
                out.write(_dumps(value))
        out.write("\n}\n")

    def to_json(self) -> str:
        """Stable, byte-identical JSON for identical input (sorted where order is free)."""
        buffer = io.StringIO()
        self.write_json(buffer)
        return buffer.getvalue()

    @classmethod
    def from_json(cls, text: str) -> Analysis:
        doc = json.loads(text)
        if doc.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document (schema: {doc.get('schema')!r})")
        fixed = {f.name for f in dataclasses.fields(cls)} | {"schema"}
        distinctive = doc.get("distinctive", {})
        return cls(
            tool=doc["tool"],
            run=doc.get("run", {}),
            articles=tuple(_build(ArticleInfo, a) for a in doc["articles"]),
            events=tuple(_build(Event, e) for e in doc["events"]),
            sentences=tuple(_build(Sentence, s) for s in doc["sentences"]),
            removed=tuple(_build(Removal, r) for r in doc["removed"]),
            alignments=tuple(
                _build(Alignment, {**a, "diff": _build_diff(a.get("diff", {}))}) for a in doc["alignments"]
            ),
            facts=tuple(
                _build(
                    Fact,
                    {
                        **f,
                        "numbers": _build_numbers(f.get("numbers", {})),
                        "maybe": {o: _build(Near, n) for o, n in f.get("maybe", {}).items()},
                    },
                )
                for f in doc["facts"]
            ),
            flags=tuple(_build(Flag, f) for f in doc["flags"]),
            actors=tuple(_build(Actor, a) for a in doc["actors"]),
            outlets=tuple(_build_outlet(o) for o in doc["outlets"]),
            warnings=tuple(doc.get("warnings", ())),
            headline_flags=tuple(_build(Flag, f) for f in doc.get("headline_flags", ())),
            distinctive=DistinctiveWords.from_record(distinctive.get("corpus", {})),
            event_distinctive={e: DistinctiveWords.from_record(d) for e, d in distinctive.get("events", {}).items()},
            event_actors={e: tuple(_build(Actor, a) for a in x) for e, x in doc.get("event_actors", {}).items()},
            extra={k: v for k, v in doc.items() if k not in fixed},
        )


# Field values written as JSON lists or objects (`_plain`) rather than as they are.
_NESTED = frozenset({tuple, Diff, FactNumbers})

# One encoder for every record: `json.dumps` with any option set builds a new encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _dumps(value: Any) -> str:
    return _ENCODER.encode(value)


# Records encoded and written together: one write per record cost a tenth of the JSON's time.
WRITE_BATCH = 1000


def _write_list(out: TextIO, items: Iterable[Any]) -> None:
    """A list, one item a line ("[]" when empty), written in batches as the items come."""
    opened, it = False, iter(items)
    while batch := list(islice(it, WRITE_BATCH)):
        out.write(("[\n  " if not opened else ",\n  ") + ",\n  ".join(map(_ENCODER.encode, batch)))
        opened = True
    out.write("\n ]" if opened else "[]")


def _record(obj: Any) -> dict[str, Any]:
    names, values = _field_getter(type(obj))
    return {n: _plain(v) if type(v) in _NESTED else v for n, v in zip(names, values(obj), strict=True)}


@functools.cache
def _field_getter(cls: type) -> tuple[tuple[str, ...], operator.attrgetter]:
    """The field names of a record class and one getter of all their values."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    return names, operator.attrgetter(*names)


def _fact_record(f: Fact) -> dict[str, Any]:
    rec = _record(f)
    if f.numbers is None:
        rec["numbers"] = {}  # the contract's object for a fact without figures
    rec["maybe"] = {o: _record(n) for o, n in f.maybe.items()}
    return rec


def _outlet_record(o: OutletSummary) -> dict[str, Any]:
    rec = _record(o)
    rec["attribution"] = _record(o.attribution)
    return rec


def _plain(value: Any) -> Any:
    """A field's value as JSON: tuples as lists, nested records as objects."""
    if type(value) is tuple:
        return [_plain(v) if type(v) in _NESTED else v for v in value]
    return _diff_record(value) if type(value) is Diff else _numbers_record(value)


def _alignment_record(al: Alignment) -> dict[str, Any]:
    """`_record` of an alignment, written out: a corpus has several for each sentence."""
    return {"a": al.a, "b": al.b, "score": al.score, "diff": _diff_record(al.diff)}


def _diff_record(d: Diff) -> dict[str, Any]:
    """`_record` of a diff, written out: one comes with every alignment."""
    if not (d.swaps or d.only_a or d.only_b):  # most: only the pairs the aligner is sure of have one
        return {"swaps": [], "only_a": [], "only_b": []}
    swaps = [{"a": s.a, "b": s.b, "a_category": s.a_category, "b_category": s.b_category} for s in d.swaps]
    return {"swaps": swaps, "only_a": list(d.only_a), "only_b": list(d.only_b)}


def _numbers_record(n: FactNumbers) -> dict[str, Any]:
    """`_record` of a fact's figures, written out: a fact of figures has several."""
    mentions = [_mention_record(m) for m in n.mentions]
    findings = [{"kind": f.kind, "outlets": list(f.outlets), "texts": list(f.texts)} for f in n.findings]
    return {"mentions": mentions, "findings": findings}


def _mention_record(m: Mention) -> dict[str, Any]:
    q = m.quantity
    return {
        "outlet": m.outlet,
        "sentence": m.sentence,
        "text": q.text,
        "value": q.value,
        "unit": q.unit,
        "per_year": q.per_year,
        "hedge": q.hedge,
        "vague": q.vague,
    }


def _build(cls: type, rec: dict[str, Any]) -> Any:
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in rec:
            kwargs[f.name] = _frozen(rec[f.name], f.type)
    return cls(**kwargs)


def _build_diff(rec: dict[str, Any]) -> Diff:
    swaps = tuple(_build(Swap, s) for s in rec.get("swaps", ()))
    return Diff(swaps, tuple(rec.get("only_a", ())), tuple(rec.get("only_b", ())))


def _build_numbers(rec: dict[str, Any]) -> FactNumbers | None:
    if not rec:
        return None
    return FactNumbers(
        tuple(Mention(m["outlet"], m["sentence"], _build(Quantity, m)) for m in rec.get("mentions", ())),
        tuple(_build(Finding, f) for f in rec.get("findings", ())),
    )


def _build_outlet(rec: dict[str, Any]) -> OutletSummary:
    return _build(OutletSummary, {**rec, "attribution": _build(Attribution, rec.get("attribution", {}))})


def _frozen(value: Any, annotation: str) -> Any:
    """Turn JSON lists back into the tuples the annotation asks for."""
    if isinstance(value, list) and str(annotation).startswith("tuple"):
        return tuple(tuple(v) if isinstance(v, list) else v for v in value)
    return value

"""The per-event stage: align each event of a chunk and find its facts' numbers, distinctive
words and actors.

`process_events` is a pure function of its chunk (`align.EventWork`: an event with its sentences
and features) so it runs the same on any engine; `merge_events` puts the chunks' results together
in event order, beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .actors import ActorCounts, ActorRules, actors_compared, actors_of, event_actors
from .align import EventWork, align_event
from .compare import distinctive as distinctive_terms
from .framing import classify_swaps
from .language import Language
from .lexicons import Lexicon
from .model import Actor, Alignment, DistinctiveWords, Fact
from .numbers import compare_numbers


@dataclass
class EventResult:
    """What the per-event stage returns for one event."""

    event: str
    alignments: list[Alignment]
    facts: list[Fact]
    distinctive: DistinctiveWords | None  # for events of several outlets
    actors: ActorCounts
    compared: tuple[Actor, ...]  # `actors_compared`, for events of several outlets (else empty)


def process_events(works: Sequence[EventWork], *, lexicon: Lexicon, language: Language) -> list[EventResult]:
    """Align each event of a chunk, and find its facts' numbers, distinctive words and actors."""
    out = []
    rules = ActorRules.of(lexicon, language)
    for w in works:
        alignments, facts = align_event(w, language)
        alignments = classify_swaps(alignments, lexicon)
        by_id = {s.id: s for s in w.sentences}
        facts = [replace(f, numbers=compare_numbers(f, by_id, w.outlet_of, language)) for f in facts]
        several = len(w.event.outlets) > 1
        distinctive = distinctive_terms(w.sentences, w.outlet_of, language) if several else None
        actors = event_actors(w.sentences, w.outlet_of, rules)
        compared = actors_compared(actors) if several else ()
        out.append(EventResult(w.event.id, alignments, facts, distinctive, actors, compared))
    return out


@dataclass(frozen=True)
class MergedEvents:
    """The per-event results of the whole corpus, in event order."""

    alignments: tuple[Alignment, ...]
    facts: tuple[Fact, ...]
    distinctive: dict[str, DistinctiveWords]  # event id → its distinctive words
    actors: tuple[Actor, ...]
    event_actors: dict[str, tuple[Actor, ...]]  # event id → `actors_compared`, events of several outlets


def merge_events(chunks: Sequence[Sequence[EventResult]]) -> MergedEvents:
    """The chunks' results as one; actors counted across events."""
    results = [r for chunk in chunks for r in chunk]
    counts = ActorCounts()
    for r in results:
        counts.add(r.actors)
    return MergedEvents(
        alignments=tuple(a for r in results for a in r.alignments),
        facts=tuple(f for r in results for f in r.facts),
        distinctive={r.event: r.distinctive for r in results if r.distinctive is not None},
        actors=actors_of(counts),
        event_actors={r.event: r.compared for r in results if r.compared},
    )

"""What the PDF and the HTML both show, in one place: findings written from the numbers, the
side-by-side rows of each event, and the title-page facts. Reads only the `Analysis`."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .. import errors
from ..errors import InputError
from ..model import Analysis, Event, Fact, Flag, OutletSummary
from ..options import AnalysisOptions

# Caps that keep the PDF and HTML readable and their rendering bounded (a 1,000-article corpus
# took 36 s to lay out as PDF with 25 events of 40 facts; 12 events of 20 facts take 7.5 s).
MAX_SIDE_BY_SIDE_ROWS = 20  # facts per event in the side-by-side view; the rest are in facts.csv
MAX_FINDINGS = 8
MAX_EVENTS = 12  # events drawn in full, the most widely covered; the rest are listed
# Outlets drawn side by side and in the charts (a page holds about this many columns); a story
# covered by hundreds of outlets shows its first reporters, and every outlet is in the CSVs.
MAX_OUTLETS = 8
# Sentences of one outlet shown in one cell of a fact: a page must hold the row, and a fact that
# one outlet states in more sentences than this is listed whole in facts.csv.
MAX_CELL_SENTENCES = 3
# A sentence longer than this is cut in the PDF and HTML (a page with no punctuation would
# otherwise make one table cell taller than a page); the full text stays in the JSON and CSV.
MAX_SENTENCE_CHARS = 1200


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence: plain text, or a flagged term with its explanation."""

    text: str
    flag: Flag | None = None


@dataclass(frozen=True)
class Row:
    number: int
    fact: Fact
    cells: dict[str, list[list[Segment]]]  # outlet → its sentences, each a list of segments


def report_date(analysis: Analysis, reproducible: bool) -> dt.datetime:
    """The one date in the outputs: SOURCE_DATE_EPOCH when set; with `reproducible`, the newest
    article's date (or 1970-01-01 without dates); else now."""
    epoch = errors.BAD_SOURCE_DATE_EPOCH or os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError("SOURCE_DATE_EPOCH", f"{epoch!r} is not a time (seconds since 1970)") from None
    if reproducible:
        dates = sorted(a.date for a in analysis.articles if a.date)
        day = dt.date.fromisoformat(dates[-1]) if dates else dt.date(1970, 1, 1)
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC)


def date_range(analysis: Analysis) -> str:
    dates = sorted(a.date for a in analysis.articles if a.date)
    if not dates:
        return "no dates given"
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"


def outlet_names(analysis: Analysis) -> list[str]:
    """The names of the outlets drawn in keys and tables (`shown_outlets`), sorted."""
    return sorted(o.name for o in shown_outlets(analysis))


def segments(text: str, flags: list[Flag]) -> list[Segment]:
    """The sentence as plain and flagged pieces, cut at MAX_SENTENCE_CHARS with an ellipsis."""
    cut = len(text) > MAX_SENTENCE_CHARS
    text = text[:MAX_SENTENCE_CHARS]
    out, pos = [], 0
    for f in sorted(flags, key=lambda f: f.start):
        if f.start < pos or f.end > len(text):
            continue
        if f.start > pos:
            out.append(Segment(text[pos : f.start]))
        out.append(Segment(text[f.start : f.end], f))
        pos = f.end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    if cut:
        out.append(Segment(" […]"))
    return out


def shown_outlets(analysis: Analysis) -> list[OutletSummary]:
    """The outlets the charts draw: all of them, or the MAX_OUTLETS with the most articles."""
    top = sorted(analysis.outlets, key=lambda o: (-o.articles, o.name))[:MAX_OUTLETS]
    return [o for o in analysis.outlets if o in top]


def event_outlets(event: Event) -> tuple[str, ...]:
    """The outlets of an event drawn side by side: its first MAX_OUTLETS reporters."""
    return event.outlets[:MAX_OUTLETS]


def name_list(names: Sequence[str]) -> str:
    """ "A, B, C" or, past MAX_OUTLETS names, "A, B, … and 992 more"."""
    shown = ", ".join(names[:MAX_OUTLETS])
    return shown + (f" and {len(names) - MAX_OUTLETS} more" if len(names) > MAX_OUTLETS else "")


def side_by_side(analysis: Analysis, event: Event) -> tuple[list[Row], int]:
    """Rows of the event's facts (story order), outlets as columns; and how many were left out."""
    text = {s.id: s for s in analysis.sentences}
    outlet_of = {a.id: a.outlet for a in analysis.articles}
    by_sentence: dict[str, list[Flag]] = defaultdict(list, analysis.flags_by_sentence())
    facts = [f for f in analysis.facts if f.event == event.id]
    rows = []
    for n, fact in enumerate(facts[:MAX_SIDE_BY_SIDE_ROWS], start=1):
        cells: dict[str, list[list[Segment]]] = {o: [] for o in event_outlets(event)}
        for sid in fact.sentences:
            s = text[sid]
            if outlet_of[s.article] in cells:
                cells[outlet_of[s.article]].append(segments(s.text, by_sentence[sid]))
        for outlet, sentences in cells.items():
            if len(sentences) > MAX_CELL_SENTENCES:
                more = len(sentences) - MAX_CELL_SENTENCES
                cells[outlet] = sentences[:MAX_CELL_SENTENCES] + [[Segment(f"(and {more} more in facts.csv)")]]
        rows.append(Row(n, fact, cells))
    return rows, max(0, len(facts) - MAX_SIDE_BY_SIDE_ROWS)


def findings(analysis: Analysis) -> list[str]:
    """One-line findings, each written from a number in the analysis."""
    out = []
    outlets = sorted(analysis.outlets, key=lambda o: -o.loaded_per_100_words)
    if outlets:
        parts = [f"{o.name} {o.loaded_per_100_words:.1f}" for o in outlets]
        if len(parts) > MAX_OUTLETS:  # the most and the least loaded
            half = MAX_OUTLETS // 2
            parts = parts[:half] + [f"… {len(parts) - 2 * half} more …"] + parts[-half:]
        out.append("Loaded terms per 100 words of each outlet's own voice (quotes excluded): " + "; ".join(parts) + ".")
    said = {o.name: o.attribution for o in analysis.outlets}
    for name, att in sorted(said.items()):
        if att.doubt_casting or att.presupposing:
            out.append(
                f"{name} attributed statements with doubt-casting verbs {count(att.doubt_casting, 'time')}"
                f" and presupposing verbs {count(att.presupposing, 'time')}, against "
                f"{att.neutral} neutral ones (said, told)."
            )
    for o in analysis.outlets:
        head, body = o.headline_loaded_per_100_words, o.loaded_per_100_words
        if head > 2 * body and head > 0:
            out.append(
                f"{o.name}'s headlines are more loaded than its articles: {head:.1f} loaded terms per 100 headline "
                f"words against {body:.1f} per 100 words of body text."
            )
    missing = Counter(m for f in analysis.facts if len(f.outlets) > 1 for m in f.missing)  # reported by 2+
    for name, n in sorted(missing.items(), key=lambda x: (-x[1], x[0]))[:3]:
        out.append(f"{name} left out {count(n, 'fact')} that other outlets reported.")
    for fact in analysis.facts:
        for x in fact.numbers.get("findings", []):
            if x["kind"] == "same quantity, framed differently":
                out.append(
                    f"Same quantity, framed differently: “{x['texts'][0]}” ({x['outlets'][0]}) and "
                    f"“{x['texts'][1]}” ({x['outlets'][1]})."
                )
                break
    for actor in analysis.actors:
        labels = {o: ls for o, ls in actor.labels.items() if ls}
        if len({tuple(ls) for ls in labels.values()}) > 1:
            described = "; ".join(f"{', '.join(ls)} ({o})" for o, ls in sorted(labels.items())[:MAX_OUTLETS])
            out.append(f"{actor.name} is called: {described}.")
            break
    return out[:MAX_FINDINGS]


def removed_by_reason(analysis: Analysis) -> list[tuple[str, int]]:
    return sorted(Counter(r.reason for r in analysis.removed).items(), key=lambda x: (-x[1], x[0]))


def shown_events(analysis: Analysis) -> tuple[list[Event], int]:
    """The events drawn in full (the MAX_EVENTS covered by the most outlets and articles, in
    the corpus's order) and how many other events of several outlets there are."""
    events = [e for e in analysis.events if len(e.outlets) > 1]
    widest = sorted(range(len(events)), key=lambda n: (-len(events[n].outlets), -len(events[n].articles), n))
    chosen = sorted(widest[:MAX_EVENTS])
    return [events[n] for n in chosen], max(0, len(events) - MAX_EVENTS)


METHOD = (
    "A flag marks a word or phrase from our lexicon of loaded language: labels for people and groups, "
    "editorialised adjectives, intensifiers, loaded nouns and verbs, attribution verbs other than “said”, and "
    "words that cast doubt. A flag does not mean the sentence is false or the outlet dishonest: it marks a word "
    "choice a neutral report would avoid, and says why and what a neutral report might write instead.",
    "Words inside quotation marks belong to the person quoted: they are marked differently and do not count "
    "against the outlet. A loaded word in quotation marks with no one quoted (a scare quote) counts as the "
    "outlet's own voice.",
    "Sentences that state the same fact are aligned across outlets by shared words, word parts, names, numbers "
    "and quotes. A fact an outlet does not report is an omission; omissions are framing too, but an outlet may "
    "also simply have had less space.",
    "Rates are per 100 words of the outlet's own voice, that is, words outside quotations. Tone (negative to "
    "positive) and intensity (how emotionally charged) come from the VADER sentiment lexicon and are not "
    "measures of bias.",
    "Limits: the lexicon cannot see sarcasm, framing by choice of facts beyond omission, or loaded words it does "
    "not list; a few flags will be words used neutrally. Read the flagged sentences, not only the numbers.",
)


def settings_line(analysis: Analysis) -> str:
    """The run's settings for a reader: which differ from the defaults (all are in analysis.json)."""
    changed = []
    for group, values in sorted(analysis.run.get("settings", {}).items()):
        default = _DEFAULT_SETTINGS.get(group)
        if isinstance(values, dict):
            changed += [f"{group} {k} {v}" for k, v in values.items() if (default or {}).get(k) != v]
        elif values != default:
            changed.append(
                f"{group.replace('_', ' ')}: {', '.join(map(str, values)) if isinstance(values, list) else values}"
            )
    if not changed:
        return "Settings: the defaults (listed under run.settings in analysis.json)."
    return "Settings changed from the defaults: " + "; ".join(changed) + "."


_DEFAULT_SETTINGS = AnalysisOptions().settings()


def count(n: int, noun: str) -> str:
    """ "1 fact", "3 facts"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"

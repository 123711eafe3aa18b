"""CSV exports for spreadsheets and pandas: flags, facts, outlets, and one wide sentences table."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from ..model import Analysis

FLAG_COLUMNS = (
    "sentence",
    "article",
    "outlet",
    "start",
    "end",
    "text",
    "term",
    "category",
    "weight",
    "quoted",
    "scare_quote",
    "neutral",
    "why",
    "source",
    "score",
)
FACT_COLUMNS = ("fact", "event", "outlets", "missing", "maybe", "sentences", "positions", "number_findings")
OUTLET_COLUMNS = (
    "name",
    "articles",
    "words",
    "voice_words",
    "flags",
    "voice_flags",
    "loaded_per_100_words",
    "weighted_per_100_words",
    "quote_share",
    "headline_flags",
    "headline_loaded_per_100_words",
    "tone",
    "intensity",
    "said",
    "doubt_casting",
    "presupposing",
    "categories",
)
SENTENCE_COLUMNS = (
    "sentence",
    "article",
    "outlet",
    "event",
    "fact",
    "position",
    "text",
    "voice_flags",
    "quoted_flags",
    "flagged_terms",
)


# A cell a spreadsheet would run as a formula when it starts with one of these (OWASP: CSV
# injection); such text cells get a leading apostrophe, which spreadsheets show as plain text.
# Numbers are written as numbers, and analysis.json keeps every text exact.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv(rows: list[dict], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _inert(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


def _inert(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def flags_csv(analysis: Analysis) -> str:
    return _csv([{c: getattr(f, c) for c in FLAG_COLUMNS} for f in analysis.flags], FLAG_COLUMNS)


def facts_csv(analysis: Analysis) -> str:
    rows = [
        {
            "fact": f.id,
            "event": f.event,
            "outlets": "; ".join(f.outlets),
            "missing": "; ".join(f.missing),
            "maybe": "; ".join(f"{o}: {n.sentence} ({n.probability:.2f})" for o, n in f.maybe.items()),
            "sentences": "; ".join(f.sentences),
            "positions": "; ".join(f"{o}: {p}" for o, p in f.positions.items()),
            "number_findings": "; ".join(f"{x.kind}: {' vs '.join(x.texts)}" for x in f.findings),
        }
        for f in analysis.facts
    ]
    return _csv(rows, FACT_COLUMNS)


def outlets_csv(analysis: Analysis) -> str:
    rows = []
    for o in analysis.outlets:
        rows.append(
            {
                "name": o.name,
                "articles": o.articles,
                "words": o.words,
                "voice_words": o.voice_words,
                "flags": o.flags,
                "voice_flags": o.voice_flags,
                "loaded_per_100_words": o.loaded_per_100_words,
                "weighted_per_100_words": o.weighted_per_100_words,
                "quote_share": o.quote_share,
                "headline_flags": o.headline_flags,
                "headline_loaded_per_100_words": o.headline_loaded_per_100_words,
                "tone": o.tone,
                "intensity": o.intensity,
                "said": o.attribution.neutral,
                "doubt_casting": o.attribution.doubt_casting,
                "presupposing": o.attribution.presupposing,
                "categories": json.dumps(o.categories, sort_keys=True),
            }
        )
    return _csv(rows, OUTLET_COLUMNS)


def sentences_csv(analysis: Analysis) -> str:
    outlet_of = {a.id: a.outlet for a in analysis.articles}
    event_of = {a.id: a.event for a in analysis.articles}
    fact_of = {s: f.id for f in analysis.facts for s in f.sentences}
    flags = defaultdict(list, analysis.flags_by_sentence())
    rows = [
        {
            "sentence": s.id,
            "article": s.article,
            "outlet": outlet_of[s.article],
            "event": event_of[s.article],
            "fact": fact_of.get(s.id, ""),
            "position": s.position,
            "text": s.text,
            "voice_flags": sum(1 for f in flags[s.id] if not f.quoted),
            "quoted_flags": sum(1 for f in flags[s.id] if f.quoted),
            "flagged_terms": "; ".join(f.text for f in flags[s.id]),
        }
        for s in analysis.sentences
    ]
    return _csv(rows, SENTENCE_COLUMNS)


TABLES = {"flags.csv": flags_csv, "facts.csv": facts_csv, "outlets.csv": outlets_csv, "sentences.csv": sentences_csv}
# Each table's columns: its header row is how a copied report is known (`report_mark`).
TABLE_COLUMNS = {
    "flags.csv": FLAG_COLUMNS,
    "facts.csv": FACT_COLUMNS,
    "outlets.csv": OUTLET_COLUMNS,
    "sentences.csv": SENTENCE_COLUMNS,
}

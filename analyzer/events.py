"""Group articles into events: one news story covered by several outlets.

An article's front-matter `event` decides when given. The others are clustered on content:
TF-IDF over stemmed content words, named entities and numbers of the headline and kept text
(hashed, so workers compute them per article);
two articles join when their cosine similarity reaches `EventOptions.similarity` and their dates
(when both have one) are at most `EventOptions.max_days` apart. A board's budget vote in March and its
contract vote in June share people and words but not dates, so they stay apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfTransformer

from .corpus import unique_id
from .features import column, content_words, entities, hashed, numbers, top_per_row
from .model import Article, Event
from .options import EventOptions

# Rows of the candidate product computed at once: bounds memory on large corpora.
CHUNK_ROWS = 2048


def _features(title: str, text: str, content: list[str] | None) -> list[str]:
    whole = f"{title}\n{text}"
    words = content_words(title) + content if content is not None else content_words(whole)
    return words + [f"ent:{e}" for e in entities(whole)] + [f"num:{n}" for n in numbers(whole)]


def article_counts(
    articles: Sequence[Article], texts: Sequence[str], content: Sequence[list[str]] | None = None
) -> csr_matrix:
    """Hashed counts of each article's event features (headline and kept text); runs in workers.
    `content`, when given, holds each text's content words already found (its sentences')."""
    content = content if content is not None else [None] * len(articles)
    return hashed(
        [[column(f) for f in _features(a.title, t, c)] for a, t, c in zip(articles, texts, content, strict=True)]
    )


def group_events(
    articles: Sequence[Article], texts: dict[str, str], options: EventOptions = EventOptions()
) -> tuple[Event, ...]:
    """Events over `articles`; `texts` maps an article id to its kept (cleaned) text."""
    return group_counted(articles, article_counts(articles, [texts.get(a.id, "") for a in articles]), options)


def group_counted(
    articles: Sequence[Article], counts: csr_matrix, options: EventOptions = EventOptions()
) -> tuple[Event, ...]:
    """Events over `articles`; row n of `counts` (from `article_counts`) is article n."""
    groups: dict[str, list[Article]] = defaultdict(list)
    undeclared = []
    for n, art in enumerate(articles):
        if art.event:
            groups[f"declared:{art.event}"].append(art)
        else:
            undeclared.append(n)
    clusters = cluster([articles[n] for n in undeclared], counts[undeclared], options) if undeclared else []
    for n, members in enumerate(clusters):
        groups[f"cluster:{n}"] = members
    events = [_event(members) for members in groups.values()]
    events.sort(key=lambda e: (e[0], e[1].articles))
    taken: set[str] = set()
    out = []
    for _, ev in events:
        out.append(Event(unique_id(_slug(ev.id), taken), ev.title, ev.articles, ev.outlets))
    return tuple(out)


def cluster(articles: Sequence[Article], counts: csr_matrix, options: EventOptions) -> list[list[Article]]:
    """Connected groups of articles linked by content similarity under the date constraint.

    Candidate pairs are the articles that share one of their `options.terms` heaviest terms (a
    sparse product of pruned rows, so no dense N×N matrix); their exact cosine similarity then
    decides."""
    if len(articles) < 2:
        return [list(articles)] if articles else []
    x = TfidfTransformer(sublinear_tf=True).fit_transform(counts).tocsr()
    pruned = _heaviest(x, options.terms)
    days = np.array([_ordinal(a.date) for a in articles], dtype=float)
    pruned_t = pruned.T.tocsr()  # once: each product would otherwise convert it anew
    rows, cols = [], []
    for lo in range(0, x.shape[0], CHUNK_ROWS):
        shared = (pruned[lo : lo + CHUNK_ROWS] @ pruned_t).tocoo()
        later = shared.row + lo < shared.col
        r, c = shared.row[later] + lo, shared.col[later]
        dr, dc = days[r], days[c]
        close = np.isnan(dr) | np.isnan(dc) | (np.abs(dr - dc) <= options.max_days)
        r, c = r[close], c[close]
        similar = np.asarray(x[r].multiply(x[c]).sum(axis=1)).ravel() >= options.similarity
        rows.append(r[similar])
        cols.append(c[similar])
    r, c = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(len(r)), (r, c)), shape=(len(articles), len(articles)))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[Article]] = defaultdict(list)
    for art, label in zip(articles, labels, strict=True):
        groups[int(label)].append(art)
    return list(groups.values())


def _heaviest(x: csr_matrix, terms: int) -> csr_matrix:
    """`x` with only the `terms` largest entries of each row."""
    coo = x.tocoo()
    keep = top_per_row(coo.row, coo.data, terms)
    return csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=x.shape)


def _ordinal(date: str | None) -> float:
    if not date:
        return float("nan")
    try:
        return float(dt.date.fromisoformat(date).toordinal())
    except ValueError:
        return float("nan")


def _event(members: list[Article]) -> tuple[str, Event]:
    """The event of `members`, titled after its earliest article (the first report)."""
    members = sorted(members, key=lambda a: (a.date or "9999", a.id))
    first = members[0]
    title = first.event if first.event and all(m.event == first.event for m in members) else first.title
    outlets = tuple(dict.fromkeys(m.outlet for m in members))
    return first.date or "", Event(title, title, tuple(m.id for m in members), outlets)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "event"

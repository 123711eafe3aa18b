"""Group articles into events: one news story covered by several outlets.

An article's front-matter `event` decides when given. The others are clustered on content:
TF-IDF over stemmed content words, named entities and numbers of the headline and kept text
(hashed, so workers compute them per article). Same story means the same happening, not the same
topic, so time counts as much as words: two articles may join when their cosine similarity clears
`similarity + per_day × days apart` (`EventOptions`), and never when they are more than
`max_days` apart, or when neither date is known and their leads name different weekdays
("on Tuesday" / "on Thursday": two meetings, not one). Groups are then formed by complete
linkage, best pairs first: every two articles of an event must clear the bar, so a chain of
look-alikes (Monday's vote, Tuesday's reaction, Thursday's lawsuit) does not become one story.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfTransformer

from .corpus import unique_id
from .features import column, content_words, entities, hashed, numbers, top_per_row
from .model import Article, Event
from .options import EventOptions

# Rows of the candidate product computed at once: bounds memory on large corpora.
CHUNK_ROWS = 2048
# Largest group of linked articles clustered by complete linkage (a dense matrix of its pairs);
# a larger one (a story covered by thousands of outlets, all alike) stays one group.
LINKAGE_MAX_ARTICLES = 3000
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)


def lead_weekday(title: str, lead: str) -> int | None:
    """The weekday (0 = Monday) the headline or lead names first, if any: when the happening
    took place, as a reader of an undated page would tell."""
    m = WEEKDAY.search(f"{title}\n{lead}")
    return WEEKDAYS.index(m.group(1).lower()) if m else None


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
    articles: Sequence[Article],
    counts: csr_matrix,
    options: EventOptions = EventOptions(),
    weekdays: Sequence[int | None] | None = None,
) -> tuple[Event, ...]:
    """Events over `articles`; row n of `counts` (from `article_counts`) is article n, and
    `weekdays[n]` the weekday its lead names (`lead_weekday`)."""
    weekdays = list(weekdays) if weekdays is not None else [None] * len(articles)
    groups: dict[str, list[Article]] = defaultdict(list)
    undeclared = []
    for n, art in enumerate(articles):
        if art.event:
            groups[f"declared:{art.event}"].append(art)
        else:
            undeclared.append(n)
    members = [articles[n] for n in undeclared]
    if options.mode == "auto":
        clusters = cluster(members, counts[undeclared], options, [weekdays[n] for n in undeclared]) if members else []
    else:
        clusters = _by_folder(members) if options.mode == "folders" else [members] if members else []
    for n, group in enumerate(clusters):
        groups[f"cluster:{n}"] = group
    events = [_event(group) for group in groups.values()]
    events.sort(key=lambda e: (e[0], e[1].articles))
    taken: set[str] = set()
    out = []
    for _, ev in events:
        out.append(Event(unique_id(_slug(ev.id), taken), ev.title, ev.articles, ev.outlets))
    return tuple(out)


def cluster(
    articles: Sequence[Article],
    counts: csr_matrix,
    options: EventOptions,
    weekdays: Sequence[int | None] | None = None,
) -> list[list[Article]]:
    """Groups of articles that report one happening.

    Candidate pairs are the articles that share one of their `options.terms` heaviest terms (a
    sparse product of pruned rows, so no dense N×N matrix); their exact cosine similarity and
    their distance in days then decide (`_margins`), and complete linkage forms the groups."""
    if len(articles) < 2:
        return [list(articles)] if articles else []
    weekdays = list(weekdays) if weekdays is not None else [None] * len(articles)
    x = TfidfTransformer(sublinear_tf=True).fit_transform(counts).tocsr()
    pruned = _heaviest(x, options.terms)
    days = np.array([_ordinal(a.date) for a in articles], dtype=float)
    weekday = np.array([-1 if w is None else w for w in weekdays])
    pruned_t = pruned.T.tocsr()  # once: each product would otherwise convert it anew
    rows, cols = [], []
    for lo in range(0, x.shape[0], CHUNK_ROWS):
        shared = (pruned[lo : lo + CHUNK_ROWS] @ pruned_t).tocoo()
        later = shared.row + lo < shared.col
        r, c = shared.row[later] + lo, shared.col[later]
        similarity = np.asarray(x[r].multiply(x[c]).sum(axis=1)).ravel()
        keep = _margins(similarity, r, c, days, weekday, options) >= 0
        rows.append(r[keep])
        cols.append(c[keep])
    r, c = np.concatenate(rows), np.concatenate(cols)
    n = len(articles)
    _, block = connected_components(coo_matrix((np.ones(len(r)), (r, c)), shape=(n, n)), directed=False)
    labels = _complete_linkage(block, x, days, weekday, options)
    groups: dict[int, list[Article]] = defaultdict(list)
    for art, label in zip(articles, labels, strict=True):
        groups[int(label)].append(art)
    return list(groups.values())


def _by_folder(articles: Sequence[Article]) -> list[list[Article]]:
    """One group per folder the articles were read from (rows of one CSV or JSONL file: that file)."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        groups[str(Path(art.source).parent)].append(art)
    return list(groups.values())


def _margins(
    similarity: np.ndarray, r: np.ndarray, c: np.ndarray, days: np.ndarray, weekday: np.ndarray, options: EventOptions
) -> np.ndarray:
    """For pairs (r[k], c[k]) of cosine `similarity[k]`: how far it clears the bar for their
    distance in days (negative: not the same happening). Undated pairs count as
    `undated_days` apart, unless their leads name different weekdays."""
    dr, dc = days[r], days[c]
    dated = ~(np.isnan(dr) | np.isnan(dc))
    apart = np.where(dated, np.abs(np.nan_to_num(dr - dc)), options.undated_days)
    other_day = ~dated & (weekday[r] >= 0) & (weekday[c] >= 0) & (weekday[r] != weekday[c])
    margin = similarity - (options.similarity + options.per_day * apart)
    return np.where((apart > options.max_days) | other_day, -1.0, margin)


def _complete_linkage(
    block: np.ndarray, x: csr_matrix, days: np.ndarray, weekday: np.ndarray, options: EventOptions
) -> np.ndarray:
    """A group label per article: within each block of linked articles (`block`, a label per
    article), complete linkage over every pair of the block, best margins first; a pair that
    does not clear the bar never shares a group. Blocks of one or two articles are already
    their group."""
    labels = block.copy()
    sizes = np.bincount(block)
    next_label = len(sizes)
    for b in np.flatnonzero(sizes > 2):
        members = np.flatnonzero(block == b)
        if len(members) > LINKAGE_MAX_ARTICLES:
            continue
        i, j = np.triu_indices(len(members), 1)
        rows = x[members]
        similarity = (rows @ rows.T).toarray()[i, j]
        margin = _margins(similarity, members[i], members[j], days, weekday, options)
        dist = np.where(margin >= 0, 0.5 - np.minimum(margin, 0.5), 2.0)  # condensed, in triu order
        found = fcluster(linkage(dist, "complete"), 0.5, criterion="distance")
        labels[members] = next_label + found
        next_label += int(found.max()) + 1
    return labels


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

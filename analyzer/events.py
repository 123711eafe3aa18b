"""Group articles into events: one news story covered by several outlets.

An article's front-matter `event` decides when given. The others are clustered on content:
TF-IDF over stemmed content words, named entities and numbers of the headline and kept text
(hashed, so workers compute them per article). Same story means the same happening, not the same
topic, so time counts as much as words: two articles may join when their cosine similarity clears
`similarity + per_day × days apart` (`EventOptions`), and never when they are more than
`max_days` apart. When a date is unknown, the leads stand in for it (`analyzer.lead`): different
weekdays ("on Tuesday" / "on Thursday") are two meetings, not one, and different cities ("in
Beijing" / "MOSCOW:") raise the bar by `other_city`. Groups are then formed by complete
linkage, best pairs first: every two articles of an event must clear the bar, so a chain of
look-alikes (Monday's vote, Tuesday's reaction, Thursday's lawsuit) does not become one story.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from sklearn.feature_extraction.text import TfidfTransformer

from .corpus import unique_id
from .features import column, content_words, entities, hashed, numbers, top_per_row
from .language import ENGLISH, Language
from .lead import Lead
from .model import Article, Event
from .options import EventOptions

NEVER = 2.0  # the bar of a pair that may not report one happening whatever its words
# Rows of the candidate product computed at once: bounds memory on large corpora.
CHUNK_ROWS = 2048
# Links an article keeps to later articles, its best margins first: enough for complete linkage
# to join a story of a thousand outlets (tested), and what keeps memory linear when thousands of
# short articles all look alike (10,000 one-line files: 50 million links and 3.8 GB before).
LINKS_PER_ARTICLE = 30
# In a corpus of at least COMMON_MIN_ARTICLES, a term among the heaviest of COMMON_SHARE of the
# articles links no candidates. No dev-data set reaches the size (AllSides: 759 articles), so its
# figures are unchanged; 10,000 one-line files drawn from 17 words hold each word in 38%.
COMMON_MIN_ARTICLES = 2000
COMMON_SHARE = 0.2
PAIR_CHUNK = 2**18  # candidate pairs whose cosine is computed at once: bounds the rows copied


def _features(title: str, text: str, content: list[str] | None, language: Language) -> list[str]:
    whole = f"{title}\n{text}"
    words = (
        content_words(title, language=language) + content
        if content is not None
        else content_words(whole, language=language)
    )
    return words + [f"ent:{e}" for e in entities(whole)] + [f"num:{n}" for n in numbers(whole)]


def article_counts(
    articles: Sequence[Article],
    texts: Sequence[str],
    content: Sequence[list[str]] | None = None,
    language: Language = ENGLISH,
) -> csr_matrix:
    """Hashed counts of each article's event features (headline and kept text); runs in workers.
    `content`, when given, holds each text's content words already found (its sentences')."""
    content = content if content is not None else [None] * len(articles)
    return hashed(
        [
            [column(f) for f in _features(a.title, t, c, language)]
            for a, t, c in zip(articles, texts, content, strict=True)
        ]
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
    leads: Sequence[Lead] | None = None,
) -> tuple[Event, ...]:
    """Events over `articles`; row n of `counts` (from `article_counts`) is article n, and
    `leads[n]` what its lead says of when and where (`lead.lead_of`)."""
    leads = list(leads) if leads is not None else [Lead()] * len(articles)
    groups: dict[str, list[Article]] = defaultdict(list)
    undeclared = []
    for n, art in enumerate(articles):
        if art.event:
            groups[f"declared:{art.event}"].append(art)
        else:
            undeclared.append(n)
    members = [articles[n] for n in undeclared]
    if options.mode == "auto":
        clusters = cluster(members, counts[undeclared], options, [leads[n] for n in undeclared]) if members else []
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
    leads: Sequence[Lead],
) -> list[list[Article]]:
    """Groups of articles that report one happening; `leads[n]` is what article n's lead says of
    when and where (`lead.lead_of`).

    Candidate pairs are the articles that share one of their `options.terms` heaviest terms (a
    sparse product of pruned rows, so no dense N×N matrix); their exact cosine similarity and
    their distance in days then decide (`_bars`), and complete linkage forms the groups."""
    if len(articles) < 2:
        return [list(articles)] if articles else []
    x = TfidfTransformer(sublinear_tf=True).fit_transform(counts).tocsr()
    pruned = _without_common_terms(_heaviest(x, options.terms))
    days = np.array([_ordinal(a.date) for a in articles], dtype=float)
    clues = _clues(leads)
    pruned_t = pruned.T.tocsr()  # once: each product would otherwise convert it anew
    rows, cols, margins = [], [], []
    for lo in range(0, x.shape[0], CHUNK_ROWS):
        shared = (pruned[lo : lo + CHUNK_ROWS] @ pruned_t).tocoo()
        later = shared.row + lo < shared.col
        r, c = shared.row[later] + lo, shared.col[later]
        bar = _bars(r, c, days, clues, options)
        possible = bar <= 1.0  # a cosine never clears more: no need to compute it
        r, c, bar = r[possible], c[possible], bar[possible]
        margin = _cosines(x, r, c) - bar
        keep = margin >= 0
        r, c, margin = r[keep], c[keep], margin[keep]
        best = top_per_row(r, margin, LINKS_PER_ARTICLE)
        best.sort()
        rows.append(r[best])
        cols.append(c[best])
        margins.append(margin[best])
    r, c, m = np.concatenate(rows), np.concatenate(cols), np.concatenate(margins)
    labels = _complete_linkage(r, c, m, x, days, clues, options)
    return _grouped(articles, labels.tolist())


def _cosines(x: csr_matrix, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The cosine of each pair (r[k], c[k]) of unit rows of `x`, PAIR_CHUNK pairs at a time (the
    rows of a pair are copied to multiply them)."""
    if not len(r):
        return np.zeros(0)
    return np.concatenate(
        [
            np.asarray(x[r[k : k + PAIR_CHUNK]].multiply(x[c[k : k + PAIR_CHUNK]]).sum(axis=1)).ravel()
            for k in range(0, len(r), PAIR_CHUNK)
        ]
    )


def _by_folder(articles: Sequence[Article]) -> list[list[Article]]:
    """One group per folder the articles were read from (rows of one CSV or JSONL file: that file)."""
    return _grouped(articles, [str(Path(a.source).parent) for a in articles])


def _grouped(articles: Sequence[Article], keys: Sequence[object]) -> list[list[Article]]:
    """The articles grouped by their key, groups in order of first appearance."""
    groups: dict[object, list[Article]] = defaultdict(list)
    for art, key in zip(articles, keys, strict=True):
        groups[key].append(art)
    return list(groups.values())


def _clues(leads: Sequence[Lead]) -> np.ndarray:
    """An (articles × 2) array of each lead's weekday and city, -1 where it names none."""
    rows = [[-1 if v is None else v for v in (x.weekday, x.city)] for x in leads]
    return np.array(rows, dtype=np.int64).reshape(-1, 2)


def _bars(r: np.ndarray, c: np.ndarray, days: np.ndarray, clues: np.ndarray, options: EventOptions) -> np.ndarray:
    """The cosine similarity the pairs (r[k], c[k]) must reach to report one happening, for their
    distance in days; above 1 (never reached) when they are more than `max_days` apart. Undated
    pairs count as `undated_days` apart, unless their leads name different weekdays, and `other_city`
    more when their leads name different cities (`clues`, from `_clues`)."""
    dr, dc = days[r], days[c]
    dated = ~(np.isnan(dr) | np.isnan(dc))
    apart = np.where(dated, np.abs(np.nan_to_num(dr - dc)), options.undated_days)
    bar = options.similarity + options.per_day * apart
    never = apart > options.max_days
    undated = np.flatnonzero(~dated)  # the leads are read only where a date is missing
    if len(undated):
        a, b = clues[r[undated]], clues[c[undated]]
        differ = (a >= 0) & (b >= 0) & (a != b)
        never[undated] |= differ[:, 0]
        bar[undated] += options.other_city * differ[:, 1]
    return np.where(never, NEVER, bar)


def _complete_linkage(
    r: np.ndarray,
    c: np.ndarray,
    margin: np.ndarray,
    x: csr_matrix,
    days: np.ndarray,
    clues: np.ndarray,
    options: EventOptions,
) -> np.ndarray:
    """A group label per article by complete linkage, best margins first: two groups merge only
    when every pair of their articles clears the bar, and the merge with the best weakest pair
    goes first. Only groups linked by a kept candidate pair (r[k], c[k], margin[k]) are ever
    compared, so the work grows with the links, not with the square of the corpus; a group
    pair's exact weakest margin is computed when it comes up (the candidate margins only bound
    it from above, since articles alike enough may share none of their heaviest terms)."""
    n = x.shape[0]
    label = np.arange(n)
    members: dict[int, list[int]] = {k: [k] for k in range(n)}
    bound: dict[int, dict[int, float]] = defaultdict(dict)  # upper bounds of each linked pair's weakest margin
    heap: list[tuple[float, int, int]] = []
    for a, b, m in zip(r.tolist(), c.tolist(), margin.tolist(), strict=True):
        bound[a][b] = bound[b][a] = min(m, bound[a].get(b, m))
    for a, links in bound.items():
        heap.extend((-m, a, b) for b, m in links.items() if a < b)
    heapq.heapify(heap)
    # Group pairs whose bound is their exact weakest margin: at first every linked pair of single
    # articles, whose candidate margin is their exact one.
    exact = {(a, b) for _, a, b in heap}
    while heap:
        m, a, b = heapq.heappop(heap)
        if a not in members or b not in members or bound[a].get(b) != -m:
            continue  # a group merged since, or a stale bound
        if (a, b) not in exact:
            weakest = _weakest_margin(members[a], members[b], x, days, clues, options)
            exact.add((a, b))
            bound[a][b] = bound[b][a] = weakest
            if weakest >= 0:
                heapq.heappush(heap, (-weakest, a, b))
            continue
        keep, gone = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        members[keep] += members.pop(gone)
        label[members[keep]] = keep
        del bound[keep][gone]
        # The grown group's weakest pair with a neighbour is the weaker of the two it had, exact
        # when both were (complete linkage's update); with a neighbour of one part only it is
        # unknown. Recomputing every neighbour after each merge made 30,000 look-alike one-line
        # files spend 14 times as long here as 10,000 did.
        gone_links = bound.pop(gone)
        for d in set(gone_links) | set(bound[keep]):
            if d == keep:
                continue
            both_exact = d in gone_links and d in bound[keep] and _key(gone, d) in exact and _key(keep, d) in exact
            m_new = min(gone_links.get(d, np.inf), bound[keep].get(d, np.inf))
            bound[d].pop(gone, None)
            bound[keep][d] = bound[d][keep] = m_new
            exact.discard(_key(gone, d))
            (exact.add if both_exact else exact.discard)(_key(keep, d))
            if m_new >= 0:  # a bound below the bar: their weakest pair never clears it
                heapq.heappush(heap, (-m_new, *_key(keep, d)))
    return label


def _key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _weakest_margin(
    left: list[int], right: list[int], x: csr_matrix, days: np.ndarray, clues: np.ndarray, options: EventOptions
) -> float:
    """The smallest margin over every pair of an article of `left` and one of `right`; their
    cosines from one product of the two groups' rows, narrowed to the terms they use (at 30,000
    look-alike one-line files, a call per pair took a third of the grouping)."""
    i, j = np.meshgrid(left, right, indexing="ij")
    bar = _bars(i.ravel(), j.ravel(), days, clues, options)
    if (bar > 1.0).any():
        return -1.0
    rows = x[left + right]
    used, columns = np.unique(rows.indices, return_inverse=True)
    rows = csr_matrix((rows.data, columns, rows.indptr), shape=(rows.shape[0], len(used)))
    cosines = (rows[: len(left)] @ rows[len(left) :].T).toarray().ravel()
    return float((cosines - bar).min())


def _heaviest(x: csr_matrix, terms: int) -> csr_matrix:
    """`x` with only the `terms` largest entries of each row."""
    coo = x.tocoo()
    return _entries(coo, top_per_row(coo.row, coo.data, terms))


def _entries(coo: coo_matrix, keep: np.ndarray) -> csr_matrix:
    """The entries `keep` (a mask or indices) of `coo`, as a CSR matrix of its shape."""
    return csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=coo.shape)


def _without_common_terms(pruned: csr_matrix) -> csr_matrix:
    """`pruned` without the terms that COMMON_SHARE or more of a large corpus's articles hold
    among their heaviest: they cannot tell two stories apart, and in a corpus of look-alike short
    files they would make every pair a candidate (time and memory growing with its square)."""
    n = pruned.shape[0]
    if n < COMMON_MIN_ARTICLES:
        return pruned
    df = np.bincount(pruned.indices, minlength=pruned.shape[1])
    keep = df[pruned.indices] < COMMON_SHARE * n
    if keep.all():
        return pruned
    return _entries(pruned.tocoo(), keep)  # CSR to COO keeps the order of the entries


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

"""Page metadata read from the text itself, for pages saved without front matter or manifest:
the headline, the date and the outlet, as a reader would find them on the page.

Each finder returns None when the page does not say; what it finds is marked as inferred in
`analysis.json` (`articles[].inferred`), since a page can mislead (a date stamp of an older
story in a sidebar, a wire agency's name for the outlet).
"""

from __future__ import annotations

import datetime as dt
import re

from .language import ENGLISH

# A first line longer than this (in words) is a paragraph, not a headline.
HEADLINE_MAX_WORDS = 30
# Only the top and the bottom of a page are searched for its date and outlet: a date or a
# name further in belongs to the story, not to the page.
HEAD_CHARS = 1500
TAIL_CHARS = 1500
# A line of at most this many words can be a date stamp; a longer one is a sentence of the story.
STAMP_MAX_WORDS = 8
DATELINE_END = re.compile(r"\s[—–―-]{1,2}\s")
# Leaked style sheets and markup ("display: none;", "<div>"), never a headline.
NOT_HEADLINE = re.compile(r"[{}<>]|\w[\w-]*\s*:\s*[^;:]+;")
_MONTH = rf"({ENGLISH.month})\.?"
DATES = (  # (pattern, order of the groups: y m d), most explicit first
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})\s+{_MONTH},?\s+(\d{{4}})\b", re.I), "dmy"),
    (re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), "dmy"),
)
# "Copyright © 2024 Example News", "© 2024 Example News Ltd. All rights reserved"
COPYRIGHT = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"([A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})",
    re.I,
)
# "…, Xinhua reports." / "(Reuters) -": a news agency or outlet named as the source.
REPORTS = re.compile(r"\b([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})\s+reports?\b")
AGENCY = re.compile(r"\(([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,2})\)\s*[-–—―]")
# A wire credit closing a paragraph: "… media. – BERNAMA-XINHUA"
CREDIT = re.compile(r"\s[-–—―]\s*([A-Z][A-Z&'’-]{2,}(?:\s+[A-Z][A-Z&'’-]+){0,2})\s*$", re.M)
# A desk credit line on its own: "Eurasia/Xinhua 16/05/2024 17:54" (the agency after the desk).
DESK_CREDIT = re.compile(
    r"^(?:[A-Z][\w&'’ -]*/)?([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,2})"
    r"\s+\d{1,2}[/.]\d{1,2}[/.]\d{4}(?:\s+\d{1,2}:\d{2})?\s*$",
    re.M,
)
URL = re.compile(r"\bhttps?://(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.I)
NOT_OUTLETS = frozenset({"all", "the", "rights", "reserved", "inc", "ltd", "llc"})


def headline(body: str) -> str | None:
    """The first short line before the text that reads as a headline, if the page starts with one."""
    for line in body.split("\n"):
        line = line.strip()
        if not line:
            continue
        if NOT_HEADLINE.search(line) or len(line.split()) < 2:
            continue  # leaked CSS, markup or a one-word menu item: not a headline
        if len(line.split()) <= HEADLINE_MAX_WORDS and not line.endswith((".", "!", "?", "”", '"')):
            return line
        return None
    return None


# Words of a page's first sentence that stand for its title when it has no headline.
LEAD_TITLE_WORDS = 10


def lead_title(body: str) -> str:
    """A title for a page without a headline: the first words of its first line of text ("The
    Chinese president, Xi Jinping, stated this Tuesday, 4th, that…"), rather than a file name."""
    line = next((x.strip() for x in body.split("\n") if x.strip() and not NOT_HEADLINE.search(x)), "")
    words = line.split()
    return " ".join(words[:LEAD_TITLE_WORDS]) + ("…" if len(words) > LEAD_TITLE_WORDS else "")


def page_date(body: str) -> str | None:
    """The date stamp at the top of the page, else at its bottom (ISO), if any: the first full
    date on a short line of its own ("Eurasia/Xinhua 16/05/2024 17:54", "Published May 16,
    2024"), never one inside the story's sentences ("a memo dated Feb. 8, 2017")."""
    for part in (body[:HEAD_CHARS], body[-TAIL_CHARS:]):
        stamps = "\n".join(_stamp(line) for line in part.split("\n"))
        found = _first_date(stamps)
        if found:
            return found
    return None


def _stamp(line: str) -> str:
    """What of a line can be a date stamp: a short line whole, or a dateline's place and date
    before its dash ("Harlow, 16/05/2024 — The council …")."""
    if len(line.split()) <= STAMP_MAX_WORDS:
        return line
    head = DATELINE_END.split(line, maxsplit=1)[0]
    return head if len(head.split()) <= STAMP_MAX_WORDS and len(head) < len(line) else ""


def _first_date(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for pattern, order in DATES:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            month = parts["m"]
            number = int(month) if month.isdigit() else ENGLISH.month_number(month)
            try:
                day = dt.date(int(parts["y"]), number, int(parts["d"]))
            except (TypeError, ValueError):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), day.isoformat())
            break
    return best[1] if best else None


def page_outlet(body: str) -> str | None:
    """The outlet the page names: a copyright line, an agency credit ("(Reuters) -", a desk
    credit "Eurasia/Xinhua 16/05/2024 17:54", "Xinhua reports"), or a web address at its top or
    bottom; None when it names none. A credit line is set apart to name the source, so it comes
    before a name in running text (where a typo, "Xinhue reports", stays a typo)."""
    tail, head = body[-TAIL_CHARS:], body[:HEAD_CHARS]
    found = (
        (COPYRIGHT, tail),
        (COPYRIGHT, head),
        (AGENCY, head),
        (DESK_CREDIT, head),
        (REPORTS, head),
        (CREDIT, tail),
        (URL, tail + head),
    )
    for pattern, text in found:
        for m in pattern.finditer(text):
            name = _tidy(m.group(1))
            if name:
                return name
    return None


def _tidy(name: str) -> str | None:
    words = [w for w in name.replace("’", "'").split()]
    while words and words[-1].lower().strip(".,") in NOT_OUTLETS:
        words.pop()
    if not words or words[0].lower() in NOT_OUTLETS:
        return None
    return " ".join(words).strip(" .,")

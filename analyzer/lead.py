"""When and where an article's lead says its happening took place: the weekday it names and the
city, as a reader of an undated page would tell them ("Xi held talks with Putin in Beijing on
Thursday"; "MOSCOW: Xi on Tuesday held talks …").

Event grouping uses them only between articles without dates, where nothing else says when two
reports happened: a different weekday means a different meeting, and a different city asks for
more shared words (`EventOptions.other_city`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .language import ENGLISH, Language, data_lines

# A dateline's place: what comes before its comma, parenthesis or separator ("BEIJING, May 16 (Xinhua) --").
DATELINE_PLACE = re.compile(r"^\s*([^,(:—–―]+?)(?:\s*[,(:—–―]|\s+-)")


@dataclass(frozen=True)
class Lead:
    """The weekday (0 = Monday) and city (an index of `cities()`) an article's lead names, if any."""

    weekday: int | None = None
    city: int | None = None


@lru_cache(maxsize=1)
def cities() -> tuple[dict[str, int], re.Pattern[str]]:
    """Each spelling of a listed city (lower case) → the city's number, and a pattern of "in <City>"
    for any spelling, as written (capitalised)."""
    number: dict[str, int] = {}
    rows = data_lines("cities.txt")
    for n, line in enumerate(rows):
        for name in line.split("="):
            number[name.strip().lower()] = n
    spellings = sorted({name.strip() for line in rows for name in line.split("=")}, key=len, reverse=True)
    return number, re.compile(r"\bin (" + "|".join(map(re.escape, spellings)) + r")\b")


@lru_cache(maxsize=4)
def _weekday(language: Language) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(language.weekdays) + r")\b", re.I)


def lead_of(title: str, lead: str, dateline: str | None, language: Language = ENGLISH) -> Lead:
    """What the headline and `lead` (the first sentences) say of when and where; the city from an
    "in <City>" of the lead first, else from the dateline removed before it (`dateline`)."""
    head = f"{title}\n{lead}"
    day = _weekday(language).search(head)
    return Lead(language.weekdays.index(day.group(1).lower()) if day else None, _city(head, dateline))


def _city(head: str, dateline: str | None) -> int | None:
    number, pattern = cities()
    found = pattern.search(head)
    if found:
        return number[found.group(1).lower()]
    place = DATELINE_PLACE.match(dateline or "")
    return number.get(place.group(1).strip().lower()) if place else None

"""Fonts for text beyond DejaVu Sans (Chinese, Japanese, Korean outlet names and titles).

The PDF embeds DejaVu Sans, which matplotlib ships, so a report whose text DejaVu Sans can draw
is the same bytes on every machine. Only when some text needs a character DejaVu Sans lacks is a
font of the machine that covers CJK taken as a fallback (Noto Sans CJK, Source Han Sans,
WenQuanYi, …); without one, such a character is written as its Unicode code point ("U+65B0"), so
a name is never printed blank.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

# Families known to cover CJK, by the start of their name; the first installed one is taken.
CJK_FAMILIES = (
    "Noto Sans CJK",
    "Noto Sans SC",
    "Noto Sans TC",
    "Noto Sans JP",
    "Noto Sans KR",
    "Source Han Sans",
    "WenQuanYi",
    "Droid Sans Fallback",
    "AR PL",
    "IPAGothic",
    "Arial Unicode",
    "Microsoft YaHei",
    "SimHei",
    "PingFang",
    "Hiragino",
    "Unifont",
)
MISSING_NOTE = (
    "Characters no installed font can draw are shown by their Unicode code point (U+…); install a font "
    "such as Noto Sans CJK to see them."
)


@lru_cache(maxsize=1)
def fallback() -> tuple[str, Path] | None:
    """(family, file) of an installed font covering CJK, or None."""
    fonts = sorted(font_manager.fontManager.ttflist, key=lambda f: (f.name, f.fname))
    for family in CJK_FAMILIES:
        for font in fonts:
            if font.name.startswith(family) and Path(font.fname).suffix.lower() in (".ttf", ".otf", ".ttc"):
                return font.name, Path(font.fname)
    return None


@lru_cache(maxsize=1)
def drawable() -> frozenset[int]:
    """The characters DejaVu Sans, matplotlib's own font, can draw."""
    return frozenset(FT2Font(font_manager.findfont("DejaVu Sans")).get_charmap())


def needed_fallback(texts: Iterable[str]) -> tuple[str, Path] | None:
    """The installed fallback font, when one of `texts` has a character DejaVu Sans cannot draw;
    else None (a machine's fonts then cannot change a byte of the report)."""
    own = drawable()
    if all(ord(c) in own or c.isspace() for text in texts for c in text):
        return None
    return fallback()


def spell_out(text: str, drawable: set[int] | frozenset[int] | dict[int, str]) -> str:
    """`text` with each run of characters outside `drawable` written as code points in brackets
    ("新华社 News" → "[U+65B0 U+534E U+793E] News")."""
    if all(ord(c) in drawable or c.isspace() for c in text):
        return text
    out: list[str] = []
    run: list[str] = []
    for c in text + " ":
        if ord(c) in drawable or c.isspace():
            if run:
                out.append("[" + " ".join(run) + "]")
                run = []
            out.append(c)
        else:
            run.append(f"U+{ord(c):04X}")
    return "".join(out)[:-1]

"""Fonts for text beyond DejaVu Sans (Chinese, Japanese, Korean outlet names and titles).

The PDF embeds DejaVu Sans, which matplotlib ships. A font of the machine that covers CJK is used
as a fallback in the PDF and the charts when one is installed (Noto Sans CJK, Source Han Sans,
WenQuanYi, …); without one, a character no font can draw is written as its Unicode code point
("U+65B0"), so a name is never printed blank.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager

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

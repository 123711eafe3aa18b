"""The printable report (fpdf2): real, selectable text in an embedded DejaVu Sans (the TrueType
font matplotlib ships), page numbers, a title page, and charts embedded at 200 dpi.

Loaded words are marked in the text itself so the page still reads in black and white: bold
for a loaded word in the outlet's own voice, italic for one inside a quotation.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
from collections.abc import Iterator
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from ..model import Analysis, Event, Flag
from ..options import ReportLimits
from . import summary
from .charts import SUMMARY, coverage_name, distinctive_name, outlet_colours
from .fonts import MISSING_NOTE, needed_fallback, spell_out

FONT = "DejaVu"
FALLBACK = "fallback"  # an installed font covering CJK, when there is one (see fonts)
MARKERS = re.compile(r"(\\+)?(\*\*|__|--|~~)|(\\+)")


def _escape(text: str) -> str:
    """Article text as literal fpdf2 markdown: markers and backslashes escaped, no links."""

    def repl(m: re.Match[str]) -> str:
        if m.group(2):
            return (m.group(1) or "") * 2 + "\\" + m.group(2)
        return "\\" * (2 * len(m.group(3)) - 1)

    return MARKERS.sub(repl, text).replace("](", "]\u200b(")


# fpdf2 cannot split a table row across pages ("row too high"), so a cell never holds more text
# than about this share of a page fits in its column; the rest is in the CSV and JSON.
CELL_PAGE_SHARE = 0.55
GLYPH_WIDTH = 0.55  # average width of a DejaVu Sans character, in font sizes
WRAP_LOSS = 0.8  # share of a line's room that words actually fill once wrapped
PT_TO_MM = 0.3528


def cell_budget(pdf: FPDF, width_mm: float, font_pt: float, line_height_mm: float) -> int:
    """How many characters a table cell `width_mm` wide may hold and still fit on a page."""
    lines = int(CELL_PAGE_SHARE * pdf.eph / line_height_mm)
    per_line = max(1, int(WRAP_LOSS * width_mm / (GLYPH_WIDTH * font_pt * PT_TO_MM)))
    return lines * per_line


def fit(sentences: list[list[summary.Segment]], budget: int) -> list[list[summary.Segment]]:
    """A cell's sentences (as plain and flagged pieces) cut to `budget` characters, ending with
    "[…]" where anything was cut."""
    out: list[list[summary.Segment]] = []
    used = 0
    for sentence in sentences:
        kept = []
        for seg in sentence:
            room = budget - used
            if room <= 0:
                break
            kept.append(seg if len(seg.text) <= room else summary.Segment(seg.text[:room], seg.flag))
            used += min(len(seg.text), room)
        if kept:
            out.append(kept)
        if used >= budget and (kept != sentence or sentence is not sentences[-1]):
            out[-1].append(summary.Segment(" […]"))
            break
    return out


# Space a heading needs below it on its page (a few lines or the top of a chart), so that it is
# never left alone at a page's foot.
HEADING_KEEP_MM = 30
# A chart is drawn smaller to fit the rest of a page when at least this share of it fits there;
# otherwise it starts the next page.
CHART_MIN_SHARE = 0.6


class _Report(FPDF):
    def __init__(self, title: str, extra: tuple[str, Path] | None) -> None:
        """`extra`: the fallback font for characters DejaVu Sans lacks (`fonts.needed_fallback`)."""
        super().__init__(format="A4")
        self.report_title = title
        fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        for style, name in (
            ("", "DejaVuSans"),
            ("B", "DejaVuSans-Bold"),
            ("I", "DejaVuSans-Oblique"),
            ("BI", "DejaVuSans-BoldOblique"),
        ):
            self.add_font(FONT, style, str(fonts / f"{name}.ttf"))
        self.extra = extra
        if extra:
            self.add_font(FALLBACK, "", str(extra[1]))
            self.set_fallback_fonts([FALLBACK], exact_match=False)
        self.spelled_out = False  # whether a character was written as its code point
        self.set_font(FONT, size=10)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(title)
        self.set_creator("framing-analyzer")

    def normalize_text(self, text: str) -> str:
        """Text as the current font draws it: with no fallback font installed, a character the
        font lacks is spelled out as its code point instead of printing blank."""
        if self.extra is None and self.is_ttf_font:
            shown = spell_out(text, self.current_font.cmap)
            self.spelled_out |= shown != text
            text = shown
        return super().normalize_text(text)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(110)
        self.cell(0, 8, f"{self.report_title} · page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0)

    def multi_cell(self, *args, **kwargs):  # FPDF's own signature
        """Text ragged right unless told otherwise: justified lines gape around long names
        ("000_5b500b600abc2355") and addresses."""
        kwargs.setdefault("align", "L")
        return super().multi_cell(*args, **kwargs)

    def heading(self, text: str, size: int = 15, keep: float = HEADING_KEEP_MM) -> None:
        """A heading, on a new page when fewer than `keep` mm would follow it on this one."""
        if self.will_page_break(size * 0.5 + keep):
            self.add_page(orientation=self.cur_orientation)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_font(FONT, size=10)

    def para(self, text: str, size: int = 10, markdown: bool = False) -> None:
        self.set_font(FONT, size=size)
        self.multi_cell(0, size * 0.5, text, markdown=markdown, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def chart(self, png: bytes, width: float | None = None) -> None:
        """A chart `width` mm wide (the text width by default), made smaller to fit what is left of
        the page, or on the next page when less than CHART_MIN_SHARE of it (of a page, for a chart
        taller than a page) would fit here."""
        width = width or self.epw
        px_wide, px_high = struct.unpack(">II", png[16:24])  # the PNG header's IHDR
        height = width * px_high / px_wide
        room = self.page_break_trigger - self.get_y()
        full_page = self.page_break_trigger - self.t_margin
        if height > room and room < CHART_MIN_SHARE * min(height, full_page):
            self.add_page(orientation=self.cur_orientation)
            room = self.page_break_trigger - self.get_y()
        if height > room:
            width, height = width * room / height, room
        self.image(io.BytesIO(png), w=width, h=height, x=self.l_margin + (self.epw - width) / 2)
        self.ln(3)


def _texts(analysis: Analysis) -> Iterator[str]:
    """The analysis's own texts the PDF may print: names, titles, sentences, actors' names and
    labels (the tool's fixed wording is in DejaVu Sans's range)."""
    yield from (o.name for o in analysis.outlets)
    yield from (e.title for e in analysis.events)
    yield from (a.title for a in analysis.articles)
    yield from (s.text for s in analysis.sentences)
    for actor in analysis.actors:
        yield actor.name
        yield from (label for labels in actor.labels.values() for label in labels)


def render_pdf(analysis: Analysis, charts: dict[str, bytes], when: dt.datetime, limits: ReportLimits) -> bytes:
    title = "How the outlets covered it"
    pdf = _Report(title, needed_fallback(_texts(analysis)))
    pdf.set_creation_date(when)
    _title_page(pdf, analysis, title, when, limits)
    _summary(pdf, analysis, charts, limits)
    events, more_events = summary.shown_events(analysis, limits)
    for n, event in enumerate(events, start=1):
        _event(pdf, analysis, event, charts.get(coverage_name(n)), charts.get(distinctive_name(n)), limits)
    if more_events:
        pdf.para(f"{more_events} more events are in analysis.json and facts.csv.")
    _actors(pdf, analysis, limits)
    _alone(pdf, analysis, limits)
    _method(pdf, analysis, limits)
    return bytes(pdf.output())


def _title_page(pdf: _Report, analysis: Analysis, title: str, when: dt.datetime, limits: ReportLimits) -> None:
    pdf.add_page()
    pdf.ln(12)
    pdf.set_font(FONT, "B", 26)
    pdf.multi_cell(0, 12, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT, size=12)
    pdf.multi_cell(0, 7, summary.coverage_line(analysis), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, f"Dates: {summary.date_range(analysis)}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.heading(summary.SURE_HEADING, 11, keep=20)  # before the findings: it says how to take them
    for line in summary.accuracy_lines():
        pdf.para(line, 9)
    pdf.heading("What differs between the outlets", 13)
    for group in summary.findings(analysis, limits):
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, 5.5, group.scope, new_x="LMARGIN", new_y="NEXT")
        for line in group.lines:
            pdf.para("• " + line)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 8, "Outlets", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=11)
    colours = outlet_colours(analysis)
    for name in summary.outlet_names(analysis, limits):
        pdf.set_fill_color(*_rgb(colours[name]))
        pdf.cell(5, 6, "", fill=True)
        pdf.cell(0, 6, f"  {name}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    if len(analysis.outlets) > limits.outlets:
        pdf.cell(0, 6, f"and {len(analysis.outlets) - limits.outlets} more (all in outlets.csv)")
    pdf.set_fill_color(255)
    pdf.ln(6)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 8, "Events", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)
    shown, more = summary.shown_events(analysis, limits)
    for e in shown:
        pdf.multi_cell(0, 5.5, f"• {e.title} ({summary.name_list(e.outlets, limits)})", new_x="LMARGIN", new_y="NEXT")
    if more:
        pdf.multi_cell(
            0, 5.5, f"and {more} more events (in analysis.json and facts.csv)", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(10)
    pdf.set_font(FONT, size=9)
    pdf.set_text_color(90)
    pdf.multi_cell(
        0,
        5,
        summary.generated(analysis, when).capitalize() + ".",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0)


def _summary(pdf: _Report, analysis: Analysis, charts: dict[str, bytes], limits: ReportLimits) -> None:
    pdf.add_page()
    pdf.heading("How to read this report", 12)
    pdf.para(
        "In the side-by-side pages, **bold** marks a loaded word in the outlet's own voice and __italic__ a "
        "loaded word inside a quotation (the speaker's word, not the outlet's). Each flag is listed under "
        "the table with why it is loaded and a neutral alternative. A grey cell says that no sentence of the "
        "outlet states the fact (“not stated”) or that the tool found none (“no sentence found”); the second is "
        "weak evidence, since the tool misses many same-fact sentences (see “How sure the tool is”).",
        markdown=True,
    )
    for chart in SUMMARY:
        if chart.name in charts:
            if pdf.will_page_break(80):
                pdf.add_page()
            pdf.chart(charts[chart.name], width=pdf.epw * chart.width)


def _dates(dates: list[str]) -> str:
    """ "2026-03-02, 2026-03-03", or the first and last of more than two dates."""
    if len(dates) > 2:
        return f"{dates[0]} to {dates[-1]}"
    return ", ".join(dates) or "no dates"


def _event(
    pdf: _Report,
    analysis: Analysis,
    event: Event,
    coverage_png: bytes | None,
    distinctive_png: bytes | None,
    limits: ReportLimits,
) -> None:
    pdf.add_page(orientation="L")
    dates = sorted({a.date for a in analysis.articles if a.id in event.articles and a.date})
    pdf.heading(event.title, 14)
    names = summary.name_list(event.outlets, limits)
    pdf.para(f"{summary.count(len(event.articles), 'article')} · {names} · {_dates(dates)}", 9)
    rows, more = summary.side_by_side(analysis, event, limits)
    pdf.set_font(FONT, size=8)
    outlets = summary.event_outlets(event, limits)
    widths = (10,) + tuple((pdf.epw - 10) / len(outlets) for _ in outlets)
    budget = cell_budget(pdf, widths[1], 8, 4)
    heading = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
    notes = []
    with pdf.table(
        col_widths=widths, markdown=True, headings_style=heading, line_height=4, padding=1.2, text_align="LEFT"
    ) as table:
        head = table.row()
        head.cell("fact")
        for outlet in outlets:
            head.cell(_escape(summary.short_name(outlet, limits)))
        for row in rows:
            r = table.row()
            r.cell(str(row.number))
            for outlet in outlets:
                sentences = row.cells[outlet]
                if not sentences:
                    r.cell(
                        f"— {row.empty[outlet]} —",
                        style=FontFace(color=(150, 150, 150)),
                    )
                    continue
                shown = fit(sentences, budget)
                r.cell("\n".join("".join(_segment(seg) for seg in sent) for sent in shown))
                notes.extend((row.number, outlet, seg.flag) for sent in sentences for seg in sent if seg.flag)
    if more:
        pdf.para(summary.left_out_note(more), 8)
    if notes:
        pdf.ln(1)
        _flag_notes(pdf, notes)
    numbers, more_numbers = summary.number_findings(analysis, event, limits)
    if numbers:
        pdf.ln(2)
        pdf.heading("Numbers stated differently", 10, keep=12)
        for x in numbers:
            pdf.para(f"{x.kind}: “{x.texts[0]}” ({x.outlets[0]}) / “{x.texts[1]}” ({x.outlets[1]})", 8)
        if more_numbers:
            pdf.para(f"{more_numbers} more are in facts.csv.", 8)
    if coverage_png:
        pdf.add_page(orientation="L")
        pdf.heading(f"Coverage: {event.title}", 12)
        pdf.chart(coverage_png, width=min(pdf.epw, 200))
    if distinctive_png:
        pdf.ln(4)
        pdf.heading("Words that set each outlet apart in this event", 12)
        pdf.para(summary.DISTINCTIVE_NOTE, 9)
        pdf.chart(distinctive_png, width=min(pdf.epw, 200))


def _alone(pdf: _Report, analysis: Analysis, limits: ReportLimits) -> None:
    shown, more = summary.alone_events(analysis, limits)
    if not shown:
        return
    pdf.add_page()
    pdf.heading(summary.ALONE_HEADING)
    pdf.para(summary.ALONE_NOTE, 9)
    for x in shown:
        pdf.heading(f"{x.event.title} ({x.event.outlets[0]})", 11, keep=20)
        for sentence in x.sentences:
            pdf.para("• " + "".join(_segment(seg) for seg in sentence), 9, markdown=True)
        if x.more:
            pdf.para(f"{summary.count(x.more, 'more sentence')} with a flag in flags.csv.", 8)
        _flag_notes(pdf, [(None, x.event.outlets[0], f) for f in x.flags])
    if more:
        pdf.para(f"{more} more events of one outlet have flags; all are in flags.csv.", 9)


def _flag_notes(pdf: _Report, notes: list[tuple[int | None, str, Flag]]) -> None:
    """ "Why these words are flagged": each flag with where it is, why, and a neutral word."""
    pdf.ln(2)
    pdf.heading("Why these words are flagged", 10, keep=12)
    for number, outlet, flag in notes:
        where = "quoted speech" if flag.quoted else "outlet's voice"
        fact = f"Fact {number}, " if number is not None else ""
        neutral = f" Neutral: {flag.neutral}." if flag.neutral else ""
        pdf.para(
            f"{fact}{_escape(outlet)} ({where}): **{_escape(flag.text)}** [{flag.category}]: "
            f"{_escape(flag.why)}{_escape(neutral)}",
            8,
            markdown=True,
        )


def _segment(seg: summary.Segment) -> str:
    if seg.flag is None:
        return _escape(seg.text)
    return f"__{_escape(seg.text)}__" if seg.flag.quoted else f"**{_escape(seg.text)}**"


def _actors(pdf: _Report, analysis: Analysis, limits: ReportLimits) -> None:
    tables = summary.actor_tables(analysis, limits)
    if not tables:
        return
    pdf.add_page(orientation="L")
    pdf.heading("Who is called what")
    pdf.para(summary.ACTORS_NOTE, 9)
    for t in tables:
        pdf.heading(t.event.title, 11, keep=20)
        _actor_table(pdf, t, limits)
        pdf.ln(4)


def _actor_table(pdf: _Report, t: summary.ActorTable, limits: ReportLimits) -> None:
    pdf.set_font(FONT, size=8)
    widths = (40,) + tuple((pdf.epw - 40) / len(t.outlets) for _ in t.outlets)
    with pdf.table(
        col_widths=widths,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        line_height=4,
        padding=1.2,
        text_align="LEFT",
    ) as table:
        head = table.row()
        head.cell("person or group")
        for o in t.outlets:
            head.cell(summary.short_name(o, limits))
        for a in t.actors:
            r = table.row()
            r.cell(summary.short_name(a.name, limits))  # no cell may be taller than a page
            for o in t.outlets:
                if o not in a.mentions:
                    r.cell("— not mentioned —", style=FontFace(color=(150, 150, 150)))
                    continue
                labels = "; ".join(summary.short_name(x, limits) for x in a.labels.get(o, []))
                verbs = ", ".join(f"{v} ×{n}" for v, n in a.verbs.get(o, {}).items())
                r.cell((labels or "(no title or description)") + (f"\nwords reported with: {verbs}" if verbs else ""))


def _method(pdf: _Report, analysis: Analysis, limits: ReportLimits) -> None:
    pdf.add_page()
    pdf.heading("Method and limits")
    for paragraph in summary.METHOD:
        pdf.para(paragraph)
    lex = ", ".join(f"{x['name']} {x['version']}" for x in analysis.run.get("lexicons", []))
    pdf.para(f"Lexicons: {lex or 'built-in'}. {summary.settings_line(analysis)}", 9)
    removed = summary.removed_by_reason(analysis)
    if removed:
        pdf.para("Page text removed before analysis: " + ", ".join(f"{reason} ({n})" for reason, n in removed) + ".", 9)
    if analysis.warnings:
        pdf.heading("Warnings about the input", 11)
        for w in summary.skipped_input(analysis, limits):
            pdf.para(w, 8)
    if pdf.spelled_out:
        pdf.para(MISSING_NOTE, 9)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]

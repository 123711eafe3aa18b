"""The classroom handout as PDF and HTML: neutral summary, contrasting facts side by side with
margin notes, who is called what, exercises, glossary; the teacher's answer key (with what each
outlet left out) only with `answers`, and side-by-side pages without highlights, notes or labels
with `blank` (students mark the loaded words first, then compare with the tool's marks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from html import escape
from importlib import resources
from string import Template

from fpdf.fonts import FontFace

from ..lesson import GLOSSARY, Lesson
from ..options import ReportLimits
from .fonts import needed_fallback
from .pdf import FONT, _escape, _Report, cell_budget, fit
from .summary import count, empty_label, event_outlets, segments, short_name


def _markdown(sentence: list) -> str:
    out = []
    for seg in sentence:
        if seg.flag is None:
            out.append(_escape(seg.text))
        else:
            out.append(f"__{_escape(seg.text)}__" if seg.flag.quoted else f"**{_escape(seg.text)}**")
    return "".join(out)


def _texts(lesson: Lesson) -> Iterator[str]:
    """The lesson's own texts (`pdf._texts` for a handout)."""
    yield lesson.event.title
    yield from lesson.event.outlets
    yield from lesson.summary
    for c in lesson.contrasts:
        yield from (s.text for sentences in c.sentences.values() for s in sentences)
    for actor, per_outlet in lesson.labels.items():
        yield actor
        yield from (label for labels in per_outlet.values() for label in labels)
    yield from (text for texts in lesson.left_out.values() for text in texts)
    for x in lesson.exercises:
        yield from (x.question, x.answer)


def lesson_pdf(lesson: Lesson, *, answers: bool, blank: bool, when: dt.datetime, limits: ReportLimits) -> bytes:
    pdf = _Report(f"Lesson: {lesson.event.title}", needed_fallback(_texts(lesson)))
    pdf.set_creation_date(when)
    pdf.add_page()
    pdf.heading(lesson.event.title, 16)
    pdf.para(f"How {count(len(lesson.event.outlets), 'outlet')} reported it: {', '.join(lesson.event.outlets)}.", 10)
    pdf.heading("What happened", 12)
    pdf.para(" ".join(lesson.summary) + f" (wording of {lesson.summary_outlet}, the most neutral of the outlets here)")
    pdf.heading("Side by side", 12)
    pdf.para(
        "The same facts as each outlet wrote them. "
        + (
            "Underline the words you think are loaded, then compare with the teacher's copy."
            if blank
            else "**Bold**: a loaded word in the outlet's own voice. __Italic__: a loaded word inside a "
            "quotation (the speaker's). The notes name the technique."
        ),
        9,
        markdown=not blank,
    )
    outlets = event_outlets(lesson.event, limits)
    for c in lesson.contrasts:
        pdf.set_font(FONT, size=9)
        widths = tuple(pdf.epw / len(outlets) for _ in outlets)
        budget = cell_budget(pdf, widths[0], 9, 4.2)
        with pdf.table(
            col_widths=widths,
            markdown=True,
            line_height=4.2,
            padding=1.2,
            text_align="LEFT",
            cell_fill_mode="NONE",
            headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        ) as table:
            head = table.row()
            for o in outlets:
                head.cell(_escape(short_name(o, limits)))
            row = table.row()
            for o in outlets:
                sents = c.sentences[o]
                if not sents:
                    row.cell(f"— {empty_label(c.fact, o)} —", style=FontFace(color=(140, 140, 140)))
                else:
                    pieces = [segments(s.text, [] if blank else c.flags[s.id], limits) for s in sents]
                    row.cell("\n".join(_markdown(sentence) for sentence in fit(pieces, budget)))
        if c.notes and not blank:
            pdf.para("Notes: " + "; ".join(c.notes) + ".", 8)
        pdf.ln(3)
    if lesson.labels and not blank:  # the labels are loaded words the blank pages leave for students
        pdf.heading("Who is called what", 12)
        for actor, per_outlet in lesson.labels.items():
            described = "; ".join(f"{o}: {', '.join(ls) or '(none)'}" for o, ls in per_outlet.items())
            pdf.para(f"{actor}. {described}", 9)
    pdf.add_page()
    pdf.heading("Exercises", 14)
    for n, ex in enumerate(lesson.exercises, start=1):
        pdf.para(f"{n}. {ex.question}")
        pdf.ln(8)
    pdf.add_page()
    pdf.heading("Glossary: techniques of framing", 14)
    for term, text in GLOSSARY:
        pdf.para(f"**{term}.** {text}", 10, markdown=True)
    if answers:
        pdf.add_page()
        pdf.heading("Teacher's page: answer key", 14)
        for n, ex in enumerate(lesson.exercises, start=1):
            pdf.para(f"{n}. {ex.answer}")
        if any(lesson.left_out.values()):  # answers the omission exercises: the teacher's only
            pdf.heading("What no sentence of an outlet states", 12)
            for outlet, missing in lesson.left_out.items():
                if missing:
                    pdf.para(f"{outlet} has no sentence stating: " + " / ".join(f"“{m}”" for m in missing), 9)
    return bytes(pdf.output())


def lesson_html(lesson: Lesson, *, answers: bool, blank: bool, limits: ReportLimits) -> str:
    e = lambda t: escape(str(t), quote=True)  # noqa: E731
    outlets = lesson.event.outlets
    parts = [
        f"<h1>{e(lesson.event.title)}</h1>",
        f'<p class="meta">How {count(len(outlets), "outlet")} reported it: {e(", ".join(outlets))}.</p>',
        "<h2>What happened</h2>",
        f'<p>{e(" ".join(lesson.summary))} <span class="note">(wording of {e(lesson.summary_outlet)}, '
        "the most neutral of the outlets here)</span></p>",
        "<h2>Side by side</h2>",
    ]
    for c in lesson.contrasts:
        head = "".join(f"<th>{e(o)}</th>" for o in outlets)
        cells = []
        for o in outlets:
            if not c.sentences[o]:
                cells.append(f'<td class="missing">{e(empty_label(c.fact, o))}</td>')
                continue
            paras = []
            for s in c.sentences[o]:
                html = ""
                for seg in segments(s.text, [] if blank else c.flags[s.id], limits):
                    if seg.flag is None:
                        html += e(seg.text)
                    else:
                        kind = "quoted" if seg.flag.quoted else "voice"
                        html += (
                            f'<mark class="{kind}" tabindex="0">{e(seg.text)}<span class="tip" role="tooltip">'
                            f"{e(seg.flag.why)}</span></mark>"
                        )
                paras.append(f"<p>{html}</p>")
            cells.append("<td>" + "".join(paras) + "</td>")
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody><tr>{''.join(cells)}</tr></tbody></table>")
        if c.notes and not blank:
            parts.append('<p class="note">' + e("; ".join(c.notes)) + "</p>")
    if lesson.labels and not blank:
        parts.append("<h2>Who is called what</h2><ul>")
        for actor, per in lesson.labels.items():
            parts.append(
                f"<li><b>{e(actor)}</b>: "
                + e("; ".join(f"{o}: {', '.join(ls) or '(none)'}" for o, ls in per.items()))
                + "</li>"
            )
        parts.append("</ul>")
    parts.append("<h2>Exercises</h2><ol>" + "".join(f"<li>{e(x.question)}</li>" for x in lesson.exercises) + "</ol>")
    parts.append("<h2>Glossary</h2><dl>" + "".join(f"<dt>{e(t)}</dt><dd>{e(d)}</dd>" for t, d in GLOSSARY) + "</dl>")
    if answers:
        parts.append(
            "<h2>Teacher's page: answer key</h2><ol>"
            + "".join(f"<li>{e(x.answer)}</li>" for x in lesson.exercises)
            + "</ol>"
        )
        if any(lesson.left_out.values()):  # answers the omission exercises: the teacher's only
            parts.append("<h2>What no sentence of an outlet states</h2><ul>")
            for outlet, missing in lesson.left_out.items():
                if missing:
                    parts.append(
                        f"<li><b>{e(outlet)}</b> has no sentence stating: "
                        + e(" / ".join(f"“{m}”" for m in missing))
                        + "</li>"
                    )
            parts.append("</ul>")
    template = Template(resources.files("analyzer.report").joinpath("template.html").read_text("utf-8"))
    return template.substitute(title=e(f"Lesson: {lesson.event.title}"), body="\n".join(parts))

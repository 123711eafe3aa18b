"""The self-contained HTML report: one file, inline CSS, charts as data URIs, no script at all.

Every piece of text that comes from the corpus, the lexicons or the user (article text, titles,
outlet names, explanations) goes through `html.escape`; the page's Content-Security-Policy also
forbids scripts, so a hostile corpus cannot run anything in a reader's browser.
"""

from __future__ import annotations

import base64
import datetime as dt
from html import escape
from importlib import resources
from string import Template

from ..model import Analysis, Event
from ..options import ReportLimits
from . import summary
from .charts import SUMMARY, coverage_name, distinctive_name, outlet_colours


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _img(png: bytes, alt: str, css: str = "") -> str:
    data = base64.b64encode(png).decode()
    return f'<img class="{css}" alt="{e(alt)}" src="data:image/png;base64,{data}">'


def render_html(analysis: Analysis, charts: dict[str, bytes], when: dt.datetime, limits: ReportLimits) -> str:
    title = "How the outlets covered it"
    colours = outlet_colours(analysis)
    parts = [
        f"<h1>{e(title)}</h1>",
        f'<p class="meta">{summary.count(len(analysis.articles), "article")} · {e(summary.date_range(analysis))} · '
        f"{e(summary.generated(analysis, when))}</p>",
        '<p class="outlet-key">'
        + "".join(
            f'<span><i class="swatch" style="background:{colours[o]}"></i>{e(o)}</span>'
            for o in summary.outlet_names(analysis, limits)
        )
        + "</p>",
        f"<h3>{e(summary.SURE_HEADING)}</h3>",
        *(f'<p class="note">{e(line)}</p>' for line in summary.accuracy_lines()),
        "<h2>What differs between the outlets</h2>",
        *(
            f'<h3 class="scope">{e(group.scope)}</h3><ul class="findings">'
            + "".join(f"<li>{e(line)}</li>" for line in group.lines)
            + "</ul>"
            for group in summary.findings(analysis, limits)
        ),
        '<p class="legend note">In the tables, <mark class="voice">highlighted</mark> words are loaded words in the '
        "outlet's own voice; <mark class=\"quoted\">dotted</mark> ones are inside a quotation (the speaker's words). "
        "Hover over or tab to a word to see why it is flagged and a neutral alternative.</p>",
    ]
    shown = [c for c in SUMMARY if c.name in charts]
    parts.append('<div class="charts">' + "".join(_img(charts[c.name], c.alt) for c in shown) + "</div>")
    events, more = summary.shown_events(analysis, limits)
    for n, event in enumerate(events, start=1):
        parts.append(_event(analysis, event, charts.get(coverage_name(n)), charts.get(distinctive_name(n)), limits))
    if more:
        parts.append(f'<p class="note">{more} more events are in analysis.json and facts.csv.</p>')
    parts.append(_actors(analysis, limits))
    parts.append(_alone(analysis, limits))
    parts.append(_method(analysis, limits))
    body = "\n".join(parts)
    template = Template(resources.files("analyzer.report").joinpath("template.html").read_text("utf-8"))
    return template.substitute(title=e(title), body=body)


def _mark(seg: summary.Segment) -> str:
    if seg.flag is None:
        return e(seg.text)
    f = seg.flag
    kind = "quoted" if f.quoted else "voice"
    whose = "Inside a quotation: the speaker's word, not the outlet's. " if f.quoted else ""
    neutral = f" Neutral: {f.neutral}." if f.neutral else ""
    tip = f"{f.category}. {whose}{f.why}{neutral}"
    return f'<mark class="{kind}" tabindex="0">{e(seg.text)}<span class="tip" role="tooltip">{e(tip)}</span></mark>'


def _event(
    analysis: Analysis, event: Event, coverage_png: bytes | None, distinctive_png: bytes | None, limits: ReportLimits
) -> str:
    rows, more = summary.side_by_side(analysis, event, limits)
    outlets = summary.event_outlets(event, limits)
    head = "".join(f"<th>{e(o)}</th>" for o in outlets)
    body = []
    for row in rows:
        cells = []
        for outlet in outlets:
            sentences = row.cells[outlet]
            if not sentences:
                cells.append(f'<td class="missing">{e(row.empty[outlet])}</td>')
            else:
                cells.append(
                    "<td>" + "".join("<p>" + "".join(_mark(s) for s in sent) + "</p>" for sent in sentences) + "</td>"
                )
        body.append(f'<tr><td class="num">{row.number}</td>{"".join(cells)}</tr>')
    names = summary.name_list(event.outlets, limits)
    out = [
        f"<h2>{e(event.title)}</h2>",
        f'<p class="meta">{summary.count(len(event.articles), "article")} · {e(names)}</p>',
        f"<table><thead><tr><th>fact</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>",
    ]
    if more:
        out.append(f'<p class="note">{e(summary.left_out_note(more))}</p>')
    numbers, more_numbers = summary.number_findings(analysis, event, limits)
    if numbers:
        out.append("<h3>Numbers stated differently</h3><ul>")
        for x in numbers:
            (ta, tb), (oa, ob) = x.texts, x.outlets
            out.append(f"<li>{e(x.kind)}: “{e(ta)}” ({e(oa)}) / “{e(tb)}” ({e(ob)})</li>")
        out.append("</ul>")
        if more_numbers:
            out.append(f'<p class="note">{more_numbers} more are in facts.csv.</p>')
    if coverage_png:
        out.append(_img(coverage_png, f"Coverage of {event.title}: which outlet states which fact", "coverage"))
    if distinctive_png:
        out += [
            "<h3>Words that set each outlet apart in this event</h3>",
            f'<p class="note">{e(summary.DISTINCTIVE_NOTE)}</p>',
            _img(distinctive_png, f"Words that set each outlet apart in {event.title}"),
        ]
    return "\n".join(out)


def _alone(analysis: Analysis, limits: ReportLimits) -> str:
    shown, more = summary.alone_events(analysis, limits)
    if not shown:
        return ""
    parts = [f"<h2>{e(summary.ALONE_HEADING)}</h2>", f'<p class="note">{e(summary.ALONE_NOTE)}</p>']
    for x in shown:
        parts.append(f"<h3>{e(x.event.title)} ({e(x.event.outlets[0])})</h3><ul>")
        parts += ["<li>" + "".join(_mark(seg) for seg in sentence) + "</li>" for sentence in x.sentences]
        parts.append("</ul>")
        if x.more:
            parts.append(f'<p class="note">{summary.count(x.more, "more sentence")} with a flag in flags.csv.</p>')
    if more:
        parts.append(f'<p class="note">{more} more events of one outlet have flags; all are in flags.csv.</p>')
    return "".join(parts)


def _actors(analysis: Analysis, limits: ReportLimits) -> str:
    tables = summary.actor_tables(analysis, limits)
    if not tables:
        return ""
    parts = ["<h2>Who is called what</h2>", f'<p class="note">{e(summary.ACTORS_NOTE)}</p>']
    for t in tables:
        parts += [f"<h3>{e(t.event.title)}</h3>", _actor_table(t)]
    return "".join(parts)


def _actor_table(t: summary.ActorTable) -> str:
    rows = []
    for a in t.actors:
        cells = []
        for o in t.outlets:
            if o not in a.mentions:
                cells.append('<td class="missing">not mentioned</td>')
                continue
            labels = "; ".join(a.labels.get(o, [])) or "(no title or description)"
            verbs = ", ".join(f"{v} ×{n}" for v, n in a.verbs.get(o, {}).items())
            cells.append(
                f"<td>{e(labels)}"
                + (f'<br><span class="note">words reported with: {e(verbs)}</span>' if verbs else "")
                + "</td>"
            )
        rows.append(f"<tr><th>{e(a.name)}</th>{''.join(cells)}</tr>")
    head = "".join(f"<th>{e(o)}</th>" for o in t.outlets)
    return f"<table><thead><tr><th>person or group</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _method(analysis: Analysis, limits: ReportLimits) -> str:
    lex = ", ".join(f"{x['name']} {x['version']}" for x in analysis.run.get("lexicons", []))
    removed = ", ".join(f"{reason} ({n})" for reason, n in summary.removed_by_reason(analysis))
    parts = ["<h2>Method and limits</h2>"] + [f"<p>{e(p)}</p>" for p in summary.METHOD]
    parts.append(f'<p class="note">Lexicons: {e(lex)}. Page text removed before analysis: {e(removed or "none")}.</p>')
    if analysis.warnings:
        skipped = summary.skipped_input(analysis, limits)
        parts.append("<h3>Warnings about the input</h3><ul>" + "".join(f"<li>{e(w)}</li>" for w in skipped) + "</ul>")
    parts.append(
        "<footer>framing-analyzer: flags mark word choices a neutral report would avoid; "
        "read the sentences, not only the numbers.</footer>"
    )
    return "\n".join(parts)

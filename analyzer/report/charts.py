"""Charts as matplotlib Figures (no file I/O here; `report.render` saves them).

Colours are colour-blind safe (Okabe-Ito); each outlet keeps one colour across every chart, and
each framing category one colour. Every axis says what it counts and over what.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.transforms import ScaledTranslation  # noqa: E402

from .. import categories  # noqa: E402
from ..model import NO_DISTINCTIVE, Analysis, Event  # noqa: E402
from ..options import ReportLimits  # noqa: E402
from .fonts import drawable, fallback, spell_out  # noqa: E402
from .summary import corpus_scope, event_outlets, shown_events, shown_facts, shown_outlets  # noqa: E402
from .summary import short_name as _short_name  # noqa: E402

LEGEND_DROP_INCHES = 0.45  # a legend below an axis: under the tick labels and the axis label

if fallback():  # CJK names drawn with an installed font where DejaVu Sans has no glyph
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", fallback()[0]]


def short_name(name: str, limits: ReportLimits) -> str:
    """An outlet name as a chart label: cut to `limits.name_chars`, and with characters no
    installed font can draw spelled out as code points (never drawn as empty boxes)."""
    shown = _short_name(name, limits)
    return shown if fallback() else spell_out(shown, drawable())


OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
DPI = 200


def outlet_colours(analysis: Analysis) -> dict[str, str]:
    names = sorted({a.outlet for a in analysis.articles})
    return {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(names)}


def _style(fig: Figure) -> Figure:
    for ax in fig.axes:
        ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def _titled(title: str, analysis: Analysis) -> str:
    """A corpus-wide chart's title, saying what it pools when the corpus holds several events."""
    scope = corpus_scope(analysis)
    return f"{title}\n(whole corpus: {scope})" if scope else title


def loaded_language(analysis: Analysis, limits: ReportLimits) -> Figure:
    """Stacked bars: voice flags per 100 own-voice words, by category, per outlet."""
    outlets = sorted(shown_outlets(analysis, limits), key=lambda o: o.loaded_per_100_words)
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.6 * len(outlets)))
    left = [0.0] * len(outlets)
    rows = range(len(outlets))
    for cat, colour in ((c.name, c.colour) for c in categories.TABLE):
        values = [100 * o.categories.get(cat, 0) / o.voice_words if o.voice_words else 0 for o in outlets]
        if any(values):
            ax.barh(
                rows,
                values,
                left=left,
                color=colour,
                label=cat,
                edgecolor="white",
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
    for y, o in enumerate(outlets):  # the rate and what it counts: one flag is a bar too
        said = f"{o.loaded_per_100_words:.1f} ({o.voice_flags} in {o.voice_words:,} words)"
        ax.text(left[y] + 0.1, y, said, va="center", fontsize=9)
    ax.set_yticks(rows, [short_name(o.name, limits) for o in outlets])  # also when no outlet has a flag
    ax.set_ylim(-0.6, len(outlets) - 0.4)
    ax.set_xlabel("loaded terms per 100 words of the outlet's own voice (quotes excluded)")
    ax.set_title(_titled("Loaded language by outlet and kind", analysis))
    if ax.get_legend_handles_labels()[0]:
        # Below the axis label at a fixed distance: a share of the axes' height would overlap
        # the label when only a few outlets make the chart short.
        below = ax.transAxes + ScaledTranslation(0, -LEGEND_DROP_INCHES, fig.dpi_scale_trans)
        ax.legend(
            ncol=len(categories.TABLE),
            fontsize=8,
            loc="upper center",
            bbox_to_anchor=(0.5, 0),
            bbox_transform=below,
            frameon=False,
        )
    ax.set_xlim(0, max(left + [1.0]) * 1.15)
    return _style(fig)


def attribution(analysis: Analysis, limits: ReportLimits) -> Figure:
    """How each outlet attributes statements: "said" vs doubt-casting vs presupposing verbs."""
    outlets = sorted(shown_outlets(analysis, limits), key=lambda o: o.name)
    kinds = (
        ("neutral", "neutral (said, told)", "#999999"),
        ("doubt_casting", "doubt-casting (claimed, insisted)", "#D55E00"),
        ("presupposing", "presupposing (admitted, conceded)", "#0072B2"),
    )
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.6 * len(outlets)))
    left = [0] * len(outlets)
    for key, label, colour in kinds:
        values = [getattr(o.attribution, key) for o in outlets]
        ax.barh(
            [short_name(o.name, limits) for o in outlets],
            values,
            left=left,
            color=colour,
            label=label,
            edgecolor="white",
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("attribution verbs in the outlet's own voice (count)")
    ax.set_title(_titled("How each outlet reports what people said", analysis))
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=3, frameon=False)
    return _style(fig)


def headline_vs_body(analysis: Analysis, limits: ReportLimits) -> Figure:
    outlets = sorted(shown_outlets(analysis, limits), key=lambda o: o.name)
    colours = outlet_colours(analysis)
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.8 * len(outlets)))
    ys = range(len(outlets))
    ax.barh(
        [y + 0.2 for y in ys],
        [o.headline_loaded_per_100_words for o in outlets],
        height=0.4,
        color=[colours[o.name] for o in outlets],
        label="headlines",
    )
    ax.barh(
        [y - 0.2 for y in ys],
        [o.loaded_per_100_words for o in outlets],
        height=0.4,
        color=[colours[o.name] for o in outlets],
        alpha=0.45,
        label="body (own voice)",
    )
    ax.set_yticks(list(ys), [short_name(o.name, limits) for o in outlets])
    ax.set_xlabel("loaded terms per 100 words (headline words, or own-voice body words)")
    # Without a loaded headline the title says so and the key has no "headlines" without a bar.
    none = not any(o.headline_flags for o in outlets)
    title = _titled("Headlines against body text", analysis)
    ax.set_title(title + ("\n(no loaded word in any headline)" if none else ""))
    keys = [] if none else [Patch(color="#666666", label="headlines")]
    ax.legend(
        handles=[*keys, Patch(color="#666666", alpha=0.45, label="body (own voice)")],
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.22),
        ncol=2,
        frameon=False,
    )
    return _style(fig)


# Characters of 8-point text in one line of the tone chart's key (6.5 inches wide): three columns
# of 40-character names did not fit and the figure's layout gave up.
TONE_KEY_CHARS = 90


def tone_intensity(analysis: Analysis, limits: ReportLimits) -> Figure:
    colours = outlet_colours(analysis)
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for o in sorted(shown_outlets(analysis, limits), key=lambda o: o.name):
        x, y = o.tone, o.intensity
        ax.scatter(
            [x], [y], s=120, color=colours[o.name], edgecolor="black", zorder=3, label=short_name(o.name, limits)
        )
    # A key, since close points would hide labels; below the axis, where it covers no point, in
    # as many columns as its longest name leaves room for.
    longest = max((len(t) for t in ax.get_legend_handles_labels()[1]), default=1)
    columns = max(1, min(3, TONE_KEY_CHARS // (longest + 6)))
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=columns, frameon=False)
    ax.axvline(0, color="#bbbbbb", lw=1)
    ax.set_xlim(-1, 1)
    ax.set_ylim(0, max([0.3] + [o.intensity * 1.3 for o in shown_outlets(analysis, limits)]))
    ax.set_xlabel("tone of the outlet's own voice (VADER compound: -1 negative … +1 positive)")
    ax.set_ylabel("intensity (share of emotionally charged words)")
    ax.set_title(_titled("Tone and intensity are different things", analysis))
    return _style(fig)


def coverage(analysis: Analysis, event: Event, limits: ReportLimits) -> Figure:
    """Facts × outlets: which outlet reports which fact (facts reported by one outlet only are
    shown too: omission is framing)."""
    shown, more = shown_facts(analysis, event, limits.coverage_rows)
    outlets = list(event_outlets(event, limits))
    fig, ax = plt.subplots(figsize=(1.8 + 1.6 * len(outlets), 1.2 + 0.3 * len(shown)))
    colours = outlet_colours(analysis)
    for y, (_, fact) in enumerate(shown):
        for x, outlet in enumerate(outlets):
            reported = outlet in fact.outlets
            ax.add_patch(
                plt.Rectangle(
                    (x + 0.05, y + 0.05), 0.9, 0.9, color=colours[outlet] if reported else "#eeeeee", ec="white"
                )
            )
            if not reported:
                ax.text(x + 0.5, y + 0.5, "—", ha="center", va="center", fontsize=8, color="#888888")
    ax.set_xlim(0, len(outlets))
    ax.set_ylim(len(shown), 0)
    ax.set_xticks([x + 0.5 for x in range(len(outlets))], [short_name(o, limits) for o in outlets], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks([y + 0.5 for y in range(len(shown))], [f"fact {n}" for n, _ in shown], fontsize=8)
    title = "Which outlet states which fact (coloured: a sentence states it; grey: none was found)"
    ax.set_title(title + (f"\n{more} more facts in facts.csv" if more else ""), fontsize=10, pad=24)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    fig.tight_layout()
    return fig


# Panels of the distinctive-words chart side by side: five in a row printed too small to read on a
# portrait page (the seeds' report); more go on further rows.
PANELS_A_ROW = 3


def distinctive(analysis: Analysis, event: Event, limits: ReportLimits) -> Figure:
    """Each outlet's most distinctive words in one event (log-odds z-scores against the event's
    other outlets): across events, an outlet's words would be its story's topic."""
    words = analysis.event_distinctive.get(event.id, NO_DISTINCTIVE)
    per_outlet, floor = words.outlets, words.noise_floor
    colours = outlet_colours(analysis)
    outlets = [o for o in event_outlets(event, limits) if o in per_outlet]
    if len(outlets) < 2 or not any(per_outlet[o] for o in outlets):  # empty panels would say nothing
        fig, ax = plt.subplots(figsize=(8, 1.2))
        ax.axis("off")
        ax.text(0.5, 0.5, "No word sets any outlet apart in this event (too little text to tell).", ha="center")
        return fig
    columns = min(len(outlets), PANELS_A_ROW)
    rows = -(-len(outlets) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(3.4 * columns, 0.4 + 3.8 * rows), squeeze=False)
    for ax in axes.flat[len(outlets) :]:
        ax.axis("off")
    for ax, outlet in zip(axes.flat, outlets, strict=False):
        terms = per_outlet[outlet][:8][::-1]
        ax.set_title(short_name(outlet, limits), fontsize=10, color=colours.get(outlet, "black"))
        if not terms:  # an empty panel would draw meaningless axes
            ax.axis("off")
            ax.text(0.5, 0.5, "no word sets it apart", ha="center", va="center", transform=ax.transAxes, fontsize=9)
            continue
        ax.barh(
            [t.term for t in terms],
            [t.z for t in terms],
            color=[colours.get(outlet, "#777777") if t.above_noise else "#cccccc" for t in terms],
        )
        if floor:
            ax.axvline(floor, color="black", lw=1, ls="--")
        ax.set_xlabel("z-score of log-odds")
    fig.suptitle(
        "Words that set each outlet apart in this event (grey: within random noise; dashed: noise floor)", fontsize=10
    )
    return _style(fig)


@dataclass(frozen=True)
class Chart:
    """A corpus-wide chart: its file name, how it is drawn, its text for readers who cannot see it,
    and the share of a page's width it takes in the PDF."""

    name: str
    draw: Callable[[Analysis, ReportLimits], Figure]
    alt: str
    width: float = 1.0


# The charts of the report's summary, in order: PNG, PDF and HTML all take them from here.
SUMMARY = (
    Chart("loaded_language", loaded_language, "Loaded terms per 100 words of each outlet's own voice, by kind"),
    Chart("attribution", attribution, "Attribution verbs per outlet: neutral, doubt-casting, presupposing"),
    Chart("headlines", headline_vs_body, "Loaded terms in headlines against body text, per outlet"),
    Chart("tone_intensity", tone_intensity, "Tone and intensity of each outlet's own voice", width=0.75),
)


def coverage_name(n: int) -> str:
    """The file name of the coverage chart of the n-th event shown (from 1)."""
    return f"coverage_{n:02d}"


def distinctive_name(n: int) -> str:
    """The file name of the distinctive-words chart of the n-th event shown (from 1)."""
    return f"distinctive_{n:02d}"


def figures(analysis: Analysis, limits: ReportLimits) -> Iterator[tuple[str, Figure]]:
    """Every chart of the report with its file name (without extension), drawn one at a time
    so that the caller can close each before the next is drawn."""
    for chart in SUMMARY:
        yield chart.name, chart.draw(analysis, limits)
    for n, event in enumerate(shown_events(analysis, limits)[0], start=1):
        yield coverage_name(n), coverage(analysis, event, limits)
        yield distinctive_name(n), distinctive(analysis, event, limits)

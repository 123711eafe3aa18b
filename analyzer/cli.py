"""The `framing` command: a thin click layer over the library.

Exit codes: 0 success, 1 bad input (a one-line message naming the file), 2 usage error,
3 internal error (a bug; --debug shows the traceback), 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from . import api, lexicons
from .context import TIERS
from .context import group as context_group
from .context import tier as entry_tier
from .errors import EngineError, InputError, printable
from .evaluate import Evaluation, GoldError, evaluate, pooled
from .framing import example_sentences, flag_text, passed_in_text
from .lexicons import CATEGORIES
from .model import Analysis
from .options import (
    DEFAULT_MAX_BYTES,
    EVENT_MODES,
    AlignOptions,
    AnalysisOptions,
    EventOptions,
    FlagOptions,
    ReadOptions,
)
from .pipeline import STAGES, coverage_warnings, tool_version
from .report import FORMATS, write_lessons
from .report.summary import count
from .runtime import ENGINES, default_jobs, make_engine, paused

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as shells report a process that SIGTERM ended
WRITE_STEP = "writing the report"  # the progress bar's last step after the analysis stages
EXIT_BROKEN_PIPE = 141  # as a shell reports a command ended by SIGPIPE
MAX_GROUPING_LINES = 20  # events listed after a report; the rest are in analysis.json
MAX_GROUPING_OUTLETS = 6


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    bad = [f for f in chosen if f not in FORMATS]
    if not chosen:
        raise click.BadParameter(f"no format given; choose from {','.join(FORMATS)}")
    if bad:
        raise click.BadParameter(f"{', '.join(bad)} is not a format; choose from {','.join(FORMATS)}")
    return chosen


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads a corpus."""
    options = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str)),
        click.option(
            "--strict",
            is_flag=True,
            help="Treat warnings about input (a skipped file or row, only one outlet) as errors.",
        ),
        click.option(
            "--follow-links",
            is_flag=True,
            help="Also read links in the input folders that point to files outside them.",
        ),
        click.option(
            "--max-file-size",
            type=click.IntRange(min=1),
            default=DEFAULT_MAX_BYTES // (1024 * 1024),
            show_default=True,
            help="Refuse input files larger than this many megabytes.",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(min=1),
            default=default_jobs(),
            show_default="all cores",
            help=(
                "Worker processes for reading the corpus and the per-article and per-event stages "
                "(with --engine local)."
            ),
        ),
        click.option(
            "--engine",
            type=click.Choice(ENGINES),
            default="local",
            show_default=True,
            help=(
                "Where reading the corpus and the per-article and per-event stages run: this machine, "
                "or a Dask cluster (whose workers must see PATHS)."
            ),
        ),
        click.option(
            "--scheduler",
            metavar="ADDRESS",
            help="Address of the Dask scheduler for --engine dask, e.g. tcp://10.0.0.5:8786.",
        ),
        click.option(
            "--events",
            "event_mode",
            type=click.Choice(EVENT_MODES),
            default="auto",
            show_default=True,
            help=(
                "How articles are grouped into events: by content and date (auto), one event per input "
                "folder (folders), or all as one story (one). An `event` in front matter or a manifest wins."
            ),
        ),
        click.option(
            "--quiet", "-q", is_flag=True, help="No progress bar nor summary (warnings about input still print)."
        ),
        click.option("--debug", is_flag=True, help="Show a traceback on errors."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _output_option(default: str, what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The -o/--output option of a command that writes `what` into a folder."""
    return click.option(
        "-o",
        "--output",
        default=default,
        show_default=True,
        type=click.Path(path_type=str),
        help=f"Folder to write {what} into.",
    )


class Terminated(BaseException):
    """SIGTERM arrived (`kill`, a job scheduler's time limit): unwound like Ctrl-C, so the
    temporary report folder is removed and the previous report stays."""


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While a command runs, SIGTERM raises `Terminated` (only the main thread can set handlers:
    elsewhere the default stays)."""

    def stop(signum: int, frame: object) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one-line messages with exit code 1 (traceback with --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _terminate_as_interrupt():
                return func(*args, **kwargs)
        except (InputError, EngineError) as err:
            if kwargs.get("debug"):
                traceback.print_exc()
            raise click.ClickException(str(err)) from None
        except KeyboardInterrupt:
            click.echo("framing: interrupted; the previous report is left as it was", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
        except Terminated:
            click.echo("framing: terminated; the previous report is left as it was", err=True)
            raise SystemExit(EXIT_TERMINATED) from None
        except BrokenPipeError:
            # The reader of our output went away (`framing lexicon show | head`): nothing to say,
            # and nothing more may be written to it, not even at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(EXIT_BROKEN_PIPE) from None
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            raise
        except Exception as err:  # a bug: say so in one line, keep the traceback for --debug
            if kwargs.get("debug"):
                traceback.print_exc()
            click.echo(
                f"framing: internal error: {type(err).__name__}: {err} (run again with --debug for details)", err=True
            )
            raise SystemExit(EXIT_INTERNAL) from None

    return wrapper


def _lexicon_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--lexicon",
        "lexicon_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=str),
        help="Extra lexicon TSV (same columns as the built-in ones); may be repeated.",
    )(func)


def _model_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--context-model and --aligner: the two learned weights files an analysis can swap."""
    return _context_model_option(
        click.option(
            "--aligner",
            type=click.Path(dir_okay=False, path_type=str),
            help="Pair-scorer weights saved by 'framing align train' (default: the shipped scorer, fitted on "
            "sentence pairs people judged in real news), which decide which sentences state the same fact.",
        )(func)
    )


def _context_model_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--context-model",
        type=click.Path(exists=True, dir_okay=False, path_type=str),
        help="Context-model weights saved by 'framing lexicon train' (default: the shipped model, "
        "fitted on human-annotated news), which decide which lexicon matches are loaded in context.",
    )(func)


def _weights_output_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """-o FILE of the commands that train weights."""
    return click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(dir_okay=False, path_type=str),
        help="Where to save the weights (JSON).",
    )(func)


def _options(
    lexicon_files: tuple[str, ...], context_model: str | None, event_mode: str = "auto", aligner: str | None = None
) -> AnalysisOptions:
    return AnalysisOptions(
        lexicons=lexicon_files,
        events=EventOptions(mode=event_mode),
        align=AlignOptions(model=aligner),
        flags=FlagOptions(context_model=context_model),
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(tool_version(), prog_name="framing")
def main() -> None:
    """Show how news outlets cover the same event differently.

    \b
    Example:
      framing report corpus/ -o reports/
    """


@main.command()
@input_options
@_output_option("reports", "the report")
@click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    callback=_formats,
    help="Comma-separated outputs to write: " + ", ".join(FORMATS) + ".",
)
@_lexicon_option
@_model_options
@click.option(
    "--reproducible",
    is_flag=True,
    help="Date the report by its newest article instead of today, so the same input gives the same files.",
)
@handle_errors
def report(
    paths: tuple[str, ...],
    output: str,
    formats: tuple[str, ...],
    lexicon_files: tuple[str, ...],
    context_model: str | None,
    aligner: str | None,
    reproducible: bool,
    strict: bool,
    follow_links: bool,
    max_file_size: int,
    jobs: int,
    engine: str,
    scheduler: str | None,
    event_mode: str,
    quiet: bool,
    debug: bool,
) -> None:
    """Analyse the articles in PATHS and write a report.

    PATHS are files or folders (searched recursively) of .txt/.md (with YAML front matter),
    .html, .csv or .jsonl articles.

    \b
    Example:
      framing report corpus/ -o reports/ --format json,pdf
    """
    options = _options(lexicon_files, context_model, event_mode, aligner)
    written: list[Path] = []
    analysis = _run(
        paths,
        options,
        strict=strict,
        follow_links=follow_links,
        max_file_size=max_file_size,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        quiet=quiet,
        write=lambda a: written.extend(api.render(a, output, formats=formats, reproducible=reproducible)),
    )
    if not quiet:
        for line in grouping_lines(analysis):
            click.echo(line, err=True)
        click.echo(
            f"{count(len(analysis.articles), 'article')}, {count(len(analysis.events), 'event')}, "
            f"{count(len(analysis.sentences), 'sentence')} → {output}/ ({count(len(written), 'file')})",
            err=True,
        )


def _run(
    paths: tuple[str, ...],
    options: AnalysisOptions,
    *,
    strict: bool,
    follow_links: bool,
    max_file_size: int,
    jobs: int,
    engine: str,
    scheduler: str | None,
    quiet: bool,
    progress: bool = True,
    write: Callable[[Analysis], object] | None = None,
) -> Analysis:
    """Load PATHS and analyse them on the engine the options chose (closed again afterwards),
    printing each warning about skipped input, and a stage progress bar where it helps; `write`,
    when given, writes the report as the bar's last step (so 100% means the files are there)."""
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler goes with --engine dask")
    read = ReadOptions(strict=strict, max_bytes=max_file_size * 1024 * 1024, follow_links=follow_links)
    # The process is the command's own: the collector stays paused for the whole command and
    # what the run made is frozen (see runtime.collector).
    with make_engine(engine, jobs=jobs, scheduler=scheduler) as run, paused(freeze=True):
        corpus = api.load(paths, options=read, engine=run)
        for warning in corpus.warnings:  # even with --quiet: a skipped file must never go unnoticed
            click.echo(f"warning: {warning}", err=True)
        for warning in coverage_warnings(corpus):  # "only one outlet": an error with --strict
            if strict:
                raise InputError(", ".join(paths), warning)
            click.echo(f"warning: {warning}", err=True)
        for note in () if quiet else corpus.notes:
            click.echo(f"note: {note}", err=True)
        steps = STAGES + ((WRITE_STEP,) if write else ())
        with _progress(quiet or not progress, len(corpus.articles), steps) as on_stage:
            analysis = api.analyze(corpus, options, engine=run, on_stage=on_stage)
            if write:
                if on_stage:
                    on_stage(WRITE_STEP)
                write(analysis)
            return analysis


@contextlib.contextmanager
def _progress(quiet: bool, articles: int, steps: tuple[str, ...]) -> Iterator[Callable[[str], None] | None]:
    """A progress bar over `steps` on stderr, shown only on a terminal and without --quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=len(steps), label=f"analysing {count(articles, 'article')}", file=sys.stderr) as bar:
        seen: list[str] = []

        def on_stage(name: str) -> None:
            bar.label = f"analysing {count(articles, 'article')}: {name}"  # the step now running, shown at once
            if seen:
                bar.update(1)  # the previous step is done
            else:
                bar.render_progress()
            seen.append(name)

        yield on_stage
        bar.update(len(steps) - bar.pos)


@main.command(name="evaluate")
@input_options
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    help="Gold annotations (default: every gold.json under PATH, each scored on its folder, then pooled).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@_lexicon_option
@_model_options
@handle_errors
def evaluate_command(
    paths: tuple[str, ...],
    gold: str | None,
    as_json: bool,
    lexicon_files: tuple[str, ...],
    context_model: str | None,
    aligner: str | None,
    strict: bool,
    follow_links: bool,
    max_file_size: int,
    jobs: int,
    engine: str,
    scheduler: str | None,
    event_mode: str,
    quiet: bool,
    debug: bool,
) -> None:
    """Score alignment and flags of PATHS against hand-annotated gold.

    Alignment is scored pairwise (precision, recall, F1); also counted: predicted pairs that
    cross gold events, whether events were grouped exactly, and loaded-term precision/recall.
    --lexicon and --context-model score the flags of your own lexicon or trained model.

    \b
    Example:
      framing evaluate corpus/school-closures --gold corpus/school-closures/gold.json
      framing evaluate my-corpus/ --context-model weights.json
    """
    run = functools.partial(
        _run,
        strict=strict,
        follow_links=follow_links,
        max_file_size=max_file_size,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        quiet=True,
    )
    options = _options(lexicon_files, context_model, event_mode, aligner)
    if gold:
        sets = [(Path(gold), paths)]
    else:  # every gold file under PATHS, each scored on its own folder
        found = sorted(
            {g for p in paths for g in ([Path(p)] if Path(p).name == "gold.json" else Path(p).rglob("gold.json"))}
        )
        if not found:
            raise click.UsageError(f"no gold.json under {', '.join(paths)} (name one with --gold)")
        sets = [(g, (str(g.parent),)) for g in found]
    results = {}
    for gold_path, set_paths in sets:
        gold_doc = _gold(gold_path)
        try:
            results[str(gold_path.parent)] = evaluate(run(set_paths, options), gold_doc)
        except GoldError as err:
            raise InputError(str(gold_path), str(err)) from None
    if len(results) > 1:
        results["all"] = pooled(results.values())
    if as_json:
        doc = {name: r.as_dict() for name, r in results.items()}
        click.echo(json.dumps(next(iter(doc.values())) if len(doc) == 1 else doc, indent=1))
        return
    for name, result in results.items():
        if len(results) > 1:
            click.echo(f"\n{name}")
        _print_evaluation(result)


def _gold(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise click.UsageError(f"no gold file: {path} (name one with --gold)")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"not valid JSON: {err}") from None
    if not isinstance(doc, dict):
        raise InputError(str(path), "gold must be a JSON object with events, facts and loaded terms")
    return doc


def _print_evaluation(result: Evaluation) -> None:
    a = result.alignment
    click.echo(
        f"alignment  precision {a.precision:.3f}  recall {a.recall:.3f}  F1 {a.f1:.3f}  "
        f"({a.true_positives} of {a.predicted} predicted pairs correct, {a.expected} gold pairs)"
    )
    click.echo(f"cross-event pairs  {result.cross_event_pairs}")
    click.echo(f"events grouped exactly  {'yes' if result.events_exact else 'no'}")
    if result.flags:
        f = result.flags
        click.echo(
            f"loaded terms  precision {f.precision:.3f}  recall {f.recall:.3f}  F1 {f.f1:.3f}  "
            f"({f.predicted} voice flags, {f.expected} gold terms)"
        )


@main.command()
@input_options
@_output_option("lesson", "the handouts")
@click.option("--answers", is_flag=True, help="Add the teacher's answer key pages.")
@click.option("--blank", is_flag=True, help="Side-by-side pages without highlights, for students to mark first.")
@_lexicon_option
@_model_options
@click.option("--reproducible", is_flag=True, help="Date the handout by its newest article instead of today.")
@handle_errors
def lesson(
    paths: tuple[str, ...],
    output: str,
    answers: bool,
    blank: bool,
    lexicon_files: tuple[str, ...],
    context_model: str | None,
    aligner: str | None,
    reproducible: bool,
    strict: bool,
    follow_links: bool,
    max_file_size: int,
    jobs: int,
    engine: str,
    scheduler: str | None,
    event_mode: str,
    quiet: bool,
    debug: bool,
) -> None:
    """Write a printable classroom handout (PDF and HTML) for each event in PATHS.

    Each handout has the event in two neutral sentences, the most contrasting facts side by
    side with the techniques named, who is called what, what each outlet left out, exercises
    built from the articles, and a glossary.

    \b
    Example:
      framing lesson corpus/school-closures -o lesson/ --answers
    """
    analysis = _run(
        paths,
        _options(lexicon_files, context_model, event_mode, aligner),
        strict=strict,
        follow_links=follow_links,
        max_file_size=max_file_size,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        quiet=quiet,
        progress=False,
    )
    written = write_lessons(
        analysis, output, lexicon=lexicons.load(lexicon_files), answers=answers, blank=blank, reproducible=reproducible
    )
    if not quiet:
        for line in grouping_lines(analysis):
            click.echo(line, err=True)
        click.echo(f"{count(len(written) // 2, 'handout')} → {output}/", err=True)


@main.command()
@click.argument("term", required=False)
@click.option("--sentence", help="Flag this sentence and explain every flag.")
@_lexicon_option
@_context_model_option
@handle_errors
def explain(term: str | None, sentence: str | None, lexicon_files: tuple[str, ...], context_model: str | None) -> None:
    """Explain a loaded TERM with an example, or flag a --sentence you type.

    \b
    Examples:
      framing explain "power grab"
      framing explain --sentence 'The mayor slammed the "reform" as a giveaway.'
    """
    lex = lexicons.load(lexicon_files)
    if (term is None) == (sentence is None):
        raise click.UsageError("give a TERM or --sentence, not both")
    if term is not None:
        entry = lex.lookup(term)
        if entry is None:
            raise click.ClickException(f"{term!r} is not in the lexicons (see: framing lexicon show)")
        before, after = example_sentences(entry)
        click.echo(explain_entry(entry))
        if after is None:  # a rewrite that would not read right is not offered
            after = "(none offered: the alternative says what to write, or the sentence would not read right)"
        click.echo(f"  example: {printable(before)}\n  neutral: {printable(after)}")
        return
    options = FlagOptions(context_model=context_model)
    flags = flag_text(sentence, lex, options)
    passed = passed_in_text(sentence, lex, options)
    if not flags:
        why = "the listed words below read as plain where they stand" if passed else "no word here is listed"
        click.echo(f"No loaded words found: {why}.")
    for f in flags:
        whose = "inside a quotation: the speaker's word, not the writer's" if f.quoted else "the writer's own voice"
        click.echo(
            f"“{printable(f.text)}” [{f.category}, {whose}; {f.source} lexicon, in-context score {f.score:.2f}]\n"
            f"  why: {printable(f.why)}\n  neutral: {printable(f.neutral or '(leave it out)')}"
        )
    for c, threshold in passed:
        where = "the broad tier of charged words" if entry_tier(c.entry) == "broad" else "the curated lexicon"
        word = printable(sentence[c.start : c.end])
        click.echo(
            f"“{word}” is listed ({c.entry.category}, {where}) but not flagged here: its "
            f"in-context score {c.score:.2f} is under {threshold:.2f}; people who marked loaded words in real news "
            "rarely marked it where it stands like this."
        )
        if context_group(c.entry) == "stance":
            plainly = f" (“{printable(c.entry.neutral)}”)" if c.entry.neutral else ""
            click.echo(
                f"  A report flags it as a framing contrast where another outlet states the same fact plainly{plainly}."
            )


@main.group()
def lexicon() -> None:
    """List, explain and validate loaded-language lexicons.

    \b
    Example:
      framing lexicon explain "power grab"
    """


@lexicon.command(name="show")
@click.option("--category", type=click.Choice(CATEGORIES), help="Only this category.")
@click.option(
    "--tier",
    type=click.Choice(TIERS),
    help="Only the curated entries (written for this project, and yours) or the broad tier (charged words "
    "from VADER and TextBlob).",
)
@_lexicon_option
@handle_errors
def lexicon_show(category: str | None, tier: str | None, lexicon_files: tuple[str, ...]) -> None:
    """List lexicon terms: term, category, weight and neutral alternative, tab-separated.

    \b
    Example:
      framing lexicon show --category attribution --tier curated
    """
    lex = lexicons.load(lexicon_files)
    for src in lex.sources:
        click.echo(f"# {printable(str(src['name']))} version {printable(str(src['version']))}")
    click.echo("term\tcategory\tweight\tneutral")
    for e in sorted(lex.entries, key=lambda e: (e.category, e.term)):
        if (category is None or e.category == category) and (tier is None or entry_tier(e) == tier):
            click.echo(f"{printable(e.term)}\t{e.category}\t{e.weight}\t{printable(e.neutral or '')}")


@lexicon.command(name="explain")
@click.argument("term")
@_lexicon_option
@handle_errors
def lexicon_explain(term: str, lexicon_files: tuple[str, ...]) -> None:
    """Explain why TERM (or one of its inflections) is loaded, and what to write instead.

    \b
    Example:
      framing lexicon explain slashed
    """
    entry = lexicons.load(lexicon_files).lookup(term)
    if entry is None:
        raise click.ClickException(f"{term!r} is not in the lexicons (see: framing lexicon show)")
    click.echo(explain_entry(entry))


@lexicon.command(name="check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=str))
@handle_errors
def lexicon_check(file: str) -> None:
    """Validate a lexicon FILE; print each problem with its line and exit 1 if there are any.

    \b
    Example:
      framing lexicon check my-terms.tsv
    """
    problems = lexicons.check(file)
    for p in problems:
        click.echo(p, err=True)
    if problems:
        raise SystemExit(1)
    click.echo(f"{file}: ok")


@lexicon.command(name="train")
@click.argument("gold_folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=str))
@_weights_output_option
@_lexicon_option
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=default_jobs, show_default="CPUs", help="Worker processes."
)
@handle_errors
def lexicon_train(gold_folders: tuple[str, ...], output: str, lexicon_files: tuple[str, ...], jobs: int) -> None:
    """Fit the context model on annotated news in GOLD_FOLDERS and save its weights.

    Each folder holds subfolders of articles (.txt, .md) with a gold.json listing the loaded
    spans ({"spans": [{"file", "start", "end"}, …]}, character offsets into each file). Every
    lexicon match outside quotes is an example; the report uses the weights with --context-model.

    \b
    Example:
      framing lexicon train my-annotations/ -o weights.json
      framing report corpus/ --context-model weights.json
    """
    from .context_train import train

    model = train(gold_folders, lexicons.load(lexicon_files), _options(lexicon_files, None), jobs=jobs)
    Path(output).write_text(model.to_json(), encoding="utf-8")
    click.echo(f"{output}: {model.trained_on}", err=True)


@main.group()
def align() -> None:
    """Train the pair scorer that decides which sentences of two outlets state the same fact."""


@align.command(name="train")
@click.option(
    "--gold",
    "gold_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Judged sentence pairs of whole stories, in the form of dev-data's align/basil-pairs.json.",
)
@click.option(
    "--stories",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The folder holding the gold's story folders (default: ../loaded/basil beside the gold file).",
)
@click.option(
    "--corpus",
    "corpora",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of articles with a gold.json of facts (as corpus/school-closures) to train on as well; "
    "may be repeated.",
)
@click.option(
    "--pairs",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON Lines of sentence pairs (a, b, label), each a two-outlet event of its own; may be repeated.",
)
@_weights_output_option
@handle_errors
def align_train(
    gold_file: Path, stories: Path | None, corpora: tuple[Path, ...], pairs: tuple[Path, ...], output: str
) -> None:
    """Fit the pair scorer on judged sentence pairs and save its weights.

    Every candidate pair the aligner finds in a judged story is an example (judged the same
    fact: positive; side detail: left out; else negative). The probability is calibrated and
    its threshold chosen on stories held out in turn; the file records the data and those
    figures. The same data give the same file, byte for byte.

    \b
    Example:
      framing align train --gold basil-pairs.json --corpus corpus/school-closures -o aligner.json
      framing report corpus/ --aligner aligner.json
    """
    from .align_train import train

    model = train(gold_file, root=stories, corpora=corpora, external=pairs)
    Path(output).write_text(model.to_json(), encoding="utf-8")
    held = model.about["held_out"]
    click.echo(
        f"{output}: held-out P {held['precision']:.2f} R {held['recall']:.2f} F1 {held['f1']:.2f} "
        f"at probability {model.threshold:.2f}",
        err=True,
    )


def grouping_lines(analysis: Analysis) -> list[str]:
    """How the articles were grouped, one line an event (at most MAX_GROUPING_LINES), so that a
    wrong grouping is seen at once."""
    lines = []
    for event in analysis.events[:MAX_GROUPING_LINES]:
        outlets = ", ".join(printable(o) for o in event.outlets[:MAX_GROUPING_OUTLETS])
        more = len(event.outlets) - MAX_GROUPING_OUTLETS
        outlets += f" and {more} more" if more > 0 else ""
        lines.append(f"event “{printable(event.title)}”: {count(len(event.articles), 'article')} ({outlets})")
    if len(analysis.events) > MAX_GROUPING_LINES:
        lines.append(f"… and {len(analysis.events) - MAX_GROUPING_LINES} more events (all in analysis.json)")
    return lines


def explain_entry(entry: lexicons.Entry) -> str:
    """A lexicon entry for the terminal; a lexicon file is input, so its text is escaped."""
    neutral = printable(entry.neutral or "(leave it out)")
    return (
        f"{printable(entry.term)}  [{entry.category}, weight {entry.weight}]\n"
        f"  why: {printable(entry.why)}\n"
        f"  neutral: {neutral}\n"
        f"  source: {printable(entry.source)} ({printable(entry.lexicon)})"
    )


def entry() -> None:
    """The `framing` command: `main`, and after Ctrl-C or SIGTERM (the temporary report folder
    already removed, the workers stopped) an exit that waits for no thread: a process pool's
    management thread, left waiting on a stopped worker, kept 2 interrupted runs in 16 from
    ever exiting, a second Ctrl-C included."""
    try:
        main(prog_name="framing")
    except SystemExit as done:
        if done.code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(done.code)
        raise


if __name__ == "__main__":  # pragma: no cover
    entry()

"""Read corpus files into `Article` records.

Formats: `.txt`/`.md` with optional YAML front matter, saved `.html`/`.htm` pages (main text and
metadata by trafilatura), and `.jsonl`/`.csv` with one article a row. A file that cannot be used
becomes a one-line warning naming it (an `InputError` with `strict=True`); the others still load.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from . import metadata
from .errors import InputError, printable
from .language import not_english
from .model import Article
from .options import DEFAULT_MAX_BYTES, ReadOptions
from .report_mark import REPORT_MARK, report_files, written_by_this_tool

if TYPE_CHECKING:
    from .runtime import Engine

MANIFESTS = ("sources.csv", "sources.yaml", "sources.yml")
# Files that live beside articles in a corpus folder but are not articles.
NOT_ARTICLES = {"gold.json", *MANIFESTS}
# A folder's README documents it and is skipped, unless it has front matter: then it is an article.
READMES = {"readme.md", "readme.txt"}
METADATA_KEYS = ("outlet", "title", "date", "url", "event")

# Share of control characters above which a file is binary rather than text; real articles,
# even badly converted ones, have none besides tabs and line breaks.
BINARY_CONTROL_SHARE = 0.01
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters but tab, line and form feeds
FRONT_MATTER_MAX_BYTES = 64 * 1024
# Share of NUL bytes in the odd (or even) positions above which bytes are UTF-16 text without a
# byte-order mark: English UTF-16 has a NUL in nearly every other byte; binary files do not.
UTF16_NUL_SHARE = 0.9
# Broken bytes per well-formed UTF-8 character above which a file is in another encoding: a cp1252
# or Latin-1 file has no well-formed multi-byte character at all, or one by chance ("Ã©").
NEARLY_UTF8_SHARE = 0.5
NON_ASCII = re.compile(r"[^\x00-\x7f]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # a JSON escape ("\\ud800") can make one; UTF-8 cannot hold it
# A page's date only from what it states (meta tags, <time>, structured data), the original
# publication rather than an update: htmldate's extensive search guesses ("© 2019" became
# 2019-01-01) and its default latest date is today's, so the same page could read differently
# tomorrow.
HTML_DATES = {"extensive_search": False, "original_date": True, "max_date": "2100-12-31"}
GUESSED_NAMES_SHOWN = 5  # file names a warning about guessed metadata lists before "…"
ENGLISH_ONLY = "the tool reads English only, so its flags and tone say little"
PROBLEMS_SHOWN = 3  # problems the error of a folder without one readable article names


@dataclass(frozen=True)
class Corpus:
    """The articles that loaded, the warnings about what did not, every file's sha256, and
    notes on files left out by convention (a folder's README), which are no problem."""

    articles: tuple[Article, ...]
    warnings: tuple[str, ...]
    files: dict[str, str]
    notes: tuple[str, ...] = ()


def load_corpus(
    paths: Iterable[str | os.PathLike[str]], *, options: ReadOptions = ReadOptions(), engine: Engine | None = None
) -> Corpus:
    """Load every article under `paths` (files or folders, searched recursively).

    Files are read and parsed in partitions on `engine` (default: this process), which for a
    Dask cluster means on its workers: they must see the same paths (a shared file system).
    Duplicates, ids and warnings are settled here afterwards, in file order, so the result does
    not depend on the engine."""
    warnings: list[str] = []
    notes: list[str] = []
    articles: list[Article] = []
    files: dict[str, str] = {}
    seen_bodies: dict[str, str] = {}
    ids: set[str] = set()
    guessed: dict[str, list[str]] = {}  # folder → files whose outlet is a guess

    def warn(err: InputError) -> None:
        if options.strict:
            raise err
        warnings.append(str(err))

    candidates = list(_walk(paths, warn, options.follow_links))
    read_files = partial(_read_files, options=options)
    parts = engine.map(read_files, engine.split(candidates)) if engine else [read_files(candidates)]
    for part in parts:
        for read in part:
            if read.sha256:
                files[read.path] = read.sha256
            notes.extend(read.notes)
            for problem in read.problems:
                warn(problem)
            for folder, names in read.guessed.items():
                guessed.setdefault(folder, []).extend(names)
            for art in read.articles:
                if art.sha256 in seen_bodies:
                    warn(InputError(art.source, f"same text as {printable(seen_bodies[art.sha256])}; reported once"))
                    continue
                seen_bodies[art.sha256] = art.source
                art_id = unique_id(art.id, ids)
                articles.append(art if art_id == art.id else replace(art, id=art_id))
    for folder, names in sorted(guessed.items()):
        shown = ", ".join(map(printable, names[:GUESSED_NAMES_SHOWN]))
        shown += " …" if len(names) > GUESSED_NAMES_SHOWN else ""
        warn(
            InputError(
                folder,
                f"{len(names)} file(s) without front matter or manifest entry ({shown}); their outlet (and any "
                "date) was read from the page or the file name: add front matter or a sources.csv (columns "
                "file,outlet,title,date,url,event)",
            )
        )
    if not articles:
        raise InputError(", ".join(str(p) for p in paths) or ".", _nothing_read(candidates, warnings))
    return Corpus(tuple(_lettered(articles)), tuple(warnings), files, tuple(notes))


# A run of hex digits in a file name: a hash ("000_5b500b600abc2355"), which no reader can tell apart.
HASHED = re.compile(r"[0-9a-f]{8,}")


def _lettered(articles: list[Article]) -> list[Article]:
    """Articles whose outlet is their file name with a hash in it, renamed "Outlet A (000_5b50…)",
    lettered in the order of the names (a chart's label a reader can tell apart and say aloud;
    the start of the file name still finds the file)."""
    stems = sorted(
        {
            a.outlet
            for a in articles
            if "outlet" in a.inferred and a.outlet == Path(a.source).stem and HASHED.search(a.outlet)
        }
    )
    names = {s: f"Outlet {_letter(n)} ({HASHED.sub(lambda m: m.group()[:4] + '…', s)})" for n, s in enumerate(stems)}
    return [replace(a, outlet=names[a.outlet]) if a.outlet in names else a for a in articles]


def _letter(n: int) -> str:
    """A, B, …, Z, AA, AB, …"""
    return _letter(n // 26 - 1) + chr(65 + n % 26) if n >= 26 else chr(65 + n)


def _nothing_read(candidates: Sequence[tuple[Path, Path]], warnings: Sequence[str]) -> str:
    """Why no article was read: the first problems met, or that no file had an article's suffix."""
    if not warnings:
        found = f"{len(candidates)} file(s), none an article" if candidates else "no files"
        return f"no readable articles found ({found}; articles are {', '.join(READERS)} files)"
    shown = "; ".join(warnings[:PROBLEMS_SHOWN]) + ("; …" if len(warnings) > PROBLEMS_SHOWN else "")
    return f"no readable articles found; {len(warnings)} problem(s): {shown}"


@dataclass
class _FileRead:
    """One file as a partition worker read it: its sha256 (None if unreadable), its articles
    (each with the sha256 of its text), and the problems met, in order."""

    path: str
    sha256: str | None
    articles: list[Article]
    problems: list[InputError]
    guessed: dict[str, list[str]]  # folder → files whose outlet is a guess
    notes: list[str] = field(default_factory=list)


def _read_files(candidates: Sequence[tuple[Path, Path]], *, options: ReadOptions) -> list[_FileRead]:
    """Read and parse a partition of (root, file) pairs; problems are collected, not raised
    (with `strict`, a file's parsing stops at its first problem)."""
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}  # each folder's manifest, read once
    out = []
    for root, path in candidates:
        read = _FileRead(str(path), None, [], [], {})

        def warn(err: InputError, read: _FileRead = read) -> None:
            read.problems.append(err)
            if options.strict:
                raise err

        try:
            data = _read_bytes(path, options.max_bytes)
            if path.name.lower() in READMES and not FRONT_MATTER.match(decode(data, str(path))):
                read.notes.append(
                    f"{printable(str(path))}: a folder's README without front matter; not read as an article"
                )
                out.append(read)
                continue
            read.sha256 = hashlib.sha256(data).hexdigest()
            if path.parent not in manifests:
                manifests[path.parent] = _manifest(path.parent)
            entry = manifests[path.parent].get(path.name, {})
            loaded = list(_parse_file(path, root, data, warn, read.guessed, entry))
            read.articles = [replace(a, sha256=hashlib.sha256(a.body.encode()).hexdigest()) for a in loaded]
            for art in read.articles:
                reason = not_english(art.body)
                if reason:
                    warn(InputError(art.source, f"does not look like English ({reason}); {ENGLISH_ONLY}"))
        except InputError as err:
            if not read.problems or read.problems[-1] is not err:
                read.problems.append(err)
        out.append(read)
    return out


def _walk(
    paths: Iterable[str | os.PathLike[str]], warn: Callable[[InputError], None], follow_links: bool = False
) -> Iterator[tuple[Path, Path]]:
    """Yield (root, file) for every candidate file, sorted, following no symlinked folders, and
    links to files outside the input folders only with `follow_links`. A file given by name is
    always read."""
    given_paths = [Path(g) for g in paths]
    inside = [g.resolve() for g in given_paths if g.is_dir()]
    for p in given_paths:
        if not p.exists():
            raise InputError(str(p), "no such file or folder")
        if p.is_file():
            yield p.parent, p
            continue
        listed: set[Path] = set()  # files a marker says a report of this tool wrote
        for here, filenames in _folders(p, warn):
            if REPORT_MARK in filenames:
                listed |= {here / rel for rel in report_files(here)}
            for name in filenames:
                path = here / name
                if name.lower() in NOT_ARTICLES:
                    continue
                if written_by_this_tool(path):  # the tool's own report, with its marker or copied without
                    continue
                if path in listed and Path(name).suffix.lower() in READERS:
                    warn(InputError(str(path), f"listed in {REPORT_MARK} as a report file, but it is none: read"))
                if name.startswith("."):
                    if Path(name).suffix.lower() in READERS:
                        warn(
                            InputError(
                                str(path), "a hidden file; skipped (rename it without the leading '.' to read it)"
                            )
                        )
                    continue
                if not follow_links and path.is_symlink() and not _inside(path.resolve(), inside):
                    warn(InputError(str(path), "a link to a file outside the input folders; skipped (--follow-links)"))
                    continue
                yield p, path


def _inside(path: Path, folders: list[Path]) -> bool:
    return any(path.is_relative_to(f) for f in folders)


def _folders(top: Path, warn: Callable[[InputError], None]) -> Iterator[tuple[Path, list[str]]]:
    """(folder, its file names) for `top` and every folder below it, sorted, depth first; hidden
    folders and symlinked folders are not entered. A loop with a stack, so any depth of
    nesting is fine (os.walk recurses and fails past a thousand levels)."""
    stack = [top]
    while stack:
        here = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as err:
            warn(InputError(str(here), f"cannot read the folder: {err.strerror}; its files are skipped"))
            continue
        yield here, [e.name for e in entries if not e.is_dir()]
        subfolders = [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")]
        stack.extend(reversed(subfolders))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes: a regular file only (a FIFO would wait forever, a device never end),
    and never more than `max_bytes` read, whatever its size claims (a link to /dev/zero says 0)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(str(path), "not a regular file (a pipe, device or socket); skipped")
        if info.st_size > max_bytes:  # refused before a byte is read
            raise InputError(
                str(path), f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,} (--max-file-size)"
            )
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror}") from err
    if len(data) > max_bytes:
        raise InputError(str(path), f"file is over the limit of {max_bytes:,} bytes (--max-file-size)")
    return data


def decode(data: bytes, source: str, warn: Callable[[InputError], None] | None = None) -> str:
    """Bytes → NFC text with `\\n` line endings: UTF-8 (with or without BOM), UTF-16 with BOM,
    UTF-8 with a few broken bytes replaced by � (said through `warn`), else the encoding
    charset-normalizer detects (cp1252 smart quotes are common)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif b"\x00" in data[:4096]:
        text = _utf16_without_bom(data, source)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _nearly_utf8(data)
            if text is None and SURROGATE.search(data):  # UTF-8 in all but its encoded surrogates
                text = data.decode("utf-8-sig", errors="replace")
                if warn:
                    warn(
                        InputError(source, "encoded surrogates (not valid UTF-8) replaced by �; the rest read as UTF-8")
                    )
            elif text is None:
                text = _detect(data, source)
            elif warn:
                bad = text.count("\ufffd")
                warn(InputError(source, f"{bad} broken UTF-8 sequence(s) replaced by �; the rest read as UTF-8"))
    if _is_binary(text):
        raise InputError(source, "binary data, not text (is it a PDF or an image?)")
    text = _unmangled(text, source, warn)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


# Two characters that UTF-8 read as cp1252 or Latin-1 makes of one: "Ã¼" for "ü", "â€™" for "’".
MOJIBAKE = re.compile("[ÂÃâ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


def _unmangled(text: str, source: str, warn: Callable[[InputError], None] | None) -> str:
    """`text` with mojibake repaired (UTF-8 once read as a legacy code page: "councilâ€™s" →
    "council’s") by ftfy, and a warning, since offsets then point into the repaired text. Only a
    text with such a pair is handed to ftfy (it costs about 1 ms an article)."""
    if not MOJIBAKE.search(text):
        return text
    import ftfy

    fixed = ftfy.fix_encoding(text)
    if fixed != text and warn:
        warn(
            InputError(
                source, "text garbled by a wrong encoding (“â€™” for “’”) repaired; offsets are into the repaired text"
            )
        )
    return fixed


# A UTF-16 surrogate written as UTF-8 (CESU-8, a lone half of a pair): never valid UTF-8.
SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")


def _nearly_utf8(data: bytes) -> str | None:
    """The text, when `data` is UTF-8 but for a few broken bytes (a bad copy and paste): read as
    another encoding, every accented letter and dash of it would be garbled ("—" as "ŌĆ—")."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    good = len(NON_ASCII.findall(text)) - bad
    return text if good and bad <= NEARLY_UTF8_SHARE * good else None


def _detect(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "cannot tell the text encoding")
    return str(best)


def _utf16_without_bom(data: bytes, source: str) -> str:
    """Text whose every other byte is NUL is UTF-16 written without a byte-order mark."""
    sample = data[:4096]
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros and zeros.count(0) / len(zeros) > UTF16_NUL_SHARE:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    raise InputError(source, "binary data, not text (is it a PDF or an image?)")


def _is_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:65536]
    return "\x00" in sample or len(CONTROL.findall(sample)) / len(sample) > BINARY_CONTROL_SHARE


@dataclass(frozen=True)
class _File:
    """One input file as a reader sees it."""

    path: Path
    base_id: str  # the article id its path gives (rows add their number)
    manifest: dict[str, Any]  # its entry in the folder's sources.csv/sources.yaml (or empty)
    guessed: dict[str, list[str]]  # folder → files whose outlet is a guess (listed here)
    warn: Callable[[InputError], None]  # a problem with one row; the file's other rows are still read


def _read_text(text: str, f: _File) -> Iterator[Article]:
    yield _from_text(text, f.path, f.base_id, f.guessed, f.manifest)


def _read_html(text: str, f: _File) -> Iterator[Article]:
    yield _from_html(text, f.path, f.base_id, f.manifest)


def _read_csv(text: str, f: _File) -> Iterator[Article]:
    yield from _from_rows(_csv_rows(text, str(f.path)), f.path, f.base_id, f.warn)


def _read_jsonl(text: str, f: _File) -> Iterator[Article]:
    yield from _from_rows(_jsonl_rows(text, str(f.path), f.warn), f.path, f.base_id, f.warn)


# The readers, by file suffix: a new input format is one function and one line here.
READERS: dict[str, Callable[[str, _File], Iterator[Article]]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".csv": _read_csv,
    ".jsonl": _read_jsonl,
}


def _parse_file(
    path: Path, root: Path, data: bytes, warn, guessed: dict[str, list[str]], manifest: dict[str, Any]
) -> Iterator[Article]:
    suffix = path.suffix.lower()
    source = str(path)
    reader = READERS.get(suffix)
    if reader is None:
        expected = ", ".join(READERS)
        raise InputError(source, f"unknown file type {suffix or '(none)'}; expected {expected}")
    if not data.strip():
        raise InputError(source, "empty file")
    text = decode(data, source, warn)
    if not text.strip():
        raise InputError(source, "empty file (only white space)")
    yield from reader(text, _File(path, _article_id(path, root), manifest, guessed, warn))


def _article_id(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return str(rel.with_suffix("")).replace(os.sep, "/")


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, … whichever is not taken yet; records it as taken."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


# libyaml's loader when PyYAML was built with it: ten times faster on front matter, same result.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str]:
    """Return (metadata, body). Text without front matter gives ({}, text)."""
    if not text.startswith("---"):
        return {}, text
    m = FRONT_MATTER.match(text)
    if not m:
        raise InputError(source, "front matter opened with '---' is never closed", line=1)
    raw = m.group(1) or ""
    if len(raw) > FRONT_MATTER_MAX_BYTES:
        raise InputError(source, "front matter is too large", line=1)
    try:
        meta = yaml.load(raw, Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise InputError(source, f"front matter is not valid YAML: {problem}", line=line) from None
    except ValueError as err:  # well-formed YAML of an impossible value: "date: 2024-13-45"
        raise InputError(source, f"front matter has an impossible value: {err}", line=1) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(source, f"front matter must be 'key: value' lines, not a {type(meta).__name__}", line=2)
    return _metadata(meta, source), text[m.end() :]


def _metadata(raw: dict[Any, Any], source: str, line: int | None = None) -> dict[str, Any]:
    """Keep the known keys; each must be a scalar. Dates become ISO strings."""
    meta: dict[str, Any] = {}
    for key in METADATA_KEYS:
        value = raw.get(key)
        if value is None or value == "":
            continue
        text_like = isinstance(value, (str, int, float)) and not isinstance(value, bool)
        if not (text_like or (key == "date" and isinstance(value, dt.date))):
            kind = {"set": "set", "bytes": "binary value", "bool": "yes/no value"}.get(
                type(value).__name__, type(value).__name__
            )
            raise InputError(source, f"'{key}' must be text, not a {kind}", line=line)
        if not str(value).strip():
            raise InputError(source, f"'{key}' is empty (only spaces)", line=line)
        meta[key] = _date(value, source, line) if key == "date" else str(value).strip()
    return meta


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y")


def _date(value: Any, source: str, line: int | None) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise InputError(source, f"date {text!r} is not a date (use YYYY-MM-DD)", line=line)


def _from_text(text: str, path: Path, base_id: str, guessed: dict[str, list[str]], manifest: dict[str, Any]) -> Article:
    """`manifest` is this file's entry in its folder's sources.csv/sources.yaml (or empty).
    What neither gives is read from the page (`metadata`) and marked as inferred; the files
    whose outlet is a guess are listed in `guessed` (folder → file names) for one warning."""
    source = str(path)
    meta, body = split_front_matter(text, source)
    merged = {**manifest, **meta}
    if not body.strip():
        raise InputError(source, "no article text after the front matter")
    read = []
    for key, find in (("title", metadata.headline), ("date", metadata.page_date), ("outlet", metadata.page_outlet)):
        if not merged.get(key) and (found := find(body)):
            merged[key] = found
            read.append(key)
    if not merged.get("outlet"):
        merged["outlet"] = path.stem  # the file name as it is: a reader recognises it
        read.append("outlet")
    if "outlet" in read:
        guessed.setdefault(str(path.parent), []).append(path.name)
    if not merged.get("title") and (lead := metadata.lead_title(body)):
        merged["title"] = lead
        read.append("title")
    title = merged.get("title") or path.stem
    return replace(_article(base_id, merged, title, source, body), inferred=tuple(read))


def _article(art_id: str, meta: dict[str, Any], title: str, source: str, body: str) -> Article:
    return Article(
        id=art_id,
        outlet=meta["outlet"],
        title=title,
        date=meta.get("date"),
        url=meta.get("url"),
        source=source,
        body=body,
        event=meta.get("event"),
    )


def _manifest(folder: Path) -> dict[str, dict[str, Any]]:
    """sources.csv (columns file,outlet,…) or sources.yaml (file: {outlet: …} or file: outlet)."""
    for name in MANIFESTS:
        path = folder / name
        if not path.is_file():
            continue
        text = decode(path.read_bytes(), str(path))
        if name.endswith(".csv"):
            rows = csv.DictReader(io.StringIO(text))
            return {
                (row.get("file") or "").strip(): _metadata(row, str(path), rows.line_num)
                for row in rows
                if row.get("file")
            }
        try:
            data = yaml.load(text, Loader=YAML_LOADER) or {}
        except (yaml.YAMLError, ValueError) as err:  # ValueError: an impossible date
            raise InputError(str(path), "manifest is not valid YAML") from err
        if not isinstance(data, dict):
            raise InputError(str(path), "manifest must map file names to outlets")
        return {str(k): _metadata(v if isinstance(v, dict) else {"outlet": v}, str(path)) for k, v in data.items()}
    return {}


def _from_html(text: str, path: Path, base_id: str, manifest: dict[str, Any]) -> Article:
    import trafilatura

    source = str(path)
    doc = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=HTML_DATES,
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise InputError(source, "no article text found in the HTML page")
    meta: dict[str, Any] = dict(manifest)
    site = doc.sitename or doc.hostname
    if "outlet" not in meta:
        meta["outlet"] = site or path.stem
    if doc.date and "date" not in meta:
        meta["date"] = _date(doc.date, source, None)
    if doc.url and "url" not in meta:
        meta["url"] = doc.url
    body = unicodedata.normalize("NFC", body)
    return _article(base_id, meta, meta.get("title") or doc.title or path.stem, source, body)


def _csv_rows(text: str, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    csv.field_size_limit(DEFAULT_MAX_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in [f.strip() for f in reader.fieldnames]:
        raise InputError(source, "CSV needs a header row with at least the columns outlet and text", line=1)
    try:
        for row in reader:
            yield reader.line_num, {(k or "").strip(): v for k, v in row.items()}
    except csv.Error as err:
        raise InputError(source, f"malformed CSV: {err}", line=reader.line_num) from None


def _jsonl_rows(text: str, source: str, warn) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            warn(InputError(source, f"not valid JSON ({err.msg})", line=number))
            continue
        if not isinstance(row, dict):
            warn(InputError(source, "each line must be a JSON object", line=number))
            continue
        if any(isinstance(v, str) and LONE_SURROGATE.search(v) for v in row.values()):
            warn(InputError(source, "text with invalid characters (lone surrogates), replaced by �", line=number))
            row = {k: LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in row.items()}
        yield number, row


def _from_rows(rows: Iterator[tuple[int, dict[str, Any]]], path: Path, base_id: str, warn) -> Iterator[Article]:
    source = str(path)
    for line, row in rows:
        where = f"{source}:{line}"
        body = row.get("text")
        if not isinstance(body, str) or not body.strip():
            warn(InputError(source, "row has no text", line=line))
            continue
        try:
            meta = _metadata(row, source, line)
        except InputError as err:
            warn(err)
            continue
        if "outlet" not in meta:
            warn(InputError(source, "row has no outlet", line=line))
            continue
        body = unicodedata.normalize("NFC", body.replace("\r\n", "\n").replace("\r", "\n"))
        title = meta.get("title") or metadata.headline(body) or f"{path.stem} row {line}"
        yield _article(f"{base_id}-{line}", meta, title, where, body)

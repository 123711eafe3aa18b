"""Readers: every input format, encodings, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import article, write

from analyzer.corpus import load_corpus
from analyzer.errors import InputError
from analyzer.options import ReadOptions


def test_front_matter_text(tmp_path):
    write(tmp_path / "a.md", article(outlet="Harlow Times", title="Council votes"))
    corpus = load_corpus([tmp_path])
    (art,) = corpus.articles
    assert (art.outlet, art.title, art.date) == ("Harlow Times", "Council votes", "2026-01-05")
    assert art.body == "The council met on Monday. It voted 5-4.\n"
    assert corpus.warnings == ()


def test_folder_is_searched_recursively_and_several_paths_combine(tmp_path):
    write(tmp_path / "one" / "deep" / "a.md", article(outlet="A"))
    write(tmp_path / "two" / "b.txt", article(outlet="B", body="Something else happened."))
    corpus = load_corpus([tmp_path / "one", tmp_path / "two" / "b.txt"])
    assert sorted(a.outlet for a in corpus.articles) == ["A", "B"]


def test_without_front_matter_outlet_comes_from_manifest(tmp_path):
    write(tmp_path / "x.txt", "Council votes\n\nThe council met on Monday.")
    write(tmp_path / "sources.csv", "file,outlet,date\nx.txt,Harlow Times,2026-02-01\n")
    (art,) = load_corpus([tmp_path]).articles
    assert (art.outlet, art.date, art.title) == ("Harlow Times", "2026-02-01", "Council votes")


def test_without_front_matter_or_manifest_outlet_comes_from_file_name_with_one_warning(tmp_path):
    write(tmp_path / "harlow_times.txt", "The council met on Monday.")
    write(tmp_path / "daily-news.txt", "The mayor spoke on Tuesday.")
    corpus = load_corpus([tmp_path])
    assert sorted(a.outlet for a in corpus.articles) == ["daily-news", "harlow_times"]  # the names as they are
    assert all(a.inferred == ("outlet", "title") for a in corpus.articles)  # the title: the first words
    assert len(corpus.warnings) == 1 and "2 file(s)" in corpus.warnings[0]
    assert "daily-news.txt" in corpus.warnings[0] and "harlow_times.txt" in corpus.warnings[0]
    # It says how to write the manifest it asks for, and a manifest in those columns is read.
    assert "sources.csv (columns file,outlet,title,date,url,event)" in corpus.warnings[0]
    write(tmp_path / "sources.csv", "file,outlet,title,date,url,event\nharlow_times.txt,Harlow Times,,,,\n")
    again = load_corpus([tmp_path])
    assert "Harlow Times" in {a.outlet for a in again.articles} and "1 file(s)" in again.warnings[0]


PAGE = """Council approves the new budget after a long night

Harlow, 16/05/2024 — The council approved the budget on Thursday, Harlow Gazette reports.

Copyright © 2024 Harlow Gazette. All rights reserved.
"""


@pytest.mark.parametrize(
    ("body", "title", "date", "outlet"),
    [
        (PAGE, "Council approves the new budget after a long night", "2024-05-16", "Harlow Gazette"),
        ("display: none;\nMayor quits\n\nMay 16, 2024. The mayor quit.", "Mayor quits", "2024-05-16", None),
        ("A story in one line. It has no headline.\n2024-05-16", None, "2024-05-16", None),
        ("Talks end\n\nBEIJING (Reuters) - The talks ended on 3 March 2023.", "Talks end", None, "Reuters"),
        ("Memo leaks\n\nComey recounts it in a memo dated Feb. 8, 2017, which we saw.", "Memo leaks", None, None),
        ("Talks end\n\nBEIJING, 3 March 2023 (Reuters) - The talks ended.", "Talks end", "2023-03-03", "Reuters"),
        ("Talks end\n\nThe talks ended.\n\nhttps://www.example-news.com/talks", "Talks end", None, "example-news.com"),
        ("Talks end\n\nThe two sides signed ten documents. – BERNAMA-XINHUA", "Talks end", None, "BERNAMA-XINHUA"),
    ],
)
def test_page_metadata_is_read_from_the_text(tmp_path, body, title, date, outlet):
    from analyzer import metadata

    assert (metadata.headline(body), metadata.page_date(body), metadata.page_outlet(body)) == (title, date, outlet)


def test_metadata_read_from_the_page_is_marked_inferred(tmp_path):
    write(tmp_path / "page.txt", PAGE)
    write(tmp_path / "given.md", "---\noutlet: Harlow Times\ntitle: Budget passes\ndate: 2024-05-16\n---\nIt passed.")
    by_file = {a.source.rsplit("/", 1)[1]: a for a in load_corpus([tmp_path]).articles}
    page = by_file["page.txt"]
    assert (page.outlet, page.date, page.inferred) == ("Harlow Gazette", "2024-05-16", ("title", "date", "outlet"))
    assert by_file["given.md"].inferred == ()


def test_yaml_manifest(tmp_path):
    write(tmp_path / "x.txt", "The council met on Monday.")
    write(tmp_path / "sources.yaml", "x.txt: Harlow Times\n")
    assert load_corpus([tmp_path]).articles[0].outlet == "Harlow Times"


def test_html_page_main_text_and_site_name(tmp_path):
    page = """<html><head><title>Council votes to close schools</title>
    <meta property="og:site_name" content="Harlow Herald">
    <meta property="article:published_time" content="2026-03-11"></head>
    <body><nav>Home | News | Sport</nav><article><h1>Council votes to close schools</h1>
    <p>The Harlow council voted 5-4 on Tuesday to close two elementary schools at the end of the year.</p>
    <p>The district estimates the closures will save $1.2 million a year, officials said on Wednesday.</p>
    </article><footer>Copyright 2026 Harlow Herald</footer></body></html>"""
    write(tmp_path / "page.html", page)
    (art,) = load_corpus([tmp_path]).articles
    assert art.outlet == "Harlow Herald"
    assert art.date == "2026-03-11"
    assert "voted 5-4" in art.body and "Home | News" not in art.body


def test_jsonl_and_csv_rows(tmp_path):
    rows = [
        {"outlet": "A", "title": "T1", "date": "2026-01-01", "url": "u", "text": "First story text."},
        {"outlet": "B", "title": "T2", "date": "2026-01-02", "url": "u", "text": "Second story text.", "extra": 1},
    ]
    write(tmp_path / "a.jsonl", "\n".join(json.dumps(r) for r in rows))
    write(
        tmp_path / "b.csv",
        'outlet,title,date,url,text,event,junk\nC,T3,2026-01-03,u,"Third story,\nwith a newline.",e1,x\n',
    )
    corpus = load_corpus([tmp_path])
    by_outlet = {a.outlet: a for a in corpus.articles}
    assert set(by_outlet) == {"A", "B", "C"}
    assert by_outlet["C"].body == "Third story,\nwith a newline." and by_outlet["C"].event == "e1"
    assert by_outlet["A"].source.endswith("a.jsonl:1")


def test_cp1252_and_utf16_decode(tmp_path):
    text = "---\noutlet: A\ntitle: T\n---\nShe called it \u201creckless\u201d and left."
    write(tmp_path / "cp.txt", text.encode("cp1252"))
    write(tmp_path / "u16.txt", text.replace("left", "went home").encode("utf-16"))
    bodies = sorted(a.body for a in load_corpus([tmp_path]).articles)
    assert bodies == [
        "She called it \u201creckless\u201d and left.",
        "She called it \u201creckless\u201d and went home.",
    ]


def test_nfc_and_line_endings(tmp_path):
    write(tmp_path / "a.txt", "---\r\noutlet: A\r\n---\r\nCafe\u0301 owners met.\r\nThey agreed.\r")
    (art,) = load_corpus([tmp_path]).articles
    assert art.body == "Caf\u00e9 owners met.\nThey agreed.\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t \n", "empty file"),
        ("fake.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02\x03<< /Type /Catalog >>", "binary"),
        ("image.txt", bytes(range(256)) * 4, "binary"),
        ("open.md", b"---\noutlet: A\nThe story never closes the front matter.", "never closed"),
        ("bad.md", b"---\noutlet: [A\n---\nBody text.", "not valid YAML"),
        ("list.md", b"---\n- a\n- b\n---\nBody text.", "must be 'key: value'"),
        ("date.md", b"---\noutlet: A\ndate: next Tuesday\n---\nBody text.", "is not a date"),
        ("month.md", b"---\noutlet: A\ndate: 2024-13-45\n---\nBody text.", "impossible value: month"),
        ("tag.md", b"---\noutlet: !!python/object/apply:os.system ['echo hi']\n---\nBody.", "not valid YAML"),
        ("nobody.md", b"---\noutlet: A\n---\n\n", "no article text"),
        ("notes.docx", b"PK\x03\x04 something", "unknown file type"),
    ],
)
def test_bad_file_is_a_warning_naming_it_and_an_error_when_strict(tmp_path, name, content, message):
    write(tmp_path / "good.md", article())
    write(tmp_path / name, content)
    corpus = load_corpus([tmp_path])
    assert len(corpus.articles) == 1
    assert any(name in w and message in w for w in corpus.warnings), corpus.warnings
    with pytest.raises(InputError, match=message) as err:
        load_corpus([tmp_path], options=ReadOptions(strict=True))
    assert name in str(err.value)


def test_front_matter_error_names_the_line(tmp_path):
    write(tmp_path / "bad.md", "---\noutlet: A\ntitle: T\nthis line: is: broken\n---\nBody.")
    with pytest.raises(InputError) as err:
        load_corpus([tmp_path], options=ReadOptions(strict=True))
    assert err.value.line == 4 and "bad.md:4" in str(err.value)


def test_rows_without_text_are_named_by_line(tmp_path):
    write(tmp_path / "a.jsonl", '{"outlet": "A", "text": "Good."}\n{"outlet": "B"}\nnot json\n')
    corpus = load_corpus([tmp_path])
    assert len(corpus.articles) == 1
    assert any("a.jsonl:2" in w and "no text" in w for w in corpus.warnings)
    assert any("a.jsonl:3" in w and "not valid JSON" in w for w in corpus.warnings)


def test_duplicate_articles_are_reported_once(tmp_path):
    write(tmp_path / "a.md", article())
    write(tmp_path / "b.md", article())
    corpus = load_corpus([tmp_path])
    assert len(corpus.articles) == 1
    assert any("same text as" in w for w in corpus.warnings)


def test_file_over_the_size_limit_is_refused(tmp_path):
    write(tmp_path / "big.md", article(body="word " * 5000))
    write(tmp_path / "small.md", article(body="Short story."))
    corpus = load_corpus([tmp_path], options=ReadOptions(max_bytes=10_000))
    assert len(corpus.articles) == 1
    assert any("big.md" in w and "over the limit" in w for w in corpus.warnings)


def test_missing_path_and_folder_without_articles(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_corpus([tmp_path / "nope"])
    write(tmp_path / "empty" / "notes.bin", b"\x00\x01")
    with pytest.raises(InputError, match="no readable articles"):
        load_corpus([tmp_path / "empty"])


def test_bundled_corpus_loads_without_warnings(corpus_dir):
    corpus = load_corpus([corpus_dir])
    assert corpus.warnings == ()
    assert len({a.outlet for a in corpus.articles}) == 3
    assert len(corpus.articles) == 11


def test_seed_articles_load(seeds_dir):
    corpus = load_corpus([seeds_dir])
    assert len(corpus.articles) == 5
    assert all(a.body.strip() for a in corpus.articles)


def test_a_readme_with_front_matter_is_an_article_and_a_plain_one_is_not(tmp_path):
    write(tmp_path / "a" / "README.md", "---\noutlet: Harlow Times\ntitle: Readme\n---\nThe council met.")
    write(tmp_path / "b" / "README.md", "# Notes\n\nThese files come from a newsletter.")
    write(tmp_path / "b" / "x.md", "---\noutlet: B\n---\nThe mayor spoke.")
    corpus = load_corpus([tmp_path])
    assert sorted(a.id for a in corpus.articles) == ["a/README", "b/x"]
    assert not corpus.warnings


@pytest.mark.parametrize(
    ("head", "date"),
    [
        (
            '<meta property="article:published_time" content="2024-05-16T10:00:00Z">'
            '<meta property="article:modified_time" content="2024-05-18T09:00:00Z">',
            "2024-05-16",
        ),
        ("", None),  # "© 2019" and "3 hours ago" are no date: nothing is guessed
        ('<meta property="article:published_time" content="2031-02-03">', "2031-02-03"),  # not capped at today
    ],
)
def test_an_html_page_is_dated_only_by_what_it_states(tmp_path, head, date):
    page = f"""<html><head><title>Council votes</title>{head}</head><body><div>Posted May 16</div>
    <article><h1>Council votes on budget</h1>
    <p>The council voted on the budget on Monday after a long debate about schools and roads in the city.</p>
    <p>The mayor said the plan would pass next week, and residents asked about the cost of the new road.</p>
    </article><footer>Copyright 2019 The Paper. Updated 3 hours ago</footer></body></html>"""
    write(tmp_path / "page.html", page)
    (art,) = load_corpus([tmp_path]).articles
    assert art.date == date


def test_pages_without_names_get_names_a_reader_can_tell_apart(seeds_dir):
    """The seeds carry no front matter: a page's desk credit names its agency ("Eurasia/Xinhua
    16/05/2024 17:54", though its lead misspells "Xinhue reports"); a file name that is a hash
    becomes "Outlet A (000_5b50…)", lettered in name order; a page without a headline is titled by
    its first words, not its file name."""
    from analyzer import load

    articles = {Path(a.source).name[:3]: a for a in load([seeds_dir]).articles}
    assert articles["004"].outlet == "Xinhua"
    assert [articles[k].outlet for k in ("000", "001", "003")] == [
        "Outlet A (000_5b50…)",
        "Outlet B (001_4354…)",
        "Outlet C (003_8ff3…)",
    ]
    assert (
        articles["003"].title.startswith("The Chinese president, Xi Jinping,") and "title" in articles["003"].inferred
    )


def test_a_readable_file_name_stays_the_outlet(tmp_path):
    from conftest import write

    from analyzer import load

    write(tmp_path / "harlow-beacon.txt", "Council votes\n\nThe council voted on Monday to approve the plan.")
    assert load([tmp_path]).articles[0].outlet == "harlow-beacon"

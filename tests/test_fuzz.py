"""Property-based tests on random Unicode text: readers, cleaning, segmentation and the whole
pipeline never raise an unhandled exception; offsets always slice back to the reported text;
every flag lies inside its sentence; the JSON always validates against the schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer import analyze
from analyzer.clean import clean_article
from analyzer.corpus import Corpus, split_front_matter
from analyzer.errors import InputError
from analyzer.model import Article
from analyzer.segment import quote_spans, sentence_spans, word_spans

# Text that looks like news often enough to reach every branch: words, quotes of every kind,
# sentence ends, abbreviations, numbers, line breaks, and arbitrary Unicode around them.
PIECES = st.sampled_from(
    [
        "The",
        "council",
        "gutted",
        "power grab",
        "said",
        "claimed",
        "Mr.",
        "U.S.",
        "$1.2 million",
        "5-4",
        " ",
        " ",
        ". ",
        "! ",
        "? ",
        '"',
        "\u201c",
        "\u201d",
        "\u2018",
        "\u2019",
        "\n",
        "\n\n",
        ": ",
        "— ",
        "Park",
        "Lee",
        "not",
        "Share this article",
        "Photo: x",
        "---",
        "radical",
        "only 12",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)
FAST = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCHEMA = json.loads(resources.files("analyzer.data").joinpath("analysis.schema.json").read_text("utf-8"))


@FAST
@given(TEXT)
def test_segmentation_offsets_slice_back(text):
    for span in sentence_spans(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]
    for span in word_spans(text) + quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)


@FAST
@given(TEXT, TEXT)
def test_cleaning_offsets_slice_back(title, body):
    art = Article(id="a", outlet="A", title=title, date=None, url=None, source="a", body=body)
    cleaned = clean_article(art)
    for r in cleaned.removed:
        assert body[r.start : r.end] == r.text
    for k in cleaned.kept:
        assert 0 <= k.start <= k.end <= len(body)


@FAST
@given(st.one_of(TEXT, TEXT.map(lambda t: "---\n" + t), TEXT.map(lambda t: "---\n" + t + "\n---\nBody.")))
def test_front_matter_parser_raises_only_input_errors(text):
    try:
        meta, body = split_front_matter(text, "x.md")
    except InputError as err:
        assert "x.md" in str(err)
        return
    assert isinstance(meta, dict) and text.endswith(body)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), TEXT, TEXT), min_size=1, max_size=4))
def test_pipeline_on_random_articles(rows):
    articles = tuple(
        Article(id=f"a{n}", outlet=outlet, title=title or "t", date=None, url=None, source=f"a{n}", body=body or "x")
        for n, (outlet, title, body) in enumerate(rows)
    )
    analysis = analyze(Corpus(articles, (), {}))
    bodies = {a.id: a.body for a in articles}
    text = {}
    for s in analysis.sentences:
        assert bodies[s.article][s.start : s.end] == s.text
        text[s.id] = s.text
    for f in analysis.flags:
        assert text[f.sentence][f.start : f.end] == f.text
    for r in analysis.removed:
        assert bodies[r.article][r.start : r.end] == r.text
    jsonschema.validate(json.loads(analysis.to_json()), SCHEMA)

"""Cleaning: kinds of page noise out, story sentences kept, every removal recorded."""

from __future__ import annotations

import pytest
from conftest import EVENT_SETS, gold

from analyzer.clean import clean_article, clean_corpus
from analyzer.corpus import load_corpus
from analyzer.model import Article


def _article(body: str, title: str = "Council votes", outlet: str = "A", art_id: str = "a") -> Article:
    return Article(id=art_id, outlet=outlet, title=title, date=None, url=None, source="x", body=body)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (".site-header{ display: none; }", "css"),
        ("Share this story: Facebook | Twitter | Email", "share buttons"),
        ("See also  Ten things to know about the budget", "related link"),
        ("Read more: the budget explained", "related link"),
        ("Leave a Reply", "comments"),
        ("Your email address will not be published. Required fields are marked *", "comments"),
        ("We use cookies to improve your experience. By continuing you accept our cookie policy.", "cookie notice"),
        ("Subscribe to our free daily newsletter", "newsletter prompt"),
        ("Get it on Google Play", "app prompt"),
        ("Follow Jane Roe on Twitter and Facebook.", "follow us"),
        ("Photo: Jane Roe/Harlow Herald", "photo credit"),
        ("Copyright 2026 Harlow Herald", "copyright"),
        ("Advertisement", "advertisement"),
        ("By Jane Roe and Sam Poe", "byline"),
        ("Metro/Harlow 16/05/2026 17:54", "timestamp"),
    ],
)
def test_noise_kinds(line, reason):
    body = f"The council voted 5-4 on Tuesday to close two schools.\n{line}\nThe vote ended a long debate."
    cleaned = clean_article(_article(body))
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]
    assert len(cleaned.kept) == 2


def test_headline_repeat_dateline_and_repeated_line():
    body = "Council votes\nWASHINGTON (AP) — The council voted.\nIt was late.\nIt was late."
    cleaned = clean_article(_article(body))
    reasons = [(r.reason, r.text) for r in cleaned.removed]
    assert reasons == [
        ("headline repeated", "Council votes"),
        ("dateline", "WASHINGTON (AP) — "),
        ("repeated line", "It was late."),
    ]
    assert [body[k.start : k.end] for k in cleaned.kept] == ["The council voted.", "It was late."]


def test_offsets_slice_back_to_the_removed_text():
    body = "Lead sentence here.\nAdvertisement\nBOSTON — Second sentence."
    art = _article(body)
    for r in clean_article(art).removed:
        assert body[r.start : r.end] == r.text


def test_a_long_line_is_never_removed_by_a_pattern():
    story = "Photo: " + "the council said it would review the plan again after hearing from parents " * 5
    assert clean_article(_article(story)).removed == ()


def test_recurring_short_lines_across_articles_are_page_text_but_shared_quotes_stay():
    quote = '"This is a power grab, plain and simple," Lee said.'
    arts = [
        _article(f"Story {i} begins here today.\nHarlow desk | Local news\n{quote}", outlet="A", art_id=f"a{i}")
        for i in range(2)
    ] + [_article(f"Other story.\n{quote}", outlet="B", art_id="b")]
    cleaned = clean_corpus(arts)
    assert [r.reason for r in cleaned["a0"].removed] == ["recurring page text"]
    assert cleaned["b"].removed == ()


@pytest.mark.parametrize("event_set", EVENT_SETS)
def test_bundled_gold_boilerplate_is_removed_and_nothing_else(corpus_dir, event_set):
    corpus = load_corpus([corpus_dir / event_set])
    cleaned = clean_corpus(corpus.articles)
    expected = {(b["article"], b["text"].strip()) for b in gold(event_set)["boilerplate"]}
    removed = {(aid.rsplit("/", 1)[-1], r.text.strip()) for aid, c in cleaned.items() for r in c.removed}
    assert removed == expected


def test_seed_articles_lose_boilerplate_but_no_story_sentence(seeds_dir):
    corpus = load_corpus([seeds_dir])
    removed = [r for c in clean_corpus(corpus.articles).values() for r in c.removed]
    texts = " ".join(r.text for r in removed)
    for noise in (
        "elementor",
        "See also",
        "Apple Store",
        "Leave a Reply",
        "cookies",
        "Follow",
        "Photo:",
        "Source link",
    ):
        assert noise in texts, noise
    # Every removed line is short, or is one the article already carried (a repeat).
    for r in removed:
        assert len(r.text.split()) <= 30 or r.reason in {"repeated line", "headline repeated"}, r


@pytest.mark.parametrize("dash", ["—", "–", "―", "-"])
def test_datelines_with_any_dash_are_removed(dash):
    """HuffPost writes "WASHINGTON ― " with a horizontal bar (U+2015)."""
    body = f"WASHINGTON {dash} President Obama said on Monday that talks would go on."
    cleaned = clean_article(_article(body))
    assert [(r.reason, r.text) for r in cleaned.removed] == [("dateline", f"WASHINGTON {dash} ")]


@pytest.mark.parametrize("line", ["June 12, 2025", "Thursday, 16 May 2024 17:54 GMT", "16/05/2024 17:54", "2024-05-16"])
def test_a_date_line_is_page_metadata_not_a_fact(line):
    body = f"Council votes to close schools\n{line}\nThe council voted 5-4 on Monday to close two schools."
    cleaned = clean_article(_article(body))
    assert [r.text for r in cleaned.removed if r.reason in ("date line", "timestamp")] == [line]
    assert all(line not in body[k.start : k.end] for k in cleaned.kept)


def test_a_sentence_that_starts_with_a_date_is_kept():
    body = "June 12, 2025, the council met and voted to close two schools."
    assert not clean_article(_article(body)).removed

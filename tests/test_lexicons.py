"""Lexicon hygiene and loading: every built-in file is valid, and user lexicons add and disable."""

from __future__ import annotations

from importlib import resources

import pytest

from analyzer import lexicons
from analyzer.errors import InputError
from analyzer.lexicons import BUILTIN, CATEGORIES, builtin, inflections, parse


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_lexicon_is_valid(name):
    text = resources.files("analyzer.lexicons").joinpath(name).read_text("utf-8")
    entries, errors = parse(text, name)
    assert errors == []
    assert len({e.term.lower() for e in entries}) == len(entries)
    assert all(0 < e.weight <= 1 and e.why and e.source for e in entries)


def test_lexicon_has_several_hundred_entries_in_every_category():
    lex = builtin()
    assert len(lex.entries) >= 300
    assert {e.category for e in lex.entries} == set(CATEGORIES)


def test_every_builtin_term_matches_itself_in_a_sentence():
    from analyzer.framing import candidates
    from analyzer.model import Sentence

    lex = builtin()
    for e in lex.entries:
        text = "they wrote " + e.term.replace("#", "12") + " here"
        found = candidates(Sentence("s", "a", 0, 0, len(text), text), lex)
        assert [c.entry for c in found] == [e], e.term


def test_exceptions_name_terms_that_exist():
    terms = {e.term.lower() for e in builtin().entries}
    for term, contexts in builtin().exceptions.items():
        assert term in terms or any(term in lexicons.inflections(t) for t in terms), term
        assert all(term in c or any(f in c for f in inflections(term)) for c in contexts)


def test_inflections():
    assert {"slash", "slashes", "slashed", "slashing"} <= inflections("slash")
    assert {"gut", "guts", "gutted", "gutting"} <= inflections("gut")
    assert inflections("caved") == {"caved"}


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("x\tlabel\t1.5\tn\twhy\ts", "outside 0..1"),
        ("x\tlabel\theavy\tn\twhy\ts", "not a number"),
        ("x\tnonsense\t0.5\tn\twhy\ts", "unknown category"),
        ("x\tlabel\t0.5\tn\t\ts", "needs a 'why'"),
        ("x\tlabel\t0.5", "expected 6"),
        ("a, b\tlabel\t0.5\tn\twhy\ts", "tokenizer"),
    ],
)
def test_malformed_rows_are_reported_with_their_line(row, problem):
    text = "term\tcategory\tweight\tneutral\twhy\tsource\n" + row + "\n"
    _, errors = parse(text, "mine.tsv")
    assert len(errors) == 1 and errors[0].startswith("mine.tsv:2:") and problem in errors[0]


def test_user_lexicon_adds_and_disables_terms(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(
        "term\tcategory\tweight\tneutral\twhy\tsource\n"
        "pushed\tverb\t0.5\tproposed\tSuggests pressure.\tours\n"
        "claimed\tattribution\t0\t\t\tours\n"
    )
    lex = lexicons.load([path])
    assert lex.lookup("pushed").why == "Suggests pressure."
    assert lex.lookup("claimed") is None
    assert lex.sources[-1]["name"] == str(path)


def test_broken_user_lexicon_is_an_input_error(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("term\tcategory\n")
    with pytest.raises(InputError, match="header"):
        lexicons.load([path])


def test_phrases_sharing_a_first_word_are_told_apart_by_the_second(tmp_path):
    """200,000 phrases that all start with "the" took 92 s to match the bundled corpus, each
    "the" of the text trying every phrase; the index keys phrases by two words."""
    from analyzer.framing import candidates
    from analyzer.model import Sentence

    path = tmp_path / "the.tsv"
    rows = [f"the zq{n}x\tnoun\t0.5\t\tA made-up phrase.\ttest" for n in range(20_000)]
    path.write_text(
        "term\tcategory\tweight\tneutral\twhy\tsource\n" + "\n".join(rows) + "\nthe 5 bn\tnoun\t0.5\t\tW.\tt\n"
    )
    lex = lexicons.load([path])
    assert len(lex.candidates("the", "council")) == len(lex.candidates("the")) < 10
    assert {e.term for _, e, _ in lex.candidates("the", "zq7x")} == {"the zq7x"}
    assert lex.lookup("The ZQ19999x").term == "the zq19999x"
    text = "The zq12x fell while the council met on the 5 bn plan."
    found = candidates(Sentence("a:0", "a", 0, 0, len(text), text), lex)
    assert [text[c.start : c.end] for c in found] == ["The zq12x", "the 5 bn"]

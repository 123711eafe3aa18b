"""Classroom mode: handouts built from the data, answers consistent with the analysis."""

from __future__ import annotations

import re
import subprocess

import pytest
from click.testing import CliRunner

from analyzer import analyze, load
from analyzer.cli import main
from analyzer.lesson import GLOSSARY, build_lesson
from analyzer.lexicons import builtin
from analyzer.rewrite import neutral_rewrite


@pytest.fixture(scope="module")
def school(corpus_dir):
    analysis = analyze(load([corpus_dir / "school-closures"]))
    event = next(e for e in analysis.events if len(e.outlets) == 3)
    return analysis, build_lesson(analysis, event, builtin())


def test_summary_uses_the_most_neutral_outlets_wording(school):
    analysis, lesson = school
    assert lesson.summary_outlet == "Lakeshore Wire Service"
    wire_texts = {s.text for s in analysis.sentences if s.article.split("/")[-1] == "wire"}
    assert len(lesson.summary) == 2 and all(t in wire_texts for t in lesson.summary)


def test_contrasts_are_facts_several_outlets_report_with_techniques_named(school):
    _, lesson = school
    assert 3 <= len(lesson.contrasts) <= 6
    for c in lesson.contrasts:
        assert sum(1 for sents in c.sentences.values() if sents) >= 2
    notes = " ".join(n for c in lesson.contrasts for n in c.notes)
    assert "editorialized adjective" in notes and "loaded label" in notes and "omission" in notes


def test_every_exercise_answer_is_consistent_with_the_analysis(school):
    analysis, lesson = school
    facts = {f.id: f for f in analysis.facts}
    flags_by_sentence = {}
    for f in analysis.flags:
        flags_by_sentence.setdefault(f.sentence, []).append(f)
    kinds = {x.kind for x in lesson.exercises}
    assert kinds == {"rewrite", "omission", "attribution"}
    for x in lesson.exercises:
        if x.kind == "omission":
            assert facts[x.source].missing == (x.answer,)
        elif x.kind == "rewrite":
            voice = [f for f in flags_by_sentence[x.source] if not f.quoted]
            assert voice
            rewritten = x.answer.split(" (loaded:")[0]
            for f in voice:
                assert f" {f.text} " not in f" {rewritten} "
        else:  # an attribution verb in the outlet's own voice, flagged or not
            text = next(s.text for s in analysis.sentences if s.id == x.source)
            word = x.question.split("“")[1].split("”")[0]
            entry = builtin().lookup(word)
            assert word in text and entry.category == "attribution" and entry.why == x.answer
            assert text in x.question  # the sentence the word stands in, so a student can judge it


def test_neutral_rewrite_uses_the_lexicon_alternatives(school):
    analysis, _ = school
    s = next(s for s in analysis.sentences if s.text.startswith("A slim majority of the Harlow school board gutted"))
    flags = [f for f in analysis.flags if f.sentence == s.id]
    assert neutral_rewrite(s, flags) == (
        "A slim majority of the Harlow school board cut two neighborhood schools late Tuesday, passing a plan that "
        "will shutter Eastview and Millbrook elementaries."
    )


def test_lesson_command_writes_handouts_and_the_flags_change_them(corpus_dir, tmp_path):
    runner = CliRunner()
    plain = runner.invoke(main, ["lesson", str(corpus_dir / "school-closures"), "-o", str(tmp_path / "a"), "-q"])
    assert plain.exit_code == 0, plain.output
    keyed = runner.invoke(
        main, ["lesson", str(corpus_dir / "school-closures"), "-o", str(tmp_path / "b"), "-q", "--answers", "--blank"]
    )
    assert keyed.exit_code == 0
    a = (tmp_path / "a" / "lesson-01.html").read_text()
    b = (tmp_path / "b" / "lesson-01.html").read_text()
    assert "answer key" not in a and "answer key" in b
    assert '<mark class="voice"' in a and "<mark class" not in b.split("<h2>Exercises")[0]
    assert all(term in a for term, _ in GLOSSARY)
    try:
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "b" / "lesson-01.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
    except FileNotFoundError:
        pytest.skip("pdftotext is not installed")
    assert "Teacher's page" in text and "Glossary" in text


def test_lesson_says_which_articles_it_grouped_as_report_does(corpus_dir, tmp_path):
    """Without -q the lesson prints one line per event (its articles and outlets) before the
    handout count, as `report` does; with -q, nothing."""
    runner = CliRunner()
    said = runner.invoke(main, ["lesson", str(corpus_dir / "school-closures"), "-o", str(tmp_path / "a")])
    assert said.exit_code == 0, said.output
    lines = said.output.strip().splitlines()
    assert any(line.startswith("event “") and "3 articles" in line for line in lines), lines
    assert lines[-1].startswith("1 handout")
    quiet = runner.invoke(main, ["lesson", str(corpus_dir / "school-closures"), "-o", str(tmp_path / "b"), "-q"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_lesson_needs_two_outlets(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text("---\noutlet: Solo\ntitle: T\n---\nThe council met.\n")
    result = CliRunner().invoke(main, ["lesson", str(folder), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "at least two" in result.stderr


def test_explain_term_and_sentence():
    runner = CliRunner()
    out = runner.invoke(main, ["explain", "power grab"]).output
    assert "noun" in out and "example: Critics called the bill a power grab." in out
    out = runner.invoke(main, ["explain", "--sentence", 'The mayor slammed what critics called a "giveaway."']).output
    assert "“slammed” [verb, the writer's own voice; curated lexicon, in-context score" in out
    assert "“giveaway” [noun, inside a quotation" in out
    assert runner.invoke(main, ["explain"]).exit_code == 2


def test_explain_says_why_a_listed_word_is_not_flagged():
    """A listed word the context model lets pass is named with its score and the threshold it
    stays under, a curated one ("claimed") and a broad-tier one ("grand") alike; a stance word also
    with the contrast that would flag it in a report."""
    out = (
        CliRunner().invoke(main, ["explain", "--sentence", "The mayor claimed that the grand plan would work."]).output
    )
    assert "No loaded words found: the listed words below read as plain where they stand." in out
    assert "“claimed” is listed (attribution, the curated lexicon) but not flagged here: its in-context score" in out
    assert "framing contrast where another outlet states the same fact plainly (“said”)" in out
    assert "“grand” is listed (adjective, the broad tier of charged words) but not flagged here" in out
    plain = CliRunner().invoke(main, ["explain", "--sentence", "The council met on Monday."]).output
    assert plain == "No loaded words found: no word here is listed.\n"
    flagged = CliRunner().invoke(main, ["explain", "--sentence", "The mayor slammed the plan."]).output
    assert "not flagged" not in flagged


def test_the_student_handout_does_not_answer_its_own_exercises(corpus_dir, tmp_path):
    runner = CliRunner()
    folder = str(corpus_dir / "school-closures")
    for name, extra in (("student", []), ("blank", ["--blank"]), ("teacher", ["--answers"])):
        done = runner.invoke(main, ["lesson", folder, "-o", str(tmp_path / name), "-q", *extra])
        assert done.exit_code == 0, done.output
    student, blank, teacher = ((tmp_path / n / "lesson-01.html").read_text() for n in ("student", "blank", "teacher"))
    assert "article does not state this fact?" in student  # the omission exercises …
    key = "What no sentence of an outlet states"
    assert key not in student and key not in blank
    assert key in teacher.split("answer key")[1]  # … are answered on the teacher's page
    assert "Who is called what" not in blank


def test_the_answer_key_is_built_from_whole_phrases(school):
    _, lesson = school
    answers = [x.answer for x in lesson.exercises if x.kind == "rewrite"]
    assert answers
    text = " ".join(answers)
    assert "In a approval" not in text and "lone, who" not in text
    assert not re.search(r"\b[Aa] [aeiou]", text) and not re.search(r"\b[Aa]n [^aeiouh\W]", text)


@pytest.mark.parametrize(
    ("text", "word", "neutral", "expected"),
    [
        ("In a hard-won victory for students, the board voted.", "hard-won victory", "approval", "In an approval"),
        ("It was an outrageous union deal.", "outrageous", "(omit)", "It was a union deal."),
        ('"No," said Lee, the lone voice of sanity, who voted no.', "voice of sanity", "(omit)", "said Lee, who voted"),
        ("Lee, a fierce critic of the plan, voted no.", "fierce critic", "(omit)", "Lee, a fierce critic of the plan,"),
    ],
)
def test_neutral_rewrite_keeps_the_sentence_grammatical(text, word, neutral, expected):
    from analyzer.model import Flag, Sentence

    i = text.index(word)
    flag = Flag("s", "a", "o", i, i + len(word), word, "label", 0.5, False, neutral, "why")
    assert expected in neutral_rewrite(Sentence("s", "a", 0, 0, len(text), text), [flag])


def test_report_limits_cap_the_handout(school):
    from collections import Counter

    from analyzer.options import ReportLimits

    analysis, full = school
    small = build_lesson(analysis, full.event, builtin(), ReportLimits(lesson_contrasts=1, lesson_exercises=1))
    assert len(full.contrasts) > 1 and len(small.contrasts) == 1
    assert max(Counter(x.kind for x in full.exercises).values()) > 1
    assert max(Counter(x.kind for x in small.exercises).values()) == 1

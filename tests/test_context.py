"""Loaded language in context: the broad tier, the context model, framing contrasts, and training."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import gold

from analyzer import analyze, context, load, pair_model
from analyzer.cli import main
from analyzer.context_train import CURATED_VETO, train
from analyzer.framing import flag_text
from analyzer.lexicons import builtin
from analyzer.options import AlignOptions, AnalysisOptions, FlagOptions


def voice(text: str, options: FlagOptions = FlagOptions()) -> list[str]:
    return [f.text for f in flag_text(text, builtin(), options) if not f.quoted]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The militant union boss held the economy hostage with a crippling strike.",
            ["militant", "union boss", "hostage", "crippling"],
        ),
        (
            "The council's betrayal of voters came with a tax-and-spend budget and a rosy forecast.",
            ["betrayal", "tax-and-spend", "rosy"],
        ),
        ("Troops massacred villagers while slave labor camps grew.", ["massacred", "slave labor"]),
        ("One naysayer and a do-gooder objected to the plan.", ["naysayer", "do-gooder"]),  # singular too
        # verbs and adjectives that dramatise how someone spoke or criticised
        (
            "The senator castigated the agency in a blistering speech after a testy exchange with reporters.",
            ["castigated", "blistering", "testy"],
        ),
        (
            "Critics lambasted the bombastic mayor, who doubled down on the plan and took a swipe at the council.",
            ["lambasted", "bombastic", "doubled down", "took a swipe"],
        ),
        ("She hailed the vote as a victory and stormed out of the hearing.", ["hailed", "stormed out"]),
        ("The governor, who hailed from Ohio, walked out in blistering heat.", []),  # origin and weather
        # name calling, and adverbs that judge how something was done
        (
            "The psychopath and his sycophants staged a tyrannical charade.",
            ["psychopath", "sycophants", "tyrannical", "charade"],
        ),
        (
            "The mayor brazenly ignored the vote, and the council conveniently forgot its own rules.",
            ["brazenly", "conveniently"],
        ),
    ],
)
def test_loaded_words_a_reader_would_mark_are_found(text, expected):
    assert voice(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The company acknowledged the error on Tuesday, officials revealed.",
        "The claims were filed in federal court last year.",
        "The minister said the talks were good and would continue.",
    ],
)
def test_ordinary_attribution_and_everyday_words_are_not_flagged(text):
    assert voice(text) == []


def test_a_broad_tier_word_is_flagged_in_the_outlets_voice_with_its_source():
    flags = flag_text("The senator gave an abusive and brutal speech.", builtin())
    assert [(f.text, f.source) for f in flags] == [("abusive", "broad"), ("brutal", "broad")]
    assert all(f.why and 0 < f.score <= 1 for f in flags)


def test_a_negation_lowers_the_score():
    model = context.load()
    (plain,) = flag_text("The plan was reckless.", builtin())
    negated = flag_text("The plan was not reckless.", builtin())
    assert plain.score >= model.thresholds["curated"] and negated == []


def test_a_later_lexicon_entry_overrides_an_earlier_inflected_one():
    entry = builtin().lookup("slashing")  # in the broad tier as "slashing", curated as "slash"
    assert entry is not None and entry.term == "slash" and context.tier(entry) == "curated"


def test_contrasts_flag_attribution_where_another_outlet_says_said(corpus_analysis):
    contrasts = [f for f in corpus_analysis.flags if f.source == "contrast"]
    assert contrasts
    for f in contrasts:  # the why gives the plain wording, or says the other outlet does without the word
        assert not f.quoted and f.neutral and (f.neutral in f.why or f"without “{f.text}”;" in f.why)
    claimed = [f for f in contrasts if f.category == "attribution"]
    assert {f.text.lower() for f in claimed} >= {"claimed", "claims"}
    assert all(f.neutral in {"said", "says", "say"} for f in claimed)


def test_neutral_wire_copy_has_no_voice_flags_of_any_source(corpus_analysis):
    wire = [f for f in corpus_analysis.flags if f.outlet == "Lakeshore Wire Service" and not f.quoted]
    assert wire == []


def test_every_voice_flag_of_the_bundled_corpus_is_in_the_gold(corpus_analysis, corpus_dir):
    """Precision on our own corpus stays whole: a flag the annotators would not mark is a false alarm."""
    wanted = {}
    for event_set in ("school-closures", "transit-fares"):
        for item in gold(event_set)["loaded"]:
            wanted.setdefault(f"{event_set}/{item['article']}", []).append(item["text"].lower())
    for f in corpus_analysis.flags:
        if f.article in wanted and not f.quoted:
            assert any(f.text.lower() in w or w in f.text.lower() for w in wanted[f.article]), f


@pytest.fixture(scope="module")
def gold_folder(tmp_path_factory, corpus_dir):
    """Two events of the bundled corpus in the dev-data format: plain .txt bodies and a gold.json
    of the loaded spans, found by their text."""
    root = tmp_path_factory.mktemp("gold")
    for event_set in ("school-closures", "transit-fares"):
        folder = root / event_set
        folder.mkdir()
        spans = []
        for path in sorted((corpus_dir / event_set).glob("*.md")):
            body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
            (folder / f"{path.stem}.txt").write_text(body, encoding="utf-8")
            for item in gold(event_set)["loaded"]:
                if item["article"] == path.stem:
                    for m in re.finditer(re.escape(item["text"]), body):
                        spans.append({"file": f"{path.stem}.txt", "start": m.start(), "end": m.end()})
        (folder / "gold.json").write_text(json.dumps({"spans": spans}), encoding="utf-8")
    return root


def test_train_fits_weights_and_a_threshold_per_group(gold_folder):
    """The broad tier's and the stance words' thresholds are fitted; another curated word is
    flagged unless the model vetoes it."""
    model = train([gold_folder], builtin())
    assert set(model.thresholds) == {"curated", "stance", "broad"}
    assert model.thresholds["curated"] == CURATED_VETO
    assert 0.05 <= model.thresholds["broad"] <= 0.4 and 0.05 <= model.thresholds["stance"] <= 0.4
    assert model.weights["tier=curated"] > model.weights.get("tier=broad", 0.0)
    assert gold_folder.name in model.trained_on and "held-out" in model.trained_on
    assert context.from_json(model.to_json()) == model


def test_lexicon_train_command_writes_weights_that_report_reads(gold_folder, corpus_dir, tmp_path):
    runner = CliRunner()
    weights = tmp_path / "weights.json"
    done = runner.invoke(main, ["lexicon", "train", str(gold_folder), "-o", str(weights), "-j", "1"])
    assert done.exit_code == 0, done.output
    model = context.read(weights)
    out = tmp_path / "out"
    args = ["report", str(corpus_dir / "school-closures"), "-o", str(out), "--format", "json", "-q"]
    assert runner.invoke(main, [*args, "--context-model", str(weights)]).exit_code == 0
    flags = json.loads((out / "analysis.json").read_text())["flags"]
    for f in flags:
        if f["source"] != "contrast" and not f["quoted"]:
            assert f["score"] >= min(model.thresholds.values())


def _constant_model(path, bias: float, thresholds: dict | None = None):
    """A context model file that scores every match alike: all loaded (bias 10) or none (-10)."""
    thresholds = thresholds or {"curated": 0.5, "stance": 0.5, "broad": 0.5}
    model = {"format": "framing-context-model/1", "bias": bias, "thresholds": thresholds}
    path.write_text(json.dumps({**model, "weights": {}}))
    return path


def test_stance_words_have_a_threshold_of_their_own(tmp_path):
    """At one probability (bias 0: 0.5 for every match), a stance word ("claimed", "so-called",
    "finally") is held to the stance threshold and a word that judges to the curated one."""
    text = "The strongman finally claimed that the so-called reform was a scheme."
    judging = ["strongman", "scheme"]
    strict_stance = _constant_model(tmp_path / "a.json", 0.0, {"curated": 0.05, "stance": 0.6, "broad": 0.6})
    assert voice(text, FlagOptions(context_model=str(strict_stance))) == judging
    lenient = _constant_model(tmp_path / "b.json", 0.0, {"curated": 0.05, "stance": 0.4, "broad": 0.6})
    everything = ["strongman", "finally", "claimed", "so-called", "scheme"]
    assert voice(text, FlagOptions(context_model=str(lenient))) == everything
    # a model saved before stance words had their own threshold holds them to the curated one
    older = _constant_model(tmp_path / "c.json", 0.0, {"curated": 0.6, "broad": 0.6})
    assert context.read(older).thresholds["stance"] == 0.6
    assert voice(text, FlagOptions(context_model=str(older))) == []


def test_context_model_option_changes_what_is_flagged(corpus_dir, tmp_path):
    """A model that finds every listed word loaded flags the neutral wire copy too."""
    everything = _constant_model(tmp_path / "everything.json", bias=10.0)
    runner = CliRunner()
    counts = []
    for extra in ([], ["--context-model", str(everything)]):
        out = tmp_path / f"out{len(counts)}"
        args = ["report", str(corpus_dir / "school-closures"), "-o", str(out), "--format", "json", "-q", *extra]
        assert runner.invoke(main, args).exit_code == 0
        analysis = json.loads((out / "analysis.json").read_text())
        counts.append(next(o for o in analysis["outlets"] if o["name"] == "Lakeshore Wire Service")["voice_flags"])
    assert counts[0] == 0 and counts[1] > 0
    explained = runner.invoke(
        main, ["explain", "--sentence", "The minister said the talks were good.", "--context-model", str(everything)]
    )
    assert "“good”" in explained.output


def test_a_broken_context_model_is_a_one_line_error(corpus_dir, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = CliRunner().invoke(
        main, ["report", str(corpus_dir), "-o", str(tmp_path / "o"), "--context-model", str(bad)]
    )
    assert result.exit_code == 1 and "bad.json" in result.stderr and "not a context model" in result.stderr
    assert not (tmp_path / "o").exists()


def test_the_analysis_api_takes_the_model_as_an_option(corpus_dir, tmp_path):
    strict = _constant_model(tmp_path / "none.json", bias=-10.0)
    analysis = analyze(
        load([corpus_dir / "school-closures"]), AnalysisOptions(flags=FlagOptions(context_model=str(strict)))
    )
    assert all(f.source == "contrast" or f.scare_quote for f in analysis.flags if not f.quoted)
    assert analysis.run["settings"]["flags"]["context_model"] == str(strict)


def test_the_fast_score_equals_the_probability_of_the_features():
    model = context.load()
    lex = builtin()
    from analyzer.framing import candidates
    from analyzer.model import Sentence
    from analyzer.segment import words as split

    text = "Critics say the reckless, not radical, Governor Smith slammed THE plan in a power grab."
    words = split(text)
    found = candidates(Sentence("s", "a", 0, 0, len(text), text), lex, words=words)
    assert len(found) >= 3
    for c in found:
        for headline in (False, True):
            slow = model.probability(context.features(words, c.word, c.length, c.entry, headline))
            assert abs(model.score(words, c.word, c.length, c.entry, headline) - slow) < 1e-12


def test_lexicon_train_reads_the_extra_lexicon(gold_folder, tmp_path):
    """A user lexicon that disables a term takes its matches out of the training examples."""
    off = tmp_path / "off.tsv"
    off.write_text("term\tcategory\tweight\tneutral\twhy\tsource\ngutted\tverb\t0\t\t\tmine\n")
    weights = tmp_path / "w.json"
    runner = CliRunner()
    args = ["lexicon", "train", str(gold_folder), "-o", str(weights), "-j", "1"]
    assert runner.invoke(main, args).exit_code == 0
    assert "term=gutted" in context.read(weights).weights
    assert runner.invoke(main, [*args, "--lexicon", str(off)]).exit_code == 0
    assert "term=gutted" not in context.read(weights).weights


def test_lesson_reads_the_context_model(corpus_dir, tmp_path):
    everything = _constant_model(tmp_path / "everything.json", bias=10.0)
    runner = CliRunner()
    marks = []
    for extra in ([], ["--context-model", str(everything)]):
        out = tmp_path / f"lesson{len(marks)}"
        args = ["lesson", str(corpus_dir / "school-closures"), "-o", str(out), "-q", *extra]
        assert runner.invoke(main, args).exit_code == 0
        marks.append((out / "lesson-01.html").read_text().count('<mark class="voice"'))
    assert marks[1] > marks[0]


def test_lexicon_show_lists_one_tier():
    runner = CliRunner()
    curated = runner.invoke(main, ["lexicon", "show", "--tier", "curated"]).output
    broad = runner.invoke(main, ["lexicon", "show", "--tier", "broad"]).output
    assert "\nstrongman\t" in curated and "\nstrongman\t" not in broad
    assert "\nabusive\t" in broad and "\nabusive\t" not in curated


def _candidate_words(text: str) -> list[str]:
    from analyzer.framing import candidates
    from analyzer.model import Sentence

    sentence = Sentence("t:0", "t", 0, 0, len(text), text)
    return [text[c.start : c.end].lower() for c in candidates(sentence, builtin())]


def test_claims_as_a_noun_is_no_attribution():
    """ "The claims were false" names what was claimed; "He claims the plan works" attributes."""
    assert "claims" not in _candidate_words("The claims were investigated by the board.")
    assert "claim" not in _candidate_words("His claim of fraud was rejected.")
    assert "claims" in _candidate_words("He claims the plan will save money.")


def test_a_word_another_outlet_states_the_fact_without_is_a_contrast(tmp_path):
    """Two outlets state one fact; one adds "finally" and "only", or casts the fact as something
    "admitted": each is a contrast flag whose plain wording is what the other wrote, even where
    the context model alone would let the word pass."""
    from conftest import article, write

    write(
        tmp_path / "in" / "a.md",
        article(
            outlet="Wire",
            body="Regulators approved the Copper Ridge mine on Thursday after a long review.\n\n"
            "The mine is expected to operate for 20 years, the company said in its filing.",
        ),
    )
    write(
        tmp_path / "in" / "b.md",
        article(
            outlet="Beacon",
            body="Regulators finally approved the Copper Ridge mine on Thursday after a long review.\n\n"
            "The company admitted in its filing that the mine is expected to operate for only 20 years.",
        ),
    )
    strict = _constant_model(tmp_path / "none.json", bias=-10.0)  # the model alone flags nothing
    analysis = analyze([tmp_path / "in"], AnalysisOptions(flags=FlagOptions(context_model=str(strict))))
    flags = {f.text.lower(): f for f in analysis.flags if f.outlet == "Beacon" and f.source == "contrast"}
    assert flags["finally"].neutral == "leave out “finally”" and "Wire" in flags["finally"].why
    assert flags["finally"].why.startswith("Wire states the same fact without “finally”; the word is")
    assert flags["only 20"].neutral == "20" and "without “only 20” (plainly: 20);" in flags["only 20"].why
    assert flags["admitted"].neutral == "said" and "Wire states the same fact with “said”" in flags["admitted"].why
    # A contrast rests only on a pair the aligner is sure of (its `sure` bar): with none sure,
    # the same two articles give no contrast.
    never_sure = json.loads(pair_model.load().to_json())
    never_sure.update(calibration=[0.0, 0.0], threshold=0.4, sure=0.6)  # every pair 0.5: aligned, never sure
    (tmp_path / "never-sure.json").write_text(json.dumps(never_sure))
    unsure = AnalysisOptions(
        flags=FlagOptions(context_model=str(strict)), align=AlignOptions(model=str(tmp_path / "never-sure.json"))
    )
    plain = analyze([tmp_path / "in"], unsure)
    assert plain.alignments and not [f for f in plain.flags if f.source == "contrast"]

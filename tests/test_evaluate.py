"""`framing evaluate`: gold resolution, scores, and errors for gold that does not fit."""

from __future__ import annotations

import json

from click.testing import CliRunner

from analyzer.cli import main


def test_evaluate_prints_scores(corpus_dir):
    result = CliRunner().invoke(main, ["evaluate", str(corpus_dir / "copper-ridge-mine")])
    assert result.exit_code == 0, result.output
    assert "alignment  precision" in result.output and "cross-event pairs  0" in result.output


def test_evaluate_json(corpus_dir):
    result = CliRunner().invoke(main, ["evaluate", str(corpus_dir / "school-closures"), "--json"])
    doc = json.loads(result.output)
    assert doc["alignment"]["expected"] == 25 and doc["events_exact"] is True


def test_gold_with_an_unknown_prefix_is_an_input_error(corpus_dir, tmp_path):
    gold = json.loads((corpus_dir / "school-closures" / "gold.json").read_text())
    gold["facts"][0]["sentences"]["wire"] = "No sentence starts like this"
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))
    result = CliRunner().invoke(main, ["evaluate", str(corpus_dir / "school-closures"), "--gold", str(path)])
    assert result.exit_code == 1 and "matches 0 sentences" in result.stderr


def test_missing_gold_is_a_usage_error(tmp_path):
    (tmp_path / "a.md").write_text("---\noutlet: A\n---\nText.")
    result = CliRunner().invoke(main, ["evaluate", str(tmp_path)])
    assert result.exit_code == 2 and "no gold.json under" in result.output + result.stderr


def test_a_folder_of_gold_sets_is_scored_set_by_set_and_pooled(corpus_dir):
    """`framing evaluate corpus/`: every gold file under the path, then the "all" row."""
    result = CliRunner().invoke(main, ["evaluate", str(corpus_dir), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    sets = [k for k in doc if k != "all"]
    assert len(sets) == 3 and all(k.startswith(str(corpus_dir)) for k in sets)
    pooled = doc["all"]["alignment"]
    assert pooled["true_positives"] == sum(doc[k]["alignment"]["true_positives"] for k in sets)
    assert pooled["expected"] == sum(doc[k]["alignment"]["expected"] for k in sets) == 77


def _loaded_terms(args: list[str]) -> dict:
    result = CliRunner().invoke(main, ["evaluate", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["flags"]


def test_evaluate_scores_the_flags_of_a_trained_context_model(corpus_dir, tmp_path):
    """`--context-model`: a model that finds no lexicon match loaded leaves only the framing
    contrasts (which rest on other outlets' wording, not on the model) to score."""
    nothing = tmp_path / "nothing.json"
    thresholds = {"curated": 0.5, "stance": 0.5, "broad": 0.5}
    model = {"format": "framing-context-model/1", "bias": -10, "thresholds": thresholds, "weights": {}}
    nothing.write_text(json.dumps(model))
    folder = str(corpus_dir / "transit-fares")
    shipped = _loaded_terms([folder])
    assert shipped["predicted"] > 0 and shipped["recall"] > 0.9
    none = _loaded_terms([folder, "--context-model", str(nothing)])
    assert none["predicted"] < shipped["predicted"] / 2 and none["recall"] < shipped["recall"] / 2


def test_evaluate_scores_the_flags_of_an_added_lexicon(corpus_dir, tmp_path):
    """`--lexicon`: a word the gold does not mark, listed in the outlets' own voice, is a false alarm."""
    extra = tmp_path / "extra.tsv"
    extra.write_text(
        "term\tcategory\tweight\tneutral\twhy\tsource\n"
        "fares\tnoun\t0.9\tprices\tA test entry for a plain word.\tcurated; a test\n"
    )
    folder = str(corpus_dir / "transit-fares")
    shipped = _loaded_terms([folder])
    listed = _loaded_terms([folder, "--lexicon", str(extra)])
    assert listed["predicted"] > shipped["predicted"] and listed["precision"] < shipped["precision"]

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

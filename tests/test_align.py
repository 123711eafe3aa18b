"""Alignment and facts on the bundled gold, plus the properties the contract promises."""

from __future__ import annotations

import pytest
from conftest import EVENT_SETS, gold

from analyzer import analyze, load, pair_model
from analyzer.evaluate import evaluate
from analyzer.options import AlignOptions

# Zero cross-event pairs, and per set the measured floor of the learned pair scorer, so that a
# regression fails (see README "Alignment quality"; school-closures is also training data, the
# other two are not): 0.818, 0.792 and 0.955, overall 0.853 (the 0.87 is not reached).
MIN_F1 = {"school-closures": 0.81, "transit-fares": 0.78, "copper-ridge-mine": 0.95}


@pytest.fixture(scope="module")
def evaluations(corpus_dir):
    return {name: evaluate(analyze(load([corpus_dir / name])), gold(name)) for name in EVENT_SETS}


@pytest.mark.parametrize("event_set", EVENT_SETS)
def test_alignment_quality_on_gold(evaluations, event_set):
    result = evaluations[event_set]
    assert result.cross_event_pairs == 0
    assert result.alignment.f1 >= MIN_F1[event_set]


def test_overall_f1_meets_the_target(evaluations):
    tp = sum(e.alignment.true_positives for e in evaluations.values())
    pred = sum(e.alignment.predicted for e in evaluations.values())
    exp = sum(e.alignment.expected for e in evaluations.values())
    p, r = tp / pred, tp / exp
    assert 2 * p * r / (p + r) >= 0.85


def test_whole_corpus_has_no_cross_event_pair(corpus_analysis):
    event_of = {a.id: a.event for a in corpus_analysis.articles}
    article_of = {s.id: s.article for s in corpus_analysis.sentences}
    outlet_of = {a.id: a.outlet for a in corpus_analysis.articles}
    assert corpus_analysis.alignments
    for al in corpus_analysis.alignments:
        a, b = article_of[al.a], article_of[al.b]
        assert event_of[a] == event_of[b]
        assert outlet_of[a] != outlet_of[b]
        assert 0 <= al.score <= 1
    pairs = [frozenset((al.a, al.b)) for al in corpus_analysis.alignments]
    assert len(pairs) == len(set(pairs))


def test_identical_quotes_align(corpus_analysis):
    text = {s.id: s.text for s in corpus_analysis.sentences}
    quote = '"The state has put a river at risk for a company\'s profits,"'
    pairs = {frozenset((al.a, al.b)) for al in corpus_analysis.alignments}
    holders = [sid for sid, t in text.items() if t.startswith(quote)]
    assert len(holders) == 2 and frozenset(holders) in pairs


def test_one_sentence_may_align_with_several(corpus_analysis):
    text = {s.id: s.text for s in corpus_analysis.sentences}
    partners = {}
    for al in corpus_analysis.alignments:
        partners.setdefault(al.a, set()).add(al.b)
        partners.setdefault(al.b, set()).add(al.a)
    # The Beacon splits the wire's first mine sentence in two; both align with it.
    wire = next(s for s, t in text.items() if t.startswith("State regulators on Thursday approved"))
    assert any(text[p].startswith("The permit allows Ardent Minerals") for p in partners[wire])


def test_facts_partition_each_event_and_name_the_missing_outlets(corpus_analysis):
    sentences_in_facts = [s for f in corpus_analysis.facts for s in f.sentences]
    assert sorted(sentences_in_facts) == sorted(s.id for s in corpus_analysis.sentences)
    events = {e.id: e for e in corpus_analysis.events}
    for f in corpus_analysis.facts:
        assert set(f.outlets) | set(f.missing) | set(f.maybe) == set(events[f.event].outlets)
        assert not set(f.outlets) & set(f.missing)
    # An outlet's near sentence is one the aligner did not join to the fact, and it comes near:
    # at the model's `absent` bar or above.
    linked = {frozenset((al.a, al.b)) for al in corpus_analysis.alignments}
    absent = pair_model.load().absent
    near = [(f, n) for f in corpus_analysis.facts for n in f.maybe.values()]
    assert near
    assert all(n.probability >= absent for _, n in near)
    assert not any(frozenset((n.sentence, s)) in linked for f, n in near for s in f.sentences)


def test_fact_positions_say_where_each_outlet_put_it(corpus_analysis):
    text = {s.id: s.text for s in corpus_analysis.sentences}
    vote = next(
        f
        for f in corpus_analysis.facts
        if any(text[s].startswith("The Harlow Unified School District board voted 5-4") for s in f.sentences)
    )
    assert vote.positions["Lakeshore Wire Service"] == "lead"


def test_diff_shows_word_swaps(corpus_analysis):
    text = {s.id: s.text for s in corpus_analysis.sentences}
    al = next(
        a
        for a in corpus_analysis.alignments
        if text[a.a].startswith("The new fares take effect")
        and text[a.b].startswith("The outrageous increase")
        or text[a.b].startswith("The new fares take effect")
        and text[a.a].startswith("The outrageous increase")
    )
    swap = next(s for s in al.diff.swaps if "outrageous increase" in s.a + s.b)
    assert "new fares" in swap.a + swap.b
    assert "adjective" in (swap.a_category, swap.b_category)


def test_large_event_aligns_fact_first_against_reference_articles(corpus_dir):
    """Above `large_event_articles`, every alignment has one side in the event's first
    `reference_articles` articles, and the others still join the reference's facts."""
    from analyzer import AlignOptions, AnalysisOptions, analyze, load

    corpus = load([corpus_dir / "school-closures"])
    full = analyze(corpus)
    large = analyze(corpus, AnalysisOptions(align=AlignOptions(large_event_articles=2, reference_articles=1)))
    event = next(e for e in large.events if len(e.articles) > 2)
    reference = event.articles[0]
    article_of = {s.id: s.article for s in large.sentences}
    in_event = [a for a in large.alignments if article_of[a.a] in event.articles]
    assert in_event and all(reference in (article_of[a.a], article_of[a.b]) for a in in_event)
    full_pairs = {(a.a, a.b) for a in full.alignments if article_of[a.a] in event.articles}
    others = [p for p in full_pairs if reference not in (article_of[p[0]], article_of[p[1]])]
    assert others, "the bundled event has pairs between non-reference articles"
    assert not set(others) & {(a.a, a.b) for a in in_event}
    # facts span all three outlets all the same: the non-reference outlets meet through the reference
    assert any(len(f.outlets) == 3 for f in large.facts if f.event == event.id)


def test_sentences_without_content_words_align_without_error():
    """Found by the fuzz test: candidates exist (character n-grams) but no anchor is shared."""
    from analyzer import analyze
    from analyzer.corpus import Corpus
    from analyzer.model import Article

    rows = [("A", "", "TheThe"), ("B", "TheThe", "The"), ("C", "TheThe", "TheTheThe")]
    articles = tuple(
        Article(id=f"a{n}", outlet=o, title=t, date=None, url=None, source=f"a{n}", body=b, event=None, sha256="")
        for n, (o, t, b) in enumerate(rows)
    )
    analysis = analyze(Corpus(articles, (), {}))
    assert {f.event for f in analysis.facts} and all(a.a != a.b for a in analysis.alignments)


def test_an_event_of_one_outlet_takes_no_features_and_each_sentence_is_a_fact():
    """Nothing to align in one outlet's event: its work carries no feature rows (taking them was
    most of the align stage for thousands of one-file events), and each sentence is its own fact."""
    from analyzer.align import AlignInputs, FeatureStore, align_event, event_work, sentence_features
    from analyzer.model import Event, Sentence
    from analyzer.options import AlignOptions

    texts = ["The council met on Monday.", "It approved the budget.", "The council met on Monday again."]
    sents = [Sentence(f"a:{n}", "a", n, 0, len(t), t) for n, t in enumerate(texts)]
    sents.append(Sentence("b:0", "b", 0, 0, len(texts[0]), texts[0]))
    store = FeatureStore([sentence_features(sents)])
    events = [Event("one", "One", ("a",), ("A",)), Event("two", "Two", ("a", "b"), ("A", "B"))]
    inputs = AlignInputs.build(events, sents, {"a": "A", "b": "A"}, store, AlignOptions())
    alone, _ = event_work([0, 1], inputs)
    assert alone.features is None
    alignments, facts = align_event(alone)
    assert alignments == [] and [f.sentences for f in facts] == [("a:0",), ("a:1",), ("a:2",)]
    both = event_work([1], AlignInputs.build(events, sents, {"a": "A", "b": "B"}, store, AlignOptions()))[0]
    assert both.features is not None and align_event(both)[0]  # two outlets: the same sentence aligns


def test_an_aligner_file_changes_what_aligns_and_a_bad_one_stops_the_run(corpus_dir, tmp_path):
    """--aligner: a scorer whose threshold no pair reaches aligns nothing; a missing or corrupt
    weights file is a one-line error naming it, exit 1, and nothing written."""
    import json

    from click.testing import CliRunner

    from analyzer.cli import main
    from analyzer.pair_model import load as load_scorer

    never = json.loads(load_scorer().to_json())
    never["threshold"] = never["absent"] = 1.0
    never["calibration"] = [0.0, -50.0]
    (tmp_path / "never.json").write_text(json.dumps(never))
    runner = CliRunner()
    out = tmp_path / "out"
    args = ["report", str(corpus_dir / "school-closures"), "--format", "json", "-q", "-o", str(out)]
    assert runner.invoke(main, args).exit_code == 0
    assert json.loads((out / "analysis.json").read_text())["alignments"]
    assert runner.invoke(main, [*args, "--aligner", str(tmp_path / "never.json")]).exit_code == 0
    assert json.loads((out / "analysis.json").read_text())["alignments"] == []
    (tmp_path / "broken.json").write_text('{"format": "framing-aligner/1", "features": []}')
    for bad in ("broken.json", "missing.json"):
        fresh = tmp_path / f"out-{bad}"
        result = runner.invoke(main, [*args[:-1], str(fresh), "--aligner", str(tmp_path / bad)])
        assert result.exit_code == 1 and bad in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert not fresh.exists() or not any(fresh.iterdir())


def test_an_outlet_with_a_near_sentence_does_not_leave_the_fact_out(corpus_analysis):
    """`maybe` names an outlet's nearest sentence when one comes near a fact it is not aligned
    with; such an outlet is not among those that leave the fact out."""
    by_id = {s.id: s for s in corpus_analysis.sentences}
    outlet_of = {a.id: a.outlet for a in corpus_analysis.articles}
    with_maybe = [f for f in corpus_analysis.facts if f.maybe]
    assert with_maybe
    for fact in with_maybe:
        for outlet, near in fact.maybe.items():
            assert outlet not in fact.missing and outlet not in fact.outlets
            assert outlet_of[by_id[near.sentence].article] == outlet and 0.0 < near.probability <= 1.0


def test_names_the_whole_story_carries_are_no_anchor(tmp_path):
    """Every sentence of a story about AARP names AARP and Social Security: sharing them says what
    the story is about, not that two sentences state one fact. A speech and a march are no same
    fact; two reports that the programme must change to stay solvent are."""
    from conftest import article, write

    from analyzer import AlignOptions, AnalysisOptions

    write(
        tmp_path / "in" / "a.md",
        article(
            outlet="Ledger",
            body="AARP said on Friday that Social Security needs changes to stay solvent for 75 years.\n\n"
            "AARP chief Barry Rand told members in Washington that the group still opposes cuts to Social Security.\n\n"
            "AARP chief Barry Rand spoke to members about Social Security.",
        ),
    )
    write(
        tmp_path / "in" / "b.md",
        article(
            outlet="Courier",
            body="AARP, the lobby for older Americans, said Social Security must change to stay solvent "
            "for 75 years.\n\n"
            "The Wall Street Journal reported that AARP would accept Social Security benefit cuts in a budget deal.\n\n"
            "AARP members marched outside the Social Security office.",
        ),
    )

    def aligned(options: AlignOptions) -> dict[tuple[str, str], float]:
        analysis = analyze([tmp_path / "in"], AnalysisOptions(align=options))
        text = {s.id: s.text for s in analysis.sentences}
        return {(text[al.a][:27], text[al.b][:27]): al.score for al in analysis.alignments}

    solvent = ("AARP said on Friday that So", "AARP, the lobby for older A")
    told_march = ("AARP chief Barry Rand told ", "AARP members marched outsid")
    speech_march = ("AARP chief Barry Rand spoke", "AARP members marched outsid")
    default = aligned(AlignOptions())
    assert solvent in default and told_march not in default
    # With every name counted as shared (no share is large enough), the speech and the march are
    # more alike to the pair scorer. The short speech and the march align either way: its known
    # miss on events of a few sentences (README, "what the tool still gets wrong").
    assert aligned(AlignOptions(topic_entity_share=1.01))[speech_march] > default[speech_march]


def test_a_name_two_sentences_share_is_no_topic_in_a_small_event():
    """In an event of a few sentences, two that share a name share what they state: a name is
    the topic only when at least three sentences, and 30% of them, carry it."""
    from scipy.sparse import csr_matrix

    from analyzer.align import _without_topic

    two = csr_matrix([[1, 1], [1, 0]], dtype="float32")  # name 0 in both sentences of the event
    assert (_without_topic(two, 0.3) != two).nnz == 0
    ten = csr_matrix([[1, 1]] * 2 + [[0, 1]] * 2 + [[0, 0]] * 6, dtype="float32")  # in 2 and 4 of 10
    assert _without_topic(ten, 0.3).toarray().sum(axis=0).tolist() == [2, 0]


def test_news_nouns_in_the_stop_word_list_are_content():
    """scikit-learn's stop words include "bill", "fire" and "mine"; in news they are what a
    sentence is about, so two sentences about the mine share it, and "the" and "after" still
    count for nothing."""
    from analyzer.features import claim_words, content_words
    from analyzer.segment import words

    text = "The Senate passed the bill after the fire at the mine."
    assert {"bill", "fire", "mine"} <= set(content_words(text, words(text)))
    assert {"bill", "fire", "mine"} <= claim_words(text) and not {"the", "after"} & claim_words(text)


def test_the_shipped_aligner_is_rebuilt_byte_for_byte_by_its_training_command(corpus_dir, tmp_path):
    """`framing align train` on the data the shipped weights file names gives that file again,
    byte for byte; the file's held-out figures are the ones its training measured."""
    import json

    from click.testing import CliRunner

    from analyzer.cli import main

    gold = corpus_dir.parent.parent / "shared" / "dev-data" / "align" / "basil-pairs.json"
    if not gold.is_file():
        pytest.skip("../shared/dev-data is not beside this checkout (it is in CI)")
    out = tmp_path / "aligner.json"
    args = ["align", "train", "--gold", str(gold), "--corpus", str(corpus_dir / "school-closures"), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    shipped = pair_model.load()
    assert out.read_text() == shipped.to_json()
    held = json.loads(out.read_text())["about"]["held_out"]
    assert f"F1 {held['f1']:.2f}" in result.stderr and held["precision"] >= 0.65


def test_evaluate_and_lesson_take_the_aligner_option(corpus_dir, tmp_path):
    """--aligner reaches `evaluate` too: a scorer that aligns nothing scores no alignment."""
    import json

    from click.testing import CliRunner

    from analyzer.cli import main

    never = json.loads(pair_model.load().to_json())
    never.update(threshold=1.0, absent=1.0, calibration=[0.0, -50.0])
    (tmp_path / "never.json").write_text(json.dumps(never))
    folder = str(corpus_dir / "school-closures")
    usual = CliRunner().invoke(main, ["evaluate", folder, "--json"])
    none = CliRunner().invoke(main, ["evaluate", folder, "--json", "--aligner", str(tmp_path / "never.json")])
    assert json.loads(usual.output)["alignment"]["predicted"] > 0
    assert json.loads(none.output)["alignment"]["predicted"] == 0
    lesson = CliRunner().invoke(main, ["lesson", folder, "-o", str(tmp_path / "l"), "--aligner", str(tmp_path / "x")])
    assert lesson.exit_code == 1 and "cannot read the aligner" in lesson.stderr


def test_align_train_reads_its_stories_folder_and_extra_pairs(corpus_dir, tmp_path):
    """--stories: where the judged stories are read (an empty folder is a one-line error naming
    a missing article); --pairs: sentence pairs trained on as well, named in the file."""
    import json

    from click.testing import CliRunner

    from analyzer.cli import main

    gold = corpus_dir.parent.parent / "shared" / "dev-data" / "align" / "basil-pairs.json"
    if not gold.is_file():
        pytest.skip("../shared/dev-data is not beside this checkout (it is in CI)")
    runner = CliRunner()
    empty = tmp_path / "empty"
    empty.mkdir()
    base = ["align", "train", "--gold", str(gold)]
    missing = runner.invoke(main, [*base, "--stories", str(empty), "-o", str(tmp_path / "x.json")])
    assert missing.exit_code == 1 and str(empty) in missing.stderr and "no such file" in missing.stderr
    pairs = tmp_path / "mine.jsonl"
    rows = [
        {
            "a": "The council voted to close two schools.",
            "b": "Two schools will close, the council decided.",
            "label": 1,
        },
        {"a": "The council voted to close two schools.", "b": "The mayor opened a new park.", "label": 0},
        {"a": "Fares rise to $2.50 in July.", "b": "Bus fares go up 50 cents on July 1.", "label": 1},
    ]
    pairs.write_text("".join(json.dumps(r) + "\n" for r in rows))
    plain, extra = tmp_path / "plain.json", tmp_path / "extra.json"
    assert runner.invoke(main, [*base, "-o", str(plain)]).exit_code == 0
    assert runner.invoke(main, [*base, "--pairs", str(pairs), "-o", str(extra)]).exit_code == 0
    assert plain.read_text() != extra.read_text()
    assert "mine.jsonl" in [d["data"] for d in json.loads(extra.read_text())["about"]["trained_on"]]

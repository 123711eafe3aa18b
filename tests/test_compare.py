"""Distinctive vocabulary: the log-odds measure is antisymmetric and has a noise floor."""

from __future__ import annotations

from collections import Counter

from analyzer.compare import distinctive, distinctive_counted, log_odds, merge_terms, voice_terms
from analyzer.model import Sentence


def test_log_odds_is_antisymmetric():
    words = ["gutted", "board", "schools", "closed"]
    a = Counter({"gutted": 5, "board": 3, "schools": 4})
    b = Counter({"closed": 4, "board": 3, "schools": 5})
    ya, yb = [a[w] for w in words], [b[w] for w in words]
    prior = [x + y for x, y in zip(ya, yb, strict=True)]
    ab, ba = log_odds(ya, yb, prior), log_odds(yb, ya, prior)
    assert abs(ab + ba).max() < 1e-12
    assert ab[0] > 0 > ab[3]


def _sentences(outlet_words):
    out, outlet_of = [], {}
    for n, (outlet, text) in enumerate(outlet_words):
        out.append(Sentence(f"s{n}", f"a{n}", 0, 0, len(text), text))
        outlet_of[f"a{n}"] = outlet
    return out, outlet_of


def test_strong_difference_clears_the_noise_floor_and_noise_does_not():
    rows = [("A", "the board gutted schools again and slashed budgets")] * 20
    rows += [("B", "the board closed schools again and reduced budgets")] * 20
    sents, outlet_of = _sentences(rows)
    result = distinctive(sents, outlet_of)
    top = {t.term: t for t in result.outlets["A"]}
    assert top["gutted"].above_noise and top["slashed"].above_noise
    same = [("A", "the board met on monday about schools")] * 10 + [("B", "the board met on monday about schools")] * 10
    sents, outlet_of = _sentences(same)
    assert not any(t.above_noise for ts in distinctive(sents, outlet_of).outlets.values() for t in ts)


def test_corpus_analysis_has_distinctive_terms_per_event(corpus_analysis):
    assert corpus_analysis.distinctive.noise_floor is not None
    assert len(corpus_analysis.event_distinctive) == 3


def test_word_counts_made_in_batches_give_the_same_distinctive_words():
    rows = [("A", "the board gutted schools again and slashed budgets")] * 12
    rows += [("B", 'the board closed schools and reduced the budgets, "gutted" said one')] * 12
    sents, outlet_of = _sentences(rows)
    whole = distinctive(sents, outlet_of)
    x, vocab = merge_terms([voice_terms(sents[:5]), voice_terms(sents[5:17]), voice_terms(sents[17:])])
    assert distinctive_counted(x, vocab, [outlet_of[s.article] for s in sents]) == whole
    assert "gutted" in {t.term for t in whole.outlets["A"]}


def test_distinctive_words_of_thousands_of_outlets_stay_sparse(tmp_path):
    """20,000 one-sentence outlets over a 6,000-word vocabulary: the permutation counts were dense
    (30 deals × outlets × vocabulary, 29 GB); sparse, they fit in 1 GiB."""
    import os
    import subprocess
    import sys

    script = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))\n"
        "import numpy as np\n"
        "from scipy.sparse import csr_matrix\n"
        "from analyzer.compare import distinctive_counted\n"
        "n, v = 20000, 6000\n"
        "rng = np.random.default_rng(1)\n"
        "cols = rng.integers(0, v, size=(n, 8))\n"
        "x = csr_matrix((np.ones(n * 8), (np.repeat(np.arange(n), 8), cols.ravel())), shape=(n, v))\n"
        "x.sum_duplicates()\n"
        "result = distinctive_counted(x, [f'w{k}' for k in range(v)], [f'o{k}' for k in range(n)])\n"
        "print(len(result.outlets))\n"
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == ["20000"]

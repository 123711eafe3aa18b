"""The kinds of loaded language, in one table that lexicons, flags, charts and the lesson read.

A new category is one row here: its colour in the charts (Okabe-Ito, colour-blind safe), the
technique's name for a student, its glossary entry, an invented example sentence for
`framing explain`, whether a negation before it ("not radical") takes the judgement back, and
whether it is a stance word.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    name: str  # as written in the lexicons' `category` column and in every flag
    colour: str
    technique: str  # what the lesson calls it
    glossary: str  # the glossary's explanation of the technique, for a student
    example: str  # a sentence with "{}" where the term goes
    negatable: bool = False
    # A stance word says how sure or how strong ("claimed", "so-called", "finally") rather than
    # naming or judging: a plain statement of the same fact does without it, and real annotators
    # rarely mark one in ordinary reporting. In the outlet's own voice the context model flags it
    # only at a threshold fitted on annotated news (`analyzer.context`); where another outlet
    # states the fact plainly, a framing contrast flags it (`analyzer.contrast`).
    stance: bool = False
    # For verbs given in their base form ("slash", not "slashed"): a sentence where that form reads
    # right, so that the example is grammatical for the term and its neutral alternative alike.
    example_base: str | None = None


_LOADED_WORD = (
    "A noun or verb chosen for its emotional punch: “gutted” instead of “closed”, “slammed” "
    "instead of “criticized”, “power grab” instead of “decision”."
)

TABLE = (
    Category(
        "label",
        "#D55E00",
        "loaded label",
        "A name for a person or group that carries a judgement: “strongman” instead of “president”, "
        "“radical activists” instead of “environmental group”. It tells you what to think of them before you know "
        "what they did.",
        "The {} spoke to reporters on Monday.",
    ),
    Category(
        "adjective",
        "#E69F00",
        "editorialized adjective",
        "A describing word that gives the writer's opinion as if it were a fact: "
        "“outrageous increase”, “bloated agency”, “beloved school”.",
        "The council passed a {} budget on Monday.",
        negatable=True,
    ),
    Category(
        "intensifier",
        "#F0E442",
        "intensifier",
        "A word that turns up the volume: “whopping”, “staggering”, “finally”. Or turns it down: "
        "“only 20 years”, “just 12 miles”. The number alone would let you judge.",
        "The plan will cost {} dollars, officials said.",
        negatable=True,
        stance=True,
    ),
    Category(
        "adverb",
        "#000000",  # the eighth Okabe-Ito colour: grey reads as "neutral" beside the attribution chart
        "editorialized adverb",
        "A word about how something was done that gives the writer's opinion: “brazenly ignored”, "
        "“conveniently forgot”, “unfairly blamed”. It judges the act before you can.",
        "The mayor {} rejected the plan on Monday.",
        negatable=True,
    ),
    Category("noun", "#CC79A7", "loaded word", _LOADED_WORD, "Critics called the bill a {}."),
    Category(
        "verb",
        "#0072B2",
        "loaded word",
        _LOADED_WORD,
        "The mayor {} the plan on Monday.",
        example_base="The mayor moved to {} the plan on Monday.",
    ),
    Category(
        "attribution",
        "#009E73",
        "non-neutral attribution verb",
        "“Said” reports what someone said. “Claimed” suggests it may not be true; "
        "“admitted” and “conceded” suggest it is true and the speaker would rather not say it; “insisted” suggests "
        "they are being stubborn.",
        "The mayor {} that the plan would save money.",
        stance=True,
    ),
    Category(
        "doubt",
        "#56B4E9",
        "casting doubt",
        "Words like “so-called”, “supposed” or “alleged” tell the reader not to believe a name or a "
        "claim, without saying why.",
        "The {} savings were announced on Monday.",
        stance=True,
    ),
)
BY_NAME = {c.name: c for c in TABLE}
NAMES = tuple(BY_NAME)

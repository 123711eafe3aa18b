"""Who is called what: the people and organisations an event is about, and for each outlet the
titles and epithets it attaches to them and the verbs that attribute their words.

Actors are capitalised names that recur (in two outlets, or twice in one). "Ana Park", "Park"
and "Superintendent Park" merge: a title is split off, and a lone surname joins the full name it
ends. Labels are what stands before the name (a title and the words before it: "embattled
Superintendent") and appositives after it or before it ("Lee, the board's lone voice of sanity,";
"The group's director, Mira Santos,"). This is the word-choice-and-labelling view of media bias
research (Hamborg et al.).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .language import ENGLISH, Language, plural
from .lexicons import Lexicon
from .model import Actor, Sentence

NAME = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:of|the|for|de|van|von|al)\s+[A-Z][\w’'.-]*|\s+[A-Z][\w’'.-]*)*")
APPOSITIVE_AFTER = re.compile(
    r"^,\s+((?:a|an|the|its|his|her|their)\s+[^,;:\"“”]{3,80}?"
    r"|(?!(?:who|whom|whose|which|that|said|says|and|but|or|as|when|while|after|before)\b)"
    r"[a-z][a-z-]*(?<!ing)(?<!ed)\s+(?:of|for|at)\s+[^,;:\"“”]{3,60}?)(?=,|\.(?:\s|$)|;|$)"
)
APPOSITIVE_BEFORE = re.compile(r"(\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+[^,.;:\"“”]{3,60}?),\s+$")
# "Radical activists from the Clearwater Alliance": a loaded phrase naming the group's members.
# Not "with": "positive relations with Russia", "talks with Kim" are no members.
MEMBER_OF = re.compile(r"((?:[\w-]+\s+)?[\w-]+)\s+(?:from|of|at)\s+(?:the\s+)?$")
SPEAKER_AFTER_VERB = 4  # "said Trustee Marcus Lee": the speaker may follow the verb this closely
NOT_NAMES = frozenset(
    "The A An In On At By For From To Of And But Or If As It Its He She They We I This That These Those "
    "Some About More Most No Not Without With After Before During While When Where Critics Riders Seniors "
    "Construction Consolidating Enrollment District Hundreds Share Photo Related Sign Follow Like Regarding "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December".split()
)
POSSESSIVE = re.compile(r"['’]s$")
ARTICLE = re.compile(r"^(?:the|a|an)\s+")
COMPLEMENT = re.compile(r"\s+(?:of|for|at|from|with|in|on|to)\s+")  # what follows a noun phrase's head
QUALIFIERS_MAX = 3
TIME_QUALIFIERS = frozenset({"former", "then", "acting", "longtime", "outgoing", "incoming", "late"})
# Courtesy titles say nothing of the person ("Mr. Xi"): not labels. Measured on NewsWCL50 (see
# benchmarks/actors.py), they were a fifth of the labels the annotators did not give.
HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Miss", "Mx.", "Mr", "Mrs", "Ms"})
# Words that make a phrase set off by commas a clause rather than a noun phrase.
CLAUSE_WORDS = frozenset(
    "is was were are be been has had have did does do will would could should can may might said says not also".split()
)
COPULAS = frozenset("is was were are be been being am seem seems seemed".split())
RELATIVE = re.compile(r"\s(?:who|whom|whose|which|that)\s")  # a relative clause ends the noun phrase
# A phrase that goes on as a list ("Putin, the Eurasian Union and the Belt and Road Initiative")
# or as a clause whose subject is a name ("an ally Vladimir Putin arrived in Beijing").
LIST_OR_CLAUSE = re.compile(r"\s(?:and|or)\s+(?:the|a|an|[A-Z])|[A-Z][\w’'.-]*\s+[a-z]+ed\b")
PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|on|during|after|before|from|with|for|by|since|until|to|of|into|over|under|about|throughout|"
    r"despite|amid|among|against|within|without|toward|towards|across|behind|beyond|through|upon|between|"
    r"around|near|like|via|regarding|concerning|following|including|except)\s+$",
    re.I,
)
# A phrase right after "and" is the second of two things ("meeting with Xi and the party's most
# powerful officials, Putin visited …"), not a description of the name after it.
COORDINATED = re.compile(r"\b(?:and|or)\s+$")
# A phrase right after a participle is its object, not an appositive ("still bashing the
# agreement, Trump is …").
OBJECT_OF_VERB = re.compile(r"\b[a-z]+(?:ing|ed)\s+$", re.I)
_NAME_ITEM = r",\s*[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"  # ", Name" in a list of names
# The name goes on as a list ("The United States, France and the United Kingdom took action"):
# the phrase before it is another item, not a description of it.
LIST_GOES_ON = re.compile(rf"(?:{_NAME_ITEM})*,?\s+(?:and|or)\s")
# The phrase after a name is one item of a list that goes on with more names ("the United
# Nations, the Shanghai Cooperation Organisation, BRICS and other frameworks").
LIST_CONTINUES = re.compile(rf"(?:{_NAME_ITEM})+,?\s+(?:and|or)\s")


def _title_ending(text: str, rules: ActorRules) -> str:
    """The longest title that `text` ends with, followed by a space ("" if none)."""
    ending = rules.title_end.match(text[-(rules.title_chars + 1) :][::-1])
    return ending.group(0)[:0:-1] if ending else ""


def _mentions(sentence: Sentence, rules: ActorRules) -> list[tuple[int, int, str, str]]:
    """(start, end, label before the name, name) of each capitalised name in a sentence.

    The label is the title ("Superintendent", "Council member") with the describing words
    written before it ("Embattled Superintendent", "reform-minded Superintendent"), or a loaded
    label alone ("strongman Vladimir Putin")."""
    text = sentence.text
    starting, describers = rules.title_start, rules.describers
    out = []
    for m in NAME.finditer(text):
        words = POSSESSIVE.sub("", m.group(0)).rstrip(".").split()
        lead: list[str] = []
        while words and words[0] in NOT_NAMES:
            words = words[1:]
        title = ""
        for k in range(len(words)):
            rest = " ".join(words[k:])
            found = starting.match(rest)
            if found:
                lead, title = words[:k], found.group(0)[:-1]
                words = rest[found.end() :].split()
                break
        if not words:
            continue
        name = " ".join(words)
        start = text.find(name, m.start())
        before = text[: text.find(" ".join(lead + [title]).strip() or name, m.start())]
        if not title:
            title = _title_ending(before, rules)
            before = before[: len(before) - len(title) - 1] if title else before
            if title[:1].islower():  # a role in lower case takes the words that qualify it
                lead = _qualifiers(before)
        describing = lead or _premodifier(before, describers)
        if title in HONORIFICS:
            describing, title = [], ""
        label = " ".join(describing + [title]).strip()
        member = MEMBER_OF.search(before)
        members = member.group(1).split() if member else []
        # "Radical activists from the Clearwater Alliance": the group's members are many, so the
        # phrase ends in a plural ("his warm relationship with Macron" describes no one)
        if not label and members and plural(members[-1]) and any(w.lower() in describers for w in members):
            label = member.group(1)
        out.append((start, start + len(name), label, name))
    return out


def _words(text: str) -> set[str]:
    return {POSSESSIVE.sub("", w) for w in text.lower().split()}


def _described(candidates: Sequence[tuple[str, set[str]]], modifiers: set[str]) -> str | None:
    """Whom a description by a role refers to: the actor this article last gave that role, whose
    label shares a word with the description's modifiers when it has any ("the North Korean
    leader" is the one called "North Korean leader", not the "Japanese leader" named since)."""
    for actor, words in reversed(candidates):
        if not modifiers or modifiers & words:
            return actor
    return None


def _premodifier(before: str, describers: frozenset[str]) -> list[str]:
    """The describing word written right before a name ("embattled Comey", "reform-minded Park"):
    not one set off by a comma ("his son-in-law, Jared Kushner" is an appositive), nor a
    predicate after a form of "be" ("they were glad Comey's memos …")."""
    words = before.split()
    if not words or words[-1][-1] in ",;:" or len(words) > 1 and words[-2].lower() in COPULAS:
        return []
    w = words[-1]
    return [w] if w.lower() in describers or ("-" in w.rstrip("-") and w.islower()) else []


def _qualifiers(before: str) -> list[str]:
    """The words right before a role in lower case that qualify it: capitalised words and a few
    of time ("North Korean", "former FBI"), at most QUALIFIERS_MAX."""
    out: list[str] = []
    for word in reversed(before.split()[-QUALIFIERS_MAX:]):
        if word[-1] in ",.;:" or not (word[:1].isupper() or word.lower() in TIME_QUALIFIERS) or word in NOT_NAMES:
            break
        out.insert(0, word)
    return out


@dataclass
class ActorCounts:
    """What one event (or several, merged) says of its actors, per outlet (plain dicts, so
    that it travels between processes)."""

    mentions: dict[str, Counter] = field(default_factory=dict)
    labels: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    verbs: dict[str, dict[str, Counter]] = field(default_factory=dict)

    def mention(self, name: str, outlet: str, labels: Sequence[str]) -> None:
        self.mentions.setdefault(name, Counter())[outlet] += 1
        self.label(name, outlet, labels)

    def label(self, name: str, outlet: str, labels: Sequence[str]) -> None:
        """Labels of an actor's mention already counted."""
        own = self.labels.setdefault(name, {}).setdefault(outlet, [])
        own.extend(t for t in dict.fromkeys(labels) if t and t not in own)

    def verb(self, name: str, outlet: str, verb: str, n: int = 1) -> None:
        self.verbs.setdefault(name, {}).setdefault(outlet, Counter())[verb] += n

    def add(self, other: ActorCounts) -> None:
        for name, counts in other.mentions.items():
            self.mentions.setdefault(name, Counter()).update(counts)
        for name, per_outlet in other.labels.items():
            for outlet, texts in per_outlet.items():
                own = self.labels.setdefault(name, {}).setdefault(outlet, [])
                own.extend(t for t in texts if t not in own)
        for name, per_outlet in other.verbs.items():
            for outlet, counts in per_outlet.items():
                for verb, n in counts.items():
                    self.verb(name, outlet, verb, n)


@dataclass(frozen=True)
class ActorRules:
    """What the actor finder takes from a lexicon, derived once per run."""

    speech: re.Pattern[str]  # speech and attribution verbs
    describers: frozenset[str]  # labels and adjectives that describe a person
    # The language's titles: one starting a text, one ending it (matched on the reversed text),
    # longest first, so "Vice Mayor" wins over "Mayor"; and the longest's length.
    title_start: re.Pattern[str]
    title_end: re.Pattern[str]
    title_chars: int
    # A definite description by a role in lower case, with no name after it ("the North Korean
    # leader", "North Korea's leader", "the president"): group 1 what describes, group 2 the role.
    description: re.Pattern[str]

    @classmethod
    def of(cls, lexicon: Lexicon, language: Language = ENGLISH) -> ActorRules:
        titles = language.titles
        return cls(
            re.compile(rf"\b({language.speech}|{_attribution_forms(lexicon)})\b"),
            frozenset(e.term.lower() for e in lexicon.entries if e.category in ("label", "adjective")),
            re.compile("(?:" + "|".join(re.escape(t) for t in titles) + ") "),
            re.compile(" (?:" + "|".join(re.escape(t[::-1]) for t in titles) + ")"),
            len(titles[0]),
            re.compile(
                r"(?:\b[Tt]he\s+|\b(?=[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s))"
                r"((?:[A-Z][\w.-]*['’]s\s+|[A-Z][\w.-]*\s+|[a-z][a-z-]*\s+){0,3}?)"
                "(" + "|".join(re.escape(t) for t in titles if t[:1].islower()) + r")\b(?!\s+[A-Z]|-|\s+of\b)"
            ),
        )


def event_actors(sentences: Sequence[Sentence], outlet_of: dict[str, str], rules: ActorRules) -> ActorCounts:
    """Mentions, labels and attribution verbs of the actors in one event's `sentences`; names
    merge within the event ("Park" joins "Ana Park")."""
    out = ActorCounts()
    speech = rules.speech
    found = {s.id: _mentions(s, rules) for s in sentences}
    canonical = _canonical_names([m[3] for ms in found.values() for m in ms])
    per_sentence: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    # article → role → (actor, the words of its label), most recent last
    described: dict[str, dict[str, list[tuple[str, set[str]]]]] = defaultdict(lambda: defaultdict(list))
    for s in sentences:
        outlet, roles = outlet_of[s.article], described[s.article]
        for start, end, label, name in found[s.id]:
            actor = canonical[name]
            if " " not in actor and (not s.text[:start].strip(' "“‘') or actor in NOT_NAMES):
                continue  # a lone capitalised word opening a sentence is rarely a name
            labels = [label] + _appositives(s.text, start, end, bool(label))
            out.mention(actor, outlet, labels)
            per_sentence[s.id].append((start, end, actor))
            for t in filter(None, labels):
                head = COMPLEMENT.split(t, maxsplit=1)[0].split()  # "a fierce critic of the mayor": a critic
                roles[head[-1].lower()].append((actor, _words(t)))
        for m in rules.description.finditer(s.text) if roles else ():
            actor = _described(roles.get(m.group(2), ()), _words(m.group(1)))
            label = f"{m.group(1)}{m.group(2)}"
            if actor and label.lower() not in {ARTICLE.sub("", t.lower()) for t in out.labels[actor][outlet]}:
                out.label(actor, outlet, [label])  # of an actor already counted, not one more mention
    for s in sentences:
        if s.id not in per_sentence:
            continue  # no one named: no one to attribute a verb to
        for actor, verb in _attributions(s.text, per_sentence[s.id], speech):
            out.verb(actor, outlet_of[s.article], verb.lower())
    return out


def actors_of(counts: ActorCounts) -> tuple[Actor, ...]:
    """Actors named in two outlets or twice in one, most mentioned first."""
    actors = []
    for name, per_outlet in counts.mentions.items():
        if len(per_outlet) < 2 and sum(per_outlet.values()) < 2:
            continue
        actors.append(
            Actor(
                name=name,
                mentions=dict(sorted(per_outlet.items())),
                labels={o: counts.labels.get(name, {}).get(o, []) for o in sorted(per_outlet)},
                verbs={o: dict(sorted(counts.verbs.get(name, {}).get(o, {}).items())) for o in sorted(per_outlet)},
            )
        )
    actors.sort(key=lambda a: (-sum(a.mentions.values()), a.name))
    return tuple(actors)


def _attribution_forms(lexicon: Lexicon) -> str:
    forms = sorted(
        {
            f
            for first, cands in lexicon.index.items()
            for seq, e, _ in cands
            if e.category == "attribution" and len(seq) == 1
            for f in seq[0]
        }
    )
    return "|".join(re.escape(f) for f in forms) or "said"


def _canonical_names(names: Sequence[str]) -> dict[str, str]:
    """Map each name to its actor: the longest name whose last word it is (Park → Ana Park)."""
    full = sorted({n for n in names if len(n.split()) > 1}, key=len, reverse=True)
    out = {}
    for n in set(names):
        parts = n.split()
        if len(parts) > 1:
            out[n] = n
            continue
        matches = [f for f in full if f.split()[-1] == n or f.split()[0] == n and len(f.split()) > 2]
        out[n] = matches[0] if len(matches) == 1 else n
    return out


def _appositives(text: str, start: int, end: int, titled: bool) -> list[str]:
    """Noun phrases set off by commas right after the name, or right before an untitled one.
    A phrase with a verb of its own is a clause ("Trump, the White House did not comment"), and
    one after a preposition is an adverbial ("In an interview with USA Today, Comey said"):
    neither names the actor."""
    out = []
    after = APPOSITIVE_AFTER.match(text[end:])
    if after:
        phrase = RELATIVE.split(after.group(1), maxsplit=1)[0].strip()  # "an agency that ran up …"
        if not _clause(phrase) and not LIST_CONTINUES.match(text[end + after.end(1) :]):
            out.append(phrase)
    before = APPOSITIVE_BEFORE.search(text[:start])
    if (
        before
        and not titled
        and not _clause(before.group(1))
        and not PREPOSITION_BEFORE.search(text[: before.start()])
        and not OBJECT_OF_VERB.search(text[: before.start()])
        and not COORDINATED.search(text[: before.start()])
        and not LIST_GOES_ON.match(text[end:])
    ):
        out.append(before.group(1).strip())
    return out


def _clause(phrase: str) -> bool:
    """Whether a phrase is no noun phrase: it has a verb, or a preposition right after its
    article (a name cut out of it: "a [Trump–Kim] meeting on Wednesday" leaves "a on Wednesday")."""
    words = phrase.lower().split()
    return (
        any(w in CLAUSE_WORDS for w in words)
        or (len(words) > 1 and words[0] in ("a", "an", "the") and PREPOSITION_BEFORE.match(words[1] + " ") is not None)
        or LIST_OR_CLAUSE.search(phrase) is not None
    )


def _attributions(text: str, names: list[tuple[int, int, str]], speech: re.Pattern[str]) -> list[tuple[str, str]]:
    """(actor, verb) for each speech verb: the name right after it ("said Trustee Marcus Lee"),
    else the first name before it (the subject: "Lee, who opposed the plan Park proposed, said")."""
    out = []
    for m in speech.finditer(text):
        following = [n for n in names if n[0] >= m.end() and len(text[m.end() : n[0]].split()) <= SPEAKER_AFTER_VERB]
        following = [n for n in following if not speech.search(text[m.end() : n[0]])]
        preceding = [n for n in names if n[1] <= m.start()]
        speaker = following[0] if following and not preceding else (preceding[0] if preceding else None)
        if speaker:
            out.append((speaker[2], m.group(0)))
    return out

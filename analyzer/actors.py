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
from collections.abc import Sequence, Set
from dataclasses import dataclass, field

from .features import WORD_MAX_CHARS
from .language import ENGLISH, Language, plural
from .lexicons import BROAD, Lexicon
from .model import Actor, Sentence

# A run of capitalised words, which a possessive ends ("Obama’s Iran deal": Obama, then Iran),
# unless a collective noun owns the rest ("People’s Republic of China", "Workers’ Party").
_NAME_WORD = r"[A-Z](?:[\w.-]|['’](?!s\b))*(?:['’]s\b)?"
_GOES_ON = r"(?:(?<!['’]s)|(?<=People['’]s)|(?<=Women['’]s)|(?<=Children['’]s))"
NAME = re.compile(rf"{_NAME_WORD}(?:{_GOES_ON}(?:\s+(?:of|for|de|van|von|al))?\s+{_NAME_WORD})*")
APPOSITIVE_AFTER = re.compile(
    r"^,\s+((?:a|an|the|its|his|her|their)\s+[^,;:\"“”]{3,80}?"
    r"|(?!(?:who|whom|whose|which|that|said|says|and|but|or|as|when|while|after|before)\b)"
    r"[a-z][a-z-]*(?<!ing)(?<!ed)(?<![^s]s)\s+(?:of|for|at)\s+[^,;:\"“”]{3,60}?)(?=,|\.(?:\s|$)|;|$)"
)
# A noun phrase runs on through no conjunction that opens a clause ("a subpoena if the deputy
# attorney general, Rod J. Rosenstein": the phrase is "the deputy attorney general").
APPOSITIVE_BEFORE = re.compile(
    r"(\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*['’]s)\s+"
    r"(?:(?!\b(?:if|when|because|although|unless|whether)\s)[^,.;:\"“”]){3,60}?),\s+$"
)
PLACE_END = re.compile(  # "… in Bedminster", "… at her Pittsburg"
    r"\b(?:in|at|near)\s+(?:(?:his|her|its|their)\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*$"
)
# "Radical activists from the Clearwater Alliance": a loaded phrase naming the group's members.
# Not "with": "positive relations with Russia", "talks with Kim" are no members.
MEMBER_OF = re.compile(r"((?:[\w-]+\s+)?[\w-]+)\s+(?:from|of|at)\s+(?:the\s+)?$")
NAMED_WORDS = 4  # "called X "a disgrace to the office"": a name-calling is short; more is a quotation
SPEAKER_AFTER_VERB = 4  # "said Trustee Marcus Lee": the speaker may follow the verb this closely
NOT_NAMES = frozenset(
    "The A An In On At By For From To Of And But Or If As It Its He She They We I This That These Those "
    "Some About More Most No Not Without With After Before During While When Where Critics Riders Seniors "
    "Construction Consolidating Enrollment District Hundreds Share Photo Related Sign Follow Like Regarding "
    "Sept Several Many Both Each Every Another Other One Two Three Four Five".split()
)  # and the language's days and months (`ActorRules.not_names`)
POSSESSIVE = re.compile(r"['’]s$")
ABBREVIATION_END = re.compile(r"(?:^|\.)[A-Z]\.$")  # "U.S.", "D.N.C.": the last dot is the name's
CONNECTED = re.compile(r"\s(?:of|for)\s")  # "Bank of England": a name of an institution or a place
COMPASS = frozenset("North South East West Northern Southern Eastern Western Central".split())
ARTICLE = re.compile(r"^(?:the|a|an)\s+")
COMPLEMENT = re.compile(r"\s+(?:of|for|at|from|with|in|on|to)\s+")  # what follows a noun phrase's head
QUALIFIERS_MAX = 3
BASED = "-based"  # "Washington-based": an adjective of place, no part of the name after it
# A title before one of these is part of an organisation's name ("the Justice Department"), not a
# person's title ("Justice Kennedy").
ORGANISATION_HEADS = frozenset(
    "Department Ministry Committee Commission Court Council Office Agency Bureau Service Administration "
    "Authority Board Assembly".split()
)
# Names of things, not of people, groups or places: laws, agreements, documents, events and days
# ("the Texas Heartbeat Act", "the Joint Statement", "Labor Day"). Of 353 actor names the tool
# listed for the NewsWCL50 stories and 80 AllSides stories, 12 ended in one of these, none an actor.
THING_HEADS = frozenset(
    "act acts bill bills law amendment treaty accord agreement pact deal declaration statement communique "
    "resolution initiative strategy plan program programme policy doctrine partnership cooperation era war "
    "summit day memo memos email emails server document documents".split()
)
# Words that end what can describe a role before it: "their conversation that the president …" is
# no description of the president by "conversation".
DESCRIPTION_BREAKS = "|".join(
    "the a an that which who whom whose and or but if when while of to in on at for with by from as than".split()
)
WORD_AFTER = re.compile(r"\s+([a-z][\w-]*)")  # the word after a name, when in lower case
# A party and state after a politician's name ("Sen. Dianne Feinstein, D-Calif., said"): no actor.
PARTY_TAG = re.compile(r"^[DRI]-[A-Z]")
# Words that make a role another role: "the vice president" is not "the president".
ROLE_PREFIXES = frozenset({"vice", "deputy", "assistant", "associate", "under"})
VERB_PREFIXES = frozenset({"re", "co", "pre", "de", "mis"})  # bound prefixes that make verbs: "re-elect"
TIME_QUALIFIERS = frozenset({"former", "then", "acting", "longtime", "outgoing", "incoming", "late"})
# Courtesy titles say nothing of the person ("Mr. Xi"): not labels. Measured on NewsWCL50 (see
# benchmarks/actors.py), they were a fifth of the labels the annotators did not give.
HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Miss", "Mx.", "Mr", "Mrs", "Ms"})
# Words that make a phrase set off by commas a clause rather than a noun phrase.
CLAUSE_WORDS = frozenset(
    "is was were are be been has had have did does do will would could should can may might said says not also".split()
)
RELATIONS = frozenset({"counterpart"})  # roles that say how one stands to another, not what one is
# "called the Democrats "obstructionist"": the words a verb of naming gives the name, in quotes.
NAMING_BEFORE = re.compile(r"\b(?:called|branded|dubbed|labell?ed|termed)\s+(?:the\s+)?$")
NAMED_AFTER = re.compile(r"^\s+[\"“]([^\"“”]{3,40}?)[,.]?[\"”]")
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
    for at, run in _runs(text, rules):
        found_name = POSSESSIVE.sub("", run)
        if not ABBREVIATION_END.search(found_name):
            found_name = found_name.rstrip(".")
        words = found_name.split()
        lead: list[str] = []
        while words and (words[0] in rules.not_names or len(words) > 1 and words[0].lower() in rules.function_words):
            words = words[1:]  # "So Kim said": a sentence's first word
        title = ""
        while words and words[0].endswith(BASED):
            words = words[1:]  # "Bentonville, Ark.-based Wal-Mart": where it is based, then the name
        for k in range(len(words)):
            rest = " ".join(words[k:])
            found = starting.match(rest + " ")
            after = rest[found.end() :].split() if found else []
            if found and not (len(after) == 1 and after[0] in ORGANISATION_HEADS):
                lead, title, words = words[:k], found.group(0)[:-1], after
                break
        if not title and words and words[0].lower() in TIME_QUALIFIERS:
            words = words[1:]  # "Former DNC chair Donna Brazile": the DNC, then a former chair
        while len(words) > 1 and words[0].lower() in describers:
            lead.append(words.pop(0))  # "Obstructionist Democrats": a label, capitalised
        if not words or _not_an_actor(words, rules.demonyms):
            continue
        if len(words) == 1 and not title and starting.match(text[text.find(words[0], at) :]):
            continue  # the first word of a title that goes on in lower case ("Council member Dana Cole")
        name = " ".join(words)
        start = text.find(name, at)
        before = text[: text.find(" ".join(lead + [title]).strip() or name, at)]
        if not title:
            title = _title_ending(before, rules)
            before = before[: len(before) - len(title) - 1] if title else before
            if title[:1].islower():  # a role in lower case takes the words that qualify it
                lead = _qualifiers(before, rules)
        after = WORD_AFTER.match(text, start + len(name))
        if after and after.group(1) in rules.roles:
            describing = lead  # "the long-elusive Taliban spokesman": what comes before describes him
        else:
            describing = lead or _premodifier(before, describers)
        if title in HONORIFICS:
            describing, title = [], ""
        elif title and before.endswith("-") and before.split():
            title = before.split()[-1] + title  # "then-President", "ex-Director"
        label = " ".join(describing + [title]).strip()
        member = MEMBER_OF.search(before)
        members = member.group(1).split() if member else []
        # "Radical activists from the Clearwater Alliance": the group's members are many, so the
        # phrase ends in a plural ("his warm relationship with Macron" describes no one)
        if not label and members and plural(members[-1]) and any(w.lower() in describers for w in members):
            label = member.group(1)
        out.append((start, start + len(name), label, name))
    return out


def _runs(text: str, rules: ActorRules) -> list[tuple[int, str]]:
    """The capitalised runs of `text` (`NAME`) as (start, text), each cut after a word that ends
    a sentence within it: a quotation of several sentences is one sentence of the article, and
    "from Brownsville to San Diego. Governor Perry has …" holds two names. A word ending in a
    period ends no sentence when it is an initial, a title ("Sen.") or a listed abbreviation."""
    out = []
    for m in NAME.finditer(text):
        run = m.group(0)
        if "." not in run[:-1]:  # most runs
            out.append((m.start(), run))
            continue
        start, cut = m.start(), False
        for w in re.finditer(r"\S+", run):
            if cut:  # the piece after a sentence's end starts at its first word
                start, cut = m.start() + w.start(), False
            if w.end() < len(run) and w.group(0).endswith(".") and not _abbreviated(w.group(0), rules):
                out.append((start, text[start : m.start() + w.end() - 1]))
                cut = True
        out.append((start, text[start : m.end()]))
    return out


def _abbreviated(word: str, rules: ActorRules) -> bool:
    """Whether the period that ends `word` marks an abbreviation, not a sentence's end."""
    bare = word[:-1].lower()
    titles = {bare + ".", bare.removesuffix("s") + "."}  # "Sen.", "Sens."
    return len(bare) < 2 or "." in bare or bool(titles & rules.roles) or bare in rules.abbreviations


def _not_an_actor(words: Sequence[str], demonyms: frozenset[str]) -> bool:
    """Whether a capitalised run names no one: a nationality adjective ("Russian", "North
    Korean"), a thing ("Joint Statement", `THING_HEADS`), a party tag ("D-Calif"), or words in
    capitals ("NO COLLUSION", a masthead; an acronym is one word), or a run with a "word" longer
    than any word (`WORD_MAX_CHARS`: letters without spaces)."""
    if any(len(w) > WORD_MAX_CHARS for w in words):
        return True
    if words[-1] in demonyms and all(w in COMPASS for w in words[:-1]):
        return True
    if words[-1].lower() in THING_HEADS or "of" in words and words[words.index("of") - 1].lower() in THING_HEADS:
        return True  # "Joint Statement", "Declaration of Independence"
    if len(words) == 1:
        return "-" in words[0] and bool(PARTY_TAG.match(words[0]))
    return all(w.isupper() for w in words)


def _words(text: str) -> set[str]:
    return {POSSESSIVE.sub("", w) for w in text.lower().split()}


def _described(candidates: Sequence[tuple[str, set[str]]], modifiers: str, strict: bool = False) -> str | None:
    """Whom a description by a role refers to: the actor last given that role, whose label
    shares a word with the description's modifiers when it has any ("the North Korean leader"
    is the one called "North Korean leader", not the "Japanese leader" named since). Modifiers
    in lower case that match no label tell no one apart ("the nation's reclusive leader"): the
    last one given the role. `strict` (candidates from the other articles of the event, in no
    order of their own): only a modifier that matches, or the one actor with the role."""
    words = _words(modifiers)
    for actor, label_words in reversed(candidates):
        if words and words & label_words or not words and not strict:
            return actor
    if not candidates or any(w[:1].isupper() for w in modifiers.split()):
        return None
    if strict:
        named = {actor for actor, _ in candidates}
        return named.pop() if not words and len(named) == 1 else None
    return candidates[-1][0]


def _last_two(actors: Sequence[str]) -> list[str]:
    """The last two different actors of `actors` (those given a role, or named, in order), for
    "the two leaders" or "a hotline between their top leaders"; none when fewer were."""
    out: list[str] = []
    for actor in reversed(actors):
        if actor not in out:
            out.append(actor)
    return out[:2] if len(out) > 1 else []


def _premodifier(before: str, describers: frozenset[str]) -> list[str]:
    """The describing word written right before a name ("embattled Comey", "reform-minded Park"):
    not one set off by a comma ("his son-in-law, Jared Kushner" is an appositive), nor a
    predicate after a form of "be" ("they were glad Comey's memos …")."""
    words = before.split()
    if not words or words[-1][-1] in ",;:" or len(words) > 1 and words[-2].lower() in COPULAS:
        return []
    w = words[-1]
    return [w] if w.lower() in describers or ("-" in w.rstrip("-") and w.islower() and not _prefixed_verb(w)) else []


def _prefixed_verb(word: str) -> bool:
    """A verb made with a prefix ("re-electing", "re-elected", "co-chairing"): it acts on the
    name after it ("re-elected Representative Steny Hoyer"), where a compound adjective
    describes it ("reform-minded", "long-serving")."""
    return word.endswith(("ing", "ed")) and word.split("-", 1)[0] in VERB_PREFIXES


def _qualifiers(before: str, rules: ActorRules) -> list[str]:
    """The words right before a role in lower case that qualify it, at most QUALIFIERS_MAX:
    capitalised words, a few of time ("North Korean", "former FBI"), and words in lower case
    that a describing word leads ("genocidal communist dictator"; not "met communist"), after
    any verb in the past ("Biden defeated former president Trump": "former")."""
    out: list[str] = []
    for word in reversed(before.split()[-QUALIFIERS_MAX:]):
        low = word.lower()
        if word[-1] in ",.;:" or word in rules.not_names or low in rules.function_words and low not in TIME_QUALIFIERS:
            break
        if not (word[:1].isupper() or word.islower()):
            break
        out.insert(0, word)
    for k in range(len(out) - 1, -1, -1):  # a verb's past: "Biden defeated former president Trump"
        if out[k].endswith("ed") and out[k].islower() and out[k] not in rules.describers:
            out = out[k + 1 :]
            break
    while out and out[0].islower() and out[0] not in TIME_QUALIFIERS and out[0] not in rules.describers:
        out.pop(0)
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
    demonyms: frozenset[str]  # nationality adjectives: they describe, they name no actor
    roles: frozenset[str]  # the titles in lower case
    function_words: frozenset[str]  # the language's stop words: a capitalised one opens a sentence
    not_names: frozenset[str]  # capitalised words that name no one: NOT_NAMES, days and months
    # The language's titles: one starting a text, one ending it (matched on the reversed text),
    # longest first, so "Vice Mayor" wins over "Mayor"; and the longest's length.
    title_start: re.Pattern[str]
    title_end: re.Pattern[str]
    title_chars: int
    # A definite description by a role in lower case, with no name after it ("the North Korean
    # leader", "North Korea's leader", "the president", "the two leaders", "the two men"; not "his
    # counterpart, Emmanuel Macron", an appositive, nor "the attorney general", a role of its own):
    # group 1 what describes, group 2 the role, group 3 "s" when it is plural.
    description: re.Pattern[str]
    abbreviations: frozenset[str]  # the language's, in lower case without their period ("st", "jan")

    @classmethod
    def of(cls, lexicon: Lexicon, language: Language = ENGLISH) -> ActorRules:
        titles = language.titles
        return cls(
            re.compile(rf"\b({language.speech}|{_attribution_forms(lexicon)})\b"),
            # the curated tier only: the broad tier's "confirmed" would describe "authorities
            # confirmed President Putin's visit"
            frozenset(
                e.term.lower() for e in lexicon.entries if e.category in ("label", "adjective") and e.lexicon != BROAD
            ),
            language.demonyms,
            frozenset(t.lower() for t in titles),
            language.stop_words,
            NOT_NAMES.union(
                (d.capitalize() for d in language.weekdays),
                (m.capitalize() for m in language.months),
                (m[:3].capitalize() for m in language.months),  # "Jan", "Dec"
            ),
            re.compile("(?:" + "|".join(re.escape(t) for t in titles) + ")(?:-elect)? "),  # "President-elect"
            re.compile(" (?:" + "|".join(re.escape(t[::-1]) for t in titles) + ")"),
            len(titles[0]),
            re.compile(
                r"(?:\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur)\s+|\b(?=[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s))"
                r"((?:[A-Z][\w.-]*['’]s\s+|[A-Z][\w.-]*\s+"
                rf"|(?!(?:{DESCRIPTION_BREAKS})\s)[a-z][a-z-]*(?:['’]s)?\s+){{0,3}}?)"
                "("
                + "|".join(re.escape(t) for t in titles if t[:1].islower())
                + r"|(?<=two )(?:wo)?men)(s?)\b(?!\s+[A-Z]|-|\s+of\b|\s+general\b|,\s+(?:the\s+)?[A-Z])"
            ),
            language.abbreviations,
        )


def event_actors(sentences: Sequence[Sentence], outlet_of: dict[str, str], rules: ActorRules) -> ActorCounts:
    """Mentions, labels and attribution verbs of the actors in one event's `sentences`; names
    merge within the event ("Park" joins "Ana Park")."""
    out = ActorCounts()
    speech = rules.speech
    found = {s.id: _mentions(s, rules) for s in sentences}
    titled = {  # names written with a title or a courtesy title: people's ("Mr. Xi", "President Xi")
        name for s in sentences for start, _, label, name in found[s.id] if _a_person(s.text, start, label)
    }
    canonical = _canonical_names([m[3] for ms in found.values() for m in ms], titled)
    relations = _relations(set(canonical.values()))
    per_sentence: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    # article → role → (actor, the words of its label), most recent last
    described: dict[str, dict[str, list[tuple[str, set[str]]]]] = defaultdict(lambda: defaultdict(list))
    pending: list[tuple[str, str, str, str]] = []  # descriptions of a role no one had in their article
    persons: dict[str, list[str]] = defaultdict(list)  # article → people named, in order
    for s in sentences:
        outlet, roles = outlet_of[s.article], described[s.article]
        for start, end, label, name in found[s.id]:
            actor = canonical[name]
            if actor in relations:
                continue
            if " " not in actor and (not s.text[:start].strip(' "“‘') or actor in rules.not_names):
                continue  # a lone capitalised word opening a sentence is rarely a name
            labels = [label] + _appositives(s.text, start, end, bool(label), rules.roles)
            out.mention(actor, outlet, labels)
            if _a_person(s.text, start, label):
                persons[s.article].append(actor)
            per_sentence[s.id].append((start, end, actor))
            for t in filter(None, labels):
                head = COMPLEMENT.split(t, maxsplit=1)[0].split()  # "a fierce critic of the mayor": a critic
                roles[_role(head)].append((actor, _words(t)))
        for m in rules.description.finditer(s.text):
            modifiers, role, many = m.groups()
            *rest, last = modifiers.split() or [""]
            if last.lower() in ROLE_PREFIXES:  # "the vice president": a role of its own
                modifiers, role = " ".join(rest), f"{last.lower()} {role}"
            label = m.group(0)[m.start(1) - m.start() :]
            if many or role.endswith("men"):  # "the two leaders": the last two given the role, or named
                two = _last_two([a for a, _ in roles.get(role, ())]) or _last_two(persons[s.article])
                pair = modifiers.split()[:1] == ["two"] or s.text[: m.start()].split()[-1:] == ["between"]
                for actor in two if pair else ():
                    _relabel(out, actor, outlet, label)
                continue
            actor = _described(_role_holders(roles, role), modifiers)
            if actor:
                _relabel(out, actor, outlet, label)
            else:
                pending.append((outlet, role, modifiers, label))
    event_roles: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for roles in described.values():
        for role, holders in roles.items():
            event_roles[role] += holders
    for outlet, role, modifiers, label in pending:  # no one in the article: someone in the event
        actor = _described(_role_holders(event_roles, role), modifiers, strict=True)
        wanted = _words(modifiers)
        if not actor and not event_roles.get(role) and len(wanted) > 1:
            # a role no one was given ("the former FBI chief"): the one whose label has every modifier
            named = {a for a, words in _labelled(event_roles) if wanted <= words}
            actor = named.pop() if len(named) == 1 else None
        if actor and actor in out.labels:
            _relabel(out, actor, outlet, label)
    for s in sentences:
        if s.id not in per_sentence:
            continue  # no one named: no one to attribute a verb to
        for actor, verb in _attributions(s.text, per_sentence[s.id], speech):
            out.verb(actor, outlet_of[s.article], verb.lower())
    return out


def _role(head: Sequence[str]) -> str:
    """The role a label's head words give, in lower case: its last word, with the word that
    makes it another role before it ("Vice President" → "vice president")."""
    if len(head) > 1 and head[-2].lower() in ROLE_PREFIXES:
        return f"{head[-2]} {head[-1]}".lower()
    return head[-1].lower()


def _relations(actors: set[str]) -> set[str]:
    """Names that join two of the event's actors with a hyphen ("China-Russia relations",
    "U.S.-China talks"): a relation between them, no actor of its own. A double-barrelled name
    ("Ocasio-Cortez") joins parts that name no one on their own."""
    return {a for a in actors if " " not in a and "-" in a and all(part in actors for part in a.split("-"))}


def _role_holders(roles: dict[str, list[tuple[str, set[str]]]], role: str) -> list[tuple[str, set[str]]]:
    """Who was given `role`; for a relation ("his Japanese counterpart"), anyone labelled."""
    return _labelled(roles) if role in RELATIONS else roles.get(role, [])


def _labelled(roles: dict[str, list[tuple[str, set[str]]]]) -> list[tuple[str, set[str]]]:
    """Everyone given any role, with the words of that label."""
    return [holder for holders in roles.values() for holder in holders]


def _a_person(text: str, start: int, label: str) -> bool:
    """Whether the name at `start` is written as a person's: with a label or title, or after a
    courtesy title ("Mr. Kim")."""
    before = text[:start].rsplit(None, 1)
    return bool(label) or bool(before) and before[-1] in HONORIFICS


def _relabel(out: ActorCounts, actor: str, outlet: str, label: str) -> None:
    """A description's label for an actor already counted (not one more mention), unless the
    outlet gave it already."""
    if label.lower() not in {ARTICLE.sub("", t.lower()) for t in out.labels.get(actor, {}).get(outlet, [])}:
        out.label(actor, outlet, [label])


def actors_compared(counts: ActorCounts) -> tuple[Actor, ...]:
    """One event's actors that two or more of its outlets name and some outlet labels or quotes
    with a verb: what "who is called what" compares inside an event."""
    return tuple(
        a for a in actors_of(counts) if len(a.mentions) > 1 and (any(a.labels.values()) or any(a.verbs.values()))
    )


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


def _canonical_names(names: Sequence[str], titled: Set[str] = frozenset()) -> dict[str, str]:
    """Map each name to its actor, so that one person's name forms merge:
    - spellings of one name ("Kim Jong-un", "Kim Jong Un"; "F.B.I.", "FBI") go to the one
      written most;
    - a name with a place after it ("Shinzo Abe of Japan") to the name, when it is written alone;
    - a full name with a middle name or initial ("Donald J. Trump") to the one without;
    - an acronym ("DNC", "D.N.C.") to the name it abbreviates, when that is written;
    - a lone surname ("Park") to the full name it ends, the one written most when there are
      several ("Trump": "Donald Trump" rather than "Donald Trump Jr"), none when two tie; or
      to the one name it begins, written family name first ("Kim": "Kim Jong Un"; "Xi": "Xi
      Jinping" when a title or "Mr." shows that one of them is a person's name, in `titled`).
    A name with "of" or "for" in it is no person's ("Republic of China" does not take "China")."""
    written = Counter(names)
    spelled: dict[str, str] = {}  # spelling key → the form written most
    for n, _ in written.most_common():
        spelled.setdefault(_spelling(n), n)
    out = {n: spelled[_spelling(n)] for n in written}
    counts: Counter = Counter()
    for n, k in written.items():
        counts[out[n]] += k
    for n in list(out):
        head, of, _ = out[n].partition(" of ")
        if of and (_spelling(head) in spelled or " " in head and _spelling(head.split()[-1]) in spelled):
            out[n] = spelled.get(_spelling(head), head)
            counts[out[n]] += written[n]
    full = sorted({out[n] for n in out if len(out[n].split()) > 1}, key=lambda f: (-counts[f], f))
    people = [f for f in full if not CONNECTED.search(f)]
    spelled_out = {}  # initials → the name they abbreviate ("FBI", "F.B.I." → Federal Bureau of Investigation)
    for f in full:
        spelled_out.setdefault(_initials(f), f)
    for n in out:
        letters = out[n].replace(".", "")
        if letters.isupper() and letters.isalpha() and len(letters) > 1 and letters in spelled_out:
            out[n] = spelled_out[letters]
    short = {}  # "Donald J. Trump" → "Donald Trump": the same first and last word, written more
    for f in full:
        parts = f.split()
        short.setdefault((parts[0], parts[-1]), f)
    ending: dict[str, set[str]] = defaultdict(set)  # last word → the people's names it ends
    beginning: dict[str, list[str]] = defaultdict(list)  # first word → the names it begins
    for f in people:
        parts = f.split()
        ending[parts[-1]].add(short[(parts[0], parts[-1])])
        beginning[parts[0]].append(f)
    for n in out:
        parts = out[n].split()
        if len(parts) > 1:
            out[n] = short[(parts[0], parts[-1])]
            continue
        ranked = sorted(ending.get(parts[0], ()), key=lambda f: -counts[f])
        if not ranked and n in titled:  # "Mr. Kim": a person, whose name may begin a full name
            ranked = sorted(set(beginning.get(parts[0], ())), key=lambda f: -counts[f])
        elif not ranked:  # "Kim" for "Kim Jong Un"; not "Harlow" for two bodies of Harlow
            starts = [f for f in beginning.get(parts[0], ()) if _given_after(f) or f in titled]
            ranked = starts if len(starts) == 1 else []
        if len(ranked) == 1 or len(ranked) > 1 and counts[ranked[0]] > counts[ranked[1]]:
            out[n] = ranked[0]
    return out


def _initials(name: str) -> str:
    """The capitals that abbreviate a name: "Democratic National Committee" → "DNC"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _given_after(name: str) -> bool:
    """Whether a full name may be written in the family-name-first order, so that its first word
    alone names the person ("Kim Jong Un": Kim; "Moon Jae-in": Moon; not "Donald Trump")."""
    return len(_spelling(name).split()) > 2


def _spelling(name: str) -> str:
    """What two spellings of one name share: lower case, without dots, hyphens as spaces."""
    return name.lower().replace(".", "").replace("-", " ")


def _appositives(text: str, start: int, end: int, titled: bool, roles: frozenset[str]) -> list[str]:
    """Noun phrases set off by commas right after the name, or right before an untitled one, and
    the quoted words a verb of naming gives it ("called the Democrats "obstructionist"").
    A phrase with a verb of its own is a clause ("Trump, the White House did not comment"), one
    after a preposition is an adverbial ("In an interview with USA Today, Comey said"), and one
    that ends in a name is another item of a list ("Trump's former campaign manager Paul
    Manafort, Donald Trump Jr."): none names the actor."""
    out = []
    named = NAMED_AFTER.match(text[end:]) if NAMING_BEFORE.search(text[:start]) else None
    if named and len(named.group(1).split()) <= NAMED_WORDS:
        out.append(named.group(1))
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
        and not _ends_in_name(before.group(1), roles)
    ):
        out.append(before.group(1).strip())
    return out


def _ends_in_name(phrase: str, roles: frozenset[str]) -> bool:
    """Whether a phrase ends in two capitalised words that are no role ("manager Paul Manafort";
    not "the former Russian President"), or in a place ("his golf club in Bedminster", then
    "New Jersey": the place's state, not a description of it)."""
    words = phrase.split()
    return len(words) > 1 and (
        all(w[:1].isupper() for w in words[-2:])
        and words[-1].lower() not in roles
        and " ".join(words[-2:]).lower() not in roles
        or bool(PLACE_END.search(phrase))
    )


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

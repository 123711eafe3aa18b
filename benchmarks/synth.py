"""Deterministic synthetic corpus: N events × M outlets of realistic-looking articles.

    python benchmarks/synth.py OUT_DIR --articles 1000 [--outlets 4] [--seed 7]

Each event has its own people, place, numbers and a set of facts; every outlet rewords each
fact (synonyms, word order, attribution verb), slanted outlets insert loaded terms at a known
rate, some facts are quoted, pages carry boilerplate lines, and every fifth event is a
distractor: the same people a few months later. Articles are written as .md with front matter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

FIRST = "Ana Marcus Dana Tomas Mira Ray Lena Omar Grace Ivan Nadia Paul Rosa Hugo Ines Kofi Yara Leo Sara Amir".split()
LAST = (
    "Park Lee Cole Reyes Santos Soto Hart Diaz Okafor Novak Haddad Berg Quinn Moreau Adeyemi Kim Ortiz Lund Ruiz Shah"
).split()
PLACES = "Harlow Millbrook Eastview Ridgeway Lakeport Ashford Corvale Dunmore Elkton Fairhaven Glenrock Hollis".split()
BODIES = ["city council", "school board", "county commission", "transit authority", "water district", "planning board"]
ROLES = ["Mayor", "Superintendent", "Commissioner", "Council member", "Trustee", "Director"]
TOPICS = [
    ("budget", "spending plan", "cuts"),
    ("tax increase", "levy", "rate rise"),
    ("school closures", "consolidation plan", "closures"),
    ("bus fare increase", "fare change", "fare rise"),
    ("housing permit", "development plan", "rezoning"),
    ("water rate change", "utility plan", "rate change"),
]
SAY_NEUTRAL = ["said", "told reporters", "said on Monday"]
SAY_LOADED = ["claimed", "insisted", "conceded", "admitted"]
LOADED = ["whopping", "outrageous", "reckless", "bloated", "so-called", "draconian", "disastrous", "shameful"]
LOADED_VERBS = ["slammed", "gutted", "rammed through", "blasted"]
BOILERPLATE = [
    "Share this article: Facebook | Twitter | Email",
    "Sign up for our morning newsletter.",
    "Related: More local news from the region",
    "Photo: Staff photographer",
]
VOCABULARY = (
    "council budget road repairs audit park maintenance library hours clinic flood defences pension fund "
    "depot meals lighting contract drivers teachers nurses police bridge tunnel housing rent water sewer "
    "parking permits taxes fees grants state federal county district officials residents owners workers "
    "union hearing report study survey estimate forecast deficit surplus reserve loan bond interest rate "
    "spring summer autumn winter morning evening weekly monthly yearly north south east west downtown "
    "riverside harbor airport station market square avenue street highway railway clinic hospital school"
).split()
FACTS = [
    "The {body} voted {yes}-{no} on {day} to approve the {topic} in {place}.",
    "The plan will cost ${cost} million over {years} years, according to {body} figures.",
    "{role} {name} proposed the {topic} in {month}.",
    '"We cannot keep doing what we have always done," {name2} {say}.',
    "{opp_role} {opp} voted against the {alt}.",
    '"This plan hurts the people who can least afford it," {opp_last} {say}.',
    "About {people} residents attended the meeting, which lasted {hours} hours.",
    "The changes take effect on {effective}.",
    "Officials said {count} jobs could be affected by the {alt}.",
    "A second vote is scheduled for {next_month}.",
    "The {body} has held {meetings} public hearings on the {topic} since {start_year}.",
    "Critics of the {alt} said it had been rushed.",
]
REWORD = {
    "voted": ["voted", "decided by a vote of"],
    "approve": ["approve", "pass", "adopt"],
    "proposed": ["proposed", "put forward", "introduced"],
    "attended": ["attended", "came to", "packed"],
    "residents": ["residents", "people", "locals"],
    "affected": ["affected", "at risk", "cut"],
    "scheduled": ["scheduled", "planned", "expected"],
    "Critics": ["Critics", "Opponents", "Detractors"],
}


def _event(rng: random.Random, n: int, base_day: dt.date) -> dict:
    topic = rng.choice(TOPICS)
    names = rng.sample(range(len(FIRST)), 2)
    return {
        "body": rng.choice(BODIES),
        "place": rng.choice(PLACES),
        "topic": topic[0],
        "alt": topic[1],
        "role": rng.choice(ROLES),
        "opp_role": rng.choice(ROLES),
        "name": f"{FIRST[names[0]]} {LAST[rng.randrange(len(LAST))]}",
        "opp": f"{FIRST[names[1]]} {LAST[rng.randrange(len(LAST))]}",
        "yes": rng.randint(4, 7),
        "no": rng.randint(1, 3),
        "day": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday"]),
        "cost": round(rng.uniform(1, 90), 1),
        "years": rng.randint(2, 10),
        "month": rng.choice(["January", "February", "March", "April"]),
        "next_month": rng.choice(["June", "July", "September"]),
        "people": rng.randint(40, 900),
        "hours": rng.randint(2, 6),
        "effective": rng.choice(["July 1", "September 1", "January 1"]),
        "count": rng.randint(10, 400),
        "meetings": rng.randint(2, 9),
        "start_year": rng.randint(2019, 2025),
        "date": base_day + dt.timedelta(days=7 * n),
        "n": n,
    }


def _article(rng: random.Random, ev: dict, outlet: str, slant: float, filler: list[str]) -> str:
    lines = []
    for template in FACTS:
        if rng.random() < 0.15:
            continue  # this outlet omits the fact
        say = rng.choice(SAY_LOADED) if rng.random() < slant else rng.choice(SAY_NEUTRAL)
        text = template.format(**ev, name2=ev["name"].split()[-1], opp_last=ev["opp"].split()[-1], say=say)
        for word, options in REWORD.items():
            if word in text and rng.random() < 0.5:
                text = text.replace(word, rng.choice(options), 1)
        if rng.random() < slant:
            text = text.replace("the ", f"the {rng.choice(LOADED)} ", 1)
        if rng.random() < slant / 2:
            text = text.replace(" voted ", f" {rng.choice(LOADED_VERBS)} ", 1)
        lines.append(text)
    lines += rng.sample(filler, k=min(len(filler), 30))
    lines += rng.sample(BOILERPLATE, k=2)
    title = f"{ev['body'].title()} approves {ev['topic']} in {ev['place']}"
    front = f'---\noutlet: {outlet}\ntitle: "{title}"\ndate: {ev["date"].isoformat()}\n---\n'
    return front + "\n\n".join(lines) + "\n"


# English prose is about 40% function words; without them the filler reads as another language.
FUNCTION_WORDS = ("the", "of", "and", "to", "in", "a", "for", "on", "with", "was", "that", "by", "from", "at")
FUNCTION_SHARE = 0.4


def _filler(rng: random.Random, ev: dict, k: int) -> list[str]:
    """Background sentences specific to one event (shared by its outlets, reworded)."""
    words = VOCABULARY
    out = []
    for _ in range(k):
        n = rng.randint(10, 22)
        sentence = " ".join(rng.choice(FUNCTION_WORDS if rng.random() < FUNCTION_SHARE else words) for _ in range(n))
        out.append(f"{ev['place']} {sentence} {rng.randint(2, 900)} {rng.choice(words)}.")
    return out


def generate(out: Path, articles: int, outlets: int = 4, seed: int = 7, events: int | None = None) -> int:
    """Write `articles` articles; by default each event has one article per outlet, with
    `events` the articles are spread over that many events (many articles per outlet)."""
    rng = random.Random(seed)
    if events is not None:
        per_event = max(1, articles // events)
        outlets = per_event
    names = ["Wire Service"] + [f"Outlet {i + 1}" for i in range(outlets - 1)]
    slants = [0.0] + [0.3 + 0.4 * i / max(1, outlets - 2) for i in range(outlets - 1)]
    n_events = max(1, articles // outlets)
    written = 0
    base = dt.date(2020, 1, 6)
    for n in range(n_events):
        ev = _event(rng, n, base)
        if n % 5 == 4:  # a distractor: the previous event's people, months later
            prev = _event(rng, n, base)
            ev.update({k: prev[k] for k in ("topic", "alt")})
        filler = _filler(rng, ev, 40)
        folder = out / f"event-{n:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        for name, slant in zip(names, slants, strict=True):
            if written >= articles:
                return written
            (folder / f"{name.lower().replace(' ', '-')}.md").write_text(
                _article(rng, ev, name, slant, filler), "utf-8"
            )
            written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--outlets", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--events", type=int, help="spread the articles over this many events")
    args = parser.parse_args()
    print(generate(args.out, args.articles, args.outlets, args.seed, args.events), "articles written to", args.out)


if __name__ == "__main__":
    main()

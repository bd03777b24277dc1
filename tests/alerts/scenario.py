"""A made-up crisis, as document records, that fires each kind of alert once: an
ultimatum that runs out, attacks in Niger jumping above their usual level, a Wagner
attack reported by two outlets that disagree on the dead. A second demand is answered
in time and fires nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from harmattan.records import SCHEMA, DocumentRecord, document_from_dict

RULES = [
    {"name": "wagner-in-niger", "kind": "match", "country": "NER", "type": "ASSAULT",
     "actor": "wagner", "factuality": "asserted"},
    {"name": "ultimatums", "kind": "deadline"},
    {"name": "niger-violence", "kind": "escalation", "country": "NER"},
    {"name": "disputed", "kind": "contradiction", "country": "NER", "actor": "wagner"},
]  # fmt: skip


def party(name: str, country: str, sector: str, actor_id: str) -> dict[str, Any]:
    return {"name": name, "country": country, "sector": sector, "id": actor_id}


ECOWAS = party("ECOWAS", "IGO", "GOV", "ecowas")
JUNTA = party("Niger junta", "NER", "MIL", "ner-cnsp")
WAGNER = party("Wagner Group", "RUS", "MIL", "wagner")
VILLAGERS = party("villagers", "NER", "CVL", "ner-civilians")
MALI = party("Mali junta", "MLI", "MIL", "mli-junta")
BURKINA = party("Burkina Faso government", "BFA", "GOV", "bfa-gov")
# Armed groups based in different countries: each attack is a story of its own.
GROUPS = [
    party(f"armed group {n}", country, "REB", f"group-{n}")
    for n, country in enumerate(("MLI", "BFA", "NGA", "TCD", "LBY", "DZA"))
]


def record(
    number: int,
    published: str,
    source: str,
    events: list[tuple[str, dict[str, Any], dict[str, Any], str | None, str | None, str]],
) -> DocumentRecord:
    """An article of one sentence per event: (type, actor, recipient, day, deadline,
    sentence) each; the event is asserted, dated to `day` by the text when given."""
    text = ""
    coded = []
    for index, (kind, actor, recipient, day, deadline, sentence) in enumerate(events):
        start = len(text)
        text += sentence + " "
        coded.append(
            {
                "id": f"x{number}-{index}", "type": kind, "mode": None, "contexts": [],
                "factuality": "asserted", "cameo_root": None, "quad_class": None,
                "score": -5.0,
                "actors": [_participant(actor, text, start)],
                "recipients": [_participant(recipient, text, start)],
                "trigger": {"text": sentence.split()[1], "start": start, "end": start + 1},
                "sentence": {"start": start, "end": start + len(sentence)},
                "date": {
                    "start": day, "end": day if day else published,
                    "precision": "day" if day else "unknown",
                    "source": "text" if day else "publication", "timex": None,
                    "deadline": {"date": deadline, "status": "pending"} if deadline else None,
                },
                "location": {
                    "text": "Niger", "start": start, "end": start + 1, "name": "Niger",
                    "geonameid": None, "country": "NER", "admin1": None, "lat": None,
                    "lon": None, "feature": "country", "precision": "country",
                    "source": "text",
                },
                "attribution": None, "confidence": 0.8,
            }
        )  # fmt: skip
    return document_from_dict(
        {
            "schema": SCHEMA,
            "article": {
                "id": f"art{number}", "published": published, "source": source, "url": None,
                "title": None, "language": "en", "text": text.strip(),
            },
            "sentences": [], "entities": [], "timexes": [], "places": [], "events": coded,
        }
    )  # fmt: skip


def _participant(actor: dict[str, Any], text: str, start: int) -> dict[str, Any]:
    return {"text": text[start : start + 1], "start": start, "end": start + 1, **actor}


def crisis() -> list[DocumentRecord]:
    """The scenario's articles, oldest first."""
    quiet = [
        record(
            10 + n,
            f"2023-07-{day:02d}",
            "Sahel Wire",
            [
                (
                    "ASSAULT",
                    GROUPS[n % 6],
                    VILLAGERS,
                    f"2023-07-{day:02d}",
                    None,
                    f"An armed group attacked villagers near Ayorou in raid {n} of the month.",
                )
            ],
        )
        for n, day in enumerate((3, 9, 14, 20, 26))
    ]
    demands = [
        record(
            1, "2023-07-31", "Lagos Ledger",
            [("REQUEST", ECOWAS, JUNTA, None, "2023-08-06",
              "ECOWAS gave the junta seven days to restore the president."),
             ("REQUEST", BURKINA, MALI, None, "2023-08-05",
              "Burkina Faso asked the Mali junta to reopen the border within five days.")],
        ),
        record(
            2, "2023-08-04", "Bamako Post",
            [("AGREE", MALI, BURKINA, "2023-08-04", None,
              "The Mali junta agreed with Burkina Faso to reopen the border on Friday.")],
        ),
    ]  # fmt: skip
    surge = [
        record(
            20 + n,
            "2023-08-10",
            "Sahel Wire",
            [
                (
                    "ASSAULT",
                    GROUPS[n],
                    VILLAGERS,
                    "2023-08-10",
                    None,
                    f"Gunmen of the {n}th column attacked villagers near Tillaberi on Thursday.",
                )
            ],
        )
        for n in range(3)
    ]
    wagner = [
        record(
            30, "2023-08-11", "Niamey Observer",
            [("ASSAULT", WAGNER, VILLAGERS, "2023-08-10", None,
              "At least 12 people were killed when Wagner fighters attacked a village.")],
        ),
        record(
            31, "2023-08-12", "Harbour Daily",
            [("ASSAULT", WAGNER, VILLAGERS, "2023-08-10", None,
              "Residents said 30 people were killed after Wagner mercenaries raided their homes.")],
        ),
    ]  # fmt: skip
    return [*quiet, *demands, *surge, *wagner]


def later_news() -> DocumentRecord:
    """An unrelated article published after the crisis."""
    return record(
        40, "2023-08-20", "Dakar Dispatch",
        [("CONSULT", ECOWAS, JUNTA, "2023-08-19", None,
          "ECOWAS envoys met the junta in Niamey on Saturday.")],
    )  # fmt: skip


def as_of(records: list[DocumentRecord]) -> dt.date:
    return max(r.article.published for r in records)

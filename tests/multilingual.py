"""Records of a store in several languages, built with the factories: the same sanctions
reported in English and in French, an English appeal, and articles in German and Spanish
(languages harmattan does not code) stored with no events. The sentences are our own."""

from __future__ import annotations

import dataclasses
import datetime as dt

from harmattan.records import (
    Actor,
    DateSource,
    DocumentRecord,
    EventDate,
    EventLocation,
    LocationSource,
    Place,
    Precision,
)
from tests.factories import article, make_event, participant

ECOWAS = Actor("ecowas", "Economic Community of West African States", "IGO", None)
NIGER = Actor("ner-junta", "Niger military junta", "NER", "MIL")
CODED = ("en", "fr")
"""The languages the records treat as coded (harmattan.nlp.LANGUAGES when written)."""

EN_SANCTION = "ECOWAS imposed sanctions on Niger on 30 July."
FR_SANCTION = "La CEDEAO a imposé des sanctions au Niger le 30 juillet."
EN_APPEAL = "The junta asked Wagner for help."
NOT_CODED = {
    "Die Junta in Niger schloss die Grenze.": ("de", "2023-08-02"),
    "Die ECOWAS drohte mit einer Intervention.": ("de", "2023-08-03"),
    "La junta de Níger cerró la frontera.": ("es", "2023-08-04"),
}
SANCTIONED_ON = EventDate(dt.date(2023, 7, 30), dt.date(2023, 7, 30), "day", DateSource.TEXT)


def _niger(record_text: str) -> EventLocation:
    """Niger, at country precision, as the recipient's country."""
    start = record_text.index("Niger")
    place = Place(
        "Niger", start, start + 5, "Niger", 2440476, "NER", None, 17.0, 8.0, "PCLI",
        Precision.COUNTRY,
    )  # fmt: skip
    return EventLocation(place, LocationSource.RECIPIENT)


def _sanction(language: str, text: str, published: str, trigger: str) -> DocumentRecord:
    """An article in `language` reporting ECOWAS's sanctions on Niger's junta on 30 July."""
    found = dataclasses.replace(article(text, published), language=language)
    start = text.index(trigger)
    event = make_event(
        found,
        type="SANCTION",
        trigger=(start, start + len(trigger)),
        actors=(participant(found, "CEDEAO" if language == "fr" else "ECOWAS", ECOWAS),),
        recipients=(participant(found, "Niger", NIGER),),
        date=SANCTIONED_ON,
    )
    return DocumentRecord(found, events=(dataclasses.replace(event, location=_niger(text)),))


def multilingual_records() -> list[DocumentRecord]:
    """Two English, one French, two German and one Spanish article; three events."""
    appeal = article(EN_APPEAL, "2023-08-05")
    request = make_event(appeal, trigger=(10, 15), actors=(participant(appeal, "junta", NIGER),))
    return [
        _sanction("en", EN_SANCTION, "2023-07-31", "imposed sanctions"),
        _sanction("fr", FR_SANCTION, "2023-08-01", "a imposé des sanctions"),
        DocumentRecord(appeal, events=(request,)),
        *(
            DocumentRecord(dataclasses.replace(article(text, published), language=language))
            for text, (language, published) in NOT_CODED.items()
        ),
    ]

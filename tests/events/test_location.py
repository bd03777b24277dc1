"""Event location: an attached place, else the recipient's country, else the focus country."""

from __future__ import annotations

from harmattan.events.location import ArticlePlaces, locate_event
from harmattan.pipeline import Resources
from harmattan.records import Actor, LocationSource, Participant, Place, Precision


def _place(text: str, sentence: str, precision: Precision, country: str) -> Place:
    start = sentence.index(text)
    feature = "country" if precision is Precision.COUNTRY else "city"
    return Place(
        text, start, start + len(text), text, 1, country, None, 0.0, 0.0, feature, precision
    )


def test_location_is_the_attached_place_most_precise_first(resources: Resources) -> None:
    sentence = "Soldiers clashed with rebels near Tillabéri in Niger on Sunday."
    doc = resources.nlp(sentence)
    trigger = next(t for t in doc if t.lower_ == "clashed")
    places = [
        _place("Niger", sentence, Precision.COUNTRY, "NER"),
        _place("Tillabéri", sentence, Precision.CITY, "NER"),
    ]
    located = locate_event(trigger, trigger, ArticlePlaces.of(places), (), None)
    assert located.place is not None
    assert (located.place.text, located.source) == ("Tillabéri", LocationSource.TEXT)


def test_location_falls_back_on_the_recipients_country(resources: Resources) -> None:
    sentence = "Mali warned the junta in Niamey that Niger would face sanctions."
    doc = resources.nlp(sentence)
    trigger = next(t for t in doc if t.lower_ == "warned")
    niger = _place("Niger", sentence, Precision.COUNTRY, "NER")
    mali = _place("Mali", sentence, Precision.COUNTRY, "MLI")
    recipient = Participant("Niger", niger.start, niger.end, Actor("ner", "Niger", "NER", "GOV"))
    located = locate_event(trigger, trigger, ArticlePlaces.of([mali, niger]), [recipient], "MLI")
    assert located.place is niger
    assert located.source is LocationSource.RECIPIENT


def test_location_is_unknown_when_the_text_does_not_say(resources: Resources) -> None:
    doc = resources.nlp("The talks were postponed.")
    trigger = next(t for t in doc if t.lower_ == "postponed")
    located = locate_event(trigger, trigger, ArticlePlaces.of([]), [], "NER")
    assert (located.place, located.source) == (None, LocationSource.NONE)
    assert located.precision is Precision.UNKNOWN
    assert located.to_dict() == {
        "text": None, "start": None, "end": None, "name": None, "geonameid": None,
        "country": None, "admin1": None, "lat": None, "lon": None, "feature": None,
        "precision": "unknown", "source": "none",
    }  # fmt: skip


def test_location_falls_back_on_the_focus_country(resources: Resources) -> None:
    sentence = "The talks with Niger were postponed."
    doc = resources.nlp(sentence)
    trigger = next(t for t in doc if t.lower_ == "postponed")
    niger = _place("Niger", sentence, Precision.COUNTRY, "NER")
    located = locate_event(trigger, trigger, ArticlePlaces.of([niger]), [], "NER")
    assert (located.place, located.source) == (niger, LocationSource.FOCUS)
    assert located.to_dict()["precision"] == "country"


def test_location_ignores_a_recipient_introduced_by_on(resources: Resources) -> None:
    sentence = "Nigeria imposed sanctions on Niger."
    doc = resources.nlp(sentence)
    trigger = next(t for t in doc if t.lower_ == "sanctions")
    niger = _place("Niger", sentence, Precision.COUNTRY, "NER")
    assert locate_event(trigger, trigger.head, ArticlePlaces.of([niger]), [], None).place is None


def test_only_places_of_the_triggers_sentence_can_be_attached(resources: Resources) -> None:
    text = "Protesters gathered in Niamey. Soldiers clashed with rebels near Tillabéri."
    doc = resources.nlp(text)
    trigger = next(t for t in doc if t.lower_ == "clashed")
    niamey = _place("Niamey", text, Precision.CITY, "NER")
    tillaberi = _place("Tillabéri", text, Precision.CITY, "NER")
    places = ArticlePlaces.of([tillaberi, niamey])
    assert places.overlapping(0, len("Protesters gathered in Niamey.")) == [niamey]
    assert places.overlapping(niamey.end - 1, tillaberi.start + 1) == [niamey, tillaberi]
    assert places.overlapping(niamey.end, tillaberi.start) == []
    located = locate_event(trigger, trigger, places, (), None)
    assert (located.place, located.source) == (tillaberi, LocationSource.TEXT)

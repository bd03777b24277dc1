"""Classes of failure found on real news (issue 15), each pinned with sentences of our own.

Agentless reports stand, what a protesting crowd does is PROTEST, recipients come from what an event
concerns, a word of two types follows its sentence, and the frames real reporting
uses (ground taken, suicide bombers, chemical weapons, claims of responsibility)
are coded."""

from __future__ import annotations

import pytest

from harmattan.pipeline import Resources, extract
from harmattan.records import Event
from tests.factories import article


def _events(text: str, resources: Resources) -> list[Event]:
    return list(extract(article(text, "2023-08-01"), resources).events)


def _of_type(text: str, type_name: str, resources: Resources) -> list[Event]:
    return [e for e in _events(text, resources) if e.type == type_name]


@pytest.mark.parametrize(
    ("text", "type_name", "trigger"),
    [
        # The bombing is what killed: one report, carried by the verb with its victims.
        ("A bombing at the central market of Maiduguri killed twelve people.", "ASSAULT", "killed"),
        ("Three soldiers were wounded in an explosion at the checkpoint.", "ASSAULT", "wounded"),
        ("The bombing was the deadliest in the city this year.", "ASSAULT", "bombing"),
        ("Several arrests followed the riot in the capital.", "COERCE", "arrests"),
    ],
)
def test_event_whose_text_names_no_party_is_still_reported(
    text: str, type_name: str, trigger: str, resources: Resources
) -> None:
    events = _of_type(text, type_name, resources)
    assert [e.trigger.text for e in events] == [trigger]
    assert events[0].actors == ()


def test_agentless_event_keeps_evidence_offsets(resources: Resources) -> None:
    text = "The bombing at the central market of Maiduguri was the deadliest this year."
    record = extract(article(text, "2023-08-01"), resources)
    bombing = next(e for e in record.events if e.trigger.text == "bombing")
    assert record.article.text[bombing.trigger.start : bombing.trigger.end] == "bombing"


def test_month_in_a_date_is_no_march(resources: Resources) -> None:
    text = "On 1 March 2019, gunmen attacked a base in Helmand province."
    assert _of_type(text, "PROTEST", resources) == []
    assert _of_type(text, "ASSAULT", resources)


@pytest.mark.parametrize(
    "text",
    [
        "Seven fighters were killed in two accidental explosions at their camp.",
        "A worker was killed and four others were injured when a fuel tanker exploded.",
        "Relief teams were working in villages where floods hit the valley last week.",
    ],
)
def test_accidents_are_no_attacks(text: str, resources: Resources) -> None:
    assert _of_type(text, "ASSAULT", resources) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Protesters attacked the police with stones outside the parliament.",
        "Rioters clashed with police near the stadium overnight.",
        "Police clashed with demonstrators in the main square.",
    ],
)
def test_violence_by_or_with_a_protesting_crowd_is_a_riot(text: str, resources: Resources) -> None:
    events = _events(text, resources)
    assert [(e.type, e.mode) for e in events if e.type in ("PROTEST", "ASSAULT")] == [
        ("PROTEST", "riot")
    ], text


def test_a_demand_voiced_by_protesters_is_their_protest(resources: Resources) -> None:
    text = "Thousands of demonstrators demanded the release of the jailed activists."
    events = _events(text, resources)
    assert [(e.type, e.mode) for e in events] == [("PROTEST", "demo")]
    assert [p.text for p in events[0].actors] == ["demonstrators"]


def test_police_firing_on_protesters_stays_an_assault(resources: Resources) -> None:
    events = _of_type("Police fired on protesters in the capital.", "ASSAULT", resources)
    assert [p.text for p in events[0].actors] == ["Police"]


@pytest.mark.parametrize(
    ("text", "type_name", "recipient_country"),
    [
        # A threat is aimed at whom its condition concerns.
        (
            "The union threatened to hold a general strike unless Ghana raised wages.",
            "THREATEN",
            "GHA",
        ),
        # A promise at whom its content names.
        ("Mali offered to negotiate with the president of Niger.", "AGREE", "NER"),
        # A protest in a city at the government of the city's country.
        ("Thousands of people demonstrated in Kano on Sunday.", "PROTEST", "NGA"),
        # Police acting on their own country's students: a domestic target stands.
        (
            "Turkish police prevented a demonstration organised by Turkish students.",
            "COERCE",
            "TUR",
        ),
        # The subject of a "that" clause is who must act.
        (
            "The rebels issued a statement demanding that the Malian government free them.",
            "REQUEST",
            "MLI",
        ),
    ],
)
def test_recipient_is_read_from_what_the_event_concerns(
    text: str, type_name: str, recipient_country: str, resources: Resources
) -> None:
    events = _of_type(text, type_name, resources)
    assert events, text
    assert recipient_country in {p.actor.country for p in events[0].recipients}, text


def test_summit_on_a_country_takes_no_recipient_from_its_topic(resources: Resources) -> None:
    events = _of_type("ECOWAS leaders held a summit on Niger in Abuja.", "CONSULT", resources)
    assert all(p.actor.country != "NER" for e in events for p in e.recipients)


@pytest.mark.parametrize(
    ("text", "type_name"),
    [
        ("Russian warplanes carried out air strikes on rebel positions near Idlib.", "ASSAULT"),
        ("Teachers began a strike over unpaid salaries on Monday.", "PROTEST"),
    ],
)
def test_word_of_two_types_takes_the_one_its_sentence_speaks_of(
    text: str, type_name: str, resources: Resources
) -> None:
    types = {
        e.type for e in _events(text, resources) if e.trigger.text.endswith(("strike", "strikes"))
    }
    assert types == {type_name}, text


@pytest.mark.parametrize(
    "text",
    [
        "Attackers set off two bombs and exchanged gunfire with the police.",
        "Settlers set fire to the offices following the killing of a farmer.",
    ],
)
def test_only_the_complement_of_a_future_verb_is_future(text: str, resources: Resources) -> None:
    assert _of_type(text, "THREATEN", resources) == [], text


def test_crime_vowed_against_after_it_happened_is_its_own_event(resources: Resources) -> None:
    text = "The president vowed an inquiry after five villagers were murdered by a mob."
    assert _of_type(text, "ASSAULT", resources) or _of_type(text, "PROTEST", resources)


def test_trigger_noun_that_names_a_party_is_no_event(resources: Resources) -> None:
    assert _of_type("Riot police guarded the ministry all night.", "PROTEST", resources) == []


@pytest.mark.parametrize(
    ("text", "type_name", "mode"),
    [
        ("Government troops recaptured the town of Kidal on Tuesday.", "ASSAULT", None),
        ("The army took control of three villages near the border.", "ASSAULT", None),
        ("Two suicide bombers blew themselves up outside a mosque.", "ASSAULT", "suicide-attack"),
        ("A helicopter dropped barrels of explosives on the town.", "ASSAULT", "aerial"),
        (
            "Government forces used chlorine gas against the rebel district.",
            "ASSAULT",
            "unconventional",
        ),
        ("The jihadist group claimed responsibility for the ambush.", "ASSAULT", None),
        ("A militant hurled a grenade at a police patrol.", "ASSAULT", "explosives"),
        ("Gunmen gunned down a judge outside his home.", "ASSAULT", "firearms"),
        ("The army set up two observation points near the frontier.", "MOBILIZE", "troops"),
        ("Police discovered a stash of rifles in a farmhouse.", "COERCE", "seize"),
        ("The two sides exchanged prisoners near the front line.", "RETREAT", "release"),
        ("The government reached an agreement with the rebels on Friday.", "AGREE", None),
        ("Police raids in the capital targeted opposition offices.", "COERCE", None),
        ("Police fired tear gas and rubber bullets at the marchers.", "ASSAULT", "crowd-control"),
        ("Soldiers used live ammunition against the crowd.", "ASSAULT", "firearms"),
        ("Riot police dispersed the crowd outside the court.", "COERCE", "restrict"),
        ("Insurgents planted landmines along the road to the base.", "ASSAULT", "explosives"),
        ("Russia closed the American consulate in Yekaterinburg.", "SANCTION", None),
        ("Rebel fighters advanced on the provincial capital overnight.", "MOBILIZE", "troops"),
    ],
)
def test_real_news_frame_is_coded(
    text: str, type_name: str, mode: str | None, resources: Resources
) -> None:
    events = _of_type(text, type_name, resources)
    assert events, text
    if mode is not None:
        assert events[0].mode == mode, text


@pytest.mark.parametrize(
    ("text", "type_name"),
    [
        ("Firefighters gained ground against the wildfire overnight.", "ASSAULT"),
        # People, not an act; violence only mentioned as what is to be stopped.
        ("Helicopters evacuated the wounded from the town.", "ASSAULT"),
        ("The envoys signed a deal to end the fighting.", "ASSAULT"),
        ("Troops stayed on alert to forestall more violence.", "PROTEST"),
        ("The minister committed a serious error, the opposition said.", "AGREE"),
    ],
)
def test_real_news_near_miss_is_not_coded(text: str, type_name: str, resources: Resources) -> None:
    assert _of_type(text, type_name, resources) == [], text


def test_tear_gas_is_never_a_chemical_weapon(resources: Resources) -> None:
    events = _events("Police used tear gas and water cannon against the crowd.", resources)
    assert all(e.mode != "unconventional" for e in events)


@pytest.mark.parametrize(
    ("text", "type_name"),
    [
        # A question is no request, naming is no call, a phone call no appeal.
        ('"Who fired first?" the prosecutor asked.', "REQUEST"),
        ("On Monday, the president called the blast an act of terror.", "REQUEST"),
        ("A call was made from the hotel room at noon.", "REQUEST"),
        # Street protests in a country are not that government's verbal protest.
        ("Mali's protests have grown since the elections.", "ACCUSE"),
    ],
)
def test_words_that_look_like_requests_or_protests_but_are_not(
    text: str, type_name: str, resources: Resources
) -> None:
    assert _of_type(text, type_name, resources) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "The minister asked the United Nations to send more peacekeepers.",
        "The opposition asked for an independent inquiry.",
        "The bishops called on the junta to release the prisoners.",
        "The rebels renewed their call for a ceasefire.",
    ],
)
def test_requests_are_still_coded(text: str, resources: Resources) -> None:
    assert _of_type(text, "REQUEST", resources), text


def test_an_acts_stated_purpose_is_part_of_it(resources: Resources) -> None:
    events = _events("Police used tear gas to disperse the protesters in Harare.", resources)
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "crowd-control")]

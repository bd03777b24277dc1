"""The coder on short sentences: triggers, arguments, factuality, attribution and folding."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from harmattan.pipeline import Resources, extract
from harmattan.records import Event
from tests.factories import article


@dataclass(frozen=True)
class Case:
    """A sentence and the one event expected from it."""

    text: str
    type: str
    actor: str | None
    recipient: str | None
    factuality: str = "asserted"
    mode: str | None = None


def _events(text: str, resources: Resources, published: str = "2023-08-01") -> tuple[Event, ...]:
    return extract(article(text, published), resources).events


def _codes(event: Event) -> tuple[str | None, str | None]:
    actor = event.actors[0].actor.country if event.actors else None
    recipient = event.recipients[0].actor.country if event.recipients else None
    return actor, recipient


CASES = [
    Case("On Sunday, ECOWAS imposed sanctions on Niger.", "SANCTION", "IGO", "NER"),
    Case("Niger was sanctioned by ECOWAS.", "SANCTION", "IGO", "NER"),
    Case(
        "The United States suspended military aid to Niger.",
        "SANCTION",
        "USA",
        "NER",
        mode="discontinue",
    ),
    Case("Nigeria cut electricity supplies to Niger.", "COERCE", "NGA", "NER", mode="withhold"),
    Case("Niger received military assistance from France.", "AID", "FRA", "NER"),
    Case(
        "France will withdraw its troops from Niger.",
        "RETREAT",
        "FRA",
        "NER",
        factuality="future",
        mode="withdraw",
    ),
    Case("Mali and Burkina Faso warned ECOWAS against an intervention.", "THREATEN", "MLI", "IGO"),
    Case(
        "ECOWAS demanded the release of President Mohamed Bazoum.",
        "REQUEST",
        "IGO",
        None,
        mode="yield",
    ),
    Case("The junta refused to release Mohamed Bazoum.", "REJECT", None, "NER"),
    Case(
        "Senegal did not send troops to Niger.",
        "MOBILIZE",
        "SEN",
        "NER",
        factuality="negated",
        mode="troops",
    ),
    Case(
        "ECOWAS may intervene militarily in Niger.",
        "ASSAULT",
        "IGO",
        "NER",
        factuality="hypothetical",
    ),
    Case(
        "Nigerian police arrested dozens of protesters in Abuja.",
        "COERCE",
        "NGA",
        None,
        mode="arrest",
    ),
    Case("Thousands of Nigeriens protested against France in Niamey.", "PROTEST", "NER", "FRA"),
    Case("Russia criticized the ECOWAS sanctions.", "ACCUSE", "RUS", None, mode="disapprove"),
    Case("Emmanuel Macron met Bola Tinubu in Paris.", "CONSULT", "FRA", "NGA"),
    Case("Niger's junta said the ECOWAS leaders must lift the sanctions.", "REQUEST", "NER", "IGO"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text for c in CASES])
def test_coder_reads_type_roles_and_factuality(case: Case, resources: Resources) -> None:
    events = _events(case.text, resources)
    assert [e.type for e in events] == [case.type], [(e.type, _codes(e)) for e in events]
    (event,) = events
    actor, recipient = _codes(event)
    if case.actor is not None:
        assert actor == case.actor
    if case.recipient is not None:
        assert recipient == case.recipient
    assert event.factuality.value == case.factuality
    if case.mode is not None:
        assert event.mode == case.mode


@pytest.mark.parametrize(
    ("text", "folded_into"),
    [
        ("Iran threatened to shell Iraqi towns.", "THREATEN"),
        ("The rebels agreed to allow humanitarian access.", "AGREE"),
        ("Pakistan refused to deploy peacekeepers in Iraq.", "REJECT"),
        ("Protesters demonstrated in Kirkuk, calling for independence from Iraq.", "PROTEST"),
    ],
)
def test_coder_folds_the_content_of_a_frame(
    text: str, folded_into: str, resources: Resources
) -> None:
    assert [e.type for e in _events(text, resources)] == [folded_into]


def test_coder_reads_a_bare_noun_mention_as_no_event(resources: Resources) -> None:
    assert _events("The war has displaced millions of people in Sudan.", resources) == ()


def test_coder_attributes_reported_events(resources: Resources) -> None:
    (event,) = _events(
        "Officials in Niamey said Nigerian troops had attacked a village.", resources
    )
    assert event.type == "ASSAULT"
    assert event.attribution is not None
    assert event.attribution.text == "Officials in Niamey"
    text = "According to the United Nations, the RSF attacked El Fasher."
    (event,) = _events(text, resources)
    assert event.attribution is not None
    assert event.attribution.text == "the United Nations"


def test_coder_takes_the_target_of_a_phrase_referring_back_from_the_latest_such_event(
    resources: Resources,
) -> None:
    text = (
        "The African Union imposed sanctions on Mali. The European Union imposed sanctions"
        " on Niger. Rights groups expressed concern about these sanctions."
    )
    concern = _events(text, resources)[-1]
    assert concern.type == "ACCUSE"
    assert [p.actor.id for p in concern.recipients] == ["european-union"]


def test_coder_future_aid_is_a_promise(resources: Resources) -> None:
    (event,) = _events("Finland will give Tanzania a grant of 64 million dollars.", resources)
    assert (event.type, event.factuality.value) == ("AGREE", "asserted")


def test_coder_scores_from_the_codebook(resources: Resources) -> None:
    (event,) = _events("On Sunday, ECOWAS imposed sanctions on Niger.", resources)
    assert (event.cameo_root, event.quad_class, event.score) == ("16", 4, -6.0)
    assert 0.5 <= event.confidence <= 1.0


def test_coder_codes_a_person_by_role_on_the_article_date(resources: Resources) -> None:
    text = "Mohamed Bazoum urged the United States to support Niger."
    (before,) = _events(text, resources, published="2023-05-01")
    (after,) = _events(text, resources, published="2023-10-01")
    assert before.actors[0].actor.sector == "GOV"
    assert after.actors[0].actor.sector == "ELI"

"""Name comparison shared by the actor dictionary and the gazetteer."""

from __future__ import annotations

import pytest

from harmattan.text import dashes_as_spaces, fold, strip_accents, surface_form, without_leading_the


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the  Niger’s", "Niger"),
        ("The United States", "United States"),
        ("Burkina Faso", "Burkina Faso"),
        ("Wagner  Group's", "Wagner Group"),
        ("the Philippines'", "Philippines"),
    ],
)
def test_surface_form_drops_article_possessive_and_extra_spaces(text: str, expected: str) -> None:
    assert surface_form(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tillabéri", "tillaberi"),
        ("Guinea–Bissau", "guinea bissau"),
        ("CÔTE D’IVOIRE", "cote d’ivoire"),
        ("Straße", "strasse"),
    ],
)
def test_fold_ignores_case_accents_and_dashes(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_makes_actor_and_place_spellings_meet() -> None:
    assert fold(surface_form("the Niger’s")) == fold(surface_form("NIGER"))


def test_text_helpers_each_do_one_thing() -> None:
    assert (
        strip_accents("Zinder, Agadez, Dosso, Maradi, Ségou")
        == "Zinder, Agadez, Dosso, Maradi, Segou"
    )
    assert dashes_as_spaces("Guinea-Bissau  —  Conakry") == "Guinea Bissau Conakry"
    assert without_leading_the("the Hague") == "Hague"
    assert without_leading_the("Theodore") == "Theodore"

"""French time expressions, valued against the publication date with the French parse.

The sentences are ours. Most articles are published on 2023-11-07, a Tuesday, as in
the English tests, and the expected values are the ones the English rules give the
English rendering ("fin août" is 2023-08 as "late August" is).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from spacy.language import Language

from harmattan.errors import ModelError
from harmattan.nlp import load_pipeline
from harmattan.records import Article, Timex, TimexType
from harmattan.temporal import TimexTagger, find_timexes, timexes_in

PUB = dt.date(2023, 11, 7)  # a Tuesday

DATE = TimexType.DATE
TIME = TimexType.TIME
DURATION = TimexType.DURATION
SET = TimexType.SET


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The French pipeline, loaded once for the module."""
    return load_pipeline(language="fr")


@pytest.fixture(scope="module")
def tagger() -> TimexTagger:
    """One French tagger for the module, as the pipeline builds one per process."""
    return TimexTagger(language="fr")


def _find(
    nlp: Language, tagger: TimexTagger, text: str, published: dt.date = PUB
) -> tuple[Timex, ...]:
    article = Article(id="fr", published=published, text=text, language="fr")
    return find_timexes(article, nlp(text), tagger)


# (sentence, expression, its type, its value): the expression must be found with
# exactly that extent, at its place in the sentence.
FORMS: list[tuple[str, str, TimexType, str]] = [
    ("Le groupe est entré au Mali l'année dernière.", "l'année dernière", DATE, "2022"),
    ("Le groupe est entré au Mali l’année dernière.", "l’année dernière", DATE, "2022"),
    ("Les exportations ont chuté l'an dernier.", "l'an dernier", DATE, "2022"),
    ("La récolte sera meilleure cette année.", "cette année", DATE, "2023"),
    ("Les élections auront lieu l'année prochaine.", "l'année prochaine", DATE, "2024"),
    ("Les soldats ont quitté la base mardi dernier.", "mardi dernier", DATE, "2023-10-31"),
    ("Les ministres se réuniront mardi prochain.", "mardi prochain", DATE, "2023-11-14"),
    ("Les militaires ont pris le pouvoir le 26 juillet.", "le 26 juillet", DATE, "2023-07-26"),
    ("Le coup d'État du 26 juillet 2023 a surpris.", "26 juillet 2023", DATE, "2023-07-26"),
    ("La frontière a été fermée le 1er août.", "le 1er août", DATE, "2023-08-01"),
    ("Le blocus a commencé en juillet 2023.", "juillet 2023", DATE, "2023-07"),
    ("L'aide a été suspendue en août.", "août", DATE, "2023-08"),
    ("Les banques ont fermé fin août.", "fin août", DATE, "2023-08"),
    ("Les premiers renforts sont arrivés fin juillet.", "fin juillet", DATE, "2023-07"),
    ("Les écoles ont rouvert début septembre.", "début septembre", DATE, "2023-09"),
    ("La délégation est venue à la mi-juillet.", "la mi-juillet", DATE, "2023-07"),
    ("Les prix ont grimpé dès la mi-juillet, puis mi-août.", "mi-août", DATE, "2023-08"),
    ("Le village a été attaqué il y a deux semaines.", "il y a deux semaines", DATE, "2023-W43"),
    ("Le convoi est parti il y a trois jours.", "il y a trois jours", DATE, "2023-11-04"),
    ("Le camp a fermé il y a un an.", "il y a un an", DATE, "2022"),
    ("Le médiateur reviendra dans une semaine.", "dans une semaine", DATE, "2023-W46"),
    ("Les fonds seront versés dans deux mois.", "dans deux mois", DATE, "2024-01"),
    ("La région est instable depuis des années.", "des années", DURATION, "PXY"),
    ("Les combats ont duré pendant deux semaines.", "deux semaines", DURATION, "P2W"),
    ("Le président est détenu depuis plus de trois mois.", "plus de trois mois", DURATION, "P3M"),
    ("Les pourparlers ont échoué hier.", "hier", DATE, "2023-11-06"),
    ("Le couvre-feu est levé aujourd'hui.", "aujourd'hui", DATE, "2023-11-07"),
    ("Le couvre-feu sera levé demain.", "demain", DATE, "2023-11-08"),
    ("La junte a parlé ce matin à la radio.", "ce matin", TIME, "2023-11-07TMO"),
    ("Des tirs ont été entendus samedi soir.", "samedi soir", TIME, "2023-11-04TEV"),
    ("Les manifestations ont repris le mois dernier.", "le mois dernier", DATE, "2023-10"),
    ("L'ambassade a fermé la semaine dernière.", "la semaine dernière", DATE, "2023-W44"),
    ("Les enquêteurs arriveront la semaine prochaine.", "la semaine prochaine", DATE, "2023-W46"),
    ("Le pays a connu deux coups en 2022.", "2022", DATE, "2022"),
    ("Le pays est membre de l'alliance depuis 2013.", "2013", DATE, "2013"),
    ("L'accord a été signé lundi 31 juillet.", "lundi 31 juillet", DATE, "2023-07-31"),
    (
        "Le vote a eu lieu le dimanche 5 novembre 2023.",
        "le dimanche 5 novembre 2023",
        DATE,
        "2023-11-05",
    ),
    ("Le traité est entré en vigueur le 7 sept. 2023.", "le 7 sept. 2023", DATE, "2023-09-07"),
    (
        "Les troupes sont parties le 26 juillet dernier.",
        "le 26 juillet dernier",
        DATE,
        "2023-07-26",
    ),
    ("La ville a été reprise avant-hier.", "avant-hier", DATE, "2023-11-05"),
    ("Le sommet s'ouvrira après-demain.", "après-demain", DATE, "2023-11-09"),
    ("La délégation est arrivée hier soir.", "hier soir", TIME, "2023-11-06TEV"),
    ("Le bilan a été publié à 18 heures.", "18 heures", TIME, "2023-11-07T18:00"),
    ("Les tirs ont cessé vers 10h30.", "vers 10h30", TIME, "2023-11-07T10:30"),
    ("Les otages ont été retenus pendant 48 heures.", "48 heures", DURATION, "PT48H"),
    ("Le blocus a duré une dizaine de jours.", "une dizaine de jours", DURATION, "P10D"),
    ("Les pluies ont cessé il y a quelques jours.", "il y a quelques jours", DATE, "PAST_REF"),
    (
        "Les attaques se sont multipliées ces dernières années.",
        "ces dernières années",
        DATE,
        "PAST_REF",
    ),
    ("Les inondations ont frappé le pays l'été dernier.", "l'été dernier", DATE, "2023-SU"),
    ("Les ventes ont reculé au premier trimestre 2023.", "premier trimestre 2023", DATE, "2023-Q1"),
    ("La dette a doublé depuis les années 1990.", "les années 1990", DATE, "199"),
    ("Les patrouilles passent chaque semaine.", "chaque semaine", SET, "P1W"),
    ("Le conseil se réunit tous les lundis.", "tous les lundis", SET, "XXXX-WXX-1"),
    ("La ville est calme maintenant.", "maintenant", DATE, "PRESENT_REF"),
    ("La nouvelle ligne ouvrira à la fin de l'année.", "la fin de l'année", DATE, "2023"),
    ("Le préfet a confirmé l'attaque le lendemain.", "le lendemain", DATE, "2023-11-08"),
    ("Le camp avait été évacué cette année-là.", "cette année-là", DATE, "2023"),
    ("Le fichier a été daté du 07/11/2023.", "07/11/2023", DATE, "2023-11-07"),
]


@pytest.mark.parametrize(("sentence", "text", "kind", "value"), FORMS)
def test_french_timexes_value_each_form(
    nlp: Language, tagger: TimexTagger, sentence: str, text: str, kind: TimexType, value: str
) -> None:
    start = sentence.index(text)
    found = _find(nlp, tagger, sentence)
    assert Timex(text, start, start + len(text), kind, value) in found, found


# (sentence, expression, value): a weekday or a month alone takes the tense of its clause.
TENSES: list[tuple[str, str, str]] = [
    # passé composé, with avoir and with être
    ("Les pourparlers ont échoué mardi.", "mardi", "2023-11-07"),
    ("Les pourparlers ont échoué dimanche.", "dimanche", "2023-11-05"),
    ("Les soldats sont arrivés dimanche à Niamey.", "dimanche", "2023-11-05"),
    # future, near future with "aller", and the conditional of a reported plan
    ("Les pourparlers reprendront dimanche.", "dimanche", "2023-11-12"),
    ("Le ministre va se rendre à Bamako vendredi.", "vendredi", "2023-11-10"),
    ("La junte a déclaré que les pourparlers reprendraient vendredi.", "vendredi", "2023-11-10"),
    ("Les discussions pourraient reprendre vendredi.", "vendredi", "2023-11-10"),
    ("Le président prévoit de se rendre à Paris vendredi.", "vendredi", "2023-11-10"),
    ("Le camp sera évacué vendredi.", "vendredi", "2023-11-10"),
    # imperfect and simple past
    ("Le ministre se rendait à Bamako vendredi.", "vendredi", "2023-11-03"),
    ("Les rebelles attaquèrent le village vendredi.", "vendredi", "2023-11-03"),
    ("Il était à Niamey vendredi.", "vendredi", "2023-11-03"),
    # a recent past, and the reporting conditional of an unconfirmed past event
    ("Le gouvernement vient d'annoncer vendredi sa démission.", "vendredi", "2023-11-03"),
    ("L'attaque aurait fait vingt morts dimanche.", "dimanche", "2023-11-05"),
    # present: like the English present, the last one
    ("Le président rencontre ses homologues vendredi.", "vendredi", "2023-11-03"),
    # a date that completes a noun does not take the clause's tense
    ("La réunion de vendredi a été annulée.", "vendredi", "2023-11-03"),
    # bare months and yearless dates
    ("Le référendum s'est tenu en mars.", "mars", "2023-03"),
    ("Le référendum se tiendra en mars.", "mars", "2024-03"),
    ("L'envoyé est arrivé le 1er décembre.", "le 1er décembre", "2022-12-01"),
    ("L'envoyé arrivera le 1er décembre.", "le 1er décembre", "2023-12-01"),
    # an end point lies ahead
    ("Le délai court jusqu'au 1er décembre.", "1er décembre", "2023-12-01"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), TENSES)
def test_french_timexes_take_direction_from_tense(
    nlp: Language, tagger: TimexTagger, sentence: str, text: str, value: str
) -> None:
    found = {t.text: t.value for t in _find(nlp, tagger, sentence)}
    assert found.get(text) == value, found


NOT_TIMEXES = [
    "Paris le 3, les délégués sont rentrés.",
    "Ils étaient sept dans la voiture.",
    "Ils étaient sept.",
    "Les rebelles sont dans la ville.",
    "Le convoi est parti vers l'est, or la route était coupée.",
    "Un jour, la paix reviendra.",
    "Les 2000 soldats sont rentrés.",
    "Le président Bazoum, 63 ans, est détenu.",
    "Un homme de 45 ans a été arrêté.",
    "La victime, âgée de 12 ans, a été soignée.",
    "Il a été élu.",
    "Les élèves ont eu des jours fériés.",
    "La veille du scrutin, la tension montait.",
    "Au lendemain du coup, les frontières ont fermé.",
    "La réunion se tient dans l'après-midi au siège.",
    "Une seconde attaque a visé le camp.",
    "Le futur gouvernement prêtera serment.",
]


@pytest.mark.parametrize("sentence", NOT_TIMEXES)
def test_french_timexes_skip_words_that_name_no_time(
    nlp: Language, tagger: TimexTagger, sentence: str
) -> None:
    found = _find(nlp, tagger, sentence)
    assert [t.text for t in found] == []


def test_french_timexes_read_a_report(nlp: Language, tagger: TimexTagger) -> None:
    text = (
        "NIAMEY — La junte au pouvoir depuis le coup d’État du 26 juillet a rejeté mardi "
        "l’ultimatum de la CEDEAO, qui expire dimanche. Le groupe est entré au Mali "
        "l’année dernière et l’armée française a quitté le pays en août 2022. "
        "Il y a deux semaines, des hommes armés ont attaqué un village, faisant sept morts. "
        "Les ministres se réuniront vendredi, et la délégation repartira dans trois jours."
    )
    found = _find(nlp, tagger, text)
    assert [(t.text, t.type, t.value) for t in found] == [
        ("26 juillet", DATE, "2023-07-26"),
        ("mardi", DATE, "2023-11-07"),
        ("dimanche", DATE, "2023-11-12"),
        ("l’année dernière", DATE, "2022"),
        ("août 2022", DATE, "2022-08"),
        ("Il y a deux semaines", DATE, "2023-W43"),
        ("vendredi", DATE, "2023-11-10"),
        ("dans trois jours", DATE, "2023-11-10"),
    ]
    assert all(text[t.start : t.end] == t.text for t in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_french_timexes_shift_with_the_publication_date(nlp: Language, tagger: TimexTagger) -> None:
    sentence = "Le groupe est entré au Mali l'année dernière, il y a deux semaines et mardi."
    found = {t.text: t.value for t in _find(nlp, tagger, sentence, dt.date(2031, 2, 3))}
    assert found == {
        "l'année dernière": "2030",
        "il y a deux semaines": "2031-W04",
        "mardi": "2031-01-28",
    }


def test_english_tagger_keeps_english_values() -> None:
    english = TimexTagger()
    text = (
        "Rebels attacked on Sunday and again yesterday. Last year the junta took power; "
        "late August was calm, and talks resume in two weeks, said officials in Paris le 3."
    )
    found = [(t.text, t.type, t.value) for t in timexes_in(text, PUB, english)]
    assert found == [
        ("Sunday", DATE, "2023-11-05"),
        ("yesterday", DATE, "2023-11-06"),
        ("Last year", DATE, "2022"),
        ("late August", DATE, "2023-08"),
        ("two weeks", DURATION, "P2W"),
    ]
    assert english.language == "en"


def test_english_tagger_reads_no_french() -> None:
    text = "Le groupe est entré au Mali l'année dernière, mardi, il y a deux semaines."
    assert timexes_in(text, PUB, TimexTagger()) == ()


def test_timex_tagger_refuses_a_language_it_cannot_read() -> None:
    with pytest.raises(ModelError, match="'de'"):
        TimexTagger(language="de")

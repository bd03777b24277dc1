"""The language an article is written in: what its input declares, else what a detector says.

Declared languages (a JSON line's `language`, an HTML page's `lang`, a feed's language)
are trusted: a publisher knows its language better than a model reading a few lines.
Undeclared ones are detected by py3langid, whose model ships in its wheel (pinned in
requirements/lock.txt), so nothing is fetched. Short or name-heavy texts are where
detectors guess: "ECOWAS sanctioned Niger." scores as Nigerian Pidgin. So a language
harmattan does not code is believed only when the detector is sure of it over enough
text, and between the coded languages an unsure call falls back to English, the
language most of the feed is in.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from harmattan.errors import InputError

DEFAULT_LANGUAGE = "en"
CODED_LANGUAGES = ("en", "fr")
"""The languages harmattan has pipelines for (kept equal to `harmattan.nlp.LANGUAGES`
by a test; ingest does not import spaCy)."""

# The detector reads the opening of long texts: a few paragraphs decide a language, and
# reading a whole report would cost more than its parse's tokenizer.
_DETECT_CHARS = 2_000
# A language harmattan does not code is believed only at this probability, over at least
# this many letters.
_SURE_OTHER = 0.8
_MIN_LETTERS = 40
# A coded language other than the default needs this probability.
_SURE_CODED = 0.5
_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_LETTER = re.compile(r"[^\W\d_]")


def language_tag(value: object) -> str | None:
    """The ISO 639 code of a language tag ("fr-FR" → "fr"); None for anything else."""
    match = _CODE.match(value.strip()) if isinstance(value, str) else None
    return match.group(1).lower() if match else None


def declared_language(value: object, *, location: str = "") -> str | None:
    """The ISO 639 code an input declares ("fr-FR" → "fr"), None when it declares none,
    InputError when what it declares is no language tag."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    code = language_tag(value)
    if code is None:
        raise InputError(
            f"language {value!r} is not a language tag (use an ISO 639 code such as "
            "'en' or 'fr', optionally with a region: 'fr-FR')",
            location=location,
        )
    return code


@dataclass(frozen=True, slots=True)
class LanguageDetector:
    """py3langid's identifier with harmattan's rules for unsure calls."""

    identifier: LanguageIdentifier

    @classmethod
    def load(cls) -> LanguageDetector:
        """Load the model from the installed package (about a second)."""
        return cls(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))

    def detect(self, text: str) -> str:
        """The ISO 639 code of the language `text` is written in."""
        opening = text[:_DETECT_CHARS]
        ranked = self.identifier.rank(opening)
        top, probability = ranked[0]
        if top not in CODED_LANGUAGES:
            letters = len(_LETTER.findall(opening))
            if probability >= _SURE_OTHER and letters >= _MIN_LETTERS:
                return str(top)
        coded = max(
            ((lang, p) for lang, p in ranked if lang in CODED_LANGUAGES), key=lambda lp: lp[1]
        )
        if coded[0] != DEFAULT_LANGUAGE and coded[1] < _SURE_CODED:
            return DEFAULT_LANGUAGE
        return str(coded[0])


@functools.cache
def process_detector() -> LanguageDetector:
    """The detector of this process: loaded when an undeclared article first needs it
    and kept, as the pipeline's resources are."""
    return LanguageDetector.load()


def article_language(text: str, declared: str | None) -> str:
    """What the input declares, else the detected language of `text`."""
    return declared if declared is not None else process_detector().detect(text)

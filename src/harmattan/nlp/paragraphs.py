"""Paragraph breaks as sentence starts, set before the parser runs.

fr_core_news_md's parser reads across a blank line as if the paragraphs were one
sentence: a "pourrait" closing one paragraph then governs the sanctions reported in
the next, which become possible instead of real. A news paragraph never continues a
sentence, so the word after a blank line starts one; the parser keeps a start that is
already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "harmattan_paragraph_breaks"


@Language.component(FACTORY)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the first word after each blank line as a sentence start."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc

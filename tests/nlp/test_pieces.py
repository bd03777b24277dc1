"""Long texts are parsed in bounded pieces and joined back into one Doc over the text."""

from __future__ import annotations

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LEMMA, TAG

from harmattan.nlp import parse_texts
from harmattan.nlp.pieces import BATCH_CHARS, PIECE_CHARS, split_pieces
from harmattan.pipeline import Resources

PARAGRAPH = (
    "The junta in Niamey closed the border with Benin on Monday. "
    "ECOWAS leaders met in Abuja and threatened sanctions against Niger.\n\n"
)


def test_split_pieces_leaves_a_text_within_the_limit_whole() -> None:
    assert split_pieces(PARAGRAPH, limit=len(PARAGRAPH)) == [PARAGRAPH]


def test_split_pieces_cuts_after_blank_lines_and_joins_back_into_the_text() -> None:
    text = PARAGRAPH * 30
    pieces = split_pieces(text, limit=1000)
    assert "".join(pieces) == text
    assert all(len(p) <= 1000 for p in pieces)
    # Every cut falls at a paragraph end, so every piece is whole paragraphs.
    assert all(p.endswith("\n\n") and p.startswith("The junta") for p in pieces)


def test_split_pieces_cuts_at_a_sentence_end_in_a_text_without_paragraphs() -> None:
    text = "Soldiers patrolled the market. " * 100
    pieces = split_pieces(text, limit=500)
    assert "".join(pieces) == text
    assert all(p.endswith("market. ") for p in pieces)


def test_split_pieces_cuts_inside_a_blob_with_no_word_ends() -> None:
    text = "x" * 2500
    assert split_pieces(text, limit=1000) == ["x" * 1000, "x" * 1000, "x" * 500]


def test_parse_texts_yields_docs_in_input_order(resources: Resources) -> None:
    texts = [f"Troops arrived in town number {n}." for n in range(5)]
    assert [d.text for d in parse_texts(resources.nlp, texts, batch_size=2)] == texts


def test_a_long_text_is_one_doc_whose_offsets_index_the_whole_text(
    resources: Resources,
) -> None:
    text = PARAGRAPH * (PIECE_CHARS // len(PARAGRAPH) * 3) + "Mali recalled its ambassador."
    assert len(split_pieces(text)) > 2
    short = "Chad deployed troops."
    docs = list(parse_texts(resources.nlp, [short, text, short]))
    assert [d.text for d in docs] == [short, text, short]
    long_doc = docs[1]
    last = list(long_doc.sents)[-1]
    assert last.text == "Mali recalled its ambassador."
    assert text[last.start_char : last.end_char] == last.text
    mali = [e for e in long_doc.ents if e.text == "Mali"]
    assert [(e.start_char, e.label_) for e in mali] == [(len(text) - 29, "GPE")]


def test_each_paragraph_of_a_long_text_parses_as_it_does_alone(resources: Resources) -> None:
    text = PARAGRAPH * (2 * BATCH_CHARS // len(PARAGRAPH))
    (joined,) = parse_texts(resources.nlp, [text])
    alone = resources.nlp(PARAGRAPH)
    attrs = [TAG, DEP, ENT_IOB, ENT_TYPE, LEMMA]
    width = len(alone)
    for start in (0, len(joined) // 2 // width * width, len(joined) - width):
        window = joined[start : start + width]
        assert window.text == PARAGRAPH
        assert (window.as_doc().to_array(attrs) == alone.to_array(attrs)).all()
        assert [t.head.i - start for t in window] == [t.head.i for t in alone]

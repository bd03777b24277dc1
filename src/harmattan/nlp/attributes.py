"""The model's attribute rules (tag → part of speech, morphology, lemma exceptions), matched fast.

en_core_web_sm's `attribute_ruler` holds about 180 one- and two-token rules. spaCy
matches them with its general-purpose Matcher, which costs as much per article as
the dependency parser itself. The rules only test a token's TAG, LOWER, DEP and
IS_SPACE, so `AttributeRules` indexes them by tag and word and tests those four
values directly. The matches it finds are exactly the Matcher's, and they are
applied by the model's own `AttributeRuler.set_annotations`, so the annotations
are the same; tests/nlp/test_attributes.py compares both on real text.

A rule using anything else (another attribute, an operator such as "OP", another
predicate) is refused with `ModelError` when the pipeline is built, so that a new
model can never be matched differently without notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from harmattan.errors import ModelError
from harmattan.nlp.components import wrapped_component

# The token values a rule may test, in the column order of `Doc.to_array`.
_ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_COLUMNS = [TAG, LOWER, DEP, IS_SPACE]
# Word tests are the most selective, then tag tests; dependency and space tests last.
_PREFERRED = (1, 0)
FACTORY = "harmattan_attribute_rules"


class _Test(Enum):
    EQUAL = "equal"
    IN = "in"
    NOT_IN = "not in"
    REGEX = "regex"


@dataclass(frozen=True, slots=True)
class _Condition:
    """One test on one token value; strings are compared by their StringStore hash."""

    column: int
    test: _Test
    values: frozenset[int]
    pattern: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class _Rule:
    """One token pattern of the ruler: its rule number and one condition list per token."""

    number: int
    key: int
    tokens: tuple[tuple[_Condition, ...], ...]


@dataclass(frozen=True, slots=True)
class AttributeRules:
    """A pipeline component: the ruler's rules, applied through its own `set_annotations`."""

    ruler: AttributeRuler
    # Rules by one value their first token must have: (column, value hash) → rules.
    indexed: Mapping[tuple[int, int], tuple[_Rule, ...]]
    unindexed: tuple[_Rule, ...]

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> AttributeRules:
        """Compile the rules of a loaded AttributeRuler."""
        strings = ruler.vocab.strings
        indexed: dict[tuple[int, int], list[_Rule]] = {}
        unindexed: list[_Rule] = []
        for number, entry in enumerate(ruler.patterns):
            patterns = cast(list[list[dict[str, Any]]], entry["patterns"])
            for pattern in patterns:
                tokens = tuple(_conditions(token, strings, number) for token in pattern)
                rule = _Rule(number, strings.add(str(number)), tokens)
                # Filed under the first token's most selective value test; a token has one
                # value per column, so a rule filed under several values is found once.
                condition = _index_condition(tokens[0])
                if condition is None:
                    unindexed.append(rule)
                    continue
                for value in condition.values:
                    indexed.setdefault((condition.column, value), []).append(rule)
        return cls(
            ruler=ruler,
            indexed={key: tuple(rules) for key, rules in indexed.items()},
            unindexed=tuple(unindexed),
        )

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes of every rule that matches, later rules winning."""
        # spaCy leaves set_annotations unannotated; it takes exactly what `match` returns.
        self.ruler.set_annotations(doc, self.match(doc))  # type: ignore[no-untyped-call]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Annotate a stream of Docs (`batch_size` is accepted for spaCy's contract)."""
        for doc in docs:
            yield self(doc)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule number, rule key, start, end) of every match, in `AttributeRuler.match` order."""
        strings = doc.vocab.strings
        rows: list[list[int]] = doc.to_array(_COLUMNS).tolist()
        found: set[tuple[int, int, int, int]] = set()
        for i, row in enumerate(rows):
            for rules in (
                *(self.indexed.get((column, value), ()) for column, value in enumerate(row)),
                self.unindexed,
            ):
                for rule in rules:
                    end = i + len(rule.tokens)
                    if (
                        end <= len(rows)
                        and _accepts(rule.tokens[0], row, strings)
                        and all(
                            _accepts(conditions, rows[i + k], strings)
                            for k, conditions in enumerate(rule.tokens[1:], start=1)
                        )
                    ):
                        found.add((rule.number, rule.key, i, end))
        return sorted(found)


@Language.factory(FACTORY, default_config={"wraps": "attribute_ruler"})
def make_attribute_rules(nlp: Language, name: str, wraps: str) -> AttributeRules:
    """spaCy factory: compile the rules of the pipeline's AttributeRuler called `wraps`."""
    return AttributeRules.from_ruler(wrapped_component(nlp, wraps, AttributeRuler))


def _conditions(token: Mapping[str, Any], strings: Any, number: int) -> tuple[_Condition, ...]:
    conditions = []
    for attribute, value in token.items():
        if attribute not in _ATTRIBUTES:
            raise ModelError(
                f"attribute rule {number} tests {attribute!r}; harmattan's fast rule matcher "
                f"knows only {list(_ATTRIBUTES)}"
            )
        column = _ATTRIBUTES.index(attribute)
        conditions.append(_condition(column, value, strings, number))
    return tuple(conditions)


def _condition(column: int, value: Any, strings: Any, number: int) -> _Condition:
    if isinstance(value, bool) and _ATTRIBUTES[column] == "IS_SPACE":
        return _Condition(column, _Test.EQUAL, frozenset({int(value)}))
    if isinstance(value, str):
        return _Condition(column, _Test.EQUAL, frozenset({strings.add(value)}))
    if isinstance(value, dict) and len(value) == 1:
        ((operator, operand),) = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(operand, list):
            hashes = frozenset(strings.add(str(v)) for v in operand)
            return _Condition(column, _Test.IN if operator == "IN" else _Test.NOT_IN, hashes)
        if operator == "REGEX" and isinstance(operand, str):
            return _Condition(column, _Test.REGEX, frozenset(), re.compile(operand))
    raise ModelError(
        f"attribute rule {number} tests {_ATTRIBUTES[column]} with {value!r}; harmattan's fast "
        "rule matcher knows only strings, IN, NOT_IN and REGEX"
    )


def _index_condition(conditions: Sequence[_Condition]) -> _Condition | None:
    tests = [c for c in conditions if c.test in (_Test.EQUAL, _Test.IN)]
    return min(tests, key=lambda c: (c.column not in _PREFERRED, len(c.values)), default=None)


def _accepts(conditions: Sequence[_Condition], row: Sequence[int], strings: Any) -> bool:
    for condition in conditions:
        value = row[condition.column]
        if condition.test is _Test.EQUAL or condition.test is _Test.IN:
            if value not in condition.values:
                return False
        elif condition.test is _Test.NOT_IN:
            if value in condition.values:
                return False
        elif condition.pattern is None or not condition.pattern.search(strings[value]):
            return False
    return True

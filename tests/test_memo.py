"""The bounded memo: never more than its cap, and what it answers is what was put."""

from __future__ import annotations

import pytest

from harmattan.memo import BoundedMemo


@pytest.mark.parametrize("cap", [1, 2, 7, 64])
def test_bounded_memo_holds_at_most_cap_values(cap: int) -> None:
    memo: BoundedMemo[int, str] = BoundedMemo(cap)
    for key in range(10 * cap + 3):
        memo.put(key, str(key))
        assert 1 <= len(memo) <= cap
        assert memo.get(key) == str(key)


def test_bounded_memo_answers_right_after_a_reset() -> None:
    memo: BoundedMemo[str, int] = BoundedMemo(4)
    for key in ("a", "b", "c", "d"):
        memo.put(key, ord(key))
    memo.put("e", ord("e"))
    # Full, it forgot everything it held, and held the new value.
    assert [memo.get(key) for key in ("a", "b", "c", "d", "e")] == [None, None, None, None, 101]
    memo.put("a", 1)
    assert (memo.get("a"), memo.get("e"), len(memo)) == (1, 101, 2)


def test_bounded_memo_replaces_a_value_when_full_without_forgetting() -> None:
    memo: BoundedMemo[int, int] = BoundedMemo(3)
    for key in range(3):
        memo.put(key, key)
    memo.put(1, 10)
    assert [memo.get(key) for key in range(3)] == [0, 10, 2]


def test_bounded_memo_keeps_false_and_empty_values() -> None:
    memo: BoundedMemo[int, bool | tuple[int, ...]] = BoundedMemo(2)
    memo.put(1, False)
    memo.put(2, ())
    assert (memo.get(1), memo.get(2), memo.get(3)) == (False, (), None)


@pytest.mark.parametrize("cap", [0, -1])
def test_bounded_memo_refuses_a_cap_below_one(cap: int) -> None:
    with pytest.raises(ValueError, match="at least one"):
        BoundedMemo(cap)

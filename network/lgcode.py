"""全国地方公共団体コード: the six-digit local government code and its check digit."""
from __future__ import annotations

_WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(first_five: str) -> int:
    """The check digit for the first five digits.

    s = 6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5, r = s mod 11, check = (11 − r) mod 10,
    so r = 0 gives 1 and r = 1 gives 0.
    """
    if len(first_five) != 5 or not first_five.isascii() or not first_five.isdigit():
        raise ValueError(f"expected five digits, got {first_five!r}")
    r = sum(w * int(d) for w, d in zip(_WEIGHTS, first_five)) % 11
    return (11 - r) % 10


def with_check_digit(first_five: str) -> str:
    return f"{first_five}{check_digit(first_five)}"


def code_problem(code: str) -> str | None:
    """None when `code` is a well-formed code; otherwise what is wrong with it."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return f"{code!r} is not six digits (prefecture 2 + municipality 3 + check digit 1)"
    if not 1 <= int(code[:2]) <= 47:
        return f"{code} has prefecture {code[:2]}; prefecture codes run 01–47"
    expected = with_check_digit(code[:5])
    if code != expected:
        return f"{code} fails the check digit (expected {expected})"
    return None

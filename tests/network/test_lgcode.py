import pytest

from network.lgcode import check_digit, code_problem, with_check_digit


@pytest.mark.parametrize("code", ["131032", "131121", "131199", "131016", "131041", "131130", "011002",
                                  "011011", "010006", "130001", "011100"])
def test_known_codes_are_valid(code):
    assert code_problem(code) is None
    assert with_check_digit(code[:5]) == code


def test_remainder_zero_gives_one():
    # 札幌市中央区 011011: s = 0·6 + 1·5 + 1·4 + 0·3 + 1·2 = 11, r = 0 -> 1
    assert sum(w * int(d) for w, d in zip((6, 5, 4, 3, 2), "01101")) % 11 == 0
    assert check_digit("01101") == 1


def test_remainder_one_gives_zero():
    # 札幌市清田区 011100: s = 5 + 4 + 3 = 12, r = 1 -> 0
    assert sum(w * int(d) for w, d in zip((6, 5, 4, 3, 2), "01110")) % 11 == 1
    assert check_digit("01110") == 0


def test_every_remainder_maps_per_formula():
    seen = {}
    for n in range(0, 100000, 7):
        five = f"{n:05d}"
        r = sum(w * int(d) for w, d in zip((6, 5, 4, 3, 2), five)) % 11
        seen[r] = check_digit(five)
    assert seen == {r: (11 - r) % 10 for r in range(11)}


@pytest.mark.parametrize("code, fragment", [
    ("131033", "fails the check digit (expected 131032)"),
    ("13103", "not six digits"),
    ("13103x", "not six digits"),
    ("１３１０３２", "not six digits"),
    ("481002", "prefecture 48"),
    ("001003", "prefecture 00"),
])
def test_bad_codes(code, fragment):
    assert fragment in code_problem(code)


def test_check_digit_rejects_non_digits():
    with pytest.raises(ValueError):
        check_digit("1310a")

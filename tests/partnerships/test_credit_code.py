"""GB 32100-2015 check characters, computed here independently of the code."""

import pytest
from django.core.exceptions import ValidationError

from partnerships.credit_code import check_character, validate_credit_code

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def reference_check(first17: str) -> str:
    # Weights are 3**i mod 31; check value = 31 - (weighted sum mod 31), 31 -> 0.
    total = sum(ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return ALPHABET[(31 - total % 31) % 31]


@pytest.mark.parametrize(
    "first17",
    [
        "91110000600037341",
        "91210100MA0P4G6R3",
        "12100000400000060",
        "5221000050000000X",
        "Y1000000000000000",
    ],
)
def test_the_check_character_matches_the_standard(first17):
    assert check_character(first17) == reference_check(first17)
    validate_credit_code(first17 + reference_check(first17))


def test_a_wrong_check_character_is_refused():
    body = "91210100MA0P4G6R3"
    wrong = next(c for c in ALPHABET if c != reference_check(body))
    with pytest.raises(ValidationError, match="check character"):
        validate_credit_code(body + wrong)


@pytest.mark.parametrize("code", ["9121010", "91210100MA0P4G6R3OO", "91210100MA0P4G6RIO"])
def test_wrong_length_or_letters_are_refused(code):
    with pytest.raises(ValidationError):
        validate_credit_code(code)


def test_lower_case_is_accepted_and_normalised():
    body = "91210100ma0p4g6r3"
    validate_credit_code(body + reference_check(body.upper()).lower())

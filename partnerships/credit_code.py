"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters from a 31-character alphabet (digits and capitals without I, O,
S, V, Z). The last one is a check character: the first 17 are weighted by
3**i mod 31 and the check value is 31 minus their sum mod 31 (31 becomes 0).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(first17: str) -> str:
    """The check character that completes the 17 given characters."""
    if len(first17) != LENGTH - 1 or any(c not in ALPHABET for c in first17):
        raise ValueError("17 characters of the credit-code alphabet are needed")
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize(code: str) -> str:
    return code.strip().upper()


def validate_credit_code(value: str) -> None:
    code = normalize(value)
    if len(code) != LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."),
            code="credit_code_length",
            params={"n": len(code)},
        )
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        raise ValidationError(
            _("A unified social credit code cannot contain %(chars)s."),
            code="credit_code_charset",
            params={"chars": ", ".join(bad)},
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("The check character of this credit code is wrong (expected %(expected)s)."),
            code="credit_code_check",
            params={"expected": expected},
        )

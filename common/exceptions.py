"""The one exception a broken business rule raises."""

from __future__ import annotations


class RuleError(Exception):
    """A business rule refused a change.

    ``code`` is the stable rule code clients read (docs/rules.md lists them),
    ``field`` names the input the message belongs next to (None for the whole
    object) and ``status`` is the HTTP status the API answers with.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        field: str | None = None,
        status: int = 400,
        params: dict | None = None,
        article: str = "",
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.status = status
        self.params = params or {}
        self.article = article

    def as_dict(self) -> dict:
        key = self.field or "non_field_errors"
        body = {key: [str(self.message)], "code": self.code}
        if self.article:
            body["article"] = self.article
        return body

    def __str__(self) -> str:
        return str(self.message)

"""Whether this thread is writing rows back as they were (a restore).

A restore loads every row, its audit trail included, as it was. Receivers
that record changes ask ``restoring()`` and stay quiet inside
``restoring_rows()``. (Loading a fixture sets many-to-many links through the
ordinary ``set()``, whose signal carries no ``raw`` flag, so the flag alone
is not enough.)
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

_restoring: contextvars.ContextVar[bool] = contextvars.ContextVar("restoring", default=False)


@contextmanager
def restoring_rows():
    token = _restoring.set(True)
    try:
        yield
    finally:
        _restoring.reset(token)


def restoring() -> bool:
    return _restoring.get()

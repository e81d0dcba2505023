"""The channels a reminder may go out on besides e-mail, as a registry.

notifications knows no vendor: an app that talks to one (``campus``: WeCom,
DingTalk, a signed webhook) registers a ``Channel`` from its
``AppConfig.ready()``. When a reminder is claimed, every registered channel
that can reach the recipient (``addresses``) and that the recipient has not
switched off for that kind gets one ``ChannelDelivery`` row, unique per
(reminder delivery, channel): that row is what makes the message go out once
per channel, whatever the retries.

A channel's ``send`` either returns (delivered), raises ``ChannelRetry`` (the
vendor is busy, rate limited or unreachable: try again later, after
``retry_in`` seconds when the vendor said so) or raises ``ChannelRejected``
(the vendor refused this message for good: an unknown recipient, a bad
configuration). Any other exception counts as a retry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChannelMessage:
    """What a channel sends: already rendered in the recipient's language."""

    delivery_id: int  # the ChannelDelivery's id: the same on every attempt
    channel: str
    address: str  # the recipient's id on the channel
    user_id: int
    kind: str
    subject: str
    body: str
    url: str  # absolute, or ""


@dataclass(frozen=True)
class Channel:
    code: str
    label: Any
    # user ids -> the address of each user the channel can reach (others are left out)
    addresses: Callable[[Iterable[int]], dict[int, str]]
    send: Callable[[ChannelMessage], None]
    # Whether it is on for a kind the user has not chosen for.
    default_on: bool = True


class ChannelRetry(Exception):
    """A failure worth trying again: busy, rate limited, unreachable, garbage."""

    def __init__(self, message: str, retry_in: float | None = None):
        super().__init__(message)
        self.retry_in = retry_in


class ChannelRejected(Exception):
    """The vendor refused this message for good; retrying cannot help."""


REGISTRY: dict[str, Channel] = {}


def register(*channels: Channel) -> None:
    for channel in channels:
        REGISTRY[channel.code] = channel


def available() -> list[Channel]:
    return list(REGISTRY.values())

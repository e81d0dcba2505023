"""Linking a user's WeCom or DingTalk identity (every write of the app)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from campus.identity import number_of
from campus.models import ChannelIdentity
from common.exceptions import RuleError

__all__ = ["RuleError", "channel_configured", "identity_link", "identity_unlink"]

TEMPLATES = {
    ChannelIdentity.Channel.WECOM: "WECOM_USERID_TEMPLATE",
    ChannelIdentity.Channel.DINGTALK: "DINGTALK_USERID_TEMPLATE",
}


def channel_configured(channel: str) -> bool:
    if channel == ChannelIdentity.Channel.WECOM:
        return bool(settings.WECOM_CORP_ID and settings.WECOM_SECRET and settings.WECOM_AGENT_ID)
    if channel == ChannelIdentity.Channel.DINGTALK:
        return bool(
            settings.DINGTALK_APP_KEY
            and settings.DINGTALK_APP_SECRET
            and settings.DINGTALK_AGENT_ID
        )
    return False


def external_id_for(*, channel: str, number: str) -> str:
    return getattr(settings, TEMPLATES[channel]).format(number=number)[:64]


def _check_channel(channel: str) -> None:
    if channel not in ChannelIdentity.Channel.values:
        raise RuleError(
            "unknown_channel",
            _("Unknown channel: %(channel)s.") % {"channel": channel},
            field="channel",
        )


@transaction.atomic
def identity_link(*, user: User, channel: str) -> ChannelIdentity:
    """Link the user's id on the channel, made from their staff or student number."""
    _check_channel(channel)
    if not channel_configured(channel):
        raise RuleError(
            "channel_not_configured",
            _("This channel is not set up for the college."),
            field="channel",
        )
    number = number_of(user)
    if not number:
        raise RuleError(
            "channel_number_missing",
            _("Your account has no staff or student number to link with."),
            field="channel",
        )
    external_id = external_id_for(channel=channel, number=number)
    taken = ChannelIdentity.objects.filter(channel=channel, external_id=external_id)
    if taken.exclude(user=user).exists():
        raise RuleError(
            "channel_identity_taken",
            _("That identity is linked to another account."),
            field="channel",
        )
    try:
        with transaction.atomic():
            link, _created = ChannelIdentity.objects.update_or_create(
                user=user, channel=channel, defaults={"external_id": external_id}
            )
    except IntegrityError:
        raise RuleError(
            "channel_identity_taken",
            _("That identity is linked to another account."),
            field="channel",
        ) from None
    return link


@transaction.atomic
def identity_unlink(*, user: User, channel: str) -> int:
    _check_channel(channel)
    deleted, _rows = ChannelIdentity.objects.filter(user=user, channel=channel).delete()
    return deleted

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelIdentity(models.Model):
    """A user's id on a messaging channel (their WeCom or DingTalk userid).

    Made from the user's staff or student number by the channel's template,
    so a college that uses the numbers as userids links everyone at once.
    """

    class Channel(models.TextChoices):
        WECOM = "wecom", _("WeCom")
        DINGTALK = "dingtalk", _("DingTalk")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="channel_identities",
        verbose_name=_("user"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    external_id = models.CharField(_("id on the channel"), max_length=64)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        ordering = ["user", "channel"]
        verbose_name = _("channel identity")
        verbose_name_plural = _("channel identities")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "channel"], name="channel_identity_one_per_user"
            ),
            models.UniqueConstraint(
                fields=["channel", "external_id"], name="channel_identity_external_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.external_id}"


class CasSession(models.Model):
    """Which session a CAS service ticket opened, for the server's single sign-out."""

    ticket = models.CharField(_("service ticket"), max_length=255, unique=True)
    session_key = models.CharField(_("session key"), max_length=40, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("CAS session")
        verbose_name_plural = _("CAS sessions")

    def __str__(self) -> str:
        return self.ticket

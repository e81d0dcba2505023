"""Link the WeCom or DingTalk identity of every active user with a number at once."""

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from campus import services
from campus.models import ChannelIdentity


class Command(BaseCommand):
    help = "Link every user with a staff or student number to their WeCom or DingTalk id."

    def add_arguments(self, parser):
        parser.add_argument("--channel", required=True, choices=ChannelIdentity.Channel.values)

    def handle(self, *args, channel, **options):
        if not services.channel_configured(channel):
            raise CommandError(f"{channel} is not configured (see docs/operations.md)")
        linked = skipped = 0
        already = set(
            ChannelIdentity.objects.filter(channel=channel).values_list("user_id", flat=True)
        )
        for user in User.objects.filter(is_active=True).exclude(pk__in=already).iterator():
            try:
                services.identity_link(user=user, channel=channel)
                linked += 1
            except services.RuleError:
                skipped += 1  # no number (enterprise people), or the id is taken
        self.stdout.write(f"{linked} linked, {skipped} without a usable number")

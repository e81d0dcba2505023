import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import reminders, services


class Command(BaseCommand):
    help = (
        "Send the reminders due today (or on --date), exactly as the daily job does. "
        "Safe to run again: a reminder already sent is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--kind",
            action="append",
            choices=sorted(reminders.REGISTRY),
            help="only this kind (repeatable)",
        )

    def handle(self, *args, date=None, kind=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date {date!r} is not a YYYY-MM-DD date")
        claimed = services.reminders_send(today=today, kinds=kind)
        requeued = services.reminder_emails_requeue()
        for code, count in claimed.items():
            self.stdout.write(f"{code}: {count} sent")
        if requeued:
            self.stdout.write(f"e-mails queued again: {requeued}")
        self.stdout.write(self.style.SUCCESS(f"{sum(claimed.values())} reminders for {today}"))

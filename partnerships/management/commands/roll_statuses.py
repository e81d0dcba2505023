import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from partnerships import services


class Command(BaseCommand):
    help = (
        "Roll the statuses that change with the date (agreements past their end expire, "
        "pending annual reviews are created), exactly as the daily job does."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")

    def handle(self, *args, date=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date {date!r} is not a YYYY-MM-DD date")
        done = services.statuses_roll(today=today)
        for name, result in done.items():
            self.stdout.write(f"{name}: {result}")
        self.stdout.write(self.style.SUCCESS(f"statuses rolled for {today}"))

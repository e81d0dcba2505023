"""The daily jobs (and the 15-minute e-mail sweep) in the beat schedule kept in the database.

Administrators change the time (or switch a job off) under Periodic tasks in
the admin; beat picks the change up without a restart.
"""

from django.db import migrations

JOBS = [
    # Roll first, so the reminders see the reviews it creates.
    ("Roll statuses daily", "notifications.tasks.statuses_roll_task", "15"),
    ("Send reminders daily", "notifications.tasks.reminders_send_task", "30"),
]
# Reminder e-mails whose queueing failed (broker down) are queued again.
SWEEP = "Queue unsent reminder e-mails again"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    for name, task, minute in JOBS:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour="6",
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Shanghai",
        )
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "enabled": True}
        )
    every_15_minutes, _ = IntervalSchedule.objects.get_or_create(every=15, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=SWEEP,
        defaults={
            "task": "notifications.tasks.reminder_emails_requeue_task",
            "interval": every_15_minutes,
            "enabled": True,
        },
    )
    # Tell a running beat that the schedule changed.
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, _, _ in JOBS] + [SWEEP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_reminder_delivery_and_preferences"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]

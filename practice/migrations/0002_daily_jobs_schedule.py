"""The practice jobs in the beat schedule kept in the database.

The erasure of old check-in locations runs daily; the missed check-in
reminder runs again in the evening of each day (the morning run catches up
on the day before). Administrators change the times under Periodic tasks.
"""

import json

from django.db import migrations

ERASE = "Erase old check-in locations daily"
EVENING = "Remind students of a missed check-in in the evening"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")

    def crontab(hour, minute):
        return CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Shanghai",
        )[0]

    PeriodicTask.objects.get_or_create(
        name=ERASE,
        defaults={
            "task": "practice.tasks.checkin_locations_erase_task",
            "crontab": crontab("3", "45"),
            "enabled": True,
        },
    )
    PeriodicTask.objects.get_or_create(
        name=EVENING,
        defaults={
            "task": "notifications.tasks.reminder_kind_send_task",
            "kwargs": json.dumps({"kind": "checkin_missed"}),
            "crontab": crontab("18", "30"),
            "enabled": True,
        },
    )
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[ERASE, EVENING]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0001_checkins_journals_reports_grades"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]

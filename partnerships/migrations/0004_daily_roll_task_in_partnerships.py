"""The daily status roll's task moved from notifications to partnerships.

The beat schedule kept in the database names the task by its path; point the
existing *Roll statuses daily* entry (whatever time an administrator gave it)
at the new path.
"""

from django.db import migrations

OLD = "notifications.tasks.statuses_roll_task"
NEW = "partnerships.tasks.statuses_roll_task"


def _rename(apps, old: str, new: str) -> None:
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(task=old).update(task=new):
        # Tell a running beat that the schedule changed.
        from django.utils import timezone

        PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def forwards(apps, schema_editor):
    _rename(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _rename(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0003_agreement_status_start_index"),
        ("notifications", "0003_daily_jobs_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

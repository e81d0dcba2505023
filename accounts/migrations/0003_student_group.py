from django.db import migrations


def create_student_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="student")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(create_student_group, migrations.RunPython.noop)]

"""Restore a ``manage.py backup`` archive into this (migrated) database.

Everything in the database is replaced by the archive's data, in one
transaction: a failure leaves the database as it was. The audit trail is
restored as it was and records nothing of the load itself. Uploaded files are
written back through the storage backend.
"""

from __future__ import annotations

import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from common.loading import restoring_rows


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )

    def handle(self, *args, **options):
        path = Path(options["archive"])
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        if _holds_data() and not options["force"]:
            raise CommandError("The database is not empty; use --force to replace its data.")
        try:
            archive = tarfile.open(path, "r:gz")
        except (tarfile.TarError, OSError) as exc:
            raise CommandError(f"{path} is not a backup archive: {exc}") from exc
        with archive, tempfile.TemporaryDirectory() as tmp:
            try:
                data = archive.extractfile("data.json").read()
            except KeyError:
                raise CommandError(f"{path} has no data.json") from None
            json.loads(data)  # refuse a damaged archive before touching anything
            fixture = Path(tmp) / "data.json"
            fixture.write_bytes(data)
            with transaction.atomic(), restoring_rows():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(fixture), verbosity=0)
            files = 0
            for member in archive.getmembers():
                if member.isfile() and member.name.startswith("media/"):
                    name = member.name[len("media/") :]
                    if ".." in Path(name).parts:
                        continue
                    if default_storage.exists(name):
                        default_storage.delete(name)
                    default_storage.save(name, ContentFile(archive.extractfile(member).read()))
                    files += 1
        self.stdout.write(f"Restored {path} ({files} files)")


def _holds_data() -> bool:
    """A row in any of the project's own apps; migrate alone fills none of them."""
    base = Path(settings.BASE_DIR).resolve()
    return any(
        model._base_manager.exists()
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base
        for model in config.get_models()
    )

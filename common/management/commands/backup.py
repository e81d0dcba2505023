"""Dump the database and the uploaded files into one .tar.gz archive.

The data is Django's portable JSON (dumpdata with natural keys, times kept to
the microsecond, many-to-many links as rows of their own: ``common.backup_json``),
so a backup taken on PostgreSQL restores on PostgreSQL or SQLite; uploaded files
are read through the storage backend, so S3 buckets are included too. Restore with
``manage.py restore <archive>``. See docs/operations.md.
"""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

# Rebuilt by migrate (content types and permissions, referred to by natural
# key), set by the restore itself (the beat schedule's change marker, so a
# running beat reloads the restored schedule), or not worth keeping (sessions,
# sign-in attempts, the admin log). docs/operations.md names them.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "django_celery_beat.periodictasks",
]


def _excluded(model) -> bool:
    meta = model._meta
    return meta.app_label in EXCLUDED or meta.label_lower in EXCLUDED


def link_models() -> list:
    """The link tables Django creates for many-to-many fields of the backed-up models."""
    return [
        field.remote_field.through
        for model in apps.get_models()
        if not _excluded(model)
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]


def storage_files(path: str = ""):
    directories, files = default_storage.listdir(path)
    for name in files:
        yield f"{path}/{name}" if path else name
    for directory in directories:
        yield from storage_files(f"{path}/{directory}" if path else directory)


class Command(BaseCommand):
    help = "Back up the database and uploaded files into a .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=".", help="directory or file name of the archive")

    def handle(self, *args, **options):
        output = Path(options["output"])
        if output.is_dir() or not output.suffix:
            output.mkdir(parents=True, exist_ok=True)
            output = output / f"backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        data = io.StringIO()
        call_command(
            "dumpdata",
            format="backupjson",
            natural_foreign=True,
            exclude=EXCLUDED,
            stdout=data,
            verbosity=0,
        )
        objects = json.loads(data.getvalue())
        # The many-to-many links, after every row they link (common/backup_json.py).
        for through in link_models():
            rows = through._base_manager.order_by("pk")
            objects += json.loads(
                serializers.serialize("backupjson", rows, use_natural_foreign_keys=True)
            )
        payload = json.dumps(objects, ensure_ascii=False).encode()
        files = 0
        with tarfile.open(output, "w:gz") as archive:
            _add(archive, "data.json", payload)
            try:
                names = list(storage_files())
            except FileNotFoundError:
                names = []
            for name in names:
                with default_storage.open(name, "rb") as fh:
                    _add(archive, f"media/{name}", fh.read())
                files += 1
            manifest = {
                "created": timezone.now().isoformat(),
                "files": files,
                "objects": len(objects),
            }
            _add(archive, "manifest.json", json.dumps(manifest).encode())
        self.stdout.write(f"{output} ({manifest['objects']} objects, {files} files)")


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))

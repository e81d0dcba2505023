import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.partnerships.factories import EnterpriseContactFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db(transaction=True)

SKIPPED = {"contenttypes", "sessions", "admin", "axes"}


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in SKIPPED
        and model._meta.label != "auth.Permission"
        and not model._meta.proxy
    }


def test_a_backup_restores_into_an_empty_database_with_the_same_counts(tmp_path):
    enterprises = EnterpriseFactory.create_batch(3)
    EnterpriseContactFactory(enterprise=enterprises[0], is_primary=True)
    user = UserFactory(role="liaison", role__enterprise=enterprises[1])
    Notification.objects.create(recipient=user, kind="test", subject="你好")
    default_storage.save("agreements/scan.pdf", ContentFile(b"%PDF-1.4 signed"))
    before = counts()

    call_command("backup", output=str(tmp_path))
    archive = next(tmp_path.glob("backup-*.tar.gz"))

    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete("agreements/scan.pdf")
    assert counts()["partnerships.Enterprise"] == 0

    call_command("restore", str(archive))
    assert counts() == before
    with default_storage.open("agreements/scan.pdf") as fh:
        assert fh.read() == b"%PDF-1.4 signed"
    assert Notification.objects.get().subject == "你好"
    assert UserFactory._meta.model.objects.get(pk=user.pk).groups.get().name == "liaison"


def test_restore_refuses_to_overwrite_data_unless_forced(tmp_path):
    EnterpriseFactory()
    call_command("backup", output=str(tmp_path))
    archive = next(tmp_path.glob("backup-*.tar.gz"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(bogus))

"""The backup's data file: exact JSON, with many-to-many links as rows of their own.

Django writes a many-to-many field as a list inside the object and
``loaddata`` sets it again with ``set()``, so the rows of the link table
(``auth_user_groups``, a shared resource's contributors, ...) come back
under new ids. Here the field is left out of the object and the backup
writes the link table's rows as objects of their own, ids included
(``common/management/commands/backup.py``); ``loaddata`` reads them like
any other rows. Archives written by earlier versions still restore: their links are
inside the objects.
"""

from __future__ import annotations

from common.exact_json import Deserializer
from common.exact_json import Serializer as ExactSerializer

__all__ = ["Deserializer", "Serializer"]


class Serializer(ExactSerializer):
    def handle_m2m_field(self, obj, field):
        if field.remote_field.through._meta.auto_created:
            return  # written as rows of the link table
        super().handle_m2m_field(obj, field)

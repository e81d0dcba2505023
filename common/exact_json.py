"""Django's JSON serialisation, keeping times to the microsecond.

Django's own JSON encoder cuts datetimes and times to milliseconds (the
ECMAScript date format), so a ``dumpdata`` in the ``json`` format quietly
changes every timestamp it writes. Backups use this format instead
(``SERIALIZATION_MODULES["exactjson"]``); the files it writes are ordinary
Django JSON fixtures, read back by ``loaddata`` like any ``.json`` file.
"""

from __future__ import annotations

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.utils.timezone import is_aware

__all__ = ["Deserializer", "ExactJSONEncoder", "Serializer"]


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without the cut to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            if is_aware(o):
                raise ValueError("JSON can't represent timezone-aware times.")
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = self.options.get("cls", ExactJSONEncoder)

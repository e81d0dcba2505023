"""Downloads of stored files (agreement documents, report files).

A record can outlive its file: a restore without the media folder, a bucket
cleaned by hand, an interrupted upload. Such a download is a 404 with a
message that says so (the API adds ``"code": "file_missing"``) and a warning
in the log naming the record, never a server error.
"""

from __future__ import annotations

import logging

from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# The OpenAPI description of a download's 404, for the views' extend_schema.
FILE_MISSING_DESCRIPTION = (
    'Not visible to the caller (`{"detail"}`), or its stored file is gone: '
    '`{"detail": "<message>", "code": "file_missing"}`.'
)


class StoredFileMissing(Exception):
    """The storage no longer holds the file a record names.

    The API's exception handler answers 404 with the message and the code
    ``file_missing``; ``common.middleware.StoredFileMissingMiddleware`` renders
    the 404 page with the message.
    """

    code = "file_missing"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def stored_file_response(
    field_file: FieldFile, *, filename: str, content_type: str, missing_message: str = ""
) -> FileResponse:
    """The stored file as an attachment; StoredFileMissing when it is gone."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        instance = field_file.instance
        logger.warning(
            "stored file missing: %s named by %s %s",
            field_file.name,
            instance._meta.label,
            instance.pk,
        )
        raise StoredFileMissing(
            missing_message
            or _("The file is no longer in storage. Ask an administrator to upload it again.")
        ) from exc
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)

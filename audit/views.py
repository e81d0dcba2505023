import csv
import re

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Role
from audit.selectors import audit_event_visible_to
from common.pages import role_required
from common.spreadsheet import safe_row

# "app_label.model" and a primary key, as the trail stores them.
OBJECT_TYPE = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")
OBJECT_ID = re.compile(r"[0-9A-Za-z-]{1,40}")

COLUMNS = [
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "object",
    "changes",
    "source",
    "path",
    "request_id",
    "ip_address",
]


@role_required(Role.ADMINISTRATOR)
def audit_export(request):
    """The audit trail as CSV, optionally for one object type and id."""
    events = audit_event_visible_to(request.user)
    object_type = request.GET.get("object_type", "")
    object_id = request.GET.get("object_id", "")
    if object_type and not OBJECT_TYPE.fullmatch(object_type):
        return HttpResponseBadRequest(_("Unknown object type."), content_type="text/plain")
    if object_id and not OBJECT_ID.fullmatch(object_id):
        return HttpResponseBadRequest(_("Malformed object id."), content_type="text/plain")
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    response.write("\ufeff")  # BOM, so Excel reads Chinese text
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for event in events.iterator(chunk_size=2000):
        # Object names, changed values and request ids come from users and
        # clients: never let a spreadsheet run them as formulas.
        writer.writerow(
            safe_row(
                [
                    timezone.localtime(event.at).isoformat(),
                    event.actor.username if event.actor else "",
                    event.action,
                    event.object_type,
                    event.object_id,
                    event.object_repr,
                    event.changes,
                    event.source,
                    event.path,
                    event.request_id,
                    event.ip_address or "",
                ]
            )
        )
    return response

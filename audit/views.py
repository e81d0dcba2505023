import csv

from django.http import HttpResponse
from django.utils import timezone

from accounts.access import Role
from audit.selectors import audit_event_visible_to
from common.pages import role_required
from common.spreadsheet import safe_row

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
    if request.GET.get("object_type"):
        events = events.filter(object_type=request.GET["object_type"])
    if request.GET.get("object_id"):
        events = events.filter(object_id=request.GET["object_id"])
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

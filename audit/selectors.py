from django.db.models import QuerySet

from accounts.access import is_administrator
from audit.models import AuditEvent


def audit_events_for(obj) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


def audit_event_visible_to(user) -> QuerySet[AuditEvent]:
    """Only administrators read the audit trail across objects."""
    if not is_administrator(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.select_related("actor")

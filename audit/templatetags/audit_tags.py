from django import template

from audit.selectors import audit_events_for

register = template.Library()


@register.inclusion_tag("audit/history.html", takes_context=True)
def audit_history(context, obj, limit=50):
    """The change history of ``obj`` (administrators only), newest first."""
    show = context.get("is_administrator", False)
    events = list(audit_events_for(obj)[:limit]) if show else []
    return {"events": events, "show": show, "obj": obj, "object_type": obj._meta.label_lower}

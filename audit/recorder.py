"""Records every change to the audited models, however it is made.

Saves and deletes (services, the admin, forms) are caught with model signals;
``queryset.update()`` and ``bulk_create()`` with ``AuditedQuerySet``, which the
audited models' managers use. Only the fields that changed are stored.
"""

from __future__ import annotations

import datetime
import decimal
import uuid

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from audit.context import current
from common.loading import restoring

IGNORED_FIELDS = {"created_at", "updated_at"}


def audited_labels() -> set[str]:
    return {label.lower() for label in settings.AUDITED_MODELS}


def is_audited(model) -> bool:
    return model._meta.label_lower in audited_labels()


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _fields(model) -> list[models.Field]:
    return [
        f for f in model._meta.concrete_fields if f.name not in IGNORED_FIELDS and not f.primary_key
    ]


def snapshot(instance) -> dict:
    return {f.attname: _plain(getattr(instance, f.attname)) for f in _fields(type(instance))}


def _event(model, pk, action: str, changes: dict, repr_text: str = ""):
    from audit.models import AuditEvent

    context = current()
    return AuditEvent(
        actor=context.user if context else None,
        action=action,
        object_type=model._meta.label_lower,
        object_id=str(pk),
        object_repr=repr_text[:200],
        changes=changes,
        request_id=context.request_id if context else "",
        source=context.source if context else "script",
        path=context.path if context else "",
        ip_address=context.ip_address if context else None,
    )


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or restoring() or instance._state.adding or instance.pk is None:
        instance._audit_before = None
        return
    attnames = [f.attname for f in _fields(sender)]
    instance._audit_before = sender._base_manager.filter(pk=instance.pk).values(*attnames).first()


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw or restoring():
        return
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        changes = {k: [None, v] for k, v in after.items() if v not in (None, "")}
        action = "create"
    else:
        before = {k: _plain(v) for k, v in before.items()}
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        action = "update"
        if not changes:
            return
    _event(sender, instance.pk, action, changes, str(instance)).save()


def _post_delete(sender, instance, **kwargs):
    if restoring():
        return
    _event(sender, instance.pk, "delete", {}, str(instance)).save()


def _m2m_changed(sender, instance, action, model, pk_set, **kwargs):
    if (
        action not in ("post_add", "post_remove", "post_clear")
        or isinstance(instance, type)
        or restoring()
    ):
        return
    field_name = next(
        (f.name for f in type(instance)._meta.many_to_many if f.remote_field.through is sender),
        sender._meta.model_name,
    )
    change = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    _event(
        type(instance),
        instance.pk,
        "update",
        {field_name: {change: sorted(pk_set or [])}},
        str(instance),
    ).save()


class AuditedQuerySet(models.QuerySet):
    """update() and bulk_create() that leave an audit event per row they touch."""

    def update(self, **kwargs):
        if not is_audited(self.model) or restoring():
            return super().update(**kwargs)
        from audit.models import AuditEvent

        attnames = [self.model._meta.get_field(name).attname for name in kwargs]
        before = {row["pk"]: row for row in self.values("pk", *attnames)}
        count = super().update(**kwargs)
        if before:
            after = self.model._base_manager.filter(pk__in=before).values("pk", *attnames)
            events = []
            for row in after:
                old = before[row["pk"]]
                changes = {
                    a: [_plain(old[a]), _plain(row[a])] for a in attnames if old[a] != row[a]
                }
                if changes:
                    events.append(_event(self.model, row["pk"], "update", changes))
            AuditEvent.objects.bulk_create(events)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if is_audited(self.model) and not restoring():
            from audit.models import AuditEvent

            AuditEvent.objects.bulk_create(
                [
                    _event(self.model, obj.pk, "create", snapshot(obj), str(obj))
                    for obj in created
                    if obj.pk is not None
                ]
            )
        return created


def connect() -> None:
    for label in settings.AUDITED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue  # that area is not installed
        uid = f"audit:{label}"
        pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + ":pre")
        post_save.connect(_post_save, sender=model, dispatch_uid=uid + ":post")
        post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + ":delete")
        for m2m in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_changed, sender=m2m.remote_field.through, dispatch_uid=f"{uid}:{m2m.name}"
            )

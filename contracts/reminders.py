"""Agreements waiting for a party's signature (registered in apps.py).

An agreement whose current version has waited ``CONTRACTS_SIGNATURE_REMINDER_DAYS``
(3) days for the next party reminds that party: the student (also for the
guardian, who signs on the student's device or on paper), the enterprise's
liaisons, or the administrators for the college. The stage names the party and
the version, so each party is reminded once per version.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.access import Role
from accounts.selectors import administrators, users_with_role
from contracts.models import AgreementVersion, InternshipAgreement, Party, Signature
from notifications.reminders import Due, ReminderKind, is_active, url_for


def find_awaiting_signature(today: dt.date) -> Iterator[Due]:
    waited = timezone.make_aware(dt.datetime.combine(today, dt.time.max)) - dt.timedelta(
        days=settings.CONTRACTS_SIGNATURE_REMINDER_DAYS
    )
    agreements = list(
        InternshipAgreement.objects.filter(status=InternshipAgreement.Status.SIGNING)
        .annotate(version_no=Max("versions__number"))
        .select_related("placement__student__user", "placement__enterprise")
        .order_by("pk")
    )
    if not agreements:
        return
    versions = {}
    for agreement_id, number, version_id, created in AgreementVersion.objects.filter(
        agreement__in=[a.pk for a in agreements]
    ).values_list("agreement_id", "number", "pk", "created_at"):
        versions.setdefault(agreement_id, {})[number] = (version_id, created)
    current = {a.pk: versions.get(a.pk, {}).get(a.version_no) for a in agreements}
    signed = defaultdict(list)
    for agreement_id, version_id, party, at in Signature.objects.filter(
        version_id__in=[v[0] for v in current.values() if v]
    ).values_list("agreement_id", "version_id", "party", "signed_at"):
        signed[agreement_id, version_id].append((party, at))
    liaisons = defaultdict(list)
    for user in (
        users_with_role(Role.LIAISON)
        .filter(profile__enterprise_id__in={a.placement.enterprise_id for a in agreements})
        .select_related("profile")
        .order_by("pk")
    ):
        liaisons[user.profile.enterprise_id].append(user)
    admins = None
    for agreement in agreements:
        version = current.get(agreement.pk)
        if version is None:
            continue
        version_id, created = version
        rows = signed.get((agreement.pk, version_id), [])
        done = {party for party, _at in rows}
        waiting_for = next((p for p in agreement.parties if p not in done), None)
        since = max([created, *[at for _party, at in rows]])
        if waiting_for is None or since > waited:
            continue
        if waiting_for in (Party.STUDENT, Party.GUARDIAN):
            user = agreement.placement.student.user
            recipients = [user] if is_active(user) else []
        elif waiting_for == Party.ENTERPRISE:
            recipients = liaisons.get(agreement.placement.enterprise_id, [])
        else:
            if admins is None:
                admins = list(administrators().order_by("pk"))
            recipients = admins
        label = f"{agreement.number} {agreement.placement.student.name}"
        subject = format_lazy(_("Waiting for your signature: {agreement}"), agreement=label)
        body = format_lazy(
            _("{agreement} has waited since {since} for the {party}'s signature."),
            agreement=label,
            since=timezone.localtime(since).date().isoformat(),
            party=Party(waiting_for).label,
        )
        url = url_for("contracts:agreement-detail", agreement.pk)
        stage = f"{waiting_for}-v{agreement.version_no}"
        for user in recipients:
            yield Due(user, agreement, stage, subject, body, url)


KINDS = [
    ReminderKind(
        "agreement_awaiting_signature",
        _("Internship agreement waiting for a signature"),
        InternshipAgreement,
        find_awaiting_signature,
    ),
]

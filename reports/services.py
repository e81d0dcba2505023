"""Every write to a report: request it, generate it, purge old files."""

from __future__ import annotations

import logging
import tempfile
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.files import File
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.exceptions import RuleError
from reports import selectors
from reports.models import Report
from reports.writers import WRITERS

logger = logging.getLogger(__name__)


@transaction.atomic
def report_request(
    *,
    user,
    kind: str,
    year: int,
    format: str,
    subject: int | None = None,
    language: str | None = None,
    academic: bool = False,
    layout: str = "",
) -> Report:
    """Queue a report; the file is written by ``report_generate`` in the background.

    ``academic``: ``year`` is an academic year (its first calendar year). The
    official filings take only the formats ``Report.FILING_FORMATS`` lists;
    the 产学合作 table is always of an academic year.
    """
    subject_name = ""
    allowed = Report.FILING_FORMATS.get(kind)
    if allowed is None and format in (Report.Format.DOCX, Report.Format.PDF):
        allowed = (Report.Format.JSON, Report.Format.CSV, Report.Format.XLSX)
    if allowed is not None and format not in allowed:
        raise RuleError(
            "format_not_available",
            _("This report is not available in that format; choose one of: %(formats)s.")
            % {"formats": ", ".join(allowed)},
            field="format",
        )
    if kind not in Report.FILING_FORMATS:
        # The annual, major, enterprise and group reports read the annual
        # reviews, which are kept per calendar year.
        academic = False
    if kind == Report.Kind.COOPERATION_TABLE:
        academic = True
        layout = layout or Report.Layout.STANDARD
    else:
        layout = ""
    if kind in Report.SUBJECT_KINDS:
        if subject is None:
            raise RuleError(
                "subject_required",
                _("Choose the major, enterprise or group the report is about."),
                field="subject",
            )
        found = selectors.report_subject_get(user=user, kind=kind, subject_id=subject)
        if found is None:
            raise RuleError("subject_not_found", _("No such record."), field="subject")
        subject_name = str(found)[:200]
    else:
        subject = None
    report = Report.objects.create(
        kind=kind,
        year=year,
        format=format,
        subject_id=subject,
        subject_name=subject_name,
        academic=academic,
        layout=layout,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        requested_by=user,
    )
    transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def _enqueue(report_id: int) -> bool:
    """Queue the generation; True when the broker took it.

    A broker that is down leaves the report queued: ``report_requeue_stale``
    (every few minutes, from beat) queues it again once the broker is back.
    """
    from reports.tasks import report_generate_task

    try:
        report_generate_task.delay(report_id)
    except Exception:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise  # eager: the task itself failed, and report_generate recorded why
        logger.warning("report %s could not be queued; it will be queued again", report_id)
        return False
    return True


def report_requeue_stale(*, older_than_seconds: int | None = None) -> int:
    """The sweep: queue again the reports nobody is producing; returns how many.

    Two kinds: reports still waiting after a while (the broker was down when
    they were requested), and reports whose claim has expired, that is whose
    worker died (or was killed at the task time limit) while producing them.
    A report whose workers stopped ``REPORT_MAX_ATTEMPTS`` times is marked
    failed instead, saying so. Generating claims the report with a
    conditional update, so a report queued twice is still written once.
    """
    seconds = settings.REPORT_REQUEUE_SECONDS if older_than_seconds is None else older_than_seconds
    now = timezone.now()
    _fail_abandoned(Report.objects.all())
    waiting = Report.objects.filter(
        Q(status=Report.Status.QUEUED, created_at__lt=now - timedelta(seconds=seconds))
        | _claim_expired(now)
    )
    return sum(_enqueue(pk) for pk in waiting.values_list("pk", flat=True)[:500])


def _claim_expired(now) -> Q:
    """Running, but claimed longer ago than the task time limit and with attempts left.

    Celery stops a task at ``CELERY_TASK_TIME_LIMIT``, so a worker still
    producing the report cannot hold a claim that old: it has died.
    """
    return Q(
        status=Report.Status.RUNNING,
        started_at__lt=now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT),
        attempts__lt=settings.REPORT_MAX_ATTEMPTS,
    )


def _fail_abandoned(reports) -> int:
    """Mark failed the reports whose worker stopped at each of the allowed attempts."""
    cutoff = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    abandoned = reports.filter(
        status=Report.Status.RUNNING,
        started_at__lt=cutoff,
        attempts__gte=settings.REPORT_MAX_ATTEMPTS,
    )
    failed = 0
    for report in abandoned.only("pk", "attempts", "started_at", "language"):
        with translation.override(report.language or settings.LANGUAGE_CODE):
            reason = ngettext(
                "the worker stopped %(count)d time while producing this report",
                "the worker stopped %(count)d times while producing this report",
                report.attempts,
            ) % {"count": report.attempts}
            error = _("The report could not be generated: %(reason)s") % {"reason": reason}
        # Conditional on the claim it saw, so a report claimed meanwhile is left alone.
        failed += Report.objects.filter(
            pk=report.pk, status=Report.Status.RUNNING, started_at=report.started_at
        ).update(status=Report.Status.FAILED, error=error, finished_at=timezone.now())
    return failed


def _claim(report_id: int) -> bool:
    """Move the report to running; True for the one caller that did.

    A conditional update, so a task delivered twice (acks_late, two workers,
    the sweep) generates the report once. A queued report is claimed, and so
    is a running one whose claim has expired (its worker died); each claim
    counts an attempt.
    """
    now = timezone.now()
    return bool(
        Report.objects.filter(pk=report_id)
        .filter(Q(status=Report.Status.QUEUED) | _claim_expired(now))
        .update(status=Report.Status.RUNNING, started_at=now, attempts=F("attempts") + 1)
    )


def report_generate(*, report_id: int) -> Report | None:
    """Build the report's rows, write its file and mark it done (or failed, saying why).

    Not one transaction: building a large report takes a while and must not
    hold locks; the claim and the final status are each a single update.
    """
    if not _claim(report_id):
        # Done, being produced, or abandoned for good (then say so now).
        _fail_abandoned(Report.objects.filter(pk=report_id))
        return None
    report = Report.objects.select_related("requested_by").get(pk=report_id)
    with translation.override(report.language or settings.LANGUAGE_CODE):
        try:
            from reports.documents import build_document

            document = build_document(report)
            with tempfile.TemporaryFile() as handle:
                WRITERS[report.format](document, handle)
                handle.seek(0)
                report.file.save(report.filename, File(handle), save=False)
        except Exception as exc:
            logger.exception("report %s failed", report_id)
            if isinstance(exc, ObjectDoesNotExist):
                reason = _("the major, enterprise or group no longer exists")
            elif isinstance(exc, SoftTimeLimitExceeded):
                reason = _("it took longer than the time limit of %(seconds)d seconds") % {
                    "seconds": settings.CELERY_TASK_SOFT_TIME_LIMIT
                }
            else:
                reason = str(exc) or type(exc).__name__
            Report.objects.filter(pk=report_id).update(
                status=Report.Status.FAILED,
                error=_("The report could not be generated: %(reason)s") % {"reason": reason},
                finished_at=timezone.now(),
            )
        else:
            Report.objects.filter(pk=report_id).update(
                status=Report.Status.DONE,
                file=report.file.name,
                error="",
                finished_at=timezone.now(),
            )
    report.refresh_from_db()
    return report


def report_purge(*, older_than_days: int | None = None) -> int:
    """Delete the files (and rows) of reports finished more than the retention time ago."""
    days = settings.REPORT_RETENTION_DAYS if older_than_days is None else older_than_days
    cutoff = timezone.now() - timedelta(days=days)
    removed = 0
    for report in Report.objects.filter(
        status__in=[Report.Status.DONE, Report.Status.FAILED], finished_at__lt=cutoff
    ).iterator():
        if report.file:
            report.file.delete(save=False)
        report.delete()
        removed += 1
    return removed

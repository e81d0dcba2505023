from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import Role
from common.exceptions import RuleError
from common.pages import apply_rule_error, paginate, role_required
from reports import selectors, services
from reports.api.throttles import ReportRequestThrottle
from reports.forms import ReportRequestForm


@role_required(Role.ADMINISTRATOR)
def index(request):
    """Request a report and follow one's own reports until they can be downloaded."""
    form = ReportRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # The same per-user limit as the API, so the page is no way around it.
        throttle = ReportRequestThrottle()
        if not throttle.allow_request(request, None):
            minutes = max(1, round((throttle.wait() or 60) / 60))
            form.add_error(
                None,
                _("Too many report requests; try again in %(minutes)d minutes.")
                % {"minutes": minutes},
            )
            status = 429
        else:
            data = form.cleaned_data
            try:
                services.report_request(
                    user=request.user,
                    kind=data["kind"],
                    year=data["year"],
                    format=data["format"],
                    subject=data["subject_id"],
                )
            except RuleError as error:
                apply_rule_error(form, error)
            else:
                messages.success(request, _("The report was queued; it appears below when ready."))
                return redirect("reports:index")
    reports = selectors.report_visible_to(request.user).filter(requested_by=request.user)
    page = paginate(request, reports)
    pending = any(report.is_pending for report in page)
    return render(
        request,
        "reports/report_list.html",
        {"form": form, "page": page, "pending": pending},
        status=status,
    )

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import StyledFormMixin
from common.pages import filter_list, paginate
from notifications import channels, reminders, selectors, services
from notifications.api.filters import NotificationFilter


@login_required
def notification_list(request):
    _form, queryset = filter_list(
        request, NotificationFilter, selectors.notification_visible_to(request.user)
    )
    unread_only = request.GET.get("read") == "false"
    page = paginate(request, queryset)
    labels = {code: spec.label for code, spec in reminders.REGISTRY.items()}
    for notification in page:
        notification.kind_label = labels.get(notification.kind, "")
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread_only": unread_only},
    )


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(selectors.notification_visible_to(request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    if request.POST.get("stay") or not notification.url:
        return redirect(_back(request))
    return redirect(notification.url)


@login_required
@require_POST
def notification_read_all(request):
    marked = services.notification_mark_all_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": marked})
    return redirect(_back(request))


def _back(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notifications:list"


class PreferencesForm(StyledFormMixin, forms.Form):
    """One e-mail box per kind and, for reminders, one box per channel that reaches the user."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {c.code: c.label for c in channels.available()}
        for item in items:
            self.fields[item["kind"]] = forms.BooleanField(
                label=item["label"], required=False, initial=item["email"]
            )
            for code, enabled in item["channels"].items():
                self.fields[f"{item['kind']}__{code}"] = forms.BooleanField(
                    label=_("%(kind)s: by %(channel)s")
                    % {"kind": item["label"], "channel": labels.get(code, code)},
                    required=False,
                    initial=enabled,
                )


@login_required
def notification_preferences(request):
    items = selectors.notification_preferences_of(request.user)
    form = PreferencesForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        for item in items:
            wanted = form.cleaned_data[item["kind"]]
            changed = {
                code: form.cleaned_data[f"{item['kind']}__{code}"]
                for code, enabled in item["channels"].items()
                if form.cleaned_data[f"{item['kind']}__{code}"] != enabled
            }
            if wanted != item["email"] or changed:
                services.notification_preferences_set(
                    user=request.user,
                    kind=item["kind"],
                    email=wanted if wanted != item["email"] else None,
                    channels=changed,
                )
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/notification_preferences.html", {"form": form})

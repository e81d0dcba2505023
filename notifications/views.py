from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.pages import paginate
from notifications import selectors, services


@login_required
def notification_list(request):
    queryset = selectors.notification_visible_to(request.user)
    if request.GET.get("unread"):
        queryset = queryset.unread()
    return render(
        request, "notifications/notification_list.html", {"page": paginate(request, queryset)}
    )


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(selectors.notification_visible_to(request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    return redirect(notification.url or "notifications:list")

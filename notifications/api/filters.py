import django_filters

from common.filters import FilterSet, SearchFilter
from notifications.models import Notification


class NotificationFilter(FilterSet):
    search = SearchFilter(fields=("subject",))
    # read=false: the unread ones, the page's "Unread" tab and the bell's link.
    read = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Notification
        fields = ["kind", "read"]

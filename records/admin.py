from django.contrib import admin

from records.kinds import KINDS
from records.models import FigureCorrection

for _kind in KINDS.values():
    admin.site.register(
        _kind.model,
        type(
            _kind.model.__name__ + "Admin",
            (admin.ModelAdmin,),
            {
                "list_display": ("__str__", *[f for f in _kind.list_columns() if f != "students"]),
                "search_fields": _kind.search,
                "list_select_related": _kind.related,
                "raw_id_fields": [
                    name for name in _kind.fields if _kind.model._meta.get_field(name).is_relation
                ],
            },
        ),
    )


@admin.register(FigureCorrection)
class FigureCorrectionAdmin(admin.ModelAdmin):
    list_display = ("review", "figure", "value", "reason", "created_by")
    raw_id_fields = ("review",)

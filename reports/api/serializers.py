from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.api import ModelSerializer
from reports.models import YEAR_MAX, YEAR_MIN, Report
from reports.periods import academic_name, current_academic_year, parse_academic_year

# Every academic year a report may cover, as the API spells it ("2025-2026").
ACADEMIC_YEARS = [academic_name(year) for year in range(YEAR_MIN, YEAR_MAX)]


def _refuse_blank(data, names) -> None:
    """A query parameter given empty is refused, not taken as absent."""
    errors = {
        name: [_("This field may not be blank.")]
        for name in names
        if hasattr(data, "get") and name in data and data.get(name) in ("", None)
    }
    if errors:
        raise serializers.ValidationError(errors)


class ReportRequestInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Report.Kind.choices)
    year = serializers.IntegerField(
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        required=False,
        help_text=_(
            "The calendar year (this year when neither it nor `academic_year` is given); "
            "for the cooperation table, the academic year's first year."
        ),
    )
    academic_year = serializers.ChoiceField(
        choices=ACADEMIC_YEARS,
        required=False,
        help_text=_('An academic year, "2025-2026" (1 September to 31 August), instead of `year`.'),
    )
    layout = serializers.ChoiceField(
        choices=Report.Layout.choices,
        required=False,
        help_text=_("The cooperation table's layout (standard by default)."),
    )
    enterprise = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("The enterprise of an enterprise annual report (or give `subject`)."),
    )
    format = serializers.ChoiceField(choices=Report.Format.choices)
    subject = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_(
            "The id of the major, enterprise or group; required for those kinds, "
            "ignored for the annual report."
        ),
    )

    def to_internal_value(self, data):
        _refuse_blank(data, ("year", "academic_year", "layout", "enterprise"))
        return super().to_internal_value(data)

    def validate(self, attrs):
        text = attrs.pop("academic_year", None)
        attrs["academic"] = False
        if text is not None:
            if attrs.get("kind") not in Report.FILING_FORMATS:
                # The review-based reports are of calendar years: say so
                # rather than quietly answer for another period.
                raise serializers.ValidationError(
                    {
                        "academic_year": _(
                            "Only the official filings take an academic year; "
                            "give `year` for this report."
                        )
                    }
                )
            first = parse_academic_year(text)
            if first is None or not YEAR_MIN <= first <= YEAR_MAX:
                raise serializers.ValidationError(
                    {"academic_year": _('Give two consecutive years, such as "2025-2026".')}
                )
            attrs["year"], attrs["academic"] = first, True
        elif attrs.get("kind") == Report.Kind.COOPERATION_TABLE:
            # Filed for an academic year: a plain year names its first year.
            attrs["academic"] = True
            attrs.setdefault("year", current_academic_year())
        attrs.setdefault("year", timezone.localdate().year)
        enterprise = attrs.pop("enterprise", None)
        if enterprise is not None and attrs.get("subject") is None:
            attrs["subject"] = enterprise
        attrs["layout"] = attrs.get("layout") or ""
        return attrs


class ReportCreatedSerializer(ModelSerializer):
    class Meta:
        model = Report
        fields = ["id", "status"]
        read_only_fields = fields


class ReportSerializer(ModelSerializer):
    subject = serializers.IntegerField(source="subject_id", read_only=True, allow_null=True)
    download_url = serializers.SerializerMethodField()
    academic_year = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "year",
            "academic_year",
            "layout",
            "format",
            "subject",
            "subject_name",
            "status",
            "download_url",
            "error",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_academic_year(self, report: Report) -> str | None:
        return academic_name(report.year) if report.academic else None

    def get_download_url(self, report: Report) -> str | None:
        if report.status != Report.Status.DONE:
            return None
        url = reverse("api:report-download", kwargs={"pk": report.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class SummaryQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX, required=False)
    academic_year = serializers.ChoiceField(
        choices=ACADEMIC_YEARS,
        required=False,
        help_text=_('An academic year, "2025-2026", instead of `year`.'),
    )

    def to_internal_value(self, data):
        _refuse_blank(data, ("year", "academic_year"))
        return super().to_internal_value(data)

    def validate(self, attrs):
        text = attrs.pop("academic_year", None)
        attrs["academic"] = False
        if text is not None:
            first = parse_academic_year(text)
            if first is None or not YEAR_MIN <= first <= YEAR_MAX:
                raise serializers.ValidationError(
                    {"academic_year": _('Give two consecutive years, such as "2025-2026".')}
                )
            attrs["year"], attrs["academic"] = first, True
        attrs.setdefault("year", timezone.localdate().year)
        return attrs

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.api import ModelSerializer
from reports.models import YEAR_MAX, YEAR_MIN, Report


class ReportRequestInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Report.Kind.choices)
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
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


class ReportCreatedSerializer(ModelSerializer):
    class Meta:
        model = Report
        fields = ["id", "status"]
        read_only_fields = fields


class ReportSerializer(ModelSerializer):
    subject = serializers.IntegerField(source="subject_id", read_only=True, allow_null=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "year",
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

    def get_download_url(self, report: Report) -> str | None:
        if report.status != Report.Status.DONE:
            return None
        url = reverse("api:report-download", kwargs={"pk": report.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class SummaryQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)

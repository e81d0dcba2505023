"""One serializer per record type, built from its ``Kind``."""

from __future__ import annotations

from rest_framework import serializers

from common.api import ModelSerializer, WholeIdField
from partnerships.models import FIGURE_FIELDS
from records.kinds import KINDS, Kind
from records.models import FigureCorrection, TrainingBase


def _serializer_for(kind: Kind) -> type[ModelSerializer]:
    attrs: dict = {}
    extra: dict = {}
    for name in kind.fields:
        field = kind.model._meta.get_field(name)
        if field.many_to_many:
            attrs[name] = WholeIdField(
                many=True,
                queryset=field.related_model.objects.all(),
                required=False,
                help_text="Ids; may be empty.",
            )
        elif name == "functions":
            attrs[name] = serializers.ListField(
                child=serializers.ChoiceField(choices=TrainingBase.Function.choices),
                required=False,
                max_length=len(TrainingBase.Function.values),
                help_text="Any of " + ", ".join(TrainingBase.Function.values) + ".",
            )
        elif field.get_internal_type() == "TextField":
            extra[name] = {"max_length": 20000}
        if getattr(field, "unique", False):
            # Uniqueness is the service's to decide (record_duplicate).
            extra.setdefault(name, {})["validators"] = []
    meta = type(
        "Meta",
        (),
        {
            "model": kind.model,
            "fields": ["id", *kind.fields],
            "extra_kwargs": extra,
            "validators": [],
        },
    )
    attrs["Meta"] = meta
    return type(kind.model.__name__ + "Serializer", (ModelSerializer,), attrs)


SERIALIZERS = {resource: _serializer_for(kind) for resource, kind in KINDS.items()}


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A .csv or .xlsx file, one record per row.")
    dry_run = serializers.BooleanField(
        default=False, help_text="Only check the file; import nothing."
    )


class ImportErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    message = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    dry_run = serializers.BooleanField()
    errors = ImportErrorSerializer(many=True, help_text="Every bad line; line 0 is the file.")


class ImportRefusedSerializer(ImportReportSerializer):
    file = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="What is wrong with the file."
    )


class ExportQuerySerializer(serializers.Serializer):
    file_format = serializers.ChoiceField(choices=["csv", "xlsx"], default="csv")


class FigureCorrectionSerializer(ModelSerializer):
    figure = serializers.ChoiceField(choices=FIGURE_FIELDS)
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, max_value=999999999999
    )

    class Meta:
        model = FigureCorrection
        fields = ["id", "review", "figure", "value", "reason", "created_by", "created_at"]
        read_only_fields = ["created_by", "created_at"]
        extra_kwargs = {"reason": {"max_length": 20000, "allow_blank": True}}
        validators: list = []

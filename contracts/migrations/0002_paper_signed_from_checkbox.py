"""Placements whose tripartite agreement was ticked as signed get a
paper-signed agreement record (and a post internship its consent form), so
activation, which now reads the agreements, finds what the checkbox said."""


from django.db import migrations


def _age_on(born, day):
    return day.year - born.year - int((day.month, day.day) < (born.month, born.day))


def forwards(apps, schema_editor):
    Placement = apps.get_model("internships", "Placement")
    Agreement = apps.get_model("contracts", "InternshipAgreement")
    Signature = apps.get_model("contracts", "Signature")
    from django.conf import settings
    from django.utils import timezone

    now = timezone.now()
    placements = (
        Placement.objects.filter(agreement_signed=True)
        .exclude(position__kind="cognitive")
        .select_related("student", "position", "enterprise")
    )
    for placement in placements.iterator():
        minor = _age_on(placement.student.date_of_birth, placement.starts_on) < getattr(
            settings, "INTERNSHIP_ADULT_AGE", 18
        )
        kinds = ["internship_agreement"]
        if placement.position.kind == "post":
            kinds.append("informed_consent")
        for kind in kinds:
            if Agreement.objects.filter(placement=placement, kind=kind).exists():
                continue
            agreement = Agreement.objects.create(
                placement=placement,
                kind=kind,
                status="signed",
                guardian_required=minor,
                signed_at=now,
            )
            if kind == "informed_consent":
                parties = ["student", "guardian"]
            else:
                parties = ["student", *(["guardian"] if minor else []), "enterprise", "college"]
            names = {
                "student": placement.student.name,
                "guardian": "监护人",
                "enterprise": placement.enterprise.name,
                "college": getattr(settings, "CONTRACTS_COLLEGE_NAME", ""),
            }
            for party in parties:
                Signature.objects.create(
                    agreement=agreement,
                    party=party,
                    name=names[party][:100],
                    method="paper",
                    signed_at=now,
                )


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0001_initial"),
        ("internships", "0003_student_user"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

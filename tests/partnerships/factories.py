from datetime import date, timedelta

import factory
from django.utils import timezone

from accounts.access import Role
from partnerships import services
from partnerships.credit_code import check_character
from partnerships.models import (
    CooperationAgreement,
    Department,
    Enterprise,
    EnterpriseContact,
    EnterpriseVetting,
    Major,
    Workstation,
)
from tests.accounts.factories import UserFactory


def make_credit_code(n: int) -> str:
    body = f"91210100{n:09d}"
    return body + check_character(body)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"D{n:02d}")
    name = factory.Sequence(lambda n: f"Department {n}")


class MajorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Major

    # Six digits, as national major numbers, below every code a test spells out
    # (460101, 460301...): a long session's sequence never meets one of them.
    code = factory.Sequence(lambda n: f"45{n:04d}")
    name = factory.Sequence(lambda n: f"Major {n}")
    department = factory.SubFactory(DepartmentFactory)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Shenyang Precision Machinery {n} Co., Ltd.")
    credit_code = factory.Sequence(make_credit_code)
    industry = "Equipment manufacturing"
    size = Enterprise.Size.MEDIUM
    city = "Shenyang"
    workforce = 500
    status = Enterprise.Status.ACTIVE
    # Vetted as an internship unit (Art. 7), so placements there pass; pass
    # ``vetting=None`` for an enterprise without one.
    vetting = factory.RelatedFactory(
        "tests.partnerships.factories.VettingFactory", factory_related_name="enterprise"
    )


class VettingFactory(factory.django.DjangoModelFactory):
    """An approved, published vetting valid over the tests' years."""

    class Meta:
        model = EnterpriseVetting

    enterprise = factory.SubFactory(EnterpriseFactory, vetting=None)
    inspected_on = factory.LazyFunction(lambda: date(2020, 1, 1))
    inspector = "Li Ming"
    report = "Site inspection: qualifications, safety and living conditions in order."
    decision = EnterpriseVetting.Decision.APPROVED
    decided_at_meeting = "School internship committee, meeting 1"
    published_on = factory.LazyFunction(lambda: date(2020, 1, 2))
    valid_until = factory.LazyFunction(lambda: date(2099, 12, 31))


class EnterpriseContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseContact

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    title = "HR manager"


def _days(n: int):
    return timezone.localdate() + timedelta(days=n)


class AgreementFactory(factory.django.DjangoModelFactory):
    """Built through the services; ``status=`` walks it to that status."""

    class Meta:
        model = CooperationAgreement

    title = factory.Sequence(lambda n: f"Order-class cooperation {n}")
    enterprise = factory.SubFactory(EnterpriseFactory)
    owner = factory.SubFactory(UserFactory, role=Role.ADMINISTRATOR)
    starts_on = factory.LazyFunction(lambda: _days(-100))
    ends_on = factory.LazyFunction(lambda: _days(3 * 365))
    signed_on = factory.LazyAttribute(lambda a: a.starts_on)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        status = kwargs.pop("status", CooperationAgreement.Status.DRAFT)
        kwargs.setdefault("modes", ["order_training"])
        agreement = services.agreement_create(actor=kwargs["owner"], **kwargs)
        if status == CooperationAgreement.Status.DRAFT:
            return agreement
        agreement = services.agreement_activate(
            agreement=agreement, actor=kwargs["owner"], today=agreement.starts_on
        )
        if status == CooperationAgreement.Status.EXPIRED:
            services.agreement_expire_due(today=agreement.ends_on + timedelta(days=1))
        elif status == CooperationAgreement.Status.TERMINATED:
            services.agreement_terminate(
                agreement=agreement, actor=kwargs["owner"], reason="The enterprise moved away."
            )
        agreement.refresh_from_db()
        return agreement


class WorkstationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstation

    agreement = factory.SubFactory(AgreementFactory, status=CooperationAgreement.Status.ACTIVE)
    enterprise = factory.LazyAttribute(lambda w: w.agreement.enterprise)
    name = factory.Sequence(lambda n: f"Robotics workstation {n}")
    enterprise_leader_name = "Wang Qiang"
    school_leader = factory.SubFactory(UserFactory, role=Role.TEACHER)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.workstation_create(**kwargs)

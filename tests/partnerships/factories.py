import factory

from partnerships.credit_code import check_character
from partnerships.models import Department, Enterprise, EnterpriseContact, Major


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

    code = factory.Sequence(lambda n: f"46{n:04d}")
    name = factory.Sequence(lambda n: f"Major {n}")
    department = factory.SubFactory(DepartmentFactory)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"Shenyang Precision Machinery {n} Co., Ltd.")
    credit_code = factory.Sequence(make_credit_code)
    industry = "Equipment manufacturing"
    size = Enterprise.Size.MEDIUM
    city = "Shenyang"
    workforce = 500
    status = Enterprise.Status.ACTIVE


class EnterpriseContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseContact

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    title = "HR manager"

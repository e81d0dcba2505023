import datetime
from decimal import Decimal

import factory

from records import models as m
from tests.internships.factories import StudentFactory
from tests.partnerships.factories import DepartmentFactory, EnterpriseFactory, MajorFactory


class TeacherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Teacher

    staff_number = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Li Ming {n}")
    department = factory.SubFactory(DepartmentFactory)


class TeacherPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.TeacherPractice

    teacher = factory.SubFactory(TeacherFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    starts_on = datetime.date(2025, 7, 1)
    ends_on = datetime.date(2025, 8, 15)
    post = "Process engineer"
    hours = 240


class PartTimeTeacherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PartTimeTeacher

    name = factory.Sequence(lambda n: f"Wang Qiang {n}")
    enterprise = factory.SubFactory(EnterpriseFactory)
    academic_year = 2025
    term = 1
    courses = "PLC programming"
    hours = 48


class OrderClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.OrderClass

    name = factory.Sequence(lambda n: f"Robotics order class {n}")
    enterprise = factory.SubFactory(EnterpriseFactory)
    major = factory.SubFactory(MajorFactory)
    cohort = 2024
    starts_on = datetime.date(2024, 9, 1)
    ends_on = datetime.date(2027, 6, 30)


class TrainingBaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.TrainingBase

    name = factory.Sequence(lambda n: f"Robot training base {n}")
    enterprise = factory.SubFactory(EnterpriseFactory)
    functions = ["teaching"]
    stations = 40
    opened_on = datetime.date(2023, 9, 1)


class TrainingBaseYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.TrainingBaseYear

    base = factory.SubFactory(TrainingBaseFactory)
    year = 2025
    equipment_donated = Decimal("100000.00")
    equipment_provided = Decimal("50000.00")
    use_person_days = 1200


class CourseDevelopmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CourseDevelopment

    title = factory.Sequence(lambda n: f"Industrial robot maintenance {n}")
    enterprise = factory.SubFactory(EnterpriseFactory)
    major = factory.SubFactory(MajorFactory)
    completed_on = datetime.date(2025, 6, 1)


class ServiceContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ServiceContract

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"Fixture design {n}")
    signed_on = datetime.date(2025, 3, 1)
    amount = Decimal("80000.00")
    received = Decimal("30000.00")
    received_on = datetime.date(2025, 5, 1)


class EmployeeTrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.EmployeeTraining

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"Welding refresher {n}")
    held_on = datetime.date(2025, 4, 10)
    trainees = 30
    person_days = 90
    income = Decimal("15000.00")


class EnterpriseVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.EnterpriseVisit

    enterprise = factory.SubFactory(EnterpriseFactory)
    visited_on = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    visitors = "Dean Zhao; Teacher Sun"
    posts_offered = 12
    average_pay = Decimal("5200.00")


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Employment

    student = factory.SubFactory(StudentFactory)
    graduation_year = 2025
    employer_name = "Some employer"


class EnterpriseCertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.EnterpriseCertification

    enterprise = factory.SubFactory(EnterpriseFactory)
    level = "provincial"
    certified_on = factory.Sequence(
        lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n)
    )


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Certificate

    code = factory.Sequence(lambda n: f"X{n:04d}")
    name = factory.Sequence(lambda n: f"Industrial robot operation {n}")
    issuer = "Some training evaluation organisation"


class CertificatePassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CertificatePass

    certificate = factory.SubFactory(CertificateFactory)
    student = factory.SubFactory(StudentFactory)
    passed_on = datetime.date(2025, 6, 20)


FACTORIES = {
    "teachers": TeacherFactory,
    "teacher-practices": TeacherPracticeFactory,
    "part-time-teachers": PartTimeTeacherFactory,
    "order-classes": OrderClassFactory,
    "training-bases": TrainingBaseFactory,
    "training-base-years": TrainingBaseYearFactory,
    "course-developments": CourseDevelopmentFactory,
    "service-contracts": ServiceContractFactory,
    "employee-trainings": EmployeeTrainingFactory,
    "enterprise-visits": EnterpriseVisitFactory,
    "employments": EmploymentFactory,
    "enterprise-certifications": EnterpriseCertificationFactory,
    "certificates": CertificateFactory,
    "certificate-passes": CertificatePassFactory,
}

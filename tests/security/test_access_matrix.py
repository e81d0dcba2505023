"""Who may reach what, for every API endpoint in the URL configuration.

``MATRIX`` states, independently of accounts/access.py, which roles may read
and write each resource and how to make an object that belongs to an
enterprise. The tests are generated from the router's registry and the API's
URL patterns: an endpoint without a row fails ``test_every_endpoint_has_a_row``.
For every resource: anonymous callers get 401; a role without the right gets
403 (the permission is checked before the object is looked up); a method the
endpoint does not have is 405 for a role that may change the resource; a
liaison of another enterprise gets 404 for the object and never sees it in a
list. Every cell asserts one exact status, so a 500 never passes.

The users and objects are built once for the module (``matrix_world``), inside
a transaction that is rolled back at its end; each test runs in a savepoint of
its own, so a delete or an action in one cell is undone before the next.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient

from config.api import router
from tests.accounts.factories import UserFactory
from tests.partnerships.factories import DepartmentFactory, EnterpriseFactory, MajorFactory

ROLES = ("administrator", "teacher", "liaison", "reporter", "student")
STAFF_READ = {"administrator", "teacher", "liaison"}
ADMIN = {"administrator"}
STUDENT = {"student"}
SCHOOL = {"administrator", "teacher"}


@dataclass
class Resource:
    read: set[str]
    # Who may create (POST to the list).
    write: set[str]
    # Makes an object that belongs to the given enterprise (or a global one).
    make: Callable
    # True when a liaison sees only their own enterprise's objects.
    liaison_scoped: bool = True
    # Who may change an object (PUT, PATCH); None: the same roles as ``write``.
    # A method the endpoint lacks is 405 for them and 403 for everyone else.
    update: set[str] | None = None
    # Who may DELETE an object; None: the endpoint has no DELETE.
    delete: set[str] | None = None
    # Who may DELETE only what they wrote: refused (403) on the made object,
    # which they did not write; 404 for another enterprise's liaison.
    delete_own: set[str] = field(default_factory=set)
    # What an allowed DELETE of the made object answers: 204, or 409 ``in_use``
    # when other rows hold on to it.
    deleted: int = 204
    # What an allowed POST of an empty body answers.
    created: int = 400
    # Actions (POST /<id>/<action>/): who may call them, and what an allowed
    # call with an empty body answers for the made object (200 done, 400 when
    # the action needs input the empty body lacks, such as a reason).
    actions: dict[str, tuple[set[str], int]] = field(default_factory=dict)
    # Downloads and other GET /<id>/<action>/ endpoints (path after the id, with
    # its query); readers may use them.
    downloads: set[str] = field(default_factory=set)

    @property
    def updaters(self) -> set[str]:
        return self.write if self.update is None else self.update


def _notification(enterprise, owner):
    from tests.notifications.factories import NotificationFactory

    return NotificationFactory(recipient=owner, kind="test", subject="Test")


def _report(enterprise, owner):
    """A report the user requested (only they and administrators see it)."""
    from tests.reports.factories import ReportFactory

    return ReportFactory(requested_by=owner)


def _record(prefix):
    """A cooperation record of the enterprise (records/kinds.py)."""

    def make(enterprise, owner):
        from tests.records import factories

        if prefix == "figure-corrections":
            from partnerships.models import AnnualReview
            from records.models import FigureCorrection
            from tests.partnerships.factories import AgreementFactory

            agreement = AgreementFactory(enterprise=enterprise, status="active")
            review = AnnualReview.objects.filter(agreement=agreement).first()
            return FigureCorrection.objects.create(
                review=review, figure="service_income", value=1, reason="Booked late."
            )
        factory = factories.FACTORIES[prefix]
        if prefix == "training-base-years":
            return factory(base__enterprise=enterprise)
        if prefix == "employments":
            return factory(employer=enterprise)
        if prefix in ("teachers", "certificates", "certificate-passes"):
            return factory()
        return factory(enterprise=enterprise)

    return make


def _enterprise_member(enterprise):
    from councils.models import Membership
    from tests.councils.factories import MembershipFactory

    return MembershipFactory(
        enterprise=enterprise,
        affiliation=Membership.Affiliation.ENTERPRISE,
        category=Membership.Category.ENTERPRISE_TECHNICIAN,
    )


def _meeting(enterprise):
    from tests.councils.factories import MeetingFactory

    member = _enterprise_member(enterprise)
    return MeetingFactory(committee=member.committee)


def _action_item(enterprise, owner):
    from councils.models import Meeting
    from tests.councils.factories import ActionItemFactory

    meeting = _meeting(enterprise)
    meeting.status = Meeting.Status.HELD
    meeting.minutes = "Minutes"
    meeting.save()
    return ActionItemFactory(meeting=meeting)


def _placement(enterprise, owner, status="active"):
    from accounts.access import Role, role_of
    from tests.internships.factories import PlacementFactory, PositionFactory

    if role_of(owner) == Role.STUDENT:
        # A student sees only their own placements; one student has many here,
        # stored as given (the one-at-a-time rule would refuse the second).
        today = timezone.localdate()
        position = PositionFactory(
            enterprise=enterprise,
            starts_on=today - datetime.timedelta(days=10),
            ends_on=today + datetime.timedelta(days=30),
        )
        return PlacementFactory(
            raw=True, student=owner.student_record, position=position, status=status
        )
    # A teacher sees only the placements they supervise.
    supervisor = owner if role_of(owner) == Role.TEACHER else None
    return PlacementFactory(
        position=PositionFactory(enterprise=enterprise), supervisor=supervisor, status=status
    )


def _position(enterprise):
    from tests.internships.factories import PositionFactory

    return PositionFactory(enterprise=enterprise)


def _attendance(enterprise, owner):
    from internships.models import Attendance

    placement = _placement(enterprise, owner)
    return Attendance.objects.create(
        placement=placement, date=placement.starts_on, status="present"
    )


def _log(enterprise, owner):
    from internships.models import PlacementLog

    placement = _placement(enterprise, owner)
    return PlacementLog.objects.create(
        placement=placement, kind="weekly", date=placement.starts_on, text="Week one"
    )


def _evaluation(enterprise, owner):
    from tests.internships.factories import EvaluationFactory

    return EvaluationFactory(placement=_placement(enterprise, owner), side="enterprise")


def _plan(enterprise, owner):
    from internships.models import InternshipPlan

    return InternshipPlan.objects.create(name="Plan of the matrix")


def _checkin(enterprise, owner):
    from practice.models import CheckIn

    placement = _placement(enterprise, owner)
    return CheckIn.objects.create(
        placement=placement,
        date=timezone.localdate(),
        at=timezone.now(),
        lat="41.800000",
        lng="123.400000",
        accuracy_m=10,
        distance_m=0,
        on_site=True,
    )


def _journal(enterprise, owner):
    from practice.models import Journal

    placement = _placement(enterprise, owner)
    return Journal.objects.create(
        placement=placement,
        kind="weekly",
        period_start=placement.starts_on,
        period_end=placement.starts_on,
        text="",
    )


def _internship_report(enterprise, owner):
    from django.core.files.base import ContentFile

    from practice.models import InternshipReport

    report = InternshipReport(
        placement=_placement(enterprise, owner),
        filename="report.pdf",
        content_type="application/pdf",
        submitted_at=timezone.now(),
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    report.save()
    return report


def _incident(enterprise, owner):
    from internships.models import PlacementLog
    from practice.models import IncidentLocation

    placement = _placement(enterprise, owner)
    log = PlacementLog.objects.create(
        placement=placement, kind="incident", date=placement.starts_on, text="Fell"
    )
    IncidentLocation.objects.create(log=log, lat="41.800000", lng="123.400000")
    return log


def _agreement(enterprise, status="draft"):
    from tests.partnerships.factories import AgreementFactory

    return AgreementFactory(enterprise=enterprise, status=status)


def _review(enterprise, owner):
    return _agreement(enterprise, status="active").reviews.first()


def _document(enterprise, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from partnerships import services

    agreement = _agreement(enterprise)
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n% signed scan\n", "application/pdf")
    return services.document_upload(
        agreement=agreement, actor=agreement.owner, file=scan, kind="signed_scan"
    )


def _workstation(enterprise, owner):
    from tests.partnerships.factories import WorkstationFactory

    return WorkstationFactory(agreement=_agreement(enterprise, status="active"))


def _contact(enterprise, owner):
    from tests.partnerships.factories import EnterpriseContactFactory

    return EnterpriseContactFactory(enterprise=enterprise)


def _group_member(enterprise):
    from tests.groups.factories import GroupMemberFactory

    # A liaison sees the groups their enterprise is (or was) a member of.
    return GroupMemberFactory(enterprise=enterprise)


def _in_group(factory_name: str):
    def make(enterprise, owner):
        from tests.groups import factories

        return getattr(factories, factory_name)(group=_group_member(enterprise).group)

    return make


def _vetting(enterprise, owner):
    from tests.partnerships.factories import VettingFactory

    return VettingFactory(enterprise=enterprise, published_on=None)


def _insurance_policy(enterprise, owner):
    from internships.models import InsurancePolicy

    placement = _placement(enterprise, owner)
    return InsurancePolicy.objects.create(
        placement=placement,
        insurer="PICC",
        kind="liability",
        number="P-1",
        payer="school",
        purchased_on=placement.starts_on,
        covers_from=placement.starts_on,
        covers_to=placement.ends_on,
        premium=80,
    )


def _pay_record(enterprise, owner):
    from internships.models import PayRecord

    placement = _placement(enterprise, owner)
    month = placement.starts_on.replace(day=1)
    return PayRecord.objects.create(
        placement=placement, month=month, amount=3000, paid_on=placement.starts_on
    )


def _filing(enterprise, owner):
    from internships.models import FilingBatch

    _placement(enterprise, owner)
    return FilingBatch.objects.create(title="2026 spring", emergency_plan="Call the school.")


def _allocation_round(enterprise, owner):
    """A draft round offering nothing yet: opening it is refused (400), the
    other steps are out of order (409)."""
    from tests.allocation.factories import make_plan, make_round

    return make_round(positions=[], plan=make_plan(), status="draft")


def _application(enterprise, owner):
    """An open round's application to the enterprise's position; a student's own."""
    from accounts.access import Role, role_of
    from allocation.models import Application
    from tests.allocation.factories import make_plan, make_round
    from tests.internships.factories import PositionFactory, StudentFactory

    position = PositionFactory(enterprise=enterprise)
    round_ = make_round(positions=[position], plan=make_plan())
    student = owner.student_record if role_of(owner) == Role.STUDENT else StudentFactory()
    return Application.objects.create(round=round_, student=student, position=position, rank=1)


def _template(enterprise, owner):
    from tests.contracts.factories import TemplateFactory

    return TemplateFactory(kind="certificate", active=False)


def _internship_agreement(enterprise, owner):
    from accounts.access import Role, role_of
    from contracts.models import DocumentTemplate
    from tests.contracts.factories import TemplateFactory, generated, shadow_placement
    from tests.internships.factories import PositionFactory

    if not DocumentTemplate.objects.filter(kind="internship_agreement", active=True).exists():
        TemplateFactory()
    supervisor = owner if role_of(owner) == Role.TEACHER else None
    # A student sees (and signs) only their own placements' agreements.
    student = {"student": owner.student_record} if role_of(owner) == Role.STUDENT else {}
    placement = shadow_placement(
        position=PositionFactory(enterprise=enterprise, kind="shadow"),
        supervisor=supervisor,
        **student,
    )
    return generated(placement, None)


MATRIX: dict[str, Resource] = {
    "users": Resource(
        read=ADMIN, write=ADMIN, make=lambda e, owner: UserFactory(), liaison_scoped=False
    ),
    "departments": Resource(
        read=STAFF_READ,
        write=ADMIN,
        delete=ADMIN,
        make=lambda e, owner: DepartmentFactory(),
        liaison_scoped=False,
    ),
    "majors": Resource(
        read=STAFF_READ,
        write=ADMIN,
        delete=ADMIN,
        make=lambda e, owner: MajorFactory(),
        liaison_scoped=False,
    ),
    "enterprises": Resource(
        read=STAFF_READ, write=ADMIN, delete=ADMIN, deleted=409, make=lambda e, owner: e
    ),
    "enterprise-contacts": Resource(read=STAFF_READ, write=ADMIN, delete=ADMIN, make=_contact),
    "agreements": Resource(
        read=STAFF_READ,
        write=ADMIN,
        delete=ADMIN,
        make=lambda e, owner: _agreement(e),
        actions={
            "activate": (ADMIN, 200),
            "terminate": (ADMIN, 400),
            "renew": (ADMIN, 400),
            "documents": (ADMIN, 400),
        },
        downloads={"documents/"},
    ),
    # Reviews are created by activation and the daily roll, never by POST.
    "reviews": Resource(
        read=STAFF_READ,
        write=set(),
        update=ADMIN,
        make=_review,
        actions={"submit": (ADMIN, 400), "approve": (ADMIN, 400)},
    ),
    "agreement-documents": Resource(
        read=STAFF_READ,
        write=ADMIN,
        delete=ADMIN,
        created=415,
        make=_document,
        downloads={"download/"},
    ),
    "workstations": Resource(read=STAFF_READ, write=ADMIN, delete=ADMIN, make=_workstation),
    # A liaison sees the committees their enterprise has a member on.
    "committees": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: _enterprise_member(e).committee,
        actions={"dissolve": (ADMIN, 200)},
    ),
    "committee-members": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: _enterprise_member(e),
        actions={"end": (ADMIN, 200)},
    ),
    "meetings": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: _meeting(e),
        actions={"hold": (ADMIN, 400), "cancel": (ADMIN, 400)},  # no reason given
        downloads={"ics/"},
    ),
    "action-items": Resource(
        read=STAFF_READ, write=ADMIN, make=_action_item, actions={"complete": (ADMIN, 200)}
    ),
    # A student reads their own record and placements (and nothing else of internships).
    "students": Resource(
        read=STAFF_READ | STUDENT,
        write=ADMIN,
        delete=ADMIN,
        deleted=409,
        make=lambda e, owner: _placement(e, owner).student,
    ),
    "positions": Resource(
        read=STAFF_READ,
        write=ADMIN | {"liaison"},
        delete=ADMIN,
        make=lambda e, owner: _position(e),
        actions={"close": (ADMIN | {"liaison"}, 200)},
    ),
    # Teachers and liaisons record a placement's hiring outcome (PATCH).
    "placements": Resource(
        read=STAFF_READ | STUDENT,
        write=ADMIN,
        update=STAFF_READ,
        make=lambda e, owner: _placement(e, owner, status="planned"),
        actions={
            "activate": (ADMIN, 200),
            "complete": (ADMIN, 400),
            "terminate": (ADMIN, 400),
            "override": (ADMIN, 400),
            "approve-destination": (ADMIN, 400),
        },
        downloads={"hours/"},
    ),
    "vettings": Resource(
        read=STAFF_READ,
        write=ADMIN,
        delete=ADMIN,
        make=_vetting,
        actions={"publish": (ADMIN, 200)},
    ),
    # A liaison is not told a placement's insurance.
    "insurance-policies": Resource(
        read=ADMIN | {"teacher"},
        write=ADMIN | {"teacher"},
        delete=ADMIN,
        make=_insurance_policy,
    ),
    "pay-records": Resource(
        read=STAFF_READ, write=ADMIN | {"liaison"}, delete=ADMIN, make=_pay_record
    ),
    # Filings list students' personal data: administrators only.
    "filings": Resource(
        read=ADMIN,
        write=ADMIN,
        delete=ADMIN,
        make=_filing,
        liaison_scoped=False,
        downloads={"xlsx/", "pdf/"},
    ),
    "attendance": Resource(
        read=STAFF_READ,
        write=ADMIN | {"liaison"},
        delete=ADMIN | {"liaison"},
        make=_attendance,
    ),
    "placement-logs": Resource(
        read=STAFF_READ,
        write=STAFF_READ,
        delete=ADMIN,
        delete_own={"teacher", "liaison"},
        make=_log,
    ),
    "evaluations": Resource(read=STAFF_READ, write=STAFF_READ, delete=ADMIN, make=_evaluation),
    "groups": Resource(
        read=STAFF_READ,
        write=ADMIN,
        delete=ADMIN,
        make=lambda e, owner: _group_member(e).group,
        downloads={"metrics/?year=2026"},
    ),
    "group-members": Resource(
        read=STAFF_READ,
        write=ADMIN,
        delete=ADMIN,
        make=lambda e, owner: _group_member(e),
        actions={"leave": (ADMIN, 400)},
    ),
    "group-resources": Resource(
        read=STAFF_READ, write=ADMIN, delete=ADMIN, make=_in_group("SharedResourceFactory")
    ),
    "research-projects": Resource(
        read=STAFF_READ, write=ADMIN, delete=ADMIN, make=_in_group("ResearchProjectFactory")
    ),
    "group-targets": Resource(
        read=STAFF_READ, write=ADMIN, delete=ADMIN, make=_in_group("GroupTargetFactory")
    ),
    "reports": Resource(
        read=ADMIN | {"reporter"},
        write=ADMIN | {"reporter"},
        update=ADMIN,
        make=_report,
        liaison_scoped=False,
    ),
    # The internship as it happens (practice/): students write, the school reviews.
    "internship-plans": Resource(
        read=SCHOOL, write=ADMIN, delete=ADMIN, make=_plan, liaison_scoped=False
    ),
    "check-ins": Resource(
        read=STAFF_READ | STUDENT,
        write=STUDENT,
        make=_checkin,
        actions={"check_out": (STUDENT, 200)},
    ),
    # A draft: the student submits it (too short: 400), nothing to review yet.
    "journals": Resource(
        read=SCHOOL | STUDENT,
        write=STUDENT,
        delete=STUDENT,
        make=_journal,
        actions={
            "submit": (STUDENT, 400),
            "review": (SCHOOL, 400),
            "return": (SCHOOL, 400),
        },
    ),
    # Submitted: the student cannot submit it again; reviewing needs a score.
    "internship-reports": Resource(
        read=SCHOOL | STUDENT,
        write=STUDENT,
        created=415,
        make=_internship_report,
        actions={
            "submit": (STUDENT, 400),
            "review": (SCHOOL, 400),
            "return": (SCHOOL, 400),
        },
    ),
    "incidents": Resource(read=SCHOOL | STUDENT, write=STUDENT, make=_incident),
    **{
        prefix: Resource(
            read=STAFF_READ if scoped else {"administrator", "teacher"},
            write=ADMIN,
            delete=ADMIN,
            make=_record(prefix),
            liaison_scoped=scoped,
        )
        for prefix, scoped in [
            ("teachers", False),
            ("teacher-practices", True),
            ("part-time-teachers", True),
            ("order-classes", True),
            ("training-bases", True),
            ("training-base-years", True),
            ("course-developments", True),
            ("service-contracts", True),
            ("employee-trainings", True),
            ("enterprise-visits", True),
            ("employments", True),
            ("enterprise-certifications", True),
            ("certificates", False),
            ("certificate-passes", False),
            ("figure-corrections", True),
        ]
    },
    "document-templates": Resource(
        read=STAFF_READ, write=ADMIN, make=_template, liaison_scoped=False
    ),
    # Liaisons sign for their enterprise; the empty body lacks the hash (400).
    "internship-agreements": Resource(
        read=STAFF_READ | STUDENT,
        write=ADMIN,
        make=_internship_agreement,
        actions={
            "generate": (ADMIN, 200),
            "sign": (ADMIN | {"liaison"} | STUDENT, 400),
            "upload_paper": (ADMIN, 415),  # a multipart upload, not JSON
            "void": (ADMIN, 400),  # no reason given
        },
        downloads={"pdf/"},
    ),
    # Allocation rounds: the school's; students and liaisons use applications.
    "allocation-rounds": Resource(
        read=SCHOOL,
        write=ADMIN,
        delete=ADMIN,
        make=_allocation_round,
        liaison_scoped=False,
        actions={
            "open": (ADMIN, 400),  # no positions offered
            "close": (ADMIN, 409),
            "run": (ADMIN, 409),
            "publish": (ADMIN, 409),
            "pin": (ADMIN, 400),
            "exclude": (ADMIN, 400),
            "unpin": (ADMIN, 400),
            "second_round": (ADMIN, 400),
        },
        downloads={"preview/"},
    ),
    "applications": Resource(
        read=SCHOOL | {"liaison"} | STUDENT,
        write=ADMIN | STUDENT,
        update=ADMIN | {"liaison"} | STUDENT,
        delete=ADMIN | STUDENT,
        make=_application,
        actions={
            "accept": (ADMIN | {"liaison"}, 200),
            "reject": (ADMIN | {"liaison"}, 200),
        },
    ),
    "notifications": Resource(
        read=set(ROLES),
        write=set(),
        make=_notification,
        actions={"read": (set(ROLES), 200)},
    ),
}

# A user's own settings, keyed by name rather than id: every role reads and
# writes only their own, anonymous callers get 401.
OWN_SETTINGS = {"notification-preferences": "review_due"}

# Plain API views: path -> roles that may GET it (None: open to anyone).
PLAIN = {
    "auth/token/": None,
    "me/": set(ROLES),
    # A placement's grade: test_the_grade_follows_the_placement below.
    "placements/<int:pk>/grade/": None,
    "placements/<int:pk>/approve_grade/": None,
}


def _api_paths() -> list[str]:
    """Every non-router path under /api/v1/."""
    resolver = get_resolver()
    paths: list[str] = []

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                paths.append(prefix + str(p.pattern))

    walk(resolver.url_patterns)
    return [p[len("api/v1/") :] for p in paths if p.startswith("api/v1/")]


def test_every_endpoint_has_a_row():
    registered = {prefix for prefix, _viewset, _basename in router.registry}
    missing = registered - set(MATRIX) - set(OWN_SETTINGS)
    assert not missing, f"add rows to MATRIX for {sorted(missing)}"
    from config.api import NotFoundView
    from config.api import urlpatterns as api_patterns

    plain = {
        str(p.pattern)
        for p in api_patterns
        # The catch-all answers a JSON 404 to everyone (test_api_conventions).
        if isinstance(p, URLPattern) and p.callback.view_class is not NotFoundView
    }
    missing_plain = plain - set(PLAIN)
    assert not missing_plain, f"add rows to PLAIN for {sorted(missing_plain)}"
    for prefix, viewset, _basename in router.registry:
        if prefix in OWN_SETTINGS:
            continue
        for action in viewset.get_extra_actions():
            if "post" in action.mapping and action.detail:
                assert action.url_path in MATRIX[prefix].actions, (
                    f"add the action {prefix}/{action.url_path} to MATRIX"
                )
        # The matrix says who may delete exactly where the endpoint has a DELETE.
        has_delete = hasattr(viewset, "destroy")
        assert has_delete == (MATRIX[prefix].delete is not None), (
            f"{prefix}: DELETE is {'there' if has_delete else 'absent'}; set delete= in MATRIX"
        )
    assert _api_paths()


def _student_user():
    from tests.practice.factories import student_user

    return student_user("matrix-student")


def _build_world() -> dict:
    """Two enterprises, a liaison of each, one user of every other role, their
    tokens, and for every resource and role the object that role is tested on."""
    from rest_framework.authtoken.models import Token

    mine = EnterpriseFactory(name="Mine Robotics")
    theirs = EnterpriseFactory(name="Theirs Logistics")
    users = {
        "administrator": UserFactory(role="administrator"),
        "teacher": UserFactory(role="teacher"),
        "liaison": UserFactory(role="liaison", role__enterprise=mine),
        "reporter": UserFactory(role="reporter"),
        "other_liaison": UserFactory(role="liaison", role__enterprise=theirs),
        "student": _student_user(),
    }
    tokens = {name: Token.objects.create(user=user).key for name, user in users.items()}
    objects = {
        (prefix, role): resource.make(mine, users[role])
        for prefix, resource in MATRIX.items()
        for role in ROLES
    }
    return {"mine": mine, "theirs": theirs, "users": users, "tokens": tokens, "objects": objects}


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    # Built once for the module in an outer transaction; each test's own
    # transaction is a savepoint inside it, and the whole is rolled back at the end.
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(matrix_world, db):
    return matrix_world


def _client(world=None, role=None) -> APIClient:
    client = APIClient()
    if role is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {world['tokens'][role]}")
    return client


def _ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("prefix", sorted(MATRIX))
def test_anonymous_callers_get_401(world, prefix):
    resource = MATRIX[prefix]
    obj = world["objects"][prefix, "liaison"]
    client = _client()
    assert client.get(f"/api/v1/{prefix}/").status_code == 401
    assert client.get(f"/api/v1/{prefix}/{obj.pk}/").status_code == 401
    assert client.post(f"/api/v1/{prefix}/", {}).status_code == 401
    assert client.delete(f"/api/v1/{prefix}/{obj.pk}/").status_code == 401
    for action in resource.actions:
        assert client.post(f"/api/v1/{prefix}/{obj.pk}/{action}/").status_code == 401
    for download in resource.downloads:
        assert client.get(f"/api/v1/{prefix}/{obj.pk}/{download}").status_code == 401


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("prefix", sorted(p for p, r in MATRIX.items() if r.downloads))
def test_downloads_follow_the_read_right(world, prefix, role):
    resource = MATRIX[prefix]
    obj = world["objects"][prefix, role]
    client = _client(world, role)
    expected = 200 if role in resource.read else 403
    for download in resource.downloads:
        status = client.get(f"/api/v1/{prefix}/{obj.pk}/{download}").status_code
        assert status == expected, (download, status)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("prefix", sorted(MATRIX))
def test_each_role_reads_only_what_it_may(world, prefix, role):
    resource = MATRIX[prefix]
    obj = world["objects"][prefix, role]
    client = _client(world, role)
    listing = client.get(f"/api/v1/{prefix}/?page_size=200")
    detail = client.get(f"/api/v1/{prefix}/{obj.pk}/")
    if role in resource.read:
        assert listing.status_code == 200, listing.content
        assert obj.pk in _ids(listing)
        assert detail.status_code == 200, detail.content
    else:
        assert listing.status_code == 403, listing.content
        assert detail.status_code == 403, detail.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("prefix", sorted(MATRIX))
def test_each_role_creates_only_what_it_may(world, prefix, role):
    resource = MATRIX[prefix]
    created = _client(world, role).post(f"/api/v1/{prefix}/", {}, format="json")
    if role in resource.write:
        # Allowed through: the empty body fails validation (or is not the
        # multipart upload the endpoint takes), not permission.
        assert created.status_code == resource.created, created.content
    elif resource.write:
        assert created.status_code == 403, created.content
    else:
        # Nobody creates these: the list has no POST.
        # A method the endpoint lacks is a 405 for every signed-in role.
        assert created.status_code == 405, created.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("prefix", sorted(MATRIX))
def test_each_role_deletes_only_what_it_may(world, prefix, role):
    resource = MATRIX[prefix]
    obj = world["objects"][prefix, role]
    client = _client(world, role)
    deleted = client.delete(f"/api/v1/{prefix}/{obj.pk}/")
    if resource.delete is None:
        assert deleted.status_code == 405, deleted.content
        assert type(obj).objects.filter(pk=obj.pk).exists()
    elif role in resource.delete:
        assert deleted.status_code == resource.deleted, deleted.content
        if resource.deleted == 409:
            assert deleted.json()["code"] == "in_use"
            assert type(obj).objects.filter(pk=obj.pk).exists()
        else:
            assert not type(obj).objects.filter(pk=obj.pk).exists()
    else:
        assert deleted.status_code == 403, deleted.content
        assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "prefix,action", sorted((p, a) for p, r in MATRIX.items() for a in r.actions)
)
def test_each_role_calls_only_the_actions_it_may(world, prefix, action, role):
    roles, allowed_status = MATRIX[prefix].actions[action]
    obj = world["objects"][prefix, role]
    response = _client(world, role).post(f"/api/v1/{prefix}/{obj.pk}/{action}/", {}, format="json")
    assert response.status_code == (allowed_status if role in roles else 403), response.content


@pytest.mark.parametrize("prefix", sorted(p for p, r in MATRIX.items() if r.liaison_scoped))
def test_a_liaison_of_another_enterprise_never_sees_the_object(world, prefix):
    resource = MATRIX[prefix]
    obj = world["objects"][prefix, "liaison"]
    client = _client(world, "other_liaison")
    listing = client.get(f"/api/v1/{prefix}/?page_size=200")
    if "liaison" not in resource.read:
        assert listing.status_code == 403
        return
    assert listing.status_code == 200
    assert obj.pk not in _ids(listing)
    assert client.get(f"/api/v1/{prefix}/{obj.pk}/").status_code == 404
    for action, (roles, _status) in resource.actions.items():
        response = client.post(f"/api/v1/{prefix}/{obj.pk}/{action}/")
        assert response.status_code == (404 if "liaison" in roles else 403), action
    for download in resource.downloads:
        assert client.get(f"/api/v1/{prefix}/{obj.pk}/{download}").status_code == 404
    if resource.delete is not None:
        deleted = client.delete(f"/api/v1/{prefix}/{obj.pk}/")
        may_delete = resource.delete | resource.delete_own
        assert deleted.status_code == (404 if "liaison" in may_delete else 403)
        assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("prefix", sorted(OWN_SETTINGS))
def test_own_settings_are_each_users_own(world, prefix):
    key = OWN_SETTINGS[prefix]
    assert _client().get(f"/api/v1/{prefix}/").status_code == 401
    assert _client().get(f"/api/v1/{prefix}/{key}/").status_code == 401
    for role in ROLES:
        client = _client(world, role)
        assert client.get(f"/api/v1/{prefix}/").status_code == 200
        assert client.get(f"/api/v1/{prefix}/{key}/").status_code == 200


@pytest.mark.parametrize("path", sorted(PLAIN))
def test_plain_api_views(world, path):
    roles = PLAIN[path]
    if roles is None:
        return
    assert _client().get(f"/api/v1/{path}").status_code == 401
    for role in ROLES:
        status = _client(world, role).get(f"/api/v1/{path}").status_code
        assert status == (200 if role in roles else 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_grade_follows_the_placement(world, role):
    """GET /placements/<id>/grade/ for whoever sees the placement (a liaison
    and a reporter may not); its approval for the school only (the made
    placement is active, so an allowed approval is refused with 400)."""
    placement = world["objects"]["placements", role]
    client = _client(world, role)
    read = client.get(f"/api/v1/placements/{placement.pk}/grade/")
    assert read.status_code == (200 if role in SCHOOL | STUDENT else 403), read.content
    approve = client.post(f"/api/v1/placements/{placement.pk}/approve_grade/")
    assert approve.status_code == (400 if role in SCHOOL else 403), approve.content
    assert _client().get(f"/api/v1/placements/{placement.pk}/grade/").status_code == 401
    other = _client(world, "other_liaison")
    assert other.get(f"/api/v1/placements/{placement.pk}/grade/").status_code == 403

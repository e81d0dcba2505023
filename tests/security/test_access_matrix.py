"""Who may reach what, for every API endpoint in the URL configuration.

``MATRIX`` states, independently of accounts/access.py, which roles may read
and write each resource and how to make an object that belongs to an
enterprise. The tests are generated from the router's registry and the API's
URL patterns: an endpoint without a row fails ``test_every_endpoint_has_a_row``.
For every resource: anonymous callers get 401; a role without the right gets
403; a liaison of another enterprise gets 404 for the object and never sees it
in a list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from config.api import router
from tests.accounts.factories import UserFactory
from tests.partnerships.factories import DepartmentFactory, EnterpriseFactory, MajorFactory

ROLES = ("administrator", "teacher", "liaison", "reporter")
STAFF_READ = {"administrator", "teacher", "liaison"}
ADMIN = {"administrator"}


@dataclass
class Resource:
    read: set[str]
    write: set[str]
    # Makes an object that belongs to the given enterprise (or a global one).
    make: Callable
    # True when a liaison sees only their own enterprise's objects.
    liaison_scoped: bool = True
    # Actions (POST /<id>/<action>/) and who may call them.
    actions: dict[str, set[str]] = field(default_factory=dict)
    # Downloads and other GET /<id>/<action>/ endpoints (path after the id, with
    # its query); readers may use them.
    downloads: set[str] = field(default_factory=set)


def _notification(enterprise, owner):
    from notifications.models import Notification

    return Notification.objects.create(recipient=owner, kind="test", subject="Test")


def _report(enterprise, owner):
    """A report the user requested (only they and administrators see it)."""
    from tests.reports.factories import ReportFactory

    return ReportFactory(requested_by=owner)


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
    from internships.models import Evaluation
    from tests.internships.factories import SCORES

    placement = _placement(enterprise, owner)
    return Evaluation.objects.create(
        placement=placement, side="enterprise", **{k: v for k, v in SCORES.items()}
    )


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


MATRIX: dict[str, Resource] = {
    "users": Resource(
        read=ADMIN, write=ADMIN, make=lambda e, owner: UserFactory(), liaison_scoped=False
    ),
    "departments": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: DepartmentFactory(),
        liaison_scoped=False,
    ),
    "majors": Resource(
        read=STAFF_READ, write=ADMIN, make=lambda e, owner: MajorFactory(), liaison_scoped=False
    ),
    "enterprises": Resource(read=STAFF_READ, write=ADMIN, make=lambda e, owner: e),
    "enterprise-contacts": Resource(read=STAFF_READ, write=ADMIN, make=_contact),
    "agreements": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: _agreement(e),
        actions={"activate": ADMIN, "terminate": ADMIN, "renew": ADMIN, "documents": ADMIN},
        downloads={"documents/"},
    ),
    # Reviews are created by activation and the daily roll, never by POST.
    "reviews": Resource(
        read=STAFF_READ, write=set(), make=_review, actions={"submit": ADMIN, "approve": ADMIN}
    ),
    "agreement-documents": Resource(
        read=STAFF_READ, write=ADMIN, make=_document, downloads={"download/"}
    ),
    "workstations": Resource(read=STAFF_READ, write=ADMIN, make=_workstation),
    # A liaison sees the committees their enterprise has a member on.
    "committees": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: _enterprise_member(e).committee,
        actions={"dissolve": ADMIN},
    ),
    "committee-members": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: _enterprise_member(e),
        actions={"end": ADMIN},
    ),
    "meetings": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: _meeting(e),
        actions={"hold": ADMIN, "cancel": ADMIN},
        downloads={"ics/"},
    ),
    "action-items": Resource(
        read=STAFF_READ, write=ADMIN, make=_action_item, actions={"complete": ADMIN}
    ),
    "students": Resource(
        read=STAFF_READ, write=ADMIN, make=lambda e, owner: _placement(e, owner).student
    ),
    "positions": Resource(
        read=STAFF_READ,
        write=ADMIN | {"liaison"},
        make=lambda e, owner: _position(e),
        actions={"close": ADMIN | {"liaison"}},
    ),
    "placements": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: _placement(e, owner, status="planned"),
        actions={"activate": ADMIN, "complete": ADMIN, "terminate": ADMIN},
    ),
    "attendance": Resource(read=STAFF_READ, write=ADMIN | {"liaison"}, make=_attendance),
    "placement-logs": Resource(read=STAFF_READ, write=STAFF_READ, make=_log),
    "evaluations": Resource(read=STAFF_READ, write=STAFF_READ, make=_evaluation),
    "groups": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: _group_member(e).group,
        downloads={"metrics/?year=2026"},
    ),
    "group-members": Resource(
        read=STAFF_READ,
        write=ADMIN,
        make=lambda e, owner: _group_member(e),
        actions={"leave": ADMIN},
    ),
    "group-resources": Resource(
        read=STAFF_READ, write=ADMIN, make=_in_group("SharedResourceFactory")
    ),
    "research-projects": Resource(
        read=STAFF_READ, write=ADMIN, make=_in_group("ResearchProjectFactory")
    ),
    "group-targets": Resource(read=STAFF_READ, write=ADMIN, make=_in_group("GroupTargetFactory")),
    "reports": Resource(
        read=ADMIN | {"reporter"},
        write=ADMIN | {"reporter"},
        make=_report,
        liaison_scoped=False,
    ),
    "notifications": Resource(
        read=set(ROLES),
        write=set(),
        make=_notification,
        actions={"read": set(ROLES)},
    ),
}

# A user's own settings, keyed by name rather than id: every role reads and
# writes only their own, anonymous callers get 401.
OWN_SETTINGS = {"notification-preferences": "review_due"}

# Plain API views: path -> roles that may GET it (None: open to anyone).
PLAIN = {
    "auth/token/": None,
    "me/": set(ROLES),
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
    from config.api import urlpatterns as api_patterns

    plain = {str(p.pattern) for p in api_patterns if isinstance(p, URLPattern)}
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
    assert _api_paths()


@pytest.fixture
def world(db):
    """Two enterprises, a liaison of each, and one user of every other role."""
    mine = EnterpriseFactory(name="Mine Robotics")
    theirs = EnterpriseFactory(name="Theirs Logistics")
    users = {
        "administrator": UserFactory(role="administrator"),
        "teacher": UserFactory(role="teacher"),
        "liaison": UserFactory(role="liaison", role__enterprise=mine),
        "reporter": UserFactory(role="reporter"),
        "other_liaison": UserFactory(role="liaison", role__enterprise=theirs),
    }
    return {"mine": mine, "theirs": theirs, "users": users}


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        from rest_framework.authtoken.models import Token

        client.credentials(
            HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}"
        )
    return client


def _ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("prefix", sorted(MATRIX))
def test_anonymous_callers_get_401(world, prefix):
    resource = MATRIX[prefix]
    obj = resource.make(world["mine"], world["users"]["liaison"])
    client = _client()
    assert client.get(f"/api/v1/{prefix}/").status_code == 401
    assert client.get(f"/api/v1/{prefix}/{obj.pk}/").status_code == 401
    assert client.post(f"/api/v1/{prefix}/", {}).status_code == 401
    for action in resource.actions:
        assert client.post(f"/api/v1/{prefix}/{obj.pk}/{action}/").status_code == 401
    for download in resource.downloads:
        assert client.get(f"/api/v1/{prefix}/{obj.pk}/{download}").status_code == 401


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("prefix", sorted(p for p, r in MATRIX.items() if r.downloads))
def test_downloads_follow_the_read_right(world, prefix, role):
    resource = MATRIX[prefix]
    user = world["users"][role]
    obj = resource.make(world["mine"], user)
    client = _client(user)
    for download in resource.downloads:
        status = client.get(f"/api/v1/{prefix}/{obj.pk}/{download}").status_code
        assert status == 200 if role in resource.read else status in (403, 404), (download, status)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("prefix", sorted(MATRIX))
def test_each_role_reads_only_what_it_may(world, prefix, role):
    resource = MATRIX[prefix]
    user = world["users"][role]
    obj = resource.make(world["mine"], user)
    client = _client(user)
    listing = client.get(f"/api/v1/{prefix}/?page_size=200")
    detail = client.get(f"/api/v1/{prefix}/{obj.pk}/")
    if role in resource.read:
        assert listing.status_code == 200, listing.content
        assert obj.pk in _ids(listing)
        assert detail.status_code == 200
    else:
        assert listing.status_code == 403
        assert detail.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("prefix", sorted(MATRIX))
def test_each_role_writes_only_what_it_may(world, prefix, role):
    resource = MATRIX[prefix]
    user = world["users"][role]
    obj = resource.make(world["mine"], user)
    client = _client(user)
    created = client.post(f"/api/v1/{prefix}/", {}, format="json")
    deleted = client.delete(f"/api/v1/{prefix}/{obj.pk}/")
    if role in resource.write:
        # Allowed through: the empty body fails validation (or is not the
        # multipart upload the endpoint takes), not permission.
        assert created.status_code in (400, 415), created.content
    else:
        assert created.status_code in (403, 405), created.content
        assert deleted.status_code in (403, 404, 405), deleted.content
    for action, roles in resource.actions.items():
        response = client.post(f"/api/v1/{prefix}/{obj.pk}/{action}/", {}, format="json")
        if role in roles:
            assert response.status_code not in (401, 403), (action, response.content)
        else:
            assert response.status_code in (403, 404), (action, response.content)


@pytest.mark.parametrize("prefix", sorted(p for p, r in MATRIX.items() if r.liaison_scoped))
def test_a_liaison_of_another_enterprise_never_sees_the_object(world, prefix):
    resource = MATRIX[prefix]
    obj = resource.make(world["mine"], world["users"]["liaison"])
    client = _client(world["users"]["other_liaison"])
    listing = client.get(f"/api/v1/{prefix}/?page_size=200")
    if "liaison" not in resource.read:
        assert listing.status_code == 403
        return
    assert listing.status_code == 200
    assert obj.pk not in _ids(listing)
    assert client.get(f"/api/v1/{prefix}/{obj.pk}/").status_code == 404
    for action in resource.actions:
        assert client.post(f"/api/v1/{prefix}/{obj.pk}/{action}/").status_code in (403, 404)
    for download in resource.downloads:
        assert client.get(f"/api/v1/{prefix}/{obj.pk}/{download}").status_code == 404


@pytest.mark.parametrize("prefix", sorted(OWN_SETTINGS))
def test_own_settings_are_each_users_own(world, prefix):
    key = OWN_SETTINGS[prefix]
    assert _client().get(f"/api/v1/{prefix}/").status_code == 401
    assert _client().get(f"/api/v1/{prefix}/{key}/").status_code == 401
    for role in ROLES:
        client = _client(world["users"][role])
        assert client.get(f"/api/v1/{prefix}/").status_code == 200
        assert client.get(f"/api/v1/{prefix}/{key}/").status_code == 200


@pytest.mark.parametrize("path", sorted(PLAIN))
def test_plain_api_views(world, path):
    roles = PLAIN[path]
    if roles is None:
        return
    assert _client().get(f"/api/v1/{path}").status_code == 401
    for role in ROLES:
        status = _client(world["users"][role]).get(f"/api/v1/{path}").status_code
        assert status == (200 if role in roles else 403)

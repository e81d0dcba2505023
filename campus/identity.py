"""Who an identity service's answer is: the one mapping from a number to a user.

CAS, OpenID Connect and LDAP each read a number (staff or student), perhaps a
role and a name from their attributes, and hand them here as an ``Identity``.
The number is matched first against the students' records (Student.student_number),
then against the staff numbers of the users' profiles. A student record without
an account gets one with the student role, linked to the record; a person
unknown to the records is refused (``SsoRefused``) unless the college lets
single sign-on create teachers (CAMPUS_SSO_CREATE_TEACHERS) and the role
attribute says teacher. Local accounts (enterprise people) are untouched.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.access import Role
from accounts.models import Profile
from accounts.services import user_create_external
from internships.models import Student

logger = logging.getLogger("campus.sso")

# What a staff or student number may look like; anything else is refused
# before it reaches a query.
NUMBER_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,29}")


@dataclass(frozen=True)
class Identity:
    protocol: str  # "cas", "oidc" or "ldap"
    number: str
    role: str = ""  # the raw value of the mapped role attribute
    name: str = ""


class SsoRefused(Exception):
    """Sign-in through the identity service cannot go on; ``message`` is for the person."""

    def __init__(self, code: str, message, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.message = message
        self.detail = detail


REFUSALS = {
    "sso_unknown_user": _(
        "Your campus account is not known to this system: no student record or staff "
        "number matches it. Please ask the internship office to add you."
    ),
    "sso_account_inactive": _("Your account here is switched off. Please ask the office."),
    "sso_number_missing": _(
        "The identity service did not send a staff or student number we can use."
    ),
    "sso_failed": _(
        "The campus identity service could not confirm your sign-in. Please try again."
    ),
    "sso_not_configured": _("Sign-in through the campus identity service is not set up."),
}


def refuse(code: str, detail: str = "") -> SsoRefused:
    return SsoRefused(code, REFUSALS[code], detail)


def role_from(value: str) -> Role | None:
    lowered = (value or "").strip().lower()
    if lowered in {v.lower() for v in settings.CAMPUS_SSO_TEACHER_VALUES}:
        return Role.TEACHER
    if lowered in {v.lower() for v in settings.CAMPUS_SSO_STUDENT_VALUES}:
        return Role.STUDENT
    return None


def number_of(user) -> str:
    """The staff number of a user, else the number of their student record, else ""."""
    profile = Profile.objects.filter(user=user).values_list("staff_number", flat=True).first()
    if profile:
        return profile
    number = Student.objects.filter(user=user).values_list("student_number", flat=True).first()
    return number or ""


def numbers_of(user_ids) -> dict[int, str]:
    """Many users' numbers in two queries (the messaging channels' addresses)."""
    ids = set(user_ids)
    found = dict(Student.objects.filter(user_id__in=ids).values_list("user_id", "student_number"))
    found.update(
        Profile.objects.filter(user_id__in=ids)
        .exclude(staff_number="")
        .values_list("user_id", "staff_number")
    )
    return found


def user_for(identity: Identity) -> User:
    """The user this identity is, linking or creating the account on first sign-in."""
    number = (identity.number or "").strip()
    if not NUMBER_RE.fullmatch(number):
        raise refuse("sso_number_missing", f"{identity.protocol}: number {number!r} unusable")
    try:
        user = _user_for(identity, number)
    except IntegrityError:
        # Two first sign-ins of the same person at once: the other one won
        # the account; it is there now.
        user = _user_for(identity, number)
    if not user.is_active:
        raise refuse("sso_account_inactive", f"{identity.protocol}: {number} is inactive")
    return user


@transaction.atomic
def _user_for(identity: Identity, number: str) -> User:
    student = Student.objects.select_for_update().filter(student_number=number).first()
    if student is not None:
        if student.user_id:
            return student.user
        user = user_create_external(
            username=_free_username(number), role=Role.STUDENT, first_name=student.name
        )
        student.user = user
        student.save(update_fields=["user", "updated_at"])
        logger.info("%s: created the student account of %s", identity.protocol, number)
        return user
    profile = Profile.objects.select_related("user").filter(staff_number=number).first()
    if profile is not None:
        return profile.user
    if settings.CAMPUS_SSO_CREATE_TEACHERS and role_from(identity.role) == Role.TEACHER:
        user = user_create_external(
            username=_free_username(number),
            role=Role.TEACHER,
            first_name=identity.name,
            staff_number=number,
        )
        logger.info("%s: created the teacher account of %s", identity.protocol, number)
        return user
    raise refuse(
        "sso_unknown_user",
        f"{identity.protocol}: {number} (role {identity.role!r}) matches no record",
    )


def _free_username(number: str) -> str:
    """The number itself, unless a local account already has that name."""
    candidate, suffix = number, 1
    while User.objects.filter(username__iexact=candidate).exists():
        suffix += 1
        candidate = f"{number}-{suffix}"
    return candidate

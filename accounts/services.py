from __future__ import annotations

from django.contrib.auth import password_validation
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.access import Role
from accounts.models import Profile
from common.exceptions import RuleError


# The enterprise is typed as a plain model: accounts imports no area app (the
# areas depend on accounts, never the reverse).
def _check_role_enterprise(role: str, enterprise: models.Model | None) -> None:
    if role not in Role.values:
        raise RuleError("invalid_role", _("Unknown role."), field="role")
    if role == Role.LIAISON and enterprise is None:
        raise RuleError(
            "liaison_needs_enterprise",
            _("An enterprise liaison must be linked to an enterprise."),
            field="enterprise",
        )
    if role != Role.LIAISON and enterprise is not None:
        raise RuleError(
            "enterprise_only_for_liaison",
            _("Only an enterprise liaison is linked to an enterprise."),
            field="enterprise",
        )


# The Student model is reached through the user's link (accounts imports no area app).
def _check_role_student(role: str, student: models.Model | None) -> None:
    if role == Role.STUDENT and student is None:
        raise RuleError(
            "student_required", _("A student account is linked to a student."), field="student"
        )
    if role != Role.STUDENT and student is not None:
        raise RuleError(
            "student_only_for_student",
            _("Only a student account is linked to a student."),
            field="student",
        )
    if student is not None:
        student = type(student).objects.select_for_update().get(pk=student.pk)
        if student.user_id is not None:
            raise RuleError(
                "student_has_account",
                _("This student has an account already."),
                field="student",
            )


def _set_role(user: User, role: str) -> None:
    groups = Group.objects.filter(name__in=Role.values)
    user.groups.remove(*groups)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    user._role_cache = Role(role)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    email: str = "",
    enterprise: models.Model | None = None,
    first_name: str = "",
    last_name: str = "",
    student: models.Model | None = None,
) -> User:
    _check_role_enterprise(role, enterprise)
    _check_role_student(role, student)
    if User.objects.filter(username__iexact=username).exists():
        raise RuleError("username_taken", _("This username is already taken."), field="username")
    candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
    try:
        password_validation.validate_password(password, user=candidate)
    except ValidationError as exc:
        raise RuleError("weak_password", " ".join(exc.messages), field="password") from None
    user = User.objects.create_user(
        username=username,
        password=password,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=role == Role.ADMINISTRATOR,
    )
    Profile.objects.create(user=user, enterprise=enterprise)
    _set_role(user, role)
    if student is not None:
        student.user = user
        student.save(update_fields=["user", "updated_at"])
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    role: str | None = None,
    enterprise: models.Model | None = None,
    email: str | None = None,
    password: str | None = None,
    is_active: bool | None = None,
) -> User:
    from accounts.access import role_of

    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    new_role = role or role_of(user) or Role.TEACHER
    # A new role brings its own enterprise (or none); otherwise keep the link.
    if role or enterprise is not None:
        new_enterprise = enterprise
    else:
        new_enterprise = profile.enterprise
    _check_role_enterprise(new_role, new_enterprise)
    if password:
        try:
            password_validation.validate_password(password, user=user)
        except ValidationError as exc:
            raise RuleError("weak_password", " ".join(exc.messages), field="password") from None
        user.set_password(password)
    if email is not None:
        user.email = email
    if is_active is not None:
        user.is_active = is_active
    user.is_staff = user.is_superuser or new_role == Role.ADMINISTRATOR
    user.save()
    profile.enterprise = new_enterprise
    profile.save(update_fields=["enterprise", "updated_at"])
    if role:
        _set_role(user, role)
    user._enterprise_cache = new_enterprise.pk if new_enterprise else None
    return user


def profile_set_language(*, user: User, language: str) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.language = language
    profile.save(update_fields=["language", "updated_at"])
    return profile


@transaction.atomic
def user_create_external(
    *, username: str, role: str, first_name: str = "", staff_number: str = ""
) -> User:
    """An account whose password is the college's identity service's business
    (single sign-on): no usable local password, so the sign-in form never
    accepts one for it."""
    _check_role_enterprise(role, None)
    if User.objects.filter(username__iexact=username).exists():
        raise RuleError("username_taken", _("This username is already taken."), field="username")
    user = User.objects.create_user(
        username=username,
        password=None,
        first_name=first_name[:150],
        is_staff=role == Role.ADMINISTRATOR,
    )
    Profile.objects.create(user=user, staff_number=staff_number)
    _set_role(user, role)
    return user

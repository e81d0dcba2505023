from accounts.access import Role, role_of


def role(request):
    user_role = role_of(getattr(request, "user", None))
    return {
        "user_role": user_role.value if user_role else None,
        "user_role_label": user_role.label if user_role else "",
        "is_administrator": user_role == Role.ADMINISTRATOR,
        "is_teacher": user_role == Role.TEACHER,
        "is_liaison": user_role == Role.LIAISON,
        "is_reporter": user_role == Role.REPORTER,
    }
